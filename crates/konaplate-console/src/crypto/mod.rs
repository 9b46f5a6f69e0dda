//! Message encryption in the console, without the DOM: the key id and keys the user gave
//! (memory only), whether the encryption module is loaded, the body as sealed for the wire, and
//! why a response did not decrypt. The RSA/JWE code itself lives in a second Wasm module
//! (`crates/konaplate-console-crypto`, loaded on demand); the console reaches it through
//! [`Backend`] (`bridge.rs` in the page, the core directly in native tests).

pub mod bridge;

use std::rc::Rc;

use konaplate_core::sandbox::Sandbox;
use konaplate_core::text::Text;

use crate::text::{self, Lang};

/// Why a key, an encryption or a decryption failed: `kind` (`wrongKey`, `tampered`,
/// `unsupported`, `malformed`, `header`, `key`, `module`) and the reason in English and Korean.
pub use crate::ondemand::Why;

impl Why {
    /// `"Decryption failed (wrong key): …"` in `lang`.
    pub fn worded(&self, lang: Lang, what: Text) -> String {
        let reason = match self.kind.as_str() {
            "wrongKey" => text::WHY_WRONG_KEY,
            "tampered" => text::WHY_TAMPERED,
            "unsupported" => text::WHY_UNSUPPORTED,
            "key" => text::WHY_KEY,
            _ => text::WHY_MALFORMED,
        };
        format!("{} ({}): {}.", lang.pick(what), lang.pick(reason), self.reason.get(lang))
    }
}

/// The in-browser sandbox's published test keys (the same as `konaplate serve`'s defaults).
#[derive(Clone, PartialEq, Eq)]
pub struct TestKeys {
    pub server_key_id: String,
    pub server_public_pem: String,
    pub client_key_id: String,
    /// Published in `testdata/keys/`; it protects nothing.
    pub client_private_pem: String,
}

/// What the console asks of the encryption module. Calls are synchronous once it is loaded.
pub trait Backend {
    /// The key's size in bits, or why it cannot be used (`private`: a key that decrypts).
    fn describe_key(&self, pem: &str, private: bool) -> Result<u32, Why>;
    /// `{"encData":"<JWE>"}` of `plaintext` for the server key, with fresh randomness.
    fn seal(&self, plaintext: &str, public_pem: &str) -> Result<String, Why>;
    /// The plaintext of an `{"encData"}` body under the client's private key.
    fn open(&self, body: &str, private_pem: &str) -> Result<String, Why>;
    /// `sandbox`, enforcing encryption with the test keys (core `Sandbox::with_crypto`).
    fn arm(&self, sandbox: Sandbox) -> Sandbox;
    fn test_keys(&self) -> Option<TestKeys>;
}

/// A loaded backend, carried by a message.
#[derive(Clone)]
pub struct Loaded(pub Rc<dyn Backend>);

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Loaded")
    }
}

/// Where the encryption module is.
pub use crate::ondemand::Module;

/// The body as it goes on the wire for an encrypted operation, and what it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    plaintext: String,
    server_key: String,
    pub wire: Result<String, Why>,
}

/// One console's encryption state. The keys are in memory only: never stored, in the URL, the
/// permalink, the history or a snippet; `Debug` shows their length only.
pub struct Crypto {
    pub key_id: String,
    pub server_key: String,
    pub client_key: String,
    pub module: Module,
    pub backend: Option<Rc<dyn Backend>>,
    pub sealed: Option<Sealed>,
    /// Show a decrypted response's ciphertext instead of its plaintext.
    pub show_ciphertext: bool,
    /// The sandbox's test key ids (server, client), once the module is loaded.
    pub test_key_ids: Option<(String, String)>,
    /// The client private key read (its bits) or refused, when one is given.
    pub client_key_check: Option<Result<u32, Why>>,
}

impl std::fmt::Debug for Crypto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Crypto")
            .field("key_id", &self.key_id)
            .field("server_key", &self.server_key.len())
            .field("client_key", &self.client_key.len())
            .field("module", &self.module)
            .finish_non_exhaustive()
    }
}

