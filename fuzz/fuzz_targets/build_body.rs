//! libFuzzer driver for [`konaplate_fuzz::check_build_body`]; run with `scripts/fuzz.sh build_body`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| konaplate_fuzz::check_build_body(data));
