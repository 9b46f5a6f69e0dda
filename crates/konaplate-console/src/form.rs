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
    let (value, duplicates) = json::parse_with_duplicates(body).map_err(|_| Blocked::NotJson)?;
    if !duplicates.is_empty() {
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::tests::foreign;
    use super::*;
    use proptest::prelude::*;

    const KEYS: &[&str] = &[
        "orderId",
        "channel",
        "orderDate",
        "buyer",
        "name",
        "address",
        "zip",
        "items",
        "sku",
        "quantity",
        "price",
        "gift",
        "x",
    ];

    /// JSON of any shape at the foreign document's keys (and one unknown), nested, with big numbers.
    fn json() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            "-?[0-9]{1,25}(\\.[0-9]{1,3})?",
            "\"[a-z0-9~/]{0,8}\"",
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec((prop::sample::select(KEYS), inner), 0..5).prop_map(|pairs| {
                    let members: Vec<String> = pairs.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                    format!("{{{}}}", members.join(","))
                }),
            ]
        })
    }

    fn pointer() -> impl Strategy<Value = String> {
        let segment = prop_oneof![
            prop::sample::select(KEYS).prop_map(str::to_string),
            "[0-3]",
            Just("01".into()),
            Just("~2".into())
        ];
        prop::collection::vec(segment, 0..5).prop_map(|s| s.iter().map(|x| format!("/{x}")).collect())
    }

    fn an_edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            ".{0,12}".prop_map(Edit::Text),
            any::<bool>().prop_map(Edit::Null),
            Just(Edit::Add),
            Just(Edit::Remove)
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Any body, any pointer, any edit: no panic; the result is a JSON object, and what the
        /// form can show of it, it shows (rows are derived without error).
        #[test]
        fn edits_never_panic_and_keep_the_body_a_json_object(body in json(), at in pointer(), e in an_edit()) {
            let fields = foreign().request;
            let shown = rows(fields, &body);
            match edit(fields, &body, &at, &e) {
                Ok(out) => {
                    prop_assert!(shown.is_ok());
                    let value = json::read(&out).map_err(|_| TestCaseError::fail(format!("not JSON: {out}")))?;
                    prop_assert!(value.is_object());
                    prop_assert!(rows(fields, &out).is_ok());
                }
                Err(why) => prop_assert_eq!(Err(why), shown.map(|_| ())),
            }
        }

        /// Text typed into any text row of a string field is what that row shows afterwards,
        /// and every other row keeps its text.
        #[test]
        fn typed_text_is_shown_back_and_nothing_else_moves(body in json(), text in "[^\\x00]{1,12}", pick in any::<prop::sample::Index>()) {
            let fields = foreign().request;
            let Ok(before) = rows(fields, &body) else { return Ok(()) };
            let strings: Vec<&Row> = before
                .iter()
                .filter(|r| matches!(r.kind, Kind::Text { numeric: false }) && matches!(r.field.ty, konaplate_core::catalog::FieldType::String { .. }))
                .collect();
            if strings.is_empty() {
                return Ok(());
            }
            let row = strings[pick.index(strings.len())];
            let out = edit(fields, &body, &row.pointer, &Edit::Text(text.clone())).unwrap();
            let after = rows(fields, &out).unwrap();
            prop_assert_eq!(before.len(), after.len());
            for (a, b) in before.iter().zip(&after) {
                let expected = if a.pointer == row.pointer { text.as_str() } else { a.text.as_str() };
                prop_assert_eq!(b.text.as_str(), expected, "{} in {}", b.pointer, out);
            }
        }
    }
}
