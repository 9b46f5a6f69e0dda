//! The whole journey against `konaplate serve --db` over HTTP: fixtures read from
//! `GET /sandbox/fixtures`, every request after the first filled by the document's links
//! (`chain::follow`), encrypted operations sent as `{"encData"}`, the clock moved with
//! `POST /sandbox/clock`, and a `kill -9` in the middle: the restarted server continues the
//! same journey from the same file, up to the refund and the history that lists it.

use konaplate_core::catalog::{OperationId, TEST_DATA};
use konaplate_core::chain::{self, Next};
use konaplate_core::jwe::{self, test_keys, Enc, PublicKey, Randomness};
use serde_json::{json, Value};

mod common;
use common::charge::{now_ms, signed_headers_for_key};
use common::server::Server;

const SECRET: &str = "journey-test-secret";

struct Client {
    agent: ureq::Agent,
    sequence: u32,
    /// How far the server's clock runs ahead (its last `POST /sandbox/clock` answer): a link's
    /// "today" is the sandbox's, as in the console, or a history asked for just before midnight
    /// KST would name the day before the sandbox's payments.
    clock_offset_ms: i64,
}

impl Client {
    fn new() -> Client {
        let agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        Client { agent, sequence: 0, clock_offset_ms: 0 }
    }

    fn get(&self, server: &Server, path: &str) -> Value {
        let mut response = self.agent.get(format!("{}{path}", server.base)).call().unwrap();
        serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap()
    }

    fn advance(&mut self, server: &Server, body: &str) -> (u16, Value) {
        let mut response = self.agent.post(format!("{}/sandbox/clock", server.base)).send(body).unwrap();
        let status = response.status().as_u16();
        let answer: Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
        if let Some(offset) = answer["offsetMs"].as_i64().filter(|_| status == 200) {
            self.clock_offset_ms = offset;
        }
        (status, answer)
    }

    /// Sends `plaintext` to `operation`, sealed for the server when the operation is Encrypted.
    fn send(&self, server: &Server, operation: OperationId, plaintext: &str) -> (u16, Value) {
        let endpoint = operation.endpoint();
        let (body, key_id) = if endpoint.encrypted {
            let key = PublicKey::from_pem(test_keys::SERVER_PUBLIC_SPKI).unwrap();
            let mut bytes = [0u8; Randomness::LEN];
            getrandom::fill(&mut bytes).unwrap();
            let sealed = jwe::encrypt(&key, Enc::A128Gcm, plaintext.as_bytes(), &Randomness::from_bytes(&bytes));
            (jwe::wrap(&sealed.unwrap()), Some(test_keys::SERVER_KEY_ID))
        } else {
            (plaintext.to_string(), None)
        };
        let url = format!("{}/open-api{}", server.base, endpoint.path);
        let mut request = self.agent.post(url).header("Content-Type", "application/json");
        for (name, value) in signed_headers_for_key(SECRET, &body, key_id) {
            request = request.header(name, value);
        }
        let mut response = request.send(&body).unwrap();
        let status = response.status().as_u16();
        (status, serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap())
    }

    /// Sends and returns the answer and the links it offers.
    fn step(&self, server: &Server, operation: OperationId, body: &str) -> (Value, Vec<Next>) {
        let (_, answer) = self.send(server, operation, body);
        let next = chain::follow(operation, body, &answer.to_string(), now_ms() + self.clock_offset_ms);
        (answer, next)
    }

    fn fresh_sequence(&mut self) -> String {
        self.sequence += 1;
        format!("JOURNEY-{}-{}", now_ms(), self.sequence)
    }
}

fn code(v: &Value) -> &str {
    v["response"]["code"].as_str().unwrap_or("<none>")
}

fn linked(next: &[Next], to: OperationId, base: Value) -> String {
    let link = next.iter().find(|n| n.link.to == to).unwrap_or_else(|| panic!("no link to {to:?}"));
    assert!(link.missing.is_empty(), "{:?}", link.missing);
    chain::apply(&link.fill, &base.to_string())
}

fn start(db: &std::path::Path) -> Server {
    Server::start(&["--db", db.to_str().unwrap()], &[("KONAPLATE_SECRET_KEY", SECRET)])
}

