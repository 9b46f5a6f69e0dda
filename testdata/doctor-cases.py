#!/usr/bin/env python3
"""Writes testdata/doctor-cases.json: broken requests, each with its expected diagnosis.

Tokens are computed here with Python's hmac/hashlib/base64, independently of konaplate's Rust,
so the table also cross-checks the signing. Run: python3 testdata/doctor-cases.py
"""
import base64, hashlib, hmac, json, os

SECRET = "doctor-table-secret"
PATH = "/open-api/api/v1/recharges/by-bank-accounts/no-hce"
URL = "https://sandbox.konaplate.com" + PATH
TRAN_TIME = "20261125120000"          # KST
TOKEN_TIME = TRAN_TIME + "123"
TOKEN_TIME_UTC = "20261125030000123"  # the same instant written in UTC
NOW_MS = 1795575630000                 # 2026-11-25T03:00:30Z: the table's clock, 30 s after TRAN_TIME


def body_dict(seq="S-1", user=1234567890123456789):
    return {"sequenceId": seq, "userId": user, "amount": 10000, "oneTimeToken": "1111222233334444",
            "dcvv": "123", "merchantId": "123456789012345"}


def compact(d, **kw):
    return json.dumps(d, separators=(",", ":"), ensure_ascii=False, **kw)


def mac_bytes(signed, secret=SECRET):
    return hmac.new(secret.encode(), signed.encode(), hashlib.sha256).digest()


def token(signed, secret=SECRET, time=TOKEN_TIME, enc=lambda m: base64.b64encode(m).decode()):
    return f"KMV1:{time}:{enc(mac_bytes(signed, secret))}"


def headers(tok, time_zone="KST", content_type="application/json", tran_time=TRAN_TIME):
    h = [("Content-Type", content_type), ("X-KM-User-AspId", "KPSANDBOX000001"),
         ("X-KM-Correlation-Id", "261125120000-0a1b2c3"),
         ("X-KM-Access-Key", "kp_sandbox_access_key_000000000000000000"),
         ("X-KM-Tran-Token", tok), ("X-KM-Tran-Time", tran_time), ("X-KM-Time-Zone", time_zone)]
    return [(n, v) for n, v in h if v is not None]


def sh_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def curl(sent, tok, url=URL, data_option="--data-raw", method=None, **kw):
    lines = ["curl" + (f" -X {method}" if method else "") + f" {sh_quote(url)}"]
    lines += [f"  -H {sh_quote(n + ': ' + v)}" for n, v in headers(tok, **kw)]
    lines.append(f"  {data_option} {sh_quote(sent)}" if not sent.startswith("@") else f"  {data_option} {sent}")
    return " \\\n".join(lines) + "\n"


def raw(sent, tok, **kw):
    head = [f"POST {PATH} HTTP/1.1", "Host: sandbox.konaplate.com"]
    head += [f"{n}: {v}" for n, v in headers(tok, **kw)]
    head.append(f"Content-Length: {len(sent.encode())}")
    return "\r\n".join(head) + "\r\n\r\n" + sent


def har_entry(sent, tok, **kw):
    return {"request": {"method": "POST", "url": URL, "httpVersion": "HTTP/1.1",
                        "headers": [{"name": n, "value": v} for n, v in headers(tok, **kw)],
                        "postData": {"mimeType": "application/json", "text": sent}}}


def har(*entries):
    return json.dumps({"log": {"version": "1.2", "creator": {"name": "table", "version": "1"},
                               "entries": list(entries)}}, indent=2, ensure_ascii=False)


BODY = compact(body_dict())
PRETTY = json.dumps(body_dict(), indent=2, ensure_ascii=False)


def body_whose_mac_has(chars):
    """A body whose standard Base64 MAC contains one of `chars`, so URL-safe differs visibly."""
    for i in range(1000):
        b = compact(body_dict(seq=f"S-{i}"))
        if any(c in base64.b64encode(mac_bytes(b)).decode() for c in chars):
            return b
    raise SystemExit("no such body")


cases = []


def case(name, input, expect, secret=SECRET):
    cases.append({"name": name, "secret": secret, "input": input, "expect": expect})


def sig(kind, causes=None, extra=()):
    findings = list(extra) + [kind]
    out = {"exit": 0 if kind == "signatureMatches" and not extra else 1, "findings": findings}
    if causes is not None:
        out["causes"] = causes
    return out


case("curl, signed and sent identically", curl(BODY, token(BODY)), sig("signatureMatches"))
case("raw HTTP, signed and sent identically", raw(BODY, token(BODY)), sig("signatureMatches"))
case("HAR entry, signed and sent identically", json.dumps(har_entry(BODY, token(BODY))), sig("signatureMatches"))
def ansi_c(s):
    """Bash's $'...' quoting, as a browser's "Copy as cURL (bash)" writes bodies with newlines."""
    return "$'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"


copied = curl(BODY, token(PRETTY)).replace(f"--data-raw {sh_quote(BODY)}", f"--data-raw {ansi_c(PRETTY)}")
case("browser's Copy as cURL: a pretty body in $'...' quoting, signed as sent", copied, sig("signatureMatches"))
case("signed pretty-printed, sent compact", curl(BODY, token(PRETTY)), sig("signatureReproduced", ["prettyPrinted"]))
case("signed compact, sent pretty-printed (raw HTTP)", raw(PRETTY, token(BODY)), sig("signatureReproduced", ["compacted"]))
case("signed with 4-space indent", curl(BODY, token(json.dumps(body_dict(), indent=4))),
     sig("signatureReproduced", ["prettyPrinted"]))
