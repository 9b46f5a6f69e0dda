#!/usr/bin/env bash
# Native Rust tests of every crate (unit, property, cross-checks, CLI, sandbox server).
set -euo pipefail
cargo test --workspace --all-targets --no-fail-fast
