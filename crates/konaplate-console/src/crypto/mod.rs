//! Message encryption in the console: only what its first load needs. The encryption panel (its
//! texts, controls and the keys, memory only), the RSA/JWE code and the in-browser sandbox's test
//! keys live in the on-demand module `crypto` (`crates/konaplate-console-crypto`). The console
//! loads it when an Encrypted operation is picked or a response carries `encData`, gives it a
//! slot for its panel (which takes its controls in with its own listener and then sends a
//! `change` the console renders on: `Msg::Crypto`), and asks it through [`Backend`] to seal the
//! body, to show what it shows of the exchange ([`shown`]: the module decrypts the response and
//! draws it) and to forget the keys (`bridge.rs` in the page; natively, the module's own answers
//! over its `Keys`).

pub mod bridge;

use std::rc::Rc;

use crate::ondemand::SEP;
use crate::state::Outcome;

/// Where the encryption module is.
pub use crate::ondemand::Module;

/// The body as it goes on the wire for an encrypted operation, and its X-KM-Crypto-Key-Id
/// (empty when none is given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub wire: String,
    pub key_id: String,
}

impl Sealed {
    /// The key id for X-KM-Crypto-Key-Id, when one is given.
    pub fn key_id(&self) -> Option<&str> {
        Some(self.key_id.trim()).filter(|id| !id.is_empty())
    }
}

/// What the console asks of the encryption module, one panel (one console) each. Calls are
/// synchronous once it is loaded.
pub trait Backend {
    /// The module's answer to `what` with arguments `a` and `b` (its `ask` export, on this
    /// console's panel: `seal`, `show`, `clear`; `input` in the native tests), or `None` when it
    /// gave none.
    fn ask(&self, what: &str, a: &str, b: &str) -> Option<String>;
}

/// A loaded backend, carried by a message.
#[derive(Clone)]
pub struct Loaded(pub Rc<dyn Backend>);

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Loaded")
    }
}

/// One console's encryption state: no keys (the module holds them). The body is sealed in one
/// place, as it is drafted (`State::draft`).
#[derive(Default)]
pub struct Crypto {
    pub module: Module,
    pub backend: Option<Rc<dyn Backend>>,
    /// The plaintext of the request in flight when it went sealed (its history entry's).
    pub sent: Option<String>,
}

impl std::fmt::Debug for Crypto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Crypto").field("module", &self.module).finish_non_exhaustive()
    }
}

impl Crypto {
    /// `plaintext` sealed for the wire, for an Encrypted operation (`encrypted`) once the module
    /// is there and its server key seals (the same JWE while neither changes): the module
    /// answers `ok␟wire␟key id` (JSON text never holds a raw separator: the rest is the key id,
    /// whole) or `plain`. A plain operation's body is never sent to it.
    pub fn seal(&self, encrypted: bool, plaintext: &str) -> Option<Sealed> {
        let answer = self.backend.as_ref().filter(|_| encrypted)?.ask("seal", plaintext, "")?;
        let (wire, key_id) = answer.strip_prefix("ok\u{1f}")?.split_once(SEP)?;
        Some(Sealed { wire: wire.into(), key_id: key_id.into() })
    }
}

/// What the module's `show` is given of the console: `encrypted␟request plaintext␟response
/// body` (`1` or `0`, then the shown exchange's, empty without one): it draws the response
/// decrypted and the plaintext sent before the console's exchange, or why it did not decrypt.
pub fn shown(encrypted: bool, outcome: &Outcome) -> String {
    let (plaintext, body) = match outcome {
        Outcome::Shown(e) => (e.plaintext.as_deref().unwrap_or_default(), e.response.body.as_str()),
        _ => ("", ""),
    };
    format!("{}{SEP}{plaintext}{SEP}{body}", u8::from(encrypted))
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
        /// How often the console asked to seal.
        pub seals: Cell<u32>,
    }

    impl Backend for Native {
        fn ask(&self, what: &str, a: &str, b: &str) -> Option<String> {
            self.counter.set(self.counter.get().wrapping_add(1));
            let byte = self.counter.get();
            if what == "seal" {
                self.seals.set(self.seals.get() + 1);
            }
            let mut keys = self.keys.borrow_mut();
            Some(konaplate_console_crypto::answer(&mut keys, what, a, b, |bytes| bytes.fill(byte)))
        }
    }
}

#[cfg(test)]
mod tests;
