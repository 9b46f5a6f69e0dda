//! libFuzzer driver for [`konaplate_fuzz::check_validate`]; run with `scripts/fuzz.sh validate`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| konaplate_fuzz::check_validate(data));
