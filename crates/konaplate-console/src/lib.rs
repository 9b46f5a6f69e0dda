//! The Try It console: the core running as Wasm in a page, building, validating, signing and
//! sending KONA PLATE requests. [`mount`] builds one console into any element or shadow root;
//! `www/konaplate-try-it.js` wraps it as the `<konaplate-try-it>` custom element, which both the
//! standalone page (index.html) and foreign pages use.
//!
//! Everything shown is set with `textContent` (never HTML), and credentials stay in the
//! console's inputs: never stored, logged, put in the URL, a snippet or the history.

mod console;
mod dom;
mod draft;
mod exchange;
mod form;
mod history;
mod permalink;
mod starter;
mod text;
mod transport;
mod view;

use wasm_bindgen::prelude::*;

fn string_option(options: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(options, &JsValue::from_str(name)).ok().and_then(|v| v.as_string())
}

fn bool_option(options: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(options, &JsValue::from_str(name)).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Builds a console into `root` (an element or a shadow root). `options` (all optional):
/// `endpoint` (`charge`, `one-time-token`, `result-inquiry`, `cancel`), `language` (`en`/`ko`),
/// `target` (`in-browser`, `server`, `proxy`), `serverUrl`, `permalink` (keep the request in
/// the URL fragment), `title` (show the heading). Throws an `Error` if the DOM refuses.
#[wasm_bindgen]
pub fn mount(root: &web_sys::Node, options: JsValue) -> Result<(), JsError> {
    let options = if options.is_object() { options } else { js_sys::Object::new().into() };
    let parsed = console::Options {
        endpoint: string_option(&options, "endpoint"),
        language: string_option(&options, "language"),
        target: string_option(&options, "target"),
        server_url: string_option(&options, "serverUrl"),
        permalink: bool_option(&options, "permalink"),
        title: bool_option(&options, "title"),
    };
    let document = root
        .owner_document()
        .or_else(|| root.dyn_ref::<web_sys::Document>().cloned())
        .ok_or_else(|| JsError::new("konaplate: mount needs an element or shadow root in a document"))?;
    console::mount(&document, root, parsed).map_err(|e| {
        JsError::new(&format!("konaplate: the console could not be built: {}", e.as_string().unwrap_or_default()))
    })
}
