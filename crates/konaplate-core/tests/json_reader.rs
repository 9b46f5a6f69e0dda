//! The JSON reader (`json::read`, `read_node`, `parse_with_duplicates`,
//! `parse_node_with_duplicates`) against serde_json on generated texts: the same value (numbers
//! compared on their exact text) or the same error (reason, line and column), and the same
//! repeated keys as a walk over serde_json's own `Deserializer` ([`serde_walk`]). One
//! exception: serde_json reads an object whose only key is its private
//! `"$serde_json::private::Number"` as a number; those texts are left out.
//! And `json::string` against `serde_json::to_string`.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt;

use konaplate_core::json::{parse_node_with_duplicates, parse_with_duplicates, read, read_node, Node, Value};
use proptest::prelude::*;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// JSON values with the odd corners: big and signed numbers, exponents, `-0`, escapes, nesting,
/// repeated keys, the `arbitrary_precision` number token as a key.
fn json_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,20})?([eE][+-]?[0-9]{1,3})?",
        Just("-0".to_string()),
        Just("18446744073709551616".to_string()),
        Just("-9223372036854775809".to_string()),
        "\"([a-zA-Z0-9 가-힣:,{}\\[\\]]|\\\\[\"\\\\/bfnrt]|\\\\u[0-9a-fA-F]{4}){0,12}\"",
        Just("\"$serde_json::private::Number\"".to_string()),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let key = prop_oneof![
            "\"[a-z]{0,3}\"",
            Just("\"$serde_json::private::Number\"".to_string()),
            Just("\"a\\u0000\"".to_string()),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((key, inner), 0..5).prop_map(|members| {
                let members: Vec<String> = members.into_iter().map(|(k, v)| format!("{k} : {v}")).collect();
                format!("{{ {} }}", members.join(",\n"))
            }),
        ]
    })
}

/// A valid text, or one broken by a cut, an inserted character or a removed one.
fn json_text() -> impl Strategy<Value = String> {
    (json_value(), 0usize..4, any::<prop::sample::Index>(), "[\\[\\]{}:,\"\\\\0-9a-z .eE+-]").prop_map(
        |(text, how, at, insert)| {
            let chars: Vec<char> = text.chars().collect();
            let at = at.index(chars.len() + 1);
            match how {
                0 => text,
                1 => chars[..at].iter().collect(),
                2 => chars[..at].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(&chars[at..]).collect(),
                _ if at < chars.len() => chars[..at].iter().chain(&chars[at + 1..]).collect(),
                _ => text,
            }
        },
    )
}

/// A `Value` as the `Node` it should read as (members in the `Value`'s order).
fn to_node(value: &Value) -> Node {
    match value {
        Value::Null => Node::Null,
        Value::Bool(b) => Node::Bool(*b),
        Value::Number(n) => Node::Number(n.as_str().to_string()),
        Value::String(s) => Node::String(s.clone()),
        Value::Array(items) => Node::Array(items.iter().map(to_node).collect()),
        Value::Object(members) => Node::Object(members.iter().map(|(k, v)| (k.clone(), to_node(v))).collect()),
    }
}

/// The repeated keys of `text` found by a walk over serde_json's `Deserializer` (the oracle):
/// each repeat's JSON path, named where it repeats, in reading order.
fn serde_walk(text: &str) -> Result<Vec<String>, serde_json::Error> {
    struct Walk<'a> {
        path: String,
        found: &'a mut Vec<String>,
    }
    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut i = 0;
            while seq.next_element_seed(Walk { path: format!("{}[{i}]", self.path), found: self.found })?.is_some() {
                i += 1;
            }
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                if key == "$serde_json::private::Number" {
                    return map.next_value::<serde::de::IgnoredAny>().map(|_| ());
                }
                let plain = !key.is_empty()
                    && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !key.starts_with(|c: char| c.is_ascii_digit());
                let path = if plain {
                    format!("{}.{key}", self.path)
                } else {
                    format!("{}[{}]", self.path, serde_json::to_string(&key).unwrap())
                };
                if !seen.insert(key) {
                    self.found.push(path.clone());
                }
                map.next_value_seed(Walk { path, found: self.found })?;
            }
            Ok(())
        }
    }
    let mut found = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    Walk { path: "$".into(), found: &mut found }.deserialize(&mut de)?;
    de.end()?;
    Ok(found)
}

/// serde_json's error as (reason, line, column).
fn parts(e: &serde_json::Error) -> (String, usize, usize) {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    (message.strip_suffix(&suffix).unwrap_or(&message).to_string(), e.line(), e.column())
}

