//! The happy path of body validation: one pass over the text with the JSON reader
//! ([`crate::json::Reader`]), checking each value against its field as it is read, with no
//! tree, no copied key or string (unless escaped), and no violation built. It only answers
//! "this body has no violation at all"; anything else (a broken rule, a syntax error, a
//! repeated or unknown key, a `null`, a `const`, an Encrypted operation) gives up, and
//! [`super::validate_body`] runs the full validator, which words every violation. So the answer
//! for any body is the full validator's, only sooner when there is nothing to say:
//! `tests/properties.rs` and the `validate` fuzz target hold [`is_clean`] to "implies no
//! violation", and the tests below to "taken" for the catalog's valid bodies.

use super::body::check_text;
use crate::catalog::{Endpoint, Field, FieldType};
use crate::json::{Reader, Token};

/// Whether `body` has no violation at all for `endpoint` (`false` also when unsure).
pub fn is_clean(endpoint: &Endpoint, body: &str) -> bool {
    // A plain body of an Encrypted operation gets a note; an `encData` body is checked apart.
    if endpoint.encrypted {
        return false;
    }
    let mut reader = Reader::new(body);
    matches!(reader.value(), Ok(Token::Object))
        && members_are_clean(&mut reader, endpoint.request)
        && reader.end().is_ok()
}

/// The members of an object whose `{` was read: each known key once, every required one
/// present, no other.
fn members_are_clean(reader: &mut Reader, fields: &'static [Field]) -> bool {
    // Which fields were seen, one bit each (more fields than bits: let the full path decide).
    if fields.len() > 64 {
        return false;
    }
    let (mut seen, mut first) = (0u64, true);
    loop {
        let key = match reader.next_key(first) {
            Ok(Some(key)) => key,
            Ok(None) => break,
            Err(_) => return false,
        };
        first = false;
        let Some(index) = fields.iter().position(|f| f.name == key) else {
            return false;
        };
        let bit = 1u64 << index;
        if seen & bit != 0 || !value_is_clean(reader, &fields[index]) {
            return false;
        }
        seen |= bit;
    }
    !fields.iter().enumerate().any(|(i, f)| f.required && seen & (1 << i) == 0)
}

/// The next value, read whole, fits `field` (checked by the same functions the full validator
/// uses).
fn value_is_clean(reader: &mut Reader, field: &'static Field) -> bool {
    // `const` compares whole values; `null` (absent, nullable or wrong) is the full path's.
    if field.constant.is_some() {
        return false;
    }
    let Ok(token) = reader.value() else {
        return false;
    };
    match (token, field.ty) {
        (Token::String(text), FieldType::String { .. }) => {
            let mut found = Vec::new();
            check_text("", &text, field.ty, &mut found);
            found.is_empty()
        }
        // `check_number`'s test, without building the violation it would report.
        (Token::Number(text), FieldType::Integer { .. } | FieldType::Number { .. }) => {
            let integer = matches!(field.ty, FieldType::Integer { .. });
            crate::number::check_bounds(&text, integer, field.ty.bounds()).is_none()
        }
        (Token::Bool(_), FieldType::Boolean) => true,
        (Token::Array, FieldType::Array { items, min_items, max_items }) => {
            let mut count = 0usize;
            loop {
                match reader.next_item(count == 0) {
                    Ok(true) if value_is_clean(reader, items) => count += 1,
                    Ok(false) => return (min_items..=max_items).contains(&count),
                    _ => return false,
                }
            }
        }
        (Token::Object, FieldType::Object { fields, .. }) => members_are_clean(reader, fields),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CHARGE_ENDPOINT, SCENARIOS, TEST_DATA};
    use crate::validate::validate_body_value;

    fn full_path_finds_nothing(endpoint: &Endpoint, body: &str) -> bool {
        validate_body_value(endpoint, body).0.is_empty()
    }

    /// The fast path is taken for the catalog's valid bodies (else the benchmarks would measure
    /// the full path and nobody would notice).
    #[test]
    fn the_catalogs_valid_bodies_take_the_fast_path() {
        let mut taken = 0;
        for s in SCENARIOS.iter().filter(|s| full_path_finds_nothing(&CHARGE_ENDPOINT, s.body)) {
            assert!(is_clean(&CHARGE_ENDPOINT, s.body), "{}: {}", s.id, s.body);
            taken += 1;
        }
        for case in TEST_DATA.iter() {
            let (endpoint, body) = (case.operation.endpoint(), case.body);
            if !endpoint.encrypted && full_path_finds_nothing(endpoint, body) {
                assert!(is_clean(endpoint, body), "{body}");
                taken += 1;
            }
        }
        assert!(taken >= 5, "only {taken} bodies took the fast path");
    }

    /// Whatever the fast path accepts, the full validator finds nothing in.
    #[test]
    fn clean_means_no_violation_on_near_misses() {
        let good = r#"{"sequenceId":"S1","userId":9999999999999999999,"amount":10000,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}"#;
        let charge = &CHARGE_ENDPOINT;
        assert!(is_clean(charge, good));
        let near_misses = [
            good.replace("10000", "0"),
            good.replace("10000", "1.0"),
            good.replace("10000", "1e3"),
            good.replace("10000", "\"10000\""),
            good.replace("10000", "null"),
            good.replace("\"123\"", "123"),
            good.replace("\"123\"", "\"12\""),
            good.replace("\"S1\"", "\"S\\u202e1\""),
            good.replace("\"S1\"", "\"\""),
            good.replace("9999999999999999999", "10000000000000000000"),
            good.replace(",\"dcvv\":\"123\"", ""),
            good.replace("{", "{\"amount\":1,"),
            good.replace("{", "{\"extra\":1,"),
            good.replace('}', ",}"),
            format!("{good} x"),
            format!("[{good}]"),
            good.replace("\"dcvv\"", "\"dc\\u0076v\""),
        ];
        for body in near_misses {
            assert!(!is_clean(charge, &body) || full_path_finds_nothing(charge, &body), "{body}");
            assert!(!full_path_finds_nothing(charge, &body) || body.contains("\\u0076"), "not a near miss: {body}");
        }
        // An escaped key names the same field: still clean.
        assert!(is_clean(charge, &good.replace("\"dcvv\"", "\"dc\\u0076v\"")));
    }
}
