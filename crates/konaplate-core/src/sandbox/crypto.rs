//! Message encryption in the sandbox: the server's key pair (requests are encrypted to it), the
//! client's public key (responses of operations marked for response encryption are encrypted to
//! it), and the checks an encrypted request passes after the tran-token, in order: the key id
//! header, a body that is only `encData`, decryption. Randomness for responses is a caller-supplied
//! fill function (the core has no RNG).

use serde_json::{json, Value};

use crate::catalog::{self, Code};
use crate::jwe::{self, Enc, JweError, KeyError, Malformed, PrivateKey, PublicKey, Randomness};
use crate::text::{ko, Text};

use super::reply::Reply;

/// Fills a buffer with fresh random bytes (the server passes the OS's; tests a fixed source).
pub type Fill = Box<dyn FnMut(&mut [u8]) + Send>;

/// What the sandbox asks of message encryption. It holds a trait object, so a sandbox built
/// without keys (the console's in-browser one) links no RSA or AES code: only the CLI, which
/// constructs [`SandboxCrypto`], pays for it.
pub trait MessageCrypto: Send + std::fmt::Debug {
    /// The plaintext body of an encrypted request, or the reply that says why not.
    fn open_request(&self, headers: &[(String, String)], body: &str) -> Result<String, Reply>;
    /// `{"encData":"<JWE>"}` of `body` for the client key.
    fn seal_response(&mut self, body: &str) -> String;
    /// The key id requests must name in X-KM-Crypto-Key-Id.
    fn server_key_id(&self) -> &str;
    /// The public keys and key ids a client needs (no private material).
    fn published(&self) -> Value;
}

/// The sandbox's keys. With them the sandbox enforces encryption; without them (the in-browser
/// console's sandbox) encrypted operations accept plain bodies, as before.
pub struct SandboxCrypto {
    server_key: PrivateKey,
    server_key_id: String,
    client_key: PublicKey,
    client_key_id: String,
    fill: Fill,
}

impl std::fmt::Debug for SandboxCrypto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxCrypto")
            .field("server_key_id", &self.server_key_id)
            .field("client_key_id", &self.client_key_id)
            .finish_non_exhaustive()
    }
}

impl SandboxCrypto {
    /// Keys from PEM text: the server's private key and the client's public key (or certificate).
    pub fn new(
        server_private_pem: &str,
        server_key_id: &str,
        client_public_pem: &str,
        client_key_id: &str,
        fill: Fill,
    ) -> Result<SandboxCrypto, KeyError> {
        Ok(SandboxCrypto {
            server_key: PrivateKey::from_pem(server_private_pem)?,
            server_key_id: server_key_id.to_string(),
            client_key: PublicKey::from_pem(client_public_pem)?,
            client_key_id: client_key_id.to_string(),
            fill,
        })
    }

    /// The published test keys of `testdata/keys/` (see [`jwe::test_keys`]).
    pub fn test_keys(fill: Fill) -> SandboxCrypto {
        use jwe::test_keys as k;
        SandboxCrypto::new(k::SERVER_PRIVATE_PKCS8, k::SERVER_KEY_ID, k::CLIENT_PUBLIC_SPKI, k::CLIENT_KEY_ID, fill)
            .expect("the committed test keys parse")
    }
}

impl MessageCrypto for SandboxCrypto {
    fn server_key_id(&self) -> &str {
        &self.server_key_id
    }

    /// What a client needs: the server's public key and key id, and which client key the
    /// responses are encrypted to. Public material only.
    fn published(&self) -> Value {
        json!({
            "server": {
                "keyId": self.server_key_id,
                "bits": self.server_key.bits(),
                "use": "encrypt request bodies to this key (RSA-OAEP-256 + A128GCM); send its keyId in X-KM-Crypto-Key-Id",
                "publicKeyPem": self.server_key.public_key().to_pem(),
            },
            "client": {
                "keyId": self.client_key_id,
                "bits": self.client_key.bits(),
                "use": "responses of APIs marked for response encryption are encrypted to this key",
                "publicKeyPem": self.client_key.to_pem(),
            },
        })
    }

    fn open_request(&self, headers: &[(String, String)], body: &str) -> Result<String, Reply> {
        let key_id = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(catalog::CRYPTO_KEY_ID)).map(|(_, v)| v);
        if let Some(id) = key_id.filter(|id| **id != self.server_key_id) {
            let shown: String = id.chars().take(40).collect();
            return Err(Reply::error(
                Code::UnknownCryptoKeyId,
                None,
                Some(Text::new(
                    format!(
                        "X-KM-Crypto-Key-Id {} is not this server's key; its key id is {} (GET /sandbox/crypto-keys).",
                        crate::violation::quote(&shown),
                        self.server_key_id
                    ),
                    format!(
                        "X-KM-Crypto-Key-Id {}{} 이 서버의 키가 아닙니다. 키 ID는 {}입니다(GET /sandbox/crypto-keys).",
                        crate::violation::quote(&shown),
                        ko::topic(&shown),
                        self.server_key_id
                    ),
                )),
            ));
        }
        let compact = jwe::unwrap_body(body).map_err(|e| {
            Reply::error(Code::EncryptedBodyRequired, None, Some(e.explain().map(|why| format!("{why}."))))
        })?;
        let opened = jwe::decrypt(&self.server_key, &compact).map_err(|e| decryption_reply(&e))?;
        String::from_utf8(opened.plaintext).map_err(|_| {
            Reply::error(
                Code::InvalidInput,
                Some("body"),
                Some(Text::new(
                    "The decrypted body is not UTF-8 text; encrypt the JSON's UTF-8 bytes.".into(),
                    "복호화한 본문이 UTF-8 텍스트가 아닙니다. JSON의 UTF-8 바이트를 암호화하세요.".into(),
                )),
            )
        })
    }

    fn seal_response(&mut self, body: &str) -> String {
        let mut bytes = [0u8; Randomness::LEN];
        (self.fill)(&mut bytes);
        match jwe::encrypt(&self.client_key, Enc::A128Gcm, body.as_bytes(), &Randomness::from_bytes(&bytes)) {
            Ok(compact) => jwe::wrap(&compact),
            // A 2048-bit key always wraps a 16-byte content key; keep the plain body if not.
            Err(_) => body.to_string(),
        }
    }
}

/// The code and explanation for a JWE that did not decrypt.
fn decryption_reply(e: &JweError) -> Reply {
    let code = match e {
        JweError::Malformed(
            Malformed::UnsupportedAlg(_) | Malformed::UnsupportedEnc(_) | Malformed::UnsupportedHeader(_),
        ) => Code::UnsupportedJweAlgorithm,
        JweError::EncryptedKeyLength { .. } | JweError::KeyUnwrap | JweError::ContentKeyLength { .. } => {
            Code::JweKeyUnwrapFailed
        }
        JweError::Authentication => Code::JweAuthenticationFailed,
        _ => Code::MalformedJwe,
    };
    Reply::error(code, None, Some(e.explain().map(|why| format!("encData: {why}."))))
}
