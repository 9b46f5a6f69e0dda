//! The form's controls, built from [`form::rows`]: a text input or a select per field, a
//! `<fieldset>` (its `<legend>` the field's name) per nested object, array and array item, an
//! Add button per array, a Remove button per item, a null checkbox per optional field. The
//! elements are rebuilt only when the rows' shape changes (an item added or removed, an object
//! set to null, another operation); otherwise rendering writes values through change-only
//! outputs. Focus stays on the control the user was on across a rebuild.

use std::cell::RefCell;

use konaplate_core::catalog::Endpoint;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, ShadowRoot};

use super::build::{Builder, Result};
use crate::dom::{Attr, Checked, Output, Value};
use crate::form::{self, Blocked, Kind, Row};
use crate::text::{self, Lang};

/// The elements of one row.
struct RowView {
    /// The text input or select (none for a group).
    value: Option<(Value, Attr)>,
    /// The null checkbox and its `disabled`.
    null: Option<(Checked, Attr)>,
    /// An array's Add button (text, `disabled`).
    add: Option<(Output, Attr)>,
    /// An item's Remove button (text, `disabled`).
    remove: Option<(Output, Attr)>,
    hint: Output,
    note: Option<Output>,
    /// Every control of the row with its `data-act`, to give focus back after a rebuild.
    controls: Vec<(&'static str, HtmlElement)>,
}

struct Built {
    endpoint: Option<&'static Endpoint>,
    /// The rows the elements were built for (their shape, labels and fields).
    rows: Vec<Row>,
    views: Vec<RowView>,
    /// The language the hints and buttons are worded in.
    worded: Option<Lang>,
}

pub struct Fields {
    document: Document,
    /// The prefix of the rows' ids.
    scope: String,
    container: Element,
    built: RefCell<Built>,
}

/// An array's Add button, for the array labelled `label`.
fn add_text(label: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Add to {label}"),
        Lang::Ko => format!("{label}에 추가"),
    }
}

/// An item's Remove button, for the item labelled `label`.
fn remove_text(label: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Remove {label}"),
        Lang::Ko => format!("{label} 삭제"),
    }
}

impl Fields {
    pub fn new(b: &Builder, container: Element) -> Fields {
        Fields {
            document: b.document.clone(),
            scope: b.id("field-"),
            container,
            built: RefCell::new(Built { endpoint: None, rows: Vec::new(), views: Vec::new(), worded: None }),
        }
    }

    /// Shows `body` for `endpoint`; `typing`: the control being typed in and its text as typed.
    /// Returns why the form cannot edit this body, if it cannot (its controls are then disabled
    /// and keep what they showed).
    pub fn render(
        &self,
        endpoint: &'static Endpoint,
        body: &str,
        typing: Option<&(String, String)>,
        lang: Lang,
    ) -> std::result::Result<(), Blocked> {
        let (wanted, blocked) = match form::rows(endpoint.request, body) {
            Ok(rows) => (Some(rows), None),
            Err(why) => (None, Some(why)),
        };
        let mut built = self.built.borrow_mut();
        let new_endpoint = !built.endpoint.is_some_and(|e| std::ptr::eq(e, endpoint));
        // Blocked: the rows shown stay (disabled), unless they are another operation's.
        let wanted = wanted.or_else(|| new_endpoint.then(|| form::blank_rows(endpoint.request)));
        if let Some(wanted) = wanted {
            let same = !new_endpoint
                && wanted.len() == built.rows.len()
                && wanted.iter().zip(&built.rows).all(|(a, b)| a.same_shape(b));
            if !same {
                let focused = self.focused();
                built.views = self.build(&wanted).unwrap_or_default();
                built.endpoint = Some(endpoint);
                built.worded = None;
                if let Some((act, path)) = focused {
                    focus(&built.views, &wanted, &act, &path);
                }
            }
            built.rows = wanted;
        }
        if built.worded != Some(lang) {
            for (view, row) in built.views.iter().zip(&built.rows) {
                word(view, row, lang);
            }
            built.worded = Some(lang);
        }
        for (view, row) in built.views.iter().zip(&built.rows) {
            if let Some((value, disabled)) = &view.value {
                match typing {
                    Some((path, typed)) if *path == row.pointer => value.show(typed),
                    // Blocked: the controls keep what they showed, disabled, beside the reason.
                    _ if blocked.is_none() => value.show(&row.text),
                    _ => {}
                }
                disabled.flag(blocked.is_some() || row.null);
            }
            if let Some((checked, disabled)) = &view.null {
                if blocked.is_none() {
                    checked.show(row.null);
                }
                disabled.flag(blocked.is_some());
            }
            if let Some((_, disabled)) = &view.add {
                disabled.flag(blocked.is_some() || row.full);
            }
            if let Some((_, disabled)) = &view.remove {
                disabled.flag(blocked.is_some());
            }
        }
        blocked.map_or(Ok(()), Err)
    }