impl Default for Crypto {
    fn default() -> Crypto {
        Crypto {
            key_id: String::new(),
            server_key: String::new(),
            client_key: String::new(),
            module: Module::Absent,
            backend: None,
            sealed: None,
            show_ciphertext: false,
            test_key_ids: None,
            client_key_check: None,
        }
    }
}

/// Whether a body is an `{"encData": …}` object (a response to decrypt).
pub fn has_enc_data(body: &str) -> bool {
    matches!(serde_json::from_str::<serde_json::Value>(body), Ok(serde_json::Value::Object(o)) if o.contains_key("encData"))
}

impl Crypto {
    /// Seals `plaintext` anew when it or the server key changed (`encrypted`: the operation
    /// wants it). The sealed body stays the same while neither changes, so what the preview
    /// shows is what Send signs and sends.
    pub fn reseal(&mut self, encrypted: bool, plaintext: &str) {
        let backend = match (&self.backend, encrypted && !self.server_key.trim().is_empty()) {
            (Some(backend), true) => backend.clone(),
            _ => {
                self.sealed = None;
                return;
            }
        };
        if self.sealed.as_ref().is_some_and(|s| s.plaintext == plaintext && s.server_key == self.server_key) {
            return;
        }
        self.sealed = Some(Sealed {
            plaintext: plaintext.to_string(),
            server_key: self.server_key.clone(),
            wire: backend.seal(plaintext, &self.server_key),
        });
    }

    /// The body to send when it is sealed.
    pub fn wire(&self) -> Option<&str> {
        self.sealed.as_ref().and_then(|s| s.wire.as_ref().ok()).map(String::as_str)
    }

    /// The key id for X-KM-Crypto-Key-Id when the body is sealed.
    pub fn header_key_id(&self) -> Option<&str> {
        self.wire().map(|_| self.key_id.trim()).filter(|id| !id.is_empty())
    }

    /// Fills the key id, server key and client key with the sandbox's test keys.
    pub fn use_test_keys(&mut self) {
        if let Some(keys) = self.backend.as_ref().and_then(|b| b.test_keys()) {
            self.key_id = keys.server_key_id;
            self.server_key = keys.server_public_pem;
            self.client_key = keys.client_private_pem;
            self.sealed = None;
        }
    }

    /// Reads the client private key again (it changed, or the module arrived).
    pub fn check_client_key(&mut self) {
        self.client_key_check = match (&self.backend, self.client_key.trim().is_empty()) {
            (Some(backend), false) => Some(backend.describe_key(&self.client_key, true)),
            _ => None,
        };
    }

    pub fn clear(&mut self) {
        self.client_key_check = None;
        self.key_id.clear();
        self.server_key.clear();
        self.client_key.clear();
        self.sealed = None;
    }

    /// The decryption of a response body that carries `encData` (`None` when it does not, or
    /// when the module is not loaded yet).
    pub fn open_response(&self, body: &str) -> Option<Result<String, Why>> {
        if !has_enc_data(body) {
            return None;
        }
        let backend = self.backend.as_ref()?;
        if self.client_key.trim().is_empty() {
            return Some(Err(Why {
                kind: "key".into(),
                reason: Text::from_pair("no client private key given", "클라이언트 개인 키가 없습니다"),
            }));
        }
        Some(backend.open(body, &self.client_key))
    }

    /// What the panel's status line says: the module, the encryption of this body, the client key.
    pub fn status(&self, encrypted: bool, lang: Lang) -> String {
        let client = match &self.client_key_check {
            Some(Ok(bits)) => format!(" {} RSA {bits}.", lang.pick(text::CLIENT_KEY_OK)),
            Some(Err(why)) => format!(" {}", why.worded(lang, text::CLIENT_KEY_BAD)),
            None => String::new(),
        };
        format!("{}{client}", self.body_status(encrypted, lang))
    }

    fn body_status(&self, encrypted: bool, lang: Lang) -> String {
        match self.module {
            Module::Absent => return String::new(),
            Module::Loading => return lang.pick(text::CRYPTO_LOADING).into(),
            Module::Failed => return lang.pick(text::CRYPTO_FAILED).into(),
            Module::Ready => {}
        }
        match (&self.sealed, encrypted) {
            (_, false) => lang.pick(text::CRYPTO_READY).into(),
            (None, true) => lang.pick(text::CRYPTO_NO_KEY).into(),
            (Some(Sealed { wire: Err(why), .. }), true) => why.worded(lang, text::CRYPTO_NOT_SEALED),
            (Some(Sealed { wire: Ok(_), .. }), true) => lang.pick(text::CRYPTO_SEALED).into(),
        }
    }
}

