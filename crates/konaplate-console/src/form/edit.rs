//! One edit made in the form, applied to the raw JSON: the body is rewritten with only that
//! place changed (other members, unknown ones included, keep their values, digits and order).

use konaplate_core::catalog::{Field, FieldType};
use serde_json::Value;

use super::pointer::{Place, Step};

/// What the user did to one place of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// A text input's text or a select's value. An empty text removes an object's member.
    Text(String),
    /// The null checkbox: on writes `null`; off removes the member (an item gets a blank value).
    Null(bool),
    /// Append a blank item to the array here (created if absent or null).
    Add,
    /// Remove the array item here.
    Remove,
}

/// The JSON value a control's text stands for, given the field's type: a number's text stays a
/// number (exact digits), `true`/`false` a boolean where one is documented, anything else a
/// string, so a wrong type shows up as a validation error instead of vanishing. An object or
/// array field shown as JSON text (its value was of another shape) takes JSON.
pub fn value_of(ty: FieldType, text: &str) -> Value {
    match ty {
        FieldType::Integer { .. } | FieldType::Number { .. } => match konaplate_core::json::read(text.trim()) {
            Ok(Value::Number(n)) => Value::Number(n),
            _ => Value::String(text.to_string()),
        },
        FieldType::Boolean => match text.trim() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(text.to_string()),
        },
        FieldType::String { .. } => Value::String(text.to_string()),
        FieldType::Object { .. } | FieldType::Array { .. } | FieldType::Null => {
            konaplate_core::json::read(text).unwrap_or_else(|_| Value::String(text.to_string()))
        }
    }
}

/// A new array item for the user to fill: empty (an object without members, an empty string)
/// where the document has no obvious start, the first value of an enum, `false` for a boolean.
/// Validation then lists what the item still needs.
fn blank(field: &Field) -> Value {
    match field.ty {
        FieldType::Object { .. } => Value::Object(Default::default()),
        FieldType::Array { .. } => Value::Array(Vec::new()),
        FieldType::Boolean => Value::Bool(false),
        FieldType::Null => Value::Null,
        FieldType::String { allowed, .. } if !allowed.is_empty() => Value::from(allowed[0]),
        _ => Value::from(""),
    }
}