    /// Records text the user typed into the control at `path` (it shows it already).
    pub fn typed(&self, path: &str, text: &str) {
        let built = self.built.borrow();
        if let Some((view, _)) = built.views.iter().zip(&built.rows).find(|(_, r)| r.pointer == path) {
            if let Some((value, _)) = &view.value {
                value.typed(text);
            }
        }
    }

    /// The `data-act` and `data-path` of the focused control, if it is one of the form's.
    fn focused(&self) -> Option<(String, String)> {
        let root = self.container.get_root_node();
        let active = match root.dyn_ref::<ShadowRoot>() {
            Some(shadow) => shadow.active_element(),
            None => root.dyn_ref::<Document>()?.active_element(),
        }?;
        if !self.container.contains(Some(&active)) {
            return None;
        }
        Some((active.get_attribute("data-act")?, active.get_attribute("data-path")?))
    }

    /// A `div.field` with the row's `<label>` and its control (`tag`), which carries the row's path.
    fn labelled(
        &self,
        b: &Builder,
        parent: &Element,
        row: &Row,
        tag: &str,
        id: &str,
        about_id: &str,
    ) -> (Element, Element) {
        let div = b.el("div", parent, &[("class", "field")]);
        b.el("label", &div, &[("for", id)]).set_text_content(Some(&row.label));
        let attrs =
            [("id", id), ("aria-describedby", about_id), ("data-act", "field"), ("data-path", row.pointer.as_str())];
        let control = b.el(tag, &div, &attrs);
        (div, control)
    }

