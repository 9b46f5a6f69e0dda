//! The body a freshly picked endpoint starts with: the sandbox's documented presets, or, for the
//! result inquiry and the cancel, the last successful charge of this session.

use konaplate_core::catalog::{self, sandbox, Endpoint, OperationId};
use serde_json::Value;

use crate::history::History;

/// The newest successful charge: `(sequenceId, userId as JSON, nrNumber)`.
fn last_charge(history: &History) -> Option<(String, Value, String)> {
    history.entries().iter().find_map(|e| {
        if e.request.path != catalog::CHARGE_ENDPOINT.path || e.response.code != "000_000" {
            return None;
        }
        let request: Value = konaplate_core::json::read(&e.request.body).ok()?;
        let response: Value = konaplate_core::json::read(&e.response.body).ok()?;
        Some((
            request.get("sequenceId")?.as_str()?.to_string(),
            request.get("userId")?.clone(),
            response.get("nrNumber")?.as_str()?.to_string(),
        ))
    })
}

/// A body that the sandbox accepts for `endpoint`.
pub fn starter_body(endpoint: &Endpoint, history: &History) -> String {
    let member: Value = konaplate_core::json::read(sandbox::MEMBER_ID).unwrap_or(Value::Null);
    let (sequence_id, user_id, nr_number) = last_charge(history)
        .unwrap_or_else(|| (sandbox::USED_SEQUENCE_ID.to_string(), member, "NR-FROM-THE-CHARGE".to_string()));
    // Strings through serde_json (escaping); the userId as its exact JSON text.
    let q = |s: &str| konaplate_core::json::text(&Value::from(s));
    match endpoint.operation {
        Some(OperationId::OneTimeToken) => format!(r#"{{"cardNo":{}}}"#, q(sandbox::MEMBER_CARD_NO)),
        Some(OperationId::ResultInquiry) => format!(r#"{{"sequenceId":{}}}"#, q(&sequence_id)),
        Some(OperationId::Cancel) => format!(
            r#"{{"sequenceId":{},"userId":{},"nrNumber":{},"oneTimeToken":{},"dcvv":{}}}"#,
            q(&sequence_id),
            konaplate_core::json::text(&user_id),
            q(&nr_number),
            q(sandbox::PRESET_ONE_TIME_TOKEN),
            q(sandbox::PRESET_DCVV)
        ),
        Some(OperationId::Charge) => catalog::SCENARIOS[0].body.to_string(),
        // A journey operation: its first Test Data request (the success one).
        Some(operation) => catalog::links::test_data(operation)
            .next()
            .map_or_else(|| from_examples(endpoint), |case| case.body.to_string()),
        // An operation of a loaded document: its documented example, built from its fields.
        None => from_examples(endpoint),
    }
}

/// A body built from the operation's field examples, for an operation without Test Data: one of
/// a loaded document (the `document` build).
#[cfg(feature = "document")]
fn from_examples(endpoint: &Endpoint) -> String {
    konaplate_core::sandbox::example_body(endpoint)
}

/// The built-in console has no operation without Test Data (`every_starter_body_has_no_body_error`
/// fails otherwise), so the example builder stays out of the page's first load.
#[cfg(not(feature = "document"))]
fn from_examples(_: &Endpoint) -> String {
    "{}".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::Entry;
    use konaplate_core::catalog::{CANCEL_ENDPOINT, ENDPOINTS, RESULT_INQUIRY_ENDPOINT};
    use konaplate_core::sandbox::{SandboxRequest, SandboxResponse};
    use konaplate_core::Severity;

    #[test]
    fn every_starter_body_has_no_body_error() {
        for e in ENDPOINTS {
            let body = starter_body(e, &History::default());
            let errors = konaplate_core::validate::validate_body(e, &body);
            assert!(errors.iter().all(|v| v.severity != Severity::Error), "{}: {errors:?}", e.id);
        }
    }

    #[test]
    fn the_inquiry_and_the_cancel_follow_the_last_successful_charge_exactly() {
        let mut history = History::default();
        history.push(Entry {
            sent_at: String::new(),
            target: crate::exchange::Target::InBrowser,
            url: String::new(),
            request: SandboxRequest {
                method: "POST".into(),
                path: catalog::CHARGE_ENDPOINT.path.into(),
                headers: vec![],
                body: r#"{"sequenceId":"S-9","userId":9999999999999999999}"#.into(),
            },
            response: SandboxResponse {
                status: 200,
                code: "000_000".into(),
                headers: vec![],
                body: r#"{"nrNumber":"NR1","isPending":false}"#.into(),
            },
            plaintext: None,
        });
        assert_eq!(starter_body(&RESULT_INQUIRY_ENDPOINT, &history), r#"{"sequenceId":"S-9"}"#);
        let cancel = starter_body(&CANCEL_ENDPOINT, &history);
        assert!(
            cancel.contains(r#""userId":9999999999999999999"#) && cancel.contains(r#""nrNumber":"NR1""#),
            "{cancel}"
        );
    }
}
