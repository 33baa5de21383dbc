//! A PDF file → `pdf_to_text`, and `check_bytes` as "a.pdf". See shared/mod.rs for what is checked.

#![no_main]

mod shared;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = shared::pdf(data);
});