    /// New elements for `rows`, replacing the old ones.
    fn build(&self, rows: &[Row]) -> Result<Vec<RowView>> {
        self.container.set_text_content(None);
        let b = Builder::new(&self.document, "")?;
        // The element each depth's rows go into: the container, then the open fieldsets.
        let mut parents: Vec<Element> = vec![self.container.clone()];
        let mut views = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            parents.truncate(row.depth + 1);
            let parent = parents.last().cloned().unwrap_or_else(|| self.container.clone());
            let id = format!("{}{i}", self.scope);
            let about_id = format!("{id}-about");
            let path = row.pointer.as_str();
            let mut controls = Vec::new();
            let (element, value) = match &row.kind {
                Kind::Group | Kind::List => {
                    let set = b.el("fieldset", &parent, &[("class", "group"), ("aria-describedby", &about_id)]);
                    b.el("legend", &set, &[]).set_text_content(Some(&row.label));
                    // The rows one level deeper go in here, after this row's hint and tools.
                    parents.push(set.clone());
                    (set, None)
                }
                Kind::Choice { options } => {
                    let (div, select) = self.labelled(&b, &parent, row, "select", &id, &about_id);
                    for option in options {
                        b.option(&select, option, if option.is_empty() { "—" } else { option });
                    }
                    controls.push(("field", b.cast::<HtmlElement>(select.clone())));
                    (div, Some((Value::new(select.clone()), Attr::new(&select, "disabled"))))
                }
                Kind::Text { numeric } => {
                    let (div, input) = self.labelled(&b, &parent, row, "input", &id, &about_id);
                    let mode = if *numeric { "numeric" } else { "text" };
                    for (name, v) in
                        [("type", "text"), ("spellcheck", "false"), ("autocomplete", "off"), ("inputmode", mode)]
                    {
                        b.set(&input, name, v);
                    }
                    controls.push(("field", b.cast::<HtmlElement>(input.clone())));
                    (div, Some((Value::new(input.clone()), Attr::new(&input, "disabled"))))
                }
            };
            let hint = Output::new(b.el("p", &element, &[("id", &about_id), ("class", "hint")]));
            let note = row.field.note.map(|_| Output::new(b.el("p", &element, &[("class", "note")])));
            let tools = if row.nullable || row.item || row.kind == Kind::List {
                Some(b.el("div", &element, &[("class", "field-tools")]))
            } else {
                None
            };
            let mut button = |act: &'static str| -> Option<(Output, Attr)> {
                let tools = tools.as_ref()?;
                let e = b.el("button", tools, &[("type", "button"), ("data-act", act), ("data-path", path)]);
                controls.push((act, b.cast::<HtmlElement>(e.clone())));
                Some((Output::new(e.clone()), Attr::new(&e, "disabled")))
            };
            let add = if row.kind == Kind::List { button("field-add") } else { None };
            let remove = if row.item { button("field-remove") } else { None };
            let null = match (&tools, row.nullable) {
                (Some(tools), true) => {
                    let label = b.el("label", tools, &[("class", "inline")]);
                    let name = format!("{} = null", row.label);
                    let attrs =
                        [("type", "checkbox"), ("data-act", "field-null"), ("data-path", path), ("aria-label", &name)];
                    let input: HtmlInputElement = b.cast(b.el("input", &label, &attrs));
                    b.el("span", &label, &[]).set_text_content(Some("null"));
                    controls.push(("field-null", input.clone().into()));
                    Some((Checked::new(input.clone()), Attr::new(&input, "disabled")))
                }
                _ => None,
            };
            views.push(RowView { value, null, add, remove, hint, note, controls });
        }
        b.finish()?;
        Ok(views)
    }
}

/// The row's hint (description, required or optional, bounds), note and button texts in `lang`.
fn word(view: &RowView, row: &Row, lang: Lang) {
    let field = row.field;
    let required = if row.item { "" } else { lang.pick(if field.required { text::REQUIRED } else { text::OPTIONAL }) };
    let bounds = field.bounds_in(lang);
    let about = match required {
        "" => format!("{} ({bounds})", lang.pick(field.description)),
        required => format!("{} ({required}; {bounds})", lang.pick(field.description)),
    };
    view.hint.show(&about);
    if let (Some(note), Some(doc)) = (&view.note, field.note) {
        note.show(lang.pick(doc.text));
    }
    if let Some((text, _)) = &view.add {
        text.show(&add_text(&row.label, lang));
    }
    if let Some((text, _)) = &view.remove {
        text.show(&remove_text(&row.label, lang));
    }
}

/// Focuses the control with this `data-act` at this `data-path` after a rebuild; a removed item's
/// Remove button gives focus to its array's Add button.
fn focus(views: &[RowView], rows: &[Row], act: &str, path: &str) {
    let find = |act: &str, path: &str| {
        views
            .iter()
            .zip(rows)
            .filter(|(_, r)| r.pointer == path)
            .flat_map(|(v, _)| &v.controls)
            .find(|(a, _)| *a == act)
    };
    let parent = path.rsplit_once('/').map(|(p, _)| p).unwrap_or_default();
    let found = find(act, path).or_else(|| (act == "field-remove").then(|| find("field-add", parent)).flatten());
    if let Some((_, element)) = found {
        let _ = element.focus();
    }
}
