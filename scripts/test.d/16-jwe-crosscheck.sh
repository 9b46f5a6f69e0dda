#!/usr/bin/env bash
# Message encryption against independent implementations (Python joserfc + cryptography): the
# known-answer vector, our JWEs decrypted by them, theirs decrypted by us, tampering refused by both.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q -p konaplate-cli
python3 scripts/jwe-crosscheck.py "${CARGO_TARGET_DIR:-target}/debug/konaplate"
