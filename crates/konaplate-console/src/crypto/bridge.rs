//! The page's [`Backend`]: a small extern bridge to the encryption module
//! (`konaplate-console-crypto`), which `www/konaplate-try-it.js` imports on demand and hands
//! over through the `loadCrypto` mount option. Every call is synchronous, a thrown exception is
//! caught by `Function.apply`'s `Result`, and
//! every answer is text, fields separated by U+001F (`ok␟…`, `error␟kind␟en␟ko`,
//! `reply␟status␟body`), so nothing throws through Wasm frames and no JSON is parsed here.

use std::cell::RefCell;
use std::rc::Rc;

use konaplate_core::sandbox::{MessageCrypto, Reply, Sandbox};
use wasm_bindgen::prelude::*;

use super::{Backend, TestKeys, Why};

thread_local! {
    /// The host's loader (`loadCrypto` option): returns a promise of the module.
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// The loaded module's namespace object, shared by every console of the page.
    static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Remembers the host's loader (the first one given wins; one module per page).
pub fn set_loader(loader: Option<js_sys::Function>) {
    LOADER.with(|l| {
        let mut l = l.borrow_mut();
        if l.is_none() {
            *l = loader;
        }
    });
}

/// Loads the module (once per page); `None` when there is no loader or it failed.
pub async fn load() -> Option<Rc<dyn Backend>> {
    if MODULE.with(|m| m.borrow().is_none()) {
        let promise = LOADER.with(|l| l.borrow().as_ref().and_then(|f| f.call0(&JsValue::NULL).ok()))?;
        let module = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise)).await.ok()?;
        MODULE.with(|m| *m.borrow_mut() = Some(module));
    }
    Some(Rc::new(Bridge))
}

/// Calls the module's export `name` (one call path for every export: the bridge stays small):
/// its answer's fields, or the `error` of a missing module or a thrown exception.
fn call(name: &str, args: &[JsValue]) -> Vec<String> {
    let answer = MODULE.with(|m| {
        let module = m.borrow().clone()?;
        let export: js_sys::Function = js_sys::Reflect::get(&module, &name.into()).ok()?.dyn_into().ok()?;
        export.apply(&module, &args.iter().collect()).ok()?.as_string()
    });
    match answer {
        Some(text) => text.split('\u{1f}').map(str::to_string).collect(),
        None => ["error", "module", "the encryption module did not answer", "암호화 모듈이 응답하지 않았습니다"]
            .map(str::to_string)
            .to_vec(),
    }
}

/// The fields after `ok`, or why not.
fn result(mut answer: Vec<String>) -> Result<Vec<String>, Why> {
    if answer.first().is_some_and(|f| f == "ok") {
        answer.remove(0);
        return Ok(answer);
    }
    answer.resize(4, String::new());
    let ko = answer.pop().unwrap_or_default();
    let en = answer.pop().unwrap_or_default();
    Err(Why { kind: answer.pop().unwrap_or_default(), en, ko })
}

/// Field `n` of an `ok` answer (empty if the module sent fewer).
fn field(fields: Vec<String>, n: usize) -> String {
    fields.into_iter().nth(n).unwrap_or_default()
}

struct Bridge;

impl Backend for Bridge {
    fn describe_key(&self, pem: &str, private: bool) -> Result<u32, Why> {
        result(call("describeKey", &[pem.into(), private.into()])).map(|f| field(f, 0).parse().unwrap_or(0))
    }

    fn seal(&self, plaintext: &str, public_pem: &str) -> Result<String, Why> {
        result(call("sealBody", &[plaintext.into(), public_pem.into()])).map(|f| field(f, 0))
    }

    fn open(&self, body: &str, private_pem: &str) -> Result<String, Why> {
        result(call("openBody", &[body.into(), private_pem.into()])).map(|f| field(f, 2))
    }

    fn arm(&self, sandbox: Sandbox) -> Sandbox {
        let key_id = self.test_keys().map(|k| k.server_key_id).unwrap_or_default();
        sandbox.with_crypto(SandboxBridge { key_id })
    }

    fn test_keys(&self) -> Option<TestKeys> {
        let [server_key_id, server_public_pem, client_key_id, client_private_pem]: [String; 4] =
            result(call("sandboxKeys", &[])).ok()?.try_into().ok()?;
        Some(TestKeys { server_key_id, server_public_pem, client_key_id, client_private_pem })
    }
}

/// The in-browser sandbox's [`MessageCrypto`]: the module's `SandboxCrypto` with the test keys,
/// the same core code `konaplate serve` runs.
#[derive(Debug)]
struct SandboxBridge {
    key_id: String,
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
            .map_err(|why| Reply::error(konaplate_core::catalog::Code::InvalidInput, None, Some((why.en, why.ko))))
    }

    fn seal_response(&mut self, body: &str) -> String {
        result(call("sandboxSeal", &[body.into()])).map(|f| field(f, 0)).unwrap_or_else(|_| body.to_string())
    }

    fn server_key_id(&self) -> &str {
        &self.key_id
    }

    /// Not asked by the in-browser sandbox (it has no `GET /sandbox/crypto-keys`): the panel
    /// shows the key ids instead.
    fn published(&self) -> serde_json::Value {
        serde_json::Value::Null
    }
}
