//! The in-browser sandbox's message encryption: the crypto module's `ask` export with
//! `sandboxOpen` and `sandboxSeal` (its `SandboxCrypto` with the published test keys, the same
//! core code `konaplate serve` runs), called on the namespace the console hands over.

use konaplate_core::catalog::{self, Code};
use konaplate_core::jwe::test_keys;
use konaplate_core::sandbox::{MessageCrypto, Reply};
use konaplate_core::text::Text;
use wasm_bindgen::{JsCast, JsValue};

/// The crypto module's namespace.
pub struct Bridge {
    module: JsValue,
}

/// Written by hand: the module's namespace has nothing to show.
impl std::fmt::Debug for Bridge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Bridge")
    }
}

impl Bridge {
    pub fn new(module: JsValue) -> Bridge {
        Bridge { module }
    }

    /// The module's answer to `ask(0, what, a, b)`, as sent; `None` when it is missing, threw or
    /// was not text.
    fn ask(&self, what: &str, a: &str, b: &str) -> Option<String> {
        let function: js_sys::Function = js_sys::Reflect::get(&self.module, &"ask".into()).ok()?.dyn_into().ok()?;
        let args = [JsValue::from(0), what.into(), a.into(), b.into()];
        function.apply(&self.module, &args.iter().collect()).ok()?.as_string()
    }
}

/// The sandbox's reply for an answer of the module's that is not `ok␟…`: its `reply␟body`
/// (the status is the HTTP status of the body's code, as every core reply's), or, when it did
/// not answer, invalid input saying so.
fn refusal(answer: Option<&str>) -> Reply {
    match answer.and_then(|a| a.strip_prefix("reply\u{1f}")) {
        Some(body) => {
            let body: serde_json::Value = konaplate_core::json::read(body).unwrap_or_default();
            let status = catalog::code(body["response"]["code"].as_str().unwrap_or_default()).map_or(500, |c| c.http);
            Reply { status, body }
        }
        None => Reply::error(
            Code::InvalidInput,
            None,
            Some(Text::from_pair("the crypto module did not answer", "crypto 모듈이 응답하지 않았습니다")),
        ),
    }
}

impl MessageCrypto for Bridge {
    /// The module checks the one header it reads (X-KM-Crypto-Key-Id: its value, or a line
    /// break, which no header value holds, when there is none) and answers `ok␟plaintext` or
    /// `reply␟body`. The in-browser sandbox is sent the console's own requests only, whose
    /// header names are the catalog's, so the name is compared exactly.
    fn open_request(&self, headers: &[(String, String)], body: &str) -> Result<String, Reply> {
        let key_id = headers.iter().find(|(n, _)| n == catalog::CRYPTO_KEY_ID).map_or("\n", |(_, v)| v.as_str());
        let answer = self.ask("sandboxOpen", key_id, body);
        match answer.as_deref().and_then(|a| a.strip_prefix("ok\u{1f}")) {
            Some(plaintext) => Ok(plaintext.into()),
            None => Err(refusal(answer.as_deref())),
        }
    }

    fn seal_response(&mut self, body: &str) -> String {
        let answer = self.ask("sandboxSeal", body, "");
        answer.as_deref().and_then(|a| a.strip_prefix("ok\u{1f}")).map_or_else(|| body.to_string(), str::to_string)
    }

    /// The published test keys' id: the module's sandbox uses those keys.
    fn server_key_id(&self) -> &str {
        test_keys::SERVER_KEY_ID
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
        let reply = refusal(None);
        assert_eq!((reply.status, reply.code()), (400, "000_002"));
        assert_eq!(reply.body["konaplate"]["explanation"]["en"], "the crypto module did not answer");
        assert_eq!(reply.body["konaplate"]["explanation"]["ko"], "crypto 모듈이 응답하지 않았습니다");
    }

    #[test]
    fn a_reply_status_is_its_codes_so_the_module_sends_the_body_alone() {
        for &code in Code::ALL {
            let reply = Reply::error(code, None, None);
            let read = refusal(Some(&format!("reply\u{1f}{}", reply.body)));
            assert_eq!((read.status, read.body), (reply.status, reply.body), "{code:?}");
        }
    }
}
