//! Reading `spec/`: the base document (`openapi.json`) and one file per operation
//! (`operations/*.json`, each a fragment of `paths`), assembled into one OpenAPI 3.1 document.
//!
//! Operations are ordered by the tags of the base document (`tags[].x-konaplate-operations`), so
//! the picker's groups and the flow order are written once. Every reference (a code, a note, a
//! `$ref`, an operation of a tag) is checked here; an error names its file and JSON pointer.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};

/// The assembled document and where each operation sits in it.
pub struct Document {
    pub value: Value,
    /// `(path, method)` of each operation, in tag order.
    pub operations: Vec<(String, String)>,
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))
}

/// Assembles `spec/` into one document and checks its references.
pub fn assemble(spec: &Path) -> Result<Document, String> {
    let mut value = read_json(&spec.join("openapi.json"))?;
    let mut files: Vec<_> = std::fs::read_dir(spec.join("operations"))
        .map_err(|e| format!("{}: {e}", spec.join("operations").display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();

    // operationId -> (file, path, method, operation object)
    let mut by_id: BTreeMap<String, (String, String, String, Value)> = BTreeMap::new();
    for file in &files {
        let name = file.file_name().unwrap_or_default().to_string_lossy().to_string();
        let Value::Object(paths) = read_json(file)? else {
            return Err(format!("{name}: must be an object of paths"));
        };
        for (path, item) in paths {
            let Value::Object(methods) = item else {
                return Err(format!("{name}: #/{path}: must be a path item object"));
            };
            for (method, operation) in methods {
                let id = operation["operationId"]
                    .as_str()
                    .ok_or_else(|| format!("{name}: #/{path}/{method}/operationId: missing"))?
                    .to_string();
                if by_id.insert(id.clone(), (name.clone(), path.clone(), method, operation)).is_some() {
                    return Err(format!("{name}: operationId {id} is defined twice"));
                }
            }
        }
    }

    let mut paths = Map::new();
    let mut operations = Vec::new();
    let tags = value["tags"].as_array().cloned().unwrap_or_default();
    for (t, tag) in tags.iter().enumerate() {
        let listed = tag["x-konaplate-operations"]
            .as_array()
            .ok_or_else(|| format!("openapi.json: #/tags/{t}/x-konaplate-operations: missing"))?;
        for (i, id) in listed.iter().enumerate() {
            let id = id.as_str().unwrap_or_default();
            let (file, path, method, operation) = by_id.remove(id).ok_or_else(|| {
                format!("openapi.json: #/tags/{t}/x-konaplate-operations/{i}: no operation {id} in spec/operations/")
            })?;
            if operation["tags"].as_array().and_then(|tags| tags.first()) != Some(&tag["name"]) {
                return Err(format!("{file}: operation {id} must have the tag {}", tag["name"]));
            }
            let item = paths.entry(path.clone()).or_insert_with(|| Value::Object(Map::new()));
            item[method.as_str()] = operation;
            operations.push((path, method));
        }
    }
    if let Some((id, (file, ..))) = by_id.into_iter().next() {
        return Err(format!("{file}: operation {id} is in no tag's x-konaplate-operations"));
    }
    value["paths"] = Value::Object(paths);
    let document = Document { value, operations };
    check(&document)?;
    Ok(document)
}

/// Follows a local `$ref` (`#/components/...`).
pub fn resolve<'a>(root: &'a Value, node: &'a Value) -> Result<&'a Value, String> {
    match node.get("$ref").and_then(Value::as_str) {
        None => Ok(node),
        Some(reference) => reference
            .strip_prefix('#')
            .and_then(|pointer| root.pointer(pointer))
            .ok_or_else(|| format!("{reference}: no such local reference")),
    }
}

fn ids(root: &Value, table: &str, key: &str) -> Vec<String> {
    root[table].as_array().into_iter().flatten().filter_map(|v| v[key].as_str()).map(str::to_string).collect()
}

/// Every code, note and `$ref` an operation names exists, and every English text has a Korean one.
fn check(doc: &Document) -> Result<(), String> {
    let root = &doc.value;
    let codes = ids(root, "x-konaplate-codes", "code");
    let notes = ids(root, "x-konaplate-notes", "id");
    let mut problems = Vec::new();
    for (path, method) in &doc.operations {
        let operation = &root["paths"][path][method];
        let here = format!("#/paths/{}/{method}", path.replace('/', "~1"));
        for (i, code) in operation["x-konaplate-codes"].as_array().into_iter().flatten().enumerate() {
            if !codes.iter().any(|c| Some(c.as_str()) == code.as_str()) {
                problems.push(format!("{here}/x-konaplate-codes/{i}: unknown code {code}"));
            }
        }
        for (i, scenario) in operation["x-konaplate-scenarios"].as_array().into_iter().flatten().enumerate() {
            if !codes.iter().any(|c| Some(c.as_str()) == scenario["code"].as_str()) {
                problems.push(format!("{here}/x-konaplate-scenarios/{i}/code: unknown code {}", scenario["code"]));
            }
        }
        let listed = operation["x-konaplate-codes"].as_array().cloned().unwrap_or_default();
        for (i, case) in operation["x-konaplate-test-data"].as_array().into_iter().flatten().enumerate() {
            if !listed.contains(&case["code"]) {
                problems.push(format!(
                    "{here}/x-konaplate-test-data/{i}/code: {} is not in this operation's x-konaplate-codes",
                    case["code"]
                ));
            }
        }
        for (name, link) in operation["responses"]["200"]["links"].as_object().into_iter().flatten() {
            if !doc.operations.iter().any(|(p, m)| root["paths"][p][m]["operationId"] == link["operationId"]) {
                problems.push(format!(
                    "{here}/responses/200/links/{name}/operationId: no operation {}",
                    link["operationId"]
                ));
            }
        }
        walk(root, operation, &here, &notes, &mut problems);
    }
    walk(root, &root["components"], "#/components", &notes, &mut problems);
    walk(root, &root["x-konaplate-codes"], "#/x-konaplate-codes", &notes, &mut problems);
    walk(root, &root["x-konaplate-notes"], "#/x-konaplate-notes", &notes, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("spec/ has {} problem(s):\n  {}", problems.len(), problems.join("\n  ")))
    }
}

/// The keys whose English text needs a Korean twin in the sibling `x-konaplate-ko` object.
const TRANSLATED: &[&str] = &["summary", "description", "rule", "meaning", "text", "trigger"];

fn walk(root: &Value, node: &Value, here: &str, notes: &[String], problems: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if map.contains_key("$ref") {
                if let Err(e) = resolve(root, node) {
                    problems.push(format!("{here}/$ref: {e}"));
                }
            }
            if let Some(note) = map.get("x-konaplate-note").or_else(|| map.get("note")) {
                if note.is_string() && !notes.iter().any(|n| Some(n.as_str()) == note.as_str()) {
                    problems.push(format!("{here}: unknown documentation note {note}"));
                }
            }
            for note in map.get("x-konaplate-notes").and_then(Value::as_array).into_iter().flatten() {
                if !notes.iter().any(|n| Some(n.as_str()) == note.as_str()) {
                    problems.push(format!("{here}/x-konaplate-notes: unknown documentation note {note}"));
                }
            }
            // An OpenAPI response object's own description is for OpenAPI tools, in English.
            let response_object = here.rsplit('/').nth(1) == Some("responses");
            for key in TRANSLATED.iter().filter(|_| !response_object) {
                let english = map.get(*key).and_then(Value::as_str);
                let korean = map.get("x-konaplate-ko").and_then(|ko| ko.get(*key)).and_then(Value::as_str);
                if english.is_some() && korean.is_none() {
                    problems.push(format!("{here}/x-konaplate-ko/{key}: missing the Korean text"));
                }
            }
            for (key, child) in map {
                if key == "x-konaplate-ko" || key == "body" {
                    continue;
                }
                walk(root, child, &format!("{here}/{}", key.replace('~', "~0").replace('/', "~1")), notes, problems);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(root, item, &format!("{here}/{i}"), notes, problems);
            }
        }
        _ => {}
    }
}
