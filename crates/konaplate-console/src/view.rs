//! The console's elements, built from the catalog into any root (a shadow root for the custom
//! element, or a plain element). Every text a user reads is registered with its Korean twin so
//! the language switch relabels the whole console. Only `textContent` and attributes are set:
//! nothing the console shows is ever parsed as HTML.

use konaplate_core::catalog::{self, Endpoint, Text};
use konaplate_core::snippets::Language;
use konaplate_core::time::TimeZone;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Document, Element, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, Node,
};

use crate::dom::{ListOutput, Output};
use crate::draft::OVERRIDABLE;
use crate::text;

type Result<T> = std::result::Result<T, JsValue>;

/// One documented body field's row in the form.
pub struct FieldRow {
    pub name: &'static str,
    pub input: HtmlInputElement,
    /// The text the input shows (kept in step with what the console writes and the user types).
    pub shown: std::cell::RefCell<String>,
}

/// One X-KM header's row in the header table.
pub struct HeaderRow {
    pub name: &'static str,
    pub value: Output,
    /// `None` for the headers that come from the credentials.
    pub override_input: Option<HtmlInputElement>,
}

pub struct View {
    pub root: HtmlElement,
    pub language: HtmlSelectElement,
    pub theme: HtmlButtonElement,
    pub endpoint: HtmlSelectElement,
    pub endpoint_info: Output,
    pub encrypted_note: HtmlElement,
    pub asp_id: HtmlInputElement,
    pub access_key: HtmlInputElement,
    pub secret: HtmlInputElement,
    pub clear: HtmlButtonElement,
    pub scenario: HtmlSelectElement,
    pub form_tab: HtmlButtonElement,
    pub raw_tab: HtmlButtonElement,
    pub form_panel: HtmlElement,
    pub raw_panel: HtmlElement,
    pub form_fields: Element,
    pub form_blocked: HtmlElement,
    pub fields: Vec<FieldRow>,
    pub body: HtmlTextAreaElement,
    pub zone: HtmlSelectElement,
    pub header_rows: Vec<HeaderRow>,
    pub summary: Element,
    pub violations: ListOutput,
    pub signed_string: Output,
    pub hmac: Output,
    pub token_time: Output,
    pub token: Output,
    pub target: HtmlSelectElement,
    pub server_url: HtmlInputElement,
    pub server_url_row: HtmlElement,
    pub send: HtmlButtonElement,
    pub send_label: Output,
    pub send_anyway: HtmlInputElement,
    pub response_status: Element,
    pub response_code: Element,
    pub response_hint: HtmlElement,
    pub prepare_inquiry: HtmlButtonElement,
    pub response_body: Element,
    pub history: Element,
    pub snippet_language: HtmlSelectElement,
    pub snippet: Output,
    pub preview: Output,
    /// Texts to switch with the language: `(element, text)`.
    texts: Vec<(Element, Text)>,
    /// Attributes to switch with the language: `(element, attribute, text)`.
    attributes: Vec<(Element, &'static str, Text)>,
    document: Document,
}

fn cast<T: JsCast>(element: Element) -> Result<T> {
    element.dyn_into::<T>().map_err(|_| JsValue::from_str("konaplate: element of the wrong type"))
}

/// Builds elements and remembers which texts to translate.
struct Builder {
    document: Document,
    texts: Vec<(Element, Text)>,
    attributes: Vec<(Element, &'static str, Text)>,
}

impl Builder {
    fn el(&self, tag: &str, parent: &Node, attrs: &[(&str, &str)]) -> Result<Element> {
        let e = self.document.create_element(tag)?;
        for (name, value) in attrs {
            e.set_attribute(name, value)?;
        }
        parent.append_child(&e)?;
        Ok(e)
    }

    /// An element whose text is translated.
    fn text(&mut self, tag: &str, parent: &Node, attrs: &[(&str, &str)], text: Text) -> Result<Element> {
        let e = self.el(tag, parent, attrs)?;
        e.set_text_content(Some(text.en));
        self.texts.push((e.clone(), text));
        Ok(e)
    }

    /// A translated attribute (aria-label, placeholder).
    fn attr(&mut self, e: &Element, name: &'static str, text: Text) -> Result<()> {
        e.set_attribute(name, text.en)?;
        self.attributes.push((e.clone(), name, text));
        Ok(())
    }

