//! Where a form control sits in the body: a JSON pointer (RFC 6901) such as `/buyer/address/zip`
//! or `/items/0/sku`, resolved against the operation's documented fields. The pointer is what a
//! control carries in the DOM (`data-path`); the resolution says which field each step is, so a
//! step is an array index only where the document has an array.

use konaplate_core::catalog::{Field, FieldType};

/// One resolved step: an object key or an array index, with the field documented there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A pointer resolved against the documented fields: every step with its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub steps: Vec<(Step, &'static Field)>,
}

/// The pointer of `child` under `parent` (`""` for the body itself): `/` then `child` with `~`
/// written `~0` and `/` written `~1`.
pub fn child(parent: &str, child: &str) -> String {
    let mut out = String::with_capacity(parent.len() + child.len() + 1);
    out.push_str(parent);
    out.push('/');
    for c in child.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// One segment unescaped; `None` for a `~` not followed by 0 or 1.
fn unescape(segment: &str) -> Option<String> {
    let mut out = Vec::with_capacity(segment.len());
    let mut bytes = segment.bytes();
    while let Some(b) = bytes.next() {
        let byte = if b != b'~' {
            b
        } else {
            match bytes.next()? {
                b'0' => b'~',
                b'1' => b'/',
                _ => return None,
            }
        };
        out.push(byte);
    }
    // Only ASCII bytes were replaced by ASCII bytes: still UTF-8.
    String::from_utf8(out).ok()
}

/// The unescaped segments of a pointer; `None` if it does not start with `/` or has a bad escape.
fn segments(pointer: &str) -> Option<Vec<String>> {
    pointer.strip_prefix('/')?.split('/').map(unescape).collect()
}

/// The place `pointer` names among `fields` (an operation's request fields), if it names a
/// documented one: keys are documented names, indexes step into documented arrays.
pub fn resolve(fields: &'static [Field], pointer: &str) -> Option<Place> {
    let mut steps = Vec::new();
    let mut level: &'static [Field] = fields;
    let mut array_items: Option<&'static Field> = None;
    for segment in segments(pointer)? {
        let (step, field) = match array_items.take() {
            // An index: digits only, no leading zero (RFC 6901).
            Some(items) => {
                let well_formed = segment == "0" || (!segment.starts_with('0') && !segment.is_empty());
                let index = segment.parse::<usize>().ok().filter(|_| well_formed)?;
                (Step::Index(index), items)
            }
            None => {
                let field = level.iter().find(|f| f.name == segment)?;
                (Step::Key(segment), field)
            }
        };
        level = &[];
        match field.ty {
            FieldType::Object { fields, .. } => level = fields,
            FieldType::Array { items, .. } => array_items = Some(items),
            _ => {}
        }
        steps.push((step, field));
    }
    (!steps.is_empty()).then_some(Place { steps })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::tests::foreign;

    #[test]
    fn pointers_resolve_through_nested_objects_and_arrays() {
        let op = foreign();
        let place = resolve(op.request, "/items/12/sku").unwrap();
        let steps: Vec<&Step> = place.steps.iter().map(|(s, _)| s).collect();
        assert_eq!(steps, [&Step::Key("items".into()), &Step::Index(12), &Step::Key("sku".into())]);
        let fields: Vec<&str> = place.steps.iter().map(|(_, f)| f.description.en).collect();
        assert_eq!(fields, ["Ordered items.", "One ordered item.", "Stock-keeping unit."]);
        let zip = resolve(op.request, "/buyer/address/zip").unwrap();
        assert_eq!(zip.steps.last().map(|(_, f)| f.name), Some("zip"));
    }

    #[test]
    fn undocumented_or_malformed_pointers_resolve_to_nothing() {
        let op = foreign();
        for bad in ["", "buyer", "/nope", "/buyer/nope", "/items/x", "/items/01", "/items/-1", "/orderId/0", "/a~2"] {
            assert_eq!(resolve(op.request, bad), None, "{bad}");
        }
    }

    #[test]
    fn names_with_slashes_and_tildes_round_trip() {
        assert_eq!(child("", "a/b~c"), "/a~1b~0c");
        assert_eq!(segments("/a~1b~0c/x").unwrap(), ["a/b~c", "x"]);
    }
}
