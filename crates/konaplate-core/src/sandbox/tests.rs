//! Sandbox behaviour, driven through `handle` with signed requests as a client would send them.

use serde_json::Value;

use super::*;
use crate::catalog::{sandbox, SCENARIOS};
use crate::headers::{generate, Credentials, HeaderInputs};
use crate::time::TimeZone;

const SECRET: &str = "sandbox-test-secret";
const NOW: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

/// A request to `path` with all X-KM headers signed over `body` with `secret` at `signed_at`.
fn signed_request(path: &str, body: &str, secret: &str, signed_at: i64, crypto_key_id: Option<&str>) -> SandboxRequest {
    let credentials = Credentials {
        asp_id: sandbox::ASP_ID.into(),
        access_key: sandbox::ACCESS_KEY.into(),
        secret_key: secret.into(),
    };
    let inputs = HeaderInputs {
        credentials: &credentials,
        epoch_ms: signed_at,
        zone: TimeZone::Kst,
        random: [9, 8, 7, 6],
        crypto_key_id,
    };
    let headers = generate(&inputs, body).unwrap().headers.into_iter().map(|(n, v)| (n.to_string(), v)).collect();
    SandboxRequest { method: "POST".into(), path: path.into(), headers, body: body.into() }
}

struct Client {
    sandbox: Sandbox,
    now: i64,
    sequence: u32,
}

impl Client {
    fn new() -> Client {
        Client { sandbox: Sandbox::new(SandboxConfig { secret_key: SECRET.into(), seed: 7 }), now: NOW, sequence: 0 }
    }

    fn request(&self, path: &str, body: &str, secret: &str, signed_at: i64) -> SandboxRequest {
        signed_request(path, body, secret, signed_at, None)
    }

    fn send(&mut self, path: &str, body: &str) -> (u16, Value) {
        let request = self.request(path, body, SECRET, self.now);
        self.send_request(&request)
    }

    fn send_request(&mut self, request: &SandboxRequest) -> (u16, Value) {
        let response = self.sandbox.handle(request, self.now);
        (response.status, serde_json::from_str(&response.body).unwrap())
    }

    fn fresh_sequence(&mut self) -> String {
        self.sequence += 1;
        format!("SEQ-TEST-{}", self.sequence)
    }

    fn charge(&mut self, user_id: &str, amount: &str, token: &str, dcvv: &str) -> (u16, Value) {
        let seq = self.fresh_sequence();
        let body = format!(
            r#"{{"sequenceId":"{seq}","userId":{user_id},"amount":{amount},"oneTimeToken":"{token}","dcvv":"{dcvv}","merchantId":"{}"}}"#,
            sandbox::MERCHANT_ID
        );
        self.send(catalog::CHARGE_ENDPOINT.path, &body)
    }
}

fn code(body: &Value) -> &str {
    body["response"]["code"].as_str().unwrap()
}

#[test]
fn every_test_data_scenario_gives_its_documented_status_and_code() {
    let mut client = Client::new();
    for s in SCENARIOS {
        let body = if s.fresh_sequence_id {
            s.body.replace("SEQ-PRESET", &client.fresh_sequence())
        } else {
            s.body.to_string()
        };
        let (status, reply) = client.send(&format!("/open-api{}", catalog::CHARGE_ENDPOINT.path), &body);
        assert_eq!((status, code(&reply)), (s.http, s.code.as_str()), "{}: {reply}", s.id);
        let ours = s.code.info().provenance == catalog::Provenance::Ours;
        assert_eq!(reply["konaplate"]["codeProvenance"] == "ours", ours, "{}", s.id);
    }
}

#[test]
#[cfg(feature = "responses")]
fn every_sandbox_answer_reads_back_as_a_clean_envelope() {
    use crate::response::read_response;
    use crate::violation::Severity;
    let mut client = Client::new();
    let mut answers = Vec::new();
    for s in SCENARIOS {
        let body = s.body.replace("SEQ-PRESET", &client.fresh_sequence());
        answers.push(client.send(catalog::CHARGE_ENDPOINT.path, &body));
    }
    answers.push(client.send("/api/v9/nothing", "{}"));
    let stale = client.request(catalog::CHARGE_ENDPOINT.path, "{}", SECRET, NOW - 3_600_000);
    answers.push(client.send_request(&stale));
    for (status, body) in answers {
        let reading = read_response(Some(status), &body.to_string());
        let errors: Vec<_> = reading.problems.iter().filter(|p| p.severity != Severity::Note).collect();
        assert!(errors.is_empty(), "{body}: {errors:?}");
        assert_eq!(reading.code.as_deref(), Some(code(&body)));
        assert!(!reading.data.contains_key("response") && !reading.data.contains_key("konaplate"));
    }
}

