//! One console's encryption keys and what they make, without the DOM: the key id, the server
//! key and the client private key the user gave (memory only: `Debug` shows their length), the
//! body as sealed for the wire, the panel's status line, a response opened. Tested natively; the
//! console's own native tests drive it too (as the page does through the module's exports).

use konaplate_core::jwe::{self, test_keys, Enc, JweError, KeyError, PrivateKey, PublicKey, Randomness};
use konaplate_core::text::{Lang, Text};

use crate::text;

/// Why a key, an encryption or a decryption failed: `kind` (`wrongKey`, `tampered`,
/// `unsupported`, `malformed`, `header`, `encrypt`, `key`) and the reason in English and Korean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    pub kind: &'static str,
    pub reason: Text<String>,
}

impl Why {
    fn key(e: &KeyError) -> Why {
        Why { kind: "key", reason: e.explain() }
    }

    fn jwe(e: &JweError) -> Why {
        Why { kind: e.kind(), reason: e.explain() }
    }

    /// `"Could not decrypt the response (wrong key): …."` for `what`, in both languages.
    pub fn worded(&self, what: Text) -> Text<String> {
        let kind = match self.kind {
            "wrongKey" => text::WHY_WRONG_KEY,
            "tampered" => text::WHY_TAMPERED,
            "unsupported" => text::WHY_UNSUPPORTED,
            "key" => text::WHY_KEY,
            _ => text::WHY_MALFORMED,
        };
        Text::build(|lang| format!("{} ({}): {}.", lang.pick(what), lang.pick(kind), self.reason.get(lang)))
    }
}

/// The body as it goes on the wire for an encrypted operation, and what it was made from.
#[derive(Clone, PartialEq, Eq)]
struct Sealed {
    plaintext: String,
    server_key: String,
    wire: Result<String, Why>,
}

/// One console's keys. Fields change through [`Keys::input`] only.
#[derive(Default)]
pub struct Keys {
    key_id: String,
    server_key: String,
    client_key: String,
    sealed: Option<Sealed>,
    /// The client private key read (its bits) or refused, when one is given.
    client_check: Option<Result<u32, Why>>,
    /// The last response body opened and what it opened to (the console shows it on every
    /// render: decrypted once per body and client key).
    opened: Option<(String, Result<String, Why>)>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("key_id", &self.key_id)
            .field("server_key", &self.server_key.len())
            .field("client_key", &self.client_key.len())
            .finish_non_exhaustive()
    }
}

/// A field of the panel, as its controls name it (`data-field`).
pub mod field {
    pub const KEY_ID: &str = "key-id";
    pub const SERVER_KEY: &str = "server-key";
    pub const CLIENT_KEY: &str = "client-key";
    /// The "use the sandbox test keys" button (no value).
    pub const TEST_KEYS: &str = "test-keys";
}

impl Keys {
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    pub fn server_key(&self) -> &str {
        &self.server_key
    }

    pub fn client_key(&self) -> &str {
        &self.client_key
    }

    /// A panel field typed, read from a file or pressed (see [`field`]); other names change nothing.
    pub fn input(&mut self, name: &str, value: &str) {
        match name {
            field::KEY_ID => self.key_id = value.to_string(),
            field::SERVER_KEY => self.server_key = value.to_string(),
            field::CLIENT_KEY => self.client_key = value.to_string(),
            field::TEST_KEYS => {
                self.key_id = test_keys::SERVER_KEY_ID.into();
                self.server_key = test_keys::SERVER_PUBLIC_SPKI.into();
                self.client_key = test_keys::CLIENT_PRIVATE_PKCS8.into();
            }
            _ => return,
        }
        self.opened = None;
        self.client_check = (!self.client_key.trim().is_empty())
            .then(|| PrivateKey::from_pem(&self.client_key).map(|k| k.bits() as u32).map_err(|e| Why::key(&e)));
    }

    /// Forgets every key ("Clear credentials") and what they opened.
    pub fn clear(&mut self) {
        *self = Keys::default();
    }

    /// The body for the wire and its X-KM-Crypto-Key-Id (empty when none is given): `plaintext`
    /// sealed to the server key when the key seals (the console asks only for an Encrypted
    /// operation). Sealed anew only when the plaintext or the key changed, so what the preview
    /// shows is what Send signs and sends. `fill`: the randomness of a new encryption.
    pub fn seal(&mut self, plaintext: &str, fill: impl FnOnce(&mut [u8])) -> Option<(&str, &str)> {
        if self.server_key.trim().is_empty() {
            self.sealed = None;
            return None;
        }
        let fresh = self.sealed.as_ref().is_some_and(|s| s.plaintext == plaintext && s.server_key == self.server_key);
        if !fresh {
            self.sealed = Some(Sealed {
                plaintext: plaintext.to_string(),
                server_key: self.server_key.clone(),
                wire: seal(plaintext, &self.server_key, fill),
            });
        }
        let wire = self.sealed.as_ref()?.wire.as_deref().ok()?;
        Some((wire, self.key_id.trim()))
    }

