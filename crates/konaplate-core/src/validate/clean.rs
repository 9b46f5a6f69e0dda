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

use super::body::{check_number, check_text};
use crate::catalog::{Endpoint, Field, FieldType};

/// Whether `body` has no violation at all for `endpoint` (`false` also when unsure).
pub fn is_clean(endpoint: &Endpoint, body: &str) -> bool {
    // A plain body of an Encrypted operation gets a note; an `encData` body is checked apart.
    if endpoint.encrypted {
        return false;
    }
    let mut de = serde_json::Deserializer::from_str(body);
    Object { fields: endpoint.request }.deserialize(&mut de).is_ok() && de.end().is_ok()
}

/// Gives up (the full validator decides). The message is never shown.
fn give_up<E: Error>() -> E {
    E::custom("")
}

/// An object with these fields: each known key once, every required one present, no other key.
struct Object {
    fields: &'static [Field],
}

impl<'de> DeserializeSeed<'de> for Object {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Object {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // Which fields were seen, one bit each (more fields than bits: let the full path decide).
        if self.fields.len() > 64 {
            return Err(give_up());
        }
        let mut seen = 0u64;
        while let Some(index) = map.next_key_seed(Key { fields: self.fields })? {
            let bit = 1u64 << index;
            if seen & bit != 0 {
                return Err(give_up());
            }
            seen |= bit;
            map.next_value_seed(Value { field: &self.fields[index] })?;
        }
        let missing = self.fields.iter().enumerate().any(|(i, f)| f.required && seen & (1 << i) == 0);
        if missing {
            return Err(give_up());
        }
        Ok(())
    }
}

/// A key, as the index of its field (an unknown key gives up).
struct Key {
    fields: &'static [Field],
}

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: Error>(self, key: &str) -> Result<usize, E> {
        self.fields.iter().position(|f| f.name == key).ok_or_else(give_up)
    }
}

/// One field's value, checked by the same functions the full validator uses.
struct Value {
    field: &'static Field,
}

impl<'de> DeserializeSeed<'de> for Value {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        // `const` compares whole values; `null` (absent, nullable or wrong) is the full path's.
        if self.field.constant.is_some() {
            return Err(give_up());
        }
        match self.field.ty {
            FieldType::String { .. } => deserializer.deserialize_str(self),
            ty @ (FieldType::Integer { .. } | FieldType::Number { .. }) => {
                // `arbitrary_precision`: the number's exact text, borrowed.
                let number = <serde_json::Number as serde::Deserialize>::deserialize(deserializer)?;
                let mut found = Vec::new();
                let integer = matches!(ty, FieldType::Integer { .. });
                check_number("", number.as_str(), integer, ty.bounds(), &mut found);
                if found.is_empty() {
                    Ok(())
                } else {
                    Err(give_up())
                }
            }
            FieldType::Boolean => deserializer.deserialize_bool(self),
            FieldType::Null => Err(give_up()),
            FieldType::Object { fields, .. } => Object { fields }.deserialize(deserializer),
            FieldType::Array { items, min_items, max_items } => {
                deserializer.deserialize_seq(Items { items, min_items, max_items })
            }
        }
    }
}

impl<'de> Visitor<'de> for Value {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value of the field's type")
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<(), E> {
        let mut found = Vec::new();
        check_text("", s, self.field.ty, &mut found);
        if found.is_empty() {
            Ok(())
        } else {
            Err(give_up())
        }
    }

    fn visit_bool<E: Error>(self, _: bool) -> Result<(), E> {
        match self.field.ty {
            FieldType::Boolean => Ok(()),
            _ => Err(give_up()),
        }
    }
}

/// An array's items, each against `items`, and their count against the bounds.
struct Items {
    items: &'static Field,
    min_items: usize,
    max_items: usize,
}

impl<'de> Visitor<'de> for Items {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut count = 0usize;
        while seq.next_element_seed(Value { field: self.items })?.is_some() {
            count += 1;
        }
        if (self.min_items..=self.max_items).contains(&count) {
            Ok(())
        } else {
            Err(give_up())
        }
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
