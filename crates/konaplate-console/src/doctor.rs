//! The Diagnose panel without the DOM: a pasted request (cURL, raw HTTP or a HAR entry or log)
//! diagnosed by the core's `diagnose`, the same as `konaplate doctor`, and worded for the page.
//! The secret is the console's own (memory only), passed for the call and never kept here.

use konaplate_core::diagnose::{self, Cause, Diagnosis, FindingKind, ReadError};
use konaplate_core::Severity;

use crate::text::{self, Lang};
use crate::tools_text;

/// The panel's text and its last diagnosis.
#[derive(Debug, Default)]
pub struct Doctor {
    /// The paste as typed.
    pub input: String,
    /// `None` until Diagnose is pressed.
    pub result: Option<Result<Vec<Diagnosis>, ReadError>>,
    /// Diagnoses run so far: the view re-words its list when this or the language changes.
    pub runs: u32,
}

impl Doctor {
    /// Diagnoses the paste with `secret` (empty: the tran-token's MAC is not checked) at the
    /// clock reading `now_ms` (X-KM-Tran-Time is compared with it, as the CLI does).
    pub fn run(&mut self, secret: &str, now_ms: i64) {
        let secret = (!secret.is_empty()).then_some(secret.as_bytes());
        self.result = Some(diagnose::diagnose(&self.input, secret, Some(now_ms)));
        self.runs = self.runs.wrapping_add(1);
    }
}

/// What the CLI's exit status says: 0, 1 or 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Fine,
    Problem,
    NotARequest,
}

pub fn verdict(result: &Result<Vec<Diagnosis>, ReadError>) -> Verdict {
    match result {
        Err(_) => Verdict::NotARequest,
        Ok(ds) if ds.iter().any(Diagnosis::problem_found) => Verdict::Problem,
        Ok(_) => Verdict::Fine,
    }
}

/// The summary line and the list (one `request` item per request, then its violations and
/// findings, classed by severity), worded in `lang`.
pub fn lines(result: &Result<Vec<Diagnosis>, ReadError>, lang: Lang) -> (String, Vec<(String, &'static str)>) {
    let summary = match verdict(result) {
        Verdict::Fine => lang.pick(tools_text::DIAGNOSE_FINE),
        Verdict::Problem => lang.pick(tools_text::DIAGNOSE_PROBLEM),
        Verdict::NotARequest => lang.pick(tools_text::DIAGNOSE_NOT_A_REQUEST),
    };
    let diagnoses = match result {
        Err(e) => return (summary.into(), vec![(lang.choose(&e.message.en, &e.message.ko).into(), "error")]),
        Ok(ds) => ds,
    };
    let mut items = Vec::new();
    for (i, d) in diagnoses.iter().enumerate() {
        let format = serde_json::to_value(d.format).ok().and_then(|v| v.as_str().map(str::to_string));
        let operation = d.operation.unwrap_or(lang.pick(tools_text::DIAGNOSE_NO_OPERATION));
        let (en, ko) = tools_text::diagnose_request(i + 1, diagnoses.len());
        items.push((
            format!("{} ({}): {} {} → {operation}", lang.choose(&en, &ko), format.unwrap_or_default(), d.method, d.url),
            "request",
        ));
        for v in &d.report.violations {
            let rule = serde_json::to_value(v.rule).ok().and_then(|r| r.as_str().map(str::to_string));
            let message = lang.choose(&v.message.en, &v.message.ko);
            items.push((
                format!(
                    "{} · {} [{}]: {message}",
                    severity_word(v.severity, lang),
                    v.location,
                    rule.unwrap_or_default()
                ),
                severity_class(v.severity),
            ));
        }
        for f in &d.findings {
            let message = lang.choose(&f.message.en, &f.message.ko);
            items.push((
                format!("{} · [{}]: {message}", severity_word(f.severity, lang), kind_label(&f.kind)),
                severity_class(f.severity),
            ));
        }
    }
    (summary.into(), items)
}

/// `signatureReproduced: prettyPrinted, keysSorted`: the finding's kind and, for a reproduced
/// token, the mistakes that reproduce it (the ids `konaplate doctor --json` prints).
fn kind_label(kind: &FindingKind) -> String {
    let id =
        |v: serde_json::Value, key: &str| v.get(key).and_then(|k| k.as_str().map(str::to_string)).unwrap_or_default();
    let name = id(serde_json::to_value(kind).unwrap_or_default(), "kind");
    match kind {
        FindingKind::SignatureReproduced { causes } => {
            let causes: Vec<String> =
                causes.iter().map(|c: &Cause| id(serde_json::to_value(c).unwrap_or_default(), "cause")).collect();
            format!("{name}: {}", causes.join(", "))
        }
        _ => name,
    }
}

fn severity_word(s: Severity, lang: Lang) -> &'static str {
    lang.pick(match s {
        Severity::Error => text::ERROR,
        Severity::Warning => text::WARNING,
        Severity::Note => text::NOTE,
    })
}

pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use konaplate_core::catalog::sandbox;
    use konaplate_core::headers::{generate, Credentials, HeaderInputs};
    use konaplate_core::time::TimeZone;

    const NOW: i64 = 1_767_225_600_000;
    const BODY: &str = r#"{"sequenceId":"S-1","userId":1234567890123456789,"amount":10000,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}"#;

    /// A cURL command for `sent`, signed over `signed` with `secret`.
    fn curl(signed: &str, sent: &str, secret: &str) -> String {
        let credentials = Credentials {
            asp_id: sandbox::ASP_ID.into(),
            access_key: sandbox::ACCESS_KEY.into(),
            secret_key: secret.into(),
        };
        let inputs = HeaderInputs {
            credentials: &credentials,
            epoch_ms: NOW,
            zone: TimeZone::Kst,
            random: [1, 2, 3, 4],
            crypto_key_id: None,
        };
        let headers = generate(&inputs, signed).unwrap().headers;
        let mut out = String::from("curl 'https://sandbox.konaplate.com/open-api/api/v1/recharges/by-bank-accounts/no-hce' -H 'Content-Type: application/json'");
        for (name, value) in headers {
            out.push_str(&format!(" -H '{name}: {value}'"));
        }
        out + &format!(" --data-raw '{sent}'")
    }

    fn run(input: &str, secret: &str) -> Doctor {
        let mut d = Doctor { input: input.into(), ..Doctor::default() };
        d.run(secret, NOW);
        d
    }

    #[test]
    fn a_request_signed_as_sent_is_fine_and_says_its_token_matches() {
        let d = run(&curl(BODY, BODY, "s3cret"), "s3cret");
        let result = d.result.as_ref().unwrap();
        assert_eq!(verdict(result), Verdict::Fine);
        let (summary, items) = lines(result, Lang::En);
        assert!(summary.starts_with("No problem"), "{summary}");
        assert_eq!(items[0].1, "request");
        assert!(
            items[0].0.contains("(curl): POST https://sandbox.konaplate.com/") && items[0].0.ends_with("→ charge"),
            "{}",
            items[0].0
        );
        assert!(items.iter().any(|(t, c)| *c == "note" && t.starts_with("note · [signatureMatches]")), "{items:?}");
        assert_eq!(d.runs, 1);
    }

    #[test]
    fn a_token_over_the_pretty_printed_body_names_the_mistake_in_both_languages() {
        let pretty = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(BODY).unwrap()).unwrap();
        let d = run(&curl(&pretty, BODY, "s3cret"), "s3cret");
        let result = d.result.as_ref().unwrap();
        assert_eq!(verdict(result), Verdict::Problem);
        let (_, items) = lines(result, Lang::En);
        assert!(
            items.iter().any(|(t, c)| *c == "error" && t.starts_with("error · [signatureReproduced: prettyPrinted]")),
            "{items:?}"
        );
        let (summary, items) = lines(result, Lang::Ko);
        assert!(summary.contains("문제"), "{summary}");
        assert!(items
            .iter()
            .any(|(t, _)| t.starts_with("오류 · [signatureReproduced: prettyPrinted]") && t.contains("들여쓰기")));
    }

    #[test]
    fn without_a_secret_the_mac_is_not_checked_and_the_secret_is_never_worded() {
        let d = run(&curl(BODY, BODY, "s3cret"), "");
        let (_, items) = lines(d.result.as_ref().unwrap(), Lang::En);
        assert!(items.iter().any(|(t, _)| t.contains("[signatureNotChecked]")), "{items:?}");
        let d = run(&curl(BODY, BODY, "other-secret"), "s3cret");
        let (_, items) = lines(d.result.as_ref().unwrap(), Lang::En);
        assert!(items.iter().any(|(t, _)| t.contains("[differentSecret]")), "{items:?}");
        assert!(!format!("{items:?}").contains("s3cret") && !format!("{items:?}").contains("other-secret"));
    }

    #[test]
    fn text_that_is_no_request_says_so() {
        let d = run("hello", "");
        let result = d.result.as_ref().unwrap();
        assert_eq!(verdict(result), Verdict::NotARequest);
        let (summary, items) = lines(result, Lang::En);
        assert!(summary.starts_with("Not a request"), "{summary}");
        assert_eq!(items.len(), 1);
        assert!(items[0].0.contains("cURL command"), "{items:?}");
    }
}