fn agree(text: &str) -> Result<(), TestCaseError> {
    if text.contains("$serde_json::private::Number") {
        return Ok(());
    }
    let ours = read(text);
    match (&ours, serde_json::from_str::<Value>(text)) {
        (Ok(ours), Ok(theirs)) => prop_assert_eq!(ours, &theirs, "{}", text),
        (Err(ours), Err(theirs)) => {
            prop_assert_eq!((ours.message.clone(), ours.line, ours.column), parts(&theirs), "{}", text);
            prop_assert_eq!(ours.to_string(), theirs.to_string(), "{}", text);
        }
        (ours, theirs) => prop_assert!(false, "{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
    // The Node reader: the same value as a Node, the same errors.
    match (read_node(text), &ours) {
        (Ok(node), Ok(value)) => prop_assert_eq!(node, to_node(value), "{}", text),
        (Err(a), Err(b)) => prop_assert_eq!(&a, b, "{}", text),
        (node, value) => prop_assert!(false, "{text:?}: node {node:?}, value {value:?}"),
    }
    // The walks that note repeated keys: the same value, and serde_json's walk's repeats.
    let oracle = serde_walk(text);
    match (parse_with_duplicates(text), parse_node_with_duplicates(text), &ours) {
        (Ok((value, a)), Ok((node, b)), Ok(read)) => {
            prop_assert_eq!(&value, read, "{}", text);
            prop_assert_eq!(node, to_node(read), "{}", text);
            let expected = oracle.expect("serde_json read it");
            prop_assert_eq!(&a, &expected, "{}", text);
            prop_assert_eq!(&b, &expected, "{}", text);
        }
        (Err(a), Err(b), Err(read)) => {
            prop_assert_eq!(&a, read, "{}", text);
            prop_assert_eq!(&b, read, "{}", text);
        }
        (a, b, read) => prop_assert!(false, "{text:?}: {a:?}, {b:?}, read {read:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn reads_what_serde_json_reads(text in json_text()) {
        agree(&text)?;
    }

    #[test]
    fn agrees_on_any_text(text in ".{0,40}") {
        agree(&text)?;
    }

    #[test]
    fn writes_strings_as_serde_json_does(text in "(.|[\\x00-\\x1f\\x7f\"\\\\])*") {
        prop_assert_eq!(konaplate_core::json::string(&text), serde_json::to_string(&text).unwrap());
    }
}

/// Objects past the size where the `Node` reader indexes its keys (16 members), with keys
/// repeated before, across and after that point, and repeated keys inside repeated values.
#[test]
fn agrees_on_large_objects() {
    for size in [15, 16, 17, 40, 300] {
        for repeat_every in [3, 7, 16, 17] {
            let members: Vec<String> = (0..size)
                .map(|i| {
                    let key = if i % repeat_every == repeat_every - 1 { i / 2 } else { i };
                    let value = if i % 5 == 0 { format!(r#"{{"x":{i},"x":[{i}]}}"#) } else { i.to_string() };
                    format!(r#""k{key}":{value}"#)
                })
                .collect();
            let text = format!("{{{}}}", members.join(","));
            agree(&text).unwrap();
            agree(&format!("[{text},{text}]")).unwrap();
        }
    }
}

#[test]
fn agrees_on_the_corners() {
    let deep = "[".repeat(200) + &"]".repeat(200);
    let texts = [
        "",
        " ",
        "{}",
        "[]",
        "-",
        "-0",
        "1e400",
        "-1e-400",
        "01",
        "1.",
        ".5",
        "1e",
        "123456789012345678901234567890",
        "1E5",
        "-1.5E-2",
        "2e+0",
        "\"\\ud800\\u0041\"",
        "\"\\ud800x\"",
        "\"\\udc00\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"\\q\"",
        "\"a\u{1}\"",
        "\"\\",
        "{\"a\" 1}",
        "{\"a\":1 \"b\":2}",
        "{1:2}",
        "{,}",
        "[,1]",
        "[1 2]",
        "-x",
        "- 1",
        "1.e5",
        "\n\n  [\n1,\n]",
        r#"{"a":1,"a":2}"#,
        "\"\\ud800\"",
        "\"\\ud83d\\ude00\"",
        "[1,]",
        "{\"a\":1,}",
        "nul",
        "tru",
        "[1] x",
        &deep,
    ];
    for text in texts {
        agree(text).unwrap();
    }
}
