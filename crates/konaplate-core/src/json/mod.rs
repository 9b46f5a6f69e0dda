//! JSON reading and writing.
//!
//! Text is read by [`reader`], which answers as serde_json's `Deserializer` does (numbers keep
//! their exact text, as with serde_json's `arbitrary_precision`: `9999999999999999999`, `1.0`
//! and `-0` stay as written, `1e3` reads back as `1e+3`, nothing goes through a float), into a
//! `serde_json::Value` for most of the crate or a [`Node`] for the request validator.
//! `Value` silently keeps the last of two equal keys, so [`parse_with_duplicates`] notes
//! repeated keys in the same pass that reads the value.

use std::borrow::Cow;

pub use serde_json::Value;

use crate::text::Text;
pub(crate) use reader::{Reader, Token};

mod reader;
pub use reader::Reason;

/// Where and why the text is not JSON (line and column are 1-based, as serde_json counts them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    /// serde_json's reason, in English.
    pub message: String,
    /// The same reason in Korean.
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

impl From<reader::Error> for SyntaxError {
    fn from(e: reader::Error) -> Self {
        let text = e.reason.text();
        let (message, message_ko) = (text.en.to_string(), text.ko.to_string());
        SyntaxError { line: e.line, column: e.column, message, message_ko }
    }
}

/// serde_json's wording: "{reason} at line {line} column {column}".
impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

/// Reads `text` as one JSON value: what `serde_json::from_str::<Value>` returns (numbers keep
/// their exact text), with the same errors at the same line and column ([`reader`]).
pub fn read(text: &str) -> Result<Value, SyntaxError> {
    read_tree(text, None)
}

/// [`read`] into a [`Node`]: what the request validator reads.
pub fn read_node(text: &str) -> Result<Node, SyntaxError> {
    read_tree(text, None)
}

/// [`read`], also finding, in the same pass, every key that appears twice in its object: their
/// JSON paths, in order of appearance (`Value` silently keeps the last of two equal keys).
pub fn parse_with_duplicates(text: &str) -> Result<(Value, Vec<String>), SyntaxError> {
    parse_noting(text)
}

/// [`parse_with_duplicates`] into a [`Node`]: what the request validator reads.
pub fn parse_node_with_duplicates(text: &str) -> Result<(Node, Vec<String>), SyntaxError> {
    parse_noting(text)
}

fn parse_noting<T: Tree>(text: &str) -> Result<(T, Vec<String>), SyntaxError> {
    let mut walk = Walk { path: String::from("$"), found: Vec::new(), keys: 0 };
    let value = read_tree(text, Some(&mut walk))?;
    // In reading order: a repeat found only at its object's end was noted after those found
    // inside the object's members, whose keys come later.
    walk.found.sort_unstable_by_key(|&(number, _)| number);
    Ok((value, walk.found.into_iter().map(|(_, path)| path).collect()))
}

/// Reads `text` as one value into a `T`, noting repeated keys in `walk` if there is one.
fn read_tree<T: Tree>(text: &str, walk: Option<&mut Walk>) -> Result<T, SyntaxError> {
    let mut reader = Reader::new(text);
    let value = tree(&mut reader, walk)?;
    reader.end()?;
    Ok(value)
}

/// The value at the reader, read whole.
fn tree<T: Tree>(reader: &mut Reader, mut walk: Option<&mut Walk>) -> Result<T, reader::Error> {
    Ok(match reader.value()? {
        Token::Null => T::null(),
        Token::Bool(b) => T::bool(b),
        Token::Number(text) => T::number(text),
        Token::String(s) => T::string(s.into_owned()),
        Token::Array => {
            let mut items = Vec::new();
            while reader.next_item(items.is_empty())? {
                let len = walk.as_deref_mut().map(|w| w.enter_index(items.len()));
                items.push(tree(reader, walk.as_deref_mut())?);
                if let (Some(w), Some(len)) = (walk.as_deref_mut(), len) {
                    w.path.truncate(len);
                }
            }
            T::array(items)
        }
        Token::Object => {
            let (mut members, mut first) = (T::Members::default(), true);
            while let Some(key) = reader.next_key(first)? {
                first = false;
                let key = key.into_owned();
                let entered = walk.as_deref_mut().map(|w| w.enter_key(&key, T::has(&members, &key)));
                let value = tree(reader, walk.as_deref_mut())?;
                if let (Some(w), Some((len, _))) = (walk.as_deref_mut(), entered) {
                    w.path.truncate(len);
                }
                // The last of two equal keys wins, as in serde_json.
                T::insert(&mut members, key, value, entered.map_or(0, |(_, number)| number));
            }
            T::object(members, walk)
        }
    })
}

