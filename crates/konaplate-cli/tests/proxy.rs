//! `konaplate proxy` in front of `konaplate serve` standing in for KONA PLATE, and in front of a
//! stand-in that answers off-document on purpose: forwarding, CORS for the console's origin,
//! deviations in `X-Konaplate-Violations` and in the log, never a key or a body in the log.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use konaplate_core::catalog::{sandbox, CHARGE_ENDPOINT};
use konaplate_core::headers::{generate, Credentials, HeaderInputs};
use konaplate_core::time::TimeZone;
use serde_json::Value;

mod common;
use common::server::Server;

const SECRET: &str = "proxy-test-secret-never-logged";
const ORIGIN: &str = "http://127.0.0.1:8080";

fn body(sequence_id: &str) -> String {
    format!(
        r#"{{"sequenceId":"{sequence_id}","userId":{},"amount":1000,"oneTimeToken":"{}","dcvv":"{}","merchantId":"{}"}}"#,
        sandbox::MEMBER_ID,
        sandbox::PRESET_ONE_TIME_TOKEN,
        sandbox::PRESET_DCVV,
        sandbox::MERCHANT_ID
    )
}

fn signed_headers(body: &str) -> Vec<(&'static str, String)> {
    let credentials = Credentials {
        asp_id: sandbox::ASP_ID.into(),
        access_key: sandbox::ACCESS_KEY.into(),
        secret_key: SECRET.into(),
    };
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64;
    let inputs = HeaderInputs {
        credentials: &credentials,
        epoch_ms: now,
        zone: TimeZone::Kst,
        random: [1, 2, 3, 4],
        crypto_key_id: None,
    };
    generate(&inputs, body).unwrap().headers
}

fn proxy_to(to: &str) -> Server {
    Server::spawn(&["proxy", "--port", "0", "--to", to], &[])
}

struct Answer {
    status: u16,
    violations: Value,
    allow_origin: Option<String>,
    exposed: String,
    body: Value,
}

fn post(proxy: &Server, path: &str, headers: &[(&str, String)], body: &str) -> Answer {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let mut request =
        agent.post(format!("{}{path}", proxy.base)).header("Content-Type", "application/json").header("Origin", ORIGIN);
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let mut response = request.send(body).unwrap();
    let header = |name: &str| response.headers().get(name).map(|v| v.to_str().unwrap().to_string());
    let violations = header("x-konaplate-violations").expect("the proxy always says what it found");
    let types: Vec<_> = response.headers().get_all("content-type").iter().collect();
    assert_eq!(types, ["application/json"], "the upstream's content type, once");
    let (allow_origin, exposed) = (header("access-control-allow-origin"), header("access-control-expose-headers"));
    Answer {
        status: response.status().as_u16(),
        violations: serde_json::from_str(&violations).unwrap(),
        allow_origin,
        exposed: exposed.unwrap_or_default().to_ascii_lowercase(),
        body: serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap(),
    }
}

