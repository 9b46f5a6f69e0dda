//! The package's two hot calls with `&str` parameters, for `js/package/text-paths.js`.
//!
//! `validate` and `signBody` take `JsValue`s so that any JS value gets a clear error, but reading
//! a string out of a `JsValue` is a round trip through the glue per argument, and a report comes
//! back as JSON text for JS to parse. When every argument already has the type needed (the common
//! call), the entries call these instead: each string crosses once, and a clean body's report is
//! built in JS. Same rules, same errors; they answer `null`/`undefined` ("ask the general export")
//! for a text holding U+FFFD, which a lone surrogate decodes to: only the general exports can tell
//! the two apart (`js_json::text`).

use konaplate_core::catalog;
use konaplate_core::validate::validate_body;
use konaplate_core::Report;
use wasm_bindgen::prelude::*;

use crate::js_json::holds_replacement_character as may_have_lone_surrogate;
use crate::{check_body_size, endpoint, epoch_from_number, sign, zone_from_code};

/// `validate(endpoint, null, body)` for a body given as text: `undefined` when the report is
/// empty, the report as JSON text otherwise, `null` to ask the general `validate`.
#[wasm_bindgen(js_name = validateText, unchecked_return_type = "string | undefined | null")]
pub fn validate_text(endpoint_id: &str, body: &str) -> Result<JsValue, JsError> {
    if may_have_lone_surrogate(endpoint_id) || may_have_lone_surrogate(body) {
        return Ok(JsValue::NULL);
    }
    let endpoint = endpoint(catalog::ENDPOINTS, endpoint_id)?;
    check_body_size(body)?;
    let violations = validate_body(endpoint, body);
    if violations.is_empty() {
        return Ok(JsValue::UNDEFINED);
    }
    Ok(JsValue::from_str(&Report::new(violations).to_json()))
}

/// `signBody` with `epochMs` and `timeZone` given (the entry puts in now and "KST"): the
/// tran-token, or `undefined` to ask the general `signBody`.
#[wasm_bindgen(js_name = signText)]
pub fn sign_text(body: &str, secret_key: &str, epoch_ms: f64, time_zone: &str) -> Result<Option<String>, JsError> {
    if may_have_lone_surrogate(body) || may_have_lone_surrogate(secret_key) {
        return Ok(None);
    }
    sign(body, secret_key, epoch_from_number(epoch_ms)?, zone_from_code(time_zone)?).map(Some)
}
