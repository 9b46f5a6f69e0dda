//! A full session with a known secret key: `konaplate serve` (secret from a file, then from the
//! environment, state in `--db`) answering good and bad requests, and every CLI command. The
//! secret, and an access key a client sends, must appear in no output: stdout, stderr, log
//! lines, response bodies and headers, exported documents, the database file.

mod common;

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use common::raw_http::{self, Pace};
use common::server::Server;
use konaplate_core::catalog::{self, sandbox, SCENARIOS};
use konaplate_core::headers::{generate, Credentials, HeaderInputs};
use konaplate_core::time::TimeZone;

const SECRET: &str = "full-session-secret-Q7vX2m9K";
/// A project's real access key as a client would send it (40 characters): never to be echoed.
const CLIENT_ACCESS_KEY: &str = "kp_live_ak_4f8e2b7c9d1a6e3f5b8c2d7e9a1fZ";
/// The same, one character short (a length error must describe it, not quote it).
const SHORT_ACCESS_KEY: &str = "kp_live_ak_4f8e2b7c9d1a6e3f5b8c2d7e9a1f";

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("konaplate-{name}-{}-{}", std::process::id(), now_ms()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn headers(body: &str, secret: &str, access_key: &str, epoch_ms: i64) -> Vec<(String, String)> {
    let credentials =
        Credentials { asp_id: sandbox::ASP_ID.into(), access_key: access_key.into(), secret_key: secret.into() };
    let inputs = HeaderInputs {
        credentials: &credentials,
        epoch_ms,
        zone: TimeZone::Kst,
        random: [7, 7, 7, 7],
        crypto_key_id: None,
    };
    let mut headers: Vec<(String, String)> =
        generate(&inputs, body).unwrap().headers.into_iter().map(|(n, v)| (n.to_string(), v)).collect();
    headers.push(("Content-Type".into(), "application/json".into()));
    headers
}

/// Good and bad requests against `server`; returns every status line, header and body received.
fn session(server: &Server) -> String {
    let mut seen = String::new();
    let charge_path = format!("/open-api{}", catalog::CHARGE_ENDPOINT.path);
    let mut send = |method: &str, path: &str, headers: &[(String, String)], body: &str| {
        let request = raw_http::Request { method, path, headers, body: body.as_bytes(), pace: Pace::Whole };
        let response = raw_http::send(&server.addr, &request);
        seen.push_str(&format!("{} {:?} {}\n", response.status, response.headers, response.body));
        response
    };
    for (i, s) in SCENARIOS.iter().enumerate() {
        let body = s.body.replace("SEQ-PRESET", &format!("SECRETS-{i}"));
        let r = send("POST", &charge_path, &headers(&body, SECRET, sandbox::ACCESS_KEY, now_ms()), &body);
        assert_eq!(r.status, s.http, "{}: {}", s.id, r.body);
    }
    let body = SCENARIOS[0].body.replace("SEQ-PRESET", "SECRETS-BAD");
    let failing = [
        headers(&body, "another-secret", sandbox::ACCESS_KEY, now_ms()),
        headers(&body, SECRET, sandbox::ACCESS_KEY, now_ms() - 3_600_000),
        headers(&body, SECRET, CLIENT_ACCESS_KEY, now_ms()),
        headers(&body, SECRET, SHORT_ACCESS_KEY, now_ms()),
        headers(&format!("{body}\n"), SECRET, sandbox::ACCESS_KEY, now_ms()),
    ];
    let codes: Vec<u16> = failing.iter().map(|h| send("POST", &charge_path, h, &body).status).collect();
    assert_eq!(codes, [401, 401, 401, 400, 401]);
    send(
        "POST",
        &charge_path,
        &headers("{\"userId\":1e400}", SECRET, CLIENT_ACCESS_KEY, now_ms()),
        "{\"userId\":1e400}",
    );
    send("POST", &charge_path, &headers("{", SECRET, sandbox::ACCESS_KEY, now_ms()), "{");
    send("POST", "/open-api/api/v9/none", &headers("{}", SECRET, CLIENT_ACCESS_KEY, now_ms()), "{}");
    send("POST", &charge_path, &[("Content-Type".into(), "text/plain".into())], "{}");
    send("POST", &charge_path, &headers(&"x".repeat(70_000), SECRET, CLIENT_ACCESS_KEY, now_ms()), &"x".repeat(70_000));
    for path in ["/openapi.json", "/healthz", "/sandbox/state"] {
        assert_eq!(send("GET", path, &[], "").status, 200, "{path}");
    }
    seen
}

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(SECRET), "the secret key appears in {what}:\n{text}");
    assert!(!text.contains(CLIENT_ACCESS_KEY), "the client's access key appears in {what}:\n{text}");
    assert!(!text.contains(SHORT_ACCESS_KEY), "the client's access key appears in {what}:\n{text}");
    assert!(!text.contains("panicked"), "a panic in {what}:\n{text}");
}

