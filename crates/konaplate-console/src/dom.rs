//! The browser services the console uses: clock, random bytes, the URL fragment, the colour
//! scheme, event listeners.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget};

/// Milliseconds since the Unix epoch (the core takes time as an input).
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
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

/// The page's origin, e.g. `http://127.0.0.1:8080` (for CORS explanations).
pub fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// Flips the colour scheme of `root`: from what is shown now (the system's unless pinned) to
/// the other. The choice lives in the DOM only, like everything else in the console.
pub fn toggle_theme(root: &Element, button: &Element) {
    let system_dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches());
    let dark_now = match root.get_attribute("data-theme").as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => system_dark,
    };
    let _ = root.set_attribute("data-theme", if dark_now { "light" } else { "dark" });
    let _ = button.set_attribute("aria-pressed", if dark_now { "false" } else { "true" });
}

/// Adds `handler` for `event` on `target` for the life of the page.
pub fn listen(target: &EventTarget, event: &str, handler: impl FnMut(web_sys::Event) + 'static) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())?;
    // The console lives as long as its page; its listeners too.
    closure.forget();
    Ok(())
}

/// How long [`Debounced`] waits after the last change.
const DEBOUNCE_MS: i32 = 300;

/// A text handed to `apply` once it has stopped changing for [`DEBOUNCE_MS`].
pub struct Debounced {
    state: std::rc::Rc<std::cell::RefCell<DebouncedState>>,
    flush: Closure<dyn FnMut()>,
}

struct DebouncedState {
    pending: Option<String>,
    applied: String,
    timer: Option<i32>,
}

impl Debounced {
    pub fn new(apply: fn(&str)) -> Debounced {
        let state = std::rc::Rc::new(std::cell::RefCell::new(DebouncedState {
            pending: None,
            applied: String::new(),
            timer: None,
        }));
        let shared = state.clone();
        let flush = Closure::<dyn FnMut()>::new(move || {
            let mut s = shared.borrow_mut();
            s.timer = None;
            if let Some(text) = s.pending.take() {
                apply(&text);
                s.applied = text;
            }
        });
        Debounced { state, flush }
    }

    /// Schedules `text` (restarting the wait); nothing happens if it is already applied.
    pub fn set(&self, text: String) {
        let mut s = self.state.borrow_mut();
        if s.applied == text && s.pending.is_none() {
            return;
        }
        s.pending = Some(text);
        let Some(window) = web_sys::window() else { return };
        if let Some(timer) = s.timer.take() {
            window.clear_timeout_with_handle(timer);
        }
        s.timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(self.flush.as_ref().unchecked_ref(), DEBOUNCE_MS)
            .ok();
    }
}

/// An element whose text only the console writes: the text last written is kept on the Rust
/// side, so re-rendering an unchanged text costs a string comparison, not a DOM read or write.
pub struct Output {
    element: Element,
    shown: std::cell::RefCell<String>,
}

impl Output {
    pub fn new(element: Element) -> Output {
        let shown = std::cell::RefCell::new(element.text_content().unwrap_or_default());
        Output { element, shown }
    }

    pub fn element(&self) -> &Element {
        &self.element
    }

    pub fn show(&self, text: &str) {
        let mut shown = self.shown.borrow_mut();
        if *shown != text {
            self.element.set_text_content(Some(text));
            shown.replace_range(.., text);
        }
    }
}

/// A list whose items only the console writes (the validation list), cached like [`Output`].
pub struct ListOutput {
    element: Element,
    shown: std::cell::RefCell<Vec<(String, &'static str)>>,
}

impl ListOutput {
    pub fn new(element: Element) -> ListOutput {
        ListOutput { element, shown: Default::default() }
    }

    /// Shows one `<li class=…>` per `(text, class)`, unless exactly these are shown already.
    pub fn show(&self, items: Vec<(String, &'static str)>) -> Result<(), JsValue> {
        let mut shown = self.shown.borrow_mut();
        if *shown == items {
            return Ok(());
        }
        self.element.set_text_content(None);
        let document = self.element.owner_document().ok_or("konaplate: no document")?;
        for (text, class) in &items {
            let li = document.create_element("li")?;
            if !class.is_empty() {
                li.set_attribute("class", class)?;
            }
            li.set_text_content(Some(text));
            self.element.append_child(&li)?;
        }
        *shown = items;
        Ok(())
    }
}
