//! konaplate for JavaScript: a thin wasm-bindgen boundary over `konaplate-core`.
//!
//! The package's JavaScript (`js/package/boundary.js`) reads every caller value: it checks the
//! types, catches a throwing getter or Proxy trap, refuses lone surrogates, and writes a body
//! given as an object as JSON text (BigInts whole, a number past 2^53 − 1 reported). What
//! crosses into this module is strings, numbers and booleans only, and every result comes back
//! as JSON text, written here without serde. So the rules, the catalog and every message are
//! Rust's, and the module holds no code that walks JavaScript values (which was a fifth of its
//! size). Misuse (an unknown endpoint, a time out of range) is a JS `Error` starting
//! `konaplate: `; findings are returned as data. No 64-bit integer crosses: ids travel as JSON
//! text, times as `f64` epoch milliseconds checked to be safe integers.
//!
//! One crate, two modules (scripts/build-pkg.sh): the main entry (`konaplate`: validate, build,
//! sign and verify for the built-in operations) and, with the cargo feature `document`,
//! `konaplate/document` (the same plus `document.rs`: other documents and the catalog's texts).

#[cfg(all(feature = "lean", feature = "document"))]
compile_error!("`lean` leaves out the catalog prose that `document` shows: build the two entries apart");

#[cfg(feature = "document")]
mod document;

use konaplate_core::body::{build_body, FieldValue};
use konaplate_core::catalog::{self, Endpoint, FieldType};
use konaplate_core::headers::{Credentials, HeaderInputs};
use konaplate_core::json::{self, Node, ObjectWriter};
use konaplate_core::request::prepare;
use konaplate_core::sign::Signer;
use konaplate_core::text::decimal;
use konaplate_core::time::{RequestTime, TimeZone};
use konaplate_core::validate::validate_body;
use konaplate_core::violation::{quote, write_violations, Kind, Severity};
use konaplate_core::{Report, Violation};
use wasm_bindgen::prelude::*;
// The module's global allocator (talc, not dlmalloc).
use konaplate_wasm_alloc as _;

/// Largest body text accepted, in UTF-8 bytes (the sandbox server takes 64 KiB; this leaves
/// room for tests). `boundary.js` refuses a longer string before copying it in.
const MAX_BODY_CHARS: usize = 4 * 1024 * 1024;

fn error(message: &str) -> JsError {
    JsError::new(&konaplate_core::text::fill("konaplate: {0}", &[message]))
}

/// The operations a call is about: the built-in ones (borrowed: the common call allocates
/// nothing here), or a loaded document's (`document`).
fn operations(document: Option<u32>) -> Result<std::borrow::Cow<'static, [&'static Endpoint]>, JsError> {
    match document {
        None => Ok(catalog::ENDPOINTS.into()),
        #[cfg(feature = "document")]
        Some(index) => document::operations(index).map(Into::into),
        #[cfg(not(feature = "document"))]
        Some(_) => Err(error("this entry loads no documents")),
    }
}