#[test]
fn a_full_server_session_never_shows_the_secret_or_a_clients_access_key() {
    let dir = temp_dir("secrets-server");
    let secret_file = dir.join("secret.txt");
    std::fs::write(&secret_file, format!("{SECRET}\n")).unwrap();
    let db = dir.join("sandbox.redb");
    let from_file = Server::start(&["--secret-file", secret_file.to_str().unwrap(), "--db", db.to_str().unwrap()], &[]);
    let answers = session(&from_file);
    let from_env = Server::start(&[], &[("KONAPLATE_SECRET_KEY", SECRET)]);
    let answers_env = session(&from_env);
    // Stop the servers, so everything they printed has been read, then look at everything.
    let (log_file, log_env) = (from_file.output(), from_env.output());
    drop((from_file, from_env));
    for (what, text) in [
        ("the answers (secret from a file)", &answers),
        ("the answers (secret from the environment)", &answers_env),
        ("the log (secret from a file)", &log_file),
        ("the log (secret from the environment)", &log_env),
    ] {
        assert_clean(what, text);
    }
    // The test can see what it looks for: the logs hold the failures, the answers the explanations.
    assert!(log_file.contains("000_903") && log_file.contains("000_902") && log_file.contains("000_907"), "{log_file}");
    assert!(answers.contains("expected HMAC") && answers.contains("000_902") && answers.contains("KPSANDBOX000001"));
    assert!(log_file.contains("secret key  from your environment/file (not shown)"), "{log_file}");
    let stored = std::fs::read(&db).unwrap();
    assert!(stored.len() > 1000, "the database holds the session");
    assert_clean("the database file", &String::from_utf8_lossy(&stored));
    let _ = std::fs::remove_dir_all(&dir);
}

