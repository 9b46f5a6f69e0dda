//! JSON reading for validation, through `serde_json` only.
//!
//! `serde_json` is built with `arbitrary_precision`, so a number keeps its exact digits
//! (`9999999999999999999`, `1.0`, `-0` stay as written; `1e3` reads back as `1e+3`) and
//! nothing goes through a float.
//! `serde_json::Value` silently keeps the last of two equal keys, so duplicates are found by
//! a second pass that walks the same text with a visitor.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
pub use serde_json::Value;

use crate::text::Text;

/// Where and why the text is not JSON (line and column are 1-based, as serde_json counts them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    /// serde_json's reason, in English.
    pub message: String,
    /// The same reason in Korean (serde_json's English when it is not one we know).
    pub message_ko: String,
}

impl SyntaxError {
    /// The `jsonSyntax` error at `$` of a request or response body, with this error's line,
    /// column and reason.
    pub fn violation(&self, subject: crate::violation::Subject) -> crate::violation::Violation {
        use crate::violation::{Kind, Severity, Violation};
        let reason = crate::text::Text::from_pair(self.message.clone(), self.message_ko.clone());
        Violation {
            line: Some(self.line),
            column: Some(self.column),
            ..Violation::in_body(
                "$",
                Kind::JsonSyntax { subject, reason },
                Severity::Error,
                "a JSON object",
                self.message.clone(),
            )
        }
    }
}

/// Parses `text` as one JSON value, keeping number text exact.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    read(text).map_err(|e| {
        let message = without_position(&e.to_string());
        SyntaxError { line: e.line(), column: e.column(), message_ko: korean(&message), message }
    })
}

/// Reads `text` as one JSON value: what `serde_json::from_str::<Value>` returns, through the same
/// streaming `Deserializer` and its errors (syntax, position, recursion limit), for every text.
///
/// Every JSON text read into a `Value` goes through here. serde_json's own `Value` reader asks
/// for a number's digits with `deserialize_str`, whose wrong-type error can describe a float:
/// that keeps all of core's float formatting (about 20 KB of the page's Wasm) alive in a page
/// that never prints a float. This reader only ever asks for "any value", so no serde error
/// that describes an unexpected value can be reached. `tests/json_reader.rs` holds it to
/// serde_json's answer on generated texts.
pub fn read(text: &str) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = AnyValue.deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// serde_json's `arbitrary_precision` hands a number to `visit_map` as a one-entry map with this
/// key and the number's text as the value (`serde_json::Value` reads it the same way, so an
/// object whose only key is this string reads as a number in both).
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Any JSON value, as a `serde_json::Value`.
struct AnyValue;

impl<'de> DeserializeSeed<'de> for AnyValue {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnyValue {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }
    /// Never called with `arbitrary_precision` (a number is its text); refused rather than
    /// formatted, so no float formatting is linked.
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Value, E> {
        Err(E::custom("a number read as a float"))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(AnyValue)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        let Some(first) = map.next_key_seed(KeyText)? else {
            return Ok(Value::Object(object));
        };
        if first == NUMBER_TOKEN {
            // The digits are a string; in a text that writes this key itself, anything else is
            // refused (serde_json refuses it too, with a message that describes the value).
            return match map.next_value_seed(AnyValue)? {
                Value::String(digits) => digits.parse().map(Value::Number).map_err(serde::de::Error::custom),
                _ => Err(serde::de::Error::custom("invalid type: expected string containing a number")),
            };
        }
        let mut key = first;
        loop {
            // The last of two equal keys wins, as in serde_json (duplicates: [`duplicate_keys`]).
            object.insert(key, map.next_value_seed(AnyValue)?);
            match map.next_key_seed(KeyText)? {
                Some(next) => key = next,
                None => return Ok(Value::Object(object)),
            }
        }
    }
}

/// A key (or a number's digits) as an owned string, asked for as "any value" too.
struct KeyText;

