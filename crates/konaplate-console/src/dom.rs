//! The browser services the console uses: clock, random bytes, the URL fragment, the colour
//! scheme, event listeners.

use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use web_sys::{Element, EventTarget, HtmlInputElement};

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

/// Whether the system asks for a dark colour scheme.
pub fn system_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// A capturing event listener owned by its console: removed from the page when dropped.
/// Capturing, so a listener on an ancestor also sees events that do not bubble.
pub struct Listener {
    target: EventTarget,
    event: &'static str,
    closure: Closure<dyn Fn(web_sys::Event)>,
}

impl Listener {
    /// `handler` is `Fn`: the browser can call it again while it runs (an event fired by what
    /// a render does, e.g. a focused field it removes), which wasm-bindgen refuses with an
    /// exception for an `FnMut`; the handler itself skips such a nested event.
    pub fn new(
        target: &EventTarget,
        event: &'static str,
        handler: impl Fn(web_sys::Event) + 'static,
    ) -> Result<Listener, JsValue> {
        let closure = Closure::<dyn Fn(web_sys::Event)>::new(handler);
        target.add_event_listener_with_callback_and_bool(event, closure.as_ref().unchecked_ref(), true)?;
        Ok(Listener { target: target.clone(), event, closure })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.event,
            self.closure.as_ref().unchecked_ref(),
            true,
        );
    }
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

impl Drop for Debounced {
    /// A pending write is cancelled: its closure goes with the console.
    fn drop(&mut self) {
        if let (Some(timer), Some(window)) = (self.state.borrow_mut().timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
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
        // Built empty: the first render writes it.
        Output { element, shown: RefCell::default() }
    }

    pub fn show(&self, text: &str) {
        let mut shown = self.shown.borrow_mut();
        if *shown != text {
            self.element.set_text_content(Some(text));
            remember(&mut shown, text);
        }
    }
}

/// Keeps `text` as what is shown, in the same buffer (`clear` + `push_str`: the same reuse as
/// `replace_range(.., text)` without its general splice code in the page).
fn remember(shown: &mut String, text: &str) {
    shown.clear();
    shown.push_str(text);
}

/// A form control's value as the console last wrote it or the user last typed it (input events
/// carry the typed value here), so rendering an unchanged value touches nothing.
pub struct Value {
    element: Element,
    shown: RefCell<String>,
}

impl Value {
    pub fn new(element: Element) -> Value {
        Value { element, shown: RefCell::default() }
    }

    pub fn show(&self, value: &str) {
        let mut shown = self.shown.borrow_mut();
        if *shown == value {
            return;
        }
        // `value` of an input, a textarea or a select alike.
        let _ = js_sys::Reflect::set(&self.element, &JsValue::from_str("value"), &JsValue::from_str(value));
        remember(&mut shown, value);
    }

    /// Records what the user typed (the control shows it already).
    pub fn typed(&self, value: &str) {
        remember(&mut self.shown.borrow_mut(), value);
    }
}

/// A checkbox's state, written only when it changes.
pub struct Checked {
    element: HtmlInputElement,
    shown: Cell<bool>,
}

impl Checked {
    pub fn new(element: HtmlInputElement) -> Checked {
        Checked { shown: Cell::new(element.checked()), element }
    }

    pub fn show(&self, checked: bool) {
        if self.shown.replace(checked) != checked {
            self.element.set_checked(checked);
        }
    }
}

/// One attribute of an element (`None`: absent), written only when it changes.
pub struct Attr {
    element: Element,
    name: &'static str,
    shown: RefCell<Option<String>>,
}

impl Attr {
    /// The element must be built without this attribute: the first render sets it.
    pub fn new(element: &Element, name: &'static str) -> Attr {
        Attr { shown: RefCell::new(None), element: element.clone(), name }
    }

    pub fn show(&self, value: Option<&str>) {
        let mut shown = self.shown.borrow_mut();
        if shown.as_deref() == value {
            return;
        }
        let _ = match value {
            Some(v) => self.element.set_attribute(self.name, v),
            None => self.element.remove_attribute(self.name),
        };
        *shown = value.map(str::to_string);
    }

    /// A boolean attribute such as `hidden` or `disabled`.
    pub fn flag(&self, on: bool) {
        self.show(on.then_some(""));
    }
}

/// A list whose items only the console writes (the validation and history lists), cached like
/// [`Output`]. With `button_act`, each item is a `<button data-act=… data-index=i>` inside its
/// `<li>` (the console's one delegated click listener finds it); an item of class `empty` stays text.
pub struct ListOutput {
    element: Element,
    button_act: Option<&'static str>,
    shown: RefCell<Vec<(String, &'static str)>>,
}

impl ListOutput {
    pub fn new(element: Element, button_act: Option<&'static str>) -> ListOutput {
        ListOutput { element, button_act, shown: Default::default() }
    }

    /// Shows one `<li class=…>` per `(text, class)`, unless exactly these are shown already.
    pub fn show(&self, items: Vec<(String, &'static str)>) -> Result<(), JsValue> {
        let mut shown = self.shown.borrow_mut();
        if *shown == items {
            return Ok(());
        }
        self.element.set_text_content(None);
        let document = self.element.owner_document().ok_or("konaplate: no document")?;
        for (index, (text, class)) in items.iter().enumerate() {
            let li = document.create_element("li")?;
            if !class.is_empty() {
                li.set_attribute("class", class)?;
            }
            match self.button_act.filter(|_| *class != "empty") {
                Some(act) => {
                    let button = document.create_element("button")?;
                    button.set_attribute("type", "button")?;
                    button.set_attribute("data-act", act)?;
                    button.set_attribute("data-index", &index.to_string())?;
                    button.set_text_content(Some(text));
                    li.append_child(&button)?;
                }
                None => li.set_text_content(Some(text)),
            }
            self.element.append_child(&li)?;
        }
        *shown = items;
        Ok(())
    }
}
