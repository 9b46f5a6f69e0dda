//! `json::read` (and `json::parse_with_duplicates`, which walks the same way noting repeated
//! keys) against `serde_json::from_str::<Value>` on generated texts: the same value
//! (numbers compared on their exact text) or the same error (message, line and column). One
//! exception: a text that itself writes serde_json's private number key with something else
//! than a number's digits is refused by both, in different words.
//! And the request validator's `json::read_node` (and `parse_node_with_duplicates`) against
//! `json::read`: the same value as a `Node`, the same repeated keys, the same errors.
#![cfg(not(target_arch = "wasm32"))]

use konaplate_core::json::{read, read_node, Node, Value};
use proptest::prelude::*;

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

/// `read_node` and `parse_node_with_duplicates` against `read` and `parse_with_duplicates`.
fn nodes_agree(text: &str) -> Result<(), TestCaseError> {
    use konaplate_core::json::{parse_node_with_duplicates, parse_with_duplicates};
    match (read_node(text), read(text)) {
        (Ok(node), Ok(value)) => prop_assert_eq!(node, to_node(&value), "{}", text),
        (Err(_), Err(_)) if text.contains("$serde_json::private::Number") => {}
        (Err(node), Err(value)) => prop_assert_eq!(node.to_string(), value.to_string(), "{}", text),
        (node, value) => prop_assert!(false, "{text:?}: node {node:?}, value {value:?}"),
    }
    match (parse_node_with_duplicates(text), parse_with_duplicates(text)) {
        (Ok((node, a)), Ok((value, b))) => {
            prop_assert_eq!(node, to_node(&value), "{}", text);
            prop_assert_eq!(a, b, "{}", text)
        }
        (Err(_), Err(_)) if text.contains("$serde_json::private::Number") => {}
        (Err(a), Err(b)) => prop_assert_eq!(a, b, "{}", text),
        (a, b) => prop_assert!(false, "{text:?}: node {a:?}, value {b:?}"),
    }
    Ok(())
}

fn agree(text: &str) -> Result<(), TestCaseError> {
    nodes_agree(text)?;
    match (read(text), serde_json::from_str::<Value>(text)) {
        (Ok(ours), Ok(theirs)) => {
            let (with_duplicates, _) = konaplate_core::json::parse_with_duplicates(text).expect("read accepted it");
            prop_assert_eq!(&with_duplicates, &theirs, "{}", text);
            prop_assert_eq!(ours, theirs, "{}", text)
        }
        (Err(_), Err(_)) if text.contains("$serde_json::private::Number") => {}
        (Err(ours), Err(theirs)) => prop_assert_eq!(ours.to_string(), theirs.to_string(), "{}", text),
        (ours, theirs) => prop_assert!(false, "{text:?}: ours {ours:?}, serde_json {theirs:?}"),
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
        r#"{"$serde_json::private::Number":"12"}"#,
        r#"{"$serde_json::private::Number":12}"#,
        r#"{"$serde_json::private::Number":"x"}"#,
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
