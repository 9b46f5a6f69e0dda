//! The page's [`Backend`]: one panel of the encryption module (`konaplate-console-crypto`,
//! module `crypto` of the console's on-demand bridge, `ondemand.rs`), by the handle its `panel`
//! export gave. Its answers: `ok␟…`, `plain`, `error␟kind␟en␟ko`, and `reply␟status␟body` for
//! the in-browser sandbox's checks.

use std::rc::Rc;

use konaplate_core::catalog::Code;
use konaplate_core::sandbox::{MessageCrypto, Reply, Sandbox};
use konaplate_core::text::Text;
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

    fn arm(&self, sandbox: Sandbox) -> Sandbox {
        sandbox.with_crypto(SandboxBridge { key_id: ok_text("sandboxKeyId", &[]).unwrap_or_default() })
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
    /// The module answers `ok␟plaintext` or `reply␟status␟body`; anything else (it did not
    /// answer) is refused as invalid input.
    fn open_request(&self, headers: &[(String, String)], body: &str) -> Result<String, Reply> {
        let mut lines = String::new();
        for (name, value) in headers {
            lines.extend([name.as_str(), ": ", value.as_str(), "\n"]);
        }
        let answer = ondemand::answer(NAME, "sandboxOpen", &[lines.into(), body.into()]).unwrap_or_default();
        if let Some(plaintext) = answer.strip_prefix("ok\u{1f}") {
            return Ok(plaintext.into());
        }
        match answer.strip_prefix("reply\u{1f}").and_then(|r| r.split_once(ondemand::SEP)) {
            Some((status, body)) => Err(Reply {
                status: status.parse().unwrap_or(500),
                body: serde_json::from_str(body).unwrap_or_default(),
            }),
            None => Err(Reply::error(
                Code::InvalidInput,
                None,
                Some(Text::from_pair("the crypto module did not answer", "crypto 모듈이 응답하지 않았습니다")),
            )),
        }
    }

    fn seal_response(&mut self, body: &str) -> String {
        ok_text("sandboxSeal", &[body.into()]).unwrap_or_else(|| body.to_string())
    }

    fn server_key_id(&self) -> &str {
        &self.key_id
    }

    /// Not asked by the in-browser sandbox (it has no `GET /sandbox/crypto-keys`).
    fn published(&self) -> serde_json::Value {
        serde_json::Value::Null
    }
}
