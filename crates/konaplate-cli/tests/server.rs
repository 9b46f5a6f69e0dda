//! `konaplate serve` over real HTTP on 127.0.0.1: scenarios, transport errors, CORS, concurrency
//! and durability across `kill -9`. Every loop is bounded; every server is killed on drop.

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use konaplate_core::catalog::{self, sandbox, SCENARIOS};
use konaplate_core::headers::{generate, Credentials, HeaderInputs};
use konaplate_core::time::TimeZone;
use serde_json::Value;

mod common;
use common::charge::{self, charge_body, now_ms};
use common::server::Server;

const SECRET: &str = "server-test-secret-never-logged";

fn start(extra: &[&str]) -> Server {
    Server::start(extra, &[("KONAPLATE_SECRET_KEY", SECRET)])
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

fn signed_headers(body: &str) -> Vec<(&'static str, String)> {
    charge::signed_headers(SECRET, body)
}

fn post(agent: &ureq::Agent, server: &Server, path: &str, body: &str) -> (u16, Value) {
    let mut request = agent.post(format!("{}/open-api{path}", server.base)).header("Content-Type", "application/json");
    for (name, value) in signed_headers(body) {
        request = request.header(name, value);
    }
    let mut response = request.send(body).unwrap();
    let status = response.status().as_u16();
    (status, serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap())
}

fn code(v: &Value) -> &str {
    v["response"]["code"].as_str().unwrap_or("<none>")
}

#[test]
fn every_test_data_scenario_over_http_and_no_secret_in_the_log() {
    let server = start(&[]);
    let agent = agent();
    for (i, s) in SCENARIOS.iter().enumerate() {
        let body = s.body.replace("SEQ-PRESET", &format!("HTTP-{i}"));
        let (status, reply) = post(&agent, &server, catalog::CHARGE_ENDPOINT.path, &body);
        assert_eq!((status, code(&reply)), (s.http, s.code.as_str()), "{}: {reply}", s.id);
    }
    let log = server.output.lock().unwrap().clone();
    assert!(log.contains("POST /open-api/api/v1/recharges/by-bank-accounts/no-hce -> 200 000_000"), "{log}");
    assert!(!log.contains(SECRET), "the secret reached the log:\n{log}");
}

#[test]
fn transport_errors_use_the_envelope() {
    let server = start(&["--body-limit", "2048"]);
    let agent = agent();
    let url = format!("{}/open-api{}", server.base, catalog::CHARGE_ENDPOINT.path);
    let mut r = agent.post(&url).header("Content-Type", "text/plain").send("{}").unwrap();
    assert_eq!(r.status().as_u16(), 415);
    assert_eq!(code(&serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap()), "000_906");
    let mut r = agent.post(&url).header("Content-Type", "application/json").send("x".repeat(4096).as_str()).unwrap();
    assert_eq!(r.status().as_u16(), 413);
    assert_eq!(code(&serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap()), "000_907");
    let mut r = agent
        .post(&url)
        .header("Content-Type", "application/json")
        .header("X-Padding", "p".repeat(20_000))
        .send("{}")
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
    assert_eq!(code(&serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap()), "000_907");
    let (status, reply) = post(&agent, &server, catalog::CHARGE_ENDPOINT.path, "{\"sequenceId\": ");
    assert_eq!((status, code(&reply)), (400, "000_002"));
    let (status, reply) = post(&agent, &server, "/api/v9/unknown", "{}");
    assert_eq!((status, code(&reply)), (404, "000_908"));
    let mut health = agent.get(format!("{}/healthz", server.base)).call().unwrap();
    assert_eq!(health.body_mut().read_to_string().unwrap(), r#"{"status":"ok"}"#);
    let mut doc = agent.get(format!("{}/openapi.json", server.base)).call().unwrap();
    let doc: Value = serde_json::from_str(&doc.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
}

#[test]
fn cors_preflight_allows_the_console_and_the_x_km_headers() {
    let server = start(&["--allow-origin", "http://127.0.0.1:8080"]);
    let response = agent()
        .options(format!("{}/open-api{}", server.base, catalog::CHARGE_ENDPOINT.path))
        .header("Origin", "http://127.0.0.1:8080")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-km-tran-token,x-km-user-aspid")
        .call()
        .unwrap();
    assert!(response.status().is_success());
    let h = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    assert_eq!(h("access-control-allow-origin"), "http://127.0.0.1:8080");
    assert!(h("access-control-allow-headers").contains("x-km-tran-token"), "{}", h("access-control-allow-headers"));
}

#[test]
fn a_thousand_concurrent_charges_over_200_sequence_ids() {
    let server = Arc::new(start(&[]));
    let member = "5000000000000000001";
    let (successes, duplicates, other) =
        (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let threads: Vec<_> = (0..50)
        .map(|t| {
            let (server, successes, duplicates, other) =
                (server.clone(), successes.clone(), duplicates.clone(), other.clone());
            std::thread::spawn(move || {
                let agent = agent();
                for i in 0..20 {
                    let n = t * 20 + i; // 0..1000, each sequenceId five times
                    let body = charge_body(&format!("CONC-{}", n % 200), member, 100);
                    let (status, reply) = post(&agent, &server, catalog::CHARGE_ENDPOINT.path, &body);
                    match (status, code(&reply)) {
                        (200, "000_000") => successes.fetch_add(1, Ordering::SeqCst),
                        (400, "007_008") => duplicates.fetch_add(1, Ordering::SeqCst),
                        _ => other.fetch_add(1, Ordering::SeqCst),
                    };
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(successes.load(Ordering::SeqCst), 200);
    assert_eq!(duplicates.load(Ordering::SeqCst), 800);
    assert_eq!(other.load(Ordering::SeqCst), 0);
    // Balances add up: 200 charges of 100 won. A cancel of one refunds exactly its amount.
    let agent = agent();
    for seq in ["CONC-0", "CONC-199"] {
        let (_, r) =
            post(&agent, &server, catalog::RESULT_INQUIRY_ENDPOINT.path, &format!(r#"{{"sequenceId":"{seq}"}}"#));
        assert_eq!(r["result"], "COMPLETED");
    }
    // 2,000,000 limit: 20,000 charged, so 1,980,000 more fits exactly and 1 more won does not.
    let (_, fits) = post(&agent, &server, catalog::CHARGE_ENDPOINT.path, &charge_body("CONC-FILL", member, 1_980_000));
    assert_eq!(code(&fits), "000_000");
    let (_, over) = post(&agent, &server, catalog::CHARGE_ENDPOINT.path, &charge_body("CONC-OVER", member, 1));
    assert_eq!(code(&over), "007_003");
}

#[test]
fn kill_9_then_restart_with_db_keeps_every_acknowledged_charge() {
    let dir = std::env::temp_dir().join(format!("konaplate-db-{}-{}", std::process::id(), now_ms()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("sandbox.redb");
    let db_arg = db.to_str().unwrap();
    let acknowledged: Vec<String> = {
        let mut server = start(&["--db", db_arg]);
        let agent = agent();
        let mut ok = Vec::new();
        for i in 0..25 {
            let seq = format!("DUR-{i}");
            let (status, _) =
                post(&agent, &server, catalog::CHARGE_ENDPOINT.path, &charge_body(&seq, "5000000000000000002", 1000));
            if status == 200 {
                ok.push(seq);
            }
        }
        server.child.kill().unwrap(); // SIGKILL: no graceful shutdown
        server.child.wait().unwrap();
        ok
    };
    assert_eq!(acknowledged.len(), 25);
    let server = start(&["--db", db_arg]);
    let agent = agent();
    for seq in &acknowledged {
        let (_, r) =
            post(&agent, &server, catalog::RESULT_INQUIRY_ENDPOINT.path, &format!(r#"{{"sequenceId":"{seq}"}}"#));
        assert_eq!(r["result"], "COMPLETED", "{seq} lost after kill -9");
        let (_, again) =
            post(&agent, &server, catalog::CHARGE_ENDPOINT.path, &charge_body(seq, "5000000000000000002", 1000));
        assert_eq!(code(&again), "007_008", "{seq} could be charged twice after restart");
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn generated_snippets_sign_themselves_and_get_200_from_the_sandbox() {
    use konaplate_core::snippets::{snippet, Language, SnippetRequest};
    let server = start(&[]);
    let dir = std::env::temp_dir().join(format!("konaplate-snippets-{}-{}", std::process::id(), now_ms()));
    std::fs::create_dir_all(&dir).unwrap();
    let base_url = format!("{}/open-api", server.base);
    let runs: [(Language, &str, &[&str]); 4] = [
        (Language::Shell, "snippet.sh", &["bash"]),
        (Language::Python, "snippet.py", &["python3"]),
        (Language::JavaScript, "snippet.mjs", &["node"]),
        (Language::Java, "KonaplateRequest.java", &["java"]),
    ];
    for (i, (language, file, command)) in runs.iter().enumerate() {
        let body = charge_body(&format!("SNIPPET-{i}"), "9999999999999999999", 100);
        let request = SnippetRequest {
            endpoint: &catalog::CHARGE_ENDPOINT,
            base_url: &base_url,
            body: &body,
            asp_id: sandbox::ASP_ID,
            zone: TimeZone::Kst,
        };
        let path = dir.join(file);
        std::fs::write(&path, snippet(*language, &request)).unwrap();
        let out = Command::new(command[0])
            .arg(&path)
            .env("KONAPLATE_SECRET_KEY", SECRET)
            .env("KONAPLATE_ACCESS_KEY", sandbox::ACCESS_KEY)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", command[0]));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("\"code\":\"000_000\""),
            "{language:?} snippet: {text} {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Sends `body` with exactly the given headers (a captured request replayed byte for byte).
fn send_as_is(agent: &ureq::Agent, server: &Server, headers: &[(&str, String)], body: &str) -> (u16, Value) {
    let url = format!("{}/open-api{}", server.base, catalog::CHARGE_ENDPOINT.path);
    let mut request = agent.post(url).header("Content-Type", "application/json");
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let mut response = request.send(body).unwrap();
    (response.status().as_u16(), serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap())
}

#[test]
fn replays_within_the_window_get_007_008_and_after_it_000_904_saying_replay() {
    let server = start(&[]);
    let agent = agent();
    let body = charge_body("REPLAY-HTTP-1", "5000000000000000003", 100);
    // A request captured and replayed byte for byte inside the window: charged once.
    let captured = signed_headers(&body);
    assert_eq!(code(&send_as_is(&agent, &server, &captured, &body).1), "000_000");
    let (status, again) = send_as_is(&agent, &server, &captured, &body);
    assert_eq!((status, code(&again)), (400, "007_008"));
    // The same request as it arrives 10 minutes after it was signed: refused before the ledger.
    let credentials = Credentials {
        asp_id: sandbox::ASP_ID.into(),
        access_key: sandbox::ACCESS_KEY.into(),
        secret_key: SECRET.into(),
    };
    let inputs = HeaderInputs {
        credentials: &credentials,
        epoch_ms: now_ms() - 10 * 60 * 1000,
        zone: TimeZone::Kst,
        random: [1, 2, 3, 4],
        crypto_key_id: None,
    };
    let old = generate(&inputs, &body).unwrap().headers;
    let (status, stale) = send_as_is(&agent, &server, &old, &body);
    assert_eq!((status, code(&stale)), (401, "000_904"));
    let explanation = &stale["konaplate"]["explanation"];
    assert!(explanation["en"].as_str().unwrap().contains("replay"), "{explanation}");
    assert!(explanation["ko"].as_str().unwrap().contains("재전송"), "{explanation}");
    let (_, result) = post(&agent, &server, catalog::RESULT_INQUIRY_ENDPOINT.path, r#"{"sequenceId":"REPLAY-HTTP-1"}"#);
    assert_eq!(result["result"], "COMPLETED");
}

#[test]
fn a_client_sending_its_headers_too_slowly_is_disconnected_and_others_are_served() {
    use std::io::{Read, Write};
    let server = start(&["--header-timeout-ms", "300"]);
    let mut stalled = std::net::TcpStream::connect(server.base.trim_start_matches("http://")).unwrap();
    // A safety bound, not a timing assertion: a server that never closes fails the test here.
    stalled.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
    stalled.write_all(b"POST /open-api/api/v1/recharges/by-bank-accounts/no-hce HTTP/1.1\r\nX-KM-Tran").unwrap();
    let mut rest = Vec::new();
    let closed = stalled.read_to_end(&mut rest);
    assert!(closed.is_ok() && rest.is_empty(), "the stalled connection was not closed: {closed:?} {rest:?}");
    let (status, reply) =
        post(&agent(), &server, catalog::CHARGE_ENDPOINT.path, &charge_body("SLOW-HEAD-1", "5000000000000000004", 1));
    assert_eq!((status, code(&reply)), (200, "000_000"));
}

#[test]
fn serve_spec_answers_a_foreign_operation_like_a_mock_server_after_every_check() {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/foreign-openapi.json");
    let server = start(&["--spec", spec]);
    let agent = agent();
    let order = r#"{"orderId":9999999999999999999,"channel":"WEB","orderDate":"20261202","buyer":{"name":"Kona","address":{"zip":"06236"}},"items":[{"sku":"A","quantity":1}]}"#;
    let (status, reply) = post(&agent, &server, "/api/v1/example/orders", order);
    // The document's own success code, with its message.
    assert_eq!((status, code(&reply)), (200, "100_000"), "{reply}");
    assert_eq!(reply["response"]["description"], "Order placed.");
    // The example follows the documented response schema.
    assert_eq!(reply["status"], "PLACED");
    assert_eq!(reply["orderNo"].as_str().map(str::len), Some(10));

    let (status, reply) = post(&agent, &server, "/api/v1/example/orders", &order.replace("06236", "0623"));
    assert_eq!((status, code(&reply)), (400, "000_002"), "{reply}");
    assert!(reply["response"]["description"].as_str().unwrap().ends_with("buyer.address.zip"), "{reply}");

    // The signature is checked as for the charge flow.
    let mut request = agent
        .post(format!("{}/open-api/api/v1/example/orders", server.base))
        .header("Content-Type", "application/json");
    for (name, value) in signed_headers(order) {
        request = request.header(name, value);
    }
    let mut response = request.send(order.replace("WEB", "APP")).unwrap();
    let reply: Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(code(&reply), "000_903");

    // The built-in operations are not served from a foreign document, and /openapi.json is it.
    let (status, reply) = post(&agent, &server, catalog::CHARGE_ENDPOINT.path, SCENARIOS[0].body);
    assert_eq!((status, code(&reply)), (404, "000_908"));
    let mut doc = agent.get(format!("{}/openapi.json", server.base)).call().unwrap();
    let doc: Value = serde_json::from_str(&doc.body_mut().read_to_string().unwrap()).unwrap();
    assert!(doc["paths"]["/api/v1/example/orders"]["post"].is_object());
    assert_eq!(doc["servers"][0]["url"], format!("{}/open-api", server.base));
}

/// A charge signed with a wrong secret sent to `konaplate serve --host HOST EXTRA…` (reached on
/// 127.0.0.1): whether the 000_903 answer holds the HMAC the server expected, and the answer.
fn answer_quotes_expected_hmac(host: &str, extra: &[&str]) -> (bool, String) {
    let mut args = vec!["--host", host];
    args.extend_from_slice(extra);
    let mut server = start(&args);
    server.base = server.base.replace("0.0.0.0", "127.0.0.1");
    let body = charge_body("ORACLE-1", sandbox::MEMBER_ID, 1000);
    let mut request = agent()
        .post(format!("{}/open-api{}", server.base, catalog::CHARGE_ENDPOINT.path))
        .header("Content-Type", "application/json");
    for (name, value) in charge::signed_headers("an-attacker-guess", &body) {
        request = request.header(name, value);
    }
    let mut response = request.send(&body).unwrap();
    let answer = response.body_mut().read_to_string().unwrap();
    assert_eq!(response.status().as_u16(), 401, "{answer}");
    assert_eq!(code(&serde_json::from_str(&answer).unwrap()), "000_903");
    let expected = konaplate_core::sign::mac_base64(SECRET.as_bytes(), body.as_bytes());
    (answer.contains(&expected), answer)
}

#[test]
fn the_expected_hmac_is_quoted_only_on_loopback_or_with_explain_signatures() {
    let (quoted, answer) = answer_quotes_expected_hmac("0.0.0.0", &[]);
    assert!(!quoted, "a server on 0.0.0.0 is a signing oracle by default: {answer}");
    assert!(answer.contains("--explain-signatures"), "{answer}");
    let (quoted, answer) = answer_quotes_expected_hmac("0.0.0.0", &["--explain-signatures=false"]);
    assert!(!quoted, "{answer}");
    let (quoted, answer) = answer_quotes_expected_hmac("0.0.0.0", &["--explain-signatures"]);
    assert!(quoted, "the flag turns the explanation on: {answer}");
    let (quoted, answer) = answer_quotes_expected_hmac("127.0.0.1", &[]);
    assert!(quoted, "on loopback it is on by default: {answer}");
    let (quoted, answer) = answer_quotes_expected_hmac("127.0.0.1", &["--explain-signatures=false"]);
    assert!(!quoted, "{answer}");
}