impl<'de> DeserializeSeed<'de> for KeyText {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeyText {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E>(self, s: &str) -> Result<String, E> {
        Ok(s.to_owned())
    }
    fn visit_string<E>(self, s: String) -> Result<String, E> {
        Ok(s)
    }
}

/// `value` as compact JSON text: what `value.to_string()` gives, through serde_json's `Vec`
/// writer. The core and the console write a `Value` through here (or
/// `serde_json::to_string_pretty`), never through `Display` (`to_string`, `{}`), which links a
/// second copy of the serializer, for a formatter, into the page (about 5 KB of code).
pub fn text(value: &Value) -> String {
    // Serialising a `Value` cannot fail: its keys are strings and its numbers are JSON.
    serde_json::to_string(value).unwrap_or_default()
}

/// serde_json's syntax reasons (its `ErrorCode` texts) in Korean.
fn korean(message: &str) -> String {
    const REASONS: &[(&str, &str)] = &[
        ("EOF while parsing a list", "배열이 끝나기 전에 본문이 끝났습니다"),
        ("EOF while parsing an object", "객체가 끝나기 전에 본문이 끝났습니다"),
        ("EOF while parsing a string", "문자열이 끝나기 전에 본문이 끝났습니다"),
        ("EOF while parsing a value", "값이 나오기 전에 본문이 끝났습니다"),
        ("expected `:`", "`:`가 와야 합니다"),
        ("expected `,` or `]`", "`,` 또는 `]`가 와야 합니다"),
        ("expected `,` or `}`", "`,` 또는 `}`가 와야 합니다"),
        ("expected ident", "true, false, null 중 하나여야 합니다"),
        ("expected value", "JSON 값이 와야 합니다"),
        ("expected `\"`", "`\"`가 와야 합니다"),
        ("invalid escape", "잘못된 이스케이프입니다"),
        ("invalid number", "잘못된 숫자입니다"),
        ("number out of range", "숫자가 범위를 벗어났습니다"),
        ("invalid unicode code point", "잘못된 유니코드 코드 포인트입니다"),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "문자열 안에 제어 문자(\\u0000-\\u001F)가 있습니다",
        ),
        ("key must be a string", "키는 큰따옴표로 감싼 문자열이어야 합니다"),
        ("lone leading surrogate in hex escape", "짝이 없는 상위 서로게이트 이스케이프입니다"),
        ("trailing comma", "마지막 항목 뒤에 쉼표가 있습니다"),
        ("trailing characters", "JSON 값 뒤에 다른 문자가 있습니다"),
        ("unexpected end of hex escape", "16진수 이스케이프가 중간에 끝났습니다"),
        ("recursion limit exceeded", "중첩이 너무 깊습니다(최대 128단계)"),
    ];
    REASONS.iter().find(|(en, _)| *en == message).map_or_else(|| message.to_string(), |(_, ko)| ko.to_string())
}

/// serde_json appends " at line L column C"; we report those as fields.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The text of a JSON number with its digits exactly as in the input (`arbitrary_precision`
/// keeps it; no copy).
pub fn number_text(n: &serde_json::Number) -> &str {
    n.as_str()
}

/// JSON Schema's equality (`const`): numbers by exact value on their text (`1.0` is `1`, as in
/// draft 2020-12 and ajv), objects by their members whatever the order, the rest as written.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            crate::number::compare(&x.to_string(), &y.to_string()) == Some(std::cmp::Ordering::Equal)
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_value(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => a == b,
    }
}

/// A value as compact JSON for a message, strings quoted and long texts cut (as [`quote`]).
///
/// [`quote`]: crate::violation::quote
pub fn shortened(value: &Value) -> String {
    match value {
        Value::String(s) => crate::violation::quote(s),
        other => {
            let text = text(other);
            let count = text.chars().count();
            if count <= 60 {
                text
            } else {
                format!("{}… ({count} characters)", text.chars().take(60).collect::<String>())
            }
        }
    }
}

/// `$.name` for identifier-like keys, `$["odd key"]` otherwise.
pub fn child_path(parent: &str, key: &str) -> String {
    let mut path = parent.to_string();
    push_key(&mut path, key);
    path
}

/// Appends `.name` or `["odd key"]` to `path`.
fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !key.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        path.push('.');
        path.push_str(key);
    } else {
        path.push('[');
        path.push_str(&serde_json::to_string(key).unwrap_or_default());
        path.push(']');
    }
}

/// [`duplicate_keys`] of `text`, which [`parse`] read into `parsed`, without the second walk in
/// the usual case: `Value` keeps one entry per distinct key, so when `parsed` holds as many
/// object entries as `text` has keys (a byte scan), no key repeats.
pub fn duplicate_keys_of(text: &str, parsed: &Value) -> Vec<String> {
    if key_count(text) == entry_count(parsed) {
        return Vec::new();
    }
    duplicate_keys(text)
}

/// Object keys written in JSON `text` (valid JSON: a key is a string followed by `:`).
fn key_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut count, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        // Skip the string: up to the next quote that no backslash escapes.
        i += 1;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) == Some(&b':') {
            count += 1;
        }
    }
    count
}

/// Object entries in `value`, at every depth.
fn entry_count(value: &Value) -> usize {
    match value {
        Value::Object(map) => map.len() + map.values().map(entry_count).sum::<usize>(),
        Value::Array(items) => items.iter().map(entry_count).sum(),
        _ => 0,
    }
}

/// JSON paths of every key that appears twice in its object, in order of appearance.
/// Call on text that [`parse`] accepted; on other text it returns what it found before the error.
pub fn duplicate_keys(text: &str) -> Vec<String> {
    let mut walk = Walk { path: String::from("$"), found: Vec::new() };
    let mut de = serde_json::Deserializer::from_str(text);
    let _ = DuplicateFinder(&mut walk).deserialize(&mut de);
    walk.found
}

/// One path buffer for the whole walk: segments are pushed on the way down and cut on the way
/// back, so no node allocates a path unless a duplicate is reported.
struct Walk {
    path: String,
    found: Vec<String>,
}

struct DuplicateFinder<'a>(&'a mut Walk);

