//! The Try It page: the core runs as Wasm in the page, validating the body as you type, showing
//! the headers it would send, and sending to a sandbox that also runs in the page (no network).
//! Everything shown is set with `textContent` (never HTML), and the secret stays in this page's
//! memory: it is read from the input when needed and never stored, logged or put in the URL.

mod dom;
mod exchange;
mod permalink;

use std::cell::RefCell;

use konaplate_core::catalog::{self, sandbox};
use konaplate_core::headers::{generate, Credentials, HeaderInputs};
use konaplate_core::sandbox::Sandbox;
use konaplate_core::snippets;
use konaplate_core::time::TimeZone;
use konaplate_core::validate;
use wasm_bindgen::prelude::*;

use dom::Page;
use exchange::{Exchange, Outgoing};

thread_local! {
    /// The in-browser sandbox of this page session: memory only, gone on reload.
    static SANDBOX: RefCell<Option<Sandbox>> = const { RefCell::new(None) };
}

fn listen(
    target: &web_sys::EventTarget,
    event: &str,
    handler: impl Fn(web_sys::Event) + 'static,
) -> Result<(), JsValue> {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(handler);
    target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())?;
    // Listeners live as long as the page.
    closure.forget();
    Ok(())
}

/// Entry point: Trunk's loader calls this once the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    let page = Page::find()?;
    // A permalink in the URL restores endpoint, zone and body; otherwise the success preset.
    match dom::fragment().as_deref().and_then(permalink::Permalink::parse) {
        Some(link) => {
            page.endpoint.set_value(&link.endpoint);
            page.zone.set_value(&link.zone);
            page.body.set_value(&link.body);
        }
        None => page.body.set_value(&exchange::scenario_body(
            &catalog::SCENARIOS[0],
            js_sys::Date::now() as i64,
            dom::random_bytes(),
        )),
    }
    for s in catalog::SCENARIOS {
        let option = page.document.create_element("option")?;
        option.set_attribute("value", s.id)?;
        option.set_text_content(Some(&s.display_label()));
        page.scenario.append_child(&option)?;
    }
    listen(&page.scenario, "change", |_| {
        if let Ok(page) = Page::find() {
            if let Some(s) = catalog::scenario(&page.scenario.value()) {
                page.endpoint.set_value(catalog::CHARGE_ENDPOINT.id);
                page.body.set_value(&exchange::scenario_body(s, js_sys::Date::now() as i64, dom::random_bytes()));
                // The two presets that break a bound are negative tests.
                page.send_anyway.set_checked(matches!(s.id, "invalid-input" | "amount-below-one"));
                render(&page);
            }
        }
    })?;
    listen(&page.theme, "click", |_| {
        if let Ok(page) = Page::find() {
            dom::toggle_theme(&page);
        }
    })?;
    listen(&page.send, "click", |_| {
        if let Ok(page) = Page::find() {
            send(&page);
        }
    })?;
    listen(&page.document, "keydown", |event| {
        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
        if key.key() == "Enter" && (key.ctrl_key() || key.meta_key()) {
            event.prevent_default();
            if let Ok(page) = Page::find() {
                send(&page);
            }
        }
    })?;
    let on_change = Closure::<dyn Fn()>::new(move || {
        if let Ok(page) = Page::find() {
            render(&page);
        }
    });
    for target in page.inputs() {
        target.add_event_listener_with_callback("input", on_change.as_ref().unchecked_ref())?;
    }
    // The listener lives as long as the page.
    on_change.forget();
    render(&page);
    page.ready();
    Ok(())
}

