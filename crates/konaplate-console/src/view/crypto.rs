//! Where the message encryption panel goes: a slot the on-demand module builds its panel into
//! (`konaplate-console-crypto`'s `panel.rs`; the module shows it for an Encrypted operation and
//! an `encData` response). Until the module is there, the slot says it is loading or why not
//! (one note, empty and not shown otherwise: `.kp .hint:empty`).
//! The module also places the "HMAC covers the wrapper" note in the signature inspector and, in
//! the response area, the response decrypted (or why not) with the plaintext sent (before the
//! console's `token-note` and `response-body`), from what it is given here (`crypto::shown`).

use web_sys::Element;

use super::build::Builder;
use super::Frame;
use crate::crypto::Module;
use crate::dom::Output;
use crate::text;

pub struct Slot {
    slot: Element,
    scope: String,
    /// "Loading the encryption module…" or "could not be loaded" (empty once it is there).
    note: Output,
}

impl Slot {
    pub fn build(b: &mut Builder, top: &Element) -> Slot {
        let slot = b.el("div", top, &[]);
        let note = b.el("p", &slot, &[("class", "hint")]);
        Slot { scope: b.id(""), note: Output::new(note), slot }
    }

    /// The slot and the console's id prefix, for the module's panel.
    pub fn place(&self) -> (Element, String) {
        (self.slot.clone(), self.scope.clone())
    }

    pub fn render(&self, f: &Frame) {
        let (s, lang) = (f.state, f.lang);
        let encrypted = s.endpoint.encrypted;
        self.note.show(match s.crypto.module {
            Module::Loading => lang.pick(text::CRYPTO_LOADING),
            Module::Failed => lang.pick(text::CRYPTO_FAILED),
            _ => "",
        });
        if let Some(backend) = &s.crypto.backend {
            backend.ask("show", lang.code(), &crate::crypto::shown(encrypted, &s.outcome));
        }
    }
}