/// The operation `id` (an operationId or a path) among `operations`.
fn endpoint(operations: &[&'static Endpoint], id: &str) -> Result<&'static Endpoint, JsError> {
    catalog::find(operations, id).ok_or_else(|| {
        let ids: Vec<&str> = operations.iter().map(|e| e.id).collect();
        error(&konaplate_core::text::fill("unknown endpoint {0}; one of {1}", &[&quote(id), &ids.join(", ")]))
    })
}

/// Refuses a body text over [`MAX_BODY_CHARS`] bytes.
fn check_body_size(text: &str) -> Result<(), JsError> {
    if text.len() > MAX_BODY_CHARS {
        return Err(error(&konaplate_core::text::fill("body is larger than {0} bytes", &[&decimal(MAX_BODY_CHARS)])));
    }
    Ok(())
}

/// The items of a JSON array `boundary.js` wrote, each an array of strings (`[[a, b], …]`);
/// `None` for anything else.
fn string_rows(rows: Node) -> Option<Vec<Vec<String>>> {
    let Node::Array(rows) = rows else { return None };
    rows.into_iter()
        .map(|row| match row {
            Node::Array(items) => {
                items.into_iter().map(|item| if let Node::String(s) = item { Some(s) } else { None }).collect()
            }
            _ => None,
        })
        .collect()
}

/// [`string_rows`], or the error that says the package's own JavaScript sent something else.
fn rows(text: &str) -> Result<Vec<Vec<String>>, JsError> {
    json::read_node(text).ok().and_then(string_rows).ok_or_else(malformed)
}

/// The error for a text of `boundary.js` that is not what it writes (a bug there, not a misuse).
fn malformed() -> JsError {
    error("internal: the package's JavaScript sent malformed arguments")
}

/// A string, or `null` for none.
fn optional_text(node: Node) -> Option<Option<String>> {
    match node {
        Node::Null => Some(None),
        Node::String(s) => Some(Some(s)),
        _ => None,
    }
}

/// The violation for a JS number that lost digits before reaching us, at `path`.
fn lost_digits(path: &str, shown: &str) -> Violation {
    let expected = "an exact integer: a string of digits or a BigInt";
    Violation::in_body(path, Kind::LostDigits { shown: shown.into() }, Severity::Error, expected, shown)
}

/// Validates a request: `body` as JSON text, `headers` (none: the body only) as a JSON array
/// of `[name, value]` pairs, and `lost` (if any), the JSON array of `[path, shown]` for each JS
/// number of a body object that had lost digits. `undefined` when the report is empty, the
/// report as JSON text otherwise; and when `checked` is false, `""` for a text that holds
/// U+FFFD, which a lone surrogate decodes to: only `boundary.js` can tell the two apart, and
/// asks again with `checked` when it was a real U+FFFD.
#[wasm_bindgen(js_name = validateRequest)]
pub fn validate_request(
    document: Option<u32>,
    endpoint_id: &str,
    headers: Option<String>,
    body: &str,
    lost: Option<String>,
    checked: bool,
) -> Result<Option<String>, JsError> {
    if !checked && (holds_replacement_character(endpoint_id) || holds_replacement_character(body)) {
        return Ok(Some(String::new()));
    }
    let endpoint = endpoint(&operations(document)?, endpoint_id)?;
    check_body_size(body)?;
    let mut violations = Vec::new();
    for row in lost.as_deref().map(rows).transpose()?.unwrap_or_default() {
        if let [path, shown] = &row[..] {
            violations.push(lost_digits(path, shown));
        }
    }
    match headers {
        Some(headers) => {
            let pairs: Vec<(String, String)> = rows(&headers)?
                .into_iter()
                .filter_map(|row| <[String; 2]>::try_from(row).ok().map(|[n, v]| (n, v)))
                .collect();
            violations.append(&mut konaplate_core::validate(endpoint, &pairs, body, None).violations);
        }
        None => violations.extend(validate_body(endpoint, body)),
    }
    Ok((!violations.is_empty()).then(|| Report::new(violations).to_json()))
}

/// Field values ready for the core, plus the violations of numbers that had lost digits.
type Fields = (Vec<(String, FieldValue)>, Vec<Violation>);

/// `fields` as `boundary.js` writes them, an array of `[name, kind, text]` (kind `s` a
/// string, `i` a number's or BigInt's digits, `b` `true`/`false`, `lost` a number that had lost
/// digits, as JS writes it), as the core's field values, plus the violations of lost numbers;
/// `None` for anything else.
fn field_values(endpoint: &Endpoint, fields: Node) -> Option<Fields> {
    let (mut values, mut violations) = (Vec::new(), Vec::new());
    for row in string_rows(fields)? {
        let [name, kind, text] = <[String; 3]>::try_from(row).ok()?;
        let integer_field = matches!(endpoint.field(&name).map(|f| f.ty), Some(FieldType::Integer { .. }));
        let value = match kind.as_str() {
            "b" => FieldValue::Bool(text == "true"),
            "s" if !integer_field => FieldValue::Text(text),
            "s" | "i" => FieldValue::Integer(text),
            _ => {
                violations.push(lost_digits(&json::child_path("$", &name), &text));
                continue;
            }
        };
        values.push((name, value));
    }
    Some((values, violations))
}

/// `buildRequest`'s text options as `boundary.js` writes them: the JSON array `[endpoint,
/// fields, aspId, accessKey, secretKey, timeZone, baseUrl, cryptoKeyId]`, `timeZone` `null`
/// for a value that is not a string and the last two `null` when not given.
struct TextOptions {
    endpoint: String,
    fields: Node,
    credentials: Credentials,
    time_zone: Option<String>,
    base_url: Option<String>,
    crypto_key_id: Option<String>,
}

impl TextOptions {
    fn read(text: &str) -> Option<TextOptions> {
        let Ok(Node::Array(items)) = json::read_node(text) else { return None };
        let [endpoint, fields, asp_id, access_key, secret_key, time_zone, base_url, crypto_key_id] =
            <[Node; 8]>::try_from(items).ok()?;
        let text = |node: Node| if let Node::String(s) = node { Some(s) } else { None };
        Some(TextOptions {
            endpoint: text(endpoint)?,
            fields,
            credentials: Credentials {
                asp_id: text(asp_id)?,
                access_key: text(access_key)?,
                secret_key: text(secret_key)?,
            },
            time_zone: optional_text(time_zone)?,
            base_url: optional_text(base_url)?,
            crypto_key_id: optional_text(crypto_key_id)?,
        })
    }
}

/// `n` as epoch milliseconds when `Number.isSafeInteger(n)`: an integer of at most 2^53 - 1.
fn epoch_from_number(n: f64) -> Result<i64, JsError> {
    const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
        Ok(n as i64)
    } else {
        Err(error("epochMs must be an integer number of milliseconds"))
    }
}

/// The time zone of its code; `None`: the caller's value was not a string.
fn zone_from_code(code: Option<&str>) -> Result<TimeZone, JsError> {
    let Some(code) = code else { return Err(error("timeZone must be \"KST\" or \"UTC\"")) };
    TimeZone::from_code(code)
        .ok_or_else(|| error(&konaplate_core::text::fill("timeZone {0} is not KST or UTC", &[&quote(code)])))
}

/// Builds a signed request: the body serialised once from the fields (as [`field_values`]
/// reads them; 19-digit ids stay exact), the seven X-KM headers over exactly that text, URL
/// and method: `BuiltRequest` as JSON text. `options` holds the text options
/// ([`TextOptions`]); `random` is the correlation id's 4 bytes, big-endian.
#[wasm_bindgen(js_name = buildRequestText)]
pub fn build_request_text(
    document: Option<u32>,
    options: &str,
    epoch_ms: f64,
    random: u32,
    allow_invalid: bool,
) -> Result<String, JsError> {
    let TextOptions { endpoint: endpoint_id, fields, credentials, time_zone, base_url, crypto_key_id } =
        TextOptions::read(options).ok_or_else(malformed)?;
    let endpoint = endpoint(&operations(document)?, &endpoint_id)?;
    let (values, mut violations) = field_values(endpoint, fields).ok_or_else(malformed)?;
    let zone = zone_from_code(time_zone.as_deref())?;
    let epoch_ms = epoch_from_number(epoch_ms)?;
    let base_url = base_url.unwrap_or_else(|| catalog::SANDBOX_BASE_URL.into());
    let borrowed: Vec<(&str, FieldValue)> = values.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
    let body = match build_body(endpoint, &borrowed) {
        Ok(body) if violations.is_empty() => body,
        Ok(_) => return Ok(not_built(&violations)),
        Err(mut errors) => {
            violations.append(&mut errors);
            return Ok(not_built(&violations));
        }
    };
    let inputs = HeaderInputs {
        credentials: &credentials,
        epoch_ms,
        zone,
        random: random.to_be_bytes(),
        crypto_key_id: crypto_key_id.as_deref(),
    };
    let request = prepare(endpoint, &base_url, body, &inputs).map_err(|e| error(&e.message()))?;
    let report =
        konaplate_core::validate(endpoint, &request.headers, &request.body, Some(credentials.secret_key.as_bytes()));
    if !report.is_valid() && !allow_invalid {
        return Ok(not_built(&report.violations));
    }
    // `BuiltRequest`'s members, in the order of its type.
    let mut text = String::new();
    let mut built = ObjectWriter::new(&mut text);
    built.bool("ok", true);
    built.str("method", request.method);
    built.str("url", &request.url);
    let mut headers = ObjectWriter::new(built.key("headers"));
    for (name, value) in &request.headers {
        headers.str(name, value);
    }
    headers.end();
    built.str("body", &request.body);
    built.str("tokenTime", &request.signature.token_time);
    report.write_json(built.key("report"));
    built.end();
    Ok(text)
}

/// `{ ok: false, violations }`: a request `buildRequest` did not build.
fn not_built(violations: &[Violation]) -> String {
    let mut text = String::new();
    let mut object = ObjectWriter::new(&mut text);
    object.bool("ok", false);
    write_violations(object.key("violations"), violations);
    object.end();
    text
}

/// The X-KM-Tran-Token of `body` under `secretKey` at `epochMs` in `timeZone` (`undefined`: the
/// caller's value was not a string); `undefined`
/// when `checked` is false and a text holds U+FFFD (`boundary.js` then checks for a lone
/// surrogate and asks again with `checked`).
#[wasm_bindgen(js_name = signText)]
pub fn sign_text(
    body: &str,
    secret_key: &str,
    epoch_ms: f64,
    time_zone: Option<String>,
    checked: bool,
) -> Result<Option<String>, JsError> {
    if !checked && (holds_replacement_character(body) || holds_replacement_character(secret_key)) {
        return Ok(None);
    }
    let time = RequestTime::new(epoch_from_number(epoch_ms)?, zone_from_code(time_zone.as_deref())?)
        .map_err(|e| error(&e.message()))?;
    Ok(Some(with_signer(secret_key, |signer| signer.tran_token(&time.token_time(), body.as_bytes()))))
}

thread_local! {
    /// The HMAC keyed with the last secret key used, so signing many bodies under one key
    /// skips the key schedule. Kept in this module's memory only, like the key during a call.
    static SIGNER: std::cell::RefCell<Option<(String, Signer)>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with the keyed HMAC for `secret_key`, keyed once per distinct key in a row.
fn with_signer<T>(secret_key: &str, f: impl FnOnce(&Signer) -> T) -> T {
    SIGNER.with_borrow_mut(|cached| match cached {
        Some((key, signer)) if key == secret_key => f(signer),
        _ => f(&cached.insert((secret_key.to_string(), Signer::new(secret_key.as_bytes()))).1),
    })
}

/// Checks a tran-token against `body` in constant time: `Verification` as JSON text,
/// `{ ok: true, time }` or `{ ok: false, reason: { en, ko } }`.
#[wasm_bindgen(js_name = verifyText)]
pub fn verify_text(token: &str, body: &str, secret_key: &str) -> String {
    let result = with_signer(secret_key, |signer| signer.verify_tran_token(token, body.as_bytes()));
    let mut text = String::new();
    let mut object = ObjectWriter::new(&mut text);
    object.bool("ok", result.is_ok());
    match result {
        Ok(parsed) => object.str("time", parsed.time),
        Err(e) => {
            let reason = e.explain();
            let mut reason_object = ObjectWriter::new(object.key("reason"));
            reason_object.str("en", reason.en);
            reason_object.str("ko", reason.ko);
            reason_object.end();
        }
    }
    object.end();
    text
}

/// Whether `text` holds U+FFFD, which a lone surrogate decodes to (a byte search: smaller in
/// the module than `str::contains` with a `char`).
fn holds_replacement_character(text: &str) -> bool {
    const FFFD: &[u8] = "\u{FFFD}".as_bytes();
    text.as_bytes().windows(FFFD.len()).any(|w| w == FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The TypeScript `EndpointId` union (js/package/index.d.ts) names every built-in operation,
    /// in the catalog's order, and the `Rule` union every rule of the core.
    #[test]
    fn the_typescript_unions_list_every_operation_and_rule() {
        let types = include_str!("../../../js/package/index.d.ts");
        let union = |name: &str| -> Vec<String> {
            let start = types.split(&format!("export type {name} =")).nth(1).unwrap();
            let body = start.split(';').next().unwrap();
            body.split('|').map(|n| n.trim().trim_matches('"').to_string()).filter(|n| !n.is_empty()).collect()
        };
        let ids: Vec<&str> = catalog::ENDPOINTS.iter().map(|e| e.id).collect();
        assert_eq!(union("EndpointId"), ids);
        let rules: Vec<&str> = konaplate_core::violation::Rule::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(union("Rule"), rules);
    }

    #[test]
    fn fields_and_rows_read_as_boundary_js_writes_them() {
        let charge = catalog::find(catalog::ENDPOINTS, "charge").unwrap();
        let fields = r#"[["userId","s","12"],["sequenceId","s","S"],["amount","lost","1e+21"]]"#;
        let (values, violations) = field_values(charge, json::read_node(fields).unwrap()).unwrap();
        assert_eq!(values[0], ("userId".into(), FieldValue::Integer("12".into())));
        assert_eq!(values[1], ("sequenceId".into(), FieldValue::Text("S".into())));
        assert_eq!(violations[0].location, "$.amount");
        let node = |text| json::read_node(text).unwrap();
        assert!(string_rows(node("[1]")).is_none() && field_values(charge, node("[[1]]")).is_none());
        assert!(TextOptions::read(r#"["charge",[],"a","b","c",null,null,null]"#).is_some());
        assert!(TextOptions::read(r#"["charge",[],"a","b",1,null,null,null]"#).is_none());
    }
}
