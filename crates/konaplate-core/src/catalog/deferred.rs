//! The built-in operations beyond the charge flow, loaded on demand by the page.
//!
//! The page's first load (a build with the `deferred-operations` feature) carries the charge
//! flow whole and every other built-in operation as a stub: id, tag, name, method and path, so
//! the picker, permalinks and journey list them (`FIRST_LOAD_*` in `generated`). Their fields,
//! codes, notes, Test Data and links travel in a file of their own, `www/konaplate-operations.txt`,
//! which [`write`] writes from the full statics (`UPDATE_DEFERRED=1 cargo test -p konaplate-core
//! deferred` rewrites it; the test fails while it is out of date) and [`read`] turns back into the
//! same types. [`install`] makes them the catalog's ([`super::operations`]); every other build
//! has them from the start and never reads the file.
//!
//! The format is positional text, not JSON, so that reading it takes a few hundred bytes of Wasm:
//! every value is text, separated by U+001F (a newline before each record, for readable diffs);
//! numbers in decimal, booleans `1`/`0`, an absent optional value or upper bound empty.

use super::{
    code, t, Code, DateFormat, DocNote, Endpoint, Field, FieldType, Link, OperationId, ResponseCode, Simulator,
    TestCase, Text, FIRST_LOAD_CODES, FIRST_LOAD_ENDPOINTS, FIRST_LOAD_LINKS, FIRST_LOAD_TEST_DATA,
};

/// The built-in operations, Test Data, links and codes, as [`super::operations`],
/// [`super::test_data`], [`super::links`] and [`super::codes`] give them.
#[derive(Debug)]
pub struct Lists {
    pub operations: &'static [&'static Endpoint],
    pub test_data: &'static [TestCase],
    pub links: &'static [Link],
    pub codes: &'static [ResponseCode],
}

const SEP: char = '\u{1f}';

#[cfg(feature = "deferred-operations")]
static LOADED: std::sync::OnceLock<Lists> = std::sync::OnceLock::new();

/// The complete lists once [`install`] read them (never in a build without the feature).
pub(super) fn loaded() -> Option<&'static Lists> {
    #[cfg(feature = "deferred-operations")]
    return LOADED.get();
    #[cfg(not(feature = "deferred-operations"))]
    None
}

/// Whether `endpoint` is a stub waiting for its data (every full built-in operation has a version).
pub fn is_stub(endpoint: &Endpoint) -> bool {
    endpoint.operation.is_some() && endpoint.version.is_empty()
}

/// Completes the built-in operations from `text` ([`write`]'s file): whether they are complete
/// now (also when they already were). A text that is not that file changes nothing.
#[cfg(feature = "deferred-operations")]
pub fn install(text: &str) -> bool {
    if LOADED.get().is_none() {
        if let Some(lists) = read(text) {
            let _ = LOADED.set(lists);
        }
    }
    LOADED.get().is_some()
}

/// Without the feature the catalog is complete from the start.
#[cfg(not(feature = "deferred-operations"))]
pub fn install(_text: &str) -> bool {
    true
}

/// The first load's lists with the stubs replaced by the operations in `text`, and the Test Data
/// and links of those operations after the first load's; `None` unless `text` is exactly
/// [`write`]'s file for this catalog.
pub fn read(text: &str) -> Option<Lists> {
    let text: &'static str = Box::leak(text.into());
    let mut r = Reader { parts: text.trim_end_matches('\n').split([SEP, '\n']), bad: false };
    let mut operations = FIRST_LOAD_ENDPOINTS.to_vec();
    for _ in 0..r.number() {
        let id = r.next();
        match operations.iter_mut().find(|e| e.id == id && is_stub(e)) {
            Some(slot) => *slot = Box::leak(Box::new(r.endpoint(slot))),
            None => return None,
        }
    }
    let mut test_data = FIRST_LOAD_TEST_DATA.to_vec();
    test_data.extend_from_slice(r.list(Reader::test_case));
    let mut links = FIRST_LOAD_LINKS.to_vec();
    links.extend_from_slice(r.list(Reader::link));
    let mut codes = FIRST_LOAD_CODES.to_vec();
    for _ in 0..r.number() {
        let code = r.next();
        match codes.iter_mut().find(|c| c.code.as_str() == code && c.message.is_empty()) {
            Some(slot) => (slot.message, slot.meaning) = (r.next(), r.text()),
            None => return None,
        }
    }
    let complete = !r.bad
        && r.next() == "end"
        && r.parts.next().is_none()
        && !operations.iter().any(|e| is_stub(e))
        && !codes.iter().any(|c| c.message.is_empty());
    complete.then(|| Lists {
        operations: operations.leak(),
        test_data: test_data.leak(),
        links: links.leak(),
        codes: codes.leak(),
    })
}

