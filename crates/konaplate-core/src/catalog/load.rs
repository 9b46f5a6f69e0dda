//! Loading a foreign OpenAPI 3.1 document at run time: a docs-portal team's own operations,
//! validated, signed and simulated with the same rules as the built-in ones.
//!
//! The loader reads each operation's request and success-response schemas into the catalog's
//! own types ([`Endpoint`], [`Field`]), so everything that reads the catalog (validation, the
//! sandbox, the form) works on them unchanged. It accepts the JSON Schema subset KONA PLATE
//! pages use; a keyword that would change validation and is not implemented is refused by name,
//! never ignored. Errors name the JSON pointer and the reason, in English and Korean.
//!
//! A loaded document lives as long as the program: its operations are `&'static`, like the
//! built-in ones (their strings are leaked once). Load a document once, not per request.

use serde_json::{Map, Value};

use super::{
    code as find_code, notes, Code, CodeEntry, DateFormat, DocNote, Endpoint, Field, FieldType, Pattern, Provenance,
    Simulator, Text,
};
use crate::number::ExactInteger;
use crate::text::ko;

/// An operation-level or schema-level problem of a document, refused at load.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LoadError {
    /// JSON pointer to the offending place (`#/paths/~1api~1v1~1x/post/requestBody`).
    pub pointer: String,
    pub message: Text<String>,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message.en)
    }
}

fn error(pointer: &str, en: String, ko: String) -> LoadError {
    LoadError { pointer: pointer.to_string(), message: Text::new(en, ko) }
}

/// OpenAPI 3.0's boolean `exclusiveMinimum: true` (a modifier of `minimum`): 3.1 and JSON Schema
/// 2020-12 write the bound itself there.
fn boolean_bound(key: &str, pointer: &str) -> LoadError {
    error(
        &format!("{pointer}/{key}"),
        format!("{key} must be a number, the bound itself (OpenAPI 3.1); the boolean form of OpenAPI 3.0 is not read"),
        format!(
            "{key}{} 경계값 자체인 숫자여야 합니다(OpenAPI 3.1). OpenAPI 3.0의 불리언 형식은 읽지 않습니다",
            ko::topic(key)
        ),
    )
}

/// The operations of a loaded document, in document order.
#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    pub operations: Vec<&'static Endpoint>,
}

impl Document {
    /// The operation with this `operationId` or path.
    pub fn operation(&self, id_or_path: &str) -> Option<&'static Endpoint> {
        super::find(&self.operations, id_or_path)
    }
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Keywords that change nothing a validator decides: allowed anywhere in a schema.
const ANNOTATIONS: &[&str] =
    &["description", "title", "examples", "example", "default", "deprecated", "readOnly", "writeOnly", "$comment"];

/// Validation keywords konaplate implements, per type (plus `type` and `$ref`).
fn supported(ty: &str) -> &'static [&'static str] {
    match ty {
        "string" => &["minLength", "maxLength", "enum", "format", "pattern", "const"],
        "integer" | "number" => &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "const"],
        "boolean" | "null" => &["const"],
        "object" => &["properties", "required", "additionalProperties", "const"],
        "array" => &["items", "minItems", "maxItems", "const"],
        _ => &[],
    }
}

/// A type list (`type: ["string", "null"]`) as its one non-null type and whether null is
/// accepted; a list of two non-null types (a union) is refused by name.
fn type_list<'v>(list: &'v [Value], pointer: &str) -> Result<(&'v str, bool), LoadError> {
    let names: Option<Vec<&str>> = list.iter().map(Value::as_str).collect();
    let shown = Value::Array(list.to_vec());
    let Some(names) = names.filter(|n| !n.is_empty()) else {
        return Err(error(
            pointer,
            format!("a type list must be a non-empty list of type names (got {shown})"),
            format!("type 목록은 타입 이름의 목록이어야 합니다(비어 있지 않음, 입력: {shown})"),
        ));
    };
    let others: Vec<&str> = names.iter().copied().filter(|n| *n != "null").collect();
    let nulls = names.len() - others.len();
    match (others.as_slice(), nulls) {
        ([one], 0) => Ok((one, false)),
        ([one], 1) => Ok((one, true)),
        ([], 1) => Ok(("null", false)),
        _ => Err(error(
            pointer,
            format!("the type list {shown} is not supported: konaplate checks one type, or one type and \"null\" (such as [\"string\", \"null\"]); a union of types is not implemented"),
            format!("지원하지 않는 type 목록입니다: {shown}. 타입 하나, 또는 타입 하나와 \"null\"(예: [\"string\", \"null\"])만 검사하며 여러 타입의 합은 구현하지 않았습니다"),
        )),
    }
}

struct Loader<'a> {
    root: &'a Value,
    notes: Vec<&'static DocNote>,
    /// The codes the document declares itself (`#/x-konaplate-codes`), beyond the catalog's.
    codes: Vec<CodeEntry>,
}

impl<'a> Loader<'a> {
    /// Follows a local `$ref`, once per level (a cycle is refused by depth).
    fn resolve(&self, node: &'a Value, pointer: &str) -> Result<&'a Value, LoadError> {
        let mut node = node;
        for _ in 0..32 {
            let Some(reference) = node.get("$ref") else { return Ok(node) };
            let target = reference.as_str().and_then(|r| r.strip_prefix('#')).and_then(|p| self.root.pointer(p));
            node = target.ok_or_else(|| {
                error(
                    pointer,
                    format!("$ref {reference} does not point into this document"),
                    format!("$ref {reference}{} 이 문서 안을 가리키지 않습니다", ko::subject(&reference.to_string())),
                )
            })?;
        }
        Err(error(pointer, "$ref chain too deep (a cycle?)".into(), "$ref 연결이 너무 깊습니다(순환?)".into()))
    }

    fn text(&self, node: &Value, key: &str) -> Text {
        let en = node[key].as_str().unwrap_or_default();
        // A foreign document may have no Korean: its English stands in.
        let ko = node["x-konaplate-ko"][key].as_str().unwrap_or(en);
        Text { en: leak(en), ko: leak(ko) }
    }

    fn note(&self, node: &Value, pointer: &str) -> Result<Option<&'static DocNote>, LoadError> {
        let Some(id) = node.get("x-konaplate-note") else { return Ok(None) };
        let id = id.as_str().unwrap_or_default();
        self.notes.iter().copied().find(|n| n.id == id).map(Some).ok_or_else(|| {
            error(
                &format!("{pointer}/x-konaplate-note"),
                format!("unknown documentation note {}", crate::violation::quote(id)),
                format!("알 수 없는 문서 노트 {}", crate::violation::quote(id)),
            )
        })
    }

