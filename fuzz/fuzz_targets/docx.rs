//! A Word file → `docx_to_text`, and `check_bytes` as "a.docx". See shared/mod.rs for what is checked.

#![no_main]

mod shared;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = shared::docx(data);
});
