//! A response checked against the operation's documentation: codes, response fields, types,
//! and integers a JavaScript client cannot hold. What this finds is a deviation of the server
//! from its documentation, whichever server answered (KONA PLATE, `konaplate serve`, a mock).

use serde_json::Value;

use crate::catalog::{Endpoint, Provenance};
use crate::json;
use crate::response::{read_response_to, Problem};
use crate::validate::validate_body;
use crate::violation::{quote, Kind, Report, Rule, Severity, Violation};

/// 2^53 − 1: the largest integer every JSON client (JavaScript's `Number`) holds exactly.
const MAX_SAFE_INTEGER: &str = "9007199254740991";

/// Every deviation of a `status`/`body` answer to `endpoint` from the documentation.
pub fn check_response(endpoint: &Endpoint, status: u16, body: &str) -> Report {
    let mut reading = read_response_to(endpoint, Some(status), body);
    let mut out = std::mem::take(&mut reading.problems);
    if let Some(code) = reading.code.as_deref() {
        undocumented_code(endpoint, code, &mut out);
    }
    if let Ok(root) = json::read(body) {
        unsafe_numbers(&root, "$", &mut out);
    }
    if reading.code.is_some() && !reading.encrypted {
        // The documented response fields come with the success code (KONA PLATE's 000_000, or
        // the one the operation's document declares).
        let success = reading.code.as_deref() == Some(endpoint.success_code().code);
        let data = json::text(&Value::Object(std::mem::take(&mut reading.data)));
        let documented = Endpoint { request: endpoint.response, encrypted: false, ..*endpoint };
        for v in validate_body(&documented, &data) {
            match v.rule() {
                // Error answers carry no data fields; the documented ones are required on success.
                Rule::Required if !success => {}
                Rule::UnknownField => out
                    .push(Violation { kind: Kind::Response(Problem::UnknownField { operation: endpoint.name }), ..v }),
                _ => out.push(v),
            }
        }
    }
    Report::new(out)
}

/// A known code that the operation does not document (a code unknown to the catalog and to
/// the operation's document altogether is already reported by `read_response_to`).
fn undocumented_code(endpoint: &Endpoint, code: &str, out: &mut Vec<Violation>) {
    let Some(entry) = endpoint.code_entry(code).filter(|_| !endpoint.documents(code)) else { return };
    let listed = endpoint.codes.iter().map(|c| c.as_str()).chain(endpoint.own_codes.iter().map(|c| c.code));
    let documented = listed.collect::<Vec<_>>().join(", ");
    let (code_text, operation) = (code.to_string(), endpoint.name);
    let (severity, kind) = if entry.provenance == Provenance::Ours {
        (Severity::Note, Kind::Response(Problem::OwnCode { code: code_text, operation }))
    } else {
        (
            Severity::Warning,
            Kind::Response(Problem::UndocumentedCode { code: code_text, operation, documented: documented.clone() }),
        )
    };
    out.push(Violation::in_body("$.response.code", kind, severity, documented, quote(code)));
}

