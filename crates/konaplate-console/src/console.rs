//! One mounted console: its view, its in-browser sandbox, its history, and the event wiring.
//! Several consoles can live on one page; each owns its state (nothing global).

use std::cell::RefCell;
use std::rc::Rc;

use konaplate_core::catalog::{self, Endpoint, Text};
use konaplate_core::headers::Credentials;
use konaplate_core::response;
use konaplate_core::sandbox::{Sandbox, SandboxRequest, SandboxResponse};
use konaplate_core::snippets::{self, Language};
use konaplate_core::time::TimeZone;
use konaplate_core::Severity;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom;
use crate::draft::{draft, header_lines, Draft, DraftInputs};
use crate::exchange::{self, Target};
use crate::form;
use crate::history::{Entry, History};
use crate::permalink::Permalink;
use crate::starter::starter_body;
use crate::text;
use crate::transport;
use crate::view::View;

/// Where snippets send: the sandbox server `konaplate serve` starts by default.
const LOCAL_SANDBOX_URL: &str = "http://127.0.0.1:8787/open-api";

/// What the host page asks for (`mount(root, options)` or the custom element's attributes).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub endpoint: Option<String>,
    pub language: Option<String>,
    pub target: Option<String>,
    pub server_url: Option<String>,
    /// Keep the request in the page's URL fragment (the standalone page; off when embedded).
    pub permalink: bool,
    /// Show the console's own heading.
    pub title: bool,
}

pub struct Console {
    view: View,
    options: Options,
    sandbox: Option<Sandbox>,
    history: History,
    /// The body the console itself last filled in (replaced when the endpoint changes).
    auto_body: String,
    /// The sequenceId a pending charge answered for.
    pending: Option<String>,
    in_flight: bool,
    /// Why the form cannot edit the raw body now, if it cannot.
    form_blocked: Option<form::Blocked>,
    /// The permalink, written to the URL a moment after the last change (not per keystroke:
    /// `history.replaceState` is slow and rate-limited by browsers).
    fragment: dom::Debounced,
}

type Shared = Rc<RefCell<Console>>;

fn pick(korean: bool, t: Text) -> &'static str {
    if korean {
        t.ko
    } else {
        t.en
    }
}

/// Builds a console into `root` and wires it; returns once it is interactive.
pub fn mount(document: &web_sys::Document, root: &web_sys::Node, options: Options) -> Result<(), JsValue> {
    let view = View::build(document, root, options.title)?;
    let mut console = Console {
        view,
        options,
        sandbox: None,
        history: History::default(),
        auto_body: String::new(),
        pending: None,
        in_flight: false,
        form_blocked: None,
        fragment: dom::Debounced::new(dom::replace_fragment),
    };
    console.restore()?;
    let shared = Rc::new(RefCell::new(console));
    wire(&shared)?;
    let console = shared.borrow();
    console.view.root.set_attribute("data-ready", "true")?;
    Ok(())
}

impl Console {
    fn korean(&self) -> bool {
        self.view.language.value() == "ko"
    }