/// Reads values in order; a missing or malformed one marks the text `bad` (checked once, at the
/// end) and reads as a placeholder, so the reading itself never branches out.
struct Reader {
    parts: std::str::Split<'static, [char; 2]>,
    bad: bool,
}

impl Reader {
    fn next(&mut self) -> &'static str {
        let next = self.parts.next();
        self.bad |= next.is_none();
        next.unwrap_or_default()
    }

    fn number(&mut self) -> usize {
        let n = self.next().parse().ok();
        self.bad |= n.is_none();
        n.unwrap_or_default()
    }

    /// An upper bound: a number, or empty for none (`usize::MAX`, whose digits differ between a
    /// 64-bit writer and a 32-bit reader).
    fn bound(&mut self) -> usize {
        match self.next() {
            "" => usize::MAX,
            text => {
                let n = text.parse().ok();
                self.bad |= n.is_none();
                n.unwrap_or_default()
            }
        }
    }

    fn flag(&mut self) -> bool {
        match self.next() {
            "1" => true,
            text => {
                self.bad |= text != "0";
                false
            }
        }
    }

    fn text(&mut self) -> Text {
        t(self.next(), self.next())
    }

    /// An optional value (empty when absent).
    fn optional(&mut self) -> Option<&'static str> {
        Some(self.next()).filter(|s| !s.is_empty())
    }

    /// A count, then that many items (fewer once the text went bad).
    fn list<T>(&mut self, item: fn(&mut Reader) -> T) -> &'static [T] {
        let count = self.number();
        let mut items = Vec::new();
        while items.len() < count && !self.bad {
            items.push(item(self));
        }
        items.leak()
    }

    fn code(&mut self) -> Code {
        let found = code(self.next()).map(|c| c.code);
        self.bad |= found.is_none();
        found.unwrap_or(Code::Success)
    }

    fn operation(&mut self) -> OperationId {
        let id = self.next();
        let found = FIRST_LOAD_ENDPOINTS.iter().find(|e| e.id == id).and_then(|e| e.operation);
        self.bad |= found.is_none();
        found.unwrap_or(OperationId::Charge)
    }

    fn note(&mut self) -> &'static DocNote {
        Box::leak(Box::new(DocNote { id: self.next(), text: self.text() }))
    }

    fn endpoint(&mut self, stub: &Endpoint) -> Endpoint {
        Endpoint {
            summary: self.text(),
            version: self.next(),
            encrypted: self.flag(),
            response_encrypted: self.flag(),
            simulator: match self.next() {
                "" => None,
                name => {
                    let found = Simulator::NAMED.iter().find(|(n, _)| *n == name).map(|(_, s)| *s);
                    self.bad |= found.is_none();
                    found
                }
            },
            request: self.list(Reader::field),
            response: self.list(Reader::field),
            codes: self.list(Reader::code),
            notes: self.list(Reader::note),
            ..*stub
        }
    }

    fn field(&mut self) -> Field {
        Field {
            name: self.next(),
            ty: self.field_type(),
            required: self.flag(),
            description: self.text(),
            note: match self.optional() {
                None => None,
                Some(id) => Some(Box::leak(Box::new(DocNote { id, text: self.text() }))),
            },
            constant: self.optional().inspect(|json| self.bad |= crate::json::read_node(json).is_err()),
            nullable: self.flag(),
        }
    }

    fn field_type(&mut self) -> FieldType {
        match self.next() {
            "string" => FieldType::String {
                min_len: self.number(),
                max_len: self.bound(),
                allowed: self.list(Reader::next),
                format: match self.next() {
                    "yyyyMMdd" => Some(DateFormat::Date),
                    "yyyyMMddHHmmss" => Some(DateFormat::DateTime),
                    other => {
                        self.bad |= !other.is_empty();
                        None
                    }
                },
                pattern: None,
            },
            kind @ ("integer" | "number") => {
                let (min, max, exclusive_min, exclusive_max) =
                    (self.optional(), self.optional(), self.optional(), self.optional());
                if kind == "integer" {
                    FieldType::Integer { min, max, exclusive_min, exclusive_max }
                } else {
                    FieldType::Number { min, max, exclusive_min, exclusive_max }
                }
            }
            "boolean" => FieldType::Boolean,
            "object" => FieldType::Object { closed: self.flag(), fields: self.list(Reader::field) },
            "array" => FieldType::Array {
                min_items: self.number(),
                max_items: self.bound(),
                items: Box::leak(Box::new(self.field())),
            },
            other => {
                self.bad |= other != "null";
                FieldType::Null
            }
        }
    }

    fn test_case(&mut self) -> TestCase {
        TestCase {
            operation: self.operation(),
            id: self.next(),
            http: {
                let http = u16::try_from(self.number()).ok();
                self.bad |= http.is_none();
                http.unwrap_or_default()
            },
            code: self.code(),
            trigger: self.text(),
            body: self.next(),
        }
    }

    fn link(&mut self) -> Link {
        Link {
            from: self.operation(),
            name: self.next(),
            to: self.operation(),
            description: self.text(),
            fill: self.list(|r| (r.next(), r.next())),
            today: self.list(Reader::next),
        }
    }
}

