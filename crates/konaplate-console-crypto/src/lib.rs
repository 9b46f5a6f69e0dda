//! The Try It page's message encryption, in a Wasm module of its own that
//! `www/konaplate-try-it.js` imports only when an Encrypted operation is picked or a response
//! carries `encData` (the page's first load carries no RSA). The console calls it synchronously
//! through a small extern bridge (`konaplate-console`'s `crypto/bridge.rs`).
//!
//! Strings in, strings out, fields separated by U+001F (which JSON text never holds raw):
//! `ok␟…` or `error␟kind␟en␟ko`, so a failure is data (never an exception through Wasm frames)
//! and the console reads an answer without a JSON parser. `kind` is [`JweError::kind`] or `"key"`.
//! Nothing here returns private key material except the published test key.

use std::cell::RefCell;

use konaplate_core::jwe::{self, Enc, JweError, KeyError, PrivateKey, PublicKey, Randomness};
use konaplate_core::sandbox::{MessageCrypto, SandboxCrypto};
use wasm_bindgen::prelude::*;

/// The field separator of every answer.
pub const SEP: char = '\u{1f}';

fn ok(fields: &[&str]) -> String {
    let mut out = String::from("ok");
    for field in fields {
        out.push(SEP);
        out.push_str(field);
    }
    out
}

fn failed(kind: &str, why: konaplate_core::Text<String>) -> String {
    format!("error{SEP}{kind}{SEP}{}{SEP}{}", why.en, why.ko)
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

/// `ok␟bits` for a PEM key or certificate, or why it cannot be used.
#[wasm_bindgen(js_name = describeKey)]
pub fn describe_key(pem: &str, private: bool) -> String {
    if private {
        match PrivateKey::from_pem(pem) {
            Ok(key) => ok(&[&key.bits().to_string()]),
            Err(e) => key_failed(&e),
        }
    } else {
        match PublicKey::from_pem(pem) {
            Ok(key) => ok(&[&key.bits().to_string()]),
            Err(e) => key_failed(&e),
        }
    }
}

/// `ok␟{"encData":"<JWE>"}`: `plaintext` encrypted to the server key (RSA-OAEP-256 +
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
        Ok(compact) => ok(&[&jwe::wrap(&compact)]),
        Err(e) => jwe_failed(&e),
    }
}

/// `ok␟alg␟enc␟plaintext` for `{"encData":"<JWE>"}` (or a bare JWE) under the
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
            Ok(text) => ok(&[opened.alg.name(), opened.enc.name(), &text]),
            Err(_) => failed(
                "malformed",
                konaplate_core::Text::from_pair(
                    "the decrypted body is not UTF-8 text",
                    "복호화한 본문이 UTF-8 텍스트가 아닙니다",
                ),
            ),
        },
        Err(e) => jwe_failed(&e),
    }
}

thread_local! {
    /// The in-browser sandbox's keys: the same published test keys `konaplate serve` uses.
    static SANDBOX: RefCell<SandboxCrypto> = RefCell::new(SandboxCrypto::test_keys(Box::new(fill)));
}

/// The in-browser sandbox's keys, `ok␟server key id␟server public key PEM␟client key id␟client
/// private key PEM`: the published test keys of `testdata/keys/` (they protect nothing), so the
/// console can show the key ids and offer "use the test keys".
#[wasm_bindgen(js_name = sandboxKeys)]
pub fn sandbox_keys() -> String {
    let server_public =
        SANDBOX.with(|s| s.borrow().published()["server"]["publicKeyPem"].as_str().unwrap_or_default().to_string());
    let client_id =
        SANDBOX.with(|s| s.borrow().published()["client"]["keyId"].as_str().unwrap_or_default().to_string());
    let server_id = SANDBOX.with(|s| s.borrow().server_key_id().to_string());
    ok(&[&server_id, &server_public, &client_id, jwe::test_keys::CLIENT_PRIVATE_PKCS8])
}

/// The in-browser sandbox's checks of an encrypted request, exactly as `konaplate serve` runs
/// them (core `SandboxCrypto::open_request`): `ok␟plaintext` or `reply␟status␟body`.
/// `headers`: one `name: value` a line.
#[wasm_bindgen(js_name = sandboxOpen)]
pub fn sandbox_open(headers: &str, body: &str) -> String {
    let headers: Vec<(String, String)> =
        headers.lines().filter_map(|line| line.split_once(": ").map(|(n, v)| (n.to_string(), v.to_string()))).collect();
    match SANDBOX.with(|s| s.borrow().open_request(&headers, body)) {
        Ok(plaintext) => ok(&[&plaintext]),
        Err(reply) => format!("reply{SEP}{}{SEP}{}", reply.status, reply.body),
    }
}

/// `ok␟{"encData"}`: a response body sealed to the sandbox's client key (operations marked for response encryption).
#[wasm_bindgen(js_name = sandboxSeal)]
pub fn sandbox_seal(body: &str) -> String {
    ok(&[&SANDBOX.with(|s| s.borrow_mut().seal_response(body))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use konaplate_core::jwe::test_keys as k;

    fn fields(answer: &str) -> Vec<&str> {
        answer.split(SEP).collect()
    }

    #[test]
    fn a_sealed_body_opens_with_the_client_key_of_the_pair_and_not_with_another() {
        let sealed = seal_body(r#"{"a":1}"#, k::CLIENT_PUBLIC_SPKI);
        let wire = fields(&sealed)[1];
        assert!(wire.starts_with(r#"{"encData":""#), "{wire}");
        assert_eq!(fields(&open_body(wire, k::CLIENT_PRIVATE_PKCS8)), ["ok", "RSA-OAEP-256", "A128GCM", r#"{"a":1}"#]);
        let wrong = open_body(wire, k::SERVER_PRIVATE_PKCS8);
        assert_eq!(fields(&wrong)[..2], ["error", "wrongKey"]);
        assert!(fields(&wrong)[3].chars().any(|c| ('가'..='힣').contains(&c)));
    }

    #[test]
    fn keys_are_described_or_refused_with_the_reason() {
        assert_eq!(fields(&describe_key(k::SERVER_CERTIFICATE, false)), ["ok", "2048"]);
        assert_eq!(fields(&describe_key(k::RSA_1024_PUBLIC_SPKI, false))[..2], ["error", "key"]);
        assert!(fields(&describe_key(k::SERVER_PUBLIC_SPKI, true))[2].contains("private key"));
    }

    #[test]
    fn the_sandbox_opens_what_is_sealed_to_its_server_key_and_refuses_a_plain_body() {
        let sealed = seal_body(r#"{"cardNo":"1"}"#, k::SERVER_PUBLIC_SPKI);
        let headers = format!("Content-Type: application/json\nX-KM-Crypto-Key-Id: {}", k::SERVER_KEY_ID);
        assert_eq!(fields(&sandbox_open(&headers, fields(&sealed)[1])), ["ok", r#"{"cardNo":"1"}"#]);
        let plain = sandbox_open(&headers, r#"{"cardNo":"1"}"#);
        assert_eq!(fields(&plain)[..2], ["reply", "400"]);
        assert!(fields(&plain)[2].contains("000_911"));
        assert_eq!(fields(&sandbox_keys())[1], k::SERVER_KEY_ID);
        assert_eq!(fields(&sandbox_keys())[4], k::CLIENT_PRIVATE_PKCS8);
    }
}
