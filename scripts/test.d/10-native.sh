#!/usr/bin/env bash
# Native Rust tests of every crate (unit, property, cross-checks, CLI, sandbox server).
set -euo pipefail
cargo test --workspace --all-targets --no-fail-fast
# The page's first load has the operations beyond the charge flow as stubs until it loads them
# (core's `catalog::deferred`); these tests install them for the whole process, so they run alone.
cargo test -p konaplate-core --features deferred-operations --lib catalog::deferred
# The JS package's main entry's catalog (no prose): every core unit test but the three that
# compare the prose itself (ignored under the feature, with the reason).
cargo test -p konaplate-core --features lean-catalog --lib
cargo test -p konaplate-console --features deferred-operations --lib state::tests::stubbed_operations
