#!/usr/bin/env bash
# The exported collections against `konaplate serve`: the Postman collection with newman and the
# Bruno collection with Bruno's CLI (both from exports/package-lock.json). Every request must pass
# the signature check and get its documented code; with a wrong secret both runs must fail (the
# check can fail). Then the scripts' formats, byte for byte against `konaplate headers`
# (exports/scripts.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
cargo build -q -p konaplate-cli
bin="${CARGO_TARGET_DIR:-$PWD/target}/debug/konaplate"
"$bin" export postman --out "$work/postman.json"
"$bin" export bruno --out "$work/bruno" >/dev/null
secret="exports-ci-secret-$RANDOM$RANDOM"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
KONAPLATE_SECRET_KEY="$secret" "$bin" serve --port "$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port/open-api"
# The sandbox project's access key, as the server prints it on start (a public sandbox value).
access_key=$(awk '$1 == "access" && $2 == "key" {print $3}' "$work/serve.log")
tools="$PWD/exports/node_modules/.bin"

newman_run() {
  "$tools/newman" run "$work/postman.json" --env-var "baseUrl=$base" --env-var "secretKey=$1" \
    --env-var "accessKey=$access_key" --reporters cli --color off --disable-unicode
}
bruno_run() {
  (cd "$work/bruno" && "$tools/bru" run -r --env konaplate-sandbox --env-var "baseUrl=$base" \
    --env-var "secretKey=$1" --env-var "accessKey=$access_key")
}
for tool in newman bruno; do
  if "${tool}_run" "$secret" >"$work/$tool.log" 2>&1; then
    echo "ok   - $tool: the exported collection passes against konaplate serve ($(grep -cE 'code is [0-9]{3}_[0-9]{3}' "$work/$tool.log") requests checked)"
  else
    cat "$work/$tool.log"
    echo "FAIL - $tool: the exported collection fails against konaplate serve"
    exit 1
  fi
  if "${tool}_run" "not-the-secret" >"$work/$tool-wrong.log" 2>&1; then
    cat "$work/$tool-wrong.log"
    echo "FAIL - $tool: signed with a wrong secret, the collection still passed"
    exit 1
  else
    echo "ok   - $tool: signed with a wrong secret, the collection fails (000_903)"
  fi
done
grep -q "000_903" "$work/serve.log" || { echo "FAIL - the wrong-secret runs never reached the signature check"; exit 1; }
KONAPLATE_BIN="$bin" POSTMAN_COLLECTION="$work/postman.json" BRUNO_COLLECTION="$work/bruno" \
  node --test exports/scripts.test.mjs
