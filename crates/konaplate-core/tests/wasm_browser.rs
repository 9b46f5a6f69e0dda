//! The core compiled to Wasm, run in headless Chromium by wasm-bindgen-test-runner (scripts/test.d/20-wasm.sh).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm/common.rs"]
#[macro_use]
mod common;

wasm_tests!();
