//! The page's [`Backend`]: one panel of the encryption module (`konaplate-console-crypto`,
//! module `crypto` of the console's on-demand bridge, `ondemand.rs`), by the handle its `panel`
//! export gave. Its answers: `ok␟…`, `plain`, `error␟kind␟en␟ko`, and `reply␟status␟body` for
//! the in-browser sandbox's checks.

use std::rc::Rc;

use konaplate_core::sandbox::{MessageCrypto, Reply, Sandbox};
use wasm_bindgen::JsValue;
use web_sys::Element;

use super::{Backend, Sealed, Why};
use crate::ondemand::{self, field, result};
use crate::text::Lang;

/// The module's name for the page's loader (`konaplate-console-crypto.js`).
const NAME: &str = "crypto";

fn call(export: &str, args: &[JsValue]) -> Vec<String> {
    ondemand::call(NAME, export, args)
}

/// Loads the module (once per page) and builds this console's panel into `slot` (ids prefixed
/// with `scope`); `None` when there is no loader, it failed, or the panel could not be built.
pub async fn load(slot: Element, scope: String) -> Option<Rc<dyn Backend>> {
    if !ondemand::load(NAME).await {
        return None;
    }
    let handle = field(result(call("panel", &[slot.into(), scope.into()])).ok()?, 0).parse::<u32>().ok()?;
    Some(Rc::new(Panel { handle: handle.into() }))
}

/// One console's panel in the module; released when the console lets it go.
struct Panel {
    handle: JsValue,
}

impl Drop for Panel {
    fn drop(&mut self) {
        call("release", std::slice::from_ref(&self.handle));
    }
}

impl Backend for Panel {
    fn input(&self, field: &str, value: &str) {
        call("input", &[self.handle.clone(), field.into(), value.into()]);
    }

    fn seal(&self, encrypted: bool, plaintext: &str) -> Option<Sealed> {
        let answer = result(call("seal", &[self.handle.clone(), encrypted.into(), plaintext.into()])).ok()?;
        // JSON text never holds a raw separator; a typed key id might.
        let mut fields = answer.into_iter();
        let wire = fields.next()?;
        Some(Sealed { wire, key_id: fields.collect::<Vec<_>>().join(&ondemand::SEP.to_string()) })
    }

    fn open(&self, body: &str) -> Result<String, Why> {
        result(call("open", &[self.handle.clone(), body.into()])).map(|f| field(f, 0))
    }

    fn show(&self, lang: Lang, encrypted: bool) {
        call("show", &[self.handle.clone(), lang.code().into(), encrypted.into()]);
    }

    fn clear(&self) {
        call("clear", std::slice::from_ref(&self.handle));
    }

    fn arm(&self, sandbox: Sandbox) -> Sandbox {
        let key_id = result(call("sandboxKeyId", &[])).map(|f| field(f, 0)).unwrap_or_default();
        sandbox.with_crypto(SandboxBridge { key_id })
    }
}

/// The in-browser sandbox's [`MessageCrypto`]: the module's `SandboxCrypto` with the test keys,
/// the same core code `konaplate serve` runs.
struct SandboxBridge {
    key_id: String,
}

/// Written by hand: a derived `Debug` (reachable through the trait's vtable) would bring the
/// formatter's struct builders into the first load.
impl std::fmt::Debug for SandboxBridge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SandboxBridge")
    }
}

impl MessageCrypto for SandboxBridge {
    fn open_request(&self, headers: &[(String, String)], body: &str) -> Result<String, Reply> {
        let headers: Vec<String> = headers.iter().map(|(n, v)| format!("{n}: {v}")).collect();
        let mut answer = call("sandboxOpen", &[headers.join("\n").into(), body.into()]);
        if answer.len() == 3 && answer[0] == "reply" {
            return Err(Reply {
                status: answer[1].parse().unwrap_or(500),
                body: serde_json::from_str(&answer[2]).unwrap_or_default(),
            });
        }
        answer.truncate(2);
        result(answer)
            .map(|f| field(f, 0))
            .map_err(|why| Reply::error(konaplate_core::catalog::Code::InvalidInput, None, Some(why.reason)))
    }

    fn seal_response(&mut self, body: &str) -> String {
        result(call("sandboxSeal", &[body.into()])).map(|f| field(f, 0)).unwrap_or_else(|_| body.to_string())
    }

    fn server_key_id(&self) -> &str {
        &self.key_id
    }

    /// Not asked by the in-browser sandbox (it has no `GET /sandbox/crypto-keys`).
    fn published(&self) -> serde_json::Value {
        serde_json::Value::Null
    }
}
