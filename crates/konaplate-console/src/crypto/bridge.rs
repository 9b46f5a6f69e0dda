//! The page's [`Backend`]: one panel of the encryption module (`konaplate-console-crypto`,
//! module `crypto` of the console's on-demand bridge, `ondemand.rs`), by the handle its `panel`
//! export gave; every other call goes through its `ask` export (the answers are the module's:
//! `ok␟…`, `plain`, `none`, `error␟kind␟en␟ko`, and `reply␟body` for the in-browser
//! sandbox's checks).

use std::rc::Rc;

use konaplate_core::catalog;
use konaplate_core::sandbox::{MessageCrypto, Reply, Sandbox};
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

/// What follows `ok␟` in the in-browser sandbox's answer to `what`, whole; `None` for any other.
fn sandbox_ok(what: &str, a: &str) -> Option<String> {
    Some(ask(&JsValue::UNDEFINED, what, a, "")?.strip_prefix("ok\u{1f}")?.to_string())
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

    fn arm(&self, sandbox: Sandbox) -> Sandbox {
        sandbox.with_crypto(SandboxBridge)
    }
}

/// The in-browser sandbox's reply when the module gave no answer: invalid input, explained in
/// the words of the on-demand bridge ("the crypto module did not answer").
fn no_answer() -> Reply {
    let why = ondemand::result(ondemand::fields(NAME, None)).err().map(|why| why.reason);
    Reply::error(catalog::Code::InvalidInput, None, why)
}

/// The in-browser sandbox's [`MessageCrypto`]: the module's `SandboxCrypto` with the test keys,
/// the same core code `konaplate serve` runs.
struct SandboxBridge;

/// Written by hand: a derived `Debug` (reachable through the trait's vtable) would bring the
/// formatter's struct builders into the first load.
impl std::fmt::Debug for SandboxBridge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SandboxBridge")
    }
}

impl MessageCrypto for SandboxBridge {
    /// The module checks the one header it reads (X-KM-Crypto-Key-Id: its value, or a line
    /// break, which no header value holds, when there is none) and answers `ok␟plaintext` or
    /// `reply␟body`. The in-browser sandbox is sent the console's own requests only,
    /// whose header names are the catalog's, so the name is compared exactly.
    fn open_request(&self, headers: &[(String, String)], body: &str) -> Result<String, Reply> {
        let key_id = headers.iter().find(|(n, _)| n == catalog::CRYPTO_KEY_ID);
        let key_id = key_id.map_or("\n", |(_, v)| v.as_str());
        let Some(answer) = ask(&JsValue::UNDEFINED, "sandboxOpen", key_id, body) else {
            return Err(no_answer());
        };
        if let Some(plaintext) = answer.strip_prefix("ok\u{1f}") {
            return Ok(plaintext.into());
        }
        // core's JSON reader (the first load has it already), not a `from_str` of its own; the
        // status is the reply code's, as core's `Reply::error` sets it.
        let body =
            konaplate_core::json::parse(answer.strip_prefix("reply\u{1f}").unwrap_or_default()).unwrap_or_default();
        let status = catalog::code(body["response"]["code"].as_str().unwrap_or_default()).map_or(500, |c| c.http);
        Err(Reply { status, body })
    }

    fn seal_response(&mut self, body: &str) -> String {
        sandbox_ok("sandboxSeal", body).unwrap_or_else(|| body.to_string())
    }

    /// The module's sandbox key id: the published test keys' (never asked by the in-browser sandbox).
    fn server_key_id(&self) -> &str {
        konaplate_core::jwe::test_keys::SERVER_KEY_ID
    }

    /// Not asked by the in-browser sandbox (it has no `GET /sandbox/crypto-keys`).
    fn published(&self) -> serde_json::Value {
        serde_json::Value::Null
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_the_module_gives_no_answer_the_sandbox_says_so_in_both_languages() {
        let reply = no_answer();
        assert_eq!((reply.status, reply.code()), (400, "000_002"));
        assert_eq!(reply.body["konaplate"]["explanation"]["en"], "the crypto module did not answer");
        assert_eq!(reply.body["konaplate"]["explanation"]["ko"], "crypto 모듈이 응답하지 않았습니다");
    }

    #[test]
    fn a_reply_status_is_its_codes_so_the_module_sends_the_body_alone() {
        for &code in catalog::Code::ALL {
            let reply = Reply::error(code, None, None);
            let read = catalog::code(reply.body["response"]["code"].as_str().unwrap()).map_or(500, |c| c.http);
            assert_eq!(read, reply.status, "{code:?}");
        }
    }
}
