//! The message encryption panel, built into the slot element the console gives: key id, server
//! key (paste or file), client private key (paste or file), the sandbox's test keys, and the body
//! as it goes on the wire. One listener of its own, on its fieldset: its controls name their
//! `data-field` (see [`crate::keys::field`]) and their `data-act` (`crypto`: a typed value,
//! `crypto-press`: a button, `crypto-file`: a key file, whose text is read in memory, put in its
//! key field and sent on as that field's `input` event). Once the keys took a value in, the
//! listener tells the console by a `change` event on the fieldset (`data-act="crypto"`), on
//! which the console renders (sealing anew, asking the module to `show`): the console's own
//! listeners capture, so they see each event before this one. The keys are values of form
//! controls only (never attributes, text or storage).

use std::cell::RefCell;

use js_sys::Reflect;
use konaplate_core::jwe::test_keys;
use konaplate_core::text::{Lang, Text};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event};

use crate::exchange::Exchange;
use crate::keys::{field, Keys};
use crate::text;

/// One element's text, or a control's `value`, written only when it differs (a control the user
/// is typing in already shows its value, so its caret stays where it is).
struct Shown {
    element: Element,
    value: bool,
    shown: RefCell<Option<String>>,
}

impl Shown {
    fn text(element: Element) -> Shown {
        Shown { element, value: false, shown: RefCell::new(None) }
    }

    fn value(element: Element) -> Shown {
        Shown { element, value: true, shown: RefCell::new(None) }
    }

    fn show(&self, text: &str) {
        if self.value {
            let value = js_sys::Reflect::get(&self.element, &"value".into()).ok().and_then(|v| v.as_string());
            if value.as_deref() != Some(text) {
                let _ = js_sys::Reflect::set(&self.element, &"value".into(), &text.into());
            }
        } else if self.shown.borrow().as_deref() != Some(text) {
            self.element.set_text_content(Some(text));
            *self.shown.borrow_mut() = Some(text.to_string());
        }
    }
}

pub struct Panel {
    /// Fixed texts, re-worded when the language changes.
    texts: Vec<(Element, Text)>,
    lang: Option<Lang>,
    status: Shown,
    key_id: Shown,
    server_key: Shown,
    client_key: Shown,
    test_keys: Shown,
    wire_row: Element,
    wire: Shown,
    /// The panel itself: shown for an Encrypted operation or an `encData` response.
    set: Element,
    /// Its listener (removed when the panel is dropped).
    listener: Closure<dyn Fn(Event)>,
    /// "The HMAC covers the encData wrapper", in the console's signature inspector.
    covers: Element,
    /// Why the shown response did not decrypt, and the decrypted response with the request's
    /// plaintext, before the console's exchange.
    why: Shown,
    block: Shown,
}

/// Shows or hides `element`.
fn hide(element: &Element, hidden: bool) {
    let _ = if hidden { element.set_attribute("hidden", "") } else { element.remove_attribute("hidden") };
}

struct Builder {
    document: Document,
    scope: String,
    texts: Vec<(Element, Text)>,
}

impl Builder {
    fn el(&self, tag: &str, parent: &Element, attrs: &[(&str, &str)]) -> Result<Element, JsValue> {
        let e = self.document.create_element(tag)?;
        for (name, value) in attrs {
            e.set_attribute(name, value)?;
        }
        parent.append_child(&e)?;
        Ok(e)
    }

    fn text(&mut self, tag: &str, parent: &Element, attrs: &[(&str, &str)], text: Text) -> Result<Element, JsValue> {
        let e = self.el(tag, parent, attrs)?;
        self.texts.push((e.clone(), text));
        Ok(e)
    }

    /// `<label for=…>` + a control named `name`, in a `div.row`.
    fn labelled(
        &mut self,
        parent: &Element,
        name: &str,
        label: Text,
        tag: &str,
        attrs: &[(&str, &str)],
    ) -> Result<Element, JsValue> {
        let row = self.el("div", parent, &[("class", "row")])?;
        let id = format!("{}{name}", self.scope);
        self.text("label", &row, &[("for", &id)], label)?;
        let mut all = vec![("id", id.as_str())];
        all.extend_from_slice(attrs);
        self.el(tag, &row, &all)
    }
}