    fn endpoint(&self) -> &'static Endpoint {
        catalog::endpoint(&self.view.endpoint.value()).unwrap_or(&catalog::CHARGE_ENDPOINT)
    }

    fn zone(&self) -> TimeZone {
        TimeZone::from_code(&self.view.zone.value()).unwrap_or(TimeZone::Kst)
    }

    fn credentials(&self) -> Credentials {
        Credentials {
            asp_id: self.view.asp_id.value(),
            access_key: self.view.access_key.value(),
            secret_key: self.view.secret.value(),
        }
    }

    fn overrides(&self) -> Vec<(&'static str, String)> {
        self.view
            .header_rows
            .iter()
            .filter_map(|row| row.override_input.as_ref().map(|input| (row.name, input.value())))
            .collect()
    }

    fn target(&self) -> Target {
        match self.view.target.value().as_str() {
            "server" => Target::Server(self.view.server_url.value()),
            "proxy" => Target::Proxy,
            _ => Target::InBrowser,
        }
    }

    /// Drafts `body` for the current inputs with a fresh clock reading and random bytes.
    fn draft(&self, body: &str, credentials: &Credentials) -> Draft {
        let overrides = self.overrides();
        draft(&DraftInputs {
            endpoint: self.endpoint(),
            credentials,
            zone: self.zone(),
            epoch_ms: dom::now_ms(),
            random: dom::random_bytes(),
            overrides: &overrides,
            body,
        })
    }

    /// First state: the permalink in the URL, else the host's options, else the success preset.
    fn restore(&mut self) -> Result<(), JsValue> {
        let o = self.options.clone();
        if let Some(language) = o.language.as_deref().filter(|l| *l == "ko" || *l == "en") {
            self.view.language.set_value(language);
        }
        if let Some(target) = o.target.as_deref().filter(|t| ["in-browser", "server", "proxy"].contains(t)) {
            self.view.target.set_value(target);
        }
        if let Some(url) = o.server_url.as_deref() {
            self.view.server_url.set_value(url);
        }
        let link = if o.permalink { dom::fragment().as_deref().and_then(Permalink::parse) } else { None };
        let endpoint_id = link.as_ref().map(|l| l.endpoint.as_str()).or(o.endpoint.as_deref());
        let endpoint = endpoint_id.and_then(catalog::endpoint).unwrap_or(&catalog::CHARGE_ENDPOINT);
        self.view.endpoint.set_value(endpoint.id);
        match link {
            Some(link) => {
                self.view.zone.set_value(&link.zone);
                self.view.body.set_value(&link.body);
                for (name, value) in &link.headers {
                    let row = self.view.header_rows.iter().find(|r| r.name.eq_ignore_ascii_case(name));
                    if let Some(input) = row.and_then(|r| r.override_input.as_ref()) {
                        input.set_value(value);
                    }
                }
            }
            None => self.fill_body(self.starter_body(endpoint)),
        }
        self.rebuild_form()?;
        self.view.select_tab(false);
        self.view.apply_language(self.korean());
        self.render(true);
        Ok(())
    }

    fn starter_body(&self, endpoint: &Endpoint) -> String {
        if endpoint.id == catalog::CHARGE_ENDPOINT.id {
            exchange::scenario_body(&catalog::SCENARIOS[0], dom::now_ms(), dom::random_bytes())
        } else {
            starter_body(endpoint, &self.history)
        }
    }

    fn fill_body(&mut self, body: String) {
        self.view.body.set_value(&body);
        self.auto_body = body;
    }

    /// Recomputes everything shown from the inputs. `sync_form`: rewrite the form's inputs from
    /// the raw body (not while the user types in the form, which would move the caret).
    fn render(&mut self, sync_form: bool) {
        let korean = self.korean();
        let endpoint = self.endpoint();
        let body = self.view.body.value();
        let credentials = self.credentials();
        let d = self.draft(&body, &credentials);
        let v = &self.view;

        v.endpoint_info.show(&format!(
            "{} · {} {}{}",
            pick(korean, endpoint.summary),
            endpoint.method,
            endpoint.path,
            if endpoint.encrypted { " · Encrypted" } else { "" }
        ));
        v.encrypted_note.set_hidden(!endpoint.encrypted);

        for row in &v.header_rows {
            let value = d.headers.iter().find(|(n, _)| n == row.name);
            let shown = value
                .map_or_else(|| pick(korean, text::NOT_SENT).to_string(), |(n, v)| crate::draft::shown_value(n, v));
            row.value.show(&shown);
            let _ = row
                .value
                .element()
                .set_attribute("data-overridden", if d.overridden.contains(&row.name) { "true" } else { "false" });
        }

        let (en, ko) = text::summary(d.report.error_count, d.report.warning_count, d.report.note_count);
        v.summary.set_text_content(Some(if korean { &ko } else { &en }));
        let items = d.report.violations.iter().map(|x| {
            let (severity, class) = match x.severity {
                Severity::Error => (if korean { "오류" } else { "error" }, "error"),
                Severity::Warning => (if korean { "경고" } else { "warning" }, "warning"),
                Severity::Note => (if korean { "참고" } else { "note" }, "note"),
            };
            let rule =
                serde_json::to_value(x.rule).ok().and_then(|r| r.as_str().map(str::to_string)).unwrap_or_default();
            let message = if korean { &x.message.ko } else { &x.message.en };
            (format!("{severity} · {} [{rule}]: {message}", x.location), class)
        });
        let _ = v.violations.show(items.collect());

        match &d.signature {
            Some(s) => {
                v.signed_string.show(&format!("{} bytes: {body}", body.len()));
                v.hmac.show(&s.mac_base64);
                v.token_time.show(&s.token_time);
                v.token.show(&format!("{} ({} characters)", s.token, s.token.chars().count()));
            }
            None => v.hmac.show("-"),
        }

        let base = self.target().base_url().map(str::to_string).unwrap_or_else(|| "(in-browser sandbox)".into());
        v.preview.show(&format!(
            "{} {}\n{}\n\n{body}",
            endpoint.method,
            endpoint.url(&base),
            header_lines(&exchange::outgoing(endpoint, &d.headers, "").headers)
        ));

        let language = v.snippet_language.value().parse::<usize>().ok().and_then(|i| Language::ALL.get(i).copied());
        let snippet = snippets::snippet(
            language.unwrap_or(Language::Shell),
            &snippets::SnippetRequest {
                endpoint,
                base_url: LOCAL_SANDBOX_URL,
                body: &body,
                asp_id: &credentials.asp_id,
                zone: self.zone(),
            },
        );
        v.snippet.show(&snippet);

        let target = self.target();
        v.server_url_row.set_hidden(!matches!(target, Target::Server(_)));
        if !self.in_flight {
            let label = match target {
                Target::InBrowser => text::SEND_IN_BROWSER,
                Target::Server(_) => text::SEND_SERVER,
                Target::Proxy => text::SEND_PROXY,
            };
            v.send_label.show(&format!("{} (Ctrl+Enter)", pick(korean, label)));
        }

        if self.options.permalink {
            // Endpoint, zone, body and overrides of non-credential headers; never a credential.
            let headers = self
                .overrides()
                .into_iter()
                .filter(|(name, value)| !value.is_empty() && !catalog::header(name).is_some_and(|h| h.secret))
                .map(|(n, v)| (n.to_string(), v))
                .collect();
            let link = Permalink {
                endpoint: endpoint.id.into(),
                zone: self.zone().code().into(),
                body: body.clone(),
                headers,
            };
            self.fragment.set(link.fragment());
        }

        if sync_form {
            self.sync_form(&body, korean);
        }
    }

    /// Shows the raw body's field values in the form, or why the form cannot edit it.
    /// New form inputs for the current endpoint and language (filled by the next `sync_form`).
    fn rebuild_form(&mut self) -> Result<(), JsValue> {
        let (endpoint, korean) = (self.endpoint(), self.korean());
        self.form_blocked = None;
        self.view.build_form(endpoint, korean)
    }

    fn sync_form(&mut self, body: &str, korean: bool) {
        let blocked = form::field_texts(self.endpoint(), body).map(|texts| {
            for (row, (_, text)) in self.view.fields.iter().zip(texts) {
                let mut shown = row.shown.borrow_mut();
                if *shown != text {
                    row.input.set_value(&text);
                    *shown = text;
                }
            }
        });
        let blocked = blocked.err();
        if blocked == self.form_blocked {
            return;
        }
        // The form became editable, or not, or blocked for another reason.
        self.form_blocked = blocked;
        let v = &self.view;
        v.form_blocked.set_hidden(blocked.is_none());
        if let Some(reason) = blocked {
            v.form_blocked.set_text_content(Some(pick(korean, reason.explain())));
        }
        for row in &v.fields {
            row.input.set_disabled(blocked.is_some());
        }
    }

    fn set_endpoint(&mut self, endpoint: &'static Endpoint, body: Option<String>) {
        self.view.endpoint.set_value(endpoint.id);
        let _ = self.rebuild_form();
        match body {
            Some(body) => self.fill_body(body),
            None if self.view.body.value() == self.auto_body || self.view.body.value().trim().is_empty() => {
                let body = self.starter_body(endpoint);
                self.fill_body(body)
            }
            None => {}
        }
        self.render(true);
    }

    fn pick_scenario(&mut self) {
        let Some(s) = catalog::scenario(&self.view.scenario.value()) else { return };
        let body = exchange::scenario_body(s, dom::now_ms(), dom::random_bytes());
        self.view.send_anyway.set_checked(s.negative_test());
        self.set_endpoint(&catalog::CHARGE_ENDPOINT, Some(body));
    }

    fn clear_credentials(&mut self) {
        for input in [&self.view.asp_id, &self.view.access_key, &self.view.secret] {
            input.set_value("");
        }
        self.render(false);
    }

    /// Signs the request anew (the clock now), and either refuses it, answers it in the page, or
    /// hands it to `fetch`.
    fn start_send(&mut self) -> Option<(String, SandboxRequest, Target)> {
        if self.in_flight {
            return None;
        }
        let korean = self.korean();
        let endpoint = self.endpoint();
        let body = self.view.body.value();
        let d = self.draft(&body, &self.credentials());
        if let Err(errors) = exchange::may_send(&d.report, self.view.send_anyway.checked()) {
            let (en, ko) = text::refused(errors);
            self.show_status(if korean { &ko } else { &en }, "");
            return None;
        }
        let request = exchange::outgoing(endpoint, &d.headers, &body);
        let target = self.target();
        let Some(base) = target.base_url().map(str::to_string) else {
            let secret = self.view.secret.value();
            let sandbox = self.sandbox.get_or_insert_with(|| {
                exchange::new_sandbox(&secret, u64::from(u32::from_be_bytes(dom::random_bytes())))
            });
            // The in-browser sandbox plays the user's own project: it verifies with the typed secret.
            sandbox.set_secret_key(&secret);
            let response = sandbox.handle(&request, dom::now_ms());
            self.finish(request, response, text::TARGET_IN_BROWSER);
            return None;
        };
        self.in_flight = true;
        self.view.send.set_disabled(true);
        let _ = self.view.root.set_attribute("aria-busy", "true");
        self.view.send_label.show(pick(korean, text::SENDING));
        self.show_status(pick(korean, text::SENDING), "");
        Some((endpoint.url(&base), request, target))
    }

    fn end_flight(&mut self) {
        self.in_flight = false;
        self.view.send.set_disabled(false);
        let _ = self.view.root.remove_attribute("aria-busy");
        self.render(false);
    }

    fn show_status(&self, status: &str, code: &str) {
        self.view.response_status.set_text_content(Some(status));
        self.view.response_code.set_text_content(Some(code));
        self.view.response_hint.set_hidden(true);
        self.view.prepare_inquiry.set_hidden(true);
    }

    /// Records an answered exchange and shows it.
    fn finish(&mut self, request: SandboxRequest, response: SandboxResponse, target: Text) {
        let sent_at =
            request.headers.iter().find(|(n, _)| n == catalog::TRAN_TIME).map(|(_, v)| v.clone()).unwrap_or_default();
        let entry = Entry { sent_at, target: target.en.to_string(), request, response };
        self.show(&entry);
        self.history.push(entry);
    }

    /// Shows one exchange in the response view (texts only, never HTML).
    fn show(&mut self, entry: &Entry) {
        let korean = self.korean();
        let (request, response) = (&entry.request, &entry.response);
        let code = if response.code.is_empty() { "-" } else { &response.code };
        self.show_status(&format!("HTTP {} · {code} · {}", response.status, entry.target), "");
        if !response.code.is_empty() {
            self.view.response_code.set_text_content(Some(&exchange::explain_code(&response.code, korean)));
        }
        self.pending = exchange::pending_sequence_id(&request.body, &response.body);
        // What to say under the code: the pending next step, the sandbox's precise reason (e.g.
        // the expected and received HMAC), a missing proxy, or what is wrong with the envelope.
        let reading = response::read_response(Some(response.status), &response.body);
        let problems: Vec<&str> = reading
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| if korean { p.message.ko.as_str() } else { p.message.en.as_str() })
            .collect();
        let hint = if self.pending.is_some() {
            Some(pick(korean, text::PENDING_HINT).to_string())
        } else if let Some(why) = &reading.explanation {
            Some(if korean { why.ko.clone() } else { why.en.clone() })
        } else if let Some(hint) = transport::proxy_hint(response.status, reading.code.is_some())
            .filter(|_| entry.target == text::TARGET_PROXY.en)
        {
            Some(pick(korean, hint).to_string())
        } else {
            (!problems.is_empty()).then(|| problems.join(" "))
        };
        if let Some(hint) = hint {
            self.view.response_hint.set_hidden(false);
            self.view.response_hint.set_text_content(Some(&hint));
        }
        self.view.prepare_inquiry.set_hidden(self.pending.is_none());
        self.view.response_body.set_text_content(Some(&format!(
            "── {} ──\n{}\n\n{}\n\n── {} ──\n{} {}\n{}\n\n{}",
            pick(korean, text::RESPONSE_TITLE),
            header_lines(&response.headers),
            exchange::pretty(&response.body),
            pick(korean, text::REQUEST_TITLE),
            request.method,
            request.path,
            header_lines(&request.headers),
            request.body
        )));
    }
}

