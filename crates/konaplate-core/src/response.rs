//! Reading a response body: KONA PLATE's envelope, data fields at the top level plus
//! `"response": {"code", "description"}`, and konaplate's own `"konaplate"` explanation.
//!
//! Numbers keep their exact text (`serde_json` with `arbitrary_precision`); anything unexpected
//! is reported as [`Violation`]s (locations are JSON paths in the response body), never a panic.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::catalog::{self, CodeEntry, Endpoint, Provenance};
use crate::json;
use crate::text::Text;
use crate::text::{fill, Lang};
use crate::violation::{quote, Kind, Rule, Severity, Subject, Violation};

/// What a response body says, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseReading {
    /// `response.code`, when it is a string.
    pub code: Option<String>,
    /// `response.description`, when it is a string.
    pub description: Option<String>,
    /// Top-level fields other than `response` and `konaplate`, numbers exact.
    pub data: Map<String, Value>,
    /// konaplate's explanation of the code (`konaplate.explanation`), when the sandbox gave one.
    pub explanation: Option<Text<String>>,
    /// Whether the code is published by KONA PLATE or assigned by konaplate (from the catalog).
    pub provenance: Option<Provenance>,
    /// The body is an encrypted `{"encData": …}` response (not decrypted here).
    pub encrypted: bool,
    /// Errors, warnings and notes about the envelope, in English and Korean.
    pub problems: Vec<Violation>,
}

/// What is wrong with a response (a violation's [`Kind::Response`]), with the values its
/// message names. Its wording is here, beside the only code that finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// An encrypted response, not decrypted here (a note).
    Encrypted,
    /// A response without its `"response"` envelope.
    MissingEnvelope,
    /// The envelope is not an object.
    EnvelopeType { found: Text },
    /// A member of the envelope is missing.
    MissingMember { member: Member },
    /// `response.code` is not `ddd_ddd`; `value` quoted.
    CodeFormat { value: String },
    /// A code konaplate's catalog and the document do not know.
    UnknownCode { code: String },
    /// A known code `operation` does not document; `documented` lists the ones it does.
    UndocumentedCode { code: String, operation: Text, documented: String },
    /// One of konaplate's own codes (transport, signature), not documented by KONA PLATE.
    OwnCode { code: String, operation: Text },
    /// `code` came with HTTP `status`, documented with HTTP `documented`.
    HttpStatus { code: String, documented: u16, status: u16 },
    /// A key the document does not list among `operation`'s response fields.
    UnknownField { operation: Text },
}

/// A member of a response's `"response"` envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Member {
    Code,
    Description,
}

impl Problem {
    /// The stable rule this problem breaks.
    pub fn rule(&self) -> Rule {
        match self {
            Problem::Encrypted => Rule::Encryption,
            Problem::MissingEnvelope | Problem::MissingMember { .. } => Rule::Required,
            Problem::EnvelopeType { .. } => Rule::Type,
            Problem::CodeFormat { .. } => Rule::Format,
            Problem::UnknownCode { .. } | Problem::UndocumentedCode { .. } | Problem::OwnCode { .. } => Rule::Enum,
            Problem::HttpStatus { .. } => Rule::HttpStatus,
            Problem::UnknownField { .. } => Rule::UnknownField,
        }
    }

