//! The request body: a form (one input per documented field) and the raw JSON, as two tabs.

use std::cell::RefCell;

use konaplate_core::catalog::{self, Endpoint};
use web_sys::{Document, Element};

use super::build::{Builder, Result};
use super::Frame;
use crate::dom::{Attr, Output, Value};
use crate::form;
use crate::state::Tab;
use crate::text::{self, Lang};

/// One documented body field's row in the form.
struct FieldRow {
    name: &'static str,
    input: Value,
    disabled: Attr,
    about: Output,
    note: Option<(Output, catalog::Text)>,
}

/// The form's rows, for the endpoint they were built for.
struct Form {
    endpoint: Option<&'static Endpoint>,
    rows: Vec<FieldRow>,
    /// The language the rows' explanations are worded in.
    worded: Option<Lang>,
}

pub struct Body {
    document: Document,
    scope_id: String,
    tab_form: [Attr; 2],
    tab_raw: [Attr; 2],
    form_panel: Attr,
    raw_panel: Attr,
    blocked: Output,
    blocked_hidden: Attr,
    fields: Element,
    form: RefCell<Form>,
    pub raw: Value,
}

impl Body {
    pub fn build(b: &mut Builder, top: &Element) -> Result<Body> {
        let section = b.section(top, "body", text::BODY)?;
        let tabs = b.el("div", &section, &[("role", "tablist"), ("class", "tabs")])?;
        let (form_tab_id, raw_tab_id) = (b.id("form-tab"), b.id("raw-tab"));
        let (form_panel_id, raw_panel_id) = (b.id("form-panel"), b.id("raw-panel"));
        let tab = |b: &mut Builder, act: &str, id: &str, panel: &str, label| {
            b.text(
                "button",
                &tabs,
                &[("type", "button"), ("role", "tab"), ("id", id), ("aria-controls", panel), ("data-act", act)],
                label,
            )
        };
        let form_tab = tab(b, "form-tab", &form_tab_id, &form_panel_id, text::FORM_TAB)?;
        let raw_tab = tab(b, "raw-tab", &raw_tab_id, &raw_panel_id, text::RAW_TAB)?;
        let form_panel =
            b.el("div", &section, &[("role", "tabpanel"), ("id", &form_panel_id), ("aria-labelledby", &form_tab_id)])?;
        let blocked_id = b.id("form-blocked");
        let blocked = b.el("p", &form_panel, &[("class", "note"), ("id", &blocked_id)])?;
        let fields = b.el("div", &form_panel, &[("class", "fields")])?;
        let raw_panel =
            b.el("div", &section, &[("role", "tabpanel"), ("id", &raw_panel_id), ("aria-labelledby", &raw_tab_id)])?;
        let raw =
            b.labelled(&raw_panel, "body", text::RAW_LABEL, "textarea", &[("rows", "9"), ("spellcheck", "false")])?;
        let pair = |e: &Element| [Attr::new(e, "aria-selected"), Attr::new(e, "tabindex")];
        Ok(Body {
            document: b.document.clone(),
            scope_id: b.id("field-"),
            tab_form: pair(&form_tab),
            tab_raw: pair(&raw_tab),
            form_panel: Attr::new(&form_panel, "hidden"),
            raw_panel: Attr::new(&raw_panel, "hidden"),
            blocked_hidden: Attr::new(&blocked, "hidden"),
            blocked: Output::new(blocked),
            fields,
            form: RefCell::new(Form { endpoint: None, rows: Vec::new(), worded: None }),
            raw: Value::new(raw),
        })
    }

    /// New rows for `endpoint`: one per documented field, labelled by its documented name.
    fn build_rows(&self, endpoint: &'static Endpoint) -> Result<Vec<FieldRow>> {
        self.fields.set_text_content(None);
        let b = Builder::new(&self.document, "");
        let mut rows = Vec::new();
        for field in endpoint.request {
            let id = format!("{}{}", self.scope_id, field.name);
            let about_id = format!("{id}-about");
            let row = b.el("div", &self.fields, &[("class", "field")])?;
            b.el("label", &row, &[("for", &id)])?.set_text_content(Some(field.name));
            let numeric = matches!(field.ty, catalog::FieldType::Integer { .. });
            let input = b.el(
                "input",
                &row,
                &[
                    ("id", &id),
                    ("type", "text"),
                    ("spellcheck", "false"),
                    ("autocomplete", "off"),
                    ("inputmode", if numeric { "numeric" } else { "text" }),
                    ("aria-describedby", &about_id),
                    ("data-act", "field"),
                    ("data-field", field.name),
                ],
            )?;
            let about = Output::new(b.el("p", &row, &[("id", &about_id), ("class", "hint")])?);
            let note = match field.note {
                Some(note) => Some((Output::new(b.el("p", &row, &[("class", "note")])?), note.text)),
                None => None,
            };
            rows.push(FieldRow {
                name: field.name,
                disabled: Attr::new(&input, "disabled"),
                input: Value::new(input),
                about,
                note,
            });
        }
        Ok(rows)
    }

    pub fn render(&self, f: &Frame) {
        let (s, lang) = (f.state, f.lang);
        let raw = s.tab == Tab::Raw;
        self.form_panel.flag(raw);
        self.raw_panel.flag(!raw);
        for ([selected, tabindex], on) in [(&self.tab_form, !raw), (&self.tab_raw, raw)] {
            selected.show(Some(if on { "true" } else { "false" }));
            tabindex.show(Some(if on { "0" } else { "-1" }));
        }
        self.raw.show(&s.body);

        let mut form = self.form.borrow_mut();
        if form.endpoint.map(|e| e.id) != Some(s.endpoint.id) {
            form.rows = self.build_rows(s.endpoint).unwrap_or_default();
            form.endpoint = Some(s.endpoint);
            form.worded = None;
        }
        if form.worded != Some(lang) {
            for (row, field) in form.rows.iter().zip(s.endpoint.request) {
                let required = lang.pick(if field.required { text::REQUIRED } else { text::OPTIONAL });
                let bounds = match lang {
                    Lang::En => field.bounds(),
                    Lang::Ko => field.bounds_ko(),
                };
                row.about.show(&format!("{} ({required}; {bounds})", lang.pick(field.description)));
                if let Some((note, t)) = &row.note {
                    note.show(lang.pick(*t));
                }
            }
            form.worded = Some(lang);
        }
        let texts = form::field_texts(s.endpoint, &s.body);
        for (i, row) in form.rows.iter().enumerate() {
            row.disabled.flag(texts.is_err());
            match (&s.typing, &texts) {
                (Some((name, typed)), _) if *name == row.name => row.input.show(typed),
                (_, Ok(texts)) => row.input.show(&texts[i].1),
                // Blocked: the inputs keep what they showed, disabled, beside the reason.
                (_, Err(_)) => {}
            }
        }
        match texts {
            Ok(_) => self.blocked_hidden.flag(true),
            Err(why) => {
                self.blocked.show(lang.pick(why.explain()));
                self.blocked_hidden.flag(false);
            }
        }
    }

    pub fn typed(&self, name: &str, text: &str) {
        if let Some(row) = self.form.borrow().rows.iter().find(|r| r.name == name) {
            row.input.typed(text);
        }
    }
}
