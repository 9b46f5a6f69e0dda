//! The global allocator of every konaplate Wasm module (the page's console and its on-demand
//! modules, the JS package): talc instead of the standard library's dlmalloc, for a smaller
//! module (README, "Page size") and faster allocation. A module links it with
//! `use konaplate_wasm_alloc as _;`; natively it is empty and the system allocator stays.
//!
//! One crate rather than a `#[global_allocator]` in each module: a Wasm build that links two
//! of the modules (a test of one with another as a dev-dependency) must see one allocator.
#![no_std]

#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
