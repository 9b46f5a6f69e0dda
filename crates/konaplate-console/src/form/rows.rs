//! The form as rows: one per documented field of the body, depth first (an object's fields and
//! an array's items follow it, one level deeper), each with the control that edits it and the
//! value it shows, read from the raw JSON. The view builds its elements from these rows and
//! rebuilds only when their shape changes (an item added, an object set to null).

use konaplate_core::catalog::{Field, FieldType};
use konaplate_core::json;
use serde_json::{Map, Value};

use super::pointer::child;

/// The control a row shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A text input: a string or a number (`numeric`), or a value that is not of the documented
    /// shape, shown as compact JSON (an array written as a string, say) so that nothing is hidden.
    Text { numeric: bool },
    /// A select: an enum's values or `true`/`false`, after `""` (absent) unless the row is an
    /// array item; a value outside them is listed too, so the select shows what the JSON holds.
    Choice { options: Vec<String> },
    /// A nested object: its fields follow, one level deeper (none while it is null).
    Group,
    /// An array: its items follow, one level deeper.
    List,
}

/// One documented field (or array item) in the form.
#[derive(Debug, PartialEq, Eq)]
pub struct Row {
    /// Where it is in the body (a JSON pointer): what its controls carry as `data-path`.
    pub pointer: String,
    pub depth: usize,
    /// The documented name, or `items[0]` for an array's item.
    pub label: String,
    pub field: &'static Field,
    pub kind: Kind,
    /// It offers a null checkbox: an optional field, one the document lets be null
    /// (`type: ["string", "null"]`, `type: "null"`), or one whose value is null now.
    pub nullable: bool,
    /// An array item: it has a Remove button.
    pub item: bool,
    /// What a text input or a select shows (`""` when absent or null).
    pub text: String,
    /// The value is `null`.
    pub null: bool,
    /// An array at its `maxItems`: Add is off.
    pub full: bool,
}

impl Row {
    /// Whether the two rows need the same elements (values aside).
    pub fn same_shape(&self, other: &Row) -> bool {
        (&self.pointer, &self.kind, self.nullable, self.item)
            == (&other.pointer, &other.kind, other.nullable, other.item)
    }
}