/// Sends the current request; answers from the network arrive asynchronously.
fn send(shared: &Shared) {
    let started = shared.borrow_mut().start_send();
    let Some((url, request, target)) = started else {
        refresh_history(shared);
        return;
    };
    let shared = shared.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let answer = transport::send(&url, &request).await;
        let mut console = shared.borrow_mut();
        let label = match target {
            Target::Proxy => text::TARGET_PROXY,
            _ => text::TARGET_SERVER,
        };
        match answer {
            Ok(response) => console.finish(request, response, label),
            Err(failure) => {
                let (en, ko) = transport::diagnose(&target, &url, &dom::origin(), failure);
                let korean = console.korean();
                console.show_status(if korean { &ko } else { &en }, "");
            }
        }
        console.end_flight();
        drop(console);
        refresh_history(&shared);
    });
}

/// Rebuilds the history list: one button per exchange, showing it again when pressed.
fn refresh_history(shared: &Shared) {
    let console = shared.borrow();
    let korean = console.korean();
    let view = &console.view;
    view.history.set_text_content(None);
    if console.history.entries().is_empty() {
        let _ = view.fill_list(&view.history, [(pick(korean, text::HISTORY_EMPTY).to_string(), "empty")]);
        return;
    }
    for (index, entry) in console.history.entries().iter().enumerate() {
        let Ok(button) = view.history_button(&entry.line()) else { continue };
        let shared = shared.clone();
        let _ = dom::listen(&button, "click", move |_| {
            let mut console = shared.borrow_mut();
            if let Some(entry) = console.history.get(index).cloned() {
                console.show(&entry);
            }
        });
    }
}

