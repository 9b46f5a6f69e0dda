//! libFuzzer driver for [`konaplate_fuzz::check_jwe`]; run with `scripts/fuzz.sh jwe`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| konaplate_fuzz::check_jwe(data));
