//! Every answered exchange checked against the document (the core's
//! `deviation::check_response`), whichever target answered, plus what `konaplate proxy`
//! reported in its `X-Konaplate-Violations` header. What this lists is the server's deviation
//! from its documentation, not a mistake of the request.

use konaplate_core::catalog::{self, Endpoint};
use konaplate_core::deviation::check_response;
use konaplate_core::Severity;

use crate::history::Entry;
use crate::text::{self, Lang};
use crate::tools_text;

/// The header `konaplate proxy` reports its findings in (ASCII JSON).
pub const PROXY_HEADER: &str = "X-Konaplate-Violations";

/// One line of the deviation list, worded in `lang`, with its class (`error`, `warning`, `note`).
pub type Line = (String, &'static str);

/// The summary and the lines for one exchange. `operations`: the console's operations (the
/// request's path names the one answered).
#[inline(never)] // only after a send: the page's split leaves it out of the first load
pub fn lines(entry: &Entry, operations: &[&'static Endpoint], lang: Lang) -> (String, Vec<Line>) {
    let mut items = Vec::new();
    if let Some(endpoint) = catalog::find(operations, &entry.request.path) {
        let report = check_response(endpoint, entry.response.status, &entry.response.body);
        for v in &report.violations {
            let rule = serde_json::to_value(v.rule()).ok().and_then(|r| r.as_str().map(str::to_string));
            items.push((
                format!(
                    "{} · {} [{}]: {}",
                    severity_word(v.severity, lang),
                    v.location,
                    rule.unwrap_or_default(),
                    v.message(lang)
                ),
                severity_class(v.severity),
            ));
        }
    }
    let from_proxy = proxy_lines(entry, lang);
    let counted = items.iter().filter(|(_, class)| *class != "note").count();
    let summary = tools_text::deviations_summary(counted, from_proxy.as_ref().map(|(_, n)| *n));
    items.extend(from_proxy.map(|(lines, _)| lines).unwrap_or_default());
    (summary.get(lang).to_string(), items)
}

/// What the proxy's header says, one line per finding, and how many it reported; `None` when
/// the answer has no such header.
fn proxy_lines(entry: &Entry, lang: Lang) -> Option<(Vec<Line>, usize)> {
    let value = entry.response.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(PROXY_HEADER))?.1.as_str();
    let parsed: serde_json::Value = match konaplate_core::json::read(value) {
        Ok(v) => v,
        Err(_) => return Some((vec![(lang.pick(tools_text::PROXY_HEADER_UNREADABLE).to_string(), "warning")], 0)),
    };
    let field = |v: &serde_json::Value, key: &str| v.get(key).and_then(|x| x.as_str()).unwrap_or("?").to_string();
    let mut out: Vec<Line> = parsed
        .get("violations")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .map(|v| {
            let severity = match v.get("severity").and_then(|s| s.as_str()) {
                Some("error") => Severity::Error,
                Some("warning") => Severity::Warning,
                _ => Severity::Note,
            };
            let side = match field(v, "side").as_str() {
                "request" => lang.pick(tools_text::PROXY_SIDE_REQUEST),
                _ => lang.pick(tools_text::PROXY_SIDE_RESPONSE),
            };
            (
                format!(
                    "{} · {} · {side} · {} [{}]",
                    lang.pick(tools_text::PROXY_SAYS),
                    severity_word(severity, lang),
                    field(v, "location"),
                    field(v, "rule")
                ),
                severity_class(severity),
            )
        })
        .collect();
    let reported = out.len();
    if let Some(n) = parsed.get("truncated").and_then(|t| t.as_u64()).filter(|n| *n > 0) {
        out.push((tools_text::proxy_truncated(n).get(lang).to_string(), "note"));
    }
    Some((out, reported))
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn severity_word(s: Severity, lang: Lang) -> &'static str {
    lang.pick(match s {
        Severity::Error => text::ERROR,
        Severity::Warning => text::WARNING,
        Severity::Note => text::NOTE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::Target;
    use konaplate_core::catalog::{CHARGE_ENDPOINT, ENDPOINTS};
    use konaplate_core::sandbox::{SandboxRequest, SandboxResponse};

    fn entry(status: u16, body: &str, headers: Vec<(String, String)>) -> Entry {
        Entry {
            sent_at: "20261125120000".into(),
            target: Target::Server,
            url: String::new(),
            request: SandboxRequest {
                method: "POST".into(),
                path: CHARGE_ENDPOINT.path.into(),
                headers: vec![],
                body: "{}".into(),
            },
            response: SandboxResponse { status, code: String::new(), headers, body: body.into() },
            plaintext: None,
        }
    }

    #[test]
    fn a_documented_answer_has_no_deviation() {
        let ok = r#"{"nrNumber":"NR1","isPending":false,"response":{"code":"000_000","description":"Success."}}"#;
        let (summary, items) = lines(&entry(200, ok, vec![]), ENDPOINTS, Lang::En);
        assert_eq!(items, Vec::<Line>::new());
        assert!(summary.starts_with("No deviation"), "{summary}");
    }

    #[test]
    fn an_off_document_answer_is_listed_as_the_servers_deviation() {
        let off =
            r#"{"nrNumber":12345678901234567890,"isPending":"no","response":{"code":"007_999","description":"x"}}"#;
        let (summary, items) = lines(&entry(200, off, vec![]), ENDPOINTS, Lang::En);
        assert!(summary.contains("deviates from its documentation"), "{summary}");
        let texts: Vec<&str> = items.iter().map(|(t, _)| t.as_str()).collect();
        assert!(texts.iter().any(|t| t.starts_with("error · $.isPending [type]")), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("warning · $.nrNumber [unsafeNumber]")), "{texts:?}");
        let (ko, _) = lines(&entry(200, off, vec![]), ENDPOINTS, Lang::Ko);
        assert!(ko.contains("문서"), "{ko}");
    }

    #[test]
    fn the_proxys_header_is_shown_too() {
        let ok = r#"{"nrNumber":"NR1","isPending":false,"response":{"code":"000_000","description":"Success."}}"#;
        let header = r#"{"violations":[{"side":"response","location":"$.nrNumber","rule":"required","severity":"error"}],"truncated":2}"#;
        let e = entry(200, ok, vec![("x-konaplate-violations".into(), header.into())]);
        let (summary, items) = lines(&e, ENDPOINTS, Lang::En);
        assert!(summary.contains("konaplate proxy reported 1"), "{summary}");
        assert_eq!(items[0], ("konaplate proxy · error · response · $.nrNumber [required]".to_string(), "error"));
        assert!(items[1].0.contains("2 more"), "{items:?}");
        let broken = entry(200, ok, vec![("X-Konaplate-Violations".into(), "{".into())]);
        assert_eq!(lines(&broken, ENDPOINTS, Lang::En).1[0].1, "warning");
    }
}