/// Connects every control to the console.
fn wire(shared: &Shared) -> Result<(), JsValue> {
    let console = shared.borrow();
    let v = &console.view;
    let on = |target: &web_sys::EventTarget, event: &str, action: fn(&Shared, web_sys::Event)| {
        let shared = shared.clone();
        dom::listen(target, event, move |e| action(&shared, e))
    };
    // Everything that only changes what is shown.
    let mut rerender: Vec<&web_sys::EventTarget> = vec![
        &v.asp_id,
        &v.access_key,
        &v.secret,
        &v.zone,
        &v.target,
        &v.server_url,
        &v.snippet_language,
        &v.send_anyway,
    ];
    rerender.extend(
        v.header_rows
            .iter()
            .filter_map(|r| r.override_input.as_ref().map(|i| i.unchecked_ref::<web_sys::EventTarget>())),
    );
    for target in rerender {
        on(target, "input", |s, _| s.borrow_mut().render(false))?;
        on(target, "change", |s, _| s.borrow_mut().render(false))?;
    }
    on(&v.body, "input", |s, _| s.borrow_mut().render(true))?;
    on(&v.form_fields, "input", |s, e| {
        let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let mut c = s.borrow_mut();
        let Some(row) = c.view.fields.iter().find(|f| f.input == input) else { return };
        let name = row.name;
        *row.shown.borrow_mut() = input.value();
        if let Ok(body) = form::with_field(c.endpoint(), &c.view.body.value(), name, &input.value()) {
            c.view.body.set_value(&body);
        }
        c.render(false);
    })?;
    on(&v.language, "change", |s, _| {
        let mut c = s.borrow_mut();
        let korean = c.korean();
        c.view.apply_language(korean);
        let _ = c.rebuild_form();
        c.render(true);
        drop(c);
        refresh_history(s);
    })?;
    on(&v.endpoint, "change", |s, _| {
        let mut c = s.borrow_mut();
        let endpoint = c.endpoint();
        c.set_endpoint(endpoint, None);
    })?;
    on(&v.scenario, "change", |s, _| s.borrow_mut().pick_scenario())?;
    on(&v.clear, "click", |s, _| s.borrow_mut().clear_credentials())?;
    on(&v.theme, "click", |s, _| {
        let c = s.borrow();
        dom::toggle_theme(&c.view.root, &c.view.theme);
    })?;
    on(&v.form_tab, "click", |s, _| s.borrow().view.select_tab(false))?;
    on(&v.raw_tab, "click", |s, _| s.borrow().view.select_tab(true))?;
    on(&v.send, "click", |s, _| send(s))?;
    on(&v.root, "keydown", |s, e| {
        let Some(key) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
        if key.key() == "Enter" && (key.ctrl_key() || key.meta_key()) {
            e.prevent_default();
            send(s);
        }
    })?;
    on(&v.prepare_inquiry, "click", |s, _| {
        let mut c = s.borrow_mut();
        if let Some(sequence_id) = c.pending.clone() {
            c.set_endpoint(&catalog::RESULT_INQUIRY_ENDPOINT, Some(exchange::result_inquiry_body(&sequence_id)));
        }
    })?;
    drop(console);
    refresh_history(shared);
    Ok(())
}