    /// The message a user reads, in `lang`; `path` is where the violation is.
    pub fn message(&self, path: &str, lang: Lang) -> String {
        let say = |en: &str, ko: &str, args: &[&str]| fill(lang.choose(en, ko), args);
        match self {
            Problem::Encrypted => say(
                "An encrypted response: its code is inside encData, which konaplate does not decrypt.",
                "암호화된 응답입니다. 코드는 encData 안에 있으며 konaplate는 복호화하지 않습니다.",
                &[],
            ),
            Problem::MissingEnvelope => say(
                "The response has no \"response\" object with its code and description.",
                "응답에 코드와 설명이 담긴 \"response\" 객체가 없습니다.",
                &[],
            ),
            Problem::EnvelopeType { found } => say(
                "response must be an object with code and description (got {0}).",
                "response: code와 description이 있는 객체여야 합니다(입력: {0}).",
                &[lang.pick(*found)],
            ),
            Problem::MissingMember { member: Member::Code } => {
                say("response.code is missing.", "response.code가 없습니다.", &[])
            }
            Problem::MissingMember { member: Member::Description } => {
                say("response.description is missing.", "response.description이 없습니다.", &[])
            }
            Problem::CodeFormat { value } => say(
                "response.code must be three digits, '_', three digits such as 007_008 (got {0}).",
                "response.code는 007_008처럼 숫자 3자리, '_', 숫자 3자리여야 합니다(입력: {0}).",
                &[value],
            ),
            Problem::UnknownCode { code } => say(
                "{0} is not in konaplate's catalog of codes; its meaning is unknown here.",
                "{0}는 konaplate 코드 목록에 없어 의미를 알 수 없습니다.",
                &[code],
            ),
            Problem::UndocumentedCode { code, operation, documented } => say(
                "{0} is not among the codes documented for {1} ({2}).",
                "{0}는 {1}에 문서화된 코드({2})가 아닙니다.",
                &[code, lang.pick(*operation), documented],
            ),
            Problem::OwnCode { code, operation } => say(
                "{0} is konaplate's own code (a transport or signature check), not one KONA PLATE documents for {1}.",
                "{0}는 konaplate가 정한 코드(전송·서명 검사)이며 KONA PLATE가 {1}에 문서화한 코드가 아닙니다.",
                &[code, lang.pick(*operation)],
            ),
            Problem::HttpStatus { code, documented, status } => say(
                "{0} is documented with HTTP {1}, but the response came with HTTP {2}.",
                "{0}는 HTTP {1}로 문서화되어 있으나 응답은 HTTP {2}였습니다.",
                &[code, &crate::text::decimal(usize::from(*documented)), &crate::text::decimal(usize::from(*status))],
            ),
            Problem::UnknownField { operation } => say(
                "{0}: not a documented response field of {1}.",
                "{0}: {1}의 문서화된 응답 필드가 아닙니다.",
                &[path, lang.pick(*operation)],
            ),
        }
    }

    /// One of every problem (every variant, and every branch its wording has), for the
    /// wording tests (`violation.rs`'s `every_kind`).
    #[cfg(test)]
    pub(crate) fn every() -> Vec<Problem> {
        let (s, t) = (|| "x".to_string(), Text::new("string", "문자열"));
        let every = vec![
            Problem::Encrypted,
            Problem::MissingEnvelope,
            Problem::EnvelopeType { found: t },
            Problem::MissingMember { member: Member::Code },
            Problem::MissingMember { member: Member::Description },
            Problem::CodeFormat { value: s() },
            Problem::UnknownCode { code: s() },
            Problem::UndocumentedCode { code: s(), operation: t, documented: s() },
            Problem::OwnCode { code: s(), operation: t },
            Problem::HttpStatus { code: s(), documented: 200, status: 400 },
            Problem::UnknownField { operation: t },
        ];
        // A new problem fails to compile here until `every` lists it.
        for problem in &every {
            match problem {
                Problem::Encrypted
                | Problem::MissingEnvelope
                | Problem::EnvelopeType { .. }
                | Problem::MissingMember { .. }
                | Problem::CodeFormat { .. }
                | Problem::UnknownCode { .. }
                | Problem::UndocumentedCode { .. }
                | Problem::OwnCode { .. }
                | Problem::HttpStatus { .. }
                | Problem::UnknownField { .. } => {}
            }
        }
        every
    }
}

/// `ddd_ddd`, the shape of every KONA PLATE response code.
fn code_shape(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 7 && b[3] == b'_' && b.iter().enumerate().all(|(i, c)| i == 3 || c.is_ascii_digit())
}

/// Reads `body`, answered with HTTP `status` when known, into its code, description and data.
pub fn read_response(status: Option<u16>, body: &str) -> ResponseReading {
    read(status, body, None)
}

/// [`read_response`] for an answer to `endpoint`: the codes its document declares itself are
/// known too, with their status and provenance.
pub fn read_response_to(endpoint: &Endpoint, status: Option<u16>, body: &str) -> ResponseReading {
    read(status, body, Some(endpoint))
}

