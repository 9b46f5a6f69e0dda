//! konaplate for JavaScript: a thin wasm-bindgen boundary over `konaplate-core`.
//!
//! Free functions, camelCase names, errors as data: validation findings are return values;
//! only misuse (an unknown endpoint, a missing credential, a value JSON cannot carry) throws a
//! JS `Error`. No 64-bit integer crosses the boundary: ids travel as strings, BigInts or JSON
//! text, times as `number` epoch milliseconds checked to be safe integers.
//!
//! One crate, two modules (scripts/build-pkg.sh): the main entry (`konaplate`: validate, build,
//! sign and verify for the built-in operations) and, with the cargo feature `document`,
//! `konaplate/document` (the same plus `document.rs`: other documents and the catalog's texts).

#[cfg(all(feature = "lean", feature = "document"))]
compile_error!("`lean` leaves out the catalog prose that `document` shows: build the two entries apart");

#[cfg(feature = "document")]
mod document;
mod js;
mod js_json;
mod text_paths;

use konaplate_core::body::{build_body, FieldValue};
use konaplate_core::catalog::{self, Endpoint, FieldType};
use konaplate_core::headers::{Credentials, HeaderInputs};
use konaplate_core::json::ObjectWriter;
use konaplate_core::request::prepare;
use konaplate_core::sign::Signer;
use konaplate_core::time::{RequestTime, TimeZone};
use konaplate_core::validate::validate_body;
use konaplate_core::violation::{quote, write_violations};
use konaplate_core::{Report, Violation};
use wasm_bindgen::prelude::*;
// The module's global allocator (talc, not dlmalloc).
use konaplate_wasm_alloc as _;

use js_json::Refused;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** The built-in operations (`konaplate/document`'s `load` takes any other document's). */
export type EndpointId =
  | "one-time-token"
  | "charge"
  | "result-inquiry"
  | "cancel"
  | "account-holder"
  | "ars-auth"
  | "ars-register"
  | "ars-register-inquiry"
  | "account-info"
  | "account-inquiry"
  | "account-delete"
  | "payment"
  | "payment-netcancel"
  | "refund-fee"
  | "transaction-history";
export type TimeZone = "KST" | "UTC";
/** The rule a violation breaks: stable names to branch on. */
export type Rule =
  | "jsonSyntax" | "duplicateKey" | "required" | "type" | "integer" | "minimum" | "maximum"
  | "minLength" | "maxLength" | "length" | "minItems" | "maxItems" | "enum" | "unknownField"
  | "repeatedHeader" | "unknownHeader" | "format" | "date" | "timeZone" | "tokenTime" | "signature"
  | "encryption" | "docConflict" | "unsafeNumber" | "forbiddenCharacter" | "httpStatus"
  | "exclusiveMinimum" | "exclusiveMaximum" | "const" | "pattern";
export interface Violation {
  target: "header" | "body";
  /** Header name, or a JSON path such as `$.userId`. */
  location: string;
  rule: Rule;
  severity: "error" | "warning" | "note";
  expected: string;
  got: string;
  message: { en: string; ko: string };
  line?: number;
  column?: number;
}
export interface Report { violations: Violation[]; errorCount: number; warningCount: number; noteCount: number }
/** Header name → value, or [name, value] pairs (pairs keep repeated headers visible). */
export type RequestHeaders = Record<string, string> | Array<[string, string]>;
/** Integers as strings of digits or BigInt keep every digit; a number must be a safe integer. */
export type FieldValue = string | bigint | number | boolean;
export interface Credentials { aspId: string; accessKey: string; secretKey: string }
export interface BuildOptions {
  endpoint: EndpointId;
  fields: Record<string, FieldValue>;
  credentials: Credentials;
  timeZone?: TimeZone;
  /** Defaults to Date.now(). */
  epochMs?: number;
  /** 4 bytes for the correlation id; defaults to crypto.getRandomValues. */
  random?: Uint8Array | number[];
  /** Defaults to KONA PLATE's sandbox, https://sandbox.konaplate.com/open-api */
  baseUrl?: string;
  cryptoKeyId?: string;
  /** Build and sign even when validation finds errors (negative tests). */
  allowInvalid?: boolean;
}
export type BuiltRequest =
  | { ok: true; method: "POST"; url: string; headers: Record<string, string>; body: string; tokenTime: string; report: Report }
  | { ok: false; violations: Violation[] };
export interface Verification { ok: boolean; time?: string; reason?: { en: string; ko: string } }
"#;

/// Largest body text accepted (the sandbox server takes 64 KiB; this leaves room for tests).
const MAX_BODY_CHARS: usize = 4 * 1024 * 1024;

fn error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("konaplate: {message}"))
}

