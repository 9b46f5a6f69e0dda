//! The Try It page, first version: the core runs as Wasm in the page, validating the body as
//! you type and showing the headers it would send. Everything shown is set with `textContent`
//! (never HTML), and the secret stays in this page's memory: it is read from the input on each
//! change and never stored, logged or put in the URL.

mod dom;

use konaplate_core::catalog::{self, sandbox};
use konaplate_core::headers::{generate, Credentials, HeaderInputs};
use konaplate_core::time::TimeZone;
use konaplate_core::validate;
use wasm_bindgen::prelude::*;

use dom::Page;

/// Entry point: Trunk's loader calls this once the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    let page = Page::find()?;
    page.body.set_value(catalog::SCENARIOS[0].body);
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
    let shown_headers: Vec<String> = headers
        .iter()
        .map(|(name, value)| {
            // The access key is a credential: the page shows its length, not its value.
            let secret = catalog::header(name).is_some_and(|h| h.secret);
            if secret {
                format!("{name}: ({} characters)", value.len())
            } else {
                format!("{name}: {value}")
            }
        })
        .collect();
    page.headers.set_text_content(Some(&shown_headers.join("\n")));
    page.preview.set_text_content(Some(&body));
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
