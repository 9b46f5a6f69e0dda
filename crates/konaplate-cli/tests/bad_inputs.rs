//! The bad-input table (`testdata/bad-inputs.json`) against the `konaplate` binary: every CLI
//! row through `konaplate validate`, every server row over real HTTP to `konaplate serve`, and
//! `docs/bad-inputs.md` generated from the same rows (`KONAPLATE_BLESS=1` rewrites it).

mod common;
#[path = "bad_inputs/doc.rs"]
mod doc;
#[path = "bad_inputs/table.rs"]
mod table;

use std::time::{SystemTime, UNIX_EPOCH};

use common::cli::konaplate;
use common::raw_http::{self, Pace};
use common::server::Server;
use konaplate_core::catalog;
use serde_json::Value;
use table::{named_field, Row, Table};

fn pairs(list: &[(String, String)]) -> Vec<(String, String)> {
    let mut v = list.to_vec();
    v.sort();
    v
}

fn located(report: &Value, severity: &str) -> Vec<(String, String)> {
    let found = report["violations"].as_array().unwrap().iter().filter(|v| v["severity"] == severity);
    pairs(
        &found
            .map(|v| (v["location"].as_str().unwrap().into(), v["rule"].as_str().unwrap().into()))
            .collect::<Vec<_>>(),
    )
}

fn hangul(text: &str) -> bool {
    text.chars().any(|c| ('가'..='힣').contains(&c))
}

/// The message of a violation names its field (or "the body" for the root) in both languages.
fn names_the_field(location: &str, en: &str, ko: &str) -> bool {
    if location == "$" {
        return en.contains("body") && ko.contains("본문");
    }
    let field = location.rsplit(['.', '$']).next().unwrap_or(location);
    en.contains(field) && ko.contains(field) && hangul(ko)
}

fn cli_row(table: &Table, row: &Row) {
    let body = table.body(&row.body);
    let headers = table.headers(&row.id, &row.headers, &body, table.signing.epoch_ms);
    let mut args: Vec<String> =
        ["validate", "--endpoint", &row.endpoint, "--check-signature"].map(String::from).to_vec();
    for (name, value) in &headers {
        args.extend(["-H".to_string(), format!("{name}: {value}")]);
    }
    let env = [("KONAPLATE_SECRET_KEY", table.secret.as_str())];
    let run = |extra: &[&str]| {
        let mut all = args.clone();
        all.extend(extra.iter().map(|s| s.to_string()));
        let out = konaplate(&all, &env, &body);
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(
            !stdout.contains(&table.secret) && !stderr.contains(&table.secret),
            "{}: the secret was printed",
            row.id
        );
        assert!(!stderr.contains("panicked"), "{}: {stderr}", row.id);
        let want_exit = if row.errors.is_empty() { 0 } else { 1 };
        assert_eq!(out.status.code(), Some(want_exit), "{}: {stdout}{stderr}", row.id);
        stdout.into_owned()
    };
    let report: Value = serde_json::from_str(&run(&["--json"])).unwrap();
    assert_eq!(located(&report, "error"), pairs(&row.errors), "{}: errors", row.id);
    let warnings = located(&report, "warning");
    for w in &row.warnings {
        assert!(warnings.contains(w), "{}: warning {w:?} missing from {warnings:?}", row.id);
    }
    verify_row(table, row, &headers, &body);
    let (en, ko) = (run(&["--lang", "en"]), run(&["--lang", "ko"]));
    for v in report["violations"].as_array().unwrap().iter().filter(|v| v["severity"] == "error") {
        let (location, rule) = (v["location"].as_str().unwrap(), v["rule"].as_str().unwrap());
        let (m_en, m_ko) = (v["message"]["en"].as_str().unwrap(), v["message"]["ko"].as_str().unwrap());
        assert!(names_the_field(location, m_en, m_ko), "{}: {location} not named in {m_en} / {m_ko}", row.id);
        assert!(en.contains(&format!("{location} [{rule}]")) && en.contains(m_en), "{}: {en}", row.id);
        assert!(ko.contains(&format!("{location} [{rule}]")) && ko.contains(m_ko), "{}: {ko}", row.id);
    }
}