#[test]
fn invalid_input_names_the_field_like_the_portal() {
    let mut client = Client::new();
    let body = SCENARIOS[1].body.replace("SEQ-PRESET", "S-1");
    let (_, reply) = client.send(catalog::CHARGE_ENDPOINT.path, &body);
    assert_eq!(reply["response"]["description"], "Invalid input parameter. userId");
}

#[test]
fn success_carries_nr_number_and_moves_the_balance_once() {
    let mut client = Client::new();
    let before = client.sandbox.state().members[sandbox::MEMBER_ID].balance;
    let (status, reply) =
        client.charge(sandbox::MEMBER_ID, "5000", sandbox::PRESET_ONE_TIME_TOKEN, sandbox::PRESET_DCVV);
    assert_eq!(status, 200);
    assert_eq!(reply["isPending"], false);
    assert!(reply["nrNumber"].as_str().unwrap().len() <= 50);
    assert_eq!(client.sandbox.state().members[sandbox::MEMBER_ID].balance, before + 5000);
}

#[test]
fn a_19_digit_member_is_created_on_first_use_and_kept_exact() {
    let mut client = Client::new();
    let (status, _) =
        client.charge("9999999999999999999", "1000", sandbox::PRESET_ONE_TIME_TOKEN, sandbox::PRESET_DCVV);
    assert_eq!(status, 200);
    assert_eq!(client.sandbox.state().members["9999999999999999999"].balance, 1000);
}

