//! The OpenAPI 3.1 document: `spec/` assembled by `cargo run -p xtask -- codegen` into
//! `catalog/openapi.json`, the same document the catalog is generated from. Served by
//! `konaplate serve` at `/openapi.json` and printed by `konaplate openapi`.

use serde_json::{json, Value};

/// The assembled document, embedded at build time.
const DOCUMENT: &str = include_str!("catalog/openapi.json");

/// The whole document. `server` is the base URL of a konaplate sandbox, if one serves it; it is
/// listed first among the servers.
pub fn document(server: Option<&str>) -> Value {
    // The text is generated from a document xtask parsed, and checked by the test below.
    let mut doc: Value = crate::json::read(DOCUMENT).unwrap_or(Value::Null);
    doc["info"]["version"] = crate::VERSION.into();
    if let (Some(url), Some(servers)) = (server, doc["servers"].as_array_mut()) {
        servers.insert(0, json!({ "url": url, "description": "konaplate sandbox (simulated)" }));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{self, Code};

    #[test]
    fn document_lists_every_endpoint_header_and_keeps_big_bounds_exact() {
        let doc = document(Some("http://127.0.0.1:8787/open-api"));
        assert_eq!(doc["openapi"], "3.1.0");
        assert_eq!(doc["servers"][0]["url"], "http://127.0.0.1:8787/open-api");
        assert_eq!(doc["paths"].as_object().unwrap().len(), catalog::ENDPOINTS.len());
        assert_eq!(doc["components"]["parameters"].as_object().unwrap().len(), catalog::HEADERS.len());
        let text = serde_json::to_string(&doc).unwrap();
        assert!(text.contains(r#""maximum":9999999999999999999"#), "the userId bound is written exactly");
        let charge = &doc["paths"][catalog::CHARGE_ENDPOINT.path]["post"];
        assert_eq!(
            charge["requestBody"]["content"]["application/json"]["schema"]["required"].as_array().unwrap().len(),
            6
        );
        assert!(charge["x-konaplate-codes"].as_array().unwrap().contains(&json!("007_901")));
        let franchise = doc["x-konaplate-codes"].as_array().unwrap().iter().find(|c| c["code"] == "007_901").unwrap();
        assert_eq!((&franchise["provenance"], &franchise["message"]), (&json!("ours"), &json!("Franchise error.")));
        assert_eq!(doc["x-konaplate-signing"]["length"], 67);
        assert_eq!(Code::FranchiseError.info().message, "Franchise error.");
    }
}