fn read(status: Option<u16>, body: &str, endpoint: Option<&Endpoint>) -> ResponseReading {
    let mut reading = ResponseReading {
        code: None,
        description: None,
        data: Map::new(),
        explanation: None,
        provenance: None,
        encrypted: false,
        problems: Vec::new(),
    };
    let (root, duplicates) = match json::parse_with_duplicates(body) {
        Ok(parsed) => parsed,
        Err(e) => {
            reading.problems.push(e.violation(Subject::Response));
            return reading;
        }
    };
    for path in duplicates {
        let kind = Kind::DuplicateKey { subject: Subject::Response };
        reading.problems.push(Violation::in_body(path, kind, Severity::Error, "each key once", "repeated"));
    }
    let Value::Object(mut object) = root else {
        let found = json::type_name(&root);
        let kind = Kind::NotAnObject { subject: Subject::Response, found };
        reading.problems.push(Violation::in_body("$", kind, Severity::Error, "object", found.en));
        return reading;
    };
    if let Some(konaplate) = object.remove("konaplate") {
        let explanation = &konaplate["explanation"];
        if let (Some(en), Some(ko)) = (explanation["en"].as_str(), explanation["ko"].as_str()) {
            reading.explanation = Some(Text::from_pair(en, ko));
        }
    }
    let envelope = object.remove("response");
    reading.encrypted = object.contains_key("encData");
    reading.data = object;
    match envelope {
        None if reading.encrypted => reading.problems.push(Violation::in_body(
            "$.encData",
            Kind::Response(Problem::Encrypted),
            Severity::Note,
            "",
            "",
        )),
        None => reading.problems.push(Violation::in_body(
            "$.response",
            Kind::Response(Problem::MissingEnvelope),
            Severity::Error,
            "{\"code\", \"description\"}",
            "missing",
        )),
        Some(Value::Object(envelope)) => read_envelope(&envelope, status, endpoint, &mut reading),
        Some(other) => {
            let found = json::type_name(&other);
            let kind = Kind::Response(Problem::EnvelopeType { found });
            reading.problems.push(Violation::in_body("$.response", kind, Severity::Error, "object", found.en));
        }
    }
    reading
}

fn read_envelope(
    envelope: &Map<String, Value>,
    status: Option<u16>,
    endpoint: Option<&Endpoint>,
    reading: &mut ResponseReading,
) {
    match envelope.get("description") {
        Some(Value::String(d)) => reading.description = Some(d.clone()),
        None => {
            let kind = Kind::Response(Problem::MissingMember { member: Member::Description });
            reading.problems.push(Violation::in_body(
                "$.response.description",
                kind,
                Severity::Warning,
                "a string",
                "missing",
            ))
        }
        Some(other) => reading.problems.push(type_problem("$.response.description", other)),
    }
    let code = match envelope.get("code") {
        Some(Value::String(code)) => code,
        None => {
            let kind = Kind::Response(Problem::MissingMember { member: Member::Code });
            let expected = "a code such as 000_000";
            reading.problems.push(Violation::in_body("$.response.code", kind, Severity::Error, expected, "missing"));
            return;
        }
        Some(other) => {
            reading.problems.push(type_problem("$.response.code", other));
            return;
        }
    };
    reading.code = Some(code.clone());
    if !code_shape(code) {
        let kind = Kind::Response(Problem::CodeFormat { value: quote(code) });
        reading.problems.push(Violation::in_body("$.response.code", kind, Severity::Error, "ddd_ddd", quote(code)));
        return;
    }
    let entry = match endpoint {
        Some(endpoint) => endpoint.code_entry(code),
        None => catalog::code(code).map(CodeEntry::from),
    };
    let Some(entry) = entry else {
        let kind = Kind::Response(Problem::UnknownCode { code: code.clone() });
        let expected = "a code in konaplate's catalog";
        reading.problems.push(Violation::in_body("$.response.code", kind, Severity::Warning, expected, quote(code)));
        return;
    };
    reading.provenance = Some(entry.provenance);
    if let Some(status) = status.filter(|s| *s != entry.http) {
        let kind = Kind::Response(Problem::HttpStatus { code: code.clone(), documented: entry.http, status });
        let (expected, got) = (format!("HTTP {}", entry.http), format!("HTTP {status}"));
        reading.problems.push(Violation::in_body("$.response.code", kind, Severity::Warning, expected, got));
    }
}