#[test]
fn the_whole_journey_over_http_survives_kill_9_between_charge_and_refund() {
    let dir = std::env::temp_dir().join(format!("konaplate-journey-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("journey.redb");
    let _ = std::fs::remove_file(&db);
    let mut c = Client::new();
    let mut server = start(&db);
    assert!(server.output_with("fixtures").contains("70000000003  박탐나"), "{}", server.output());

    // Everything typed below comes from the fixtures the server serves.
    let fixtures = c.get(&server, "/sandbox/fixtures");
    let walker = fixtures["walkMember"].as_str().unwrap();
    let me = fixtures["journeyMembers"].as_array().unwrap().iter().find(|m| m["userId"] == walker).unwrap().clone();
    let user: Value = serde_json::from_str(walker).unwrap();
    let merchant = fixtures["merchants"][1][0].clone();
    let card = json!({ "cardNo": me["cardNo"] }).to_string();

    let verify = json!({"userId": user, "bankCode": me["bankCode"], "bankAccount": me["bankAccount"], "userName": me["name"], "birthDate": me["birthDate"]});
    let (answer, next) = c.step(&server, OperationId::AccountHolder, &verify.to_string());
    assert_eq!(code(&answer), "000_000", "{answer}");
    let (answer, _) = c.step(&server, OperationId::ArsAuth, &linked(&next, OperationId::ArsAuth, json!({})));
    assert_eq!(code(&answer), "000_000", "{answer}");
    let register = linked(&next, OperationId::ArsRegister, json!({ "bankName": me["bankName"] }));
    let (answer, next) = c.step(&server, OperationId::ArsRegister, &register);
    assert_eq!(code(&answer), "000_000", "{answer}");
    let inquiry = linked(&next, OperationId::ArsRegisterInquiry, json!({}));
    let (answer, _) = c.step(&server, OperationId::ArsRegisterInquiry, &inquiry);
    assert_eq!(answer["status"], "ARS_AUTH_IN_PROGRESS");
    assert_eq!(c.advance(&server, r#"{"minutes":-5}"#).0, 400);
    let (status, clock) = c.advance(&server, r#"{"minutes":5}"#);
    assert_eq!((status, &clock["offsetMs"]), (200, &json!(300_000)), "{clock}");
    let (answer, _) = c.step(&server, OperationId::ArsRegisterInquiry, &inquiry);
    assert_eq!(answer["status"], "BANK_ACC_REGISTERED", "{answer}");

    let (_, next) = c.step(&server, OperationId::OneTimeToken, &card);
    let base = json!({"sequenceId": c.fresh_sequence(), "userId": user, "amount": 30_000, "merchantId": merchant});
    let (charged, charge_next) = c.step(&server, OperationId::Charge, &linked(&next, OperationId::Charge, base));
    assert_eq!(code(&charged), "000_000", "{charged}");

    // kill -9 with the journey half done; the same file must carry it on.
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let server = start(&db);
    let state = c.get(&server, "/sandbox/state");
    assert_eq!(state["members"][walker]["balance"], 30_000);
    assert_eq!(state["journey"]["clockOffsetMs"], 300_000);
    assert!(state["journey"]["accounts"].get(walker).is_some(), "the registered account survived");
    let (answer, _) = c.step(&server, OperationId::ArsRegisterInquiry, &inquiry);
    assert_eq!(answer["status"], "BANK_ACC_REGISTERED");
    let (result, _) =
        c.step(&server, OperationId::ResultInquiry, &linked(&charge_next, OperationId::ResultInquiry, json!({})));
    assert_eq!(result["result"], "COMPLETED");

    let (_, next) = c.step(&server, OperationId::OneTimeToken, &card);
    let pay =
        json!({"amount": 12_000, "merchantId": merchant, "channel": "OPENAPI", "transactionId": c.fresh_sequence()});
    let (paid, _) = c.step(&server, OperationId::Payment, &linked(&next, OperationId::Payment, pay));
    assert_eq!((code(&paid), &paid["balance"]), ("000_000", &json!(18_000)), "{paid}");

    // The refund: a second charge, cancelled with a fresh token.
    let (_, next) = c.step(&server, OperationId::OneTimeToken, &card);
    let base = json!({"sequenceId": c.fresh_sequence(), "userId": user, "amount": 5_000, "merchantId": merchant});
    let (charged, charge_next) = c.step(&server, OperationId::Charge, &linked(&next, OperationId::Charge, base));
    assert_eq!(code(&charged), "000_000", "{charged}");
    let (_, token_next) = c.step(&server, OperationId::OneTimeToken, &card);
    let cancel = linked(&charge_next, OperationId::Cancel, json!({ "sequenceId": c.fresh_sequence() }));
    let cancel = linked(&token_next, OperationId::Cancel, serde_json::from_str(&cancel).unwrap());
    let (cancelled, next) = c.step(&server, OperationId::Cancel, &cancel);
    assert_eq!(code(&cancelled), "000_000", "{cancelled}");

    let history = linked(&next, OperationId::TransactionHistory, json!({ "par": me["par"] }));
    let (answer, _) = c.step(&server, OperationId::TransactionHistory, &history);
    let kinds: Vec<(&str, u64)> = answer["transactionInfo"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|t| (t["trType"].as_str().unwrap(), t["balanceAfter"].as_u64().unwrap()))
        .collect();
    assert_eq!(kinds, [("02", 18_000), ("01", 23_000), ("00", 18_000), ("01", 30_000)]);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_journey_test_data_request_over_http_in_document_order() {
    let c = Client::new();
    let server = Server::start(&[], &[("KONAPLATE_SECRET_KEY", SECRET)]);
    for case in TEST_DATA {
        let (status, answer) = c.send(&server, case.operation, case.body);
        assert_eq!(
            (status, code(&answer)),
            (case.http, case.code.as_str()),
            "{:?} {}: {answer}",
            case.operation,
            case.id
        );
    }
}
