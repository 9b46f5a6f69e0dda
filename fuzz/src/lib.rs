//! Fuzz checks: each takes raw bytes, decodes a structured input with `arbitrary`, runs one
//! entry point and asserts its invariants. A panic is a finding.

use arbitrary::{Arbitrary, Unstructured};
use konaplate_core::body::{build_body, FieldValue};
use konaplate_core::catalog::ENDPOINTS;
use konaplate_core::json;
use konaplate_core::sign::{parse_tran_token, tran_token, verify_tran_token};
use konaplate_core::validate;

/// The names of the targets, as `fuzz_targets/<name>.rs` and `corpus/<name>/`.
pub const TARGETS: &[(&str, fn(&[u8]))] =
    &[("validate", check_validate), ("tran_token", check_tran_token), ("build_body", check_build_body)];

#[derive(Arbitrary, Debug)]
struct ValidateInput<'a> {
    endpoint: u8,
    headers: Vec<(&'a str, &'a str)>,
    body: &'a str,
    secret: Option<&'a [u8]>,
}

/// The validator over arbitrary headers and body text: no panic, every violation located and
/// worded in English and Korean, validity equals "no errors".
pub fn check_validate(data: &[u8]) {
    let Ok(input) = ValidateInput::arbitrary_take_rest(Unstructured::new(data)) else { return };
    let endpoint = ENDPOINTS[input.endpoint as usize % ENDPOINTS.len()];
    let report = validate(endpoint, &input.headers, input.body, input.secret);
    for v in &report.violations {
        assert!(!v.location.is_empty());
        assert!(!v.message.en.is_empty() && !v.message.ko.is_empty());
    }
    assert_eq!(report.is_valid(), report.error_count == 0);
}

#[derive(Arbitrary, Debug)]
struct TokenInput<'a> {
    token: &'a str,
    secret: &'a [u8],
    body: &'a [u8],
}

/// The tran-token parser and verifier: no panic; only the token we would produce verifies;
/// a token we sign always verifies.
pub fn check_tran_token(data: &[u8]) {
    let Ok(input) = TokenInput::arbitrary_take_rest(Unstructured::new(data)) else { return };
    let _ = parse_tran_token(input.token);
    if let Ok(parsed) = verify_tran_token(input.secret, input.token, input.body) {
        assert_eq!(input.token, tran_token(input.secret, parsed.time, input.body));
    }
    let ours = tran_token(input.secret, "20240101000000000", input.body);
    assert!(verify_tran_token(input.secret, &ours, input.body).is_ok());
}

#[derive(Arbitrary, Debug)]
enum Value {
    Text(String),
    Integer(String),
    Bool(bool),
}

#[derive(Arbitrary, Debug)]
struct BodyInput {
    endpoint: u8,
    fields: Vec<(u8, Value)>,
}

/// The body builder: no panic; what it builds is JSON whose integer fields keep the digits given.
pub fn check_build_body(data: &[u8]) {
    let Ok(input) = BodyInput::arbitrary_take_rest(Unstructured::new(data)) else { return };
    let endpoint = ENDPOINTS[input.endpoint as usize % ENDPOINTS.len()];
    let values: Vec<(&str, FieldValue)> = input
        .fields
        .into_iter()
        .map(|(i, v)| {
            let name = endpoint.request.get(i as usize % (endpoint.request.len() + 1)).map_or("unknownField", |f| f.name);
            let value = match v {
                Value::Text(s) => FieldValue::Text(s),
                Value::Integer(s) => FieldValue::Integer(s),
                Value::Bool(b) => FieldValue::Bool(b),
            };
            (name, value)
        })
        .collect();
    let Ok(body) = build_body(endpoint, &values) else { return };
    let parsed = json::parse(&body).expect("built bodies are JSON");
    // The last value given for a field is the one written.
    let mut seen = std::collections::HashSet::new();
    for (name, value) in values.iter().rev() {
        if !seen.insert(*name) {
            continue;
        }
        if let (FieldValue::Integer(digits), Some(json::Value::Number(n))) = (value, parsed.get(*name)) {
            assert_eq!(digits, &json::number_text(n));
        }
    }
}
