//! The Try It console: the core running as Wasm in a page, building, validating, signing and
//! sending KONA PLATE requests. [`mount`] builds one console into any element or shadow root;
//! `www/konaplate-try-it.js` wraps it as the `<konaplate-try-it>` custom element, which both the
//! standalone page (index.html) and foreign pages use.
//!
//! The console is state → message → update → render: `state.rs` holds one console's state and
//! the pure `update`; `view/` renders it; `events.rs` turns DOM events into messages.
//! Everything shown is set with `textContent` (never HTML), and credentials stay in the
//! console's memory: never stored, logged, put in the URL, a snippet or the history.

mod console;
mod crypto;
mod deviations;
mod doctor;
mod dom;
mod draft;
mod environments;
mod events;
mod exchange;
mod files;
mod form;
mod har;
mod history;
mod journey;
mod ondemand;
mod permalink;
mod sandbox;
mod starter;
mod state;
mod text;
mod tools_text;
mod transport;
mod view;

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
// The module's global allocator (talc, not dlmalloc).
use konaplate_wasm_alloc as _;

fn string_option(options: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(options, &JsValue::from_str(name)).ok().and_then(|v| v.as_string())
}

fn bool_option(options: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(options, &JsValue::from_str(name)).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

thread_local! {
    /// Consoles mounted so far (for the id prefix) and the live ones, by root.
    static MOUNTED: Cell<u32> = const { Cell::new(0) };
    static LIVE: RefCell<Vec<(web_sys::Node, console::Shared)>> = const { RefCell::new(Vec::new()) };
}

/// The id prefix of a new console: none inside a shadow root (it scopes ids itself), else
/// `kp1-`, `kp2-`, … so consoles mounted into plain elements of one document never share an id.
fn scope(root: &web_sys::Node) -> String {
    if root.is_instance_of::<web_sys::ShadowRoot>() {
        return String::new();
    }
    let n = MOUNTED.with(|m| {
        m.set(m.get() + 1);
        m.get()
    });
    format!("kp{n}-")
}

/// Removes the console mounted into `root` and releases its listeners and closures (the custom
/// element calls it when it leaves the page). Nothing happens if `root` holds no console.
#[wasm_bindgen]
pub fn unmount(root: &web_sys::Node) {
    let found = LIVE.with(|live| {
        let mut live = live.borrow_mut();
        let index = live.iter().position(|(node, _)| node == root)?;
        Some(live.swap_remove(index).1)
    });
    if let Some(shared) = found {
        console::unmount(&shared);
    }
}

/// The operations of a document given as `spec`. A broken one is refused here, naming the JSON
/// pointer, in English and Korean.
#[cfg(feature = "document")]
fn load_document(text: &str) -> Result<Vec<&'static konaplate_core::catalog::Endpoint>, JsError> {
    konaplate_js_pattern::install();
    konaplate_core::catalog::load::load(text)
        .map(|document| document.operations)
        .map_err(|e| JsError::new(&format!("konaplate: spec {}: {} ({})", e.pointer, e.message.en, e.message.ko)))
}

/// The page's first load has no document loader (it is `konaplate-console-spec`, the same console
/// built with the `document` feature, which `konaplate-try-it.js` loads for a console given a `spec`).
#[cfg(not(feature = "document"))]
fn load_document(_: &str) -> Result<Vec<&'static konaplate_core::catalog::Endpoint>, JsError> {
    Err(JsError::new(
        "konaplate: this build of the console has the built-in operations only; a spec is loaded by \
         konaplate-console-spec (konaplate-try-it.js picks it) \
         (이 콘솔 빌드에는 기본 API만 있습니다. spec 문서는 konaplate-console-spec이 불러옵니다)",
    ))
}

/// Builds a console into `root` (an element or a shadow root). `options` (all optional):
/// `spec` (an OpenAPI 3.1 document's JSON text: its operations replace the built-in ones),
/// `endpoint` or `operation` (an operationId or path; built in: `charge`, `one-time-token`,
/// `result-inquiry`, `cancel`), `language` (`en`/`ko`),
/// `target` (`in-browser`, `server`, `proxy`), `serverUrl`, `permalink` (keep the request in
/// the URL fragment), `heading` (show the console's heading; `title`, its old name, too).
/// [`unmount`] removes it again. Throws an `Error` if the DOM refuses.
#[wasm_bindgen]
pub fn mount(root: &web_sys::Node, options: JsValue) -> Result<(), JsError> {
    let options = if options.is_object() { options } else { js_sys::Object::new().into() };
    // `loadModule`: `(name) => promise of that on-demand module` (konaplate-try-it.js).
    ondemand::set_loader(js_sys::Reflect::get(&options, &"loadModule".into()).ok().and_then(|f| f.dyn_into().ok()));
    // A document to load instead of the built-in one (its JSON text; the custom element fetches
    // the `spec` URL).
    let document = string_option(&options, "spec");
    let operations = match &document {
        Some(text) => load_document(text)?,
        None => Vec::new(),
    };
    let start = state::Start {
        operations,
        endpoint: string_option(&options, "operation").or_else(|| string_option(&options, "endpoint")),
        language: string_option(&options, "language"),
        target: string_option(&options, "target"),
        server_url: string_option(&options, "serverUrl"),
        permalink: bool_option(&options, "permalink"),
        origin: dom::origin(),
        session_profiles: files::session_profiles(),
        document: document.map(std::rc::Rc::from),
    };
    let document = root
        .owner_document()
        .or_else(|| root.dyn_ref::<web_sys::Document>().cloned())
        .ok_or_else(|| JsError::new("konaplate: mount needs an element or shadow root in a document"))?;
    let heading = bool_option(&options, "heading") || bool_option(&options, "title");
    let shared = console::mount(&document, root, start, heading, &scope(root)).map_err(|e| {
        JsError::new(&format!("konaplate: the console could not be built: {}", e.as_string().unwrap_or_default()))
    })?;
    LIVE.with(|live| live.borrow_mut().push((root.clone(), shared)));
    Ok(())
}
