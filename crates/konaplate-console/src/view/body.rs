//! The request body: a form (see `fields`: nested objects, arrays, enums, null) and the raw
//! JSON, as two tabs.

use web_sys::Element;

use super::build::Builder;
use super::fields::Fields;
use super::Frame;
use crate::dom::{Attr, Output, Value};
use crate::state::Tab;
use crate::text;

pub struct Body {
    tab_form: [Attr; 2],
    tab_raw: [Attr; 2],
    form_panel: Attr,
    raw_panel: Attr,
    blocked: Output,
    blocked_hidden: Attr,
    fields: Fields,
    pub raw: Value,
}

impl Body {
    pub fn build(b: &mut Builder, top: &Element) -> Body {
        let section = b.section(top, "body", text::BODY);
        let tabs = b.el("div", &section, &[("role", "tablist"), ("class", "tabs")]);
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
        let form_tab = tab(b, "form-tab", &form_tab_id, &form_panel_id, text::FORM_TAB);
        let raw_tab = tab(b, "raw-tab", &raw_tab_id, &raw_panel_id, text::RAW_TAB);
        let form_panel =
            b.el("div", &section, &[("role", "tabpanel"), ("id", &form_panel_id), ("aria-labelledby", &form_tab_id)]);
        let blocked_id = b.id("form-blocked");
        let blocked = b.el("p", &form_panel, &[("class", "note"), ("id", &blocked_id)]);
        let fields = b.el("div", &form_panel, &[("class", "fields")]);
        let raw_panel =
            b.el("div", &section, &[("role", "tabpanel"), ("id", &raw_panel_id), ("aria-labelledby", &raw_tab_id)]);
        let raw =
            b.labelled(&raw_panel, "body", text::RAW_LABEL, "textarea", &[("rows", "9"), ("spellcheck", "false")]);
        let pair = |e: &Element| [Attr::new(e, "aria-selected"), Attr::new(e, "tabindex")];
        Body {
            tab_form: pair(&form_tab),
            tab_raw: pair(&raw_tab),
            form_panel: Attr::new(&form_panel, "hidden"),
            raw_panel: Attr::new(&raw_panel, "hidden"),
            blocked_hidden: Attr::new(&blocked, "hidden"),
            blocked: Output::new(blocked),
            fields: Fields::new(b, fields),
            raw: Value::new(raw),
        }
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

        match self.fields.render(s.endpoint, &s.body, s.typing.as_ref(), lang) {
            Ok(()) => self.blocked_hidden.flag(true),
            Err(why) => {
                self.blocked.show(lang.pick(why.explain()));
                self.blocked_hidden.flag(false);
            }
        }
    }

    /// Records text typed into the form control at `path`.
    pub fn typed(&self, path: &str, text: &str) {
        self.fields.typed(path, text);
    }
}
