//! The Diagnose panel: a paste, a button, the verdict and the findings, header by header.

use std::cell::Cell;

use web_sys::Element;

use super::build::Builder;
use super::Frame;
use crate::doctor;
use crate::dom::{ListOutput, Output, Value};
use crate::text::Lang;
use crate::tools_text;

pub struct Diagnose {
    pub input: Value,
    summary: Output,
    findings: ListOutput,
    /// The language and run the list was last worded for.
    worded: Cell<Option<(Lang, u32)>>,
}

impl Diagnose {
    pub fn build(b: &mut Builder, top: &Element) -> Diagnose {
        let section = b.section(top, "diagnose", tools_text::DIAGNOSE);
        b.text("p", &section, &[("class", "hint")], tools_text::DIAGNOSE_HINT);
        let input = b.labelled(
            &section,
            "diagnose-input",
            tools_text::DIAGNOSE_INPUT,
            "textarea",
            &[("rows", "6"), ("spellcheck", "false"), ("autocomplete", "off")],
        );
        b.text("button", &section, &[("type", "button"), ("data-act", "diagnose")], tools_text::DIAGNOSE_BUTTON);
        let summary =
            b.el("p", &section, &[("id", &b.id("diagnose-summary")), ("class", "verdict"), ("aria-live", "polite")]);
        let findings = b.el("ul", &section, &[("id", &b.id("diagnose-findings")), ("class", "violations")]);
        Diagnose {
            input: Value::new(input),
            summary: Output::new(summary),
            findings: ListOutput::new(findings, None),
            worded: Cell::new(None),
        }
    }

    pub fn render(&self, f: &Frame) {
        let (d, lang) = (&f.state.doctor, f.lang);
        self.input.show(&d.input);
        if self.worded.replace(Some((lang, d.runs))) == Some((lang, d.runs)) {
            return;
        }
        let (summary, items) = doctor::lines(d, lang);
        self.summary.show(&summary);
        let _ = self.findings.show(items);
    }
}