/// `konaplate verify` on the row's tran-token: invalid (EN and KO) exactly when validation
/// found the token malformed or not matching the body.
fn verify_row(table: &Table, row: &Row, headers: &[(String, String)], body: &[u8]) {
    let tokens: Vec<&String> =
        headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("X-KM-Tran-Token")).map(|(_, v)| v).collect();
    let ([token], true) = (tokens.as_slice(), std::str::from_utf8(body).is_ok()) else { return };
    let args = ["verify", "--token", token.as_str()].map(String::from);
    let out = konaplate(&args, &[("KONAPLATE_SECRET_KEY", table.secret.as_str())], body);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let bad = row.errors.iter().any(|(l, r)| l == "X-KM-Tran-Token" && (r == "format" || r == "signature"));
    assert_eq!(out.status.code(), Some(if bad { 1 } else { 0 }), "{}: verify said {stdout}", row.id);
    if bad {
        assert!(stdout.contains("invalid: X-KM-Tran-Token") && stdout.contains("무효: X-KM-Tran-Token"), "{stdout}");
    }
    assert!(!stdout.contains(&table.secret), "{}: verify printed the secret", row.id);
}

#[test]
fn every_cli_row_through_konaplate_validate() {
    let table = table::load();
    let rows: Vec<&Row> = table.rows.iter().filter(|r| r.on("cli")).collect();
    for row in &rows {
        cli_row(&table, row);
    }
    assert!(rows.iter().filter(|r| !r.accepted).count() >= 100, "the CLI table shrank");
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

fn state(server: &Server) -> String {
    let response = raw_http::send(
        &server.addr,
        &raw_http::Request { method: "GET", path: "/sandbox/state", headers: &[], body: b"", pace: Pace::Whole },
    );
    assert_eq!(response.status, 200);
    response.body
}

/// A valid charge, to show the server still serves after a bad request.
fn valid_charge(table: &Table, server: &Server, n: usize) {
    let body = format!(
        r#"{{"sequenceId":"AFTER-{n}","userId":5000000000000000009,"amount":1,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}}"#
    );
    let mut headers = table.headers("valid charge", &Default::default(), body.as_bytes(), now_ms());
    headers.push(("Content-Type".into(), "application/json".into()));
    let path = format!("/open-api{}", catalog::CHARGE_ENDPOINT.path);
    let request =
        raw_http::Request { method: "POST", path: &path, headers: &headers, body: body.as_bytes(), pace: Pace::Whole };
    let response = raw_http::send(&server.addr, &request);
    assert!(response.body.contains("\"000_000\""), "the server stopped serving: {response:?}");
}

fn server_row(table: &Table, server: &Server, row: &Row, n: usize) {
    let body = table.body(&row.body);
    let mut headers = table.headers(&row.id, &row.headers, &body, now_ms());
    let content_type = match row.request.get("contentType") {
        Some(Value::Null) => None,
        Some(v) => Some(v.as_str().unwrap().to_string()),
        None => Some("application/json".to_string()),
    };
    if let Some(ct) = content_type {
        headers.push(("Content-Type".into(), ct));
    }
    let endpoint = catalog::endpoint(&row.endpoint).unwrap();
    let path =
        row.request.get("path").and_then(Value::as_str).map_or(format!("/open-api{}", endpoint.path), String::from);
    let method = row.request.get("method").and_then(Value::as_str).unwrap_or("POST");
    let pace = if row.request.get("slow") == Some(&Value::Bool(true)) { Pace::StallHalfway } else { Pace::Whole };
    let before = state(server);
    let response =
        raw_http::send(&server.addr, &raw_http::Request { method, path: &path, headers: &headers, body: &body, pace });
    let (status, code) = row.server.clone().expect("server rows say what the server answers");
    assert_eq!(response.status, status, "{}: {response:?}", row.id);
    if let Some(code) = code {
        let reply: Value =
            serde_json::from_str(&response.body).unwrap_or_else(|e| panic!("{}: {e}: {response:?}", row.id));
        assert_eq!(reply["response"]["code"], code, "{}: {reply}", row.id);
        let description = reply["response"]["description"].as_str().unwrap();
        // 000_002 names the first body field in error, 000_901 the first header.
        let in_body = code == "000_002";
        let named = row.errors.iter().find(|(l, _)| in_body == l.starts_with('$'));
        if let Some((location, _)) = named.filter(|_| matches!(code.as_str(), "000_002" | "000_901")) {
            let field = named_field(location);
            assert!(description.ends_with(field), "{}: {description:?} should name {field}", row.id);
        }
        if catalog::code(&code).is_some_and(|c| c.provenance == catalog::Provenance::Ours) {
            let explanation = &reply["konaplate"]["explanation"];
            assert!(
                explanation["en"].is_string() && hangul(explanation["ko"].as_str().unwrap()),
                "{}: {reply}",
                row.id
            );
        }
    }
    assert_eq!(state(server), before, "{}: the sandbox state changed", row.id);
    valid_charge(table, server, n);
}

#[test]
fn every_server_row_over_http_leaves_the_state_unchanged_and_the_server_serving() {
    let table = table::load();
    let env = [("KONAPLATE_SECRET_KEY", table.secret.as_str())];
    let mut server = Server::start(&[], &env);
    // Slow rows get their own server with a short body timeout, so no other row depends on speed.
    let mut slow = Server::start(&["--body-timeout-ms", "300"], &env);
    let rows: Vec<&Row> = table.rows.iter().filter(|r| r.on("server")).collect();
    for (n, row) in rows.iter().enumerate() {
        let target = if row.request.get("slow").is_some() { &slow } else { &server };
        server_row(&table, target, row, n);
    }
    for s in [&mut server, &mut slow] {
        assert!(s.alive(), "the server exited");
        let log = s.output();
        assert!(!log.contains(&table.secret), "the secret reached the log");
        assert!(!log.contains("panicked"), "{log}");
    }
    assert!(rows.iter().filter(|r| !r.accepted).count() >= 100, "the server table shrank");
}

#[test]
fn every_key_row_is_refused_by_encrypt_or_decrypt() {
    let table = table::load();
    let dir = std::env::temp_dir().join(format!("konaplate-bad-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let keys = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/keys");
    for key in &table.keys {
        let path = match (&key.file, &key.pem) {
            (Some(file), None) => format!("{keys}/{file}"),
            (None, Some(pem)) => {
                let path = dir.join(format!("{}.pem", key.id));
                std::fs::write(&path, pem).unwrap();
                path.display().to_string()
            }
            _ => panic!("{}: give file or pem", key.id),
        };
        let args: Vec<String> = match key.role.as_str() {
            "public" => vec!["encrypt".into(), "--public-key".into(), path],
            _ => vec!["decrypt".into(), "--private-key".into(), path],
        };
        let out = konaplate(&args, &[], br#"{"encData":"a.b.c.d.e"}"#);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", key.id);
        assert!(stderr.contains(&key.error.0) && stderr.contains(&key.error.1), "{}: {stderr}", key.id);
        // No key material quoted back (every DER key's Base64 starts "MI").
        assert!(hangul(&stderr) && !stderr.contains("MI") && !stderr.contains("panicked"), "{}: {stderr}", key.id);
        assert!(out.stdout.is_empty(), "{}", key.id);
    }
    assert!(table.keys.len() >= 8, "the key table shrank");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn docs_bad_inputs_md_is_generated_from_the_table() {
    let table = table::load();
    let generated = doc::render(&table);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/bad-inputs.md");
    if std::env::var_os("KONAPLATE_BLESS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/bad-inputs.md is out of date: KONAPLATE_BLESS=1 cargo test -p konaplate-cli --test bad_inputs"
    );
}
