//! The generated outputs: the catalog as Rust statics, and the assembled document as JSON.

use std::fmt::Write;

use serde_json::Value;

use crate::document::{resolve, Document};

/// The assembled document, pretty-printed (numbers keep their exact text).
pub fn json(doc: &Value) -> String {
    let mut text = serde_json::to_string_pretty(doc).expect("a Value always serialises");
    text.push('\n');
    text
}

/// A Rust string literal (`Debug` escapes quotes, backslashes and control characters).
fn lit(text: &str) -> String {
    format!("{text:?}")
}

fn text(node: &Value, key: &str, here: &str) -> Result<String, String> {
    // Prose only a reader of the catalog sees is `prose` (empty under the core's `lean-catalog`);
    // names and header rules, which messages quote, are `t`.
    text_with(node, key, here, if PROSE.contains(&key) { "prose" } else { "t" })
}

/// `function(en, ko)` for the translated `key` of `node`.
fn text_with(node: &Value, key: &str, here: &str, function: &str) -> Result<String, String> {
    let en = node[key].as_str().ok_or_else(|| format!("{here}/{key}: missing"))?;
    let ko = node["x-konaplate-ko"][key].as_str().ok_or_else(|| format!("{here}/x-konaplate-ko/{key}: missing"))?;
    Ok(format!("{function}({}, {})", lit(en), lit(ko)))
}

/// The translated keys written with `prose`: descriptions, code meanings, Test Data triggers.
const PROSE: &[&str] = &["description", "meaning", "trigger"];

/// The documentation notes whose text a validation message quotes (`notes::NAME` in the core's
/// code): written with `t`. Every other note is `prose`, shown only by readers of the catalog.
/// The core's lean-catalog test fails when its code quotes a note missing here.
const QUOTED_NOTES: &[&str] = &["tran-token-length", "encryption-plain-body"];

fn str_at<'a>(node: &'a Value, key: &str, here: &str) -> Result<&'a str, String> {
    node[key].as_str().ok_or_else(|| format!("{here}/{key}: must be a string"))
}

/// `tran-token-length` → `TRAN_TOKEN_LENGTH`; `aspId` → `ASP_ID`.
fn screaming(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c == '-' || c == '_' {
            out.push('_');
        } else if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
            out.push(c);
        } else {
            out.push(c.to_ascii_uppercase());
        }
    }
    out
}