    /// `<label for=id>` + control, in a `div.row`.
    fn labelled(&mut self, parent: &Node, id: &str, label: Text, tag: &str, attrs: &[(&str, &str)]) -> Result<Element> {
        let row = self.el("div", parent, &[("class", "row")])?;
        self.text("label", &row, &[("for", id)], label)?;
        let mut all = vec![("id", id)];
        all.extend_from_slice(attrs);
        self.el(tag, &row, &all)
    }

    fn option(&self, select: &Node, value: &str, label: &str) -> Result<Element> {
        let o = self.el("option", select, &[("value", value)])?;
        o.set_text_content(Some(label));
        Ok(o)
    }

    fn section(&mut self, parent: &Node, id: &str, title: Text) -> Result<Element> {
        let s = self.el("section", parent, &[("aria-labelledby", &format!("{id}-title"))])?;
        self.text("h2", &s, &[("id", &format!("{id}-title"))], title)?;
        Ok(s)
    }
}

impl View {
    /// Builds the console into `root`. `title`: whether to show the console's own heading.
    pub fn build(document: &Document, root: &Node, title: bool) -> Result<View> {
        let mut b = Builder { document: document.clone(), texts: Vec::new(), attributes: Vec::new() };
        let top: HtmlElement = cast(b.el("div", root, &[("class", "kp")])?)?;

        let head = b.el("header", &top, &[("class", "title-row")])?;
        if title {
            b.text("h1", &head, &[], text::TITLE)?;
        }
        let tools = b.el("div", &head, &[("class", "tools")])?;
        let language: HtmlSelectElement = cast(b.labelled(&tools, "language", text::LANGUAGE, "select", &[])?)?;
        b.option(&language, "en", "English")?;
        b.option(&language, "ko", "한국어")?;
        let theme: HtmlButtonElement =
            cast(b.text("button", &tools, &[("type", "button"), ("aria-pressed", "false")], text::DARK_MODE)?)?;
        if title {
            b.text("p", &top, &[("class", "lede")], text::LEDE)?;
        }

        // Endpoint and Test Data.
        let controls = b.el("div", &top, &[("class", "controls")])?;
        let endpoint: HtmlSelectElement = cast(b.labelled(&controls, "endpoint", text::ENDPOINT, "select", &[])?)?;
        for e in catalog::ENDPOINTS {
            b.option(&endpoint, e.id, &format!("{} · {} {}", e.name.en, e.method, e.path))?;
        }
        let scenario: HtmlSelectElement = cast(b.labelled(&controls, "scenario", text::SCENARIO, "select", &[])?)?;
        let placeholder = b.option(&scenario, "", "")?;
        placeholder.set_text_content(Some(text::SCENARIO_PLACEHOLDER.en));
        b.texts.push((placeholder, text::SCENARIO_PLACEHOLDER));
        for s in catalog::SCENARIOS {
            b.option(&scenario, s.id, &s.display_label())?;
        }
        let endpoint_info = Output::new(b.el("p", &top, &[("class", "hint"), ("id", "endpoint-info")])?);
        let encrypted_note: HtmlElement = cast(b.text("p", &top, &[("class", "note")], text::ENCRYPTED)?)?;

        // Credentials.
        let creds = b.el("fieldset", &top, &[("class", "credentials")])?;
        b.text("legend", &creds, &[], text::CREDENTIALS)?;
        let secret_attrs: &[(&str, &str)] =
            &[("type", "password"), ("autocomplete", "off"), ("spellcheck", "false"), ("data-lpignore", "true")];
        let asp_id: HtmlInputElement = cast(b.labelled(
            &creds,
            "asp-id",
            text::ASP_ID,
            "input",
            &[("type", "text"), ("autocomplete", "off"), ("spellcheck", "false")],
        )?)?;
        asp_id.set_value(catalog::sandbox::ASP_ID);
        let access_key: HtmlInputElement =
            cast(b.labelled(&creds, "access-key", text::ACCESS_KEY, "input", secret_attrs)?)?;
        access_key.set_value(catalog::sandbox::ACCESS_KEY);
        let secret: HtmlInputElement = cast(b.labelled(&creds, "secret", text::SECRET_KEY, "input", secret_attrs)?)?;
        let clear: HtmlButtonElement = cast(b.text("button", &creds, &[("type", "button")], text::CLEAR)?)?;
        b.text("p", &creds, &[("class", "hint")], text::CREDENTIALS_HINT)?;

        // Body: form and raw JSON tabs.
        let body_section = b.section(&top, "body", text::BODY)?;
        let tabs = b.el("div", &body_section, &[("role", "tablist"), ("class", "tabs")])?;
        let form_tab: HtmlButtonElement = cast(b.text(
            "button",
            &tabs,
            &[("type", "button"), ("role", "tab"), ("id", "form-tab"), ("aria-controls", "form-panel")],
            text::FORM_TAB,
        )?)?;
        let raw_tab: HtmlButtonElement = cast(b.text(
            "button",
            &tabs,
            &[("type", "button"), ("role", "tab"), ("id", "raw-tab"), ("aria-controls", "raw-panel")],
            text::RAW_TAB,
        )?)?;
        let form_panel: HtmlElement = cast(b.el(
            "div",
            &body_section,
            &[("role", "tabpanel"), ("id", "form-panel"), ("aria-labelledby", "form-tab")],
        )?)?;
        let form_blocked: HtmlElement =
            cast(b.el("p", &form_panel, &[("class", "note"), ("id", "form-blocked"), ("hidden", "")])?)?;
        let form_fields = b.el("div", &form_panel, &[("class", "fields")])?;
        let raw_panel: HtmlElement = cast(b.el(
            "div",
            &body_section,
            &[("role", "tabpanel"), ("id", "raw-panel"), ("aria-labelledby", "raw-tab")],
        )?)?;
        let body: HtmlTextAreaElement = cast(b.labelled(
            &raw_panel,
            "body",
            text::RAW_LABEL,
            "textarea",
            &[("rows", "9"), ("spellcheck", "false")],
        )?)?;

        // Headers.
        let headers_section = b.section(&top, "headers", text::HEADERS)?;
        b.text("p", &headers_section, &[("class", "hint")], text::HEADERS_HINT)?;
        let zone: HtmlSelectElement = cast(b.labelled(&headers_section, "zone", text::TIME_ZONE, "select", &[])?)?;
        for z in [TimeZone::Kst, TimeZone::Utc] {
            b.option(&zone, z.code(), z.code())?;
        }
        let scroll = b.el("div", &headers_section, &[("class", "scroll")])?;
        let table = b.el("table", &scroll, &[])?;
        let thead = b.el("thead", &table, &[])?;
        let head_row = b.el("tr", &thead, &[])?;
        for t in [text::HEADER_NAME, text::HEADER_VALUE, text::HEADER_OVERRIDE, text::HEADER_RULE] {
            b.text("th", &head_row, &[("scope", "col")], t)?;
        }
        let tbody = b.el("tbody", &table, &[])?;
        let mut header_rows = Vec::new();
        for spec in catalog::HEADERS {
            let tr = b.el("tr", &tbody, &[])?;
            b.el("th", &tr, &[("scope", "row")])?.set_text_content(Some(spec.name));
            let value = b.el("td", &tr, &[("class", "mono")])?;
            let cell = b.el("td", &tr, &[])?;
            let override_input = if OVERRIDABLE.contains(&spec.name) {
                let input: HtmlInputElement = cast(b.el(
                    "input",
                    &cell,
                    &[("type", "text"), ("spellcheck", "false"), ("autocomplete", "off")],
                )?)?;
                input.set_attribute("aria-label", &format!("Override {}", spec.name))?;
                b.attr(&input, "placeholder", text::AUTOMATIC)?;
                Some(input)
            } else {
                None
            };
            let rule = b.el("td", &tr, &[("class", "rule")])?;
            b.texts.push((rule.clone(), spec.rule));
            rule.set_text_content(Some(spec.rule.en));
            header_rows.push(HeaderRow { name: spec.name, value: Output::new(value), override_input });
        }

        // Validation and the signature inspector.
        let validation = b.section(&top, "validation", text::VALIDATION)?;
        let summary = b.el("p", &validation, &[("id", "summary"), ("aria-live", "polite"), ("class", "summary")])?;
        let violations = ListOutput::new(b.el("ul", &validation, &[("id", "violations"), ("class", "violations")])?);
        let inspector = b.section(&top, "signature", text::SIGNATURE)?;
        let dl = b.el("dl", &inspector, &[])?;
        let term = |b: &mut Builder, t: Text, id: &str| -> Result<Element> {
            b.text("dt", &dl, &[], t)?;
            b.el("dd", &dl, &[("id", id), ("class", "mono")])
        };
        let signed_string = Output::new(term(&mut b, text::SIGNED_STRING, "signed-string")?);
        let hmac = Output::new(term(&mut b, text::HMAC, "hmac")?);
        let token_time = Output::new(term(&mut b, text::TOKEN_TIME, "token-time")?);
        let token = Output::new(term(&mut b, text::TOKEN, "token")?);
        let token_note = b.el("p", &inspector, &[("class", "note"), ("id", "token-note")])?;
        let note = catalog::notes::TRAN_TOKEN_LENGTH.text;
        token_note.set_text_content(Some(note.en));
        b.texts.push((token_note.clone(), note));

        // Send.
        let send_row = b.el("div", &top, &[("class", "actions")])?;
        let target: HtmlSelectElement = cast(b.labelled(&send_row, "target", text::SEND_TO, "select", &[])?)?;
        for (value, label) in
            [("in-browser", text::TARGET_IN_BROWSER), ("server", text::TARGET_SERVER), ("proxy", text::TARGET_PROXY)]
        {
            let o = b.option(&target, value, label.en)?;
            b.texts.push((o, label));
        }
        let server_url_input = b.labelled(
            &send_row,
            "server-url",
            text::SERVER_URL,
            "input",
            &[("type", "url"), ("spellcheck", "false")],
        )?;
        let server_url_row: HtmlElement =
            cast(server_url_input.parent_element().ok_or_else(|| JsValue::from_str("konaplate: no row"))?)?;
        let server_url: HtmlInputElement = cast(server_url_input)?;
        server_url.set_value("http://127.0.0.1:8787/open-api");
        let buttons = b.el("div", &send_row, &[("class", "send")])?;
        let send_element = b.el("button", &buttons, &[("type", "button"), ("id", "send"), ("class", "primary")])?;
        let send_label = Output::new(send_element.clone());
        let send: HtmlButtonElement = cast(send_element)?;
        let anyway_label = b.el("label", &buttons, &[("class", "inline")])?;
        let send_anyway: HtmlInputElement =
            cast(b.el("input", &anyway_label, &[("type", "checkbox"), ("id", "send-anyway")])?)?;
        b.text("span", &anyway_label, &[], text::SEND_ANYWAY)?;

        // Response and history.
        let response_section = b.section(&top, "response", text::RESPONSE)?;
        let response_status = b.el("p", &response_section, &[("id", "response-status"), ("aria-live", "polite")])?;
        response_status.set_text_content(Some(text::NOTHING_SENT.en));
        let response_code = b.el("p", &response_section, &[("id", "response-code"), ("class", "code")])?;
        let response_hint: HtmlElement =
            cast(b.el("p", &response_section, &[("id", "response-hint"), ("class", "note"), ("hidden", "")])?)?;
        let prepare_inquiry: HtmlButtonElement =
            cast(b.text("button", &response_section, &[("type", "button"), ("hidden", "")], text::PREPARE_INQUIRY)?)?;
        let response_body = b.el("pre", &response_section, &[("id", "response-body"), ("tabindex", "0")])?;
        let history_section = b.section(&top, "history", text::HISTORY)?;
        let history = b.el("ol", &history_section, &[("id", "history"), ("class", "history")])?;

        // Snippets and the exact body.
        let snippets = b.section(&top, "snippets", text::SNIPPETS)?;
        b.text("p", &snippets, &[("class", "hint")], text::SNIPPETS_HINT)?;
        let snippet_language: HtmlSelectElement =
            cast(b.labelled(&snippets, "snippet-language", text::SNIPPET_LANGUAGE, "select", &[])?)?;
        for (i, l) in Language::ALL.iter().enumerate() {
            b.option(&snippet_language, &i.to_string(), l.label())?;
        }
        let snippet = Output::new(b.el("pre", &snippets, &[("id", "snippet"), ("tabindex", "0")])?);
        let preview_section = b.section(&top, "preview", text::PREVIEW)?;
        let preview = Output::new(b.el("pre", &preview_section, &[("id", "preview"), ("tabindex", "0")])?);

        let mut view = View {
            root: top,
            language,
            theme,
            endpoint,
            endpoint_info,
            encrypted_note,
            asp_id,
            access_key,
            secret,
            clear,
            scenario,
            form_tab,
            raw_tab,
            form_panel,
            raw_panel,
            form_fields,
            form_blocked,
            fields: Vec::new(),
            body,
            zone,
            header_rows,
            summary,
            violations,
            signed_string,
            hmac,
            token_time,
            token,
            target,
            server_url,
            server_url_row,
            send,
            send_label,
            send_anyway,
            response_status,
            response_code,
            response_hint,
            prepare_inquiry,
            response_body,
            history,
            snippet_language,
            snippet,
            preview,
            texts: b.texts,
            attributes: b.attributes,
            document: document.clone(),
        };
        view.texts.push((view.response_status.clone(), text::NOTHING_SENT));
        Ok(view)
    }

