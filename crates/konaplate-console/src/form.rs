//! The form view of a body: one text per documented field, kept in sync with the raw JSON both
//! ways, losslessly. Numbers travel as their exact JSON text (serde_json's
//! `arbitrary_precision`), so a 19-digit userId is never a float on either side.

use konaplate_core::catalog::{Endpoint, FieldType};
use konaplate_core::json;
use serde_json::{Map, Number, Value};

/// Why the form cannot edit the raw body right now (the raw tab stays the source).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// The raw text is not JSON.
    NotJson,
    /// The raw text is JSON but not an object.
    NotObject,
    /// A key appears twice: rewriting would silently drop one of them.
    DuplicateKey,
}

impl Blocked {
    pub fn explain(self) -> konaplate_core::catalog::Text {
        use konaplate_core::catalog::Text;
        match self {
            Blocked::NotJson => Text {
                en: "The raw JSON has a syntax error: fix it in the Raw JSON tab; the form edits valid JSON only.",
                ko: "원본 JSON에 문법 오류가 있습니다. 원본 JSON 탭에서 고치세요. 폼은 올바른 JSON만 편집합니다.",
            },
            Blocked::NotObject => Text {
                en: "The raw JSON is not an object: the form edits a JSON object's fields only.",
                ko: "원본 JSON이 객체가 아닙니다. 폼은 JSON 객체의 필드만 편집합니다.",
            },
            Blocked::DuplicateKey => Text {
                en: "The raw JSON repeats a key: the form would keep only one value, so it is read-only until you remove the duplicate.",
                ko: "원본 JSON에 같은 키가 두 번 있습니다. 폼은 값 하나만 남기게 되므로 중복을 지울 때까지 읽기 전용입니다.",
            },
        }
    }
}

fn object(body: &str) -> Result<Map<String, Value>, Blocked> {
    let value = json::parse(body).map_err(|_| Blocked::NotJson)?;
    if !json::duplicate_keys(body).is_empty() {
        return Err(Blocked::DuplicateKey);
    }
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(Blocked::NotObject),
    }
}

/// The text a form input shows for a JSON value: strings unquoted, numbers as their exact
/// digits, anything else as compact JSON (so nothing is hidden).
fn field_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => json::number_text(n),
        Value::Bool(b) => b.to_string(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// The form's texts, one per documented field of `endpoint`, read from the raw body.
pub fn field_texts(endpoint: &Endpoint, body: &str) -> Result<Vec<(&'static str, String)>, Blocked> {
    let map = object(body)?;
    Ok(endpoint.request.iter().map(|f| (f.name, map.get(f.name).map(field_text).unwrap_or_default())).collect())
}

/// The JSON value a form text stands for, given the field's type: digits stay a number (exact),
/// anything else a string, so a wrong type shows up as a validation error instead of vanishing.
fn field_value(ty: FieldType, text: &str) -> Value {
    match ty {
        FieldType::Integer { .. } | FieldType::Number => match serde_json::from_str::<Number>(text.trim()) {
            Ok(n) => Value::Number(n),
            Err(_) => Value::String(text.to_string()),
        },
        FieldType::Boolean => match text.trim() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(text.to_string()),
        },
        FieldType::String { .. } => Value::String(text.to_string()),
        // Nested values are edited as JSON text in one input until the form renders them.
        FieldType::Object { .. } | FieldType::Array { .. } => {
            serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
        }
    }
}

/// The raw body with one field set from the form (an empty text removes the field). Other
/// fields, unknown ones included, keep their values and order.
pub fn with_field(endpoint: &Endpoint, body: &str, name: &str, text: &str) -> Result<String, Blocked> {
    let mut map = object(body)?;
    match endpoint.field(name) {
        Some(field) if !text.is_empty() => {
            map.insert(name.to_string(), field_value(field.ty, text));
        }
        _ => {
            map.shift_remove(name);
        }
    }
    Ok(serde_json::to_string(&Value::Object(map)).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use konaplate_core::catalog::{CANCEL_ENDPOINT, CHARGE_ENDPOINT, SCENARIOS};

    #[test]
    fn the_form_shows_every_field_with_exact_digits() {
        let body = SCENARIOS[0].body.replace("1234567890123456789", "9999999999999999999");
        let texts = field_texts(&CHARGE_ENDPOINT, &body).unwrap();
        assert_eq!(texts.len(), CHARGE_ENDPOINT.request.len());
        assert!(texts.contains(&("userId", "9999999999999999999".into())));
        assert!(texts.contains(&("amount", "10000".into())));
    }

    #[test]
    fn editing_a_field_keeps_the_others_and_their_order_exactly() {
        let body = r#"{"sequenceId":"S-1","userId":1234567890123456789,"extra":{"a":1.50},"amount":1}"#;
        let out = with_field(&CHARGE_ENDPOINT, body, "userId", "9999999999999999999").unwrap();
        assert_eq!(out, r#"{"sequenceId":"S-1","userId":9999999999999999999,"extra":{"a":1.50},"amount":1}"#);
        let round = field_texts(&CHARGE_ENDPOINT, &out).unwrap();
        assert!(round.contains(&("userId", "9999999999999999999".into())));
    }

    #[test]
    fn non_digits_in_a_number_field_become_a_string_that_validation_reports() {
        let out = with_field(&CHARGE_ENDPOINT, "{}", "amount", "12a").unwrap();
        assert_eq!(out, r#"{"amount":"12a"}"#);
        let report = konaplate_core::validate(&CHARGE_ENDPOINT, &[] as &[(&str, &str)], &out, None);
        assert!(report.violations.iter().any(|v| v.location == "$.amount"));
    }

    #[test]
    fn an_empty_text_removes_the_field_and_a_new_one_is_appended() {
        let out = with_field(&CANCEL_ENDPOINT, r#"{"sequenceId":"S","nrNumber":"N"}"#, "sequenceId", "").unwrap();
        assert_eq!(out, r#"{"nrNumber":"N"}"#);
        let out = with_field(&CANCEL_ENDPOINT, &out, "userId", "7").unwrap();
        assert_eq!(out, r#"{"nrNumber":"N","userId":7}"#);
    }

    #[test]
    fn the_form_refuses_what_it_could_not_rewrite_losslessly() {
        assert_eq!(field_texts(&CHARGE_ENDPOINT, "{").unwrap_err(), Blocked::NotJson);
        assert_eq!(field_texts(&CHARGE_ENDPOINT, "[1]").unwrap_err(), Blocked::NotObject);
        assert_eq!(with_field(&CHARGE_ENDPOINT, r#"{"a":1,"a":2}"#, "amount", "1").unwrap_err(), Blocked::DuplicateKey);
    }
}
