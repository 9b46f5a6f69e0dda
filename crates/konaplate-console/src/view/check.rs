//! Validation (summary and list) and the signature inspector.

use konaplate_core::catalog;
use konaplate_core::Severity;
use web_sys::Element;

use super::build::Builder;
use super::Frame;
use crate::dom::{ListOutput, Output};
use crate::text;

pub struct Check {
    summary: Element,
    violations: ListOutput,
    signed_string: Output,
    hmac: Output,
    token_time: Output,
    token: Output,
}

impl Check {
    pub fn build(b: &mut Builder, top: &Element) -> Check {
        let validation = b.section(top, "validation", text::VALIDATION);
        let summary =
            b.el("p", &validation, &[("id", &b.id("summary")), ("aria-live", "polite"), ("class", "summary")]);
        let violations =
            ListOutput::new(b.el("ul", &validation, &[("id", &b.id("violations")), ("class", "violations")]), None);
        let inspector = b.section(top, "signature", text::SIGNATURE);
        let dl = b.el("dl", &inspector, &[]);
        let term = |b: &mut Builder, t, id: &str| -> Output {
            b.text("dt", &dl, &[], t);
            Output::new(b.el("dd", &dl, &[("id", &b.id(id)), ("class", "mono")]))
        };
        let signed_string = term(b, text::SIGNED_STRING, "signed-string");
        let hmac = term(b, text::HMAC, "hmac");
        let token_time = term(b, text::TOKEN_TIME, "token-time");
        let token = term(b, text::TOKEN, "token");
        b.text(
            "p",
            &inspector,
            &[("class", "note"), ("id", &b.id("token-note"))],
            catalog::notes::TRAN_TOKEN_LENGTH.text,
        );
        Check { summary, violations, signed_string, hmac, token_time, token }
    }

    pub fn render(&self, f: &Frame) {
        let (d, lang) = (f.draft, f.lang);
        let summary = text::summary(d.report.error_count, d.report.warning_count, d.report.note_count);
        // Written on every render (not change-only): each validation is observable, which the
        // keystroke benchmark (bench/page/measure.mjs) times.
        self.summary.set_text_content(Some(summary.get(lang)));
        let items = d.report.violations.iter().map(|x| {
            let (severity, class) = match x.severity {
                Severity::Error => (text::ERROR, "error"),
                Severity::Warning => (text::WARNING, "warning"),
                Severity::Note => (text::NOTE, "note"),
            };
            let rule =
                serde_json::to_value(x.rule()).ok().and_then(|r| r.as_str().map(str::to_string)).unwrap_or_default();
            let message = x.message(lang);
            (format!("{} · {} [{rule}]: {message}", lang.pick(severity), x.location), class)
        });
        let _ = self.violations.show(items.collect());
        match &d.signature {
            Some(sig) => {
                self.signed_string.show(&text::bytes(d.sealed.as_deref().unwrap_or(&d.body), lang));
                self.hmac.show(&sig.mac_base64);
                self.token_time.show(&sig.token_time);
                self.token.show(&format!("{} {}", sig.token, text::characters(sig.token.chars().count(), lang)));
            }
            None => {
                for output in [&self.signed_string, &self.hmac, &self.token_time, &self.token] {
                    output.show("-");
                }
            }
        }
    }
}
