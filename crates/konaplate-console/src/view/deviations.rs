//! Under the response: the answer's deviations from the document (and the proxy's report).

use web_sys::Element;

use super::build::Builder;
use super::Frame;
use crate::deviations;
use crate::dom::{Attr, ListOutput, Output};
use crate::history::Entry;
use crate::tools_text;

pub struct Deviations {
    hidden: Attr,
    summary: Output,
    list: ListOutput,
}

impl Deviations {
    pub fn build(b: &mut Builder, section: &Element) -> Deviations {
        let part = b.el("div", section, &[("class", "deviations")]);
        b.text("h3", &part, &[], tools_text::DEVIATIONS);
        let summary = b.el("p", &part, &[("id", &b.id("deviations-summary"))]);
        let list = b.el("ul", &part, &[("id", &b.id("deviations")), ("class", "violations")]);
        Deviations {
            hidden: Attr::new(&part, "hidden"),
            summary: Output::new(summary),
            list: ListOutput::new(list, None),
        }
    }

    /// `entry`: the exchange shown (`None`: nothing answered, the part is hidden).
    pub fn render(&self, f: &Frame, entry: Option<&Entry>) {
        self.hidden.flag(entry.is_none());
        let (summary, items) = match entry {
            Some(entry) => deviations::lines(entry, &f.state.operations, f.lang),
            None => (String::new(), Vec::new()),
        };
        self.summary.show(&summary);
        let _ = self.list.show(items);
    }
}
