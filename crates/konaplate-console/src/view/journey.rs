//! The journey section (its steps with their last answers, the target sandbox's clock with
//! "+5 min", the fixtures as buttons) and the link buttons under the response.

use std::cell::Cell;

use web_sys::Element;

use super::build::Builder;
use super::Frame;
use crate::dom::{Attr, ListOutput, Output};
use crate::journey::{self, Fixture};
use crate::state::{Outcome, Panel};
use crate::text::Lang;

pub struct Journey {
    steps: ListOutput,
    clock: Output,
    fixtures: ListOutput,
    cases: ListOutput,
    cases_hidden: Attr,
    /// What the steps, fixtures and Test Data were last worded from.
    steps_from: Cell<Option<(Lang, usize)>>,
    fixtures_from: Cell<Option<Lang>>,
    cases_from: Cell<Option<(Lang, &'static str)>>,
}

/// The shown answer's links, as buttons under the response.
pub struct Links {
    links: ListOutput,
    hidden: Attr,
    from: Cell<Option<(Lang, u32)>>,
}

impl Journey {
    pub fn build(b: &mut Builder, top: &Element) -> Journey {
        let section = b.section(top, "journey", journey::TITLE);
        b.text("p", &section, &[("class", "note")], journey::STEPS_NOTE);
        let steps = b.el("ol", &section, &[("id", &b.id("journey-steps")), ("class", "history")]);
        let row = b.el("div", &section, &[("class", "row")]);
        let clock = b.el("span", &row, &[("id", &b.id("journey-clock"))]);
        b.text("button", &row, &[("type", "button"), ("data-act", "advance-clock")], journey::ADVANCE);
        let cases_box = b.el("div", &section, &[]);
        b.text("h3", &cases_box, &[], journey::TEST_DATA_TITLE);
        let cases = b.el("ul", &cases_box, &[("id", &b.id("test-data")), ("class", "history")]);
        let details = b.el("details", &section, &[("data-act", "panel"), ("data-panel", "fixtures")]);
        b.text("summary", &details, &[], journey::FIXTURES_TITLE);
        let fixtures = b.el("ul", &details, &[("id", &b.id("fixtures")), ("class", "history")]);
        Journey {
            steps: ListOutput::new(steps, Some("journey-step")),
            clock: Output::new(clock),
            fixtures: ListOutput::new(fixtures, Some("fixture")),
            cases_hidden: Attr::new(&cases_box, "hidden"),
            cases: ListOutput::new(cases, Some("test-case")),
            steps_from: Cell::new(None),
            fixtures_from: Cell::new(None),
            cases_from: Cell::new(None),
        }
    }

    pub fn render(&self, f: &Frame) {
        let (s, lang) = (f.state, f.lang);
        self.clock.show(&journey::clock_text(s.clock_view(), lang, &s.origin));
        if self.steps_from.replace(Some((lang, s.history.pushed()))) != Some((lang, s.history.pushed())) {
            let _ = self.steps.show(journey::step_lines(&s.history, lang).into_iter().map(|l| (l, "")).collect());
        }
        if self.cases_from.replace(Some((lang, s.endpoint.id))) != Some((lang, s.endpoint.id)) {
            let cases = journey::test_cases(s.endpoint);
            self.cases_hidden.flag(cases.is_empty());
            let _ = self.cases.show(cases.iter().map(|c| (journey::test_case_label(c, lang), "")).collect());
        }
        // Filled when first opened (their data and wording are not part of first paint).
        if s.open.contains(&Panel::Fixtures) && self.fixtures_from.replace(Some(lang)) != Some(lang) {
            let items = journey::fixture_list().iter().map(|f: &Fixture| (f.label(lang), "")).collect();
            let _ = self.fixtures.show(items);
        }
    }
}

impl Links {
    /// The buttons go at the end of the response `area`.
    pub fn build(b: &mut Builder, area: &Element) -> Links {
        let links_box = b.el("div", area, &[("id", &b.id("links"))]);
        b.text("h3", &links_box, &[], journey::LINKS_TITLE);
        let links = b.el("ul", &links_box, &[("class", "history")]);
        Links {
            hidden: Attr::new(&links_box, "hidden"),
            links: ListOutput::new(links, Some("follow-link")),
            from: Cell::new(None),
        }
    }

    pub fn render(&self, f: &Frame) {
        let (s, lang) = (f.state, f.lang);
        if self.from.replace(Some((lang, s.outcome_changes))) == Some((lang, s.outcome_changes)) {
            return;
        }
        let labels: Vec<(String, &'static str)> = match &s.outcome {
            // The labels name fields, not values: any time gives the same ones.
            Outcome::Shown(entry) => {
                journey::links(entry, 0).iter().map(|n| (journey::link_label(n, lang), "")).collect()
            }
            _ => Vec::new(),
        };
        self.hidden.flag(labels.is_empty());
        let _ = self.links.show(labels);
    }
}