/// `one-time-token` → `OneTimeToken`; `aspId` → `AspId`.
fn pascal(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c == '-' || c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn note_ref(note: &Value) -> String {
    match note.as_str() {
        Some(id) => format!("Some(&notes::{})", screaming(id)),
        None => "None".to_string(),
    }
}

fn number_text(node: &Value, key: &str, here: &str) -> Result<String, String> {
    match &node[key] {
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(format!("{here}/{key}: must be a number")),
    }
}

/// One property of an object schema as a `Field` (nested objects and arrays inline).
fn field(root: &Value, name: &str, schema: &Value, required: bool, here: &str) -> Result<String, String> {
    let resolved = resolve(root, schema)?;
    // The run-time loader implements these; the generated statics do not carry them yet, so a
    // built-in field using one is refused rather than silently generated without it.
    for keyword in ["pattern", "const", "exclusiveMinimum", "exclusiveMaximum"] {
        if resolved.get(keyword).is_some() {
            return Err(format!(
                "{here}/{keyword}: the built-in catalog does not generate {keyword} (a loaded document may use it)"
            ));
        }
    }
    if resolved["type"] == "number" && (resolved.get("minimum").is_some() || resolved.get("maximum").is_some()) {
        return Err(format!("{here}: the built-in catalog does not generate bounds on a number field"));
    }
    let ty = match resolved["type"].as_str() {
        Some("string") => {
            let allowed: Vec<String> =
                resolved["enum"].as_array().into_iter().flatten().filter_map(Value::as_str).map(lit).collect();
            let min = resolved["minLength"].as_u64().unwrap_or(0);
            let max = resolved["maxLength"].as_u64().map_or("usize::MAX".to_string(), |m| m.to_string());
            let format = match resolved["format"].as_str() {
                None => "None",
                Some("yyyyMMdd") => "Some(DateFormat::Date)",
                Some("yyyyMMddHHmmss") => "Some(DateFormat::DateTime)",
                Some(other) => return Err(format!("{here}/format: {other} is not a format konaplate checks")),
            };
            format!(
                "FieldType::String {{ min_len: {min}, max_len: {max}, allowed: &[{}], format: {format}, pattern: None }}",
                allowed.join(", ")
            )
        }
        Some("integer") => format!(
            "FieldType::Integer {{ min: Some({}), max: Some({}), exclusive_min: None, exclusive_max: None }}",
            lit(&number_text(resolved, "minimum", here)?),
            lit(&number_text(resolved, "maximum", here)?)
        ),
        Some("number") => {
            "FieldType::Number { min: None, max: None, exclusive_min: None, exclusive_max: None }".to_string()
        }
        Some("boolean") => "FieldType::Boolean".to_string(),
        Some("object") => format!(
            "FieldType::Object {{ fields: {}, closed: {} }}",
            fields(root, resolved, here)?,
            resolved["additionalProperties"] == Value::Bool(false)
        ),
        Some("array") => format!(
            "FieldType::Array {{ items: &{}, min_items: {}, max_items: {} }}",
            field(root, "items", &resolved["items"], true, &format!("{here}/items"))?,
            resolved["minItems"].as_u64().unwrap_or(0),
            resolved["maxItems"].as_u64().map_or("usize::MAX".to_string(), |m| m.to_string()),
        ),
        other => return Err(format!("{here}/type: {other:?} is not a field type the catalog knows")),
    };
    Ok(format!(
        "Field {{ name: {}, ty: {ty}, required: {required}, description: {}, note: {}, constant: None, nullable: false }}",
        lit(name),
        text(resolved, "description", here)?,
        note_ref(&schema["x-konaplate-note"]),
    ))
}

/// The properties of an object schema (the envelope's `response` left out) as `&[Field]`.
fn fields(root: &Value, schema: &Value, here: &str) -> Result<String, String> {
    let schema = resolve(root, schema)?;
    let required: Vec<&str> = schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    let mut out = Vec::new();
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        if name == "response" {
            continue;
        }
        out.push(field(root, name, property, required.contains(&name.as_str()), &format!("{here}/properties/{name}"))?);
    }
    if out.is_empty() {
        return Ok("&[]".to_string());
    }
    Ok(format!("&[\n            {},\n        ]", out.join(",\n            ")))
}

fn header_specs(root: &Value, out: &mut String) -> Result<(), String> {
    let parameters = root["components"]["parameters"].as_object().ok_or("#/components/parameters: missing")?;
    let mut specs = Vec::new();
    for (key, parameter) in parameters {
        let here = format!("#/components/parameters/{key}");
        let name = str_at(parameter, "name", &here)?;
        let x = &parameter["x-konaplate-header"];
        let format = str_at(x, "format", &format!("{here}/x-konaplate-header"))?;
        writeln!(out, "pub const {}: &str = {};", screaming(format), lit(name)).unwrap();
        specs.push(format!(
            "    HeaderSpec {{\n        name: {},\n        requirement: Requirement::{},\n        documented_length: {},\n        format: HeaderFormat::{},\n        rule: {},\n        description: {},\n        secret: {},\n        note: {},\n    }},",
            screaming(format),
            pascal(str_at(x, "requirement", &here)?),
            x["documentedLength"].as_u64().ok_or_else(|| format!("{here}/x-konaplate-header/documentedLength: missing"))?,
            pascal(format),
            text(x, "rule", &format!("{here}/x-konaplate-header"))?,
            text(parameter, "description", &here)?,
            x["secret"].as_bool().unwrap_or(false),
            note_ref(&x["note"]),
        ));
    }
    writeln!(out, "\n/// The X-KM request headers, in the order the portal lists them.").unwrap();
    writeln!(out, "pub static HEADERS: &[HeaderSpec] = &[\n{}\n];", specs.join("\n")).unwrap();
    Ok(())
}