    fn bound(&self, schema: &Value, key: &str, pointer: &str) -> Result<Option<&'static str>, LoadError> {
        match schema.get(key) {
            None => Ok(None),
            Some(Value::Bool(_)) => Err(boolean_bound(key, pointer)),
            Some(Value::Number(n)) if ExactInteger::parse(&n.to_string()).is_some() => Ok(Some(leak(&n.to_string()))),
            Some(other) => Err(error(
                &format!("{pointer}/{key}"),
                format!("{key} must be an integer written without fraction or exponent (got {other})"),
                format!("{key}{} 소수점이나 지수 없는 정수여야 합니다(입력: {other})", ko::topic(key)),
            )),
        }
    }

    /// A bound of a number field: any JSON number, kept as its exact text.
    fn number_bound(&self, schema: &Value, key: &str, pointer: &str) -> Result<Option<&'static str>, LoadError> {
        match schema.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => Ok(Some(leak(&n.to_string()))),
            Some(Value::Bool(_)) => Err(boolean_bound(key, pointer)),
            Some(other) => Err(error(
                &format!("{pointer}/{key}"),
                format!("{key} must be a number (got {other})"),
                format!("{key}{} 숫자여야 합니다(입력: {other})", ko::topic(key)),
            )),
        }
    }

    /// `pattern`, compiled, or refused with the reason.
    fn pattern(&self, schema: &Value, pointer: &str) -> Result<Option<&'static Pattern>, LoadError> {
        let Some(source) = schema.get("pattern") else { return Ok(None) };
        let here = format!("{pointer}/pattern");
        let Some(source) = source.as_str() else {
            return Err(error(&here, "pattern must be a string".into(), "pattern은 문자열이어야 합니다".into()));
        };
        match Pattern::new(leak(source)) {
            Ok(pattern) => Ok(Some(Box::leak(Box::new(pattern)))),
            Err(reason) => Err(error(
                &here,
                format!("the pattern {} is refused: {}; konaplate never checks a pattern that could mean something else than in JavaScript", crate::violation::quote(source), reason.en),
                format!("패턴 {}{} 쓸 수 없습니다: {}. konaplate는 JavaScript와 다르게 해석될 수 있는 패턴을 검사하지 않습니다", crate::violation::quote(source), ko::topic(source), reason.ko),
            )),
        }
    }

    fn count(&self, schema: &Value, key: &str, pointer: &str) -> Result<Option<usize>, LoadError> {
        match schema.get(key) {
            None => Ok(None),
            Some(v) => v.as_u64().and_then(|n| usize::try_from(n).ok()).map(Some).ok_or_else(|| {
                error(
                    &format!("{pointer}/{key}"),
                    format!("{key} must be a non-negative integer (got {v})"),
                    format!("{key}{} 0 이상의 정수여야 합니다(입력: {v})", ko::topic(key)),
                )
            }),
        }
    }

    /// One schema as a field named `name`.
    fn field(&self, name: &str, node: &'a Value, required: bool, pointer: &str) -> Result<Field, LoadError> {
        let schema = self.resolve(node, pointer)?;
        let Some(map) = schema.as_object() else {
            return Err(error(pointer, "a schema must be an object".into(), "스키마는 객체여야 합니다".into()));
        };
        let (ty, nullable) = match map.get("type") {
            Some(Value::String(ty)) => (ty.as_str(), false),
            Some(Value::Array(list)) => type_list(list, &format!("{pointer}/type"))?,
            Some(other) => {
                return Err(error(
                    &format!("{pointer}/type"),
                    format!("type must be a type name or a list of one type and \"null\" (got {other})"),
                    format!("type은 타입 이름이거나 타입 하나와 \"null\"의 목록이어야 합니다(입력: {other})"),
                ))
            }
            None => {
                return Err(error(pointer, "the schema has no type".into(), "스키마에 type이 없습니다".into()));
            }
        };
        for key in map.keys() {
            let known = key == "type"
                || key == "$ref"
                || key.starts_with("x-")
                || ANNOTATIONS.contains(&key.as_str())
                || supported(ty).contains(&key.as_str());
            if !known {
                return Err(error(
                    &format!("{pointer}/{}", escape(key)),
                    format!("the keyword {key} (on type {ty}) would change validation and konaplate does not implement it; remove it or ask for it"),
                    format!("{key} 키워드({ty} 타입)는 검증을 바꾸지만 konaplate가 구현하지 않았습니다. 지우거나 지원을 요청하세요"),
                ));
            }
        }
        let field_type = match ty {
            "string" => FieldType::String {
                min_len: self.count(schema, "minLength", pointer)?.unwrap_or(0),
                max_len: self.count(schema, "maxLength", pointer)?.unwrap_or(usize::MAX),
                allowed: self.enum_strings(schema, pointer)?,
                pattern: self.pattern(schema, pointer)?,
                format: match schema.get("format").map(|f| f.as_str().unwrap_or_default()) {
                    None => None,
                    Some("yyyyMMdd") => Some(DateFormat::Date),
                    Some("yyyyMMddHHmmss") => Some(DateFormat::DateTime),
                    Some(other) => {
                        return Err(error(
                            &format!("{pointer}/format"),
                            format!(
                                "format {} is not checked by konaplate (yyyyMMdd and yyyyMMddHHmmss are)",
                                crate::violation::quote(other)
                            ),
                            format!(
                                "format {}{} konaplate가 검사하지 않습니다(yyyyMMdd, yyyyMMddHHmmss만 검사)",
                                crate::violation::quote(other),
                                ko::topic(other)
                            ),
                        ))
                    }
                },
            },
            "integer" => FieldType::Integer {
                min: self.bound(schema, "minimum", pointer)?,
                max: self.bound(schema, "maximum", pointer)?,
                exclusive_min: self.bound(schema, "exclusiveMinimum", pointer)?,
                exclusive_max: self.bound(schema, "exclusiveMaximum", pointer)?,
            },
            "number" => FieldType::Number {
                min: self.number_bound(schema, "minimum", pointer)?,
                max: self.number_bound(schema, "maximum", pointer)?,
                exclusive_min: self.number_bound(schema, "exclusiveMinimum", pointer)?,
                exclusive_max: self.number_bound(schema, "exclusiveMaximum", pointer)?,
            },
            "boolean" => FieldType::Boolean,
            "null" => FieldType::Null,
            "object" => FieldType::Object {
                fields: Box::leak(self.fields(schema, pointer)?.into_boxed_slice()),
                closed: match schema.get("additionalProperties") {
                    None | Some(Value::Bool(true)) => false,
                    Some(Value::Bool(false)) => true,
                    Some(_) => {
                        return Err(error(
                            &format!("{pointer}/additionalProperties"),
                            "additionalProperties must be true or false; a schema there is not supported yet".into(),
                            "additionalProperties는 true 또는 false여야 합니다. 스키마는 아직 지원하지 않습니다".into(),
                        ))
                    }
                },
            },
            "array" => {
                let items_pointer = format!("{pointer}/items");
                let Some(items) = schema.get("items") else {
                    return Err(error(
                        &items_pointer,
                        "an array needs items".into(),
                        "배열에는 items가 필요합니다".into(),
                    ));
                };
                let items: &'static Field = Box::leak(Box::new(self.field("items", items, true, &items_pointer)?));
                FieldType::Array {
                    items,
                    min_items: self.count(schema, "minItems", pointer)?.unwrap_or(0),
                    max_items: self.count(schema, "maxItems", pointer)?.unwrap_or(usize::MAX),
                }
            }
            other => {
                let types = "string, integer, number, boolean, null, object";
                return Err(error(
                    &format!("{pointer}/type"),
                    format!("type {} is not supported ({types} and array are)", crate::violation::quote(other)),
                    format!("지원하지 않는 type입니다: {}({types}, array 지원)", crate::violation::quote(other)),
                ));
            }
        };
        Ok(Field {
            name: leak(name),
            ty: field_type,
            required,
            description: self.text(schema, "description"),
            note: self.note(node, pointer)?,
            constant: schema.get("const").map(|c| &*crate::json::text(c).leak()),
            nullable,
        })
    }

    fn enum_strings(&self, schema: &Value, pointer: &str) -> Result<&'static [&'static str], LoadError> {
        let Some(values) = schema.get("enum") else { return Ok(&[]) };
        let strings: Option<Vec<&'static str>> =
            values.as_array().map(|list| list.iter().filter_map(Value::as_str).map(leak).collect());
        match strings {
            Some(list) if !list.is_empty() && Some(list.len()) == values.as_array().map(Vec::len) => {
                Ok(Box::leak(list.into_boxed_slice()))
            }
            _ => Err(error(
                &format!("{pointer}/enum"),
                "enum must be a non-empty list of strings on a string".into(),
                "enum은 string 타입에 문자열 목록(비어 있지 않음)이어야 합니다".into(),
            )),
        }
    }

    /// The properties of an object schema, in document order.
    fn fields(&self, schema: &'a Value, pointer: &str) -> Result<Vec<Field>, LoadError> {
        self.fields_except(schema, pointer, None)
    }

    /// [`Loader::fields`] without the property `skip`.
    fn fields_except(&self, schema: &'a Value, pointer: &str, skip: Option<&str>) -> Result<Vec<Field>, LoadError> {
        let required: Vec<&str> =
            schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        let empty = Map::new();
        let properties = schema.get("properties").and_then(Value::as_object).unwrap_or(&empty);
        for name in &required {
            if !properties.contains_key(*name) {
                return Err(error(
                    &format!("{pointer}/required"),
                    format!("required lists {name}, which is not among the properties"),
                    format!("required에 properties에 없는 {name}{} 있습니다", ko::subject(name)),
                ));
            }
        }
        properties
            .iter()
            .filter(|(name, _)| Some(name.as_str()) != skip)
            .map(|(name, node)| {
                let here = format!("{pointer}/properties/{}", escape(name));
                self.field(name, node, required.contains(&name.as_str()), &here)
            })
            .collect()
    }

    /// The object schema of `content.application/json.schema` under `node`, if any.
    fn body_fields(&self, node: &'a Value, pointer: &str, what: &str) -> Result<Vec<Field>, LoadError> {
        let node = self.resolve(node, pointer)?;
        let Some(schema) = node.pointer("/content/application~1json/schema") else { return Ok(Vec::new()) };
        let here = format!("{pointer}/content/application~1json/schema");
        let schema = self.resolve(schema, &here)?;
        if schema["type"] != "object" {
            return Err(error(
                &here,
                format!("the {what} must be a JSON object schema"),
                format!("{what} 스키마는 JSON 객체여야 합니다"),
            ));
        }
        // KONA PLATE's envelope (`response`) is not a data field.
        self.fields_except(schema, &here, Some("response"))
    }

    /// An operation's `x-konaplate-codes`: codes by their text, each one of the catalog's
    /// (typed) or one the document declares at `#/x-konaplate-codes`, as the built-in document
    /// does. `000_000` is listed even when the operation does not, unless it lists a success
    /// code (HTTP 200) of the document's own.
    fn codes(&self, operation: &Value, pointer: &str) -> Result<(&'static [Code], &'static [CodeEntry]), LoadError> {
        let mut codes = Vec::new();
        let mut own: Vec<CodeEntry> = Vec::new();
        for (i, code) in operation["x-konaplate-codes"].as_array().into_iter().flatten().enumerate() {
            let text = code.as_str().unwrap_or_default();
            match (find_code(text), self.codes.iter().find(|c| c.code == text)) {
                (Some(known), _) => codes.push(known.code),
                (None, Some(declared)) => own.push(*declared),
                (None, None) => {
                    return Err(error(
                        &format!("{pointer}/x-konaplate-codes/{i}"),
                        format!(
                            "unknown response code {code}: an operation lists codes by their text, each one of konaplate's catalog or one declared in #/x-konaplate-codes"
                        ),
                        format!(
                            "알 수 없는 응답 코드 {code}: operation에는 코드를 문자열로 쓰며, konaplate 카탈로그에 있거나 #/x-konaplate-codes에 정의한 코드여야 합니다"
                        ),
                    ))
                }
            }
        }
        if !codes.contains(&Code::Success) && !own.iter().any(|c| c.http == 200) {
            codes.insert(0, Code::Success);
        }
        Ok((Box::leak(codes.into_boxed_slice()), Box::leak(own.into_boxed_slice())))
    }

    /// The document's `#/x-konaplate-codes`: each code declared with its facts. One that is
    /// already in the catalog (the built-in document lists them all) must state the same
    /// status and message; the others become the document's own codes.
    fn declare_codes(&mut self) -> Result<(), LoadError> {
        for (i, node) in self.root["x-konaplate-codes"].as_array().into_iter().flatten().enumerate() {
            let here = format!("#/x-konaplate-codes/{i}");
            let entry = self.own_code(node, &here)?;
            if let Some(known) = find_code(entry.code) {
                if (known.http, known.message) != (entry.http, entry.message) {
                    return Err(error(
                        &here,
                        format!("code {} is in konaplate's catalog with HTTP {} and message {}; a document cannot change them (declare another code)",
                            entry.code, known.http, crate::violation::quote(known.message)),
                        format!("코드 {}{} konaplate 카탈로그에 HTTP {}, 메시지 {}로 있습니다. 문서에서 바꿀 수 없습니다(다른 코드를 정하세요)",
                            entry.code,
                            ko::topic(entry.code),
                            known.http, crate::violation::quote(known.message)),
                    ));
                }
                continue;
            }
            if self.codes.iter().any(|c| c.code == entry.code) {
                return Err(error(
                    &format!("{here}/code"),
                    format!("code {} is declared twice", entry.code),
                    format!("코드 {}{} 두 번 정의되었습니다", entry.code, ko::subject(entry.code)),
                ));
            }
            self.codes.push(entry);
        }
        Ok(())
    }

    /// One code as the document declares it (its `name`, the built-in document's Rust variant,
    /// is not read).
    fn own_code(&self, node: &Value, pointer: &str) -> Result<CodeEntry, LoadError> {
        // Each part is missing or wrong: the error names it and its rule.
        let bad = |key: &str, rule_en: &str, rule_ko: &str| {
            error(
                &format!("{pointer}/{key}"),
                format!("a declared code's {key} must be {rule_en}"),
                format!("직접 정한 코드의 {key}{} {rule_ko}{} 합니다", ko::topic(key), ko::copula(rule_ko)),
            )
        };
        let code = node["code"]
            .as_str()
            .filter(|c| {
                c.len() == 7 && c.bytes().enumerate().all(|(i, b)| if i == 3 { b == b'_' } else { b.is_ascii_digit() })
            })
            .ok_or_else(|| {
                bad(
                    "code",
                    "three digits, '_', three digits (the envelope's response.code, such as 100_001)",
                    "숫자 3자리, '_', 숫자 3자리(응답의 response.code, 예: 100_001)",
                )
            })?;
        let http = node["http"]
            .as_u64()
            .filter(|h| (100..=599).contains(h))
            .and_then(|h| u16::try_from(h).ok())
            .ok_or_else(|| bad("http", "an HTTP status from 100 to 599", "100~599의 HTTP 상태 코드"))?;
        let message = node["message"].as_str().filter(|m| !m.is_empty()).ok_or_else(|| {
            bad("message", "the response.description the server sends", "서버가 보내는 response.description")
        })?;
        if !node["meaning"].is_string() {
            return Err(bad(
                "meaning",
                "what the code means, in English (Korean under x-konaplate-ko)",
                "코드의 의미(영어. 한국어는 x-konaplate-ko)",
            ));
        }
        let provenance = match node.get("provenance").and_then(Value::as_str) {
            None if node.get("provenance").is_none() => Provenance::Published,
            Some("published") => Provenance::Published,
            Some("ours") => Provenance::Ours,
            _ => {
                return Err(bad(
                    "provenance",
                    "published (the API's owner published the code) or ours (assigned by the document's authors)",
                    "published(API 제공자가 공개한 코드) 또는 ours(문서 작성자가 정한 코드)",
                ))
            }
        };
        Ok(CodeEntry {
            code: leak(code),
            http,
            message: leak(message),
            meaning: self.text(node, "meaning"),
            provenance,
        })
    }

    fn simulator(&self, operation: &Value, pointer: &str) -> Result<Option<Simulator>, LoadError> {
        let Some(name) = operation.get("x-konaplate-simulator") else { return Ok(None) };
        Simulator::NAMED.iter().find(|(n, _)| Some(*n) == name.as_str()).map(|(_, s)| Some(*s)).ok_or_else(|| {
            let names = Simulator::NAMED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
            error(
                &format!("{pointer}/x-konaplate-simulator"),
                format!("unknown simulator {name} ({names})"),
                format!("알 수 없는 시뮬레이터 {name}({names})"),
            )
        })
    }

    fn operation(&self, path: &str, method: &str, operation: &'a Value, pointer: &str) -> Result<Endpoint, LoadError> {
        let Some(id) = operation["operationId"].as_str().filter(|id| !id.is_empty()) else {
            return Err(error(
                &format!("{pointer}/operationId"),
                "every operation needs an operationId".into(),
                "모든 operation에는 operationId가 필요합니다".into(),
            ));
        };
        let request = self.body_fields(&operation["requestBody"], &format!("{pointer}/requestBody"), "request body")?;
        let response = match operation.pointer("/responses/200") {
            Some(ok) => self.body_fields(ok, &format!("{pointer}/responses/200"), "response body")?,
            None => Vec::new(),
        };
        let mut doc_notes = Vec::new();
        for (i, id) in operation["x-konaplate-notes"].as_array().into_iter().flatten().enumerate() {
            let note = self.notes.iter().copied().find(|n| Some(n.id) == id.as_str()).ok_or_else(|| {
                error(
                    &format!("{pointer}/x-konaplate-notes/{i}"),
                    format!("unknown documentation note {id}"),
                    format!("알 수 없는 문서 노트 {id}"),
                )
            })?;
            doc_notes.push(note);
        }
        let summary = if operation["summary"].is_string() { "summary" } else { "operationId" };
        let (codes, own_codes) = self.codes(operation, pointer)?;
        Ok(Endpoint {
            id: leak(id),
            operation: None,
            tag: leak(operation["tags"][0].as_str().unwrap_or_default()),
            name: self.text(operation, summary),
            summary: self.text(operation, "description"),
            method: leak(&method.to_ascii_uppercase()),
            path: leak(path),
            version: leak(operation["x-konaplate-version"].as_str().unwrap_or_default()),
            encrypted: operation["x-konaplate-encryption"]["request"] == Value::Bool(true),
            response_encrypted: operation["x-konaplate-encryption"]["response"] == Value::Bool(true),
            simulator: self.simulator(operation, pointer)?,
            request: Box::leak(request.into_boxed_slice()),
            response: Box::leak(response.into_boxed_slice()),
            codes,
            own_codes,
            notes: Box::leak(doc_notes.into_boxed_slice()),
        })
    }
}

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch"];

