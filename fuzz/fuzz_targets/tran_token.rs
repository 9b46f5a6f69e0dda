//! libFuzzer driver for [`konaplate_fuzz::check_tran_token`]; run with `scripts/fuzz.sh tran_token`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| konaplate_fuzz::check_tran_token(data));
