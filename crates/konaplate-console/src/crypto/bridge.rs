//! The page's [`Backend`]: a small extern bridge to the encryption module
//! (`konaplate-console-crypto`), which `www/konaplate-try-it.js` imports on demand and hands
//! over through the `loadCrypto` mount option. Every call is synchronous and marked `catch`, and
//! every answer is JSON text (`{"ok"}` or `{"error"}`), so nothing throws through Wasm frames.

use std::cell::RefCell;
use std::rc::Rc;

use konaplate_core::sandbox::{MessageCrypto, Reply, Sandbox};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{Backend, TestKeys, Why};

#[wasm_bindgen]
extern "C" {
    /// The module's namespace object (its `#[wasm_bindgen]` exports).
    pub type CryptoModule;
    #[wasm_bindgen(method, catch, js_name = describeKey)]
    fn describe_key(this: &CryptoModule, pem: &str, private: bool) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = sealBody)]
    fn seal_body(this: &CryptoModule, plaintext: &str, pem: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = openBody)]
    fn open_body(this: &CryptoModule, body: &str, pem: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = sandboxKeys)]
    fn sandbox_keys(this: &CryptoModule) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = sandboxOpen)]
    fn sandbox_open(this: &CryptoModule, headers: &str, body: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = sandboxSeal)]
    fn sandbox_seal(this: &CryptoModule, body: &str) -> Result<String, JsValue>;
}

thread_local! {
    /// The host's loader (`loadCrypto` option): returns a promise of the module.
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// The loaded module, shared by every console of the page.
    static MODULE: RefCell<Option<CryptoModule>> = const { RefCell::new(None) };
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
        MODULE.with(|m| *m.borrow_mut() = Some(module.unchecked_into()));
    }
    Some(Rc::new(Bridge))
}

/// Calls the module; a missing module or a thrown exception becomes an `{"error"}` answer.
fn call(f: impl FnOnce(&CryptoModule) -> Result<String, JsValue>) -> Value {
    let answer = MODULE.with(|m| m.borrow().as_ref().map(f));
    match answer {
        Some(Ok(text)) => serde_json::from_str(&text).unwrap_or(Value::Null),
        _ => serde_json::json!({ "error": { "kind": "module", "en": "the encryption module did not answer", "ko": "암호화 모듈이 응답하지 않았습니다" } }),
    }
}

fn result(answer: Value) -> Result<Value, Why> {
    if let Some(error) = answer.get("error") {
        let field = |name: &str| error[name].as_str().unwrap_or_default().to_string();
        return Err(Why { kind: field("kind"), en: field("en"), ko: field("ko") });
    }
    Ok(answer["ok"].clone())
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

struct Bridge;

impl Backend for Bridge {
    fn describe_key(&self, pem: &str, private: bool) -> Result<u32, Why> {
        result(call(|m| m.describe_key(pem, private))).map(|v| v["bits"].as_u64().unwrap_or(0) as u32)
    }

    fn seal(&self, plaintext: &str, public_pem: &str) -> Result<String, Why> {
        result(call(|m| m.seal_body(plaintext, public_pem))).map(|v| text(&v))
    }

    fn open(&self, body: &str, private_pem: &str) -> Result<String, Why> {
        result(call(|m| m.open_body(body, private_pem))).map(|v| text(&v["plaintext"]))
    }

    fn arm(&self, sandbox: Sandbox) -> Sandbox {
        let key_id = self.test_keys().map(|k| k.server_key_id).unwrap_or_default();
        sandbox.with_crypto(SandboxBridge { key_id })
    }

    fn test_keys(&self) -> Option<TestKeys> {
        let keys = result(call(|m| m.sandbox_keys())).ok()?;
        Some(TestKeys {
            server_key_id: text(&keys["server"]["keyId"]),
            server_public_pem: text(&keys["server"]["publicKeyPem"]),
            client_key_id: text(&keys["client"]["keyId"]),
            client_private_pem: text(&keys["client"]["testPrivateKeyPem"]),
        })
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
        let headers = serde_json::to_string(headers).unwrap_or_default();
        let answer = call(|m| m.sandbox_open(&headers, body));
        if let Some(reply) = answer.get("reply") {
            return Err(Reply {
                status: reply["status"].as_u64().and_then(|s| u16::try_from(s).ok()).unwrap_or(500),
                body: reply["body"].clone(),
            });
        }
        result(answer).map(|v| text(&v)).map_err(|why| {
            Reply::error(konaplate_core::catalog::Code::InvalidInput, None, Some((why.en, why.ko)))
        })
    }

    fn seal_response(&mut self, body: &str) -> String {
        MODULE
            .with(|m| m.borrow().as_ref().and_then(|m| m.sandbox_seal(body).ok()))
            .unwrap_or_else(|| body.to_string())
    }

    fn server_key_id(&self) -> &str {
        &self.key_id
    }

    fn published(&self) -> Value {
        let keys = call(|m| m.sandbox_keys());
        let mut published = keys["ok"].clone();
        if let Some(client) = published.get_mut("client").and_then(Value::as_object_mut) {
            client.remove("testPrivateKeyPem");
        }
        published
    }
}