case("signed with Python json.dumps spacing", curl(BODY, token(json.dumps(body_dict()))),
     sig("signatureReproduced", ["pythonSpacing"]))
case("signed with keys sorted", curl(BODY, token(compact(body_dict(), sort_keys=True))),
     sig("signatureReproduced", ["keysSorted"]))
reordered = compact({k: body_dict()[k] for k in ["userId", "sequenceId", "amount", "oneTimeToken", "dcvv", "merchantId"]})
case("signed with keys in another order", curl(BODY, token(reordered)), sig("signatureReproduced", ["keysReordered"]))
# JSON.parse then JSON.stringify: 1234567890123456789 becomes 1234567890123456800.
js_float = BODY.replace("1234567890123456789", "1234567890123456800")
case("userId went through a JavaScript number before signing", curl(BODY, token(js_float)),
     sig("signatureReproduced", ["numbersThroughFloat"]))
case("signed with a trailing newline, sent without", curl(BODY, token(BODY + "\n")),
     sig("signatureReproduced", ["trailingNewlineAdded"]))
case("sent with a trailing newline the token does not cover (HAR)", json.dumps(har_entry(BODY + "\n", token(BODY))),
     sig("signatureReproduced", ["trailingNewlineRemoved"]))
case("pretty-printed plus a newline (a file written by an editor)", curl(BODY, token(PRETTY + "\n")),
     sig("signatureReproduced", ["prettyPrinted", "trailingNewlineAdded"]))
url_body = body_whose_mac_has("+/")
case("MAC in URL-safe Base64", curl(url_body, token(url_body, enc=lambda m: base64.urlsafe_b64encode(m).decode())),
     {"exit": 1, "findings": ["signatureReproduced"], "causes": ["urlSafeBase64"],
      "errors": [["X-KM-Tran-Token", "format"]]})
case("MAC without Base64 padding", curl(BODY, token(BODY, enc=lambda m: base64.b64encode(m).decode().rstrip("="))),
     {"exit": 1, "findings": ["signatureReproduced"], "causes": ["unpaddedBase64"],
      "errors": [["X-KM-Tran-Token", "format"]]})
case("MAC in hexadecimal", curl(BODY, token(BODY, enc=lambda m: m.hex())),
     {"exit": 1, "findings": ["signatureReproduced"], "causes": ["hexDigest"],
      "errors": [["X-KM-Tran-Token", "format"]]})
case("token time in UTC while X-KM-Time-Zone says KST", curl(BODY, token(BODY, time=TOKEN_TIME_UTC)),
     {"exit": 1, "findings": ["tokenTimeZone", "signatureMatches"]})
case("X-KM-Tran-Time written in UTC while X-KM-Time-Zone says KST",
     curl(BODY, token(BODY, time=TOKEN_TIME_UTC), tran_time=TOKEN_TIME_UTC[:14]),
     {"exit": 1, "findings": ["tranTimeZone", "signatureMatches"]})
case("an old request: X-KM-Tran-Time an hour before the clock",
     curl(BODY, token(BODY, time="20261125110000123"), tran_time="20261125110000"),
     {"exit": 0, "findings": ["tranTimeOutsideWindow", "signatureMatches"]})
case("signed with a different secret", curl(BODY, token(BODY, secret="someone-elses-secret")), sig("differentSecret"))
case("secret read from a file with its newline", curl(BODY, token(BODY, secret=SECRET + "\n")),
     sig("signatureReproduced", ["secretTrailingNewline"]))
case("no secret given: the MAC is not checked", curl(BODY, token(BODY)), {"exit": 0, "findings": ["signatureNotChecked"]},
     secret=None)
case("body in a file (@body.json)", curl("@body.json", token(BODY), data_option="--data-binary"),
     {"exit": 1, "findings": ["bodyInFile"]})
case("userId of 20 digits, correctly signed", curl(BODY.replace("1234567890123456789", "12345678901234567890"),
                                                   token(BODY.replace("1234567890123456789", "12345678901234567890"))),
     {"exit": 1, "findings": ["signatureMatches"], "errors": [["$.userId", "maximum"]]})
case("unknown path", curl(BODY, token(BODY), url="https://sandbox.konaplate.com/open-api/api/v1/charge"),
     {"exit": 1, "findings": ["unknownOperation", "signatureMatches"]})
case("GET instead of POST", curl(BODY, token(BODY), method="GET"), {"exit": 1, "findings": ["method", "signatureMatches"]})
case("Content-Type text/plain", curl(BODY, token(BODY), content_type="text/plain"),
     {"exit": 1, "findings": ["contentType", "signatureMatches"]})
case("HAR log with a good and a re-serialised request",
     har(har_entry(BODY, token(BODY)), har_entry(BODY, token(PRETTY))),
     {"exit": 1, "requests": [{"findings": ["signatureMatches"]},
                              {"findings": ["signatureReproduced"], "causes": ["prettyPrinted"]}]})
case("not a request", "hello, is this the signature?\n", {"exit": 2})
case("cURL with an unclosed quote", "curl 'https://sandbox.konaplate.com/x -H 'A: b'\n", {"exit": 2})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "doctor-cases.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"_comment": "Generated by testdata/doctor-cases.py (tokens by Python's hmac). Read by "
                           "crates/konaplate-core/tests/doctor_cases.rs and crates/konaplate-cli/tests/doctor.rs. "
                           "nowMs is the clock the requests are diagnosed at.",
               "nowMs": NOW_MS, "cases": cases}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"{len(cases)} cases -> {out}")