fn notes(root: &Value, out: &mut String) -> Result<(), String> {
    out.push_str("pub mod notes {\n    //! Every documentation note, by name, so code can point at the one it acts on.\n    use super::super::{prose, t, DocNote};\n\n");
    let mut names = Vec::new();
    for (i, note) in root["x-konaplate-notes"].as_array().into_iter().flatten().enumerate() {
        let here = format!("#/x-konaplate-notes/{i}");
        let id = str_at(note, "id", &here)?;
        let name = screaming(id);
        writeln!(
            out,
            "    pub const {name}: DocNote = DocNote {{ id: {}, text: {} }};",
            lit(id),
            text_with(note, "text", &here, if QUOTED_NOTES.contains(&id) { "t" } else { "prose" })?
        )
        .unwrap();
        names.push(format!("&{name}"));
    }
    writeln!(out, "\n    pub const ALL: &[&DocNote] = &[{}];\n}}", names.join(", ")).unwrap();
    Ok(())
}

fn codes(root: &Value, out: &mut String) -> Result<(), String> {
    let mut variants = Vec::new();
    let mut entries = Vec::new();
    for (i, code) in root["x-konaplate-codes"].as_array().into_iter().flatten().enumerate() {
        let here = format!("#/x-konaplate-codes/{i}");
        let name = str_at(code, "name", &here)?;
        variants.push((name.to_string(), str_at(code, "code", &here)?.to_string(), str_at(code, "message", &here)?));
        entries.push(response_code(code, &here, false)?);
    }
    out.push_str("/// A response code of the document, checked at build time: a typo is a compile error.\n");
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum Code {\n");
    for (name, code, message) in &variants {
        writeln!(out, "    /// `{code}` {message}").unwrap();
        writeln!(out, "    {name},").unwrap();
    }
    out.push_str("}\n\nimpl Code {\n    /// Every code, in the order of [`CODES`].\n    pub const ALL: &[Code] = &[");
    out.push_str(&variants.iter().map(|(name, ..)| format!("Code::{name}")).collect::<Vec<_>>().join(", "));
    out.push_str("];\n\n    /// The code as servers send it, e.g. `007_008`.\n    pub const fn as_str(self) -> &'static str {\n        match self {\n");
    for (name, code, _) in &variants {
        writeln!(out, "            Code::{name} => {},", lit(code)).unwrap();
    }
    out.push_str(
        "        }\n    }\n}\n\n/// Every response code konaplate knows: those KONA PLATE published, then ours.\n",
    );
    writeln!(out, "pub static CODES: &[ResponseCode] = &[\n{}\n];", entries.join("\n")).unwrap();
    Ok(())
}

/// A `ResponseCode` entry; `stub` leaves out its message and meaning (the page's first load has
/// those of a code only operations beyond the charge flow answer as stubs).
fn response_code(code: &Value, here: &str, stub: bool) -> Result<String, String> {
    let provenance = match str_at(code, "provenance", here)? {
        "published" => "Published",
        "ours" => "Ours",
        other => return Err(format!("{here}/provenance: {other} is neither published nor ours")),
    };
    let (message, meaning) = if stub {
        (lit(""), "t(\"\", \"\")".to_string())
    } else {
        (lit(str_at(code, "message", here)?), text(code, "meaning", here)?)
    };
    Ok(format!(
        "    ResponseCode {{ code: Code::{}, http: {}, message: {message}, meaning: {meaning}, provenance: Provenance::{provenance} }},",
        str_at(code, "name", here)?,
        code["http"].as_u64().ok_or_else(|| format!("{here}/http: missing"))?,
    ))
}

/// Every code an operation names: its own list, its scenarios' and its Test Data's.
fn codes_named(op: &Value) -> Vec<&Value> {
    let each = |key: &str| op[key].as_array().into_iter().flatten().map(|v| &v["code"]);
    op["x-konaplate-codes"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(each("x-konaplate-scenarios"))
        .chain(each("x-konaplate-test-data"))
        .collect()
}

fn scenarios(root: &Value, operation: &Value, here: &str, out: &mut String) -> Result<(), String> {
    let Some(list) = operation["x-konaplate-scenarios"].as_array() else { return Ok(()) };
    let mut entries = Vec::new();
    for (i, s) in list.iter().enumerate() {
        let here = format!("{here}/x-konaplate-scenarios/{i}");
        let code = str_at(s, "code", &here)?;
        let name = root["x-konaplate-codes"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["code"] == code)
            .and_then(|c| c["name"].as_str())
            .ok_or_else(|| format!("{here}/code: unknown code {code}"))?;
        let body = serde_json::to_string(&s["body"]).map_err(|e| format!("{here}/body: {e}"))?;
        entries.push(format!(
            "    Scenario {{\n        id: {},\n        http: {},\n        label: {},\n        code: Code::{name},\n        trigger: {},\n        body: {},\n        fresh_sequence_id: {},\n    }},",
            lit(str_at(s, "id", &here)?),
            s["http"].as_u64().ok_or_else(|| format!("{here}/http: missing"))?,
            lit(str_at(s, "label", &here)?),
            text(s, "trigger", &here)?,
            lit(&body),
            s["freshSequenceId"].as_bool().unwrap_or(false),
        ));
    }
    out.push_str("\n/// The \"Test Data\" scenarios, in the order and with the labels the page prints.\n");
    writeln!(out, "pub static SCENARIOS: &[Scenario] = &[\n{}\n];", entries.join("\n")).unwrap();
    Ok(())
}

fn code_names(root: &Value, list: &Value, here: &str) -> Result<String, String> {
    let mut names = Vec::new();
    for code in list.as_array().into_iter().flatten() {
        let name = root["x-konaplate-codes"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| &c["code"] == code)
            .and_then(|c| c["name"].as_str())
            .ok_or_else(|| format!("{here}: unknown code {code}"))?;
        names.push(format!("Code::{name}"));
    }
    Ok(format!("&[{}]", names.join(", ")))
}

/// The tag of the operations the page's first load carries whole; the others reach it as stubs
/// (`*_STUB`, `FIRST_LOAD_*`) and load on demand (core's `catalog::deferred`).
const FIRST_LOAD_TAG: &str = "Charge flow";

fn endpoints(doc: &Document, out: &mut String) -> Result<(), String> {
    let root = &doc.value;
    let mut statics = Vec::new();
    let mut ids = Vec::new();
    let (mut test_data, mut links) = (Vec::new(), Vec::new());
    let (mut first_statics, mut first_test_data, mut first_links, mut stubs) =
        (Vec::new(), Vec::new(), Vec::new(), String::new());
    let (mut first_codes, mut deferred_codes) = (Vec::new(), Vec::new());
    for (path, method) in &doc.operations {
        let op = &root["paths"][path][method];
        let here = format!("#/paths/{}/{method}", path.replace('/', "~1"));
        let id = str_at(op, "operationId", &here)?;
        let name = format!("{}_ENDPOINT", screaming(id));
        let first_load = op["tags"][0].as_str() == Some(FIRST_LOAD_TAG);
        if first_load { &mut first_codes } else { &mut deferred_codes }.extend(codes_named(op));
        if first_load {
            first_statics.push(format!("&{name}"));
            first_test_data.extend(test_cases(root, op, &here)?);
            first_links.extend(op_links(op, &here)?);
        } else {
            let stub = format!("{}_STUB", screaming(id));
            writeln!(
                stubs,
                "pub static {stub}: Endpoint = Endpoint::stub({}, OperationId::{}, {}, {}, {}, {});",
                lit(id),
                pascal(id),
                lit(op["tags"][0].as_str().unwrap_or_default()),
                text(op, "summary", &here)?,
                lit(&method.to_ascii_uppercase()),
                lit(path),
            )
            .unwrap();
            first_statics.push(format!("&{stub}"));
        }
        let json_body = |key: &str| &op[key]["content"]["application/json"]["schema"];
        let request = fields(root, json_body("requestBody"), &format!("{here}/requestBody"))?;
        // Empty under the core's `lean-catalog`: only the response checks and the sandbox read it.
        let response = format!(
            "response_fields({})",
            fields(
                root,
                &op["responses"]["200"]["content"]["application/json"]["schema"],
                &format!("{here}/responses/200")
            )?
        );
        let notes: Vec<String> = op["x-konaplate-notes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|n| format!("&notes::{}", screaming(n)))
            .collect();
        let simulator = match op["x-konaplate-simulator"].as_str() {
            Some(s) => format!("Some(Simulator::{})", pascal(s)),
            None => "None".to_string(),
        };
        writeln!(
            out,
            "\npub static {name}: Endpoint = Endpoint {{\n    id: {},\n    operation: Some(OperationId::{}),\n    tag: {},\n    name: {},\n    summary: {},\n    method: {},\n    path: {},\n    version: {},\n    encrypted: {},\n    response_encrypted: {},\n    simulator: {simulator},\n    request: {request},\n    response: {response},\n    codes: {},\n    own_codes: &[],\n    notes: &[{}],\n}};",
            lit(id),
            pascal(id),
            lit(op["tags"][0].as_str().unwrap_or_default()),
            text(op, "summary", &here)?,
            text(op, "description", &here)?,
            lit(&method.to_ascii_uppercase()),
            lit(path),
            lit(str_at(op, "x-konaplate-version", &here)?),
            op["x-konaplate-encryption"]["request"].as_bool().unwrap_or(false),
            op["x-konaplate-encryption"]["response"].as_bool().unwrap_or(false),
            code_names(root, &op["x-konaplate-codes"], &format!("{here}/x-konaplate-codes"))?,
            notes.join(", "),
        )
        .unwrap();
        scenarios(root, op, &here, out)?;
        test_data.extend(test_cases(root, op, &here)?);
        links.extend(op_links(op, &here)?);
        statics.push(format!("&{name}"));
        ids.push(pascal(id));
    }
    out.push_str("\n/// An operation of the built-in document.\n#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum OperationId {\n");
    for id in &ids {
        writeln!(out, "    {id},").unwrap();
    }
    out.push_str("}\n\n/// The operations, grouped by tag in the document's order (the charge flow in flow order).\n");
    writeln!(out, "pub static ENDPOINTS: &[&Endpoint] = &[{}];", statics.join(", ")).unwrap();
    out.push_str(
        "\n/// Test Data of the operations beyond the charge: one request each, on the sandbox's seeded state.\n",
    );
    writeln!(out, "pub static TEST_DATA: &[TestCase] = &[\n{}\n];", test_data.join("\n")).unwrap();
    out.push_str("\n/// The document's response links: which response (and request) values fill which next request.\n");
    writeln!(out, "pub static LINKS: &[Link] = &[\n{}\n];", links.join("\n")).unwrap();
    writeln!(
        out,
        "\n// The page's first load: the operations tagged {FIRST_LOAD_TAG:?} whole, the others as stubs\n\
         // (id, tag, name, method and path) until `catalog::deferred` loads them.\n{stubs}"
    )
    .unwrap();
    writeln!(out, "pub static FIRST_LOAD_ENDPOINTS: &[&Endpoint] = &[{}];", first_statics.join(", ")).unwrap();
    writeln!(out, "pub static FIRST_LOAD_TEST_DATA: &[TestCase] = &[\n{}\n];", first_test_data.join("\n")).unwrap();
    writeln!(out, "pub static FIRST_LOAD_LINKS: &[Link] = &[\n{}\n];", first_links.join("\n")).unwrap();
    let mut first_load_codes = Vec::new();
    for (i, code) in root["x-konaplate-codes"].as_array().into_iter().flatten().enumerate() {
        let stub = deferred_codes.contains(&&code["code"]) && !first_codes.contains(&&code["code"]);
        first_load_codes.push(response_code(code, &format!("#/x-konaplate-codes/{i}"), stub)?);
    }
    out.push_str("// The codes, those only the stubs answer without their message and meaning.\n");
    writeln!(out, "pub static FIRST_LOAD_CODES: &[ResponseCode] = &[\n{}\n];", first_load_codes.join("\n")).unwrap();
    Ok(())
}

/// `x-konaplate-test-data` of an operation as `TestCase` entries.
fn test_cases(root: &Value, operation: &Value, here: &str) -> Result<Vec<String>, String> {
    let id = str_at(operation, "operationId", here)?;
    let mut entries = Vec::new();
    for (i, case) in operation["x-konaplate-test-data"].as_array().into_iter().flatten().enumerate() {
        let here = format!("{here}/x-konaplate-test-data/{i}");
        let code = code_names(root, &Value::Array(vec![case["code"].clone()]), &format!("{here}/code"))?;
        let body = serde_json::to_string(&case["body"]).map_err(|e| format!("{here}/body: {e}"))?;
        entries.push(format!(
            "    TestCase {{ operation: OperationId::{}, id: {}, http: {}, code: {}, trigger: {}, body: {} }},",
            pascal(id),
            lit(str_at(case, "id", &here)?),
            case["http"].as_u64().ok_or_else(|| format!("{here}/http: missing"))?,
            code.trim_start_matches("&[").trim_end_matches(']'),
            text(case, "trigger", &here)?,
            lit(&body),
        ));
    }
    Ok(entries)
}

/// The 200 response's `links` of an operation as `Link` entries.
fn op_links(operation: &Value, here: &str) -> Result<Vec<String>, String> {
    let from = pascal(str_at(operation, "operationId", here)?);
    let mut entries = Vec::new();
    for (name, link) in operation["responses"]["200"]["links"].as_object().into_iter().flatten() {
        let here = format!("{here}/responses/200/links/{name}");
        let mut fill = Vec::new();
        for (field, expression) in link["requestBody"].as_object().into_iter().flatten() {
            let expression = expression
                .as_str()
                .ok_or_else(|| format!("{here}/requestBody/{field}: must be a runtime expression"))?;
            fill.push(format!("({}, {})", lit(field), lit(expression)));
        }
        let today: Vec<String> =
            link["x-konaplate-today"].as_array().into_iter().flatten().filter_map(Value::as_str).map(lit).collect();
        entries.push(format!(
            "    Link {{ from: OperationId::{from}, name: {}, to: OperationId::{}, description: {}, fill: &[{}], today: &[{}] }},",
            lit(name),
            pascal(str_at(link, "operationId", &here)?),
            text(link, "description", &here)?,
            fill.join(", "),
            today.join(", "),
        ));
    }
    Ok(entries)
}

/// The catalog statics for `crates/konaplate-core/src/catalog/generated.rs`.
pub fn rust(doc: &Document) -> Result<String, String> {
    let mut body = String::new();
    notes(&doc.value, &mut body)?;
    body.push('\n');
    header_specs(&doc.value, &mut body)?;
    body.push('\n');
    codes(&doc.value, &mut body)?;
    endpoints(doc, &mut body)?;
    let date_format = if body.contains("DateFormat::") { "DateFormat, " } else { "" };
    let prose = if body.contains("prose(") { "prose, " } else { "" };
    let mut out = String::from(
        "//! @generated by `cargo run -p xtask -- codegen` from `spec/`. Do not edit: edit the document\n\
         //! and run the generator (xtask's test fails while this file is out of date).\n\n\
         use super::{",
    );
    out.push_str(prose);
    out.push_str("t, ");
    out.push_str(date_format);
    out.push_str("Endpoint, Field, FieldType, HeaderFormat, HeaderSpec, Provenance, Requirement, ResponseCode, Scenario, Simulator, TestCase, Link, response_fields};\n\n");
    out.push_str(&body);
    Ok(out)
}
