//! Message encryption in the console: only what its first load needs. The encryption panel (its
//! texts, controls and the keys, memory only), the RSA/JWE code and the in-browser sandbox's test
//! keys live in the on-demand module `crypto` (`crates/konaplate-console-crypto`). The console
//! loads it when an Encrypted operation is picked or a response carries `encData`, gives it a
//! slot for its panel, forwards the panel's events, and asks it through [`Backend`] to seal the
//! body and open a response (`bridge.rs` in the page, the module's own `Keys` in native tests).

pub mod bridge;

use std::rc::Rc;

use crate::text::Lang;

/// Why a response did not decrypt: `kind` (`wrongKey`, `tampered`, `unsupported`, `malformed`,
/// `key`, `module`) and the whole sentence in English and Korean, worded by the module.
pub use crate::ondemand::Why;

/// Where the encryption module is.
pub use crate::ondemand::Module;

/// The body as it goes on the wire for an encrypted operation, and its X-KM-Crypto-Key-Id
/// (empty when none is given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub wire: String,
    pub key_id: String,
}

/// What the console asks of the encryption module, one panel (one console) each. Calls are
/// synchronous once it is loaded.
pub trait Backend {
    /// A panel control's value (`field`: its `data-field`; empty for a button).
    fn input(&self, field: &str, value: &str);
    /// `plaintext` sealed for the wire when the operation is `encrypted` and the server key seals
    /// it (the same JWE while neither changes).
    fn seal(&self, encrypted: bool, plaintext: &str) -> Option<Sealed>;
    /// The plaintext of an `{"encData"}` body under the client key, or why not.
    fn open(&self, body: &str) -> Result<String, Why>;
    /// Writes the panel in `lang`.
    fn show(&self, lang: Lang, encrypted: bool);
    /// Forgets the panel's keys.
    fn clear(&self);
}

/// A loaded backend, carried by a message.
#[derive(Clone)]
pub struct Loaded(pub Rc<dyn Backend>);

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Loaded")
    }
}

/// One console's encryption state: no keys (the module holds them), only what they made.
#[derive(Default)]
pub struct Crypto {
    pub module: Module,
    pub backend: Option<Rc<dyn Backend>>,
    pub sealed: Option<Sealed>,
    /// Show a decrypted response's ciphertext instead of its plaintext.
    pub show_ciphertext: bool,
}

impl std::fmt::Debug for Crypto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Crypto").field("module", &self.module).field("sealed", &self.sealed).finish_non_exhaustive()
    }
}

/// Whether a body is an `{"encData": …}` object (a response to decrypt).
pub fn has_enc_data(body: &str) -> bool {
    matches!(serde_json::from_str::<serde_json::Value>(body), Ok(serde_json::Value::Object(o)) if o.contains_key("encData"))
}

impl Crypto {
    /// The body to send when it is sealed.
    pub fn wire(&self) -> Option<&str> {
        self.sealed.as_ref().map(|s| s.wire.as_str())
    }

    /// The key id for X-KM-Crypto-Key-Id when the body is sealed.
    pub fn header_key_id(&self) -> Option<&str> {
        self.sealed.as_ref().map(|s| s.key_id.trim()).filter(|id| !id.is_empty())
    }

    /// The decryption of a response body that carries `encData` (`None` when it does not, or
    /// when the module is not loaded yet).
    pub fn open_response(&self, body: &str) -> Option<Result<String, Why>> {
        if !has_enc_data(body) {
            return None;
        }
        Some(self.backend.as_ref()?.open(body))
    }
}

#[cfg(test)]
pub mod native {
    //! The backend over the module's own `Keys`, natively (the page reaches them through `bridge`).
    use super::*;
    use konaplate_console_crypto::keys::Keys;
    use std::cell::{Cell, RefCell};

    /// Fresh-enough randomness for tests: a counter (never reused within a test).
    #[derive(Default)]
    pub struct Native {
        keys: RefCell<Keys>,
        counter: Cell<u8>,
    }

    impl Backend for Native {
        fn input(&self, field: &str, value: &str) {
            self.keys.borrow_mut().input(field, value);
        }
        fn seal(&self, encrypted: bool, plaintext: &str) -> Option<Sealed> {
            self.counter.set(self.counter.get().wrapping_add(1));
            let byte = self.counter.get();
            let mut keys = self.keys.borrow_mut();
            let (wire, key_id) = keys.seal(encrypted, plaintext, |bytes| bytes.fill(byte))?;
            Some(Sealed { wire: wire.into(), key_id: key_id.into() })
        }
        fn open(&self, body: &str) -> Result<String, Why> {
            self.keys.borrow().open(body).map_err(|why| Why { kind: why.kind.into(), reason: why.reason })
        }
        fn show(&self, _: Lang, _: bool) {}
        fn clear(&self) {
            self.keys.borrow_mut().clear();
        }
    }
}

#[cfg(test)]
mod tests;
