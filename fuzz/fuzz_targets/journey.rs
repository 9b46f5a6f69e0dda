//! libFuzzer driver for [`konaplate_fuzz::journey::check_journey`]; run with `scripts/fuzz.sh journey`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| konaplate_fuzz::journey::check_journey(data));
