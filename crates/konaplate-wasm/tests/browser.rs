//! The JS boundary in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod common;

#[wasm_bindgen_test]
fn bigint_user_id_is_exact() {
    common::bigint_user_id_is_exact();
}

#[wasm_bindgen_test]
fn unsafe_number_and_misuse() {
    common::unsafe_number_and_misuse();
}
