//! libFuzzer driver for [`konaplate_fuzz::check_response`]; run with `scripts/fuzz.sh response`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| konaplate_fuzz::check_response(data));