/// The file [`read`] reads: the operations the first load has as stubs, with their Test Data and
/// links, from the full statics. An error names a value the format cannot carry (a separator in
/// a text, a `pattern`, which the first load has no engine for).
pub fn write() -> Result<String, String> {
    use super::{CODES, ENDPOINTS, LINKS, TEST_DATA};
    let deferred = |op: OperationId| is_stub(FIRST_LOAD_ENDPOINTS[op as usize]);
    let mut w = Writer(String::new());
    let operations: Vec<&Endpoint> = ENDPOINTS.iter().copied().filter(|e| e.operation.is_some_and(deferred)).collect();
    w.number(operations.len());
    for e in operations {
        w.record();
        w.value(e.id)?;
        w.text(e.summary)?;
        w.value(e.version)?;
        w.flag(e.encrypted);
        w.flag(e.response_encrypted);
        let simulator = Simulator::NAMED.iter().find(|(_, s)| Some(*s) == e.simulator);
        w.value(simulator.map_or("", |(name, _)| name))?;
        w.fields(e.request)?;
        w.fields(e.response)?;
        w.number(e.codes.len());
        for c in e.codes {
            w.value(c.as_str())?;
        }
        w.number(e.notes.len());
        for note in e.notes {
            w.value(note.id)?;
            w.text(note.text)?;
        }
    }
    let cases: Vec<&TestCase> = TEST_DATA.iter().filter(|c| deferred(c.operation)).collect();
    w.record();
    w.number(cases.len());
    for c in cases {
        w.record();
        w.value(c.operation.endpoint().id)?;
        w.value(c.id)?;
        w.number(c.http.into());
        w.value(c.code.as_str())?;
        w.text(c.trigger)?;
        w.value(c.body)?;
    }
    let links: Vec<&Link> = LINKS.iter().filter(|l| deferred(l.from)).collect();
    w.record();
    w.number(links.len());
    for l in links {
        w.record();
        w.value(l.from.endpoint().id)?;
        w.value(l.name)?;
        w.value(l.to.endpoint().id)?;
        w.text(l.description)?;
        w.number(l.fill.len());
        for (field, expression) in l.fill {
            w.value(field)?;
            w.value(expression)?;
        }
        w.number(l.today.len());
        for field in l.today {
            w.value(field)?;
        }
    }
    let codes: Vec<&ResponseCode> =
        CODES.iter().zip(FIRST_LOAD_CODES).filter(|(_, first)| first.message.is_empty()).map(|(c, _)| c).collect();
    w.record();
    w.number(codes.len());
    for c in codes {
        w.record();
        w.value(c.code.as_str())?;
        w.value(c.message)?;
        w.text(c.meaning)?;
    }
    w.record();
    w.value("end")?;
    w.0.push('\n');
    Ok(w.0)
}

struct Writer(String);

impl Writer {
    fn value(&mut self, value: &str) -> Result<(), String> {
        if value.contains([SEP, '\n']) {
            return Err(format!("{} holds a separator (U+001F or a newline)", crate::violation::quote(value)));
        }
        if !self.0.is_empty() && !self.0.ends_with('\n') {
            self.0.push(SEP);
        }
        self.0.push_str(value);
        Ok(())
    }

    /// Starts a record on a new line.
    fn record(&mut self) {
        if !self.0.is_empty() {
            self.0.push('\n');
        }
    }

