//! The X-KM header table: the value sent, an override input, the rule; and the time zone.

use konaplate_core::catalog::{self, HeaderSpec};
use konaplate_core::time::TimeZone;
use web_sys::Element;

use super::build::Builder;
use super::Frame;
use crate::dom::{Attr, Output, Value};
use crate::draft::{shown_value, OVERRIDABLE};
use crate::text;

struct Row {
    spec: &'static HeaderSpec,
    value: Output,
    overridden: Attr,
    /// The override input and its translated label; `None` for the credential headers.
    input: Option<(Value, Attr)>,
    rule: Output,
}

pub struct Headers {
    zone: Value,
    rows: Vec<Row>,
}

impl Headers {
    pub fn build(b: &mut Builder, top: &Element) -> Headers {
        let section = b.section(top, "headers", text::HEADERS);
        b.text("p", &section, &[("class", "hint")], text::HEADERS_HINT);
        let zone = b.labelled(&section, "zone", text::TIME_ZONE, "select", &[]);
        for z in [TimeZone::Kst, TimeZone::Utc] {
            b.option(&zone, z.code(), z.code());
        }
        let scroll = b.el("div", &section, &[("class", "scroll")]);
        let table = b.el("table", &scroll, &[]);
        let thead = b.el("thead", &table, &[]);
        let head_row = b.el("tr", &thead, &[]);
        for t in [text::HEADER_NAME, text::HEADER_VALUE, text::HEADER_OVERRIDE, text::HEADER_RULE] {
            b.text("th", &head_row, &[("scope", "col")], t);
        }
        let tbody = b.el("tbody", &table, &[]);
        let mut rows = Vec::new();
        for spec in catalog::HEADERS {
            let tr = b.el("tr", &tbody, &[]);
            b.el("th", &tr, &[("scope", "row")]).set_text_content(Some(spec.name));
            let value = b.el("td", &tr, &[("class", "mono")]);
            let cell = b.el("td", &tr, &[]);
            let input = if OVERRIDABLE.contains(&spec.name) {
                let input = b.el(
                    "input",
                    &cell,
                    &[
                        ("type", "text"),
                        ("spellcheck", "false"),
                        ("autocomplete", "off"),
                        ("data-act", "override"),
                        ("data-header", spec.name),
                    ],
                );
                b.attr(&input, "placeholder", text::AUTOMATIC);
                Some((Value::new(input.clone()), Attr::new(&input, "aria-label")))
            } else {
                None
            };
            let rule = Output::new(b.el("td", &tr, &[("class", "rule")]));
            rows.push(Row {
                spec,
                overridden: Attr::new(&value, "data-overridden"),
                value: Output::new(value),
                input,
                rule,
            });
        }
        Headers { zone: Value::new(zone), rows }
    }

    pub fn render(&self, f: &Frame) {
        let (s, d, lang) = (f.state, f.draft, f.lang);
        self.zone.show(s.zone.code());
        for row in &self.rows {
            let name = row.spec.name;
            let shown = match d.headers.iter().find(|(n, _)| n == name) {
                Some((n, v)) => shown_value(n, v, lang),
                None => lang.pick(text::NOT_SENT).to_string(),
            };
            row.value.show(&shown);
            row.overridden.show(Some(if d.overridden.contains(&name) { "true" } else { "false" }));
            if let Some((input, label)) = &row.input {
                let value = s.overrides.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v.as_str());
                input.show(value);
                label.show(Some(&text::override_label(name, lang)));
            }
            row.rule.show(lang.pick(row.spec.rule));
        }
    }

    pub fn typed(&self, name: &str, value: &str) {
        if let Some((input, _)) = self.rows.iter().find(|r| r.spec.name == name).and_then(|r| r.input.as_ref()) {
            input.typed(value);
        }
    }
}
