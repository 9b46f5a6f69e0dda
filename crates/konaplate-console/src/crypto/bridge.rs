//! The page's [`Backend`]: the encryption module (`konaplate-console-crypto`, module `crypto`
//! of the console's on-demand bridge, `ondemand.rs`). Its answers: `ok␟…`, `error␟kind␟en␟ko`,
//! and `reply␟status␟body` for the in-browser sandbox's checks.

use std::rc::Rc;

use konaplate_core::sandbox::{MessageCrypto, Reply, Sandbox};
use wasm_bindgen::JsValue;

use super::{Backend, TestKeys, Why};
use crate::ondemand::{self, field, result};

/// The module's name for the page's loader (`konaplate-console-crypto.js`).
const NAME: &str = "crypto";

/// Loads the module (once per page); `None` when there is no loader or it failed.
pub async fn load() -> Option<Rc<dyn Backend>> {
    ondemand::load(NAME).await.then(|| Rc::new(Bridge) as Rc<dyn Backend>)
}

fn call(export: &str, args: &[JsValue]) -> Vec<String> {
    ondemand::call(NAME, export, args)
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
            .map_err(|why| Reply::error(konaplate_core::catalog::Code::InvalidInput, None, Some(why.reason)))
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