    /// The sealed body, when the last [`Keys::seal`] made one.
    pub fn wire(&self) -> Option<&str> {
        self.sealed.as_ref().and_then(|s| s.wire.as_deref().ok())
    }

    /// The plaintext of an `{"encData"}` response under the client key, or why not (its reason
    /// worded whole: "Could not decrypt the response (wrong key): …").
    pub fn open(&self, body: &str) -> Result<String, Why> {
        let opened = if self.client_key.trim().is_empty() {
            Err(Why { kind: "key", reason: text::NO_CLIENT_KEY.owned() })
        } else {
            open(body, &self.client_key).map(|(_, _, plaintext)| plaintext)
        };
        opened.map_err(|why| Why { kind: why.kind, reason: why.worded(text::DECRYPT_FAILED) })
    }

    /// [`Keys::open`], kept for the body last opened until a key changes (the console shows the
    /// response on every render).
    pub fn opened(&mut self, body: &str) -> Result<String, Why> {
        match &self.opened {
            Some((last, opened)) if last == body => opened.clone(),
            _ => {
                let opened = self.open(body);
                self.opened = Some((body.to_string(), opened.clone()));
                opened
            }
        }
    }

    /// The panel's status line: the encryption of this body, then the client key.
    pub fn status(&self, encrypted: bool, lang: Lang) -> String {
        let body = match (&self.sealed, encrypted) {
            (_, false) => lang.pick(text::CRYPTO_READY).to_string(),
            (None, true) => lang.pick(text::CRYPTO_NO_KEY).to_string(),
            (Some(Sealed { wire: Err(why), .. }), true) => why.worded(text::CRYPTO_NOT_SEALED).get(lang).to_string(),
            (Some(Sealed { wire: Ok(_), .. }), true) => lang.pick(text::CRYPTO_SEALED).to_string(),
        };
        match &self.client_check {
            Some(Ok(bits)) => format!("{body} {} RSA {bits}.", lang.pick(text::CLIENT_KEY_OK)),
            Some(Err(why)) => format!("{body} {}", why.worded(text::CLIENT_KEY_BAD).get(lang)),
            None => body,
        }
    }
}

/// `{"encData":"<JWE>"}` of `plaintext` for `public_pem` (RSA-OAEP-256 + A128GCM).
fn seal(plaintext: &str, public_pem: &str, fill: impl FnOnce(&mut [u8])) -> Result<String, Why> {
    let key = PublicKey::from_pem(public_pem).map_err(|e| Why::key(&e))?;
    let mut bytes = [0u8; Randomness::LEN];
    fill(&mut bytes);
    jwe::encrypt(&key, Enc::A128Gcm, plaintext.as_bytes(), &Randomness::from_bytes(&bytes))
        .map(|compact| jwe::wrap(&compact))
        .map_err(|e| Why::jwe(&e))
}

/// `(alg, enc, plaintext)` of `{"encData":"<JWE>"}` (or a bare JWE) under `private_pem`.
pub fn open(body: &str, private_pem: &str) -> Result<(&'static str, &'static str, String), Why> {
    let compact = if body.trim_start().starts_with('{') {
        jwe::unwrap_body(body).map_err(|e| Why { kind: "malformed", reason: e.explain() })?
    } else {
        body.trim().to_string()
    };
    let key = PrivateKey::from_pem(private_pem).map_err(|e| Why::key(&e))?;
    let opened = jwe::decrypt(&key, &compact).map_err(|e| Why::jwe(&e))?;
    let plaintext =
        String::from_utf8(opened.plaintext).map_err(|_| Why { kind: "malformed", reason: text::NOT_UTF8.owned() })?;
    Ok((opened.alg.name(), opened.enc.name(), plaintext))
}

#[cfg(test)]
mod tests {
    use super::*;
    use konaplate_core::jwe::test_keys as k;

    fn counter() -> impl FnOnce(&mut [u8]) {
        |bytes| bytes.fill(7)
    }

