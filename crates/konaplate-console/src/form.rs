//! The form view of a body, for any operation: one control per documented field, nested
//! objects as groups, arrays with items to add and remove, enums and booleans as selects,
//! optional fields that can be set to null. It is kept in sync with the raw JSON both ways,
//! losslessly: the form is derived from the raw body on every render ([`rows`]) and every edit
//! rewrites the raw body at one place ([`edit`]). Numbers travel as their exact JSON text
//! (serde_json's `arbitrary_precision`), so a 19-digit id is never a float on either side.

mod edit;
mod pointer;
mod rows;

pub use edit::Edit;
pub use rows::{Kind, Row};

use konaplate_core::catalog::Field;
use konaplate_core::json;
use serde_json::{Map, Value};

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

/// The form's rows for `fields` (an operation's request fields) over the raw body.
pub fn rows(fields: &'static [Field], body: &str) -> Result<Vec<Row>, Blocked> {
    Ok(rows::rows(fields, &object(body)?))
}

/// The form's rows for an empty body: the documented fields without values.
pub fn blank_rows(fields: &'static [Field]) -> Vec<Row> {
    rows::rows(fields, &Map::new())
}

/// The raw body with `edit` made at `pointer` (a JSON pointer into the body, as a row has it).
/// A pointer that names no documented field, or a place the JSON does not have (an item that is
/// gone), leaves the body exactly as it was.
pub fn edit(fields: &'static [Field], body: &str, pointer: &str, edit: &Edit) -> Result<String, Blocked> {
    let mut root = Value::Object(object(body)?);
    let changed = pointer::resolve(fields, pointer).and_then(|place| edit::apply(&mut root, &place, edit));
    Ok(match changed {
        Some(()) => serde_json::to_string(&root).unwrap_or_default(),
        None => body.to_string(),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use konaplate_core::catalog::{load, Endpoint, CHARGE_ENDPOINT};
    use std::sync::OnceLock;

    /// `createOrder` of testdata/foreign-openapi.json (nested objects, an array of objects, an
    /// enum, a boolean, a 19-digit id), loaded once.
    pub fn foreign() -> &'static Endpoint {
        static OP: OnceLock<&'static Endpoint> = OnceLock::new();
        OP.get_or_init(|| {
            let doc = load::load(include_str!("../../../testdata/foreign-openapi.json")).unwrap();
            doc.operation("createOrder").unwrap()
        })
    }

    pub const ORDER: &str = r#"{"orderId":9999999999999999999,"channel":"APP","orderDate":"20261202","buyer":{"name":"Kona","address":{"zip":"06236"}},"items":[{"sku":"SKU-1","quantity":2,"price":1500.50}]}"#;

    #[test]
    fn the_form_refuses_what_it_could_not_rewrite_losslessly() {
        assert_eq!(rows(CHARGE_ENDPOINT.request, "{").unwrap_err(), Blocked::NotJson);
        assert_eq!(rows(CHARGE_ENDPOINT.request, "[1]").unwrap_err(), Blocked::NotObject);
        let nested_repeat = r#"{"items":[{"sku":"A","sku":"B"}]}"#;
        assert_eq!(rows(foreign().request, nested_repeat).unwrap_err(), Blocked::DuplicateKey);
        assert_eq!(edit(foreign().request, nested_repeat, "/gift", &Edit::Null(true)), Err(Blocked::DuplicateKey));
    }

    #[test]
    fn form_and_raw_json_round_trip_every_row() {
        // Writing each row's own text back changes nothing: what the form shows is what the JSON holds.
        let rows = rows(foreign().request, ORDER).unwrap();
        for row in
            rows.iter().filter(|r| matches!(r.kind, Kind::Text { .. } | Kind::Choice { .. }) && !r.text.is_empty())
        {
            assert_eq!(
                edit(foreign().request, ORDER, &row.pointer, &Edit::Text(row.text.clone())).unwrap(),
                ORDER,
                "{}",
                row.pointer
            );
        }
        assert_eq!(blank_rows(foreign().request).iter().filter(|r| r.depth == 0).count(), foreign().request.len());
    }
}
