//! The Try It page's message encryption, in a Wasm module of its own that
//! `www/konaplate-try-it.js` imports only when an Encrypted operation is picked or a response
//! carries `encData`: the RSA/JWE code, the encryption panel (its texts and controls, built into a
//! slot the console gives, `panel.rs`) and each console's keys (memory only, in this instance:
//! `keys.rs`). The console keeps a handle per panel and calls it synchronously through its
//! on-demand bridge (`konaplate-console`'s `ondemand.rs`, `crypto/bridge.rs`): two exports,
//! [`panel`] (build one into a slot; it listens to its own controls) and [`ask`] (everything else
//! by name: seal the body, show the panel and the exchange decrypted, forget the keys, and the
//! in-browser sandbox's checks).
//!
//! Strings in, strings out, fields separated by U+001F (which JSON text never holds raw):
//! `ok␟…` or `error␟kind␟en␟ko`, so a failure is data (never an exception through Wasm frames)
//! and the console reads an answer without a JSON parser. `kind` is [`JweError::kind`], `"key"`,
//! or `"module"` (no such panel). Nothing here returns key material.
//!
//! [`JweError::kind`]: konaplate_core::jwe::JweError::kind

pub mod exchange;
pub mod keys;
mod panel;
mod text;

use std::cell::RefCell;

use konaplate_core::sandbox::{MessageCrypto, SandboxCrypto};
use konaplate_core::text::Lang;
use wasm_bindgen::prelude::*;
// The module's global allocator (talc, not dlmalloc).
use konaplate_wasm_alloc as _;

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

/// A control of panel `n` typed in, pressed (`value` empty) or filled from a file: its listener's.
fn input(n: u32, field: &str, value: &str) {
    with_panel(n, |_, keys| {
        keys.input(field, value);
        String::new()
    });
}

