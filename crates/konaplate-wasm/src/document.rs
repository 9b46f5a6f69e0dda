//! The `konaplate/document` entry's extra exports (cargo feature `document`): loading another
//! OpenAPI 3.1 document, and the catalog with its EN/KO texts. The main entry leaves them out:
//! the loader, `pattern` and the catalog's texts are most of its size. A loaded document's
//! index is what `validateRequest` and `buildRequestText` take as `document`.

use konaplate_core::catalog::{self, Endpoint};
use wasm_bindgen::prelude::*;

use crate::error;

/// `value` through serde_json as JSON text (this entry's catalog data; the main entry writes
/// its results without serde).
fn serialized(value: &impl serde::Serialize) -> Result<String, JsError> {
    serde_json::to_string(value).map_err(|e| error(&e.to_string()))
}

/// A response code's HTTP status, message, EN/KO meaning and provenance as JSON text, or
/// `undefined`.
#[wasm_bindgen(js_name = describeCode)]
pub fn describe_code(code: &str) -> Result<Option<String>, JsError> {
    catalog::code(code).map(serialized).transpose()
}

/// Endpoints, headers, codes, Test Data scenarios, documentation notes and sandbox rules, as
/// JSON text.
#[wasm_bindgen(js_name = catalog)]
pub fn catalog_json() -> Result<String, JsError> {
    serialized(&catalog::export())
}

thread_local! {
    /// Documents loaded with `loadDocument`, by the index it returned. A document stays for
    /// the life of the module (its operations are `&'static`): load each one once.
    static DOCUMENTS: std::cell::RefCell<Vec<Vec<&'static Endpoint>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The operations of the document loaded as `index`.
pub(crate) fn operations(index: u32) -> Result<Vec<&'static Endpoint>, JsError> {
    DOCUMENTS
        .with_borrow(|documents| documents.get(index as usize).cloned())
        .ok_or_else(|| error(&konaplate_core::text::fill("no document {0} was loaded", &[&index.to_string()])))
}

/// Loads an OpenAPI 3.1 document (JSON text) and returns its index (the package's `load`
/// wraps it). A broken document throws an `Error` naming the JSON pointer and the reason, in
/// English then Korean.
#[wasm_bindgen(js_name = loadDocument)]
pub fn load_document(text: &str) -> Result<u32, JsError> {
    konaplate_js_pattern::install();
    let loaded = catalog::load::load(text).map_err(|e| {
        error(&konaplate_core::text::fill(
            "{0}: {1} ({2})",
            &[&e.pointer, e.message.en.as_str(), e.message.ko.as_str()],
        ))
    })?;
    DOCUMENTS.with_borrow_mut(|documents| {
        documents.push(loaded.operations);
        u32::try_from(documents.len() - 1).map_err(|_| error("too many documents loaded"))
    })
}

/// `catalog` with a loaded document's operations as `endpoints`, as JSON text.
#[wasm_bindgen(js_name = catalogOf)]
pub fn catalog_of(index: u32) -> Result<String, JsError> {
    let mut doc = catalog::export();
    doc["endpoints"] = serde_json::to_value(operations(index)?).map_err(|e| error(&e.to_string()))?;
    serialized(&doc)
}
