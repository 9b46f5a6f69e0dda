//! The Try It page's message encryption, in a Wasm module of its own that
//! `www/konaplate-try-it.js` imports only when an Encrypted operation is picked or a response
//! carries `encData` (the page's first load carries no RSA). The console calls it synchronously
//! through a small extern bridge (`konaplate-console`'s `crypto/bridge.rs`).
//!
//! Strings in, JSON text out: `{"ok": …}` or `{"error": {"kind", "en", "ko"}}`, so a failure is
//! data (never an exception through Wasm frames). `kind` is [`JweError::kind`] or `"key"`.
//! Nothing here returns or logs private key material except the published test key.

use std::cell::RefCell;

use konaplate_core::jwe::{self, Enc, JweError, KeyError, PrivateKey, PublicKey, Randomness};
use konaplate_core::sandbox::{MessageCrypto, SandboxCrypto};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

fn ok(value: impl Into<Value>) -> String {
    json!({ "ok": value.into() }).to_string()
}

fn failed(kind: &str, (en, ko): (String, String)) -> String {
    json!({ "error": { "kind": kind, "en": en, "ko": ko } }).to_string()
}

fn key_failed(e: &KeyError) -> String {
    failed("key", e.explain())
}

fn jwe_failed(e: &JweError) -> String {
    failed(e.kind(), e.explain())
}

fn fill(bytes: &mut [u8]) {
    // getrandom over crypto.getRandomValues cannot fail in a page that has Web Crypto.
    let _ = getrandom::fill(bytes);
}

/// `{"ok": {"bits", "private"}}` for a PEM key or certificate, or why it cannot be used.
#[wasm_bindgen(js_name = describeKey)]
pub fn describe_key(pem: &str, private: bool) -> String {
    if private {
        match PrivateKey::from_pem(pem) {
            Ok(key) => ok(json!({ "bits": key.bits(), "private": true })),
            Err(e) => key_failed(&e),
        }
    } else {
        match PublicKey::from_pem(pem) {
            Ok(key) => ok(json!({ "bits": key.bits(), "private": false })),
            Err(e) => key_failed(&e),
        }
    }
}

/// `{"ok": "{\"encData\":\"<JWE>\"}"}`: `plaintext` encrypted to the server key (RSA-OAEP-256 +
/// A128GCM) with fresh randomness.
#[wasm_bindgen(js_name = sealBody)]
pub fn seal_body(plaintext: &str, public_key_pem: &str) -> String {
    let key = match PublicKey::from_pem(public_key_pem) {
        Ok(key) => key,
        Err(e) => return key_failed(&e),
    };
    let mut bytes = [0u8; Randomness::LEN];
    fill(&mut bytes);
    match jwe::encrypt(&key, Enc::A128Gcm, plaintext.as_bytes(), &Randomness::from_bytes(&bytes)) {
        Ok(compact) => ok(jwe::wrap(&compact)),
        Err(e) => jwe_failed(&e),
    }
}

/// `{"ok": {"plaintext", "alg", "enc"}}` for `{"encData":"<JWE>"}` (or a bare JWE) under the
/// client's private key, or why not (wrong key, tampered, unsupported alg/enc, malformed).
#[wasm_bindgen(js_name = openBody)]
pub fn open_body(body: &str, private_key_pem: &str) -> String {
    let compact = if body.trim_start().starts_with('{') {
        match jwe::unwrap_body(body) {
            Ok(compact) => compact,
            Err(e) => return failed("malformed", e.explain()),
        }
    } else {
        body.trim().to_string()
    };
    let key = match PrivateKey::from_pem(private_key_pem) {
        Ok(key) => key,
        Err(e) => return key_failed(&e),
    };
    match jwe::decrypt(&key, &compact) {
        Ok(opened) => match String::from_utf8(opened.plaintext) {
            Ok(text) => ok(json!({ "plaintext": text, "alg": opened.alg.name(), "enc": opened.enc.name() })),
            Err(_) => failed(
                "malformed",
                ("the decrypted body is not UTF-8 text".into(), "복호화한 본문이 UTF-8 텍스트가 아닙니다".into()),
            ),
        },
        Err(e) => jwe_failed(&e),
    }
}

