#!/usr/bin/env bash
# Wasm tests through wasm-bindgen-test-runner (.cargo/config.toml): files without
# `run_in_browser` run in Node, files with it in headless Chromium via $CHROMEDRIVER.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# wasm-bindgen-test-runner reads ./webdriver.json (top of the repo) for Chromium flags:
# headless, no sandbox (CI runs as root), no background networking (the network is closed).
cargo test --target wasm32-unknown-unknown -p konaplate-core --test wasm_node --test wasm_browser
