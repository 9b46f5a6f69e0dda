//! The in-browser sandbox's message encryption: the crypto module's `sandboxKeyId`,
//! `sandboxOpen` and `sandboxSeal` (its `SandboxCrypto` with the published test keys, the same
//! core code `konaplate serve` runs), called on the namespace the console hands over.

use konaplate_core::catalog::Code;
use konaplate_core::sandbox::{MessageCrypto, Reply};
use konaplate_core::text::Text;
use wasm_bindgen::{JsCast, JsValue};

use crate::SEP;

/// The crypto module's namespace, and the server key id it answered.
pub struct Bridge {
    module: JsValue,
    key_id: String,
}

/// Written by hand: the module's namespace has nothing to show.
impl std::fmt::Debug for Bridge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Bridge")
    }
}

impl Bridge {
    pub fn new(module: JsValue) -> Bridge {
        let mut bridge = Bridge { module, key_id: String::new() };
        bridge.key_id = bridge.ok_text("sandboxKeyId", &[]).unwrap_or_default();
        bridge
    }

    /// The answer of `export`, as sent; `None` when it is missing, threw or was not text.
    fn answer(&self, export: &str, args: &[JsValue]) -> Option<String> {
        let function: js_sys::Function = js_sys::Reflect::get(&self.module, &export.into()).ok()?.dyn_into().ok()?;
        function.apply(&self.module, &args.iter().collect()).ok()?.as_string()
    }

    /// What follows `ok␟` in the answer of `export`, whole.
    fn ok_text(&self, export: &str, args: &[JsValue]) -> Option<String> {
        Some(self.answer(export, args)?.strip_prefix("ok\u{1f}")?.to_string())
    }
}

impl MessageCrypto for Bridge {
    /// The module answers `ok␟plaintext` or `reply␟status␟body`; anything else (it did not
    /// answer) is refused as invalid input.
    fn open_request(&self, headers: &[(String, String)], body: &str) -> Result<String, Reply> {
        let mut lines = String::new();
        for (name, value) in headers {
            lines.extend([name.as_str(), ": ", value.as_str(), "\n"]);
        }
        let answer = self.answer("sandboxOpen", &[lines.into(), body.into()]).unwrap_or_default();
        if let Some(plaintext) = answer.strip_prefix("ok\u{1f}") {
            return Ok(plaintext.into());
        }
        match answer.strip_prefix("reply\u{1f}").and_then(|r| r.split_once(SEP)) {
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
        self.ok_text("sandboxSeal", &[body.into()]).unwrap_or_else(|| body.to_string())
    }

    fn server_key_id(&self) -> &str {
        &self.key_id
    }

    /// Not asked by the in-browser sandbox (it has no `GET /sandbox/crypto-keys`).
    fn published(&self) -> serde_json::Value {
        serde_json::Value::Null
    }
}
