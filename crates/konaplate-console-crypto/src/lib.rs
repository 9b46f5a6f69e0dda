//! The Try It page's message encryption, in a Wasm module of its own that
//! `www/konaplate-try-it.js` imports only when an Encrypted operation is picked or a response
//! carries `encData`: the RSA/JWE code, the encryption panel (its texts and controls, built into a
//! slot the console gives, `panel.rs`) and each console's keys (memory only, in this instance:
//! `keys.rs`). The console keeps a handle per panel and calls it synchronously through its
//! on-demand bridge (`konaplate-console`'s `ondemand.rs`, `crypto.rs`): forward a panel event, seal
//! the body, open a response, show the panel.
//!
//! Strings in, strings out, fields separated by U+001F (which JSON text never holds raw):
//! `ok␟…` or `error␟kind␟en␟ko`, so a failure is data (never an exception through Wasm frames)
//! and the console reads an answer without a JSON parser. `kind` is [`JweError::kind`], `"key"`,
//! or `"module"` (no such panel). Nothing here returns key material.
//!
//! [`JweError::kind`]: konaplate_core::jwe::JweError::kind

pub mod keys;
mod panel;
mod text;

use std::cell::RefCell;

use konaplate_core::sandbox::{MessageCrypto, SandboxCrypto};
use konaplate_core::text::Lang;
use wasm_bindgen::prelude::*;

use keys::{Keys, Why};
use panel::Panel;

/// The field separator of every answer.
pub const SEP: char = '\u{1f}';

fn ok(fields: &[&str]) -> String {
    let mut out = String::from("ok");
    for field in fields {
        out.push(SEP);
        out.push_str(field);
    }
    out
}

fn failed(why: &Why) -> String {
    format!("error{SEP}{}{SEP}{}{SEP}{}", why.kind, why.reason.en, why.reason.ko)
}

fn fill(bytes: &mut [u8]) {
    // getrandom over crypto.getRandomValues cannot fail in a page that has Web Crypto.
    let _ = getrandom::fill(bytes);
}