/// The events the panel listens to.
const EVENTS: [&str; 3] = ["input", "click", "change"];

/// A bubbling event named `name` on `target`.
fn dispatch(target: &Element, name: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = Event::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// Panel `n`'s listener on its fieldset `set`; `files` are its two key fields (server, client),
/// which a chosen file fills.
fn listen(set: &Element, n: u32, files: [Element; 2]) -> Result<Closure<dyn Fn(Event)>, JsValue> {
    let fieldset = set.clone();
    let listener = Closure::<dyn Fn(Event)>::new(move |event: Event| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let attr = |name| target.get_attribute(name).unwrap_or_default();
        let field = attr("data-field");
        match (event.type_().as_str(), attr("data-act").as_str()) {
            ("input", "crypto") | ("click", "crypto-press") => {
                crate::input(n, &field, &value(&target));
                dispatch(&fieldset, "change");
            }
            ("change", "crypto-file") => {
                let into = files.iter().find(|f| f.get_attribute("data-field").as_deref() == Some(&field));
                if let Some(into) = into {
                    let _ = read_file(&target, into.clone());
                }
            }
            _ => {}
        }
    });
    for event in EVENTS {
        set.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref())?;
    }
    Ok(listener)
}

/// A control's `value`.
fn value(control: &Element) -> String {
    Reflect::get(control, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// The text of the file chosen in `input`, read in memory only, put in the key field `into` and
/// sent on as its `input` event (bubbling: this listener, then the console's). The file input
/// is emptied, so the same file can be chosen again; a file that cannot be read changes nothing.
fn read_file(input: &Element, into: Element) -> Result<(), JsValue> {
    let file = Reflect::get(&Reflect::get(input, &"files".into())?, &0.into())?;
    let text: js_sys::Function = Reflect::get(&file, &"text".into())?.dyn_into()?;
    let text = text.call0(&file)?;
    Reflect::set(input, &"value".into(), &"".into())?;
    let read = Closure::once_into_js(move |text: JsValue| {
        let _ = Reflect::set(&into, &"value".into(), &text);
        dispatch(&into, "input");
    });
    let then: js_sys::Function = Reflect::get(&text, &"then".into())?.dyn_into()?;
    then.call2(&text, &read, &Closure::once_into_js(|_: JsValue| {}))?;
    Ok(())
}

impl Drop for Panel {
    fn drop(&mut self) {
        for event in EVENTS {
            let _ = self.set.remove_event_listener_with_callback(event, self.listener.as_ref().unchecked_ref());
        }
    }
}

impl Panel {
    /// Builds the panel into `slot`; `scope` prefixes its ids (the console's own prefix). The
    /// HMAC note goes before the console's `{scope}token-note`, the decrypted block (and why
    /// not) before its `{scope}response-body` (both inside the slot's parent, the console's top
    /// element).
    pub fn build(slot: &Element, scope: &str, n: u32) -> Result<Panel, JsValue> {
        let document = slot.owner_document().ok_or("konaplate: the slot is in no document")?;
        let top = slot.parent_element().ok_or("konaplate: the slot is in no console")?;
        let anchor = |id: &str| {
            top.query_selector(&format!("#{scope}{id}"))?.ok_or_else(|| JsValue::from(format!("konaplate: no #{id}")))
        };
        let (token_note, response_body) = (anchor("token-note")?, anchor("response-body")?);
        let mut b = Builder { document, scope: scope.to_string(), texts: Vec::new() };
        let id = |name: &str| format!("{scope}{name}");
        let covers =
            b.text("p", &top, &[("class", "note"), ("id", &id("hmac-covers")), ("hidden", "")], text::HMAC_COVERS)?;
        token_note.insert_adjacent_element("beforebegin", &covers)?;
        let why = b.el("p", &top, &[("class", "note"), ("id", &id("decrypt-note")), ("hidden", "")])?;
        let block = b.el("pre", &top, &[("id", &id("response-decrypted")), ("tabindex", "0"), ("hidden", "")])?;
        for placed in [&why, &block] {
            response_body.insert_adjacent_element("beforebegin", placed)?;
        }
        let set = b.el("fieldset", slot, &[("class", "crypto"), ("data-act", "crypto")])?;
        b.text("legend", &set, &[], text::CRYPTO)?;
        let status = b.el("p", &set, &[("id", &format!("{scope}crypto-status")), ("class", "hint")])?;
        let act = ("data-act", "crypto");
        let typed = |name| [act, ("data-field", name), ("autocomplete", "off"), ("spellcheck", "false")];
        let key_id_attrs =
            [act, ("data-field", field::KEY_ID), ("type", "text"), ("autocomplete", "off"), ("spellcheck", "false")];
        let file = |name| [("data-act", "crypto-file"), ("data-field", name), ("type", "file")];
        let key_id = b.labelled(&set, "crypto-key-id", text::CRYPTO_KEY_ID, "input", &key_id_attrs)?;
        let server_key = b.labelled(&set, "server-key", text::SERVER_KEY, "textarea", &typed(field::SERVER_KEY))?;
        b.labelled(&set, "server-key-file", text::SERVER_KEY_FILE, "input", &file(field::SERVER_KEY))?;
        let client_key = b.labelled(&set, "client-key", text::CLIENT_KEY, "textarea", &typed(field::CLIENT_KEY))?;
        b.labelled(&set, "client-key-file", text::CLIENT_KEY_FILE, "input", &file(field::CLIENT_KEY))?;
        for control in [&server_key, &client_key] {
            control.set_attribute("rows", "3")?;
        }
        let test_keys = b.el("p", &set, &[("class", "hint")])?;
        let press = [("type", "button"), ("data-act", "crypto-press"), ("data-field", field::TEST_KEYS)];
        b.text("button", &set, &press, text::TEST_KEYS)?;
        let wire_row = b.el("div", &set, &[])?;
        b.text("h3", &wire_row, &[], text::WIRE)?;
        let wire = b.el("pre", &wire_row, &[("id", &format!("{scope}wire-body")), ("tabindex", "0")])?;
        let listener = listen(&set, n, [server_key.clone(), client_key.clone()])?;
        Ok(Panel {
            listener,
            texts: b.texts,
            lang: None,
            status: Shown::text(status),
            key_id: Shown::value(key_id),
            server_key: Shown::value(server_key),
            client_key: Shown::value(client_key),
            test_keys: Shown::text(test_keys),
            wire_row,
            wire: Shown::text(wire),
            covers,
            why: Shown::text(why),
            block: Shown::text(block),
            set,
        })
    }

    /// Writes `keys` into the panel in `lang`, and what it places in the console's areas, from
    /// what `shown` found.
    pub fn show(&mut self, keys: &Keys, lang: Lang, shown: &Exchange) {
        let encrypted = shown.encrypted;
        if self.lang.replace(lang) != Some(lang) {
            for (element, text) in &self.texts {
                element.set_text_content(Some(lang.pick(*text)));
            }
            let ids = text::test_keys(test_keys::SERVER_KEY_ID, test_keys::CLIENT_KEY_ID);
            self.test_keys.show(ids.get(lang));
        }
        hide(&self.set, !(encrypted || shown.enc_data));
        self.status.show(&keys.status(encrypted, lang));
        self.key_id.show(keys.key_id());
        self.server_key.show(keys.server_key());
        self.client_key.show(keys.client_key());
        let wire = keys.wire().filter(|_| encrypted);
        hide(&self.wire_row, wire.is_none());
        // The signed string is the wrapper exactly when the console sends it (sealed, Encrypted).
        hide(&self.covers, wire.is_none());
        self.wire.show(wire.unwrap_or_default());
        for (element, text) in [(&self.why, &shown.why), (&self.block, &shown.block)] {
            hide(&element.element, text.is_empty());
            element.show(text);
        }
    }
}
