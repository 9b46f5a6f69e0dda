//! Code snippets and the exact request that is signed and sent.

use konaplate_core::snippets::{self, Language};
use web_sys::Element;

use super::build::Builder;
use super::Frame;
use crate::dom::{Output, Value};
use crate::draft::header_lines;
use crate::exchange;
use crate::state::{Panel, LOCAL_SANDBOX_URL};
use crate::text;

pub struct Code {
    language: Value,
    snippet: Output,
    preview: Output,
}

impl Code {
    pub fn build(b: &mut Builder, top: &Element) -> Code {
        let section = b.section(top, "snippets", text::SNIPPETS);
        b.text("p", &section, &[("class", "hint")], text::SNIPPETS_HINT);
        // Written only while open: a keystroke does not write a snippet nobody reads.
        let details = b.el("details", &section, &[("data-act", "panel"), ("data-panel", "snippets")]);
        b.text("summary", &details, &[], text::SNIPPETS_SHOW);
        let language = b.labelled(&details, "snippet-language", text::SNIPPET_LANGUAGE, "select", &[]);
        for (i, l) in Language::ALL.iter().enumerate() {
            b.option(&language, &i.to_string(), l.label());
        }
        let snippet = Output::new(b.el("pre", &details, &[("id", &b.id("snippet")), ("tabindex", "0")]));
        let preview_section = b.section(top, "preview", text::PREVIEW);
        let preview = Output::new(b.el("pre", &preview_section, &[("id", &b.id("preview")), ("tabindex", "0")]));
        Code { language: Value::new(language), snippet, preview }
    }

    pub fn render(&self, f: &Frame) {
        let (s, d, lang) = (f.state, f.draft, f.lang);
        if s.open.contains(&Panel::Snippets) {
            let index = Language::ALL.iter().position(|l| *l == s.snippet_language).unwrap_or(0);
            self.language.show(&index.to_string());
            self.snippet.show(&snippets::snippet(
                s.snippet_language,
                &snippets::SnippetRequest {
                    endpoint: s.endpoint,
                    base_url: LOCAL_SANDBOX_URL,
                    body: &d.body,
                    asp_id: &s.credentials.asp_id,
                    zone: s.zone,
                },
            ));
        }
        let base = match s.target.base_url(&s.server_url) {
            Some(base) => base.to_string(),
            None => lang.pick(text::IN_BROWSER_BASE).to_string(),
        };
        self.preview.show(&format!(
            "{} {}\n{}\n\n{}",
            s.endpoint.method,
            s.endpoint.url(&base),
            header_lines(&exchange::outgoing(s.endpoint, &d.headers, "").headers, lang),
            d.body
        ));
    }
}