    fn number(&mut self, n: usize) {
        let _ = self.value(&n.to_string());
    }

    fn bound(&mut self, n: usize) {
        if n == usize::MAX {
            let _ = self.value("");
        } else {
            self.number(n);
        }
    }

    fn flag(&mut self, b: bool) {
        let _ = self.value(if b { "1" } else { "0" });
    }

    fn text(&mut self, text: Text) -> Result<(), String> {
        self.value(text.en)?;
        self.value(text.ko)
    }

    fn optional(&mut self, value: Option<&str>) -> Result<(), String> {
        self.value(value.unwrap_or_default())
    }

    fn fields(&mut self, fields: &[Field]) -> Result<(), String> {
        self.number(fields.len());
        fields.iter().try_for_each(|f| self.field(f))
    }

    fn field(&mut self, f: &Field) -> Result<(), String> {
        self.value(f.name)?;
        match f.ty {
            FieldType::String { min_len, max_len, allowed, format, pattern } => {
                if pattern.is_some() {
                    return Err(format!("{}: a pattern (the first load has no pattern engine)", f.name));
                }
                self.value("string")?;
                self.number(min_len);
                self.bound(max_len);
                self.number(allowed.len());
                allowed.iter().try_for_each(|a| self.value(a))?;
                self.value(format.map_or("", DateFormat::name))?;
            }
            FieldType::Integer { min, max, exclusive_min, exclusive_max }
            | FieldType::Number { min, max, exclusive_min, exclusive_max } => {
                self.value(if matches!(f.ty, FieldType::Integer { .. }) { "integer" } else { "number" })?;
                for bound in [min, max, exclusive_min, exclusive_max] {
                    self.optional(bound)?;
                }
            }
            FieldType::Boolean => self.value("boolean")?,
            FieldType::Null => self.value("null")?,
            FieldType::Object { fields, closed } => {
                self.value("object")?;
                self.flag(closed);
                self.fields(fields)?;
            }
            FieldType::Array { items, min_items, max_items } => {
                self.value("array")?;
                self.number(min_items);
                self.bound(max_items);
                self.field(items)?;
            }
        }
        self.flag(f.required);
        self.text(f.description)?;
        match f.note {
            None => self.value("")?,
            Some(note) => {
                self.value(note.id)?;
                self.text(note.text)?;
            }
        }
        self.optional(f.constant)?;
        self.flag(f.nullable);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CODES, ENDPOINTS, LINKS, TEST_DATA};

    const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/konaplate-operations.txt");

    #[test]
    fn the_file_reads_back_into_the_full_catalog() {
        let text = write().expect("every deferred value fits the format");
        let lists = read(&text).expect("read what write wrote");
        assert_eq!(lists.operations, ENDPOINTS);
        assert_eq!(lists.test_data, TEST_DATA);
        assert_eq!(lists.links, LINKS);
        assert_eq!(lists.codes, CODES);
        assert!(CODES.iter().all(|c| !c.message.is_empty()), "a stubbed code is one without a message");
        assert!(FIRST_LOAD_CODES.iter().any(|c| c.message.is_empty()));
        assert!(ENDPOINTS.iter().zip(FIRST_LOAD_ENDPOINTS).any(|(e, f)| is_stub(f) && !e.request.is_empty()));
        assert!(!ENDPOINTS.iter().any(|e| is_stub(e)), "a full operation always has a version");
    }

    #[test]
    #[cfg_attr(feature = "lean-catalog", ignore = "compares the catalog's prose, which lean-catalog leaves out")]
    fn the_page_file_is_up_to_date() {
        let text = write().unwrap();
        if std::env::var_os("UPDATE_DEFERRED").is_some() {
            std::fs::write(FILE, &text).unwrap();
        }
        let on_disk = std::fs::read_to_string(FILE).unwrap_or_default();
        assert!(
            on_disk == text,
            "www/konaplate-operations.txt is out of date: run UPDATE_DEFERRED=1 cargo test -p konaplate-core deferred"
        );
    }

    #[test]
    fn anything_but_the_whole_file_is_refused() {
        let text = write().unwrap();
        assert!(read("").is_none());
        assert!(read(&text[..text.len() / 2]).is_none());
        assert!(read(&text.replace("end", "more")).is_none());
        assert!(read(&format!("{text}x")).is_none());
        assert!(read(&text.replacen("string", "strung", 1)).is_none());
    }
}