/// A JSON value as the request validator reads it: a number as its exact text, an object's
/// members in order. Unlike a `serde_json::Value` it needs no hash map (whose hashing and
/// tables are 8 KB of the JS package's Wasm) and no float formatting: an object is looked up by
/// a scan of its members, which request bodies keep few.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Null,
    Bool(bool),
    /// The number's text as serde_json reads it (`1e3` as `1e+3`, as in a `Value`).
    Number(String),
    String(String),
    Array(Vec<Node>),
    /// Each key once, in the order keys first appear; the last of two equal keys wins, in the
    /// first one's place (as a `Value` with `preserve_order`).
    Object(Vec<(String, Node)>),
}

impl Node {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(members) => member(members, key),
            _ => None,
        }
    }

    /// The JSON type's name, in English and Korean, for messages.
    pub fn type_name(&self) -> Text {
        match self {
            Node::Null => TYPE_NULL,
            Node::Bool(_) => TYPE_BOOLEAN,
            Node::Number(_) => TYPE_NUMBER,
            Node::String(_) => TYPE_STRING,
            Node::Array(_) => TYPE_ARRAY,
            Node::Object(_) => TYPE_OBJECT,
        }
    }

    /// Appends the value as compact JSON text (what serde_json writes for the same `Value`).
    fn write(&self, out: &mut String) {
        match self {
            Node::Null => out.push_str("null"),
            Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::Number(text) => out.push_str(text),
            Node::String(s) => push_string(out, s),
            Node::Array(items) => push_array(out, items, Node::write),
            Node::Object(members) => {
                let mut object = ObjectWriter::new(out);
                for (key, value) in members {
                    value.write(object.key(key));
                }
                object.end();
            }
        }
    }
}

/// The member `key` among an object's `members`.
pub fn member<'a>(members: &'a [(String, Node)], key: &str) -> Option<&'a Node> {
    members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// A tree [`tree`] builds from the reader's tokens: `Value` for the rest of the crate, [`Node`]
/// for the request validator. One reader, so both see the same values and the same errors.
trait Tree: Sized {
    /// An object being read.
    type Members: Default;
    fn null() -> Self;
    fn bool(b: bool) -> Self;
    /// A number from its text, as the reader keeps it.
    fn number(text: Cow<str>) -> Self;
    fn string(s: String) -> Self;
    fn array(items: Vec<Self>) -> Self;
    /// Whether the object already has `key` (`false` also when it cannot tell yet: see
    /// [`Tree::object`]).
    fn has(members: &Self::Members, key: &str) -> bool;
    /// Adds a member, `number` being its key's number ([`Walk::enter_key`]); the last of two
    /// equal keys wins, in the first one's place.
    fn insert(members: &mut Self::Members, key: String, value: Self, number: usize);
    /// The object read; a tree that found repeated keys only now notes them in `walk`.
    fn object(members: Self::Members, walk: Option<&mut Walk>) -> Self;
}

impl Tree for Value {
    type Members = serde_json::Map<String, Value>;
    fn null() -> Self {
        Value::Null
    }
    fn bool(b: bool) -> Self {
        Value::Bool(b)
    }
    /// serde_json reads back the number text the reader kept as the same text
    /// (`arbitrary_precision`); it cannot refuse it, being JSON's.
    fn number(text: Cow<str>) -> Self {
        text.parse().map_or(Value::Null, Value::Number)
    }
    fn string(s: String) -> Self {
        Value::String(s)
    }
    fn array(items: Vec<Self>) -> Self {
        Value::Array(items)
    }
    fn has(members: &Self::Members, key: &str) -> bool {
        members.contains_key(key)
    }
    fn insert(members: &mut Self::Members, key: String, value: Self, _: usize) {
        members.insert(key, value);
    }
    fn object(members: Self::Members, _: Option<&mut Walk>) -> Self {
        Value::Object(members)
    }
}

