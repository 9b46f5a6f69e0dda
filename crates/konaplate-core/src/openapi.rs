//! An OpenAPI 3.1 document generated from the catalog: the four endpoints, their bodies, the
//! X-KM headers as parameters, the response envelope and codes, and the signing rule as the
//! `x-konaplate-signing` extension. Served by `konaplate serve` and printed by `konaplate openapi`.

use std::str::FromStr;

use serde_json::{json, Map, Number, Value};

use crate::catalog::{self, notes, Endpoint, Field, FieldType, Provenance, Requirement};

fn number(text: &str) -> Value {
    Number::from_str(text).map(Value::Number).unwrap_or(Value::Null)
}

fn field_schema(field: &Field) -> Value {
    let mut schema = match field.ty {
        FieldType::String { allowed, .. } if !allowed.is_empty() => json!({ "type": "string", "enum": allowed }),
        FieldType::String { min_len, max_len, .. } => {
            json!({ "type": "string", "minLength": min_len, "maxLength": max_len })
        }
        // Exact bounds: 9999999999999999999 is written as that integer, never a float.
        FieldType::Integer { min, max } => json!({ "type": "integer", "minimum": number(min), "maximum": number(max) }),
        FieldType::Boolean => json!({ "type": "boolean" }),
    };
    let mut description = field.description.en.to_string();
    if let Some(note) = field.note {
        description = format!("{description} Note: {}", note.text.en);
    }
    schema["description"] = description.into();
    schema["x-description-ko"] = field.description.ko.into();
    schema
}

fn object_schema(fields: &[Field], extra: Option<(&str, Value)>) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in fields {
        properties.insert(f.name.to_string(), field_schema(f));
        if f.required {
            required.push(f.name);
        }
    }
    if let Some((name, schema)) = extra {
        properties.insert(name.to_string(), schema);
        required.push(name);
    }
    json!({ "type": "object", "properties": properties, "required": required })
}

fn envelope_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "code": { "type": "string", "pattern": "^[0-9]{3}_[0-9]{3}$" },
            "description": { "type": "string" }
        },
        "required": ["code", "description"]
    })
}

fn header_parameter_name(name: &str) -> String {
    name.replace('-', "")
}

fn operation(endpoint: &Endpoint) -> Value {
    let parameters: Vec<Value> = catalog::HEADERS
        .iter()
        .map(|h| json!({ "$ref": format!("#/components/parameters/{}", header_parameter_name(h.name)) }))
        .collect();
    let codes: Vec<Value> = endpoint
        .codes
        .iter()
        .filter_map(|c| catalog::code(c))
        .map(|c| json!({ "code": c.code, "http": c.http, "message": c.message, "meaning": c.meaning.en, "provenance": c.provenance }))
        .collect();
    let errors: Vec<String> = endpoint
        .codes
        .iter()
        .filter_map(|c| catalog::code(c))
        .filter(|c| c.http != 200)
        .map(|c| {
            format!(
                "{} {}{}",
                c.code,
                c.message,
                if c.provenance == Provenance::Ours { " (konaplate's code)" } else { "" }
            )
        })
        .collect();
    let mut description = endpoint.summary.en.to_string();
    for note in endpoint.notes {
        description = format!("{description}\n\nNote: {}", note.text.en);
    }
    json!({
        "operationId": endpoint.id,
        "summary": endpoint.name.en,
        "description": description,
        "x-encrypted": endpoint.encrypted,
        "x-response-encrypted": endpoint.response_encrypted,
        "x-codes": codes,
        "parameters": parameters,
        "requestBody": {
            "required": true,
            "content": { "application/json": { "schema": object_schema(endpoint.request, None) } }
        },
        "responses": {
            "200": {
                "description": "Success (000_000).",
                "headers": { catalog::CORRELATION_ID: { "schema": { "type": "string" } } },
                "content": { "application/json": { "schema": object_schema(endpoint.response, Some(("response", envelope_schema()))) } }
            },
            "400": {
                "description": format!("Business error: {}.", errors.join("; ")),
                "content": { "application/json": { "schema": object_schema(&[], Some(("response", envelope_schema()))) } }
            }
        }
    })
}

/// The whole document. `server` is the base URL of a konaplate sandbox, if one serves it.
pub fn document(server: Option<&str>) -> Value {
    let mut servers = vec![json!({ "url": catalog::SANDBOX_BASE_URL, "description": "KONA PLATE sandbox" })];
    if let Some(url) = server {
        servers.insert(0, json!({ "url": url, "description": "konaplate sandbox (simulated)" }));
    }
    let mut paths = Map::new();
    for e in catalog::ENDPOINTS {
        paths.insert(e.path.to_string(), json!({ "post": operation(e) }));
    }
    let mut parameters = Map::new();
    for h in catalog::HEADERS {
        let required = matches!(h.requirement, Requirement::Required | Requirement::Conditional);
        let mut description = format!("{} Rule: {}.", h.description.en, h.rule.en);
        if let Some(note) = h.note {
            description = format!("{description} Note: {}", note.text.en);
        }
        parameters.insert(
            header_parameter_name(h.name),
            json!({ "name": h.name, "in": "header", "required": required, "description": description, "schema": { "type": "string" } }),
        );
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "KONA PLATE Open API: charge flow (from the konaplate catalog)",
            "version": crate::VERSION,
            "description": "Generated from konaplate's catalog. Codes marked konaplate's were not published by KONA PLATE."
        },
        "servers": servers,
        "x-konaplate-signing": {
            "header": catalog::TRAN_TOKEN,
            "format": "KMV1:{requestTime yyyyMMddHHmmssSSS}:{Base64(HMAC-SHA256(key = secretKey, message = body))}",
            "signedBytes": "the request body exactly as sent; nothing else (no path, no headers)",
            "base64": "standard alphabet with '=' padding, 44 characters",
            "length": 67,
            "note": notes::TRAN_TOKEN_LENGTH.text.en,
            "timeHeader": catalog::TRAN_TIME
        },
        "paths": paths,
        "components": { "parameters": parameters }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_lists_every_endpoint_header_and_keeps_big_bounds_exact() {
        let doc = document(Some("http://127.0.0.1:8787/open-api"));
        assert_eq!(doc["openapi"], "3.1.0");
        assert_eq!(doc["paths"].as_object().unwrap().len(), 4);
        assert_eq!(doc["components"]["parameters"].as_object().unwrap().len(), 7);
        let text = serde_json::to_string(&doc).unwrap();
        assert!(text.contains(r#""maximum":9999999999999999999"#), "the userId bound is written exactly");
        let charge = &doc["paths"][catalog::CHARGE_ENDPOINT.path]["post"];
        assert_eq!(
            charge["requestBody"]["content"]["application/json"]["schema"]["required"].as_array().unwrap().len(),
            6
        );
        assert!(charge["responses"]["400"]["description"]
            .as_str()
            .unwrap()
            .contains("007_901 Franchise error. (konaplate's code)"));
        assert_eq!(doc["x-konaplate-signing"]["length"], 67);
    }
}
