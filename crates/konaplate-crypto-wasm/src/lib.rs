//! `konaplate/crypto`: `encryptBody` and `decryptBody` over `konaplate_core::jwe`, in a Wasm
//! module of its own (loaded only by callers that encrypt). Strings in, strings out; a failure
//! is an `Error` whose message starts `konaplate: ` and gives the reason in English, then Korean.

use konaplate_core::jwe::{self, Enc, PrivateKey, PublicKey, Randomness};
use wasm_bindgen::prelude::*;
// The module's global allocator (talc, not dlmalloc).
use konaplate_wasm_alloc as _;

fn error(en: &str, ko: &str) -> JsError {
    JsError::new(&format!("konaplate: {en} / {ko}"))
}

fn explained(why: konaplate_core::Text<String>) -> JsError {
    error(&why.en, &why.ko)
}

/// `{"encData":"<JWE>"}` for `plaintext` (the exact JSON text to send and sign), encrypted to
/// the server key in `publicKeyPem` (SPKI, PKCS#1 or an X.509 certificate). `enc` is
/// `"A128GCM"` (default) or `"A256GCM"`.
#[wasm_bindgen(js_name = encryptBody)]
pub fn encrypt_body(plaintext: &str, public_key_pem: &str, enc: Option<String>) -> Result<String, JsError> {
    let enc = match enc.as_deref() {
        None => Enc::A128Gcm,
        Some(name) => Enc::from_name(name).ok_or_else(|| {
            error(
                &format!("enc must be \"A128GCM\" or \"A256GCM\" (got {})", konaplate_core::violation::quote(name)),
                &format!(
                    "enc는 \"A128GCM\" 또는 \"A256GCM\"이어야 합니다(입력 {})",
                    konaplate_core::violation::quote(name)
                ),
            )
        })?,
    };
    let key = PublicKey::from_pem(public_key_pem).map_err(|e| explained(e.explain()))?;
    let mut bytes = [0u8; Randomness::LEN];
    getrandom::fill(&mut bytes)
        .map_err(|_| error("no secure randomness (crypto.getRandomValues)", "보안 난수를 얻을 수 없습니다"))?;
    let compact = jwe::encrypt(&key, enc, plaintext.as_bytes(), &Randomness::from_bytes(&bytes))
        .map_err(|e| explained(e.explain()))?;
    Ok(jwe::wrap(&compact))
}

/// The plaintext of `{"encData":"<JWE>"}` (or a bare compact JWE) under the private key in
/// `privateKeyPem` (PKCS#8 or PKCS#1).
#[wasm_bindgen(js_name = decryptBody)]
pub fn decrypt_body(body: &str, private_key_pem: &str) -> Result<String, JsError> {
    let compact = if body.trim_start().starts_with('{') {
        jwe::unwrap_body(body).map_err(|e| explained(e.explain()))?
    } else {
        body.trim().to_string()
    };
    let key = PrivateKey::from_pem(private_key_pem).map_err(|e| explained(e.explain()))?;
    let opened = jwe::decrypt(&key, &compact).map_err(|e| explained(e.explain()))?;
    String::from_utf8(opened.plaintext)
        .map_err(|_| error("the decrypted body is not UTF-8 text", "복호화한 본문이 UTF-8 텍스트가 아닙니다"))
}
