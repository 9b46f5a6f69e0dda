//! The page's [`Backend`]: this console's sandbox in the module `sandbox`
//! (`konaplate-console-sandbox`, through the console's on-demand bridge, `ondemand.rs`), by the
//! handle its `open` export gave.

use std::rc::Rc;

use konaplate_core::sandbox::{SandboxRequest, SandboxResponse};
use wasm_bindgen::JsValue;

use super::{read_answer, Backend, Loaded, Why};
use crate::ondemand;

/// The module's name for the page's loader (`konaplate-console-sandbox.js`).
pub const NAME: &str = "sandbox";

/// Loads the module (once per page) and makes this console's sandbox in it: `seed` picks its
/// random choices, `document` (the `spec` text) gives its operations. `None` when the module
/// could not be loaded or did not make one.
pub async fn load(seed: u64, document: Option<Rc<str>>) -> Option<Loaded> {
    if !ondemand::load(NAME).await {
        return None;
    }
    let document = document.map_or(JsValue::UNDEFINED, |d| JsValue::from_str(&d));
    // A seed below 2^32: exact as a JavaScript number.
    let opened = ondemand::answer(NAME, "open", &[JsValue::from_f64(seed as f64), document])?;
    let handle = opened.strip_prefix("ok\u{1f}")?.parse::<u32>().ok()?;
    Some(Loaded(Rc::new(Handle { handle: handle.into() })))
}

/// One console's sandbox in the module; released when the console lets it go.
struct Handle {
    handle: JsValue,
}

impl Drop for Handle {
    fn drop(&mut self) {
        ondemand::answer(NAME, "release", std::slice::from_ref(&self.handle));
    }
}

impl Backend for Handle {
    fn send(
        &self,
        request: &SandboxRequest,
        now_ms: i64,
        secret: &str,
        encryption: bool,
    ) -> Result<(SandboxResponse, i64), Why> {
        let headers = js_sys::Array::new();
        for (name, value) in &request.headers {
            headers.push(&name.into());
            headers.push(&value.into());
        }
        // With the crypto module loaded, the sandbox enforces encryption through its exports.
        let crypto =
            if encryption { ondemand::module(crate::crypto::bridge::NAME) } else { None }.unwrap_or(JsValue::UNDEFINED);
        let args = [
            self.handle.clone(),
            request.method.as_str().into(),
            request.path.as_str().into(),
            headers.into(),
            request.body.as_str().into(),
            JsValue::from_f64(now_ms as f64),
            secret.into(),
            crypto,
        ];
        read_answer(&ondemand::answer(NAME, "send", &args).ok_or_else(|| ondemand::silent(NAME))?)
    }

    fn advance(&self, ms: i64) -> Result<i64, Why> {
        let answer = ondemand::answer(NAME, "advance", &[self.handle.clone(), JsValue::from_f64(ms as f64)]);
        answer.as_deref().and_then(|a| a.strip_prefix("ok\u{1f}")?.parse().ok()).ok_or_else(|| ondemand::silent(NAME))
    }
}
