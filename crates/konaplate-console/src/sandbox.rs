//! The in-browser sandbox in the console: only what its first load needs. The sandbox itself
//! (core `sandbox`: the server's checks, the charge flow, the journey's ledger and clock, their
//! EN/KO replies) lives in the on-demand module `sandbox` (`crates/konaplate-console-sandbox`),
//! one per console. The console loads it on the first Send to the in-browser sandbox (or "+5
//! min" on it), then asks it through [`Backend`], synchronously: `bridge.rs` in the page, the
//! module's own `Slot` in native tests ([`native`]).

pub mod bridge;

use std::rc::Rc;

use konaplate_core::sandbox::{SandboxRequest, SandboxResponse};
use konaplate_core::text::Text;

pub use crate::ondemand::Why;
use crate::ondemand::SEP;
use crate::state::Clock;

/// What the console asks of its sandbox in the module.
pub trait Backend {
    /// The answer to `request` at `now_ms`, verified with the `secret` the user typed, and how
    /// far the sandbox's clock runs ahead of real time. `encryption`: the crypto module is
    /// loaded (from then on the sandbox enforces encryption, as `konaplate serve` does).
    fn send(
        &self,
        request: &SandboxRequest,
        now_ms: i64,
        secret: &str,
        encryption: bool,
    ) -> Result<(SandboxResponse, i64), Why>;
    /// "+5 min": moves the clock forward by `ms`; how far it runs ahead now.
    fn advance(&self, ms: i64) -> Result<i64, Why>;
}

/// A loaded backend, carried by a message.
#[derive(Clone)]
pub struct Loaded(pub Rc<dyn Backend>);

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Loaded")
    }
}

/// What waits for the module: a Send (signed at this clock reading once it is there), or "+5 min".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    Send(Clock),
    Advance(Clock),
}

/// One console's in-browser sandbox: this console's sandbox in the module (once loaded), what
/// waits for the module while it loads, and what the page knows of its clock.
#[derive(Default)]
pub struct InBrowser {
    pub backend: Option<Rc<dyn Backend>>,
    /// Picked on first use (a Send or "+5 min"): the sandbox's random choices.
    pub seed: Option<u64>,
    pub waiting: Option<Waiting>,
    /// How far its clock runs ahead of real time (0 until it is made).
    pub offset_ms: i64,
    /// The `spec` document's text, so the module's sandbox answers its operations.
    pub document: Option<Rc<str>>,
}

impl std::fmt::Debug for InBrowser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InBrowser")
            .field("loaded", &self.backend.is_some())
            .field("offset_ms", &self.offset_ms)
            .finish_non_exhaustive()
    }
}

/// Why there is no answer: the module could not be loaded, or (`Some`) it answered an error.
pub fn unavailable(why: Option<&Text<String>>) -> Text<String> {
    match why {
        None => Text::from_pair(
            "The in-browser sandbox could not be loaded (is the page still reachable?). Send or +5 min again to retry.",
            "브라우저 안 샌드박스를 불러오지 못했습니다(페이지에 연결되어 있는지 확인하세요). 다시 보내거나 +5분을 누르면 다시 시도합니다.",
        ),
        Some(why) => Text::new(
            format!("The in-browser sandbox did not answer: {}", why.en),
            format!("브라우저 안 샌드박스가 응답하지 않았습니다: {}", why.ko),
        ),
    }
}