thread_local! {
    /// Each console's panel and keys, by handle (`None` once released).
    static PANELS: RefCell<Vec<Option<(Panel, Keys)>>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` on panel `n`: its answer, or `error␟module␟…` when there is no such panel.
fn with_panel(n: u32, f: impl FnOnce(&mut Panel, &mut Keys) -> String) -> String {
    let answer = PANELS.with(|p| p.borrow_mut().get_mut(n as usize)?.as_mut().map(|(panel, keys)| f(panel, keys)));
    answer.unwrap_or_else(|| {
        failed(&Why {
            kind: "module",
            reason: konaplate_core::text::Text::from_pair("no such encryption panel", "그런 암호화 패널이 없습니다"),
        })
    })
}

/// Builds a console's panel into `slot` (ids prefixed with `scope`): `ok␟handle`.
#[wasm_bindgen]
pub fn panel(slot: &web_sys::Element, scope: &str) -> String {
    match Panel::build(slot, scope) {
        Ok(panel) => PANELS.with(|p| {
            let mut p = p.borrow_mut();
            p.push(Some((panel, Keys::default())));
            ok(&[&(p.len() - 1).to_string()])
        }),
        Err(_) => failed(&Why {
            kind: "module",
            reason: konaplate_core::text::Text::from_pair(
                "the encryption panel could not be built",
                "암호화 패널을 만들지 못했습니다",
            ),
        }),
    }
}

/// A panel control's value (`field`: its `data-field`; a button's value is empty): `ok`.
#[wasm_bindgen]
pub fn input(n: u32, field: &str, value: &str) -> String {
    with_panel(n, |_, keys| {
        keys.input(field, value);
        ok(&[])
    })
}

/// The body for the wire: `ok␟{"encData":"<JWE>"}␟key id` when the operation is `encrypted`
/// and the server key seals it (fresh randomness; the same JWE while nothing changed), else `plain`.
#[wasm_bindgen]
pub fn seal(n: u32, encrypted: bool, plaintext: &str) -> String {
    with_panel(n, |_, keys| match keys.seal(encrypted, plaintext, fill) {
        Some((wire, key_id)) => ok(&[wire, key_id]),
        None => "plain".into(),
    })
}

/// `ok␟plaintext` of an `{"encData"}` response under the panel's client key, or
/// `error␟kind␟en␟ko` worded whole (no key, wrong key, tampered, unsupported alg/enc, malformed).
#[wasm_bindgen]
pub fn open(n: u32, body: &str) -> String {
    with_panel(n, |_, keys| match keys.open(body) {
        Ok(plaintext) => ok(&[&plaintext]),
        Err(why) => failed(&why),
    })
}

/// Writes the panel in `lang` (`en`, `ko`) for an operation that is `encrypted` or not: `ok`.
#[wasm_bindgen]
pub fn show(n: u32, lang: &str, encrypted: bool) -> String {
    let lang = Lang::from_code(lang).unwrap_or_default();
    with_panel(n, |panel, keys| {
        panel.show(keys, lang, encrypted);
        ok(&[])
    })
}

/// Forgets the panel's keys ("Clear credentials"): `ok`.
#[wasm_bindgen]
pub fn clear(n: u32) -> String {
    with_panel(n, |_, keys| {
        keys.clear();
        ok(&[])
    })
}

/// Drops the panel and its keys (the console was unmounted): `ok`.
#[wasm_bindgen]
pub fn release(n: u32) -> String {
    let released = PANELS.with(|p| p.borrow_mut().get_mut(n as usize).and_then(Option::take)).is_some();
    if released {
        ok(&[])
    } else {
        with_panel(n, |_, _| String::new())
    }
}

thread_local! {
    /// The in-browser sandbox's keys: the same published test keys `konaplate serve` uses.
    static SANDBOX: RefCell<SandboxCrypto> = RefCell::new(SandboxCrypto::test_keys(Box::new(fill)));
}

/// `ok␟server key id` of the in-browser sandbox (the published test keys of `testdata/keys/`).
#[wasm_bindgen(js_name = sandboxKeyId)]
pub fn sandbox_key_id() -> String {
    ok(&[SANDBOX.with(|s| s.borrow().server_key_id().to_string()).as_str()])
}

/// The in-browser sandbox's checks of an encrypted request, exactly as `konaplate serve` runs
/// them (core `SandboxCrypto::open_request`): `ok␟plaintext` or `reply␟status␟body`.
/// `headers`: one `name: value` a line.
#[wasm_bindgen(js_name = sandboxOpen)]
pub fn sandbox_open(headers: &str, body: &str) -> String {
    let headers: Vec<(String, String)> =
        headers.lines().filter_map(|line| line.split_once(": ").map(|(n, v)| (n.to_string(), v.to_string()))).collect();
    match SANDBOX.with(|s| s.borrow().open_request(&headers, body)) {
        Ok(plaintext) => ok(&[&plaintext]),
        Err(reply) => format!("reply{SEP}{}{SEP}{}", reply.status, reply.body),
    }
}

/// `ok␟{"encData"}`: a response body sealed to the sandbox's client key (operations marked for response encryption).
#[wasm_bindgen(js_name = sandboxSeal)]
pub fn sandbox_seal(body: &str) -> String {
    ok(&[&SANDBOX.with(|s| s.borrow_mut().seal_response(body))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use konaplate_core::jwe::test_keys as k;

    fn fields(answer: &str) -> Vec<&str> {
        answer.split(SEP).collect()
    }

    #[test]
    fn the_sandbox_opens_what_is_sealed_to_its_server_key_and_refuses_a_plain_body() {
        let mut keys = Keys::default();
        keys.input(keys::field::TEST_KEYS, "");
        let (wire, key_id) = keys.seal(true, r#"{"cardNo":"1"}"#, fill).unwrap();
        assert_eq!(fields(&sandbox_key_id()), ["ok", key_id]);
        let headers = format!("Content-Type: application/json\nX-KM-Crypto-Key-Id: {key_id}");
        assert_eq!(fields(&sandbox_open(&headers, wire)), ["ok", r#"{"cardNo":"1"}"#]);
        let plain = sandbox_open(&headers, r#"{"cardNo":"1"}"#);
        assert_eq!(fields(&plain)[..2], ["reply", "400"]);
        assert!(fields(&plain)[2].contains("000_911"));
        let sealed = fields(&sandbox_seal(r#"{"a":1}"#))[1].to_string();
        assert_eq!(keys::open(&sealed, k::CLIENT_PRIVATE_PKCS8).unwrap().2, r#"{"a":1}"#);
    }

    #[test]
    fn a_call_to_a_panel_that_is_not_there_is_an_error_answer_not_a_panic() {
        for answer in
            [input(7, "key-id", "x"), seal(7, true, "{}"), open(7, "{}"), show(7, "ko", true), clear(7), release(7)]
        {
            let answer = fields(&answer);
            assert_eq!(answer[..2], ["error", "module"]);
            assert!(answer[3].chars().any(|c| ('가'..='힣').contains(&c)));
        }
    }
}
