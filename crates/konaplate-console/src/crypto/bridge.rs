//! The page's [`Backend`]: one panel of the encryption module (`konaplate-console-crypto`,
//! module `crypto` of the console's on-demand bridge, `ondemand.rs`), by the handle its `panel`
//! export gave; every other call goes through its `ask` export (the answers are the module's:
//! `ok␟…`, `plain`, `none`, `error␟kind␟en␟ko`). The in-browser sandbox, in the module
//! `sandbox`, asks this module's `sandboxOpen`/`sandboxSeal` itself.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::Backend;
use crate::ondemand;

/// The module's name for the page's loader (`konaplate-console-crypto.js`).
pub const NAME: &str = "crypto";

/// The module's `ask(handle, what, a, b)`; `None` when it gave no answer.
fn ask(handle: &JsValue, what: &str, a: &str, b: &str) -> Option<String> {
    ondemand::answer(NAME, "ask", &[handle.clone(), what.into(), a.into(), b.into()])
}

/// This console's panel, built into `slot` (ids prefixed with `scope`) once the module is loaded
/// (`ondemand::load(NAME)`); `None` when it is not or the panel could not be built.
pub fn panel(slot: Element, scope: String) -> Option<Rc<dyn Backend>> {
    let answer = ondemand::answer(NAME, "panel", &[slot.into(), scope.into()])?;
    // The handle as the module wrote it (its `ask` reads the number back).
    let handle = answer.strip_prefix("ok\u{1f}")?;
    Some(Rc::new(Panel { handle: handle.into() }))
}

/// One console's panel in the module; released when the console lets it go.
struct Panel {
    handle: JsValue,
}

impl Drop for Panel {
    fn drop(&mut self) {
        self.ask("release", "", "");
    }
}

impl Backend for Panel {
    fn ask(&self, what: &str, a: &str, b: &str) -> Option<String> {
        ask(&self.handle, what, a, b)
    }
}