/// A member of the envelope (at `location`, `$.response.NAME`) that is not a string.
fn type_problem(location: &str, value: &Value) -> Violation {
    let found = json::type_name(value);
    let kind = Kind::Type { expected: json::TYPE_STRING, found, quoted_integer: false };
    Violation::in_body(location, kind, Severity::Error, "string", found.en)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;
    use crate::violation::Rule;

    fn rules(status: Option<u16>, body: &str) -> Vec<(String, Rule, Severity)> {
        read_response(status, body).problems.into_iter().map(|v| (v.location.clone(), v.rule(), v.severity)).collect()
    }

    #[test]
    fn a_success_envelope_keeps_data_and_exact_numbers() {
        let body = r#"{"nrNumber":"NR1","isPending":false,"expiryTime":99999999999999999999,"response":{"code":"000_000","description":"Success."}}"#;
        let r = read_response(Some(200), body);
        assert_eq!(r.problems, []);
        assert_eq!((r.code.as_deref(), r.description.as_deref()), (Some("000_000"), Some("Success.")));
        assert_eq!(r.provenance, Some(Provenance::Published));
        assert_eq!(
            serde_json::to_string(&r.data).unwrap(),
            r#"{"nrNumber":"NR1","isPending":false,"expiryTime":99999999999999999999}"#
        );
    }

    #[test]
    fn the_sandbox_explanation_and_provenance_are_read() {
        let body = r#"{"response":{"code":"000_904","description":"Request time out of window."},"konaplate":{"codeProvenance":"ours","explanation":{"en":"E","ko":"K"}}}"#;
        let r = read_response(Some(401), body);
        assert_eq!(r.problems, []);
        assert_eq!(r.explanation, Some(Text::from_pair("E", "K")));
        assert_eq!(r.provenance, Some(Provenance::Ours));
        assert!(r.data.is_empty());
    }

    #[test]
    fn problems_table() {
        use Rule::*;
        use Severity::*;
        type Row<'a> = (Option<u16>, &'a str, &'a [(&'a str, Rule, Severity)]);
        let table: &[Row] = &[
            (None, "", &[("$", JsonSyntax, Error)]),
            (None, "<html>502 Bad Gateway</html>", &[("$", JsonSyntax, Error)]),
            (None, "[]", &[("$", Type, Error)]),
            (None, "{}", &[("$.response", Required, Error)]),
            (None, r#"{"response":"000_000"}"#, &[("$.response", Type, Error)]),
            (None, r#"{"response":{"description":"x"}}"#, &[("$.response.code", Required, Error)]),
            (None, r#"{"response":{"code":7008,"description":"x"}}"#, &[("$.response.code", Type, Error)]),
            (None, r#"{"response":{"code":"7_8","description":"x"}}"#, &[("$.response.code", Format, Error)]),
            (None, r#"{"response":{"code":"123_456","description":"x"}}"#, &[("$.response.code", Enum, Warning)]),
            (None, r#"{"response":{"code":"000_000"}}"#, &[("$.response.description", Required, Warning)]),
            (
                Some(200),
                r#"{"response":{"code":"007_008","description":"x"}}"#,
                &[("$.response.code", HttpStatus, Warning)],
            ),
            (
                None,
                r#"{"response":{"code":"000_000","code":"007_008","description":"x"}}"#,
                &[("$.response.code", DuplicateKey, Error)],
            ),
            (None, r#"{"encData":"a.b.c.d.e"}"#, &[("$.encData", Encryption, Note)]),
        ];
        for (status, body, want) in table {
            let want: Vec<_> = want.iter().map(|(l, r, s)| (l.to_string(), *r, *s)).collect();
            assert_eq!(rules(*status, body), want, "{body}");
        }
    }

    #[test]
    fn every_problem_is_worded_in_english_and_korean() {
        for body in ["", "[]", "{}", r#"{"response":{"code":"x"}}"#, r#"{"response":{"code":"999_999"}}"#] {
            for v in read_response(Some(200), body).problems {
                assert!(
                    !v.message(Lang::En).is_empty() && v.message(Lang::Ko).chars().any(|c| ('가'..='힣').contains(&c)),
                    "{v:?}"
                );
            }
        }
    }
}
