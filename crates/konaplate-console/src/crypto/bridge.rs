//! The page's [`Backend`]: one panel of the encryption module (`konaplate-console-crypto`,
//! module `crypto` of the console's on-demand bridge, `ondemand.rs`), by the handle its `panel`
//! export gave. Its answers: `ok␟…`, `plain`, `error␟kind␟en␟ko`. (The in-browser sandbox, in
//! the module `sandbox`, calls this module's `sandbox…` exports itself.)

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::{Backend, Sealed, Why};
use crate::ondemand::{self, result};
use crate::text::Lang;

/// The module's name for the page's loader (`konaplate-console-crypto.js`).
pub const NAME: &str = "crypto";

fn call(export: &str, args: &[JsValue]) -> Vec<String> {
    ondemand::call(NAME, export, args)
}

/// What follows `ok␟` in the answer of `export`, whole (a typed key id may hold the separator);
/// `None` for any other answer.
fn ok_text(export: &str, args: &[JsValue]) -> Option<String> {
    Some(ondemand::answer(NAME, export, args)?.strip_prefix("ok\u{1f}")?.to_string())
}

/// This console's panel, built into `slot` (ids prefixed with `scope`) once the module is loaded
/// (`ondemand::load(NAME)`); `None` when it is not or the panel could not be built.
pub fn panel(slot: Element, scope: String) -> Option<Rc<dyn Backend>> {
    let handle = ok_text("panel", &[slot.into(), scope.into()])?.parse::<u32>().ok()?;
    Some(Rc::new(Panel { handle: handle.into() }))
}

/// One console's panel in the module; released when the console lets it go.
struct Panel {
    handle: JsValue,
}

impl Drop for Panel {
    fn drop(&mut self) {
        ondemand::answer(NAME, "release", std::slice::from_ref(&self.handle));
    }
}

impl Backend for Panel {
    fn input(&self, field: &str, value: &str) {
        ondemand::answer(NAME, "input", &[self.handle.clone(), field.into(), value.into()]);
    }

    fn seal(&self, encrypted: bool, plaintext: &str) -> Option<Sealed> {
        let answer = ok_text("seal", &[self.handle.clone(), encrypted.into(), plaintext.into()])?;
        // JSON text never holds a raw separator: the rest is the key id.
        let (wire, key_id) = answer.split_once(ondemand::SEP)?;
        Some(Sealed { wire: wire.into(), key_id: key_id.into() })
    }

    fn open(&self, body: &str) -> Result<String, Why> {
        result(call("open", &[self.handle.clone(), body.into()])).map(|f| f.into_iter().next().unwrap_or_default())
    }

    fn show(&self, lang: Lang, encrypted: bool) {
        ondemand::answer(NAME, "show", &[self.handle.clone(), lang.code().into(), encrypted.into()]);
    }

    fn clear(&self) {
        ondemand::answer(NAME, "clear", std::slice::from_ref(&self.handle));
    }
}