    #[test]
    fn the_test_keys_seal_a_body_once_per_plaintext_and_key_and_open_what_is_sealed_to_the_client() {
        let mut keys = Keys::default();
        assert_eq!(keys.seal("{}", counter()), None, "no server key: plain");
        assert_eq!(keys.status(true, Lang::En), Lang::En.pick(text::CRYPTO_NO_KEY));
        keys.input(field::TEST_KEYS, "");
        let (wire, key_id) = keys.seal(r#"{"a":1}"#, counter()).map(|(w, id)| (w.to_string(), id.to_string())).unwrap();
        assert!(wire.starts_with(r#"{"encData":"eyJhbGciOiJSU0EtT0FFUC0yNTYi"#), "{wire}");
        assert_eq!(key_id, k::SERVER_KEY_ID);
        let again = keys.seal(r#"{"a":1}"#, |_| panic!("sealed anew")).map(|(w, _)| w.to_string());
        assert_eq!(again.as_deref(), Some(wire.as_str()), "the same plaintext and key: the same JWE");
        assert!(keys.status(true, Lang::En).ends_with("Client key: RSA 2048."), "{}", keys.status(true, Lang::En));

        let to_client = seal(r#"{"b":2}"#, k::CLIENT_PUBLIC_SPKI, counter()).unwrap();
        assert_eq!(keys.open(&to_client), Ok(r#"{"b":2}"#.to_string()));
        assert_eq!(open(&to_client, k::CLIENT_PRIVATE_PKCS8).unwrap().0, "RSA-OAEP-256");
    }

    #[test]
    fn a_response_that_does_not_open_says_why_in_both_languages() {
        let mut keys = Keys::default();
        let to_server = seal("{}", k::SERVER_PUBLIC_SPKI, counter()).unwrap();
        let why = keys.open(&to_server).unwrap_err().reason;
        assert_eq!(why.en, "Could not decrypt the response (key): no client private key given.");
        keys.input(field::CLIENT_KEY, k::CLIENT_PRIVATE_PKCS8);
        let why = keys.open(&to_server).unwrap_err();
        assert_eq!(why.kind, "wrongKey");
        let why = why.reason;
        assert!(why.en.starts_with("Could not decrypt the response (wrong key): "), "{}", why.en);
        assert!(why.ko.starts_with("응답을 복호화하지 못했습니다 (잘못된 키): "), "{}", why.ko);

        let to_client = seal("{}", k::CLIENT_PUBLIC_SPKI, counter()).unwrap();
        let at = to_client.len() - 3;
        let mut tampered = to_client.clone();
        tampered.replace_range(at..at + 1, if &to_client[at..at + 1] == "A" { "B" } else { "A" });
        assert!(keys.open(&tampered).unwrap_err().reason.ko.contains("(변조됨)"));
        let rsa1_5 = to_client.replacen("eyJhbGciOiJSU0EtT0FFUC0yNTYi", "eyJhbGciOiJSU0ExXzUi", 1);
        assert!(keys.open(&rsa1_5).unwrap_err().reason.en.contains("(unsupported alg/enc): "));
        assert!(keys.open(r#"{"encData":1}"#).unwrap_err().reason.en.contains("(malformed): "));
    }

    #[test]
    fn a_key_that_cannot_be_used_is_named_and_the_body_stays_plain() {
        let mut keys = Keys::default();
        for (pem, en) in [
            ("not a key", "the key is not PEM"),
            (k::RSA_1024_PUBLIC_SPKI, "has 1024 bits; at least 2048"),
            (k::EC_PUBLIC_SPKI, "the key is not RSA"),
        ] {
            keys.input(field::SERVER_KEY, pem);
            assert_eq!(keys.seal("{}", counter()), None, "{pem}");
            let status = keys.status(true, Lang::En);
            assert!(status.starts_with("Not encrypted (key): ") && status.contains(en), "{status}");
            assert!(keys.status(true, Lang::Ko).starts_with("암호화하지 못했습니다 (키): "));
        }
        keys.input(field::CLIENT_KEY, k::SERVER_PUBLIC_SPKI);
        assert!(keys.status(false, Lang::En).contains("Client key refused (key): "));
    }

    #[test]
    fn keys_stay_out_of_debug_and_clear_forgets_them() {
        let mut keys = Keys::default();
        keys.input(field::TEST_KEYS, "");
        keys.seal("{}", counter());
        assert!(!format!("{keys:?}").contains("PRIVATE"));
        keys.clear();
        assert!(keys.client_key().is_empty() && keys.server_key().is_empty() && keys.wire().is_none());
        keys.input("unknown", "x");
        assert!(keys.key_id().is_empty());
    }
}