/// Builds a console's panel into `slot` (ids prefixed with `scope`): `ok␟handle`.
#[wasm_bindgen]
pub fn panel(slot: &web_sys::Element, scope: &str) -> String {
    let n = PANELS.with(|p| p.borrow().len()) as u32;
    match Panel::build(slot, scope, n) {
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

/// Every call after [`panel`], by name (`what`), to panel `n`; `a` and `b` are its arguments
/// (empty when it has fewer):
///
/// - `input` field value: a panel control's value (`field`: its `data-field`; a button's value
///   is empty): `ok`. In the page the panel's own listener takes its controls in (`panel.rs`);
///   the console's native tests drive the same through [`answer`].
/// - `seal` plaintext: the body for the wire, `ok␟{"encData":"<JWE>"}␟key id` when the server key
///   seals it (fresh randomness; the same JWE while nothing changed), else `plain`. The console
///   asks only for an Encrypted operation.
/// - `show` lang shown: writes the panel in `lang` (`en`, `ko`) and what it places in the
///   console's areas: the HMAC note (in its inspector), and before its exchange the response
///   decrypted from `encData` (under the panel's client key) with the plaintext of a request sent
///   encrypted, or why the response did not decrypt (no key, wrong key, tampered, unsupported
///   alg/enc, malformed), worded whole. `shown` is `encrypted␟request plaintext␟response body`
///   (see [`exchange`]): `ok`. ([`answer`] answers it with what it would draw:
///   `ok␟block␟why`.)
/// - `clear`: forgets the panel's keys ("Clear credentials"): `ok`. `release`: drops the panel
///   and its keys (the console was unmounted): `ok`.
/// - `sandboxOpen` key-id body, `sandboxSeal` body: the in-browser sandbox's (any `n`; see
///   [`sandbox_open`]; its key id is the published test keys' `SERVER_KEY_ID`).
#[wasm_bindgen]
pub fn ask(n: u32, what: &str, a: &str, b: &str) -> String {
    match what {
        "sandboxOpen" => sandbox_open((a != "\n").then_some(a), b),
        "sandboxSeal" => sandbox_seal(a),
        "release" => release(n),
        "show" => with_panel(n, |panel, keys| {
            let lang = Lang::from_code(a).unwrap_or_default();
            let shown = exchange::read(keys, lang, b);
            panel.show(keys, lang, &shown);
            ok(&[])
        }),
        _ => with_panel(n, |_, keys| answer(keys, what, a, b, fill)),
    }
}

/// [`ask`]'s answer for the calls that need only a panel's keys (`input`, `seal`, `clear`, and
/// `show` as the text it draws); `fill`: the randomness of a new encryption. The console's native
/// tests drive it.
pub fn answer(keys: &mut Keys, what: &str, a: &str, b: &str, fill: impl FnOnce(&mut [u8])) -> String {
    match what {
        "input" => keys.input(a, b),
        "seal" => {
            return match keys.seal(a, fill) {
                Some((wire, key_id)) => ok(&[wire, key_id]),
                None => "plain".into(),
            }
        }
        "show" => {
            let shown = exchange::read(keys, Lang::from_code(a).unwrap_or_default(), b);
            return ok(&[&shown.block, &shown.why]);
        }
        "clear" => keys.clear(),
        _ => {
            return failed(&Why {
                kind: "module",
                reason: konaplate_core::text::Text::from_pair(
                    "the encryption module has no such call",
                    "암호화 모듈에 그런 호출이 없습니다",
                ),
            })
        }
    }
    ok(&[])
}

/// Whether a body is an `{"encData": …}` object (a response to decrypt).
pub fn has_enc_data(body: &str) -> bool {
    matches!(konaplate_core::json::read(body), Ok(serde_json::Value::Object(o)) if o.contains_key("encData"))
}

/// Drops panel `n` and its keys: `ok`.
fn release(n: u32) -> String {
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

/// The in-browser sandbox's checks of an encrypted request, exactly as `konaplate serve` runs
/// them (core `SandboxCrypto::open_request`): `ok␟plaintext` or `reply␟body` (the reply's status
/// is the HTTP status of its `response.code`, as every core reply's).
/// `key_id`: the request's X-KM-Crypto-Key-Id, the one header they read (`ask` reads a line
/// break as none: no header value holds one).
pub fn sandbox_open(key_id: Option<&str>, body: &str) -> String {
    let headers: Vec<(String, String)> =
        key_id.map(|id| (konaplate_core::catalog::CRYPTO_KEY_ID.to_string(), id.to_string())).into_iter().collect();
    match SANDBOX.with(|s| s.borrow().open_request(&headers, body)) {
        Ok(plaintext) => ok(&[&plaintext]),
        // Its status is its code's (`Reply::error`): the console reads it from the body.
        Err(reply) => format!("reply{SEP}{}", reply.body),
    }
}

/// `ok␟{"encData"}`: a response body sealed to the sandbox's client key (operations marked for response encryption).
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
        let (wire, key_id) = keys.seal(r#"{"cardNo":"1"}"#, fill).unwrap();
        assert_eq!(SANDBOX.with(|s| s.borrow().server_key_id().to_string()), key_id, "the console's SERVER_KEY_ID");
        assert_eq!(fields(&ask(0, "sandboxOpen", key_id, wire)), ["ok", r#"{"cardNo":"1"}"#]);
        assert_eq!(fields(&ask(0, "sandboxOpen", "\n", wire)), ["ok", r#"{"cardNo":"1"}"#], "no key id header");
        let empty = ask(0, "sandboxOpen", "", wire);
        assert!(fields(&empty)[1].contains("000_912"), "an empty one: {empty}");
        let plain = ask(0, "sandboxOpen", key_id, r#"{"cardNo":"1"}"#);
        assert_eq!(fields(&plain)[0], "reply");
        assert!(fields(&plain)[1].contains("000_911"));
        let sealed = fields(&ask(0, "sandboxSeal", r#"{"a":1}"#, "")).get(1).unwrap().to_string();
        assert_eq!(keys::open(&sealed, k::CLIENT_PRIVATE_PKCS8).unwrap().2, r#"{"a":1}"#);
    }

    #[test]
    fn a_panels_calls_answer_by_name() {
        let mut keys = Keys::default();
        let mut call = |what, a, b| answer(&mut keys, what, a, b, |bytes: &mut [u8]| bytes.fill(7));
        assert_eq!(call("seal", "{}", ""), "plain", "no server key");
        assert_eq!(call("input", keys::field::TEST_KEYS, ""), "ok");
        let sealed = call("seal", "{}", "");
        let sealed = fields(&sealed);
        assert_eq!((sealed[0], sealed[2]), ("ok", k::SERVER_KEY_ID));
        let to_client = fields(&sandbox_seal(r#"{"b":2}"#))[1].to_string();
        let shown = format!("0{SEP}{SEP}{to_client}");
        let opened = call("show", "en", &shown);
        assert_eq!(fields(&opened), ["ok", "── Response (decrypted from encData) ──\n{\n  \"b\": 2\n}", ""]);
        assert_eq!(call("clear", "", ""), "ok");
        let refused = call("show", "ko", &shown);
        assert_eq!(fields(&refused)[1], "", "the client key is forgotten");
        assert!(fields(&refused)[2].starts_with("응답을 복호화하지 못했습니다 (키): "), "{refused}");
        assert_eq!(fields(&call("unknown", "", ""))[..2], ["error", "module"]);
    }

    #[test]
    fn a_call_to_a_panel_that_is_not_there_is_an_error_answer_not_a_panic() {
        for what in ["input", "seal", "show", "clear", "release"] {
            let answer = ask(7, what, "ko", "x");
            let answer = fields(&answer);
            assert_eq!(answer[..2], ["error", "module"], "{what}");
            assert!(answer[3].chars().any(|c| ('가'..='힣').contains(&c)));
        }
    }
}
