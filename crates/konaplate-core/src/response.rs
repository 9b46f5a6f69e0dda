//! Reading a response body: KONA PLATE's envelope, data fields at the top level plus
//! `"response": {"code", "description"}`, and konaplate's own `"konaplate"` explanation.
//!
//! Numbers keep their exact text (`serde_json` with `arbitrary_precision`); anything unexpected
//! is reported as [`Violation`]s (locations are JSON paths in the response body), never a panic.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::catalog::{self, CodeEntry, Endpoint, Provenance};
use crate::json;
use crate::violation::{quote, Message, Rule, Severity, Violation};

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
    pub explanation: Option<Message>,
    /// Whether the code is published by KONA PLATE or assigned by konaplate (from the catalog).
    pub provenance: Option<Provenance>,
    /// The body is an encrypted `{"encData": …}` response (not decrypted here).
    pub encrypted: bool,
    /// Errors, warnings and notes about the envelope, in English and Korean.
    pub problems: Vec<Violation>,
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
    let root = match json::parse(body) {
        Ok(root) => root,
        Err(e) => {
            reading.problems.push(e.violation("The response body is not JSON", "응답 본문이 JSON이 아닙니다"));
            return reading;
        }
    };
    for path in json::duplicate_keys_of(body, &root) {
        reading.problems.push(Violation::in_body(
            &path,
            Rule::DuplicateKey,
            Severity::Error,
            "each key once",
            "repeated".into(),
            format!("{path}: the key appears more than once in the response; which value a client reads is undefined."),
            format!(
                "{path}: 응답에 같은 키가 두 번 이상 나옵니다. 클라이언트가 어느 값을 읽을지 정해져 있지 않습니다."
            ),
        ));
    }
    let Value::Object(mut object) = root else {
        let (en, ko) = json::type_name(&root);
        reading.problems.push(Violation::in_body(
            "$",
            Rule::Type,
            Severity::Error,
            "object",
            en.into(),
            format!("The response body must be a JSON object (got {en})."),
            format!("응답 본문은 JSON 객체여야 합니다(입력: {ko})."),
        ));
        return reading;
    };
    if let Some(konaplate) = object.remove("konaplate") {
        let explanation = &konaplate["explanation"];
        if let (Some(en), Some(ko)) = (explanation["en"].as_str(), explanation["ko"].as_str()) {
            reading.explanation = Some(Message { en: en.into(), ko: ko.into() });
        }
    }
    let envelope = object.remove("response");
    reading.encrypted = object.contains_key("encData");
    reading.data = object;
    match envelope {
        None if reading.encrypted => reading.problems.push(Violation::in_body(
            "$.encData",
            Rule::Encryption,
            Severity::Note,
            "",
            String::new(),
            "An encrypted response: its code is inside encData, which konaplate does not decrypt.".into(),
            "암호화된 응답입니다. 코드는 encData 안에 있으며 konaplate는 복호화하지 않습니다.".into(),
        )),
        None => reading.problems.push(Violation::in_body(
            "$.response",
            Rule::Required,
            Severity::Error,
            "{\"code\", \"description\"}",
            "missing".into(),
            "The response has no \"response\" object with its code and description.".into(),
            "응답에 코드와 설명이 담긴 \"response\" 객체가 없습니다.".into(),
        )),
        Some(Value::Object(envelope)) => read_envelope(&envelope, status, endpoint, &mut reading),
        Some(other) => {
            let (en, ko) = json::type_name(&other);
            reading.problems.push(Violation::in_body(
                "$.response",
                Rule::Type,
                Severity::Error,
                "object",
                en.into(),
                format!("response must be an object with code and description (got {en})."),
                format!("response: code와 description이 있는 객체여야 합니다(입력: {ko})."),
            ));
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
        None => reading.problems.push(Violation::in_body(
            "$.response.description",
            Rule::Required,
            Severity::Warning,
            "a string",
            "missing".into(),
            "response.description is missing.".into(),
            "response.description이 없습니다.".into(),
        )),
        Some(other) => reading.problems.push(type_problem("$.response.description", "description", other)),
    }
    let code = match envelope.get("code") {
        Some(Value::String(code)) => code,
        None => {
            reading.problems.push(Violation::in_body(
                "$.response.code",
                Rule::Required,
                Severity::Error,
                "a code such as 000_000",
                "missing".into(),
                "response.code is missing.".into(),
                "response.code가 없습니다.".into(),
            ));
            return;
        }
        Some(other) => {
            reading.problems.push(type_problem("$.response.code", "code", other));
            return;
        }
    };
    reading.code = Some(code.clone());
    if !code_shape(code) {
        reading.problems.push(Violation::in_body(
            "$.response.code",
            Rule::Format,
            Severity::Error,
            "ddd_ddd",
            quote(code),
            format!("response.code must be three digits, '_', three digits such as 007_008 (got {}).", quote(code)),
            format!("response.code는 007_008처럼 숫자 3자리, '_', 숫자 3자리여야 합니다(입력: {}).", quote(code)),
        ));
        return;
    }
    let entry = match endpoint {
        Some(endpoint) => endpoint.code_entry(code),
        None => catalog::code(code).map(CodeEntry::from),
    };
    let Some(entry) = entry else {
        reading.problems.push(Violation::in_body(
            "$.response.code",
            Rule::Enum,
            Severity::Warning,
            "a code in konaplate's catalog",
            quote(code),
            format!("{code} is not in konaplate's catalog of codes; its meaning is unknown here."),
            format!("{code}는 konaplate 코드 목록에 없어 의미를 알 수 없습니다."),
        ));
        return;
    };
    reading.provenance = Some(entry.provenance);
    if let Some(status) = status.filter(|s| *s != entry.http) {
        reading.problems.push(Violation::in_body(
            "$.response.code",
            Rule::HttpStatus,
            Severity::Warning,
            format!("HTTP {}", entry.http),
            format!("HTTP {status}"),
            format!("{code} is documented with HTTP {}, but the response came with HTTP {status}.", entry.http),
            format!("{code}는 HTTP {}로 문서화되어 있으나 응답은 HTTP {status}였습니다.", entry.http),
        ));
    }
}

fn type_problem(location: &str, name: &str, value: &Value) -> Violation {
    let (en, ko) = json::type_name(value);
    Violation::in_body(
        location,
        Rule::Type,
        Severity::Error,
        "string",
        en.into(),
        format!("response.{name} must be a string (got {en})."),
        format!("response.{name}: 문자열이어야 합니다(입력: {ko})."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(status: Option<u16>, body: &str) -> Vec<(String, Rule, Severity)> {
        read_response(status, body).problems.into_iter().map(|v| (v.location, v.rule, v.severity)).collect()
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
        assert_eq!(r.explanation, Some(Message { en: "E".into(), ko: "K".into() }));
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
                assert!(!v.message.en.is_empty() && v.message.ko.chars().any(|c| ('가'..='힣').contains(&c)), "{v:?}");
            }
        }
    }
}
