//! Markup → `html_to_text` → `check_text`. See shared/mod.rs for what is checked.

#![no_main]

mod shared;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = shared::html(data);
});
