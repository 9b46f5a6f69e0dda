//! Chaining: a success response's values fill the next request, as the document's links say
//! (`catalog::LINKS`, from `responses.200.links` in `spec/`). The console's link buttons and the
//! journey tests both read [`follow`], so they fill the same fields with the same values.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::catalog::{self, Endpoint, Link, OperationId};
use crate::sandbox::ledger::kst;

/// One link of a response, with its values taken.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Next {
    pub link: &'static Link,
    /// The operation to fill.
    pub operation: &'static Endpoint,
    /// Field → value, in the link's order.
    pub fill: Map<String, Value>,
    /// Fields whose expression found nothing in this exchange (left as they are).
    pub missing: Vec<&'static str>,
}

/// The links of an operation's 200 response.
pub fn links_from(operation: OperationId) -> impl Iterator<Item = &'static Link> {
    catalog::links().iter().filter(move |l| l.from == operation)
}

/// The value a runtime expression names: `$request.body#/pointer` or `$response.body#/pointer`.
fn evaluate(expression: &str, request: &Value, response: &Value) -> Option<Value> {
    let (source, pointer) = if let Some(p) = expression.strip_prefix("$request.body#") {
        (request, p)
    } else if let Some(p) = expression.strip_prefix("$response.body#") {
        (response, p)
    } else {
        return None;
    };
    source.pointer(pointer).filter(|v| !v.is_null()).cloned()
}

/// The links to offer after an exchange of `operation`: only after a `000_000` answer. Bodies
/// that are not JSON give no values (the links are still listed, their fields `missing`).
/// `now_ms` gives today's date (KST) for a link's `today` fields.
pub fn follow(operation: OperationId, request_body: &str, response_body: &str, now_ms: i64) -> Vec<Next> {
    let response: Value = crate::json::read(response_body).unwrap_or(Value::Null);
    if response.pointer("/response/code").and_then(Value::as_str) != Some(catalog::Code::Success.as_str()) {
        return Vec::new();
    }
    let request: Value = crate::json::read(request_body).unwrap_or(Value::Null);
    let today = &kst(now_ms, false)[..8];
    links_from(operation)
        .map(|link| {
            let mut fill = Map::new();
            let mut missing = Vec::new();
            for (field, expression) in link.fill {
                match evaluate(expression, &request, &response) {
                    Some(value) => {
                        fill.insert((*field).to_string(), value);
                    }
                    None => missing.push(*field),
                }
            }
            for field in link.today {
                fill.insert((*field).to_string(), today.into());
            }
            Next { link, operation: link.to.endpoint(), fill, missing }
        })
        .collect()
}

/// `body` (a JSON object, else a fresh one) with the filled fields set, other fields kept in
/// their order; the result is compact JSON.
pub fn apply(fill: &Map<String, Value>, body: &str) -> String {
    let mut object = match crate::json::read(body) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    for (field, value) in fill {
        object.insert(field.clone(), value.clone());
    }
    crate::json::text(&Value::Object(object))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_796_000_000_000; // 2026-11-29 in KST

    #[test]
    fn a_token_fills_the_charge_payment_and_cancel() {
        let response = r#"{"oneTimeToken":"1234567890123456","dcvv":"987","response":{"code":"000_000","description":"Success."}}"#;
        let next = follow(OperationId::OneTimeToken, r#"{"cardNo":"9491339401250898"}"#, response, NOW);
        let targets: Vec<&str> = next.iter().map(|n| n.operation.id).collect();
        assert_eq!(targets, ["charge", "payment", "cancel", "refund-fee"]);
        assert_eq!(next[0].fill["oneTimeToken"], "1234567890123456");
        assert_eq!(next[0].fill["dcvv"], "987");
        assert!(next.iter().all(|n| n.missing.is_empty()));
    }

    #[test]
    fn a_charge_fills_the_inquiry_from_the_request_and_the_cancel_from_both() {
        let request = r#"{"sequenceId":"S-1","userId":70000000003,"amount":1}"#;
        let response = r#"{"nrNumber":"NR1","isPending":false,"response":{"code":"000_000","description":""}}"#;
        let next = follow(OperationId::Charge, request, response, NOW);
        assert_eq!(next[0].operation.id, "result-inquiry");
        assert_eq!(next[0].fill["sequenceId"], "S-1");
        assert_eq!(next[1].operation.id, "cancel");
        assert_eq!(next[1].fill["nrNumber"], "NR1");
        assert_eq!(next[1].fill["userId"].to_string(), "70000000003");
    }

    #[test]
    fn a_user_id_beyond_2_53_stays_exact() {
        let request = r#"{"sequenceId":"S","userId":9999999999999999999}"#;
        let response = r#"{"nrNumber":"N","response":{"code":"000_000"}}"#;
        let cancel = &follow(OperationId::Charge, request, response, NOW)[1];
        assert_eq!(apply(&cancel.fill, "{}"), r#"{"userId":9999999999999999999,"nrNumber":"N"}"#);
    }

    #[test]
    fn an_error_answer_offers_no_link_and_a_missing_value_is_reported() {
        let failed = r#"{"response":{"code":"007_001","description":""}}"#;
        assert!(follow(OperationId::Charge, "{}", failed, NOW).is_empty());
        let ok_without_nr = r#"{"response":{"code":"000_000"}}"#;
        let next = follow(OperationId::Charge, "not json", ok_without_nr, NOW);
        assert_eq!(next[1].missing, ["userId", "nrNumber"]);
    }

    #[test]
    fn today_fields_get_the_kst_date_and_apply_keeps_other_fields() {
        let next =
            follow(OperationId::Cancel, r#"{"sequenceId":"C","userId":1}"#, r#"{"response":{"code":"000_000"}}"#, NOW);
        let history = next.iter().find(|n| n.operation.id == "transaction-history").unwrap();
        let today = &kst(NOW, false)[..8];
        assert_eq!(history.fill["startDate"], today);
        let body = apply(&history.fill, r#"{"par":"P","startDate":"20200101"}"#);
        assert_eq!(body, format!(r#"{{"par":"P","startDate":"{today}","userId":1,"endDate":"{today}"}}"#));
    }

    #[test]
    fn every_link_fills_fields_its_target_has() {
        for link in catalog::LINKS {
            let target = link.to.endpoint();
            for (field, expression) in link.fill {
                assert!(target.field(field).is_some(), "{} → {}: no field {field}", link.name, target.id);
                assert!(expression.starts_with("$request.body#/") || expression.starts_with("$response.body#/"));
            }
            for field in link.today {
                assert!(target.field(field).is_some(), "{} → {}: no field {field}", link.name, target.id);
            }
        }
    }
}
