//! The page's elements, found by id, and the browser services the page uses.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, EventTarget, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

pub struct Page {
    pub endpoint: HtmlSelectElement,
    pub zone: HtmlSelectElement,
    pub language: HtmlSelectElement,
    pub secret: HtmlInputElement,
    pub body: HtmlTextAreaElement,
    pub headers: Element,
    pub preview: Element,
    pub summary: Element,
    pub violations: Element,
    pub scenario: HtmlSelectElement,
    pub send: Element,
    pub send_anyway: HtmlInputElement,
    pub response_status: Element,
    pub response_code: Element,
    pub response_body: Element,
    pub snippet_language: HtmlSelectElement,
    pub snippet: Element,
    pub theme: Element,
    pub document: web_sys::Document,
    root: Element,
}

fn by_id<T: JsCast>(document: &web_sys::Document, id: &str) -> Result<T, JsValue> {
    document
        .get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("konaplate: element #{id} is missing from the page")))?
        .dyn_into::<T>()
        .map_err(|_| JsValue::from_str(&format!("konaplate: element #{id} has the wrong type")))
}

impl Page {
    pub fn find() -> Result<Page, JsValue> {
        let document = web_sys::window().and_then(|w| w.document()).ok_or("konaplate: no document")?;
        Ok(Page {
            endpoint: by_id(&document, "endpoint")?,
            zone: by_id(&document, "zone")?,
            language: by_id(&document, "language")?,
            secret: by_id(&document, "secret")?,
            body: by_id(&document, "body")?,
            headers: by_id(&document, "headers")?,
            preview: by_id(&document, "preview")?,
            summary: by_id(&document, "summary")?,
            violations: by_id(&document, "violations")?,
            scenario: by_id(&document, "scenario")?,
            send: by_id(&document, "send")?,
            send_anyway: by_id(&document, "send-anyway")?,
            response_status: by_id(&document, "response-status")?,
            response_code: by_id(&document, "response-code")?,
            response_body: by_id(&document, "response-body")?,
            snippet_language: by_id(&document, "snippet-language")?,
            snippet: by_id(&document, "snippet")?,
            theme: by_id(&document, "theme")?,
            root: by_id(&document, "app")?,
            document,
        })
    }

    /// Everything whose change should re-render.
    pub fn inputs(&self) -> [&EventTarget; 6] {
        [&self.endpoint, &self.zone, &self.language, &self.secret, &self.body, &self.snippet_language]
    }

    pub fn korean(&self) -> bool {
        self.language.value() == "ko"
    }

    /// Marks the page interactive (tests and the stylesheet key on it).
    pub fn ready(&self) {
        let _ = self.root.set_attribute("data-ready", "true");
    }
}

/// Four bytes from `crypto.getRandomValues`; zeros if the browser offers no crypto (the
/// correlation id is then still well-formed, only less unique).
pub fn random_bytes() -> [u8; 4] {
    let mut bytes = [0u8; 4];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes
}

/// The URL fragment (`#...`), if any.
pub fn fragment() -> Option<String> {
    web_sys::window()?.location().hash().ok().filter(|h| !h.is_empty())
}

/// Replaces the URL fragment without adding a history entry per keystroke.
pub fn replace_fragment(fragment: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(fragment));
    }
}

/// Flips the colour scheme: from what is shown now (the system's unless pinned) to the other.
pub fn toggle_theme(page: &Page) {
    let Some(root) = page.document.document_element() else { return };
    let system_dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches());
    let dark_now = match root.get_attribute("data-theme").as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => system_dark,
    };
    let _ = root.set_attribute("data-theme", if dark_now { "light" } else { "dark" });
    let _ = page.theme.set_attribute("aria-pressed", if dark_now { "false" } else { "true" });
}
