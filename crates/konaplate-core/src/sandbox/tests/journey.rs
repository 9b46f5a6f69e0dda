//! The journey through `handle`: every Test Data request on a fresh sandbox, and the whole walk
//! from account-holder verification to a refund and the history that lists it, each request
//! filled from the previous answers by the document's links (`chain::follow`) and the fixtures.

use serde_json::{json, Value};

use super::{code, Client};
use crate::catalog::{self, OperationId, TEST_DATA};
use crate::chain;
use crate::sandbox::fixtures::{self, journey_member, WALK_MEMBER};

impl Client {
    fn op(&mut self, operation: OperationId, body: &str) -> (u16, Value) {
        self.send(operation.endpoint().path, body)
    }

    /// Sends `body` to `operation` and returns the answer and the links it offers.
    fn step(&mut self, operation: OperationId, body: &str) -> (Value, Vec<chain::Next>) {
        let (_, answer) = self.op(operation, body);
        let next = chain::follow(operation, body, &answer.to_string(), self.now);
        (answer, next)
    }
}

/// The body a link gives for its target, on top of `base`.
fn linked(next: &[chain::Next], to: OperationId, base: Value) -> String {
    let link = next.iter().find(|n| n.link.to == to).unwrap_or_else(|| panic!("no link to {to:?}"));
    assert!(link.missing.is_empty(), "{:?}", link.missing);
    chain::apply(&link.fill, &base.to_string())
}

#[test]
fn every_test_data_request_gets_its_code_on_a_fresh_sandbox() {
    for case in TEST_DATA {
        let mut client = Client::new();
        let (status, body) = client.op(case.operation, case.body);
        assert_eq!((status, code(&body)), (case.http, case.code.as_str()), "{:?} {}: {body}", case.operation, case.id);
    }
}

#[test]
fn every_code_an_operation_lists_has_test_data() {
    let mut with_test_data: Vec<OperationId> = TEST_DATA.iter().map(|c| c.operation).collect();
    with_test_data.dedup();
    // Every operation but the charge, whose 13 portal scenarios are its Test Data.
    assert_eq!(with_test_data.len(), catalog::ENDPOINTS.len() - 1);
    for operation in with_test_data {
        for code in operation.endpoint().codes {
            assert!(
                catalog::links::test_data(operation).any(|c| c.code == *code),
                "{:?}: no Test Data for {code}",
                operation
            );
        }
    }
}