/// A [`Node`] object being read. Its first [`SCANNED`] members are kept one per key, a repeat
/// being found by a scan as it is read; past them, every member is kept as read and the
/// repeats are found once, at the object's end, by sorting the keys ([`Tree::object`]). So an
/// object of many keys (a 4 MB body can hold half a million) reads in n log n steps, not n²,
/// with no map.
#[derive(Default)]
pub(crate) struct NodeMembers {
    members: Vec<(String, Node)>,
    /// Each member's key number ([`Walk::enter_key`]).
    numbers: Vec<usize>,
}

/// How many members an object being read into a [`Node`] keeps one per key.
const SCANNED: usize = 16;

impl NodeMembers {
    /// Where `key` is among the first [`SCANNED`] members (`None` past them: found at the end).
    fn position(&self, key: &str) -> Option<usize> {
        self.members.iter().take(SCANNED).position(|(k, _)| k == key)
    }

    /// The members, each key once, the last of equal keys in the first one's place; the repeats
    /// (found past the first [`SCANNED`] members) noted in `walk`.
    fn into_unique(self, walk: Option<&mut Walk>) -> Vec<(String, Node)> {
        if self.members.len() <= SCANNED {
            return self.members;
        }
        self.sorted_out(walk)
    }

    /// [`NodeMembers::into_unique`] for an object of more than [`SCANNED`] members: apart and
    /// never inlined, so the page's first paint, whose objects are small, does not carry it.
    #[cold]
    #[inline(never)]
    fn sorted_out(self, walk: Option<&mut Walk>) -> Vec<(String, Node)> {
        let NodeMembers { mut members, numbers } = self;
        let mut order: Vec<usize> = (0..members.len()).collect();
        order.sort_unstable_by(|&a, &b| members[a].0.cmp(&members[b].0).then(a.cmp(&b)));
        let mut repeated = vec![false; members.len()];
        // Equal keys are next to each other in `order`, in reading order.
        let mut start = 0;
        while start < order.len() {
            let key = &members[order[start]].0;
            let end = start + order[start..].iter().take_while(|&&i| members[i].0 == *key).count();
            let (first, last) = (order[start], order[end - 1]);
            if first != last {
                members[first].1 = std::mem::replace(&mut members[last].1, Node::Null);
                for &later in &order[start + 1..end] {
                    repeated[later] = true;
                }
            }
            start = end;
        }
        if let Some(walk) = walk {
            let repeats = (0..members.len()).filter(|&i| repeated[i]).map(|i| (numbers[i], members[i].0.as_str()));
            walk.note_late(repeats);
        }
        let mut at = 0;
        members.retain(|_| {
            at += 1;
            !repeated[at - 1]
        });
        members
    }
}