/// Reads a document's operations. Nothing is kept when it fails.
pub fn load(text: &str) -> Result<Document, LoadError> {
    let root: Value = crate::json::read(text).map_err(|e| {
        error("#", format!("the document is not JSON: {e}"), format!("문서가 올바른 JSON이 아닙니다: {e}"))
    })?;
    match root["openapi"].as_str() {
        Some(v) if v.starts_with("3.1") => {}
        other => {
            return Err(error(
                "#/openapi",
                format!("konaplate reads OpenAPI 3.1 documents (got {})", other.unwrap_or("no version")),
                format!("konaplate는 OpenAPI 3.1 문서를 읽습니다(입력: {})", other.unwrap_or("버전 없음")),
            ))
        }
    }
    let mut loader = Loader { root: &root, notes: notes::ALL.to_vec(), codes: Vec::new() };
    for (i, note) in root["x-konaplate-notes"].as_array().into_iter().flatten().enumerate() {
        let Some(id) = note["id"].as_str() else {
            return Err(error(
                &format!("#/x-konaplate-notes/{i}/id"),
                "a note needs an id".into(),
                "노트에는 id가 필요합니다".into(),
            ));
        };
        let text = loader.text(note, "text");
        loader.notes.push(Box::leak(Box::new(DocNote { id: leak(id), text })));
    }
    loader.declare_codes()?;
    let Some(paths) = root["paths"].as_object() else {
        return Err(error("#/paths", "the document has no paths".into(), "문서에 paths가 없습니다".into()));
    };
    let mut operations: Vec<&'static Endpoint> = Vec::new();
    for (path, item) in paths {
        for method in METHODS {
            let Some(operation) = item.get(*method) else { continue };
            let pointer = format!("#/paths/{}/{method}", escape(path));
            let endpoint = loader.operation(path, method, operation, &pointer)?;
            if operations.iter().any(|e| e.id == endpoint.id) {
                return Err(error(
                    &format!("{pointer}/operationId"),
                    format!("operationId {} is used twice", endpoint.id),
                    format!("operationId {}{} 두 번 쓰였습니다", endpoint.id, ko::subject(endpoint.id)),
                ));
            }
            operations.push(Box::leak(Box::new(endpoint)));
        }
    }
    if operations.is_empty() {
        return Err(error("#/paths", "the document has no operation".into(), "문서에 operation이 없습니다".into()));
    }
    let title = root["info"]["title"].as_str().unwrap_or("OpenAPI document").to_string();
    Ok(Document { title, operations })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;
    use crate::validate::validate_body;
    use crate::violation::{Rule, Severity};

    const FOREIGN: &str = include_str!("../../../../testdata/foreign-openapi.json");

    fn errors(endpoint: &Endpoint, body: &str) -> Vec<(String, Rule)> {
        validate_body(endpoint, body)
            .into_iter()
            .filter(|v| v.severity == Severity::Error)
            .map(|v| (v.location.clone(), v.rule()))
            .collect()
    }

    const GOOD: &str = r#"{"orderId":1234567890123456789,"channel":"APP","orderDate":"20261202","buyer":{"name":"김코나","address":{"zip":"06236"}},"items":[{"sku":"SKU-1","quantity":2,"price":1500.5}],"gift":false}"#;

    #[test]
    fn the_foreign_document_loads_with_nested_fields() {
        let doc = load(FOREIGN).unwrap();
        let op = doc.operation("createOrder").unwrap();
        assert_eq!(doc.operation("/api/v1/example/orders").map(|e| e.id), Some("createOrder"));
        assert_eq!((op.method, op.operation, op.simulator), ("POST", None, None));
        let names: Vec<&str> = op.request.iter().map(|f| f.name).collect();
        assert_eq!(
            names,
            [
                "orderId",
                "channel",
                "orderDate",
                "buyer",
                "items",
                "couponCode",
                "discountRate",
                "priority",
                "currency",
                "formatVersion",
                "gift"
            ]
        );
        assert!(matches!(op.request[4].ty, FieldType::Array { min_items: 1, max_items: 20, .. }));
        assert_eq!(op.codes, [Code::InvalidInput], "its own success code replaces 000_000");
    }

    #[test]
    fn a_document_declares_its_own_codes_with_texts_and_provenance() {
        let op = load(FOREIGN).unwrap().operation("createOrder").unwrap();
        let own: Vec<(&str, u16, Provenance)> = op.own_codes.iter().map(|c| (c.code, c.http, c.provenance)).collect();
        assert_eq!(
            own,
            [
                ("100_000", 200, Provenance::Published),
                ("100_409", 409, Provenance::Published),
                ("100_901", 400, Provenance::Ours)
            ]
        );
        let stock = op.code_entry("100_409").unwrap();
        assert_eq!(
            (stock.message, stock.meaning.ko),
            ("Out of stock.", "주문한 상품 중 재고가 없는 것이 있어 아무것도 주문하지 않았습니다.")
        );
        assert_eq!(op.success_code().code, "100_000");
        assert!(op.documents("100_409") && op.documents("000_002") && !op.documents("000_000"));
        // The catalog's codes are still known to it (for an answer it does not document).
        assert_eq!(op.code_entry("007_008").map(|c| c.http), Some(400));
        assert_eq!(op.code_entry("123_456"), None);
        assert_eq!(super::super::CHARGE_ENDPOINT.success_code().code, "000_000");
    }

    #[test]
    fn a_declared_code_is_refused_with_its_pointer_when_incomplete_or_ambiguous() {
        let doc: Value = serde_json::from_str(FOREIGN).unwrap();
        let declaring = |entry: &str| {
            let mut doc = doc.clone();
            doc["x-konaplate-codes"][0] = serde_json::from_str(entry).unwrap();
            doc.to_string()
        };
        let cases: &[(&str, &str, &str)] = &[
            (
                r#"{"code":"100-000","http":200,"message":"m","meaning":"x"}"#,
                "#/x-konaplate-codes/0/code",
                "three digits",
            ),
            (
                r#"{"code":"007_008","http":200,"message":"m","meaning":"x"}"#,
                "#/x-konaplate-codes/0",
                "cannot change them",
            ),
            (
                r#"{"code":"100_000","http":99,"message":"m","meaning":"x"}"#,
                "#/x-konaplate-codes/0/http",
                "HTTP status",
            ),
            (r#"{"code":"100_000","http":200,"meaning":"x"}"#, "#/x-konaplate-codes/0/message", "message must be"),
            (r#"{"code":"100_000","http":200,"message":"m"}"#, "#/x-konaplate-codes/0/meaning", "meaning must be"),
            (
                r#"{"code":"100_000","http":200,"message":"m","meaning":"x","provenance":"theirs"}"#,
                "#/x-konaplate-codes/0/provenance",
                "published",
            ),
            (
                r#"{"code":"100_409","http":200,"message":"m","meaning":"x"}"#,
                "#/x-konaplate-codes/1/code",
                "declared twice",
            ),
            // 100_000 no longer declared: the operation lists an unknown code.
            (
                r#"{"code":"100_001","http":200,"message":"m","meaning":"x"}"#,
                "/post/x-konaplate-codes/1",
                "declared in #/x-konaplate-codes",
            ),
        ];
        for (entry, pointer, reason) in cases {
            let e = load(&declaring(entry)).unwrap_err();
            assert!(e.pointer.ends_with(pointer), "{entry}: {}", e.pointer);
            assert!(e.message.en.contains(reason), "{entry}: {}", e.message.en);
            assert!(e.message.ko.chars().any(|c| ('가'..='힣').contains(&c)), "{entry}: {}", e.message.ko);
        }
        // A catalog code declared with the catalog's own facts is the catalog's (the built-in document does so).
        let same = r#"{"code":"000_002","http":400,"message":"Invalid input parameter.","meaning":"x"}"#;
        let known = super::super::code("000_002").unwrap();
        assert_eq!(
            (known.http, known.message),
            (400, "Invalid input parameter."),
            "the case above states the catalog's facts"
        );
        let mut doc = doc.clone();
        doc["x-konaplate-codes"].as_array_mut().unwrap().push(serde_json::from_str(same).unwrap());
        let op = load(&doc.to_string()).unwrap().operation("createOrder").unwrap();
        assert_eq!((op.codes, op.own_codes.len()), (&[Code::InvalidInput][..], 3));
    }

    #[test]
    fn foreign_bodies_are_validated_at_every_depth_with_exact_big_integers() {
        let op = load(FOREIGN).unwrap().operation("createOrder").unwrap();
        assert_eq!(errors(op, GOOD), []);
        let cases: &[(&str, &str, Rule)] = &[
            (r#""orderId":1234567890123456789"#, r#""orderId":10000000000000000000"#, Rule::Maximum),
            (r#""channel":"APP""#, r#""channel":"FAX""#, Rule::Enum),
            (r#""orderDate":"20261202""#, r#""orderDate":"20261302""#, Rule::Date),
            (r#""zip":"06236""#, r#""zip":"0623""#, Rule::Length),
            (r#""quantity":2"#, r#""quantity":2.0"#, Rule::Integer),
            (r#""price":1500.5"#, r#""price":"1500""#, Rule::Type),
            (r#"[{"sku""#, r#"[{"color":"red","sku""#, Rule::UnknownField),
            (r#""items":[{"sku":"SKU-1","quantity":2,"price":1500.5}]"#, r#""items":[]"#, Rule::MinItems),
            (r#""gift":false"#, r#""gift":"no""#, Rule::Type),
            (r#""price":1500.5"#, r#""price":0"#, Rule::ExclusiveMinimum),
            (r#""price":1500.5"#, r#""price":-0.0"#, Rule::ExclusiveMinimum),
            (r#""gift":false"#, r#""gift":false,"couponCode":"ABC-12345""#, Rule::Pattern),
            (r#""gift":false"#, r#""gift":false,"couponCode":"abc-1234""#, Rule::Pattern),
            (r#""gift":false"#, r#""gift":false,"couponCode":"ABC-١٢٣٤""#, Rule::Pattern),
            (r#""gift":false"#, r#""gift":false,"discountRate":0"#, Rule::ExclusiveMinimum),
            (r#""gift":false"#, r#""gift":false,"discountRate":1.0"#, Rule::ExclusiveMaximum),
            (r#""gift":false"#, r#""gift":false,"discountRate":1e0"#, Rule::ExclusiveMaximum),
            (r#""gift":false"#, r#""gift":false,"priority":0"#, Rule::ExclusiveMinimum),
            (r#""gift":false"#, r#""gift":false,"priority":10"#, Rule::ExclusiveMaximum),
            (r#""gift":false"#, r#""gift":false,"currency":"USD""#, Rule::Const),
            (r#""gift":false"#, r#""gift":false,"formatVersion":2"#, Rule::Const),
            (r#""gift":false"#, r#""gift":false,"formatVersion":"1""#, Rule::Const),
        ];
        for (from, to, rule) in cases {
            let body = GOOD.replace(from, to);
            let found = errors(op, &body);
            assert!(found.iter().any(|(_, r)| r == rule), "{to}: {found:?}");
        }
        let missing = GOOD.replace(r#","address":{"zip":"06236"}"#, "");
        assert_eq!(errors(op, &missing), [("$.buyer.address".to_string(), Rule::Required)]);
        let within = GOOD.replace(
            r#""gift":false"#,
            r#""gift":false,"couponCode":"ABC-1234","discountRate":0.999999999999999999999,"priority":9,"currency":"KRW","formatVersion":1.0"#,
        );
        assert_eq!(errors(op, &within), [], "exact bounds, 1.0 is the const 1");
        let wrong_item = GOOD.replace(r#""quantity":2"#, r#""quantity":0"#);
        assert_eq!(errors(op, &wrong_item), [("$.items[0].quantity".to_string(), Rule::Minimum)]);
    }

    #[test]
    fn the_example_body_of_a_loaded_operation_is_valid() {
        let op = load(FOREIGN).unwrap().operation("createOrder").unwrap();
        assert_eq!(errors(op, &crate::sandbox::example_body(op)), []);
    }

    #[test]
    fn a_broken_document_is_refused_with_pointer_and_reason() {
        let cases: &[(&str, &str, &str)] = &[
            ("not json", "#", "not JSON"),
            (r##"{"openapi":"3.0.3","paths":{}}"##, "#/openapi", "OpenAPI 3.1"),
            (r##"{"openapi":"3.1.0","paths":{}}"##, "#/paths", "no operation"),
            (
                r##"{"openapi":"3.1.0","paths":{"/x":{"post":{"requestBody":{}}}}}"##,
                "#/paths/~1x/post/operationId",
                "operationId",
            ),
            (
                r##"{"openapi":"3.1.0","paths":{"/x":{"post":{"operationId":"x","requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{"a":{"type":"integer","multipleOf":5}}}}}}}}}}"##,
                "#/paths/~1x/post/requestBody/content/application~1json/schema/properties/a/multipleOf",
                "keyword multipleOf",
            ),
            (
                r##"{"openapi":"3.1.0","paths":{"/x":{"post":{"operationId":"x","requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{"a":{"type":"string","pattern":"^(?=a)"}}}}}}}}}}"##,
                "#/paths/~1x/post/requestBody/content/application~1json/schema/properties/a/pattern",
                "lookahead",
            ),
            (
                r##"{"openapi":"3.1.0","paths":{"/x":{"post":{"operationId":"x","requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{"a":{"type":"string","pattern":"(a)\\1"}}}}}}}}}}"##,
                "#/paths/~1x/post/requestBody/content/application~1json/schema/properties/a/pattern",
                "backreference",
            ),
            (
                r##"{"openapi":"3.1.0","paths":{"/x":{"post":{"operationId":"x","requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{"a":{"type":"string","pattern":"\\p{L}"}}}}}}}}}}"##,
                "#/paths/~1x/post/requestBody/content/application~1json/schema/properties/a/pattern",
                "Unicode property",
            ),
            (
                r##"{"openapi":"3.1.0","paths":{"/x":{"post":{"operationId":"x","requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{"n":{"type":"number","minimum":0,"exclusiveMinimum":true}}}}}}}}}}"##,
                "#/paths/~1x/post/requestBody/content/application~1json/schema/properties/n/exclusiveMinimum",
                "boolean form of OpenAPI 3.0",
            ),
            (
                r##"{"openapi":"3.1.0","paths":{"/x":{"post":{"operationId":"x","requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{"n":{"type":"integer","exclusiveMaximum":0.5}}}}}}}}}}"##,
                "#/paths/~1x/post/requestBody/content/application~1json/schema/properties/n/exclusiveMaximum",
                "integer",
            ),
            (
                r##"{"openapi":"3.1.0","paths":{"/x":{"post":{"operationId":"x","requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{"n":{"type":"number","maximum":"1"}}}}}}}}}}"##,
                "#/paths/~1x/post/requestBody/content/application~1json/schema/properties/n/maximum",
                "must be a number",
            ),
            (
                r##"{"openapi":"3.1.0","paths":{"/x":{"post":{"operationId":"x","requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{"a":{"$ref":"#/nope"}}}}}}}}}}"##,
                "#/paths/~1x/post/requestBody/content/application~1json/schema/properties/a",
                "does not point",
            ),
            (
                r##"{"openapi":"3.1.0","paths":{"/x":{"post":{"operationId":"x","x-konaplate-codes":["123_456"]}}}}"##,
                "#/paths/~1x/post/x-konaplate-codes/0",
                "unknown response code",
            ),
            (
                r##"{"openapi":"3.1.0","paths":{"/x":{"post":{"operationId":"x","requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{"n":{"type":"integer","minimum":1.5}}}}}}}}}}"##,
                "#/paths/~1x/post/requestBody/content/application~1json/schema/properties/n/minimum",
                "integer",
            ),
        ];
        for (text, pointer, reason) in cases {
            let e = load(text).unwrap_err();
            assert_eq!(e.pointer, *pointer, "{text}");
            assert!(e.message.en.contains(reason), "{}: {}", text, e.message.en);
            assert!(!e.message.ko.is_empty());
        }
    }

    /// A one-operation document whose body has the properties `properties` (JSON text).
    fn with_properties(properties: &str, required: &str) -> String {
        format!(
            r##"{{"openapi":"3.1.0","paths":{{"/x":{{"post":{{"operationId":"x","requestBody":{{"content":{{"application/json":{{"schema":{{"type":"object","required":{required},"properties":{properties}}}}}}}}}}}}}}}}}"##
        )
    }

    #[test]
    fn a_type_list_with_null_accepts_null_as_well_as_the_type() {
        let text = with_properties(
            r#"{"s":{"type":["string","null"],"minLength":2},"n":{"type":["null","integer"],"minimum":1},"o":{"type":["object","null"],"properties":{"a":{"type":"boolean"}}},"z":{"type":"null"},"l":{"type":["null"]},"e":{"type":["string","null"],"enum":["A"]},"plain":{"type":"string"}}"#,
            r#"["s","n","o","z","plain","e"]"#,
        );
        let doc = load(&text).unwrap();
        let op = doc.operation("x").unwrap();
        let shape: Vec<(&str, bool, bool)> =
            op.request.iter().map(|f| (f.name, f.nullable, matches!(f.ty, FieldType::Null))).collect();
        assert_eq!(
            shape,
            [
                ("s", true, false),
                ("n", true, false),
                ("o", true, false),
                ("z", false, true),
                ("l", false, true),
                ("e", true, false),
                ("plain", false, false)
            ]
        );
        let ok = r#"{"s":null,"n":null,"o":null,"z":null,"plain":"p","e":"A"}"#;
        assert_eq!(errors(op, ok), []);
        assert_eq!(errors(op, r#"{"s":"ab","n":1,"o":{"a":true},"z":null,"plain":"p","l":null,"e":"A"}"#), []);
        let cases: &[(&str, &str, Rule)] = &[
            (r#""s":null"#, r#""s":"a""#, Rule::MinLength),
            (r#""s":null"#, r#""s":1"#, Rule::Type),
            (r#""n":null"#, r#""n":0"#, Rule::Minimum),
            (r#""n":null"#, r#""n":"1""#, Rule::Type),
            (r#""o":null"#, r#""o":{"a":1}"#, Rule::Type),
            (r#""o":null"#, r#""o":[]"#, Rule::Type),
            (r#""z":null"#, r#""z":0"#, Rule::Type),
            (r#""z":null"#, r#""z":"null""#, Rule::Type),
            (r#""plain":"p""#, r#""plain":null"#, Rule::Type),
            // `enum` applies to null too, and lists only strings (an optional field's null is
            // its absence, as everywhere).
            (r#""e":"A""#, r#""e":null"#, Rule::Enum),
            (r#""e":"A""#, r#""e":"B""#, Rule::Enum),
        ];
        for (from, to, rule) in cases {
            let body = ok.replace(from, to);
            let found = errors(op, &body);
            assert_eq!(found.iter().map(|(_, r)| *r).collect::<Vec<_>>(), [*rule], "{body}");
        }
        let wrong = validate_body(op, &ok.replace(r#""s":null"#, r#""s":1"#));
        assert_eq!((wrong[0].expected.as_str(), wrong[0].got.as_str()), ("string or null", "number"));
        assert_eq!(wrong[0].message(Lang::En), "s must be a string or null (got number).");
        assert_eq!(wrong[0].message(Lang::Ko), "s: 문자열 또는 null이어야 합니다(입력: 숫자).");
        let wrong = validate_body(op, &ok.replace(r#""z":null"#, r#""z":0"#));
        assert_eq!(wrong[0].message(Lang::En), "z must be null (got number).");
        assert!(op.request[0].bounds().ends_with("characters, or null"), "{}", op.request[0].bounds());
        assert_eq!(op.request[3].bounds_in(Lang::Ko), "null");
        assert_eq!(errors(op, &crate::sandbox::example_body(op)), []);
    }

    #[test]
    fn a_type_list_other_than_one_type_and_null_is_refused_by_name() {
        let at = "#/paths/~1x/post/requestBody/content/application~1json/schema/properties/a/type";
        let cases: &[(&str, &str)] = &[
            (r#"["string","integer"]"#, "a union of types is not implemented"),
            (r#"["string","null","integer"]"#, "a union of types is not implemented"),
            (r#"["null","null"]"#, "a union of types is not implemented"),
            (r#"["string","string"]"#, "a union of types is not implemented"),
            (r#"[]"#, "non-empty list of type names"),
            (r#"["string",1]"#, "non-empty list of type names"),
            (r#"1"#, "a type name or a list of one type and \"null\""),
            (r#"["date","null"]"#, "type \"date\" is not supported"),
        ];
        for (list, reason) in cases {
            let text = with_properties(&format!(r#"{{"a":{{"type":{list}}}}}"#), "[]");
            let e = load(&text).unwrap_err();
            assert_eq!(e.pointer, at, "{list}");
            assert!(e.message.en.contains(reason), "{list}: {}", e.message.en);
            assert!(e.message.ko.chars().any(|c| ('가'..='힣').contains(&c)), "{list}: {}", e.message.ko);
        }
        // A keyword of the other type stays refused on a nullable field.
        let text = with_properties(r#"{"a":{"type":["integer","null"],"minLength":1}}"#, "[]");
        let e = load(&text).unwrap_err();
        assert!(e.pointer.ends_with("/properties/a/minLength") && e.message.en.contains("keyword minLength"), "{e:?}");
    }

    #[test]
    #[cfg_attr(feature = "lean-catalog", ignore = "compares the catalog's prose, which lean-catalog leaves out")]
    fn the_built_in_document_loads_into_the_same_operations() {
        let doc = load(&serde_json::to_string(&crate::openapi::document(None)).unwrap()).unwrap();
        for built_in in super::super::ENDPOINTS {
            let loaded = doc.operation(built_in.id).unwrap();
            assert_eq!(loaded.request, built_in.request, "{}", built_in.id);
            assert_eq!(loaded.response, built_in.response, "{}", built_in.id);
            assert_eq!(
                (loaded.codes, loaded.simulator, loaded.notes),
                (built_in.codes, built_in.simulator, built_in.notes)
            );
            assert!(loaded.own_codes.is_empty(), "the built-in document's codes are the catalog's");
        }
    }
}
