//! The Try It page's in-browser sandbox, in a Wasm module of its own that
//! `www/konaplate-try-it.js` imports only when a console needs it (the first Send to the
//! in-browser sandbox, or "+5 min" on it): the page's first load carries none of core `sandbox`
//! (the checks a server makes, the charge flow, the journey's ledger and clock, their EN/KO
//! replies). One sandbox per console, by the handle `open` gave, memory only, as the crypto
//! module's panels; the console calls it through its on-demand bridge (`konaplate-console`'s
//! `ondemand.rs`, `sandbox.rs`).
//!
//! Strings in, a string out, fields separated by U+001F (the bridge's format): `ok␟…` or
//! `error␟kind␟en␟ko`, so a failure is data, never an exception through Wasm frames. Encryption:
//! the console hands over the crypto module's namespace when it is loaded; the sandbox then
//! enforces encryption through that module's `sandboxKeyId`/`sandboxOpen`/`sandboxSeal`
//! (`crypto.rs`), the same core `SandboxCrypto` `konaplate serve` runs.

mod crypto;
pub mod slot;

use std::cell::RefCell;

use konaplate_core::sandbox::{SandboxRequest, SandboxResponse};
use konaplate_core::text::Text;
use wasm_bindgen::prelude::*;
// The module's global allocator (talc, not dlmalloc).
use konaplate_wasm_alloc as _;

pub use slot::Slot;

/// The field separator of every answer.
pub const SEP: char = '\u{1f}';

/// A field for the answer: a raw separator (an echoed header typed so) becomes U+FFFD.
fn field(out: &mut String, text: &str) {
    out.push(SEP);
    out.extend(text.chars().map(|c| if c == SEP { '\u{fffd}' } else { c }));
}

fn failed(kind: &str, reason: &Text<String>) -> String {
    format!("error{SEP}{kind}{SEP}{}{SEP}{}", reason.en, reason.ko)
}

/// `response` as the answer of `send`: `ok␟status␟offset␟code␟count␟name␟value…␟body` (the
/// body last and whole: JSON text and a JWE never hold a raw separator).
pub fn answer(response: &SandboxResponse, offset_ms: i64) -> String {
    let mut out = String::from("ok");
    field(&mut out, &response.status.to_string());
    field(&mut out, &offset_ms.to_string());
    field(&mut out, &response.code);
    field(&mut out, &response.headers.len().to_string());
    for (name, value) in &response.headers {
        field(&mut out, name);
        field(&mut out, value);
    }
    out.push(SEP);
    out.push_str(&response.body);
    out
}

thread_local! {
    /// Each console's sandbox, by handle (`None` once released).
    static SLOTS: RefCell<Vec<Option<Slot>>> = const { RefCell::new(Vec::new()) };
}

fn no_such_sandbox() -> String {
    failed("module", &Text::from_pair("no such in-browser sandbox", "그런 브라우저 안 샌드박스가 없습니다"))
}

/// Runs `f` on sandbox `n`: its answer, or `error␟module␟…` when there is no such sandbox.
fn with_slot(n: u32, f: impl FnOnce(&mut Slot) -> String) -> String {
    SLOTS.with(|s| s.borrow_mut().get_mut(n as usize)?.as_mut().map(f)).unwrap_or_else(no_such_sandbox)
}

/// A new sandbox for one console: `ok␟handle`. `seed` (a whole number below 2^53) picks its
/// random choices; `document`, the console's `spec` text (its operations instead of the
/// built-in ones), or `undefined`.
#[wasm_bindgen]
pub fn open(seed: f64, document: Option<String>) -> String {
    if document.is_some() {
        konaplate_js_pattern::install();
    }
    match Slot::open(seed as u64, document.as_deref()) {
        Ok(slot) => SLOTS.with(|s| {
            let mut s = s.borrow_mut();
            s.push(Some(slot));
            format!("ok{SEP}{}", s.len() - 1)
        }),
        Err(reason) => failed("document", &reason),
    }
}

/// Sandbox `n`'s answer to a request (`headers`: name, value, name, value…), at `nowMs` (epoch
/// milliseconds), verified with the `secret` the user typed (used for this answer, never kept
/// beyond the sandbox's memory). `crypto`: the crypto module's namespace once the console has
/// it (the sandbox then enforces message encryption), else `undefined`. See [`answer`].
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn send(
    n: u32,
    method: String,
    path: String,
    headers: Vec<String>,
    body: String,
    now_ms: f64,
    secret: &str,
    crypto: JsValue,
) -> String {
    let mut pairs = headers.into_iter();
    let mut named = Vec::new();
    while let (Some(name), Some(value)) = (pairs.next(), pairs.next()) {
        named.push((name, value));
    }
    let request = SandboxRequest { method, path, headers: named, body };
    with_slot(n, |slot| {
        if !slot.armed() && crypto.is_object() {
            slot.arm(crypto::Bridge::new(crypto));
        }
        match slot.send(&request, now_ms as i64, secret) {
            Some(response) => answer(&response, slot.offset()),
            None => no_such_sandbox(),
        }
    })
}

/// "+5 min": moves sandbox `n`'s clock forward by `ms`: `ok␟offset` (how far it runs ahead now).
#[wasm_bindgen]
pub fn advance(n: u32, ms: f64) -> String {
    with_slot(n, |slot| format!("ok{SEP}{}", slot.advance(ms as i64)))
}

/// Drops sandbox `n` (the console was unmounted): `ok`.
#[wasm_bindgen]
pub fn release(n: u32) -> String {
    let released = SLOTS.with(|s| s.borrow_mut().get_mut(n as usize).and_then(Option::take)).is_some();
    if released {
        "ok".into()
    } else {
        no_such_sandbox()
    }
}

#[cfg(test)]
mod tests;
