//! UTF-8 text → `check_text`, and `check_pair` on its two halves now and then.
//! See shared/mod.rs for what is checked.

#![no_main]

mod shared;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = shared::text(data);
});
