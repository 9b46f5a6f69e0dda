//! The response area (status, code explanation, hint, exchange) and the history list. All of it
//! is worded from the state's `Outcome` at render time, so it follows the language.

use std::cell::Cell;

use konaplate_core::catalog::Endpoint;
use konaplate_core::response;
use konaplate_core::Severity;
use web_sys::Element;

use super::build::Builder;
use super::Frame;
use crate::dom::{Attr, ListOutput, Output};
use crate::draft::header_lines;
use crate::exchange::{self, Target};
use crate::history::Entry;
use crate::state::Outcome;
use crate::text::{self, Lang};
use crate::transport;

pub struct Response {
    /// The response section (the link buttons go at its end).
    pub area: Element,
    status: Output,
    code: Output,
    hint: Output,
    hint_hidden: Attr,
    inquiry_hidden: Attr,
    exchange: Output,
    deviations: super::deviations::Deviations,
    history: ListOutput,
    /// What the area and the list were last worded from: re-worded only when these change.
    rendered: Cell<Option<(Lang, u32)>>,
    listed: Cell<Option<(Lang, usize)>>,
}

/// What the response area says: status line, code explanation, hint, exchange.
#[derive(Default)]
struct Shown {
    status: String,
    code: String,
    hint: Option<String>,
    exchange: String,
}

impl Response {
    pub fn build(b: &mut Builder, top: &Element) -> Response {
        let section = b.section(top, "response", text::RESPONSE);
        let status = b.el("p", &section, &[("id", &b.id("response-status")), ("aria-live", "polite")]);
        let code = b.el("p", &section, &[("id", &b.id("response-code")), ("class", "code")]);
        let hint = b.el("p", &section, &[("id", &b.id("response-hint")), ("class", "note")]);
        let inquiry =
            b.text("button", &section, &[("type", "button"), ("data-act", "prepare-inquiry")], text::PREPARE_INQUIRY);
        let exchange = b.el("pre", &section, &[("id", &b.id("response-body")), ("tabindex", "0")]);
        let deviations = super::deviations::Deviations::build(b, &section);
        let history_section = b.section(top, "history", text::HISTORY);
        let history = b.el("ol", &history_section, &[("id", &b.id("history")), ("class", "history")]);
        b.text(
            "button",
            &history_section,
            &[("type", "button"), ("data-act", "export-har")],
            crate::tools_text::EXPORT_HAR,
        );
        Response {
            area: section,
            status: Output::new(status),
            code: Output::new(code),
            hint_hidden: Attr::new(&hint, "hidden"),
            hint: Output::new(hint),
            inquiry_hidden: Attr::new(&inquiry, "hidden"),
            exchange: Output::new(exchange),
            deviations,
            history: ListOutput::new(history, Some("history")),
            rendered: Cell::new(None),
            listed: Cell::new(None),
        }
    }

    pub fn render(&self, f: &Frame) {
        let (s, lang) = (f.state, f.lang);
        if self.rendered.replace(Some((lang, s.outcome_changes))) != Some((lang, s.outcome_changes)) {
            self.render_outcome(f);
        }
        let entries = s.history.entries();
        if self.listed.replace(Some((lang, s.history.pushed()))) == Some((lang, s.history.pushed())) {
            return;
        }
        let items = if entries.is_empty() {
            vec![(lang.pick(text::HISTORY_EMPTY).to_string(), "empty")]
        } else {
            entries.iter().map(|e| (e.line(lang), "")).collect()
        };
        let _ = self.history.show(items);
    }

    fn render_outcome(&self, f: &Frame) {
        let (s, lang) = (f.state, f.lang);
        let shown = match &s.outcome {
            Outcome::Nothing => Shown { status: lang.pick(text::NOTHING_SENT).into(), ..Shown::default() },
            Outcome::Refused { errors } => {
                Shown { status: text::refused(*errors).get(lang).into(), ..Shown::default() }
            }
            Outcome::Sending => Shown { status: lang.pick(text::SENDING).into(), ..Shown::default() },
            Outcome::Failed { target, url, failure } => {
                let why = transport::diagnose(*target, url, &s.origin, *failure);
                Shown { status: why.get(lang).into(), ..Shown::default() }
            }
            Outcome::NoSandbox(why) => Shown { status: why.get(lang).into(), ..Shown::default() },
            Outcome::Shown(entry) => {
                let endpoint = konaplate_core::catalog::find(&s.operations, &entry.request.path);
                exchange_shown(entry, endpoint, s.pending().is_some(), lang)
            }
        };
        self.status.show(&shown.status);
        self.code.show(&shown.code);
        self.hint_hidden.flag(shown.hint.is_none());
        if let Some(hint) = &shown.hint {
            self.hint.show(hint);
        }
        self.inquiry_hidden.flag(s.pending().is_none());
        self.exchange.show(&shown.exchange);
        let entry = match &s.outcome {
            Outcome::Shown(entry) => Some(entry.as_ref()),
            _ => None,
        };
        self.deviations.render(f, entry);
    }
}

/// One answered exchange (to `endpoint`, when it is one of the console's), worded in `lang`, as
/// it went and came (an `encData` response decrypted, and an encrypted request's plaintext, are
/// shown before it by the encryption module).
#[inline(never)] // only after a send: the page's split leaves it out of the first load
fn exchange_shown(entry: &Entry, endpoint: Option<&Endpoint>, pending: bool, lang: Lang) -> Shown {
    let (request, response) = (&entry.request, &entry.response);
    // The operation's own codes are known too (a loaded document's), else the catalog's.
    let reading = match endpoint {
        Some(endpoint) => response::read_response_to(endpoint, Some(response.status), &response.body),
        None => response::read_response(Some(response.status), &response.body),
    };
    let code = &response.code;
    let code = if code.is_empty() { "-" } else { code };
    let status = format!("HTTP {} · {code} · {}", response.status, lang.pick(entry.target.label()));
    let explained = if code == "-" { String::new() } else { exchange::explain_code(endpoint, code, lang) };
    // Under the code: the pending next step, the sandbox's precise reason (e.g. the expected and
    // received HMAC), a missing proxy, or what is wrong with the envelope.
    let hint = if pending {
        Some(lang.pick(text::PENDING_HINT).to_string())
    } else if let Some(why) = &reading.explanation {
        Some(why.get(lang).to_string())
    } else if let Some(hint) =
        transport::proxy_hint(response.status, reading.code.is_some()).filter(|_| entry.target == Target::Proxy)
    {
        Some(lang.pick(hint).to_string())
    } else {
        let problems: Vec<String> =
            reading.problems.iter().filter(|p| p.severity == Severity::Error).map(|p| p.message(lang)).collect();
        (!problems.is_empty()).then(|| problems.join(" "))
    };
    let exchange = format!(
        "── {} ──\n{}\n\n{}\n\n── {} ──\n{} {}\n{}\n\n{}",
        lang.pick(text::RESPONSE_TITLE),
        header_lines(&response.headers, lang),
        exchange::pretty(&response.body),
        lang.pick(text::REQUEST_TITLE),
        request.method,
        request.path,
        header_lines(&request.headers, lang),
        request.body
    );
    Shown { status, code: explained, hint, exchange }
}
