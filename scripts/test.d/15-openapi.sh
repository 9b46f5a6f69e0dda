#!/usr/bin/env bash
# The OpenAPI 3.1 document generated from the catalog passes an independent validator.
set -euo pipefail
cd "$(dirname "$0")/../.."
doc=$(mktemp --suffix=.json)
trap 'rm -f "$doc"' EXIT
cargo run -q -p konaplate-cli -- openapi > "$doc"
if python3 -m openapi_spec_validator "$doc"; then
  echo "ok   - konaplate openapi passes openapi-spec-validator (OpenAPI 3.1)"
else
  echo "FAIL - konaplate openapi is not a valid OpenAPI 3.1 document"
  exit 1
fi