/// Sends the current request to the in-browser sandbox and shows the answer.
fn send(page: &Page) {
    let endpoint = catalog::endpoint(&page.endpoint.value()).unwrap_or(&catalog::CHARGE_ENDPOINT);
    let body = page.body.value();
    let secret = page.secret.value();
    let korean = page.korean();
    let out = Outgoing {
        endpoint,
        body: &body,
        secret_key: &secret,
        zone: TimeZone::from_code(&page.zone.value()).unwrap_or(TimeZone::Kst),
        now_ms: js_sys::Date::now() as i64,
        random: dom::random_bytes(),
        send_anyway: page.send_anyway.checked(),
    };
    let exchange = SANDBOX.with(|cell| {
        let mut slot = cell.borrow_mut();
        let sandbox = slot
            .get_or_insert_with(|| exchange::new_sandbox(&secret, u64::from(u32::from_be_bytes(dom::random_bytes()))));
        exchange::send(sandbox, &out, korean)
    });
    let (status, code, shown) = match exchange {
        Exchange::Refused(report) => (
            if korean {
                format!(
                    "보내지 않음: 오류 {}개가 남아 있습니다. 고치거나 '그래도 보내기'를 선택하세요.",
                    report.error_count
                )
            } else {
                format!(
                    "Not sent: {} error(s) remain. Fix them, or tick \"Send anyway\" for a negative test.",
                    report.error_count
                )
            },
            String::new(),
            String::new(),
        ),
        Exchange::BadClock(reason) => (reason, String::new(), String::new()),
        Exchange::Sent { sent, response, explanation } => {
            let (request_title, response_title) = if korean {
                ("보낸 요청 (정확한 헤더와 바이트)", "응답")
            } else {
                ("Request sent (exact headers and bytes)", "Response")
            };
            (
                format!(
                    "HTTP {} · {} · {}",
                    response.status,
                    response.code,
                    if korean { "브라우저 안 샌드박스" } else { "in-browser sandbox" }
                ),
                explanation,
                format!(
                    "── {response_title} ──\n{}\n\n{}\n\n── {request_title} ──\n{} {}\n{}\n\n{}",
                    header_lines(&response.headers),
                    exchange::pretty(&response.body),
                    sent.method,
                    sent.path,
                    header_lines(&sent.headers),
                    sent.body
                ),
            )
        }
    };
    page.response_status.set_text_content(Some(&status));
    page.response_code.set_text_content(Some(&code));
    page.response_body.set_text_content(Some(&shown));
}

/// Where snippets send: the sandbox server `konaplate serve` starts by default.
const LOCAL_SANDBOX_URL: &str = "http://127.0.0.1:8787/open-api";

fn snippet_language(value: &str) -> snippets::Language {
    match value {
        "python" => snippets::Language::Python,
        "javascript" => snippets::Language::JavaScript,
        "java" => snippets::Language::Java,
        _ => snippets::Language::Shell,
    }
}

/// Headers one a line; the access key (a credential) is shown by its length only.
fn header_lines<N: AsRef<str>>(headers: &[(N, String)]) -> String {
    headers
        .iter()
        .map(|(name, value)| {
            let name = name.as_ref();
            if catalog::header(name).is_some_and(|h| h.secret) {
                format!("{name}: ({} characters)", value.chars().count())
            } else {
                format!("{name}: {value}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Recomputes headers and violations from the current inputs.
fn render(page: &Page) {
    let endpoint = catalog::endpoint(&page.endpoint.value()).unwrap_or(&catalog::CHARGE_ENDPOINT);
    let body = page.body.value();
    let zone = TimeZone::from_code(&page.zone.value()).unwrap_or(TimeZone::Kst);
    let credentials = Credentials {
        asp_id: sandbox::ASP_ID.to_string(),
        access_key: sandbox::ACCESS_KEY.to_string(),
        secret_key: page.secret.value(),
    };
    let inputs = HeaderInputs {
        credentials: &credentials,
        epoch_ms: js_sys::Date::now() as i64,
        zone,
        random: dom::random_bytes(),
        crypto_key_id: None,
    };
    let headers = match generate(&inputs, &body) {
        Ok(signed) => signed.headers,
        Err(e) => vec![("error", e.to_string())],
    };
    let secret = credentials.secret_key.as_bytes();
    let report = validate(endpoint, &headers, &body, (!secret.is_empty()).then_some(secret));
    let korean = page.korean();
    page.headers.set_text_content(Some(&header_lines(&headers)));
    page.preview.set_text_content(Some(&body));
    // The permalink carries endpoint, zone and body: never the secret or the access key.
    dom::replace_fragment(
        &permalink::Permalink { endpoint: endpoint.id.into(), zone: zone.code().into(), body: body.clone() }.fragment(),
    );
    page.snippet.set_text_content(Some(&snippets::snippet(
        snippet_language(&page.snippet_language.value()),
        &snippets::SnippetRequest { endpoint, base_url: LOCAL_SANDBOX_URL, body: &body, asp_id: sandbox::ASP_ID, zone },
    )));
    let lines: Vec<String> = report
        .violations
        .iter()
        .map(|v| {
            let message = if korean { &v.message.ko } else { &v.message.en };
            format!("{:?} · {}: {message}", v.severity, v.location)
        })
        .collect();
    let summary = if korean {
        format!("오류 {}, 경고 {}, 참고 {}", report.error_count, report.warning_count, report.note_count)
    } else {
        format!("{} errors, {} warnings, {} notes", report.error_count, report.warning_count, report.note_count)
    };
    page.summary.set_text_content(Some(&summary));
    page.violations.set_text_content(Some(&lines.join("\n")));
}