    /// Rebuilds the form's inputs for `endpoint`: one per documented field, labelled by the
    /// field's documented name, with its description, bounds and any documentation note.
    pub fn build_form(&mut self, endpoint: &Endpoint, korean: bool) -> Result<()> {
        self.form_fields.set_text_content(None);
        // New inputs start enabled and empty; the console fills them (see `Console::sync_form`).
        self.form_blocked.set_hidden(true);
        self.fields.clear();
        let b = Builder { document: self.document.clone(), texts: Vec::new(), attributes: Vec::new() };
        for field in endpoint.request {
            let id = format!("field-{}", field.name);
            let row = b.el("div", &self.form_fields, &[("class", "field")])?;
            b.el("label", &row, &[("for", &id)])?.set_text_content(Some(field.name));
            let numeric = matches!(field.ty, catalog::FieldType::Integer { .. });
            let input: HtmlInputElement = cast(b.el(
                "input",
                &row,
                &[
                    ("id", &id),
                    ("type", "text"),
                    ("spellcheck", "false"),
                    ("autocomplete", "off"),
                    ("inputmode", if numeric { "numeric" } else { "text" }),
                    ("aria-describedby", &format!("{id}-about")),
                ],
            )?)?;
            let about = b.el("p", &row, &[("id", &format!("{id}-about")), ("class", "hint")])?;
            let required = if field.required { text::REQUIRED } else { text::OPTIONAL };
            let (description, required) =
                if korean { (field.description.ko, required.ko) } else { (field.description.en, required.en) };
            about.set_text_content(Some(&format!("{description} ({required}; {})", field.bounds())));
            if let Some(note) = field.note {
                let p = b.el("p", &row, &[("class", "note")])?;
                p.set_text_content(Some(if korean { note.text.ko } else { note.text.en }));
            }
            self.fields.push(FieldRow { name: field.name, input, shown: Default::default() });
        }
        Ok(())
    }