#[cfg(test)]
pub mod native {
    //! The backend over the core directly, for native tests (the page uses `bridge`).
    use super::*;
    use konaplate_core::jwe::{self, test_keys as k, Enc, PrivateKey, PublicKey, Randomness};
    use konaplate_core::sandbox::SandboxCrypto;
    use std::cell::Cell;

    /// Fresh-enough randomness for tests: a counter (never reused within a test).
    #[derive(Default)]
    pub struct Native {
        counter: Cell<u8>,
    }

    fn why_key(e: konaplate_core::jwe::KeyError) -> Why {
        Why { kind: "key".into(), reason: e.explain() }
    }

    fn why_jwe(e: konaplate_core::jwe::JweError) -> Why {
        Why { kind: e.kind().into(), reason: e.explain() }
    }

    impl Backend for Native {
        fn describe_key(&self, pem: &str, private: bool) -> Result<u32, Why> {
            let bits = if private {
                PrivateKey::from_pem(pem).map(|k| k.bits())
            } else {
                PublicKey::from_pem(pem).map(|k| k.bits())
            };
            bits.map(|b| b as u32).map_err(why_key)
        }
        fn seal(&self, plaintext: &str, public_pem: &str) -> Result<String, Why> {
            let key = PublicKey::from_pem(public_pem).map_err(why_key)?;
            self.counter.set(self.counter.get().wrapping_add(1));
            let random = Randomness::from_bytes(&[self.counter.get(); Randomness::LEN]);
            jwe::encrypt(&key, Enc::A128Gcm, plaintext.as_bytes(), &random).map(|c| jwe::wrap(&c)).map_err(why_jwe)
        }
        fn open(&self, body: &str, private_pem: &str) -> Result<String, Why> {
            let compact = jwe::unwrap_body(body).map_err(|e| Why { kind: "malformed".into(), reason: e.explain() })?;
            let key = PrivateKey::from_pem(private_pem).map_err(why_key)?;
            let opened = jwe::decrypt(&key, &compact).map_err(why_jwe)?;
            Ok(String::from_utf8(opened.plaintext).unwrap())
        }
        fn arm(&self, sandbox: Sandbox) -> Sandbox {
            sandbox.with_crypto(SandboxCrypto::test_keys(Box::new(|b: &mut [u8]| b.fill(7))))
        }
        fn test_keys(&self) -> Option<TestKeys> {
            Some(TestKeys {
                server_key_id: k::SERVER_KEY_ID.into(),
                server_public_pem: k::SERVER_PUBLIC_SPKI.into(),
                client_key_id: k::CLIENT_KEY_ID.into(),
                client_private_pem: k::CLIENT_PRIVATE_PKCS8.into(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::native::Native;
    use super::*;
    use crate::state::{update, Clock, Effect, Msg, Outcome, Start, State};
    use konaplate_core::catalog;
    use konaplate_core::jwe::test_keys as k;
    use konaplate_core::sandbox::SandboxResponse;

    const CLOCK: Clock = Clock { epoch_ms: 1_767_225_600_000, random: [1, 2, 3, 4] };

    fn one_time_token() -> &'static catalog::Endpoint {
        catalog::ENDPOINTS.iter().copied().find(|e| e.encrypted).expect("an Encrypted operation")
    }

    /// A console on the one-time token API with the module loaded (natively) and a secret.
    fn loaded() -> State {
        let mut s = State::new(&Start::default(), None, CLOCK);
        update(&mut s, Msg::Secret("typed-secret".into()));
        assert_eq!(update(&mut s, Msg::Endpoint(one_time_token(), CLOCK)), Some(Effect::LoadCrypto));
        assert_eq!(s.crypto.module, Module::Loading);
        update(&mut s, Msg::CryptoLoaded(Some(Loaded(Rc::new(Native::default())))));
        s
    }

    fn shown(s: &State) -> &crate::history::Entry {
        match &s.outcome {
            Outcome::Shown(e) => e,
            other => panic!("expected an exchange, got {other:?}"),
        }
    }

    #[test]
    fn picking_an_encrypted_operation_loads_the_module_once_and_a_plain_one_does_not() {
        let mut s = State::new(&Start::default(), None, CLOCK);
        assert_eq!(update(&mut s, Msg::Zone(konaplate_core::time::TimeZone::Utc)), None, "charge is not encrypted");
        assert_eq!(update(&mut s, Msg::Endpoint(one_time_token(), CLOCK)), Some(Effect::LoadCrypto));
        assert_eq!(update(&mut s, Msg::Endpoint(&catalog::CHARGE_ENDPOINT, CLOCK)), None);
        assert_eq!(update(&mut s, Msg::Endpoint(one_time_token(), CLOCK)), None, "already loading");
        update(&mut s, Msg::CryptoLoaded(None));
        assert_eq!(s.crypto.module, Module::Failed);
        assert!(s.crypto.status(true, Lang::Ko).contains("불러오지 못했습니다"));
    }

    #[test]
    fn with_the_server_key_the_body_is_sealed_the_headers_sign_the_wrapper_and_the_sandbox_decrypts_it() {
        let mut s = loaded();
        assert!(s.crypto.wire().is_none(), "no key yet: plain");
        let d = s.draft(CLOCK);
        assert!(
            d.report.violations.iter().any(|v| v.rule() == konaplate_core::Rule::Encryption),
            "the plain-body note"
        );
        update(&mut s, Msg::UseTestKeys);
        assert_eq!(s.crypto.key_id, k::SERVER_KEY_ID);
        let wire = s.crypto.wire().expect("sealed").to_string();
        assert!(wire.starts_with(r#"{"encData":"eyJhbGciOiJSU0EtT0FFUC0yNTYi"#), "{wire}");
        update(&mut s, Msg::Zone(konaplate_core::time::TimeZone::Kst));
        assert_eq!(s.crypto.wire(), Some(wire.as_str()), "unchanged body and key: the same JWE");
        let d = s.draft(CLOCK);
        assert_eq!(d.report.error_count, 0, "{:?}", d.report.violations);
        let token = &d.headers.iter().find(|(n, _)| n == catalog::TRAN_TOKEN).unwrap().1;
        konaplate_core::sign::verify_tran_token(b"typed-secret", token, wire.as_bytes()).expect("signs the wrapper");
        assert!(d.headers.contains(&(catalog::CRYPTO_KEY_ID.to_string(), k::SERVER_KEY_ID.to_string())));

        update(&mut s, Msg::Send(CLOCK));
        let entry = shown(&s);
        assert_eq!((entry.response.status, entry.response.code.as_str()), (200, "000_000"), "{}", entry.response.body);
        assert_eq!(entry.request.body, wire);
        assert_eq!(entry.plaintext.as_deref(), Some(s.body.as_str()));
        assert!(entry.response.body.contains("oneTimeToken"));
    }

    #[test]
    fn the_in_browser_sandbox_with_the_module_refuses_a_plain_body_and_a_wrong_key_id_as_the_server_does() {
        let mut s = loaded();
        update(&mut s, Msg::Send(CLOCK));
        assert_eq!(shown(&s).response.code, "000_911", "plain body to an Encrypted operation");
        update(&mut s, Msg::UseTestKeys);
        update(&mut s, Msg::Override { name: catalog::CRYPTO_KEY_ID, value: "0".repeat(32) });
        update(&mut s, Msg::Send(CLOCK));
        assert_eq!(shown(&s).response.code, "000_912");
        update(&mut s, Msg::Override { name: catalog::CRYPTO_KEY_ID, value: String::new() });
        update(&mut s, Msg::ServerKey(k::CLIENT_PUBLIC_SPKI.into()));
        update(&mut s, Msg::Send(CLOCK));
        assert_eq!(shown(&s).response.code, "000_915", "sealed to another key");
    }

    #[test]
    fn a_response_with_enc_data_is_decrypted_or_says_why_not() {
        let mut s = loaded();
        update(&mut s, Msg::UseTestKeys);
        update(&mut s, Msg::Target(crate::exchange::Target::Server));
        let plaintext = r#"{"oneTimeToken":"1","response":{"code":"000_000","description":"Success."}}"#;
        let answer = |body: String| SandboxResponse { status: 200, code: String::new(), headers: vec![], body };
        let sealed = Native::default().seal(plaintext, k::CLIENT_PUBLIC_SPKI).unwrap();
        update(&mut s, Msg::Send(CLOCK));
        update(&mut s, Msg::Answered(answer(sealed.clone())));
        assert_eq!(shown(&s).opened, Some(Ok(plaintext.to_string())));

        update(&mut s, Msg::Send(CLOCK));
        let wrong_key = Native::default().seal(plaintext, k::SERVER_PUBLIC_SPKI).unwrap();
        update(&mut s, Msg::Answered(answer(wrong_key)));
        let why = shown(&s).opened.clone().unwrap().unwrap_err();
        assert_eq!(why.kind, "wrongKey");
        assert!(why.worded(Lang::En, text::DECRYPT_FAILED).starts_with("Could not decrypt the response (wrong key): "));
        assert!(why.worded(Lang::Ko, text::DECRYPT_FAILED).contains("잘못된 키"));

        // The tag's last character altered: authentication fails.
        let mut tampered = sealed.clone();
        let at = tampered.len() - 3;
        let c = if &tampered[at..at + 1] == "A" { "B" } else { "A" };
        tampered.replace_range(at..at + 1, c);
        update(&mut s, Msg::Send(CLOCK));
        update(&mut s, Msg::Answered(answer(tampered)));
        assert_eq!(shown(&s).opened.clone().unwrap().unwrap_err().kind, "tampered");

        let unsupported = sealed.replacen("eyJhbGciOiJSU0EtT0FFUC0yNTYi", "eyJhbGciOiJSU0ExXzUi", 1); // {"alg":"RSA1_5"
        update(&mut s, Msg::Send(CLOCK));
        update(&mut s, Msg::Answered(answer(unsupported)));
        let why = shown(&s).opened.clone().unwrap().unwrap_err();
        assert!(why.worded(Lang::En, text::DECRYPT_FAILED).contains("(unsupported alg/enc): "), "{why:?}");
    }

    #[test]
    fn a_server_key_that_cannot_encrypt_says_why_in_both_languages_and_the_body_goes_plain() {
        let mut s = loaded();
        assert_eq!(s.crypto.status(true, Lang::En), lang_text(text::CRYPTO_NO_KEY, Lang::En));
        for (pem, en) in [
            ("not a key", "the key is not PEM"),
            (k::RSA_1024_PUBLIC_SPKI, "has 1024 bits; at least 2048"),
            (k::EC_PUBLIC_SPKI, "the key is not RSA"),
        ] {
            update(&mut s, Msg::ServerKey(pem.into()));
            assert!(s.crypto.wire().is_none(), "{pem}");
            let status = s.crypto.status(true, Lang::En);
            assert!(status.starts_with("Not encrypted (key): ") && status.contains(en), "{status}");
            assert!(s.crypto.status(true, Lang::Ko).starts_with("암호화하지 못했습니다 (키): "));
            let d = s.draft(CLOCK);
            assert!(!d.headers.iter().any(|(n, _)| n == catalog::CRYPTO_KEY_ID), "no key id for a plain body");
        }
    }

    fn lang_text(t: konaplate_core::catalog::Text, lang: Lang) -> String {
        lang.pick(t).to_string()
    }

    #[test]
    fn keys_stay_out_of_the_permalink_and_debug_and_clear_removes_them() {
        let mut s = loaded();
        update(&mut s, Msg::UseTestKeys);
        assert!(matches!(s.crypto.client_key_check, Some(Ok(2048))));
        let link = s.link().fragment();
        assert!(!link.contains("PRIVATE") && !format!("{:?}", s.crypto).contains("PRIVATE"));
        update(&mut s, Msg::ClientKey(k::SERVER_PUBLIC_SPKI.into()));
        assert!(s.crypto.status(true, Lang::En).contains("Client key refused"));
        update(&mut s, Msg::ClearCredentials);
        assert!(s.crypto.client_key.is_empty() && s.crypto.server_key.is_empty() && s.crypto.wire().is_none());
    }
}
