//! libFuzzer driver for [`konaplate_fuzz::check_json`]; run with `scripts/fuzz.sh json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| konaplate_fuzz::check_json(data));