    /// Relabels every registered text in `korean` or English.
    pub fn apply_language(&self, korean: bool) {
        let pick = |t: &Text| if korean { t.ko } else { t.en };
        for (e, t) in &self.texts {
            e.set_text_content(Some(pick(t)));
        }
        for (e, name, t) in &self.attributes {
            let _ = e.set_attribute(name, pick(t));
        }
        // Screen readers read the console in its language.
        let _ = self.root.set_attribute("lang", if korean { "ko" } else { "en" });
    }

    /// Shows one tab's panel and marks the tabs for assistive technology.
    pub fn select_tab(&self, raw: bool) {
        self.form_panel.set_hidden(raw);
        self.raw_panel.set_hidden(!raw);
        let _ = self.form_tab.set_attribute("aria-selected", if raw { "false" } else { "true" });
        let _ = self.raw_tab.set_attribute("aria-selected", if raw { "true" } else { "false" });
        let _ = self.form_tab.set_attribute("tabindex", if raw { "-1" } else { "0" });
        let _ = self.raw_tab.set_attribute("tabindex", if raw { "0" } else { "-1" });
    }

    /// Replaces a list's items with one `<li>` per text (with an optional class).
    pub fn fill_list(&self, list: &Element, items: impl IntoIterator<Item = (String, &'static str)>) -> Result<()> {
        list.set_text_content(None);
        for (content, class) in items {
            let li = self.document.create_element("li")?;
            if !class.is_empty() {
                li.set_attribute("class", class)?;
            }
            li.set_text_content(Some(&content));
            list.append_child(&li)?;
        }
        Ok(())
    }

    /// A new `<li><button>` in the history list.
    pub fn history_button(&self, line: &str) -> Result<HtmlButtonElement> {
        let li = self.document.create_element("li")?;
        let button: HtmlButtonElement = cast(self.document.create_element("button")?)?;
        button.set_type("button");
        button.set_text_content(Some(line));
        li.append_child(&button)?;
        self.history.append_child(&li)?;
        Ok(button)
    }
}
