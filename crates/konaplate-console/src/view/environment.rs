//! The environment row: the profile picker, its variables, "keep for this tab", and the
//! profile file's export and import.

use std::cell::RefCell;

use web_sys::Element;

use super::build::Builder;
use super::Frame;
use crate::dom::{Attr, Checked, Output, Value};
use crate::exchange::Target;
use crate::tools_text;

pub struct Environment {
    profile: Element,
    /// The names the picker lists now (rebuilt when an import adds one).
    listed: RefCell<Vec<String>>,
    selected: Value,
    pub variables: Value,
    unknown: Output,
    unknown_hidden: Attr,
    no_base_url: Attr,
    keep: Checked,
    notice: Output,
}

impl Environment {
    pub fn build(b: &mut Builder, top: &Element) -> Environment {
        let set = b.el("fieldset", top, &[("class", "environment")]);
        b.text("legend", &set, &[], tools_text::ENVIRONMENT);
        let profile = b.labelled(&set, "profile", tools_text::PROFILE, "select", &[]);
        let variables =
            b.labelled(&set, "variables", tools_text::VARIABLES, "textarea", &[("rows", "2"), ("spellcheck", "false")]);
        let keep_label = b.el("label", &set, &[("class", "inline")]);
        let keep = b.el(
            "input",
            &keep_label,
            &[("type", "checkbox"), ("id", &b.id("keep-for-tab")), ("data-act", "keep-for-tab")],
        );
        b.text("span", &keep_label, &[], tools_text::KEEP_FOR_TAB);
        let files = b.el("div", &set, &[("class", "send")]);
        b.text("button", &files, &[("type", "button"), ("data-act", "export-profiles")], tools_text::EXPORT_PROFILES);
        let import_id = b.id("import-profiles");
        b.text("label", &files, &[("for", &import_id)], tools_text::IMPORT_PROFILES);
        b.el(
            "input",
            &files,
            &[
                ("type", "file"),
                ("id", &import_id),
                ("accept", ".json,application/json"),
                ("data-act", "import-profiles"),
            ],
        );
        let unknown = b.el("p", &set, &[("class", "note"), ("id", &b.id("unknown-variables"))]);
        let no_base_url = b.text("p", &set, &[("class", "note")], tools_text::NO_BASE_URL);
        b.text("p", &set, &[("class", "hint")], tools_text::VARIABLES_HINT);
        b.text("p", &set, &[("class", "hint")], tools_text::KEEP_FOR_TAB_HINT);
        let notice = b.el("p", &set, &[("class", "hint"), ("id", &b.id("profiles-notice")), ("aria-live", "polite")]);
        Environment {
            selected: Value::new(profile.clone()),
            profile,
            listed: RefCell::default(),
            variables: Value::new(variables),
            unknown_hidden: Attr::new(&unknown, "hidden"),
            unknown: Output::new(unknown),
            no_base_url: Attr::new(&no_base_url, "hidden"),
            keep: Checked::new(b.cast(keep)),
            notice: Output::new(notice),
        }
    }

    pub fn render(&self, f: &Frame) {
        let (s, lang) = (f.state, f.lang);
        let env = &s.environments;
        let names: Vec<String> = env.profiles.iter().map(|p| p.name.clone()).collect();
        if *self.listed.borrow() != names {
            self.profile.set_text_content(None);
            let document = self.profile.owner_document();
            for name in &names {
                if let Some(option) = document.as_ref().and_then(|d| d.create_element("option").ok()) {
                    let _ = option.set_attribute("value", name);
                    option.set_text_content(Some(name));
                    let _ = self.profile.append_child(&option);
                }
            }
            *self.listed.borrow_mut() = names;
            // The options were rebuilt: the selection must be written again.
            self.selected.typed("");
        }
        self.selected.show(&env.active().name);
        self.variables.show(&env.active().variables);
        let unknown = s.unknown_variables();
        self.unknown_hidden.flag(unknown.is_empty());
        if !unknown.is_empty() {
            self.unknown.show(tools_text::unknown_variables(&unknown).get(lang));
        }
        self.no_base_url.flag(!(s.target == Target::Server && s.server_url.trim().is_empty()));
        self.keep.show(env.keep_for_tab);
        match &env.notice {
            Some(notice) => self.notice.show(notice.get(lang)),
            None => self.notice.show(""),
        }
    }
}