fn found(answer: &Answer) -> Vec<(String, String, String)> {
    answer.violations["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["side"].as_str().unwrap().into(),
                v["location"].as_str().unwrap().into(),
                v["rule"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn assert_log_is_clean(proxy: &Server, bodies: &[&str]) {
    let log = proxy.output();
    for secret in [SECRET, sandbox::ACCESS_KEY] {
        assert!(!log.contains(secret), "a key reached the log:\n{log}");
    }
    for body in bodies {
        assert!(!log.contains(body), "a body reached the log:\n{log}");
    }
}

#[test]
fn forwards_to_the_sandbox_with_cors_and_reports_request_violations() {
    let serve = Server::start(&[], &[("KONAPLATE_SECRET_KEY", SECRET)]);
    let proxy = proxy_to(&format!("{}/open-api", serve.base));
    let good = body("PROXY-1");
    let answer = post(&proxy, CHARGE_ENDPOINT.path, &signed_headers(&good), &good);
    assert_eq!((answer.status, answer.body["response"]["code"].as_str()), (200, Some("000_000")), "{}", answer.body);
    assert_eq!(found(&answer), [], "a documented exchange has no deviation");
    assert_eq!(answer.allow_origin.as_deref(), Some(ORIGIN));
    assert!(answer.exposed.contains("x-konaplate-violations"), "{}", answer.exposed);

    // The /open-api prefix of the real host works too; a broken header is reported on the request side.
    let second = body("PROXY-2");
    let mut headers = signed_headers(&second);
    headers.iter_mut().filter(|(n, _)| *n == "X-KM-Tran-Time").for_each(|(_, v)| *v = "2026-11-25".into());
    let answer = post(&proxy, &format!("/open-api{}", CHARGE_ENDPOINT.path), &headers, &second);
    assert_eq!(answer.body["response"]["code"], "000_901", "the server refuses it too: {}", answer.body);
    assert!(
        found(&answer).contains(&("request".into(), "X-KM-Tran-Time".into(), "format".into())),
        "{:?}",
        found(&answer)
    );

    // A preflight from the console's origin is answered by the proxy itself.
    let preflight = Server::raw_options(&proxy.addr, CHARGE_ENDPOINT.path, ORIGIN);
    assert!(preflight.contains(&format!("access-control-allow-origin: {ORIGIN}")), "{preflight}");
    let log = proxy.output_with("X-KM-Tran-Time [format]");
    assert!(log.contains("X-KM-Tran-Time [format]"), "{log}");
    assert_log_is_clean(&proxy, &[&good, &second]);
}

/// A server that answers every request with `body` (HTTP 200), ignoring what was asked.
fn off_document_server(body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            // Read the head, then as many body bytes as Content-Length says.
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 {
                    break;
                }
                request.extend_from_slice(&buf[..n]);
                let text = String::from_utf8_lossy(&request).to_ascii_lowercase();
                if let Some(end) = text.find("\r\n\r\n") {
                    let length = text
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap_or(0)))
                        .unwrap_or(0);
                    if request.len() >= end + 4 + length {
                        break;
                    }
                }
            }
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(answer.as_bytes());
        }
    });
    format!("http://{addr}/open-api")
}

#[test]
fn an_off_document_server_is_reported_as_deviating() {
    let upstream = off_document_server(
        r#"{"nrNumber":12345678901234567890,"isPending":"no","response":{"code":"007_999","description":"Surprise."}}"#,
    );
    let proxy = proxy_to(&upstream);
    let good = body("PROXY-3");
    let answer = post(&proxy, CHARGE_ENDPOINT.path, &signed_headers(&good), &good);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["isPending"], "no", "the answer is relayed unchanged");
    let got = found(&answer);
    for expected in [
        ("response", "$.nrNumber", "type"),
        ("response", "$.nrNumber", "unsafeNumber"),
        ("response", "$.isPending", "type"),
        ("response", "$.response.code", "enum"),
    ] {
        assert!(got.contains(&(expected.0.into(), expected.1.into(), expected.2.into())), "{expected:?} in {got:?}");
    }
    assert!(got.iter().all(|(side, _, _)| side == "response"), "the request was fine: {got:?}");
    let log = proxy.output_with("response: 4 deviation(s)");
    assert!(log.contains("response: 4 deviation(s)"), "{log}");
    assert_log_is_clean(&proxy, &[&good]);
}

#[test]
fn an_unreachable_upstream_is_a_502_that_says_so() {
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let proxy = proxy_to(&format!("http://{closed}"));
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let mut response = agent.post(format!("{}{}", proxy.base, CHARGE_ENDPOINT.path)).send("{}").unwrap();
    assert_eq!(response.status().as_u16(), 502);
    let body: Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    assert!(body["konaplate"]["proxy"]["en"].as_str().unwrap().contains("did not answer"), "{body}");
    assert!(body["konaplate"]["proxy"]["ko"].as_str().is_some());
}
