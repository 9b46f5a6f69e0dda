//! The happy path of body validation: one pass over the text with serde_json's streaming
//! `Deserializer`, checking each value against its field as it is read, with no `Value`, no
//! copied key or string, and no violation built. It only answers "this body has no violation
//! at all"; anything else (a broken rule, a syntax error, a repeated or unknown key, a `null`,
//! a `const`, an Encrypted operation) gives up, and [`super::validate_body`] runs the full
//! validator, which words every violation. So the answer for any body is the full validator's,
//! only sooner when there is nothing to say: `tests/properties.rs` and the `validate` fuzz
//! target hold [`is_clean`] to "implies no violation", and the tests below to "taken" for the
//! catalog's valid bodies.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};

use super::body::check_text;
use crate::catalog::{Endpoint, Field, FieldType};

/// Whether `body` has no violation at all for `endpoint` (`false` also when unsure).
pub fn is_clean(endpoint: &Endpoint, body: &str) -> bool {
    // A plain body of an Encrypted operation gets a note; an `encData` body is checked apart.
    if endpoint.encrypted {
        return false;
    }
    let mut de = serde_json::Deserializer::from_str(body);
    Expect::Object(endpoint.request).deserialize(&mut de).is_ok() && de.end().is_ok()
}

/// Gives up (the full validator decides). The message is never shown.
fn give_up<E: Error>() -> E {
    E::custom("")
}

/// What the next value must be. One visitor for all of them, asked only for "any value" and
/// answering every kind of value itself: no serde error that describes an unexpected value is
/// reachable, so none of its formatting is linked into the page (as `json::read`).
#[derive(Clone, Copy)]
enum Expect {
    /// An object with these fields: each known key once, every required one present, no other.
    Object(&'static [Field]),
    /// A key of an object with these fields; the value is its field's index.
    Key(&'static [Field]),
    /// One field's value, checked by the same functions the full validator uses.
    Field(&'static Field),
    /// The key of a number's one-entry map ([`crate::json::NUMBER_TOKEN`]: `arbitrary_precision` hands
    /// a number that is not a plain 64-bit integer to `visit_map` that way).
    NumberKey,
    /// A number's exact text, for a field of this type.
    Digits(FieldType),
}

/// Whether `ty` takes `number` (its exact text): the full validator's own check.
fn number_fits<E: Error>(ty: FieldType, number: &str) -> Result<usize, E> {
    let integer = match ty {
        FieldType::Integer { .. } => true,
        FieldType::Number { .. } => false,
        _ => return Err(give_up()),
    };
    // `check_number`'s test, without building the violation it would report.
    match crate::number::check_bounds(number, integer, ty.bounds()) {
        None => Ok(0),
        Some(_) => Err(give_up()),
    }
}

impl<'de> DeserializeSeed<'de> for Expect {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        if let Expect::Field(field) = self {
            // `const` compares whole values; `null` (absent, nullable or wrong) is the full path's.
            if field.constant.is_some() || matches!(field.ty, FieldType::Null) {
                return Err(give_up());
            }
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Expect {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value of the field's type")
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<usize, E> {
        match self {
            Expect::Key(fields) => fields.iter().position(|f| f.name == s).ok_or_else(give_up),
            Expect::NumberKey if s == crate::json::NUMBER_TOKEN => Ok(0),
            Expect::Field(field) if matches!(field.ty, FieldType::String { .. }) => {
                let mut found = Vec::new();
                check_text("", s, field.ty, &mut found);
                if found.is_empty() {
                    Ok(0)
                } else {
                    Err(give_up())
                }
            }
            Expect::Digits(ty) => number_fits(ty, s),
            _ => Err(give_up()),
        }
    }

    fn visit_bool<E: Error>(self, _: bool) -> Result<usize, E> {
        match self {
            Expect::Field(field) if matches!(field.ty, FieldType::Boolean) => Ok(0),
            _ => Err(give_up()),
        }
    }

    fn visit_u64<E: Error>(self, n: u64) -> Result<usize, E> {
        match self {
            Expect::Field(field) => number_fits(field.ty, itoa::Buffer::new().format(n)),
            _ => Err(give_up()),
        }
    }

    fn visit_i64<E: Error>(self, n: i64) -> Result<usize, E> {
        match self {
            Expect::Field(field) => number_fits(field.ty, itoa::Buffer::new().format(n)),
            _ => Err(give_up()),
        }
    }

    fn visit_f64<E: Error>(self, _: f64) -> Result<usize, E> {
        Err(give_up())
    }

    fn visit_unit<E: Error>(self) -> Result<usize, E> {
        Err(give_up())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let Expect::Field(Field { ty: FieldType::Array { items, min_items, max_items }, .. }) = self else {
            return Err(give_up());
        };
        let mut count = 0usize;
        while seq.next_element_seed(Expect::Field(items))?.is_some() {
            count += 1;
        }
        if (*min_items..=*max_items).contains(&count) {
            Ok(0)
        } else {
            Err(give_up())
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
        let fields: &'static [Field] = match self {
            Expect::Object(fields) => fields,
            Expect::Field(Field { ty: FieldType::Object { fields, .. }, .. }) => fields,
            Expect::Field(field) => {
                // A number that is not a plain 64-bit integer: its exact text.
                map.next_key_seed(Expect::NumberKey)?.ok_or_else(give_up)?;
                return map.next_value_seed(Expect::Digits(field.ty));
            }
            _ => return Err(give_up()),
        };
        // Which fields were seen, one bit each (more fields than bits: let the full path decide).
        if fields.len() > 64 {
            return Err(give_up());
        }
        let mut seen = 0u64;
        while let Some(index) = map.next_key_seed(Expect::Key(fields))? {
            let bit = 1u64 << index;
            if seen & bit != 0 {
                return Err(give_up());
            }
            seen |= bit;
            map.next_value_seed(Expect::Field(&fields[index]))?;
        }
        let missing = fields.iter().enumerate().any(|(i, f)| f.required && seen & (1 << i) == 0);
        if missing {
            return Err(give_up());
        }
        Ok(0)
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