/// The value at `steps` under `root`, creating absent (or null) objects and arrays on the way
/// as the document types them. `None` where the JSON has another shape or no such item.
fn reach<'v>(root: &'v mut Value, steps: &[(Step, &'static Field)]) -> Option<&'v mut Value> {
    let mut here = root;
    for (step, field) in steps {
        here = match step {
            Step::Key(key) => {
                let members = here.as_object_mut()?;
                if members.get(key).is_none_or(Value::is_null) {
                    let made = match field.ty {
                        FieldType::Array { .. } => Value::Array(Vec::new()),
                        _ => Value::Object(Default::default()),
                    };
                    members.insert(key.clone(), made);
                }
                members.get_mut(key)?
            }
            Step::Index(i) => here.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(here)
}

/// Applies `edit` at `place` to `root`. `None`: the JSON there has another shape than the form
/// showed (nothing is changed then, except absent parents made on the way).
pub fn apply(root: &mut Value, place: &Place, edit: &Edit) -> Option<()> {
    let (step, field) = place.steps.last()?;
    if *edit == Edit::Add {
        let FieldType::Array { items, .. } = field.ty else { return None };
        reach(root, &place.steps)?.as_array_mut()?.push(blank(items));
        return Some(());
    }
    let parent = reach(root, &place.steps[..place.steps.len() - 1])?;
    let value = match (edit, step) {
        (Edit::Remove, Step::Index(i)) => {
            let list = parent.as_array_mut()?;
            (*i < list.len()).then(|| list.remove(*i))?;
            return Some(());
        }
        (Edit::Remove | Edit::Add, _) => return None,
        (Edit::Null(false), Step::Key(key)) => {
            parent.as_object_mut()?.shift_remove(key);
            return Some(());
        }
        (Edit::Text(text), Step::Key(key)) if text.is_empty() => {
            parent.as_object_mut()?.shift_remove(key);
            return Some(());
        }
        (Edit::Null(false), Step::Index(_)) => blank(field),
        (Edit::Null(true), _) => Value::Null,
        (Edit::Text(text), _) => value_of(field.ty, text),
    };
    match step {
        // An existing member keeps its position (serde_json's map preserves order).
        Step::Key(key) => {
            parent.as_object_mut()?.insert(key.clone(), value);
        }
        Step::Index(i) => *parent.as_array_mut()?.get_mut(*i)? = value,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::tests::{foreign, ORDER};
    use crate::form::{edit, Blocked};
    use konaplate_core::catalog::CHARGE_ENDPOINT;

    fn order(pointer: &str, e: Edit) -> String {
        edit(foreign().request, ORDER, pointer, &e).unwrap()
    }

    #[test]
    fn a_nested_text_changes_only_its_place_with_exact_digits() {
        let out = order("/buyer/address/zip", Edit::Text("04524".into()));
        assert_eq!(out, ORDER.replace("06236", "04524"));
        let out = order("/items/0/price", Edit::Text("12345678901234567890.10".into()));
        assert_eq!(out, ORDER.replace("1500.50", "12345678901234567890.10"));
        let out = order("/orderId", Edit::Text("1234567890123456789".into()));
        assert_eq!(out, ORDER.replace("9999999999999999999", "1234567890123456789"));
    }

    #[test]
    fn items_are_added_blank_and_removed() {
        let added = order("/items", Edit::Add);
        assert!(added.ends_with(r#"{"sku":"SKU-1","quantity":2,"price":1500.50},{}]}"#), "{added}");
        let filled = edit(foreign().request, &added, "/items/1/sku", &Edit::Text("SKU-2".into())).unwrap();
        let filled = edit(foreign().request, &filled, "/items/1/quantity", &Edit::Text("3".into())).unwrap();
        assert!(filled.ends_with(r#"{"sku":"SKU-2","quantity":3}]}"#), "{filled}");
        let removed = edit(foreign().request, &filled, "/items/0", &Edit::Remove).unwrap();
        assert!(removed.ends_with(r#""items":[{"sku":"SKU-2","quantity":3}]}"#), "{removed}");
        let none = edit(foreign().request, r#"{"gift":true}"#, "/items", &Edit::Add).unwrap();
        assert_eq!(none, r#"{"gift":true,"items":[{}]}"#, "an absent array is created");
    }

    #[test]
    fn a_field_in_an_absent_object_creates_the_object() {
        let out = edit(foreign().request, "{}", "/buyer/address/zip", &Edit::Text("06236".into())).unwrap();
        assert_eq!(out, r#"{"buyer":{"address":{"zip":"06236"}}}"#);
    }

    #[test]
    fn enums_and_booleans_take_their_choice_and_empty_removes() {
        assert!(order("/channel", Edit::Text("KIOSK".into())).contains(r#""channel":"KIOSK""#));
        assert!(order("/gift", Edit::Text("true".into())).ends_with(r#","gift":true}"#));
        assert!(!order("/channel", Edit::Text(String::new())).contains("channel"));
    }

    #[test]
    fn null_is_set_and_cleared() {
        let out = order("/gift", Edit::Null(true));
        assert!(out.ends_with(r#","gift":null}"#), "{out}");
        assert_eq!(edit(foreign().request, &out, "/gift", &Edit::Null(false)).unwrap(), ORDER);
        let out = order("/buyer", Edit::Null(true));
        assert!(out.contains(r#""buyer":null,"#), "{out}");
        let out = edit(foreign().request, &out, "/buyer/name", &Edit::Text("K".into())).unwrap();
        assert!(
            out.contains(r#""buyer":{"name":"K"},"#),
            "editing inside a null object makes it an object again: {out}"
        );
    }

    #[test]
    fn a_place_the_json_does_not_have_leaves_the_body_as_it_was() {
        let body = r#"{ "items": "not an array" }"#;
        assert_eq!(edit(foreign().request, body, "/items/0/sku", &Edit::Text("x".into())).unwrap(), body);
        assert_eq!(edit(foreign().request, body, "/items/0", &Edit::Remove).unwrap(), body);
        assert_eq!(edit(foreign().request, ORDER, "/items/5", &Edit::Remove).unwrap(), ORDER);
        assert_eq!(edit(foreign().request, ORDER, "/nope", &Edit::Text("x".into())).unwrap(), ORDER);
        assert_eq!(edit(foreign().request, ORDER, "/buyer", &Edit::Remove).unwrap(), ORDER);
    }

    #[test]
    fn a_value_of_another_shape_is_edited_as_json_text() {
        let out =
            edit(foreign().request, r#"{"items":"x"}"#, "/items", &Edit::Text(r#"[{"sku":"A"}]"#.into())).unwrap();
        assert_eq!(out, r#"{"items":[{"sku":"A"}]}"#);
    }

    #[test]
    fn the_flat_form_behaves_as_before() {
        let body = r#"{"sequenceId":"S-1","userId":1234567890123456789,"extra":{"a":1.50},"amount":1}"#;
        let out = edit(CHARGE_ENDPOINT.request, body, "/userId", &Edit::Text("9999999999999999999".into())).unwrap();
        assert_eq!(out, r#"{"sequenceId":"S-1","userId":9999999999999999999,"extra":{"a":1.50},"amount":1}"#);
        let out = edit(CHARGE_ENDPOINT.request, "{}", "/amount", &Edit::Text("12a".into())).unwrap();
        assert_eq!(out, r#"{"amount":"12a"}"#);
        let report = konaplate_core::validate(&CHARGE_ENDPOINT, &[] as &[(&str, &str)], &out, None);
        assert!(report.violations.iter().any(|v| v.location == "$.amount"));
        let err = edit(CHARGE_ENDPOINT.request, r#"{"a":1,"a":2}"#, "/amount", &Edit::Text("1".into()));
        assert_eq!(err, Err(Blocked::DuplicateKey));
    }
}