#[test]
fn pending_charge_settles_at_the_five_minute_recheck() {
    for (member, final_result, balance) in
        [(sandbox::PENDING_COMPLETES_MEMBER_ID, "COMPLETED", 7000), (sandbox::PENDING_FAILS_MEMBER_ID, "FAILED", 0)]
    {
        let mut client = Client::new();
        let (status, reply) = client.charge(member, "7000", sandbox::PRESET_ONE_TIME_TOKEN, sandbox::PRESET_DCVV);
        assert_eq!((status, reply["isPending"].as_bool()), (200, Some(true)));
        let seq = format!("SEQ-TEST-{}", client.sequence);
        let inquiry = format!(r#"{{"sequenceId":"{seq}"}}"#);
        // Another charge while pending: 007_005.
        let (_, again) = client.charge(member, "1", sandbox::PRESET_ONE_TIME_TOKEN, sandbox::PRESET_DCVV);
        assert_eq!(code(&again), "007_005");
        client.now += sandbox::PENDING_RECHECK_MS - 1;
        assert_eq!(client.send(catalog::RESULT_INQUIRY_ENDPOINT.path, &inquiry).1["result"], "PENDING");
        assert_eq!(client.sandbox.state().members[member].balance, 0);
        client.now += 1;
        assert_eq!(client.send(catalog::RESULT_INQUIRY_ENDPOINT.path, &inquiry).1["result"], final_result);
        client.now += sandbox::PENDING_RECHECK_MS;
        client.send(catalog::RESULT_INQUIRY_ENDPOINT.path, &inquiry);
        assert_eq!(client.sandbox.state().members[member].balance, balance, "moves once");
    }
}

#[test]
fn issued_tokens_expire_and_are_single_use() {
    for (kind, ttl) in [("", 30_000), (r#","type":"ATM""#, 300_000)] {
        let mut client = Client::new();
        let body = format!(r#"{{"cardNo":"{}"{kind}}}"#, sandbox::MEMBER_CARD_NO);
        let (status, issued) = client.send(catalog::ONE_TIME_TOKEN_ENDPOINT.path, &body);
        assert_eq!(status, 200, "{issued}");
        let (token, dcvv) =
            (issued["oneTimeToken"].as_str().unwrap().to_string(), issued["dcvv"].as_str().unwrap().to_string());
        assert_eq!((token.len(), dcvv.len()), (16, 3));
        assert_eq!(issued["expiryTime"].as_i64(), Some(NOW + ttl));
        client.now += ttl + 1;
        assert_eq!(code(&client.charge(sandbox::MEMBER_ID, "100", &token, &dcvv).1), "007_902");
        client.now -= ttl + 1;
        assert_eq!(code(&client.charge(sandbox::MEMBER_ID, "100", &token, "999").1), "007_902", "wrong dcvv");
        assert_eq!(code(&client.charge(sandbox::MEMBER_ID, "100", &token, &dcvv).1), "000_000");
        assert_eq!(code(&client.charge(sandbox::MEMBER_ID, "100", &token, &dcvv).1), "007_902", "used");
    }
    let mut client = Client::new();
    assert_eq!(
        code(&client.send(catalog::ONE_TIME_TOKEN_ENDPOINT.path, r#"{"cardNo":"0000000000000000"}"#).1),
        "006_008"
    );
}

#[test]
fn cancel_refunds_once_and_refuses_what_it_must() {
    let mut client = Client::new();
    let (_, charged) = client.charge(sandbox::MEMBER_ID, "3000", sandbox::PRESET_ONE_TIME_TOKEN, sandbox::PRESET_DCVV);
    let nr = charged["nrNumber"].as_str().unwrap().to_string();
    let before = client.sandbox.state().members[sandbox::MEMBER_ID].balance;
    let cancel = |seq: &str, user: &str, nr: &str| {
        format!(
            r#"{{"sequenceId":"{seq}","userId":{user},"nrNumber":"{nr}","oneTimeToken":"{}"}}"#,
            sandbox::PRESET_ONE_TIME_TOKEN
        )
    };
    let path = catalog::CANCEL_ENDPOINT.path;
    assert_eq!(code(&client.send(path, &cancel("C-0", "9000000000000000004", &nr)).1), "007_043");
    assert_eq!(code(&client.send(path, &cancel("C-1", sandbox::MEMBER_ID, &nr)).1), "000_000");
    assert_eq!(client.sandbox.state().members[sandbox::MEMBER_ID].balance, before - 3000);
    assert_eq!(code(&client.send(path, &cancel("C-2", sandbox::MEMBER_ID, &nr)).1), "007_030", "twice");
    assert_eq!(code(&client.send(path, &cancel("C-1", sandbox::MEMBER_ID, &nr)).1), "007_008", "sequenceId reused");
    assert_eq!(client.sandbox.state().members[sandbox::MEMBER_ID].balance, before - 3000, "refunded once");
    assert_eq!(client.send(catalog::RESULT_INQUIRY_ENDPOINT.path, r#"{"sequenceId":"C-1"}"#).1["result"], "COMPLETED");
    // A failed charge cannot be cancelled.
    let (_, failed) = client.charge("9000000000000000004", "100", sandbox::PRESET_ONE_TIME_TOKEN, sandbox::PRESET_DCVV);
    assert_eq!(code(&failed), "007_004");
    let state = client.sandbox.state();
    let failed_nr = state.charges.values().find(|c| c.user_id == "9000000000000000004").unwrap().nr_number.clone();
    assert_eq!(state.charge_by_nr_number(&failed_nr).map(|c| c.amount), Some(100));
    assert_eq!(code(&client.send(path, &cancel("C-3", "9000000000000000004", &failed_nr)).1), "007_030");
    assert_eq!(code(&client.send(path, &cancel("C-4", sandbox::MEMBER_ID, "NR-NOPE")).1), "007_030");
}

#[test]
fn without_explain_signatures_a_mismatch_never_quotes_the_expected_hmac() {
    let body = SCENARIOS[0].body.replace("SEQ-PRESET", "ORACLE-1");
    let expected = crate::sign::mac_base64(SECRET.as_bytes(), body.as_bytes());
    for (explain, quoted) in [(false, false), (true, true)] {
        let mut client = Client::new();
        client.sandbox = Sandbox::new(SandboxConfig { secret_key: SECRET.into(), seed: 7 }).explain_signatures(explain);
        let wrong = client.request(catalog::CHARGE_ENDPOINT.path, &body, "an-attacker-guess", NOW);
        let (status, reply) = client.send_request(&wrong);
        assert_eq!((status, code(&reply)), (401, "000_903"));
        let whole = reply.to_string();
        assert_eq!(whole.contains(&expected), quoted, "explain_signatures {explain}: {whole}");
        let got = wrong.headers.iter().find(|(n, _)| n == catalog::TRAN_TOKEN).unwrap().1.rsplit(':').next().unwrap();
        assert!(whole.contains(got), "the caller's own HMAC is quoted back: {whole}");
    }
}

#[test]
fn signature_failures_say_precisely_why() {
    let mut client = Client::new();
    let body = SCENARIOS[0].body.replace("SEQ-PRESET", "SIG-1");
    let good = client.request(catalog::CHARGE_ENDPOINT.path, &body, SECRET, NOW);
    // One changed byte in the body after signing.
    let mut changed = good.clone();
    changed.body = changed.body.replace("10000", "10001");
    let (status, reply) = client.send_request(&changed);
    assert_eq!((status, code(&reply)), (401, "000_903"));
    let explanation = reply["konaplate"]["explanation"]["en"].as_str().unwrap();
    assert!(explanation.contains("expected HMAC") && explanation.contains("got"), "{explanation}");
    assert!(!explanation.contains(SECRET));
    // The wrong secret.
    let wrong = client.request(catalog::CHARGE_ENDPOINT.path, &body, "another-secret", NOW);
    assert_eq!(code(&client.send_request(&wrong).1), "000_903");
    // A stale time: the same signed request replayed after the window.
    client.now = NOW + sandbox::TIME_WINDOW_MS + 1000;
    assert_eq!(code(&client.send_request(&good).1), "000_904");
    client.now = NOW;
    assert_eq!(code(&client.send_request(&good).1), "000_000");
    // Replayed within the window: the sequenceId rule answers.
    assert_eq!(code(&client.send_request(&good).1), "007_008");
}

#[test]
fn a_replay_after_the_window_is_refused_with_a_code_that_says_replay() {
    let mut client = Client::new();
    let body = SCENARIOS[0].body.replace("SEQ-PRESET", "REPLAY-1");
    let signed = client.request(catalog::CHARGE_ENDPOINT.path, &body, SECRET, NOW);
    assert_eq!(code(&client.send_request(&signed).1), "000_000");
    let state_after_first = client.sandbox.state().clone();
    // Inside the window (to the millisecond), the same bytes again: the sequenceId was used.
    client.now = NOW + sandbox::TIME_WINDOW_MS;
    assert_eq!(code(&client.send_request(&signed).1), "007_008");
    // One millisecond past the window: refused before business logic, and the answer says why.
    for now in [NOW + sandbox::TIME_WINDOW_MS + 1000, NOW + 24 * 3_600_000] {
        client.now = now;
        let (status, reply) = client.send_request(&signed);
        assert_eq!((status, code(&reply)), (401, "000_904"));
        let explanation = &reply["konaplate"]["explanation"];
        assert!(explanation["en"].as_str().unwrap().contains("replay"), "{explanation}");
        assert!(explanation["en"].as_str().unwrap().contains("before the sandbox clock"), "{explanation}");
        assert!(explanation["ko"].as_str().unwrap().contains("재전송"), "{explanation}");
    }
    // A request from the future (a clock set ahead) is refused the same way.
    let ahead = client.request(catalog::CHARGE_ENDPOINT.path, &body.replace("REPLAY-1", "REPLAY-2"), SECRET, NOW);
    client.now = NOW - sandbox::TIME_WINDOW_MS - 1000;
    let (_, reply) = client.send_request(&ahead);
    assert_eq!(code(&reply), "000_904");
    assert!(reply["konaplate"]["explanation"]["en"].as_str().unwrap().contains("after the sandbox clock"));
    assert_eq!(client.sandbox.state(), &state_after_first, "refused replays change nothing");
}

#[test]
fn header_and_project_failures() {
    let mut client = Client::new();
    let body = SCENARIOS[0].body.replace("SEQ-PRESET", "H-1");
    let mut missing = client.request(catalog::CHARGE_ENDPOINT.path, &body, SECRET, NOW);
    missing.headers.retain(|(n, _)| n != catalog::TRAN_TIME);
    let (_, reply) = client.send_request(&missing);
    assert_eq!(
        (code(&reply), reply["response"]["description"].as_str()),
        ("000_901", Some("Missing or malformed X-KM header. X-KM-Tran-Time"))
    );
    let mut wrong_key = client.request(catalog::CHARGE_ENDPOINT.path, &body, SECRET, NOW);
    for (n, v) in &mut wrong_key.headers {
        if n == catalog::ACCESS_KEY {
            *v = "x".repeat(40);
        }
    }
    assert_eq!(code(&client.send_request(&wrong_key).1), "000_902");
    let mut bad_path = client.request("/open-api/api/v9/nothing", &body, SECRET, NOW);
    assert_eq!(client.send_request(&bad_path).0, 404);
    bad_path.path = catalog::CHARGE_ENDPOINT.path.into();
    bad_path.method = "GET".into();
    assert_eq!(code(&client.send_request(&bad_path).1), "000_908");
}

#[test]
fn correlation_id_is_echoed() {
    let client = Client::new();
    let mut sandbox = Sandbox::new(SandboxConfig { secret_key: SECRET.into(), seed: 1 });
    let request =
        client.request(catalog::RESULT_INQUIRY_ENDPOINT.path, r#"{"sequenceId":"SEQ-ALREADY-USED"}"#, SECRET, NOW);
    let sent = request.headers.iter().find(|(n, _)| n == catalog::CORRELATION_ID).unwrap().1.clone();
    let response = sandbox.handle(&request, NOW);
    assert!(response.headers.contains(&(catalog::CORRELATION_ID.to_string(), sent)));
}

#[test]
fn same_seed_same_requests_same_world() {
    let run = || {
        let mut client = Client::new();
        let mut bodies = Vec::new();
        for _ in 0..3 {
            bodies.push(
                client
                    .send(
                        catalog::ONE_TIME_TOKEN_ENDPOINT.path,
                        &format!(r#"{{"cardNo":"{}"}}"#, sandbox::MEMBER_CARD_NO),
                    )
                    .1,
            );
            bodies
                .push(client.charge(sandbox::MEMBER_ID, "10", sandbox::PRESET_ONE_TIME_TOKEN, sandbox::PRESET_DCVV).1);
        }
        (bodies, client.sandbox.state().clone())
    };
    assert_eq!(run(), run());
    let state = run().1;
    let json = serde_json::to_string(&state).unwrap();
    let back: state::State = serde_json::from_str(&json).unwrap();
    assert_eq!(back, state, "state survives a save and restore");
}

#[test]
#[cfg(feature = "responses")]
#[cfg_attr(feature = "lean-catalog", ignore = "reads the response fields, which lean-catalog leaves out")]
fn every_sandbox_answer_conforms_to_the_document() {
    use crate::deviation::check_response;
    let mut client = Client::new();
    let mut answers = Vec::new();
    for s in SCENARIOS {
        let body = s.body.replace("SEQ-PRESET", &client.fresh_sequence());
        answers.push((&catalog::CHARGE_ENDPOINT, s.id.to_string(), client.send(catalog::CHARGE_ENDPOINT.path, &body)));
    }
    // The rest of the flow on success: a token, a charge with it, its inquiry, its cancel.
    let card = format!(r#"{{"cardNo":"{}"}}"#, sandbox::MEMBER_CARD_NO);
    let issued = client.send(catalog::ONE_TIME_TOKEN_ENDPOINT.path, &card);
    let (token, dcvv) =
        (issued.1["oneTimeToken"].as_str().unwrap().to_string(), issued.1["dcvv"].as_str().unwrap().to_string());
    answers.push((&catalog::ONE_TIME_TOKEN_ENDPOINT, "one-time token".into(), issued));
    let charged = client.charge(sandbox::MEMBER_ID, "1000", &token, &dcvv);
    let nr = charged.1["nrNumber"].as_str().unwrap().to_string();
    let seq = format!("SEQ-TEST-{}", client.sequence);
    answers.push((&catalog::CHARGE_ENDPOINT, "charge with an issued token".into(), charged));
    let inquiry = client.send(catalog::RESULT_INQUIRY_ENDPOINT.path, &format!(r#"{{"sequenceId":"{seq}"}}"#));
    answers.push((&catalog::RESULT_INQUIRY_ENDPOINT, "inquiry".into(), inquiry));
    let cancel = format!(
        r#"{{"sequenceId":"CANCEL-1","userId":{},"nrNumber":"{nr}","oneTimeToken":"{}"}}"#,
        sandbox::MEMBER_ID,
        sandbox::PRESET_ONE_TIME_TOKEN
    );
    answers.push((&catalog::CANCEL_ENDPOINT, "cancel".into(), client.send(catalog::CANCEL_ENDPOINT.path, &cancel)));
    assert_eq!(answers.len(), SCENARIOS.len() + 4);
    for (endpoint, name, (status, body)) in answers {
        let report = check_response(endpoint, status, &body.to_string());
        let deviations: Vec<_> =
            report.violations.iter().filter(|v| v.severity != crate::violation::Severity::Note).collect();
        assert!(deviations.is_empty(), "{name}: {body}: {deviations:#?}");
        if code(&body) == "000_000" {
            assert!(endpoint.response.iter().all(|f| !f.required || body.get(f.name).is_some()), "{name}: {body}");
        }
    }
}

/// Message encryption, enforced (as `konaplate serve` runs it).
mod encryption {
    use super::*;
    use crate::catalog::ONE_TIME_TOKEN_ENDPOINT;
    use crate::jwe::{self, test_keys, Enc, PrivateKey, PublicKey, Randomness};

    const PATH: &str = "/open-api/api/v2/payment/generate/onetimetoken";

    fn counter_fill() -> Fill {
        let mut n = 0u8;
        Box::new(move |buf: &mut [u8]| {
            for b in buf.iter_mut() {
                n = n.wrapping_add(1);
                *b = n;
            }
        })
    }

    fn enforced() -> Sandbox {
        Sandbox::new(SandboxConfig { secret_key: SECRET.into(), seed: 7 })
            .with_crypto(SandboxCrypto::test_keys(counter_fill()))
    }

    fn card_body() -> String {
        format!(r#"{{"cardNo":"{}"}}"#, sandbox::MEMBER_CARD_NO)
    }

    fn sealed(pem: &str, plaintext: &str) -> String {
        let random = Randomness::from_bytes(&[7; Randomness::LEN]);
        jwe::encrypt(&PublicKey::from_pem(pem).unwrap(), Enc::A128Gcm, plaintext.as_bytes(), &random).unwrap()
    }

    fn send(sandbox: &mut Sandbox, body: &str, key_id: Option<&str>) -> (u16, Value) {
        let response = sandbox.handle(&signed_request(PATH, body, SECRET, NOW, key_id), NOW);
        (response.status, serde_json::from_str(&response.body).unwrap())
    }

    #[test]
    fn an_encrypted_one_time_token_request_is_decrypted_and_answered() {
        let mut s = enforced();
        let body = jwe::wrap(&sealed(test_keys::SERVER_CERTIFICATE, &card_body()));
        let (status, reply) = send(&mut s, &body, Some(test_keys::SERVER_KEY_ID));
        assert_eq!((status, code(&reply)), (200, "000_000"), "{reply}");
        assert_eq!(reply["oneTimeToken"].as_str().unwrap().len(), 16);
        // Not marked for response encryption: the answer is plain.
        assert!(!ONE_TIME_TOKEN_ENDPOINT.response_encrypted && reply.get("encData").is_none());
    }

    #[test]
    fn each_encryption_failure_has_its_own_code() {
        let good = sealed(test_keys::SERVER_PUBLIC_SPKI, &card_body());
        let mut parts: Vec<String> = good.split('.').map(str::to_string).collect();
        parts[4] = parts[4].replacen(&parts[4][..1], if parts[4].starts_with('A') { "B" } else { "A" }, 1);
        let tampered = parts.join(".");
        let a128cbc = good.replacen(
            "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMTI4R0NNIn0",
            "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0",
            1,
        );
        let id = Some(test_keys::SERVER_KEY_ID);
        let cases: Vec<(&str, String, Option<&str>, &str)> = vec![
            ("plain body", card_body(), None, "000_911"),
            ("plain body with a key id", card_body(), id, "000_911"),
            ("wrapper with extra members", format!(r#"{{"encData":"{good}","cardNo":"1"}}"#), id, "000_911"),
            ("unknown key id", jwe::wrap(&good), Some("0123456789abcdef0123456789abcdef"), "000_912"),
            ("not a JWE", jwe::wrap("a.b.c.d.e"), id, "000_913"),
            ("unsupported enc", jwe::wrap(&a128cbc), id, "000_914"),
            (
                "encrypted to the client key",
                jwe::wrap(&sealed(test_keys::CLIENT_PUBLIC_SPKI, &card_body())),
                id,
                "000_915",
            ),
            ("tampered tag", jwe::wrap(&tampered), id, "000_916"),
        ];
        for (what, body, key_id, want) in cases {
            let (status, reply) = send(&mut enforced(), &body, key_id);
            assert_eq!((status, code(&reply)), (400, want), "{what}: {reply}");
            let explanation = &reply["konaplate"]["explanation"];
            assert!(!explanation["en"].as_str().unwrap().is_empty() && !explanation["ko"].as_str().unwrap().is_empty());
            assert_eq!(reply["konaplate"]["codeProvenance"], "ours", "{what}");
        }
    }

    #[test]
    fn the_tran_token_is_checked_first_over_the_raw_wrapper() {
        let mut s = enforced();
        let body = jwe::wrap(&sealed(test_keys::SERVER_PUBLIC_SPKI, &card_body()));
        let credentials = Credentials {
            asp_id: sandbox::ASP_ID.into(),
            access_key: sandbox::ACCESS_KEY.into(),
            secret_key: SECRET.into(),
        };
        let inputs = HeaderInputs {
            credentials: &credentials,
            epoch_ms: NOW,
            zone: TimeZone::Kst,
            random: [1, 2, 3, 4],
            crypto_key_id: Some("0123456789abcdef0123456789abcdef"),
        };
        // Signed over the plaintext instead of the wrapper sent: 000_903, before the key id.
        let headers =
            generate(&inputs, &card_body()).unwrap().headers.into_iter().map(|(n, v)| (n.to_string(), v)).collect();
        let request = SandboxRequest { method: "POST".into(), path: PATH.into(), headers, body };
        let reply: Value = serde_json::from_str(&s.handle(&request, NOW).body).unwrap();
        assert_eq!(code(&reply), "000_903");
    }

    #[test]
    fn without_keys_the_sandbox_accepts_plain_bodies_as_before() {
        let mut plain = Sandbox::new(SandboxConfig { secret_key: SECRET.into(), seed: 7 });
        let (status, reply) = send(&mut plain, &card_body(), None);
        assert_eq!((status, code(&reply)), (200, "000_000"), "{reply}");
    }

    #[test]
    fn responses_are_sealed_to_the_client_key() {
        let mut crypto = SandboxCrypto::test_keys(counter_fill());
        let body = r#"{"response":{"code":"000_000","description":"Success"}}"#;
        let sealed = crypto.seal_response(body);
        let again = crypto.seal_response(body);
        assert_ne!(sealed, again, "fresh randomness per response");
        let client = PrivateKey::from_pem(test_keys::CLIENT_PRIVATE_PKCS8).unwrap();
        let opened = jwe::decrypt(&client, &jwe::unwrap_body(&sealed).unwrap()).unwrap();
        assert_eq!(opened.plaintext, body.as_bytes());
        let published = crypto.published();
        assert_eq!(published["server"]["keyId"], test_keys::SERVER_KEY_ID);
        let pem = published["server"]["publicKeyPem"].as_str().unwrap();
        assert_eq!(PublicKey::from_pem(pem).unwrap(), PublicKey::from_pem(test_keys::SERVER_PUBLIC_SPKI).unwrap());
        assert!(!published.to_string().contains("PRIVATE"));
    }
}

mod journey;
