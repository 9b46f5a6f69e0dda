#!/usr/bin/env bash
# Wasm tests through wasm-bindgen-test-runner (.cargo/config.toml): files without
# `run_in_browser` run in Node, files with it in headless Chromium via $CHROMEDRIVER.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# The runner's Chromium flags come from webdriver.json at the top of the repo: headless, no
# sandbox (CI runs as root), no background networking (the network is closed).
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/webdriver.json"
cargo test --target wasm32-unknown-unknown -p konaplate-core --test wasm_node --test wasm_browser
cargo test --target wasm32-unknown-unknown -p konaplate-wasm --test node --test browser
# The Wasm shells' pattern engine: JavaScript's RegExp behind the core's check (Node).
cargo test --target wasm32-unknown-unknown -p konaplate-js-pattern --test node
