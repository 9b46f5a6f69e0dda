//! The core compiled to Wasm, run in headless Chromium by wasm-bindgen-test-runner (scripts/test.d/20-wasm.sh).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm/common.rs"]
mod common;

#[wasm_bindgen_test]
fn rfc4231_vector() {
    common::rfc4231_vector_in_wasm();
}

#[wasm_bindgen_test]
fn nineteen_digit_user_id() {
    common::nineteen_digit_user_id_survives_in_wasm();
}

#[wasm_bindgen_test]
fn presets() {
    common::presets_validate_in_wasm();
}