#[test]
fn the_whole_journey_walks_by_links_and_fixtures() {
    let mut c = Client::new();
    let me = journey_member(WALK_MEMBER).unwrap();
    let user: u64 = me.user_id.parse().unwrap();
    let merchant = fixtures::PORTAL_MERCHANTS[1].0;

    // A charge before any registration: no account.
    let (token, _) = c.step(OperationId::OneTimeToken, &json!({ "cardNo": me.card_no }).to_string());
    let seq = c.fresh_sequence();
    let (charge, _) = c.step(
        OperationId::Charge,
        &json!({"sequenceId": seq, "userId": user, "amount": 1, "oneTimeToken": token["oneTimeToken"], "dcvv": token["dcvv"], "merchantId": merchant}).to_string(),
    );
    assert_eq!(code(&charge), "007_001");

    // 1. Holder verification, 2. ARS code, 3. registration, 4. status until registered.
    let verify = json!({"userId": user, "bankCode": me.bank_code, "bankAccount": me.bank_account, "userName": me.name, "birthDate": me.birth_date});
    let (answer, next) = c.step(OperationId::AccountHolder, &verify.to_string());
    assert_eq!(code(&answer), "000_000");
    let (answer, _) = c.step(OperationId::ArsAuth, &linked(&next, OperationId::ArsAuth, json!({})));
    assert_eq!(answer["authNumber"].as_str().map(str::len), Some(2));
    let register = linked(&next, OperationId::ArsRegister, json!({ "bankName": me.bank_name }));
    let (answer, next) = c.step(OperationId::ArsRegister, &register);
    assert_eq!(code(&answer), "000_000", "{answer}");
    let (again, _) = c.step(OperationId::ArsRegister, &register);
    assert_eq!(code(&again), "002_013");
    let inquiry = linked(&next, OperationId::ArsRegisterInquiry, json!({}));
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let (answer, _) = c.step(OperationId::ArsRegisterInquiry, &inquiry);
        statuses.push(answer["status"].as_str().unwrap().to_string());
        c.sandbox.advance_clock(60_000).unwrap();
    }
    assert_eq!(statuses, ["ARS_AUTH_IN_PROGRESS", "ARS_AUTH_DONE", "BANK_ACC_REGISTERED"]);

    // 5. Token → charge (twice), 6. the result inquiry by link.
    let mut charges = Vec::new();
    for amount in [20_000, 10_000] {
        let (_, next) = c.step(OperationId::OneTimeToken, &json!({ "cardNo": me.card_no }).to_string());
        let base = json!({"sequenceId": c.fresh_sequence(), "userId": user, "amount": amount, "merchantId": merchant});
        let body = linked(&next, OperationId::Charge, base);
        let (answer, next) = c.step(OperationId::Charge, &body);
        assert_eq!((code(&answer), &answer["isPending"]), ("000_000", &json!(false)), "{answer}");
        let (result, _) = c.step(OperationId::ResultInquiry, &linked(&next, OperationId::ResultInquiry, json!({})));
        assert_eq!(result["result"], "COMPLETED");
        charges.push(next);
    }

    // 7. Token → payment of 5000 won.
    let (_, next) = c.step(OperationId::OneTimeToken, &json!({ "cardNo": me.card_no }).to_string());
    let pay = json!({"amount": 5_000, "merchantId": merchant, "channel": "OPENAPI", "transactionId": "WALK-PAY-1"});
    let (paid, _) = c.step(OperationId::Payment, &linked(&next, OperationId::Payment, pay));
    assert_eq!((code(&paid), &paid["balance"]), ("000_000", &json!(25_000)), "{paid}");
    assert_eq!(paid["cardNo"], me.card_no);

    // 8. Refund: cancel the 10000-won charge with a fresh token (charge link + token link).
    let (_, token_next) = c.step(OperationId::OneTimeToken, &json!({ "cardNo": me.card_no }).to_string());
    let cancel = linked(&charges[1], OperationId::Cancel, json!({ "sequenceId": c.fresh_sequence() }));
    let cancel = linked(&token_next, OperationId::Cancel, serde_json::from_str(&cancel).unwrap());
    let (cancelled, next) = c.step(OperationId::Cancel, &cancel);
    assert_eq!(code(&cancelled), "000_000", "{cancelled}");
    let (twice, _) = c.step(OperationId::Cancel, &cancel);
    assert_eq!(code(&twice), "007_008", "the same sequenceId");

    // 9. The history, by the cancel's link plus the card's PAR from the fixtures.
    let history = linked(&next, OperationId::TransactionHistory, json!({ "par": me.par }));
    let (answer, _) = c.step(OperationId::TransactionHistory, &history);
    assert_eq!(code(&answer), "000_000", "{answer}");
    let kinds: Vec<(&str, &str, u64, u64)> = answer["transactionInfo"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["trType"].as_str().unwrap(),
                t["authCancelType"].as_str().unwrap(),
                t["trAmount"].as_u64().unwrap(),
                t["balanceAfter"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("02", "CANCEL", 10_000, 15_000),
            ("00", "AUTH", 5_000, 25_000),
            ("01", "AUTH", 10_000, 30_000),
            ("01", "AUTH", 20_000, 20_000)
        ]
    );
    assert_eq!(answer["transactionInfo"][2]["rechargeCancelable"], false, "the refunded charge");
    assert_eq!(answer["transactionInfo"][3]["rechargeCancelable"], true);
    assert_eq!(answer["transactionInfo"][1]["merchantName"], fixtures::PORTAL_MERCHANTS[1].1);
    assert_eq!(c.sandbox.state().members[me.user_id].balance, 15_000);
    assert_eq!(crate::sandbox::invariants::check(c.sandbox.state()), Ok(()));
}

#[test]
fn the_clock_moves_forward_only_and_expires_tokens_without_breaking_signatures() {
    let mut c = Client::new();
    let me = journey_member("70000000001").unwrap();
    let (_, next) = c.step(OperationId::OneTimeToken, &json!({ "cardNo": me.card_no }).to_string());
    assert_eq!(c.sandbox.advance_clock(5 * 60_000), Ok(300_000));
    assert!(c.sandbox.advance_clock(-1).is_err());
    assert!(c.sandbox.advance_clock(crate::sandbox::MAX_CLOCK_STEP_MS + 1).is_err());
    assert_eq!(c.sandbox.clock_offset_ms(), 300_000);
    let pay =
        json!({"amount": 1, "merchantId": fixtures::PORTAL_MERCHANTS[0].0, "channel": "OPENAPI", "transactionId": "T"});
    let (answer, _) = c.step(OperationId::Payment, &linked(&next, OperationId::Payment, pay));
    assert_eq!(code(&answer), "007_902", "signed with the real time, the token expired on the sandbox clock: {answer}");
    assert!(answer["konaplate"]["explanation"]["en"].as_str().unwrap().contains("expired"));
}

#[test]
fn a_pending_charge_settles_when_the_clock_moves_and_lands_in_the_history_once() {
    let mut c = Client::new();
    let user = catalog::sandbox::PENDING_COMPLETES_MEMBER_ID;
    let (_, body) = c.charge(user, "7000", catalog::sandbox::PRESET_ONE_TIME_TOKEN, catalog::sandbox::PRESET_DCVV);
    assert_eq!(body["isPending"], true);
    c.sandbox.advance_clock(catalog::sandbox::PENDING_RECHECK_MS).unwrap();
    let (_, again) = c.charge(user, "1", catalog::sandbox::PRESET_ONE_TIME_TOKEN, catalog::sandbox::PRESET_DCVV);
    assert_eq!((code(&again), &again["isPending"]), ("000_000", &json!(true)), "settled, so not 007_005: {again}");
    let entries: Vec<u64> =
        c.sandbox.state().journey.history.iter().filter(|e| e.user_id == user).map(|e| e.amount).collect();
    assert_eq!(entries, [7000], "the second charge is pending in its turn");
    assert_eq!(c.sandbox.state().members[user].balance, 7000);
}
