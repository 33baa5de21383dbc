//! Bytes of any kind → `decode`, and `extract`. See shared/mod.rs for what is checked.

#![no_main]

mod shared;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = shared::decode(data);
});
