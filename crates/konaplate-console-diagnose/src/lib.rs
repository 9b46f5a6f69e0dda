//! The Try It page's Diagnose panel, in a Wasm module of its own that `www/konaplate-try-it.js`
//! imports only when the panel is used (its paste typed into, or Diagnose pressed): the page's
//! first load carries none of core `diagnose` (cURL words, raw HTTP, HAR, the re-serialisations
//! tried against the tran-token). The console calls it through its generic on-demand bridge
//! (`konaplate-console`'s `ondemand.rs`).
//!
//! One export, strings in, a string out, fields separated by U+001F (the bridge's format):
//! `ok␟exit␟summary en␟summary ko` followed by `class␟en␟ko` for each line of the list. `exit`
//! is what `konaplate doctor` exits with (0 fine, 1 problem, 2 not a request); `class` is
//! `request`, `error`, `warning` or `note`, and a line other than `request` is worded without
//! its severity word, which the console puts in front (`error · …`) in the page's language.

use konaplate_core::catalog::Text;
use konaplate_core::diagnose::{self, Cause, Diagnosis, FindingKind, ReadError};
use konaplate_core::text::t;
use konaplate_core::{Lang, Severity};
use wasm_bindgen::prelude::*;
// The module's global allocator (talc, not dlmalloc).
use konaplate_wasm_alloc as _;

/// The field separator of the answer.
pub const SEP: char = '\u{1f}';

const FINE: Text = t("No problem found.", "문제가 없습니다.");
const PROBLEM: Text = t("Problem found.", "문제가 있습니다.");
const NOT_A_REQUEST: Text = t("Not a request konaplate can read.", "읽을 수 있는 요청이 아닙니다.");
const NO_OPERATION: Text = t("no documented operation", "문서화된 API 없음");

/// One line of the list: its class and its words in English and Korean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub class: &'static str,
    pub text: Text<String>,
}

/// Diagnoses `input` (a cURL command, raw HTTP, a HAR entry or log) with `secret` (empty: the
/// tran-token's MAC is not checked) at the clock reading `now_ms` (epoch milliseconds, a
/// whole number: X-KM-Tran-Time is compared with it, as the CLI does). Never fails: text that
/// is no request is an answer with exit 2.
#[wasm_bindgen]
pub fn diagnose(input: &str, secret: &str, now_ms: f64) -> String {
    let secret = (!secret.is_empty()).then_some(secret.as_bytes());
    // A clock reading outside i64 (or NaN) is no reading: the time is then not compared.
    let now = (now_ms.is_finite() && now_ms.abs() < 9.0e15).then_some(now_ms as i64);
    let result = diagnose::diagnose(input, secret, now);
    let (exit, summary, lines) = worded(&result);
    let mut out = format!("ok{SEP}{exit}{SEP}{}{SEP}{}", summary.en, summary.ko);
    for line in lines {
        for field in [line.class, &line.text.en, &line.text.ko] {
            out.push(SEP);
            // A separator pasted into the request must not split the answer.
            out.extend(field.chars().map(|c| if c == SEP { '\u{fffd}' } else { c }));
        }
    }
    out
}

/// What `konaplate doctor` exits with, the summary and the list (one `request` line per
/// request, then its violations and findings).
pub fn worded(result: &Result<Vec<Diagnosis>, ReadError>) -> (u8, Text, Vec<Line>) {
    let diagnoses = match result {
        Err(e) => {
            let line = Line { class: "error", text: e.message.clone() };
            return (2, NOT_A_REQUEST, vec![line]);
        }
        Ok(ds) => ds,
    };
    let problem = diagnoses.iter().any(Diagnosis::problem_found);
    let mut lines = Vec::new();
    for (i, d) in diagnoses.iter().enumerate() {
        let format = id(serde_json::to_value(d.format).unwrap_or_default(), None);
        let (n, of) = (i + 1, diagnoses.len());
        let operation = |lang: Lang| d.operation.unwrap_or(lang.pick(NO_OPERATION));
        let (method, url) = (&d.method, &d.url);
        let text = Text::build(|lang| match lang {
            Lang::En => format!("Request {n} of {of} ({format}): {method} {url} → {}", operation(lang)),
            Lang::Ko => format!("요청 {n}/{of} ({format}): {method} {url} → {}", operation(lang)),
        });
        lines.push(Line { class: "request", text });
        for v in &d.report.violations {
            let rule = id(serde_json::to_value(v.rule()).unwrap_or_default(), None);
            let at = format!("{} [{rule}]: ", v.location);
            let text = Text::build(|lang| format!("{at}{}", v.message(lang)));
            lines.push(Line { class: severity_class(v.severity), text });
        }
        for f in &d.findings {
            let at = format!("[{}]: ", kind_label(&f.kind));
            let text = Text::build(|lang| format!("{at}{}", f.message.get(lang)));
            lines.push(Line { class: severity_class(f.severity), text });
        }
    }
    (u8::from(problem), if problem { PROBLEM } else { FINE }, lines)
}

