//! The title row (language, theme), the endpoint and Test Data pickers, and the credentials.

use konaplate_core::catalog::{self, Endpoint};
use web_sys::Element;

use super::build::Builder;
use super::Frame;
use crate::dom::{Attr, Output, Value};
use crate::state::Msg;
use crate::text;

pub struct Top {
    lang_attr: Attr,
    theme: Attr,
    pressed: Attr,
    language: Value,
    endpoint: Value,
    endpoint_options: Vec<(Output, &'static Endpoint)>,
    endpoint_info: Output,
    encrypted_note: Attr,
    asp_id: Value,
    access_key: Value,
    secret: Value,
}

impl Top {
    pub fn build(b: &mut Builder, top: &Element, heading: bool, operations: &[&'static Endpoint]) -> Top {
        let head = b.el("header", top, &[("class", "title-row")]);
        if heading {
            b.text("h1", &head, &[], text::TITLE);
        }
        let tools = b.el("div", &head, &[("class", "tools")]);
        let language = b.labelled(&tools, "language", text::LANGUAGE, "select", &[]);
        b.option(&language, "en", "English");
        b.option(&language, "ko", "한국어");
        let theme = b.text("button", &tools, &[("type", "button"), ("data-act", "theme")], text::DARK_MODE);
        if heading {
            b.text("p", top, &[("class", "lede")], text::LEDE);
        }

        let controls = b.el("div", top, &[("class", "controls")]);
        let endpoint = b.labelled(&controls, "endpoint", text::ENDPOINT, "select", &[]);
        let mut endpoint_options = Vec::new();
        // Grouped by the document's tags, in document order.
        let mut groups: Vec<(&str, web_sys::Element)> = Vec::new();
        for e in operations {
            let group = match groups.iter().find(|(tag, _)| *tag == e.tag) {
                Some((_, group)) => group.clone(),
                None => {
                    let group = b.el("optgroup", &endpoint, &[("label", e.tag)]);
                    groups.push((e.tag, group.clone()));
                    group
                }
            };
            endpoint_options.push((Output::new(b.option(&group, e.id, "")), *e));
        }
        let scenario = b.labelled(&controls, "scenario", text::SCENARIO, "select", &[]);
        let placeholder = b.option(&scenario, "", "");
        b.texts_for(placeholder, text::SCENARIO_PLACEHOLDER);
        for s in catalog::SCENARIOS {
            // The portal's own labels, as it prints them.
            b.option(&scenario, s.id, &s.display_label());
        }
        let endpoint_info = Output::new(b.el("p", top, &[("class", "hint")]));
        let encrypted_note = b.text("p", top, &[("class", "note")], text::ENCRYPTED);

        let creds = b.el("fieldset", top, &[("class", "credentials")]);
        b.text("legend", &creds, &[], text::CREDENTIALS);
        let secret_attrs: &[(&str, &str)] =
            &[("type", "password"), ("autocomplete", "off"), ("spellcheck", "false"), ("data-lpignore", "true")];
        let text_attrs: &[(&str, &str)] = &[("type", "text"), ("autocomplete", "off"), ("spellcheck", "false")];
        let asp_id = b.labelled(&creds, "asp-id", text::ASP_ID, "input", text_attrs);
        let access_key = b.labelled(&creds, "access-key", text::ACCESS_KEY, "input", secret_attrs);
        let secret = b.labelled(&creds, "secret", text::SECRET_KEY, "input", secret_attrs);
        b.text("button", &creds, &[("type", "button"), ("data-act", "clear")], text::CLEAR);
        b.text("p", &creds, &[("class", "hint")], text::CREDENTIALS_HINT);

        Top {
            lang_attr: Attr::new(top, "lang"),
            theme: Attr::new(top, "data-theme"),
            pressed: Attr::new(&theme, "aria-pressed"),
            language: Value::new(language),
            endpoint: Value::new(endpoint),
            endpoint_options,
            endpoint_info,
            encrypted_note: Attr::new(&encrypted_note, "hidden"),
            asp_id: Value::new(asp_id),
            access_key: Value::new(access_key),
            secret: Value::new(secret),
        }
    }

    pub fn render(&self, f: &Frame) {
        let (s, lang) = (f.state, f.lang);
        // Screen readers read the console in its language.
        self.lang_attr.show(Some(lang.code()));
        self.theme.show(s.dark.map(|dark| if dark { "dark" } else { "light" }));
        self.pressed.show(Some(if s.dark == Some(true) { "true" } else { "false" }));
        self.language.show(lang.code());
        for (option, e) in &self.endpoint_options {
            option.show(&format!("{} · {} {}", lang.pick(e.name), e.method, e.path));
        }
        self.endpoint.show(s.endpoint.id);
        let e = s.endpoint;
        let encrypted = if e.encrypted { format!(" · {}", lang.pick(text::ENCRYPTED_MARK)) } else { String::new() };
        match s.operations_note() {
            Some(note) => self.endpoint_info.show(lang.pick(note)),
            None => self.endpoint_info.show(&format!("{} · {} {}{encrypted}", lang.pick(e.summary), e.method, e.path)),
        }
        self.encrypted_note.flag(!e.encrypted);
        self.asp_id.show(&s.credentials.asp_id);
        self.access_key.show(&s.credentials.access_key);
        self.secret.show(&s.credentials.secret_key);
    }

    /// Records the operation the user picked (the select shows it already).
    pub fn picked(&self, id: &str) {
        self.endpoint.typed(id);
    }

    pub fn typed(&self, msg: &Msg, value: &str) {
        match msg {
            Msg::AspId(_) => self.asp_id.typed(value),
            Msg::AccessKey(_) => self.access_key.typed(value),
            _ => self.secret.typed(value),
        }
    }
}