fn run(args: &[&str], stdin: &str) -> String {
    let out = common::cli::konaplate(args, &[("KONAPLATE_SECRET_KEY", SECRET)], stdin.as_bytes());
    // The command line holds the test's access keys, so only what the command printed is kept.
    format!(
        "{} exit {:?}\n{}{}",
        args[0],
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn every_cli_command_with_the_secret_loaded_never_prints_it() {
    let dir = temp_dir("secrets-cli");
    let secret_file = dir.join("secret.txt");
    std::fs::write(&secret_file, SECRET).unwrap();
    let file = secret_file.to_str().unwrap();
    let body = SCENARIOS[0].body.replace("SEQ-PRESET", "CLI-1");
    let token = run(&["sign", "--time-ms", "1767225600000"], &body);
    let token = token.lines().nth(1).unwrap().trim().to_string();
    assert!(token.starts_with("KMV1:"), "{token}");
    let mut outputs = vec![
        run(&["sign"], &body),
        run(&["sign", "--secret-file", file], &format!("{body}\n")),
        run(&["sign", "--secret-env", "NOT_SET_ANYWHERE"], &body),
        run(&["headers", "--time-ms", "1767225600000"], &body),
        run(&["headers", "--json", "--secret-file", file], &body),
        run(&["verify", "--token", &token], &body),
        run(&["verify", "--token", &token], &body.replace("10000", "10001")),
        run(&["verify", "--token", "KMV1:garbage"], &body),
        run(&["openapi"], ""),
        run(&["catalog"], ""),
        run(&["catalog", "--json"], ""),
        run(&["validate", "--json"], "{"),
        run(&["--help"], ""),
    ];
    for lang in ["en", "ko"] {
        for access_key in [CLIENT_ACCESS_KEY, SHORT_ACCESS_KEY] {
            let hs = headers(&body, "another-secret", access_key, 1_767_225_600_000);
            let mut args: Vec<String> = ["validate", "--check-signature", "--lang", lang].map(String::from).to_vec();
            for (n, v) in hs.iter().filter(|(n, _)| n.starts_with("X-KM")) {
                args.extend(["-H".into(), format!("{n}: {v}")]);
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            outputs.push(run(&args, &body));
            let mut json = args.clone();
            json.push("--json");
            outputs.push(run(&json, &body));
        }
    }
    // The doctor on a pasted cURL carrying the client's access key, signed with another secret.
    let hs = headers(&body, "another-secret", CLIENT_ACCESS_KEY, 1_767_225_600_000);
    let mut pasted =
        String::from("curl https://sandbox.konaplate.com/open-api/api/v1/recharges/by-bank-accounts/no-hce");
    for (n, v) in &hs {
        pasted.push_str(&format!(" \\\n  -H '{n}: {v}'"));
    }
    pasted.push_str(&format!(" \\\n  -H 'Content-Type: application/json' --data-raw '{body}' {SECRET}"));
    for args in
        [&["doctor"][..], &["doctor", "--lang", "ko"], &["doctor", "--json"], &["doctor", "--secret-file", file]]
    {
        outputs.push(run(args, &pasted));
    }
    outputs.push(run(&["export", "postman"], ""));
    let bruno = dir.join("bruno");
    outputs.push(run(&["export", "bruno", "--out", bruno.to_str().unwrap()], ""));
    for folder in [bruno.clone(), bruno.join("environments"), bruno.join("Test Data")] {
        for entry in std::fs::read_dir(&folder).unwrap().flatten().filter(|e| e.path().is_file()) {
            outputs.push(std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    let all = outputs.join("\n");
    assert_clean("the CLI's output", &all);
    assert!(all.contains("[differentSecret]") && all.contains("\"kind\": \"extraWord\""), "{all}");
    assert!(all.contains("pm.collectionVariables") && all.contains("vars:secret"), "{all}");
    // What the commands said, so a silent failure cannot pass: a signature error, a length
    // described without its value, the OpenAPI document and the catalog.
    assert!(all.contains("[signature]") && all.contains("(39 characters, not shown)"), "{all}");
    assert!(all.contains("\"openapi\": \"3.1.0\"") && all.contains("007_901"), "{all}");
    assert!(all.contains("invalid: X-KM-Tran-Token") && all.contains("ok: the token signs this body"), "{all}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Lines of a PEM's Base64 body: the key material that must appear nowhere.
fn pem_body_lines(pem: &str) -> Vec<String> {
    pem.lines().filter(|l| !l.starts_with("-----") && l.len() > 20).map(str::to_string).collect()
}

#[test]
fn a_session_with_private_keys_never_shows_key_material() {
    let dir = temp_dir("secrets-keys");
    let out = run(&["keys", "new", "--out", dir.join("server").to_str().unwrap()], "");
    assert!(out.contains("key id"), "{out}");
    let out = run(&["keys", "new", "--out", dir.join("client").to_str().unwrap()], "");
    assert!(out.contains("key id"), "{out}");
    let server_private = dir.join("server/private.pem");
    let client_private = dir.join("client/private.pem");
    let key_id = std::fs::read_to_string(dir.join("server/key-id.txt")).unwrap().trim().to_string();
    let mut material = pem_body_lines(&std::fs::read_to_string(&server_private).unwrap());
    material.extend(pem_body_lines(&std::fs::read_to_string(&client_private).unwrap()));
    assert!(material.len() > 40, "both private keys read");

    let db = dir.join("sandbox.redb");
    let server = Server::start(
        &[
            "--crypto-key",
            server_private.to_str().unwrap(),
            "--crypto-key-id",
            &key_id,
            "--client-public-key",
            dir.join("client/public.pem").to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ],
        &[("KONAPLATE_SECRET_KEY", SECRET)],
    );
    let path = format!("/open-api{}", catalog::ONE_TIME_TOKEN_ENDPOINT.path);
    let plain = format!(r#"{{"cardNo":"{}"}}"#, sandbox::MEMBER_CARD_NO);
    let server_public = dir.join("server/public.pem");
    let encrypted = run(&["encrypt", "--public-key", server_public.to_str().unwrap()], &plain);
    let wrapper = encrypted.lines().nth(1).unwrap().to_string();
    let other_key = run(&["encrypt", "--public-key", dir.join("client/public.pem").to_str().unwrap()], &plain);
    let wrong_wrapper = other_key.lines().nth(1).unwrap().to_string();
    let mut answers = String::new();
    let mut send = |body: &str, key_id: &str| {
        let mut hs = headers(body, SECRET, sandbox::ACCESS_KEY, now_ms());
        hs.push(("X-KM-Crypto-Key-Id".into(), key_id.into()));
        let request =
            raw_http::Request { method: "POST", path: &path, headers: &hs, body: body.as_bytes(), pace: Pace::Whole };
        let response = raw_http::send(&server.addr, &request);
        answers.push_str(&format!("{} {:?} {}\n", response.status, response.headers, response.body));
        response
    };
    assert!(send(&wrapper, &key_id).body.contains("000_000"));
    assert!(send(&wrong_wrapper, &key_id).body.contains("000_915"));
    assert!(send(&wrapper, "0123456789abcdef0123456789abcdef").body.contains("000_912"));
    assert!(send(&plain, &key_id).body.contains("000_911"));
    let keys = raw_http::send(
        &server.addr,
        &raw_http::Request { method: "GET", path: "/sandbox/crypto-keys", headers: &[], body: b"", pace: Pace::Whole },
    );
    assert!(keys.body.contains(&key_id) && keys.body.contains("PUBLIC KEY"), "{}", keys.body);
    answers.push_str(&keys.body);
    let log = server.output();
    drop(server);
    assert!(log.contains(&key_id), "serve prints the key id: {log}");

    let cli = [
        run(&["decrypt", "--private-key", server_private.to_str().unwrap()], &wrapper),
        run(&["decrypt", "--private-key", client_private.to_str().unwrap()], &wrapper),
        run(&["decrypt", "--private-key", server_private.to_str().unwrap()], "not a jwe"),
        run(&["encrypt", "--public-key", server_private.to_str().unwrap()], &plain),
        run(&["headers", "--encrypt-with", server_private.to_str().unwrap(), "--crypto-key-id", &key_id], &plain),
        run(&["sign", "--encrypt-with", server_private.to_str().unwrap()], &plain),
    ]
    .join("\n");
    assert!(cli.contains("cardNo") && cli.contains("encrypted for another key"), "{cli}");
    let stored = String::from_utf8_lossy(&std::fs::read(&db).unwrap()).into_owned();
    for (what, text) in
        [("the answers", &answers), ("the log", &log), ("the CLI's output", &cli), ("the database file", &stored)]
    {
        assert_clean(what, text);
        for line in &material {
            assert!(!text.contains(line.as_str()), "private key material appears in {what}");
        }
        assert!(!text.contains("PRIVATE KEY-----"), "a private key PEM appears in {what}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
