//! The core compiled to Wasm, run in Node by wasm-bindgen-test-runner (scripts/test.d/20-wasm.sh).
#![cfg(target_arch = "wasm32")]

#[path = "wasm/common.rs"]
#[macro_use]
mod common;

wasm_tests!();