impl From<Refused> for JsError {
    fn from(r: Refused) -> JsError {
        error(r.0)
    }
}

/// A result written as JSON text (by hand: the module links no serde serialiser), as a JS value.
fn to_js(text: &str) -> Result<JsValue, JsError> {
    js::parse_json(text).map_err(|_| error("internal: result is not JSON"))
}

/// The operation `id` (an operationId or a path) among `operations`.
fn endpoint(operations: &[&'static Endpoint], id: &str) -> Result<&'static Endpoint, JsError> {
    catalog::find(operations, id).ok_or_else(|| {
        let ids: Vec<&str> = operations.iter().map(|e| e.id).collect();
        error(format!("unknown endpoint {}; one of {}", quote(id), ids.join(", ")))
    })
}

/// A string argument, checked here rather than in the glue (which would throw a TypeError
/// about `length` for `undefined`).
fn arg(value: &JsValue, name: &str) -> Result<String, JsError> {
    js_json::text(value, name)?.ok_or_else(|| error(format!("{name} must be a string")))
}

fn get(object: &JsValue, key: &str, path: &str) -> Result<JsValue, JsError> {
    Ok(js_json::property(object, key, path)?)
}

fn required_text(object: &JsValue, key: &str, path: &str) -> Result<String, JsError> {
    js_json::text(&get(object, key, path)?, path)?.ok_or_else(|| error(format!("{path} must be a string")))
}

/// `undefined`/`null` → no headers; an object of strings or an array of [name, value] pairs.
fn headers_from(value: &JsValue) -> Result<Option<Vec<(String, String)>>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let pairs: Vec<(JsValue, JsValue)> = if js_json::is_array(value, "headers")? {
        let mut pairs = Vec::new();
        for (i, pair) in js_json::items(value, "headers")?.iter().enumerate() {
            let path = format!("headers[{i}]");
            let items = if js_json::is_array(pair, &path)? { js_json::items(pair, &path)? } else { Vec::new() };
            match <[JsValue; 2]>::try_from(items) {
                Ok([name, value]) => pairs.push((name, value)),
                Err(_) => pairs.push((JsValue::NULL, JsValue::NULL)),
            }
        }
        pairs
    } else if value.is_object() {
        js_json::entries(value, "headers")?.into_iter().map(|(name, value)| (JsValue::from_str(&name), value)).collect()
    } else {
        return Err(error("headers must be an object of strings or an array of [name, value] pairs"));
    };
    let mut out = Vec::with_capacity(pairs.len());
    for (i, (name, value)) in pairs.iter().enumerate() {
        match (js_json::text(name, "header name")?, js_json::text(value, "header value")?) {
            (Some(n), Some(v)) => out.push((n, v)),
            _ => return Err(error(format!("headers[{i}] must be a [name, value] pair of strings"))),
        }
    }
    Ok(Some(out))
}

/// The body as exact JSON text (a string is used as is) and any precision violations.
fn body_text(body: &JsValue) -> Result<(String, Vec<Violation>), JsError> {
    // Refuse an oversized string before copying it into Wasm (UTF-8 never has fewer bytes than UTF-16 units).
    if body.is_string() && body.unchecked_ref::<js::JsText>().length() as usize > MAX_BODY_CHARS {
        return Err(error(format!("body is larger than {MAX_BODY_CHARS} bytes")));
    }
    let (text, violations) = match js_json::text(body, "body")? {
        Some(text) => (text, Vec::new()),
        None if body.is_object() => {
            let converted = js_json::convert(body)?;
            (converted.text, converted.violations)
        }
        None => return Err(error("body must be JSON text (a string) or a plain object")),
    };
    check_body_size(&text)?;
    Ok((text, violations))
}

/// Refuses a body text over [`MAX_BODY_CHARS`] bytes.
fn check_body_size(text: &str) -> Result<(), JsError> {
    if text.len() > MAX_BODY_CHARS {
        return Err(error(format!("body is larger than {MAX_BODY_CHARS} bytes")));
    }
    Ok(())
}

/// Validates a request: the body as raw JSON text or a JS object, and headers (omit them to
/// check the body only). Findings are returned, never thrown.
#[wasm_bindgen(js_name = validate, unchecked_return_type = "Report")]
pub fn validate(
    #[wasm_bindgen(js_name = endpoint, unchecked_param_type = "EndpointId")] endpoint_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RequestHeaders | null | undefined")] headers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsError> {
    validate_in(catalog::ENDPOINTS, &endpoint_id, &headers, &body)
}

fn validate_in(
    operations: &[&'static Endpoint],
    endpoint_id: &JsValue,
    headers: &JsValue,
    body: &JsValue,
) -> Result<JsValue, JsError> {
    let endpoint = endpoint(operations, &arg(endpoint_id, "endpoint")?)?;
    let headers = headers_from(headers)?;
    let (text, mut violations) = body_text(body)?;
    let report = match headers {
        Some(h) => {
            let mut report = konaplate_core::validate(endpoint, &h, &text, None);
            violations.append(&mut report.violations);
            Report::new(violations)
        }
        None => {
            violations.extend(validate_body(endpoint, &text));
            Report::new(violations)
        }
    };
    to_js(&report.to_json())
}

/// Field values ready for the core, plus violations (e.g. an unsafe JS number) found converting them.
type Fields = (Vec<(String, FieldValue)>, Vec<Violation>);

fn field_values(endpoint: &Endpoint, fields: &JsValue) -> Result<Fields, JsError> {
    if !fields.is_object() || js_json::is_array(fields, "options.fields")? {
        return Err(error("options.fields must be an object of field name → value"));
    }
    let (mut values, mut violations) = (Vec::new(), Vec::new());
    for (name, value) in js_json::entries(fields, "options.fields")? {
        let path = konaplate_core::json::child_path("$", &name);
        let integer_field = matches!(endpoint.field(&name).map(|f| f.ty), Some(FieldType::Integer { .. }));
        let field_value = if let Some(b) = value.as_bool() {
            FieldValue::Bool(b)
        } else if let Some(s) = js_json::text(&value, &path)? {
            if integer_field {
                FieldValue::Integer(s)
            } else {
                FieldValue::Text(s)
            }
        } else {
            match js_json::integer_text(&value, &path) {
                Ok(Some(digits)) => FieldValue::Integer(digits),
                Ok(None) => {
                    return Err(error(format!("fields{} must be a string, bigint, number or boolean", &path[1..])))
                }
                Err(v) => {
                    violations.push(*v);
                    continue;
                }
            }
        };
        values.push((name, field_value));
    }
    Ok((values, violations))
}

fn epoch_ms(value: &JsValue) -> Result<i64, JsError> {
    if value.is_undefined() {
        return Ok(js::now() as i64);
    }
    epoch_from_number(value.as_f64().unwrap_or(f64::NAN))
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

fn random_bytes(value: &JsValue) -> Result<[u8; 4], JsError> {
    let mut bytes = [0u8; 4];
    if value.is_undefined() {
        if !js::fill_random(&mut bytes) {
            return Err(error("no crypto.getRandomValues here; pass options.random (4 bytes)"));
        }
        return Ok(bytes);
    }
    let given = js_json::bytes(value, "options.random")?;
    <[u8; 4]>::try_from(given).map_err(|_| error("random must be 4 bytes (Uint8Array or number[])"))
}

fn time_zone(value: &JsValue) -> Result<TimeZone, JsError> {
    match value.as_string() {
        None if value.is_undefined() => Ok(TimeZone::Kst),
        Some(code) => zone_from_code(&code),
        None => Err(error("timeZone must be \"KST\" or \"UTC\"")),
    }
}

fn zone_from_code(code: &str) -> Result<TimeZone, JsError> {
    TimeZone::from_code(code).ok_or_else(|| error(format!("timeZone {} is not KST or UTC", quote(code))))
}

/// Builds a signed request: the body serialised once from `fields` (19-digit ids stay exact),
/// the seven X-KM headers over exactly that text, URL and method. Send `body` as it is.
#[wasm_bindgen(js_name = buildRequest, unchecked_return_type = "BuiltRequest")]
pub fn build_request(
    #[wasm_bindgen(unchecked_param_type = "BuildOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    build_request_in(catalog::ENDPOINTS, options)
}

fn build_request_in(operations: &[&'static Endpoint], options: JsValue) -> Result<JsValue, JsError> {
    if !options.is_object() {
        return Err(error("buildRequest takes an options object"));
    }
    let endpoint = endpoint(operations, &required_text(&options, "endpoint", "options.endpoint")?)?;
    let (values, mut violations) = field_values(endpoint, &get(&options, "fields", "options.fields")?)?;
    let creds = get(&options, "credentials", "options.credentials")?;
    if !creds.is_object() {
        return Err(error("options.credentials must be { aspId, accessKey, secretKey }"));
    }
    let credentials = Credentials {
        asp_id: required_text(&creds, "aspId", "credentials.aspId")?,
        access_key: required_text(&creds, "accessKey", "credentials.accessKey")?,
        secret_key: required_text(&creds, "secretKey", "credentials.secretKey")?,
    };
    let zone = time_zone(&get(&options, "timeZone", "options.timeZone")?)?;
    let epoch_ms = epoch_ms(&get(&options, "epochMs", "options.epochMs")?)?;
    let random = random_bytes(&get(&options, "random", "options.random")?)?;
    let base_url = js_json::text(&get(&options, "baseUrl", "options.baseUrl")?, "options.baseUrl")?
        .unwrap_or_else(|| catalog::SANDBOX_BASE_URL.into());
    let crypto_key_id = js_json::text(&get(&options, "cryptoKeyId", "options.cryptoKeyId")?, "options.cryptoKeyId")?;
    let allow_invalid = get(&options, "allowInvalid", "options.allowInvalid")?.is_truthy();
    let borrowed: Vec<(&str, FieldValue)> = values.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
    let body = match build_body(endpoint, &borrowed) {
        Ok(body) if violations.is_empty() => body,
        Ok(_) => return to_js(&not_built(&violations)),
        Err(mut errors) => {
            violations.append(&mut errors);
            return to_js(&not_built(&violations));
        }
    };
    let inputs =
        HeaderInputs { credentials: &credentials, epoch_ms, zone, random, crypto_key_id: crypto_key_id.as_deref() };
    let request = prepare(endpoint, &base_url, body, &inputs).map_err(error)?;
    let report =
        konaplate_core::validate(endpoint, &request.headers, &request.body, Some(credentials.secret_key.as_bytes()));
    if !report.is_valid() && !allow_invalid {
        return to_js(&not_built(&report.violations));
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
    to_js(&text)
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

/// The X-KM-Tran-Token for `body` (exact text) signed at `epochMs` (default now) in `timeZone`.
#[wasm_bindgen(js_name = signBody)]
pub fn sign_body(
    #[wasm_bindgen(unchecked_param_type = "string")] body: JsValue,
    #[wasm_bindgen(js_name = secretKey, unchecked_param_type = "string")] secret_key: JsValue,
    #[wasm_bindgen(js_name = epochMs, unchecked_param_type = "number | undefined")] epoch: JsValue,
    #[wasm_bindgen(js_name = timeZone, unchecked_param_type = "TimeZone | undefined")] zone: JsValue,
) -> Result<String, JsError> {
    let (body, secret_key) = (arg(&body, "body")?, arg(&secret_key, "secretKey")?);
    sign(&body, &secret_key, epoch_ms(&epoch)?, time_zone(&zone)?)
}

/// The tran-token of `body` under `secret_key` at `epoch_ms` in `zone`.
fn sign(body: &str, secret_key: &str, epoch_ms: i64, zone: TimeZone) -> Result<String, JsError> {
    let time = RequestTime::new(epoch_ms, zone).map_err(error)?;
    Ok(with_signer(secret_key, |signer| signer.tran_token(&time.token_time(), body.as_bytes())))
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

/// Checks a tran-token against `body` in constant time; says why when it does not match.
#[wasm_bindgen(js_name = verifyTranToken, unchecked_return_type = "Verification")]
pub fn verify(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] body: JsValue,
    #[wasm_bindgen(js_name = secretKey, unchecked_param_type = "string")] secret_key: JsValue,
) -> Result<JsValue, JsError> {
    let (token, body, secret_key) = (arg(&token, "token")?, arg(&body, "body")?, arg(&secret_key, "secretKey")?);
    let result = with_signer(&secret_key, |signer| signer.verify_tran_token(&token, body.as_bytes()));
    // `Verification`: `{ ok: true, time }` or `{ ok: false, reason: { en, ko } }`.
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
    to_js(&text)
}

/// The package version.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    konaplate_core::VERSION.to_string()
}

#[cfg(test)]
mod tests {
    /// The members of the string-literal union `export type NAME = … ;` in this file's
    /// TypeScript custom section (the macro leaves no constant behind to read it from).
    fn typescript_union(name: &str) -> Vec<&'static str> {
        let source: &'static str = include_str!("lib.rs");
        let union = source.split(&format!("export type {name} =")).nth(1).and_then(|t| t.split(';').next()).unwrap();
        union.split('|').map(|n| n.trim().trim_matches('"')).filter(|n| !n.is_empty()).collect()
    }

    /// The TypeScript `EndpointId` union names every built-in operation, in the catalog's order.
    #[test]
    fn the_typescript_endpoint_union_lists_every_built_in_operation() {
        let ids: Vec<&str> = konaplate_core::catalog::ENDPOINTS.iter().map(|e| e.id).collect();
        assert_eq!(typescript_union("EndpointId"), ids);
    }

    /// The TypeScript `Rule` union names every rule of the core, and nothing else.
    #[test]
    fn the_typescript_rule_union_lists_every_rule() {
        let rules: Vec<String> = konaplate_core::violation::Rule::ALL
            .iter()
            .map(|r| serde_json::to_value(r).unwrap().as_str().unwrap().to_string())
            .collect();
        assert_eq!(typescript_union("Rule"), rules);
    }
}
