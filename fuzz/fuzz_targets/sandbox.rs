//! libFuzzer driver for [`konaplate_fuzz::check_sandbox`]; run with `scripts/fuzz.sh sandbox`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| konaplate_fuzz::check_sandbox(data));
