//! Building elements: ids scoped per console, and the fixed texts that follow the language.

use std::cell::OnceCell;

use konaplate_core::catalog::Text;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node};

use crate::dom::{Attr, Output};
use crate::text::Lang;

pub type Result<T> = std::result::Result<T, JsValue>;

/// Fixed texts and attributes, rendered in the current language (change-only).
#[derive(Default)]
pub struct Texts {
    texts: Vec<(Output, Text)>,
    attributes: Vec<(Attr, Text)>,
}

impl Texts {
    pub fn render(&self, lang: Lang) {
        for (output, text) in &self.texts {
            output.show(lang.pick(*text));
        }
        for (attr, text) in &self.attributes {
            attr.show(Some(lang.pick(*text)));
        }
    }
}

/// Builds elements. Every id is prefixed with the console's scope (empty inside a shadow root,
/// which scopes ids itself), so two consoles in one document never share an id.
///
/// Building does not stop at a DOM error: the first one is kept, the element that failed is
/// replaced by a detached spare, and [`Builder::finish`] returns the error. So the many calls
/// of a part's `build` have no early returns (each `?` cost the page its own clean-up code).
pub struct Builder {
    pub document: Document,
    scope: String,
    texts: Texts,
    spare: Element,
    error: OnceCell<JsValue>,
}

impl Builder {
    pub fn new(document: &Document, scope: &str) -> Result<Builder> {
        Ok(Builder {
            document: document.clone(),
            scope: scope.to_string(),
            texts: Texts::default(),
            spare: document.create_element("div")?,
            error: OnceCell::new(),
        })
    }

    /// The texts that follow the language, or the first DOM error met while building.
    pub fn finish(self) -> Result<Texts> {
        match self.error.into_inner() {
            Some(error) => Err(error),
            None => Ok(self.texts),
        }
    }

    /// `made`, or the spare after keeping its error.
    fn keep(&self, made: Result<Element>) -> Element {
        made.unwrap_or_else(|error| {
            self.fail(error);
            self.spare.clone()
        })
    }

    fn fail(&self, error: JsValue) {
        let _ = self.error.set(error);
    }

    /// `element` as the interface its tag gives it (`input` → `HtmlInputElement`).
    pub fn cast<T: JsCast>(&self, element: Element) -> T {
        if !element.has_type::<T>() {
            self.fail(JsValue::from_str("konaplate: element of the wrong type"));
        }
        element.unchecked_into()
    }

    /// The element `element` was put in.
    pub fn parent(&self, element: &Element) -> Element {
        let parent = element.parent_element().ok_or_else(|| JsValue::from_str("konaplate: no parent"));
        self.keep(parent)
    }

    /// Sets an attribute of an element already built.
    pub fn set(&self, element: &Element, name: &str, value: &str) {
        if let Err(error) = element.set_attribute(name, value) {
            self.fail(error);
        }
    }

    /// `name` as an id of this console.
    pub fn id(&self, name: &str) -> String {
        format!("{}{name}", self.scope)
    }

    pub fn el(&self, tag: &str, parent: &Node, attrs: &[(&str, &str)]) -> Element {
        let made = self.document.create_element(tag).and_then(|e| {
            for (name, value) in attrs {
                e.set_attribute(name, value)?;
            }
            parent.append_child(&e)?;
            Ok(e)
        });
        self.keep(made)
    }

    /// An element whose text follows the language.
    pub fn text(&mut self, tag: &str, parent: &Node, attrs: &[(&str, &str)], text: Text) -> Element {
        let e = self.el(tag, parent, attrs);
        self.texts_for(e.clone(), text);
        e
    }

    /// An existing element whose text follows the language.
    pub fn texts_for(&mut self, e: Element, text: Text) {
        self.texts.texts.push((Output::new(e), text));
    }

    /// An attribute (aria-label, placeholder) that follows the language.
    pub fn attr(&mut self, e: &Element, name: &'static str, text: Text) {
        self.texts.attributes.push((Attr::new(e, name), text));
    }

    /// `<label for=…>` + control with `data-act`, in a `div.row`.
    pub fn labelled(&mut self, parent: &Node, act: &str, label: Text, tag: &str, attrs: &[(&str, &str)]) -> Element {
        let row = self.el("div", parent, &[("class", "row")]);
        let id = self.id(act);
        self.text("label", &row, &[("for", &id)], label);
        let mut all = vec![("id", id.as_str()), ("data-act", act)];
        all.extend_from_slice(attrs);
        self.el(tag, &row, &all)
    }

    pub fn option(&self, select: &Node, value: &str, label: &str) -> Element {
        let o = self.el("option", select, &[("value", value)]);
        o.set_text_content(Some(label));
        o
    }

    /// A `<section>` labelled by its `<h2>`.
    pub fn section(&mut self, parent: &Node, name: &str, title: Text) -> Element {
        let title_id = self.id(&format!("{name}-title"));
        let s = self.el("section", parent, &[("aria-labelledby", &title_id)]);
        self.text("h2", &s, &[("id", &title_id)], title);
        s
    }
}
