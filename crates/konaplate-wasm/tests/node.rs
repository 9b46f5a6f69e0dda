//! The JS boundary in Node (wasm-bindgen-test-runner's default).
#![cfg(target_arch = "wasm32")]

#[macro_use]
mod common;

wasm_tests!();