impl<'de> DeserializeSeed<'de> for DuplicateFinder<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DuplicateFinder<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // Numbers under `arbitrary_precision` also arrive here, as a one-key map: harmless.
        let walk = self.0;
        // Objects in requests are small: a list beats a hash set.
        let mut seen: Vec<String> = Vec::new();
        while let Some(key) = map.next_key_seed(KeyText)? {
            let len = walk.path.len();
            push_key(&mut walk.path, &key);
            if seen.contains(&key) {
                walk.found.push(walk.path.clone());
            } else {
                seen.push(key);
            }
            let result = map.next_value_seed(DuplicateFinder(walk));
            walk.path.truncate(len);
            result?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let walk = self.0;
        let mut index = 0usize;
        loop {
            let len = walk.path.len();
            use std::fmt::Write as _;
            let _ = write!(walk.path, "[{index}]");
            let more = seq.next_element_seed(DuplicateFinder(walk));
            walk.path.truncate(len);
            if more?.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// The JSON type name of a value, in English and Korean, for messages.
pub fn type_name(value: &Value) -> Text {
    match value {
        Value::Null => TYPE_NULL,
        Value::Bool(_) => TYPE_BOOLEAN,
        Value::Number(_) => TYPE_NUMBER,
        Value::String(_) => TYPE_STRING,
        Value::Array(_) => TYPE_ARRAY,
        Value::Object(_) => TYPE_OBJECT,
    }
}

/// The JSON types' names, as messages say them.
pub const TYPE_BOOLEAN: Text = Text::new("boolean", "불리언");
pub const TYPE_NUMBER: Text = Text::new("number", "숫자");
pub const TYPE_STRING: Text = Text::new("string", "문자열");
pub const TYPE_ARRAY: Text = Text::new("array", "배열");
pub const TYPE_OBJECT: Text = Text::new("object", "객체");
pub const TYPE_NULL: Text = Text::new("null", "null");

/// A type's name with `or null`, for a nullable field (`string or null`).
pub fn or_null(ty: Text) -> Text {
    match ty.en {
        "boolean" => Text::new("boolean or null", "불리언 또는 null"),
        "number" => Text::new("number or null", "숫자 또는 null"),
        "string" => Text::new("string or null", "문자열 또는 null"),
        "array" => Text::new("array or null", "배열 또는 null"),
        "object" => Text::new("object or null", "객체 또는 null"),
        _ => ty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_exact_text() {
        let v = parse(r#"{"a":9999999999999999999,"b":10000000000000000000,"c":1.0,"d":1e3,"e":-0}"#).unwrap();
        let text = |k: &str| match &v[k] {
            Value::Number(n) => number_text(n).to_string(),
            other => panic!("{other:?}"),
        };
        assert_eq!(text("a"), "9999999999999999999");
        assert_eq!(text("b"), "10000000000000000000");
        assert_eq!(text("c"), "1.0");
        // An exponent is re-written with its sign; the digits are untouched and never a float.
        assert_eq!(text("d"), "1e+3");
        assert_eq!(text("e"), "-0");
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let e = parse("{\n  \"a\": 1,\n  \"b\": }").unwrap_err();
        assert_eq!((e.line, e.column), (3, 8));
        assert!(!e.message.contains(" at line "), "{}", e.message);
        assert_eq!(e.message_ko, "JSON 값이 와야 합니다");
        assert!(parse("{\"a\": 01}").is_err(), "leading zeros are not JSON");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("recursion limit"), "{}", e.message);
        assert!(duplicate_keys(&deep).is_empty());
    }

    #[test]
    fn the_key_count_shortcut_agrees_with_the_walk() {
        let texts = [
            r#"{"a":1,"b":{"x":1,"x":2},"a":3,"c":[{"k":1,"k":2}]}"#,
            r#"{"a:":"b\":","c" : {"d":[1,{"e":null}]},"f":"\\"}"#,
            r#"{"a:":"b\":","c" : {"d":[1,{"e":null,"e":0}]},"f":"\\"}"#,
            r#"{"q\"":1,"q\"":2}"#,
            r#"["a:", {"b" :1}, "c", {"b":2}]"#,
            r#""just: a string""#,
            "{ \"a\"\n :1, \"b\":\"\\u0022:\"}",
            r#"{"":1,"":2}"#,
            "{}",
        ];
        for text in texts {
            let parsed = parse(text).unwrap();
            assert_eq!(duplicate_keys_of(text, &parsed), duplicate_keys(text), "{text}");
        }
        assert_eq!(duplicate_keys_of(texts[3], &parse(texts[3]).unwrap()), ["$[\"q\\\"\"]"]);
    }

    #[test]
    fn finds_duplicate_keys_at_any_depth() {
        let text = r#"{"a":1,"b":{"x":1,"x":2},"a":3,"c":[{"k":1,"k":2}],"odd key":1,"odd key":2}"#;
        assert_eq!(duplicate_keys(text), ["$.b.x", "$.a", "$.c[0].k", "$[\"odd key\"]"]);
        assert!(duplicate_keys(r#"{"n":12345678901234567890,"m":{"n":1}}"#).is_empty());
    }
}