/// A serialised id: the string itself, or the string under `key`.
fn id(v: serde_json::Value, key: Option<&str>) -> String {
    let v = match key {
        Some(key) => v.get(key).cloned().unwrap_or_default(),
        None => v,
    };
    v.as_str().unwrap_or_default().to_string()
}

/// `signatureReproduced: prettyPrinted, keysSorted`: the finding's kind and, for a reproduced
/// token, the mistakes that reproduce it (the ids `konaplate doctor --json` prints).
fn kind_label(kind: &FindingKind) -> String {
    let name = id(serde_json::to_value(kind).unwrap_or_default(), Some("kind"));
    match kind {
        FindingKind::SignatureReproduced { causes } => {
            let causes: Vec<String> =
                causes.iter().map(|c: &Cause| id(serde_json::to_value(c).unwrap_or_default(), Some("cause"))).collect();
            format!("{name}: {}", causes.join(", "))
        }
        _ => name,
    }
}

fn severity_class(s: Severity) -> &'static str {
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

    fn fields(answer: &str) -> Vec<&str> {
        answer.split(SEP).collect()
    }

    /// The answer's lines as (class, en, ko).
    fn lines(answer: &str) -> Vec<(String, String, String)> {
        fields(answer)[4..].chunks(3).map(|c| (c[0].into(), c[1].into(), c[2].into())).collect()
    }

    #[test]
    fn a_request_signed_as_sent_is_fine_and_says_its_token_matches() {
        let answer = diagnose(&curl(BODY, BODY, "s3cret"), "s3cret", NOW as f64);
        assert_eq!(fields(&answer)[..4], ["ok", "0", "No problem found.", "문제가 없습니다."]);
        assert_eq!((fields(&answer).len() - 4) % 3, 0, "whole lines");
        let lines = lines(&answer);
        assert_eq!(lines[0].0, "request");
        assert!(
            lines[0].1.starts_with("Request 1 of 1 (curl): POST https://sandbox.konaplate.com/")
                && lines[0].1.ends_with("→ charge"),
            "{lines:?}"
        );
        assert!(lines[0].2.starts_with("요청 1/1 (curl): POST"), "{lines:?}");
        assert!(lines.iter().any(|(c, en, _)| c == "note" && en.starts_with("[signatureMatches]")), "{lines:?}");
    }

    #[test]
    fn a_token_over_the_pretty_printed_body_names_the_mistake_in_both_languages() {
        let pretty = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(BODY).unwrap()).unwrap();
        let answer = diagnose(&curl(&pretty, BODY, "s3cret"), "s3cret", NOW as f64);
        assert_eq!(fields(&answer)[..4], ["ok", "1", "Problem found.", "문제가 있습니다."]);
        let lines = lines(&answer);
        let line =
            lines.iter().find(|(c, en, _)| c == "error" && en.starts_with("[signatureReproduced: prettyPrinted]"));
        assert!(line.is_some_and(|(_, _, ko)| ko.contains("들여쓰기")), "{lines:?}");
    }

    #[test]
    fn without_a_secret_the_mac_is_not_checked_and_the_secret_is_never_worded() {
        let answer = diagnose(&curl(BODY, BODY, "s3cret"), "", NOW as f64);
        assert!(lines(&answer).iter().any(|(_, en, _)| en.contains("[signatureNotChecked]")), "{answer}");
        let answer = diagnose(&curl(BODY, BODY, "other-secret"), "s3cret", NOW as f64);
        assert!(lines(&answer).iter().any(|(_, en, _)| en.contains("[differentSecret]")), "{answer}");
        assert!(!answer.contains("s3cret") && !answer.contains("other-secret"));
    }

    #[test]
    fn text_that_is_no_request_says_so_and_a_pasted_separator_cannot_split_the_answer() {
        let answer = diagnose("hello", "", NOW as f64);
        assert_eq!(
            fields(&answer)[..4],
            ["ok", "2", "Not a request konaplate can read.", "읽을 수 있는 요청이 아닙니다."]
        );
        let lines = lines(&answer);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].1.contains("cURL command"), "{lines:?}");

        let answer = diagnose("curl 'https://x.example/a\u{1f}b' -d '{}'", "", f64::NAN);
        assert_eq!((fields(&answer).len() - 4) % 3, 0, "{answer:?}");
        assert!(answer.contains('\u{fffd}'));
    }
}
