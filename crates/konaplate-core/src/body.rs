//! The body builder: field values in, the exact JSON text to sign and send out.
//!
//! Writes the text once, in catalog field order: strings escaped by `serde_json`, integers as
//! their exact digits. Callers sign and send the returned string itself and never re-serialise
//! it, so the bytes signed are the bytes sent.

use crate::catalog::{Endpoint, FieldType};
use crate::json;
use crate::number::ExactInteger;
use crate::violation::{quote, Kind, Severity, Violation};

/// A field value as a form or a program gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Text(String),
    /// Decimal digits, optionally with a leading `-`: kept exactly, however long.
    Integer(String),
    Bool(bool),
}

impl FieldValue {
    /// The value as a message shows it: text quoted, digits and `true`/`false` as they are.
    fn shown(&self) -> String {
        match self {
            FieldValue::Text(text) => quote(text),
            FieldValue::Integer(digits) => digits.clone(),
            FieldValue::Bool(b) => b.to_string(),
        }
    }
}

fn build_error(field: &str, kind: Kind, expected: &str, got: String) -> Violation {
    Violation::in_body(["$.", field].concat(), kind, Severity::Error, expected, got)
}

/// Builds the body text. Only what cannot be written as the field's JSON type is refused
/// (unknown fields, non-integer text for a number, wrong kind of value); out-of-bounds values
/// are written as given so negative tests stay possible, and `validate` reports them.
pub fn build_body(endpoint: &Endpoint, values: &[(&str, FieldValue)]) -> Result<String, Vec<Violation>> {
    let mut errors = Vec::new();
    for (name, _) in values {
        if endpoint.field(name).is_none() {
            let kind = Kind::NotAField { operation: endpoint.name };
            errors.push(build_error(name, kind, "a documented field", quote(name)));
        }
    }
    // Written as JSON text directly, in the catalog's field order (no `Value` tree).
    let mut body = String::from("{");
    for field in endpoint.request {
        let Some((_, value)) = values.iter().rev().find(|(n, _)| *n == field.name) else {
            continue;
        };
        let json = match (field.ty, value) {
            (FieldType::String { .. }, FieldValue::Text(s)) => json::string(s),
            (FieldType::Boolean, FieldValue::Bool(b)) => b.to_string(),
            (FieldType::Integer { .. }, FieldValue::Integer(digits)) => match integer_text(digits) {
                Some(text) => text,
                None => {
                    let kind = Kind::NotDigits { value: quote(digits) };
                    errors.push(build_error(field.name, kind, "decimal digits", quote(digits)));
                    continue;
                }
            },
            (ty, _) => {
                let expected = crate::violation::form_value(ty).en;
                errors.push(build_error(field.name, Kind::WrongValue { takes: ty }, expected, value.shown()));
                continue;
            }
        };
        if body.len() > 1 {
            body.push(',');
        }
        body.push_str(&json::string(field.name));
        body.push(':');
        body.push_str(&json);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    body.push('}');
    Ok(body)
}

/// `-?[0-9]+` without leading zeros (as JSON requires), as the exact JSON number text.
fn integer_text(digits: &str) -> Option<String> {
    let canonical = ExactInteger::parse(digits)?.canonical();
    // Digits only (and a sign), so JSON's one other rule is left: no leading zero.
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    if unsigned.len() > 1 && unsigned.starts_with('0') {
        return None;
    }
    // "-0" is kept as written; validation reports it below a minimum of 1.
    Some(if digits == "-0" { digits.to_string() } else { canonical })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::CHARGE_ENDPOINT;
    use crate::validate::validate_body;
    use crate::violation::Rule;

    fn charge(user_id: &str) -> Vec<(&'static str, FieldValue)> {
        vec![
            ("merchantId", FieldValue::Text("123456789012345".into())),
            ("sequenceId", FieldValue::Text("S-1".into())),
            ("userId", FieldValue::Integer(user_id.into())),
            ("amount", FieldValue::Integer("10000".into())),
            ("oneTimeToken", FieldValue::Text("1111222233334444".into())),
            ("dcvv", FieldValue::Text("123".into())),
        ]
    }

    #[test]
    fn builds_in_catalog_order_with_a_19_digit_user_id_exact() {
        let body = build_body(&CHARGE_ENDPOINT, &charge("9999999999999999999")).unwrap();
        assert_eq!(
            body,
            r#"{"sequenceId":"S-1","userId":9999999999999999999,"amount":10000,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}"#
        );
        assert_eq!(validate_body(&CHARGE_ENDPOINT, &body), []);
    }

    #[test]
    fn strings_are_escaped_by_serde_json() {
        let mut values = charge("1");
        values[1] = ("sequenceId", FieldValue::Text("a\"b\\c\u{0}\u{202e}".into()));
        let body = build_body(&CHARGE_ENDPOINT, &values).unwrap();
        let back: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(back["sequenceId"], "a\"b\\c\u{0}\u{202e}");
    }

    #[test]
    fn refuses_what_cannot_be_written_and_keeps_what_validation_should_see() {
        for bad in ["", "12a", "1.5", "1e3", "007", "+1", "9007199254740993.0"] {
            let err = build_body(&CHARGE_ENDPOINT, &charge(bad)).unwrap_err();
            assert_eq!(err[0].rule(), Rule::Integer, "{bad}");
        }
        // Out of bounds but writable: built, and validation reports it.
        let body = build_body(&CHARGE_ENDPOINT, &charge("10000000000000000000")).unwrap();
        assert!(body.contains("\"userId\":10000000000000000000"));
        assert_eq!(validate_body(&CHARGE_ENDPOINT, &body)[0].rule(), Rule::Maximum);
        assert!(build_body(&CHARGE_ENDPOINT, &charge("-0")).unwrap().contains("\"userId\":-0"));
    }

    #[test]
    fn unknown_fields_and_wrong_kinds_are_errors() {
        let mut values = charge("1");
        values.push(("bogus", FieldValue::Bool(true)));
        values.push(("amount", FieldValue::Text("10".into())));
        let rules: Vec<Rule> = build_body(&CHARGE_ENDPOINT, &values).unwrap_err().iter().map(|v| v.rule()).collect();
        assert_eq!(rules, [Rule::UnknownField, Rule::Type]);
    }
}