impl Tree for Node {
    type Members = NodeMembers;
    fn null() -> Self {
        Node::Null
    }
    fn bool(b: bool) -> Self {
        Node::Bool(b)
    }
    fn number(text: Cow<str>) -> Self {
        Node::Number(text.into_owned())
    }
    fn string(s: String) -> Self {
        Node::String(s)
    }
    fn array(items: Vec<Self>) -> Self {
        Node::Array(items)
    }
    fn has(object: &Self::Members, key: &str) -> bool {
        object.position(key).is_some()
    }
    fn insert(object: &mut Self::Members, key: String, value: Self, number: usize) {
        match object.position(&key) {
            Some(at) => object.members[at].1 = value,
            None => {
                object.members.push((key, value));
                object.numbers.push(number);
            }
        }
    }
    fn object(object: Self::Members, walk: Option<&mut Walk>) -> Self {
        Node::Object(object.into_unique(walk))
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

/// `s` as a JSON string: quoted, escaped as serde_json escapes it ([`push_string`]).
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_string(&mut out, s);
    out
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it: `"`, `\` and the controls
/// below U+0020, by JSON's short escapes where it has one, else as `\u00xx`.
/// `tests/json_reader.rs` holds it to serde_json.
pub fn push_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, byte) in s.bytes().enumerate() {
        let short = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if short.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        } else {
            out.push_str(short);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Appends `items` as a compact JSON array, each written by `write`: the one place that writes
/// an array's brackets and commas.
pub fn push_array<T>(out: &mut String, items: &[T], write: impl Fn(&T, &mut String)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(item, out);
    }
    out.push(']');
}

/// Writes one JSON object, member by member, compact as serde_json writes it: the one place
/// that writes a member's comma, key and colon.
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> ObjectWriter<'a> {
    /// Starts an object at the end of `out`.
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        ObjectWriter { out, empty: true }
    }

    /// Writes the next member's key; the caller appends its value (JSON text) to what this returns.
    pub fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        push_string(self.out, key);
        self.out.push(':');
        self.out
    }

    /// A member whose value is a string.
    pub fn str(&mut self, key: &str, value: &str) {
        push_string(self.key(key), value);
    }

    /// A member whose value is a number.
    pub fn number(&mut self, key: &str, n: usize) {
        self.key(key).push_str(itoa::Buffer::new().format(n));
    }

    /// A member whose value is `true` or `false`.
    pub fn bool(&mut self, key: &str, b: bool) {
        self.key(key).push_str(if b { "true" } else { "false" });
    }

    /// Ends the object.
    pub fn end(self) {
        self.out.push('}');
    }
}

/// The text of a JSON number with its digits exactly as in the input (`arbitrary_precision`
/// keeps it; no copy).
pub fn number_text(n: &serde_json::Number) -> &str {
    n.as_str()
}

/// JSON Schema's equality (`const`) of a document's `constant` and a value read: numbers by
/// exact value on their text (`1.0` is `1`, as in draft 2020-12 and ajv), objects by their
/// members whatever the order, the rest as written.
pub fn same_value(constant: &Node, value: &Node) -> bool {
    match (constant, value) {
        (Node::Null, Node::Null) => true,
        (Node::Bool(a), Node::Bool(b)) => a == b,
        (Node::Number(x), Node::Number(y)) => crate::number::compare(x, y) == Some(std::cmp::Ordering::Equal),
        (Node::String(a), Node::String(b)) => a == b,
        (Node::Array(x), Node::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_value(x, y)),
        (Node::Object(x), Node::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| value.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => false,
    }
}

/// A value as compact JSON for a message, strings quoted and long texts cut (as [`quote`]).
///
/// [`quote`]: crate::violation::quote
pub fn shortened(value: &Node) -> String {
    match value {
        Node::String(s) => crate::violation::quote(s),
        other => {
            let mut text = String::new();
            other.write(&mut text);
            let count = text.chars().count();
            if count <= 60 {
                text
            } else {
                let start: String = text.chars().take(60).collect();
                crate::text::fill("{0}… ({1} characters)", &[&start, &crate::text::decimal(count)])
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
        push_string(path, key);
        path.push(']');
    }
}

/// The path of the value being read (segments pushed on the way down, cut on the way back, so
/// no value allocates a path unless a repeated key is reported) and the repeated keys found.
struct Walk {
    path: String,
    /// The repeated keys' paths, each with the number of the key it was noted at (keys are
    /// numbered as they are read), so that a repeat found only at its object's end
    /// ([`Walk::note_late`]) still takes its place in reading order.
    found: Vec<(usize, String)>,
    keys: usize,
}

impl Walk {
    /// Enters the member `key`, noting it when the object already has it; the length to cut
    /// back to, and the key's number.
    fn enter_key(&mut self, key: &str, repeated: bool) -> (usize, usize) {
        let (len, number) = (self.path.len(), self.keys);
        self.keys += 1;
        push_key(&mut self.path, key);
        if repeated {
            self.found.push((number, self.path.clone()));
        }
        (len, number)
    }

    /// Enters item `index` of an array; the length to cut back to.
    fn enter_index(&mut self, index: usize) -> usize {
        let len = self.path.len();
        self.path.push('[');
        self.path.push_str(itoa::Buffer::new().format(index));
        self.path.push(']');
        len
    }

    /// Notes the repeated keys of the object the walk is at, found at its end: `repeats` are
    /// (key number, key); [`parse_noting`] puts every note in reading order at the end.
    fn note_late<'k>(&mut self, repeats: impl Iterator<Item = (usize, &'k str)>) {
        for (number, key) in repeats {
            let mut path = self.path.clone();
            push_key(&mut path, key);
            self.found.push((number, path));
        }
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

/// The copula after a type's Korean name, as `Kind::Type`'s message puts it (문자열이어야,
/// 숫자여야): `text::ko::copula` of the name, written out for every name the validator gives
/// (the types and their `or null`; the test below holds them to it), so the module carries no
/// Korean grammar for it.
pub fn copula_after_type(korean_name: &str) -> &'static str {
    match korean_name {
        "숫자" | "객체" => "여야",
        _ => "이어야",
    }
}

/// A JSON type the validator expects, by its names ([`JsonType::names`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonType {
    Boolean,
    Number,
    String,
    Array,
    Object,
    Null,
}

impl JsonType {
    pub const ALL: [JsonType; 6] =
        [JsonType::Boolean, JsonType::Number, JsonType::String, JsonType::Array, JsonType::Object, JsonType::Null];

    /// The type's name, and its name with `or null` for a nullable field (`string or null`).
    pub fn names(self) -> (Text, Text) {
        match self {
            JsonType::Boolean => (TYPE_BOOLEAN, Text::new("boolean or null", "불리언 또는 null")),
            JsonType::Number => (TYPE_NUMBER, Text::new("number or null", "숫자 또는 null")),
            JsonType::String => (TYPE_STRING, Text::new("string or null", "문자열 또는 null")),
            JsonType::Array => (TYPE_ARRAY, Text::new("array or null", "배열 또는 null")),
            JsonType::Object => (TYPE_OBJECT, Text::new("object or null", "객체 또는 null")),
            JsonType::Null => (TYPE_NULL, TYPE_NULL),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_out_copulas_are_the_grammars() {
        for (ty, or_null) in JsonType::ALL.map(JsonType::names) {
            for name in [ty.ko, or_null.ko] {
                assert_eq!(copula_after_type(name), crate::text::ko::copula(name), "{name}");
            }
        }
    }

    #[test]
    fn numbers_keep_their_exact_text() {
        let v = read(r#"{"a":9999999999999999999,"b":10000000000000000000,"c":1.0,"d":1e3,"e":-0}"#).unwrap();
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
        let e = read("{\n  \"a\": 1,\n  \"b\": }").unwrap_err();
        assert_eq!((e.line, e.column), (3, 8));
        assert!(!e.message.contains(" at line "), "{}", e.message);
        assert_eq!(e.message_ko, "JSON 값이 와야 합니다");
        assert!(read("{\"a\": 01}").is_err(), "leading zeros are not JSON");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let e = read(&deep).unwrap_err();
        assert!(e.message.contains("recursion limit"), "{}", e.message);
        assert_eq!(parse_with_duplicates(&deep).unwrap_err(), e);
    }

    #[test]
    fn the_value_with_duplicates_is_the_value_of_parse() {
        let texts = [
            r#"{"a":1,"b":{"x":1,"x":2},"a":3,"c":[{"k":1,"k":2}]}"#,
            r#"{"a:":"b\":","c" : {"d":[1,{"e":null,"e":0}]},"f":"\\"}"#,
            r#"["a:", {"b" :1}, "c", {"b":2}]"#,
            r#"{"n":12345678901234567890,"m":{"n":1.50}}"#,
            "{}",
        ];
        for text in texts {
            assert_eq!(parse_with_duplicates(text).unwrap().0, read(text).unwrap(), "{text}");
        }
    }

    #[test]
    fn finds_duplicate_keys_at_any_depth() {
        let duplicates = |text: &str| parse_with_duplicates(text).unwrap().1;
        let text = r#"{"a":1,"b":{"x":1,"x":2},"a":3,"c":[{"k":1,"k":2}],"odd key":1,"odd key":2}"#;
        assert_eq!(duplicates(text), ["$.b.x", "$.a", "$.c[0].k", "$[\"odd key\"]"]);
        assert!(duplicates(r#"{"n":12345678901234567890,"m":{"n":1}}"#).is_empty());
        // The repeated key is named where it repeats, before anything repeated inside its value.
        assert_eq!(duplicates(r#"{"a":{},"a":{"b":1,"b":2}}"#), ["$.a", "$.a.b"]);
        assert_eq!(duplicates(r#"[[{"q\"":1,"q\"":2}],{"":1,"":2}]"#), ["$[0][0][\"q\\\"\"]", "$[1][\"\"]"]);
    }
}
