//! The `konaplate/document` entry's extra exports (cargo feature `document`): loading another
//! OpenAPI 3.1 document, and the catalog with its EN/KO texts. The main entry leaves them out:
//! the loader, `pattern` and the catalog's texts are most of its size.

use konaplate_core::catalog::{self, Endpoint};
use wasm_bindgen::prelude::*;

use crate::{arg, build_request_in, error, to_js, validate_in};

/// `value` through serde_json, as a JS value (this entry's catalog data; the main entry
/// writes its results without serde).
fn serialized(value: &impl serde::Serialize) -> Result<JsValue, JsError> {
    to_js(&serde_json::to_string(value).map_err(error)?)
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
export interface CodeInfo { code: string; http: number; message: string; meaning: { en: string; ko: string }; provenance: "published" | "ours" }
"#;

/// A response code's HTTP status, message, EN/KO meaning and provenance, or `undefined`.
#[wasm_bindgen(js_name = describeCode, unchecked_return_type = "CodeInfo | undefined")]
pub fn describe_code(#[wasm_bindgen(unchecked_param_type = "string")] code: JsValue) -> Result<JsValue, JsError> {
    match catalog::code(&arg(&code, "code")?) {
        Some(c) => serialized(c),
        None => Ok(JsValue::UNDEFINED),
    }
}

/// Endpoints, headers, codes, Test Data scenarios, documentation notes and sandbox rules.
#[wasm_bindgen(js_name = catalog, unchecked_return_type = "Record<string, unknown>")]
pub fn catalog_json() -> Result<JsValue, JsError> {
    serialized(&catalog::export())
}

thread_local! {
    /// Documents loaded with `loadDocument`, by the index it returned. A document stays for
    /// the life of the module (its operations are `&'static`): load each one once.
    static DOCUMENTS: std::cell::RefCell<Vec<Vec<&'static Endpoint>>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn document(index: u32) -> Result<Vec<&'static Endpoint>, JsError> {
    DOCUMENTS
        .with_borrow(|documents| documents.get(index as usize).cloned())
        .ok_or_else(|| error(format!("no document {index} was loaded")))
}

/// Loads an OpenAPI 3.1 document (JSON text) and returns its index for `validateIn`,
/// `buildRequestIn` and `catalogOf` (the package's `load` wraps them). A broken document
/// throws an `Error` naming the JSON pointer and the reason, in English then Korean.
#[wasm_bindgen(js_name = loadDocument)]
pub fn load_document(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<u32, JsError> {
    let text = arg(&text, "document")?;
    konaplate_js_pattern::install();
    let loaded =
        catalog::load::load(&text).map_err(|e| error(format!("{}: {} ({})", e.pointer, e.message.en, e.message.ko)))?;
    DOCUMENTS.with_borrow_mut(|documents| {
        documents.push(loaded.operations);
        u32::try_from(documents.len() - 1).map_err(|_| error("too many documents loaded"))
    })
}

/// `validate` for the operations of a loaded document.
#[wasm_bindgen(js_name = validateIn, unchecked_return_type = "Report")]
pub fn validate_in_document(
    document_index: u32,
    #[wasm_bindgen(unchecked_param_type = "string")] endpoint: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RequestHeaders | null | undefined")] headers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | object")] body: JsValue,
) -> Result<JsValue, JsError> {
    validate_in(&document(document_index)?, &endpoint, &headers, &body)
}

/// `buildRequest` for the operations of a loaded document.
#[wasm_bindgen(js_name = buildRequestIn, unchecked_return_type = "BuiltRequest")]
pub fn build_request_in_document(document_index: u32, options: JsValue) -> Result<JsValue, JsError> {
    build_request_in(&document(document_index)?, options)
}

/// `catalog` with a loaded document's operations as `endpoints`.
#[wasm_bindgen(js_name = catalogOf, unchecked_return_type = "Record<string, unknown>")]
pub fn catalog_of(document_index: u32) -> Result<JsValue, JsError> {
    let mut doc = catalog::export();
    doc["endpoints"] = serde_json::to_value(document(document_index)?).map_err(error)?;
    serialized(&doc)
}