/// The text a control shows for a JSON value: strings unquoted, numbers as their exact digits,
/// anything else as compact JSON (so nothing is hidden).
pub fn text_of(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => json::number_text(n).to_string(),
        Value::Bool(b) => b.to_string(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// The rows for `fields` (an operation's request fields) over the body's top-level object.
pub fn rows(fields: &'static [Field], body: &Map<String, Value>) -> Vec<Row> {
    let mut out = Vec::new();
    for field in fields {
        let at = Slot { pointer: child("", field.name), label: field.name.to_string(), depth: 0, item: false };
        push(&mut out, field, at, body.get(field.name));
    }
    out
}

/// Where a row goes.
struct Slot {
    pointer: String,
    label: String,
    depth: usize,
    item: bool,
}

/// A select's options: `""` (absent) unless an item, the values, and `text` if it is not one.
fn choice(values: &[&str], item: bool, text: &str) -> Kind {
    let mut options = Vec::with_capacity(values.len() + 2);
    if !item {
        options.push(String::new());
    }
    for value in values {
        options.push(value.to_string());
    }
    if !options.iter().any(|o| o == text) {
        options.push(text.to_string());
    }
    Kind::Choice { options }
}

fn push(out: &mut Vec<Row>, field: &'static Field, at: Slot, value: Option<&Value>) {
    let null = matches!(value, Some(Value::Null));
    // A field whose type list has null (or whose type is null) offers it wherever it is.
    let documented_null = field.nullable || matches!(field.ty, FieldType::Null);
    let nullable = null || documented_null || (!field.required && !at.item);
    // An object's members or an array's items, when the value has the documented shape.
    let members = match (field.ty, value) {
        (FieldType::Object { .. }, None | Some(Value::Null | Value::Object(_))) => Some(Kind::Group),
        (FieldType::Array { .. }, None | Some(Value::Null | Value::Array(_))) => Some(Kind::List),
        _ => None,
    };
    let list = value.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let nested = members.is_some();
    let (kind, text) = match members {
        Some(kind) => (kind, String::new()),
        None => {
            let text = value.map(text_of).unwrap_or_default();
            let kind = match field.ty {
                FieldType::String { allowed, .. } if !allowed.is_empty() => choice(allowed, at.item, &text),
                FieldType::Boolean => choice(&["true", "false"], at.item, &text),
                FieldType::Integer { .. } | FieldType::Number { .. } => Kind::Text { numeric: true },
                _ => Kind::Text { numeric: false },
            };
            (kind, text)
        }
    };
    let full = matches!(field.ty, FieldType::Array { max_items, .. } if list.len() >= max_items);
    let depth = at.depth + 1;
    let (pointer, label) = (at.pointer.clone(), at.label.clone());
    out.push(Row {
        pointer: at.pointer,
        depth: at.depth,
        label: at.label,
        field,
        kind,
        nullable,
        item: at.item,
        text,
        null,
        full,
    });
    match field.ty {
        _ if !nested || null => {}
        FieldType::Object { fields, .. } => {
            let object = value.and_then(Value::as_object);
            for f in fields {
                let slot = Slot { pointer: child(&pointer, f.name), label: f.name.into(), depth, item: false };
                push(out, f, slot, object.and_then(|m| m.get(f.name)));
            }
        }
        FieldType::Array { items, .. } => {
            for (i, v) in list.iter().enumerate() {
                let slot = Slot {
                    pointer: child(&pointer, &i.to_string()),
                    label: format!("{label}[{i}]"),
                    depth,
                    item: true,
                };
                push(out, items, slot, Some(v));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::tests::{foreign, ORDER};
    use konaplate_core::catalog::CHARGE_ENDPOINT;

    fn rows_of(body: &str) -> Vec<Row> {
        rows(foreign().request, json::read(body).unwrap().as_object().unwrap())
    }

    fn summary(rows: &[Row]) -> Vec<(String, usize, String)> {
        rows.iter().map(|r| (r.pointer.clone(), r.depth, r.text.clone())).collect()
    }

    #[test]
    fn every_documented_field_is_a_row_depth_first_with_exact_digits() {
        let rows = rows_of(ORDER);
        let expected: Vec<(String, usize, String)> = [
            ("/orderId", 0, "9999999999999999999"),
            ("/channel", 0, "APP"),
            ("/orderDate", 0, "20261202"),
            ("/buyer", 0, ""),
            ("/buyer/name", 1, "Kona"),
            ("/buyer/address", 1, ""),
            ("/buyer/address/zip", 2, "06236"),
            ("/items", 0, ""),
            ("/items/0", 1, ""),
            ("/items/0/sku", 2, "SKU-1"),
            ("/items/0/quantity", 2, "2"),
            ("/items/0/price", 2, "1500.50"),
            ("/couponCode", 0, ""),
            ("/discountRate", 0, ""),
            ("/priority", 0, ""),
            ("/currency", 0, ""),
            ("/formatVersion", 0, ""),
            ("/gift", 0, ""),
        ]
        .iter()
        .map(|(p, d, t)| (p.to_string(), *d, t.to_string()))
        .collect();
        assert_eq!(summary(&rows), expected);
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels[8], "items[0]");
        assert!(rows[8].item && !rows[8].nullable && rows[8].kind == Kind::Group);
    }

    #[test]
    fn enums_and_booleans_are_choices_and_optional_fields_offer_null() {
        let rows = rows_of(ORDER);
        let by = |p: &str| rows.iter().find(|r| r.pointer == p).unwrap();
        assert_eq!(
            by("/channel").kind,
            Kind::Choice { options: vec!["".into(), "APP".into(), "WEB".into(), "KIOSK".into()] }
        );
        assert_eq!(by("/gift").kind, Kind::Choice { options: vec!["".into(), "true".into(), "false".into()] });
        assert_eq!(by("/orderId").kind, Kind::Text { numeric: true });
        assert!(by("/gift").nullable && by("/items/0/price").nullable);
        assert!(!by("/orderId").nullable && !by("/buyer").nullable);
    }

    #[test]
    fn a_nullable_field_offers_null_even_when_required_and_shows_its_null() {
        let doc = konaplate_core::catalog::load::load(
            r##"{"openapi":"3.1.0","paths":{"/n":{"post":{"operationId":"n","requestBody":{"content":{"application/json":{"schema":{"type":"object","required":["memo","none","plain","list"],"properties":{"memo":{"type":["string","null"]},"none":{"type":"null"},"plain":{"type":"string"},"list":{"type":"array","items":{"type":["integer","null"]}}}}}}}}}}}"##,
        )
        .unwrap();
        let fields = doc.operations[0].request;
        let rows =
            rows(fields, json::read(r#"{"memo":null,"plain":"p","list":[1,null]}"#).unwrap().as_object().unwrap());
        let by = |p: &str| rows.iter().find(|r| r.pointer == p).unwrap();
        assert!(by("/memo").nullable && by("/memo").null && by("/memo").text.is_empty());
        assert!(by("/none").nullable && !by("/none").null, "absent: the checkbox offers null");
        assert!(!by("/plain").nullable, "a required field without null in its type");
        assert!(by("/list/1").nullable && by("/list/1").null && by("/list/0").nullable && !by("/list/0").null);
        let out = crate::form::edit(fields, r#"{"memo":"x"}"#, "/none", &crate::form::edit::Edit::Null(true));
        assert_eq!(out.unwrap(), r#"{"memo":"x","none":null}"#);
        assert_eq!(crate::form::edit::value_of(fields[1].ty, "null"), Value::Null);
    }

    #[test]
    fn a_value_outside_the_choices_is_listed_and_null_hides_an_objects_fields() {
        let body = ORDER
            .replace(r#""channel":"APP""#, r#""channel":"FAX""#)
            .replace(r#""buyer":{"name":"Kona","address":{"zip":"06236"}}"#, r#""buyer":null,"gift":"maybe""#);
        let rows = rows_of(&body);
        let by = |p: &str| rows.iter().find(|r| r.pointer == p).unwrap();
        assert!(matches!(&by("/channel").kind, Kind::Choice { options } if options.last().unwrap() == "FAX"));
        assert_eq!(by("/channel").text, "FAX");
        assert!(by("/buyer").null && by("/buyer").nullable, "a required field that is null offers to un-null it");
        assert!(!rows.iter().any(|r| r.pointer.starts_with("/buyer/")));
    }

    #[test]
    fn a_value_of_another_shape_is_a_text_row_of_its_json_and_absent_objects_show_their_fields() {
        let rows = rows_of(r#"{"items":"[1]","buyer":{}}"#);
        let by = |p: &str| rows.iter().find(|r| r.pointer == p).unwrap();
        assert_eq!((by("/items").kind.clone(), by("/items").text.as_str()), (Kind::Text { numeric: false }, "[1]"));
        assert_eq!(by("/buyer/address/zip").text, "");
        assert!(rows.iter().any(|r| r.pointer == "/buyer/address"));
    }

    #[test]
    fn an_array_at_max_items_is_full() {
        let items = [r#"{"sku":"A","quantity":1}"#; 20].join(",");
        let rows = rows_of(&format!(r#"{{"items":[{items}]}}"#));
        assert!(rows.iter().find(|r| r.pointer == "/items").unwrap().full);
        assert!(!rows_of(ORDER).iter().find(|r| r.pointer == "/items").unwrap().full);
    }

    #[test]
    fn the_flat_charge_form_is_one_text_row_per_field() {
        let body = json::read(konaplate_core::catalog::SCENARIOS[0].body).unwrap();
        let rows = rows(CHARGE_ENDPOINT.request, body.as_object().unwrap());
        assert_eq!(rows.len(), CHARGE_ENDPOINT.request.len());
        assert!(rows.iter().all(|r| r.depth == 0 && matches!(r.kind, Kind::Text { .. })));
    }
}
