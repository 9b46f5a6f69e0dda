#!/usr/bin/env python3
"""Cross-checks konaplate's JWE with independent implementations (Python joserfc and cryptography).

  python3 scripts/jwe-crosscheck.py path/to/konaplate

1. The known-answer vector (testdata/jwe/known-answer-a128gcm.jwe, made with fixed randomness):
   cryptography recomputes its AES-GCM part from the fixed content key and IV, and unwraps its key.
2. Ours -> theirs: `konaplate encrypt` output decrypts with joserfc (A128GCM and A256GCM).
3. Theirs -> ours: joserfc's JWEs (RSA-OAEP-256 and RSA-OAEP; A128GCM and A256GCM) decrypt with
   `konaplate decrypt`.
4. Tampered: joserfc refuses what konaplate refuses (a flipped tag byte).
"""
import base64
import json
import pathlib
import subprocess
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from joserfc import jwe
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey

ROOT = pathlib.Path(__file__).resolve().parent.parent
KEYS = ROOT / "testdata" / "keys"
BIN = sys.argv[1]
PLAINTEXTS = [
    b'{"cardNo":"1111222233334444","type":"ATM"}',
    b"{}",
    '{"userName":"홍길동","userId":9999999999999999999}'.encode(),
    b"x" * 5000,
]
REGISTRY = jwe.JWERegistry(algorithms=["RSA-OAEP-256", "RSA-OAEP", "A128GCM", "A256GCM"])
failures = 0
checks = 0


def check(ok, what):
    global failures, checks
    checks += 1
    print(("ok   - " if ok else "FAIL - ") + what)
    if not ok:
        failures += 1


def b64d(part):
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def konaplate(*args, stdin=b""):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, check=False)


server_private = RSAKey.import_key((KEYS / "server-private.pem").read_bytes())
server_public = RSAKey.import_key((KEYS / "server-public.pem").read_bytes())
raw_private = serialization.load_pem_private_key((KEYS / "server-private.pem").read_bytes(), None)

# 1. Known answer: content key 0x00..0x0f, IV 0xa0..0xab (see crates/konaplate-core/src/jwe/tests.rs).
kat = (ROOT / "testdata" / "jwe" / "known-answer-a128gcm.jwe").read_text().strip()
header, key_part, iv, ciphertext, tag = kat.split(".")
check(json.loads(b64d(header)) == {"alg": "RSA-OAEP-256", "enc": "A128GCM"} and b64d(header) == b'{"alg":"RSA-OAEP-256","enc":"A128GCM"}',
      "known answer: header is exactly {\"alg\":\"RSA-OAEP-256\",\"enc\":\"A128GCM\"}")
cek = bytes(range(16))
sealed = AESGCM(cek).encrypt(bytes(range(0xA0, 0xAC)), PLAINTEXTS[0], header.encode())
check(b64d(iv) == bytes(range(0xA0, 0xAC)) and b64d(ciphertext) + b64d(tag) == sealed,
      "known answer: cryptography's AES-GCM gives the same ciphertext and tag from the fixed key and IV")
unwrapped = raw_private.decrypt(b64d(key_part), padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None))
check(unwrapped == cek, "known answer: cryptography's RSA-OAEP-256 unwraps the fixed content key")
check(jwe.decrypt_compact(kat, server_private, registry=REGISTRY).plaintext == PLAINTEXTS[0], "known answer: joserfc decrypts it")

# 2. Ours -> theirs.
for enc in ["A128GCM", "A256GCM"]:
    for plaintext in PLAINTEXTS:
        out = konaplate("encrypt", "--public-key", str(KEYS / "server-certificate.pem"), "--enc", enc, stdin=plaintext)
        wrapper = json.loads(out.stdout)
        token = wrapper["encData"]
        got = jwe.decrypt_compact(token, server_private, registry=REGISTRY)
        check(out.returncode == 0 and list(wrapper) == ["encData"] and got.plaintext == plaintext
              and got.protected == {"alg": "RSA-OAEP-256", "enc": enc},
              f"ours -> joserfc: {enc}, {len(plaintext)} bytes")

# 3. Theirs -> ours.
for alg in ["RSA-OAEP-256", "RSA-OAEP"]:
    for enc in ["A128GCM", "A256GCM"]:
        for plaintext in PLAINTEXTS:
            token = jwe.encrypt_compact({"alg": alg, "enc": enc}, plaintext, server_public, registry=REGISTRY)
            out = konaplate("decrypt", "--private-key", str(KEYS / "server-private.pem"), stdin=json.dumps({"encData": token}).encode())
            check(out.returncode == 0 and out.stdout == plaintext, f"joserfc -> ours: {alg} + {enc}, {len(plaintext)} bytes")

# 4. Both refuse the same tampering.
token = jwe.encrypt_compact({"alg": "RSA-OAEP-256", "enc": "A128GCM"}, PLAINTEXTS[0], server_public, registry=REGISTRY)
parts = token.split(".")
bad_tag = bytearray(b64d(parts[4]))
bad_tag[0] ^= 1
parts[4] = base64.urlsafe_b64encode(bytes(bad_tag)).decode().rstrip("=")
tampered = ".".join(parts)
ours = konaplate("decrypt", "--private-key", str(KEYS / "server-private.pem"), stdin=tampered.encode())
try:
    jwe.decrypt_compact(tampered, server_private, registry=REGISTRY)
    theirs_refused = False
except JoseError:
    theirs_refused = True
check(ours.returncode == 1 and b"authentication failed" in ours.stderr and theirs_refused,
      "a flipped tag byte: refused by both (ours: authentication failed)")

print(f"{checks - failures}/{checks} JWE cross-checks passed")
sys.exit(1 if failures else 0)
