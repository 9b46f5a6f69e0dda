#!/usr/bin/env bash
# Formatting and clippy, warnings as errors: natively for the workspace (with the fuzz crate's
# stable smoke), and for wasm32 for the crates that only build there (the page's modules, the JS
# package's boundary).
set -euo pipefail
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
# The core as the Wasm shells take it: no default features (no regex engine, no `diagnose`).
cargo clippy -p konaplate-core --no-default-features --all-targets -- -D warnings
for crate in konaplate-console konaplate-console-spec konaplate-console-crypto konaplate-console-diagnose konaplate-console-sandbox konaplate-wasm konaplate-crypto-wasm konaplate-js-pattern; do
  cargo clippy -p "$crate" --target wasm32-unknown-unknown --all-targets -- -D warnings
done
# The JS package's konaplate/document build (the same crate with its `document` feature).
cargo clippy -p konaplate-wasm --features document --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p konaplate-wasm --features lean --target wasm32-unknown-unknown --all-targets -- -D warnings
# The page's console as Trunk builds it: the operations beyond the charge flow load on demand.
cargo clippy -p konaplate-console --features deferred-operations --target wasm32-unknown-unknown --all-targets -- -D warnings