/// The module's answer to `send` (`ok␟status␟offset␟code␟count␟name␟value…␟body`, the body
/// whole), or why not.
pub fn read_answer(answer: &str) -> Result<(SandboxResponse, i64), Why> {
    let malformed = || Why {
        kind: "module".into(),
        reason: Text::from_pair(
            "the sandbox module answered malformed text",
            "sandbox 모듈의 응답 형식이 잘못되었습니다",
        ),
    };
    let Some(rest) = answer.strip_prefix("ok\u{1f}") else {
        if answer.starts_with("error\u{1f}") {
            return Err(crate::ondemand::result(answer.split(SEP).map(str::to_string).collect())
                .err()
                .unwrap_or_else(malformed));
        }
        return Err(malformed());
    };
    let mut fields = rest.splitn(5, SEP);
    let mut next = || fields.next().ok_or_else(malformed);
    let status = next()?.parse::<u16>().map_err(|_| malformed())?;
    let offset = next()?.parse::<i64>().map_err(|_| malformed())?;
    let code = next()?.to_string();
    let count = next()?.parse::<usize>().map_err(|_| malformed())?;
    let mut rest = next()?;
    let mut headers = Vec::new();
    for _ in 0..count {
        let (name, after) = rest.split_once(SEP).ok_or_else(malformed)?;
        let (value, after) = after.split_once(SEP).ok_or_else(malformed)?;
        headers.push((name.to_string(), value.to_string()));
        rest = after;
    }
    Ok((SandboxResponse { status, code, headers, body: rest.to_string() }, offset))
}

#[cfg(test)]
pub mod native {
    //! The backend over the module's own `Slot`, natively (the page reaches it through `bridge`),
    //! and [`update`], which runs the load a message asks for as the shell would.
    use std::cell::RefCell;

    use konaplate_console_sandbox::Slot;
    use konaplate_core::catalog::Endpoint;
    use konaplate_core::sandbox::SandboxCrypto;

    use super::*;
    use crate::state::{Effect, Msg, State};

    pub struct Native(RefCell<Slot>);

    impl Backend for Native {
        fn send(
            &self,
            request: &SandboxRequest,
            now_ms: i64,
            secret: &str,
            encryption: bool,
        ) -> Result<(SandboxResponse, i64), Why> {
            let mut slot = self.0.borrow_mut();
            if encryption && !slot.armed() {
                slot.arm(SandboxCrypto::test_keys(Box::new(|b: &mut [u8]| b.fill(7))));
            }
            let response = slot.send(request, now_ms, secret).expect("a slot always has its sandbox");
            Ok((response, slot.offset()))
        }
        fn advance(&self, ms: i64) -> Result<i64, Why> {
            Ok(self.0.borrow_mut().advance(ms))
        }
    }

    pub fn loaded(seed: u64, operations: &[&'static Endpoint]) -> Loaded {
        Loaded(Rc::new(Native(RefCell::new(Slot::with_operations(seed, operations.to_vec())))))
    }

    /// [`crate::state::update`], with the sandbox module loaded natively when it asks for it.
    pub fn update(state: &mut State, msg: Msg) -> Option<Effect> {
        match crate::state::update(state, msg) {
            Some(Effect::LoadSandbox { seed, .. }) => {
                let loaded = loaded(seed, &state.operations);
                crate::state::update(state, Msg::SandboxLoaded(Some(loaded)))
            }
            effect => effect,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_modules_answer_is_read_whole_and_anything_else_is_a_reason() {
        let text = "ok\u{1f}200\u{1f}300000\u{1f}000_000\u{1f}1\u{1f}X-A\u{1f}b\u{1f}{\"a\":1}";
        let (response, offset) = read_answer(text).unwrap();
        assert_eq!((response.status, offset, response.code.as_str()), (200, 300_000, "000_000"));
        assert_eq!((response.headers, response.body.as_str()), (vec![("X-A".into(), "b".into())], "{\"a\":1}"));
        let none = read_answer("ok\u{1f}200\u{1f}0\u{1f}000_000\u{1f}0\u{1f}").unwrap().0;
        assert!(none.headers.is_empty() && none.body.is_empty());
        assert_eq!(read_answer("error\u{1f}module\u{1f}gone\u{1f}없음").unwrap_err().reason.ko, "없음");
        for broken in ["", "ok", "ok\u{1f}x", "ok\u{1f}200\u{1f}0\u{1f}c\u{1f}2\u{1f}X-A\u{1f}b"] {
            assert_eq!(read_answer(broken).unwrap_err().kind, "module", "{broken:?}");
        }
        assert!(unavailable(None).ko.contains("불러오지 못했습니다"));
    }
}