thread_local! {
    /// The in-browser sandbox's keys: the same published test keys `konaplate serve` uses.
    static SANDBOX: RefCell<SandboxCrypto> = RefCell::new(SandboxCrypto::test_keys(Box::new(fill)));
}

/// The in-browser sandbox's published keys (as `GET /sandbox/crypto-keys` answers), plus the
/// client's test private key (published in `testdata/keys/`; it protects nothing) so the
/// console can offer "use the test keys".
#[wasm_bindgen(js_name = sandboxKeys)]
pub fn sandbox_keys() -> String {
    let mut keys = SANDBOX.with(|s| s.borrow().published());
    keys["client"]["testPrivateKeyPem"] = jwe::test_keys::CLIENT_PRIVATE_PKCS8.into();
    ok(keys)
}

/// The in-browser sandbox's checks of an encrypted request, exactly as `konaplate serve` runs
/// them (core `SandboxCrypto::open_request`): `{"ok": plaintext}` or
/// `{"reply": {"status", "body"}}`. `headers_json`: `[[name, value], …]`.
#[wasm_bindgen(js_name = sandboxOpen)]
pub fn sandbox_open(headers_json: &str, body: &str) -> String {
    let headers: Vec<(String, String)> = serde_json::from_str(headers_json).unwrap_or_default();
    match SANDBOX.with(|s| s.borrow().open_request(&headers, body)) {
        Ok(plaintext) => ok(plaintext),
        Err(reply) => json!({ "reply": { "status": reply.status, "body": reply.body } }).to_string(),
    }
}

/// A response body sealed to the sandbox's client key (operations marked for response encryption).
#[wasm_bindgen(js_name = sandboxSeal)]
pub fn sandbox_seal(body: &str) -> String {
    SANDBOX.with(|s| s.borrow_mut().seal_response(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use konaplate_core::jwe::test_keys as k;

    fn parsed(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn a_sealed_body_opens_with_the_client_key_of_the_pair_and_not_with_another() {
        let sealed = parsed(&seal_body(r#"{"a":1}"#, k::CLIENT_PUBLIC_SPKI));
        let wire = sealed["ok"].as_str().unwrap();
        let opened = parsed(&open_body(wire, k::CLIENT_PRIVATE_PKCS8));
        assert_eq!(opened["ok"]["plaintext"], r#"{"a":1}"#);
        assert_eq!(opened["ok"]["enc"], "A128GCM");
        let wrong = parsed(&open_body(wire, k::SERVER_PRIVATE_PKCS8));
        assert_eq!(wrong["error"]["kind"], "wrongKey");
        assert!(wrong["error"]["ko"].as_str().unwrap().chars().any(|c| ('가'..='힣').contains(&c)));
    }

    #[test]
    fn keys_are_described_or_refused_with_the_reason() {
        assert_eq!(parsed(&describe_key(k::SERVER_CERTIFICATE, false))["ok"]["bits"], 2048);
        assert_eq!(parsed(&describe_key(k::RSA_1024_PUBLIC_SPKI, false))["error"]["kind"], "key");
        assert!(parsed(&describe_key(k::SERVER_PUBLIC_SPKI, true))["error"]["en"].as_str().unwrap().contains("private key"));
    }

    #[test]
    fn the_sandbox_opens_what_is_sealed_to_its_server_key_and_refuses_a_plain_body() {
        let wire = parsed(&seal_body(r#"{"cardNo":"1"}"#, k::SERVER_PUBLIC_SPKI))["ok"].as_str().unwrap().to_string();
        let headers = json!([["X-KM-Crypto-Key-Id", k::SERVER_KEY_ID]]).to_string();
        assert_eq!(parsed(&sandbox_open(&headers, &wire))["ok"], r#"{"cardNo":"1"}"#);
        let plain = parsed(&sandbox_open(&headers, r#"{"cardNo":"1"}"#));
        assert_eq!(plain["reply"]["body"]["response"]["code"], "000_911");
        let keys = parsed(&sandbox_keys());
        assert_eq!(keys["ok"]["server"]["keyId"], k::SERVER_KEY_ID);
    }
}