/// Integers beyond 2^53 − 1 written as JSON numbers: a JavaScript client reads other digits.
fn unsafe_numbers(value: &Value, path: &str, out: &mut Vec<Violation>) {
    match value {
        Value::Number(n) => {
            let text = json::number_text(n);
            let digits = text.trim_start_matches('-');
            let integer = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
            let beyond = digits.len() > MAX_SAFE_INTEGER.len()
                || (digits.len() == MAX_SAFE_INTEGER.len() && digits > MAX_SAFE_INTEGER);
            if integer && beyond {
                let expected = format!("at most {MAX_SAFE_INTEGER} as a number, or a string");
                let kind = Kind::UnsafeNumber { text: text.to_string() };
                out.push(Violation::in_body(path, kind, Severity::Warning, expected, text));
            }
        }
        Value::Object(o) => o.iter().for_each(|(k, v)| unsafe_numbers(v, &json::child_path(path, k), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| unsafe_numbers(v, &format!("{path}[{i}]"), out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CHARGE_ENDPOINT, RESULT_INQUIRY_ENDPOINT};

    fn rules(endpoint: &Endpoint, status: u16, body: &str) -> Vec<(String, Rule, Severity)> {
        check_response(endpoint, status, body)
            .violations
            .into_iter()
            .map(|v| (v.location.clone(), v.rule(), v.severity))
            .collect()
    }

    #[test]
    #[cfg_attr(feature = "lean-catalog", ignore = "reads the response fields, which lean-catalog leaves out")]
    fn a_documented_success_has_no_deviation() {
        let body = r#"{"nrNumber":"NR1","isPending":false,"response":{"code":"000_000","description":"Success."}}"#;
        assert_eq!(rules(&CHARGE_ENDPOINT, 200, body), []);
    }

    #[test]
    #[cfg_attr(feature = "lean-catalog", ignore = "reads the response fields, which lean-catalog leaves out")]
    fn each_deviation_is_named() {
        type Case<'a> = (&'a Endpoint, u16, &'a str, (&'a str, Rule, Severity));
        let table: &[Case] = &[
            (
                &CHARGE_ENDPOINT,
                200,
                r#"{"isPending":false,"response":{"code":"000_000","description":"ok"}}"#,
                ("$.nrNumber", Rule::Required, Severity::Error),
            ),
            (
                &CHARGE_ENDPOINT,
                200,
                r#"{"nrNumber":"NR1","isPending":"no","response":{"code":"000_000","description":"ok"}}"#,
                ("$.isPending", Rule::Type, Severity::Error),
            ),
            (
                &CHARGE_ENDPOINT,
                200,
                r#"{"nrNumber":"NR1","isPending":false,"userId":1234567890123456789,"response":{"code":"000_000","description":"ok"}}"#,
                ("$.userId", Rule::UnsafeNumber, Severity::Warning),
            ),
            (
                &CHARGE_ENDPOINT,
                200,
                r#"{"nrNumber":"NR1","isPending":false,"extra":1,"response":{"code":"000_000","description":"ok"}}"#,
                ("$.extra", Rule::UnknownField, Severity::Warning),
            ),
            (
                &CHARGE_ENDPOINT,
                400,
                r#"{"response":{"code":"007_030","description":"x"}}"#,
                ("$.response.code", Rule::Enum, Severity::Warning),
            ),
            (
                &CHARGE_ENDPOINT,
                401,
                r#"{"response":{"code":"000_903","description":"x"}}"#,
                ("$.response.code", Rule::Enum, Severity::Note),
            ),
            (
                &CHARGE_ENDPOINT,
                500,
                r#"{"response":{"code":"007_008","description":"x"}}"#,
                ("$.response.code", Rule::HttpStatus, Severity::Warning),
            ),
            (
                &RESULT_INQUIRY_ENDPOINT,
                200,
                r#"{"result":"DONE","response":{"code":"000_000","description":"ok"}}"#,
                ("$.result", Rule::Enum, Severity::Error),
            ),
            (&CHARGE_ENDPOINT, 502, "<html>Bad gateway</html>", ("$", Rule::JsonSyntax, Severity::Error)),
        ];
        for (endpoint, status, body, (location, rule, severity)) in table {
            let got = rules(endpoint, *status, body);
            assert!(got.contains(&(location.to_string(), *rule, *severity)), "{body}: {got:?}");
        }
    }

    #[test]
    fn error_answers_need_no_data_fields() {
        let body = r#"{"response":{"code":"007_001","description":"No account."}}"#;
        let status = crate::catalog::code("007_001").unwrap().http;
        assert_eq!(rules(&CHARGE_ENDPOINT, status, body), []);
    }

    #[test]
    fn a_loaded_documents_own_codes_are_documented_with_their_status() {
        let doc = crate::catalog::load::load(include_str!("../../../testdata/foreign-openapi.json")).unwrap();
        let op = doc.operation("createOrder").unwrap();
        let placed =
            r#"{"orderNo":"ORD0000001","status":"PLACED","response":{"code":"100_000","description":"Order placed."}}"#;
        assert_eq!(rules(op, 200, placed), [], "its own success code, with the documented fields");
        let missing = placed.replace(r#""status":"PLACED","#, "");
        assert_eq!(rules(op, 200, &missing), [("$.status".to_string(), Rule::Required, Severity::Error)]);
        let stock = r#"{"response":{"code":"100_409","description":"Out of stock."}}"#;
        assert_eq!(rules(op, 409, stock), []);
        assert_eq!(rules(op, 400, stock), [("$.response.code".to_string(), Rule::HttpStatus, Severity::Warning)]);
        // KONA PLATE's success code is not this operation's: documented elsewhere, so a warning.
        let kona = placed.replace("100_000", "000_000");
        assert_eq!(rules(op, 200, &kona), [("$.response.code".to_string(), Rule::Enum, Severity::Warning)]);
        // Its codes mean nothing for another operation.
        let elsewhere = rules(&CHARGE_ENDPOINT, 409, stock);
        assert!(elsewhere.contains(&("$.response.code".to_string(), Rule::Enum, Severity::Warning)), "{elsewhere:?}");
    }
}
