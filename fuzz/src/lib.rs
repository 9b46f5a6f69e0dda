//! Fuzz checks: each takes raw bytes, decodes a structured input with `arbitrary`, runs one
//! entry point and asserts its invariants. A panic is a finding.

pub mod journey;

use arbitrary::{Arbitrary, Unstructured};
use konaplate_core::body::{build_body, FieldValue};
use konaplate_core::catalog::ENDPOINTS;
use konaplate_core::json;
use konaplate_core::response::read_response;
use konaplate_core::sign::{parse_tran_token, tran_token, verify_tran_token};
use konaplate_core::validate;
use konaplate_core::violation::Severity;

/// The names of the targets, as `fuzz_targets/<name>.rs` and `corpus/<name>/`.
/// A fuzz check: raw bytes in, a panic on a finding.
pub type Check = fn(&[u8]);

pub const TARGETS: &[(&str, Check)] = &[
    ("validate", check_validate),
    ("tran_token", check_tran_token),
    ("build_body", check_build_body),
    ("sandbox", check_sandbox),
    ("response", check_response),
    ("jwe", check_jwe),
    ("journey", journey::check_journey),
    ("json", check_json),
];

#[derive(Arbitrary, Debug)]
struct ValidateInput<'a> {
    endpoint: u8,
    headers: Vec<(&'a str, &'a str)>,
    body: &'a str,
    secret: Option<&'a [u8]>,
}

/// The validator over arbitrary headers and body text: no panic, every violation located and
/// worded in English and Korean, validity equals "no errors", and a body the one-pass check
/// calls clean has no violation under the full validator.
pub fn check_validate(data: &[u8]) {
    let Ok(input) = ValidateInput::arbitrary_take_rest(Unstructured::new(data)) else { return };
    let endpoint = ENDPOINTS[input.endpoint as usize % ENDPOINTS.len()];
    let report = validate(endpoint, &input.headers, input.body, input.secret);
    for v in &report.violations {
        assert!(!v.location.is_empty());
        assert!(!v.messages().en.is_empty() && !v.messages().ko.is_empty());
    }
    assert_eq!(report.is_valid(), report.error_count == 0);
    // The one-pass check calls a body clean only when the full validator finds nothing in it.
    if konaplate_core::validate::is_clean(endpoint, input.body) {
        assert_eq!(konaplate_core::validate::validate_body_value(endpoint, input.body).0, vec![]);
    }
}

#[derive(Arbitrary, Debug)]
struct TokenInput<'a> {
    token: &'a str,
    secret: &'a [u8],
    body: &'a [u8],
}

/// The tran-token parser and verifier: no panic; only the token we would produce verifies;
/// a token we sign always verifies.
pub fn check_tran_token(data: &[u8]) {
    let Ok(input) = TokenInput::arbitrary_take_rest(Unstructured::new(data)) else { return };
    let _ = parse_tran_token(input.token);
    if let Ok(parsed) = verify_tran_token(input.secret, input.token, input.body) {
        assert_eq!(input.token, tran_token(input.secret, parsed.time, input.body));
    }
    let ours = tran_token(input.secret, "20240101000000000", input.body);
    assert!(verify_tran_token(input.secret, &ours, input.body).is_ok());
}

#[derive(Arbitrary, Debug)]
enum Value {
    Text(String),
    Integer(String),
    Bool(bool),
}

#[derive(Arbitrary, Debug)]
struct BodyInput {
    endpoint: u8,
    fields: Vec<(u8, Value)>,
}

/// The body builder: no panic; what it builds is JSON whose integer fields keep the digits given.
pub fn check_build_body(data: &[u8]) {
    let Ok(input) = BodyInput::arbitrary_take_rest(Unstructured::new(data)) else { return };
    let endpoint = ENDPOINTS[input.endpoint as usize % ENDPOINTS.len()];
    let values: Vec<(&str, FieldValue)> = input
        .fields
        .into_iter()
        .map(|(i, v)| {
            let name =
                endpoint.request.get(i as usize % (endpoint.request.len() + 1)).map_or("unknownField", |f| f.name);
            let value = match v {
                Value::Text(s) => FieldValue::Text(s),
                Value::Integer(s) => FieldValue::Integer(s),
                Value::Bool(b) => FieldValue::Bool(b),
            };
            (name, value)
        })
        .collect();
    let Ok(body) = build_body(endpoint, &values) else { return };
    let parsed = json::read(&body).expect("built bodies are JSON");
    // The last value given for a field is the one written.
    let mut seen = std::collections::HashSet::new();
    for (name, value) in values.iter().rev() {
        if !seen.insert(*name) {
            continue;
        }
        if let (FieldValue::Integer(digits), Some(json::Value::Number(n))) = (value, parsed.get(*name)) {
            assert_eq!(digits, &json::number_text(n));
        }
    }
}

#[derive(Arbitrary, Debug)]
struct SandboxOp {
    endpoint: u8,
    sequence: u8,
    member: u8,
    amount: u32,
    token: u8,
    nr_pick: u8,
    advance_s: u16,
    tamper: bool,
    raw_body: Option<String>,
}

/// The sandbox over arbitrary sequences of (mostly well-signed) requests against one state.
/// After every request: `sandbox::invariants::check` holds (each balance is the sum of its
/// history, nothing refunded twice, every cancellation names a cancelled charge, a sequenceId is
/// used by one charge or one cancellation only, the nrNumber index agrees with the charges), no
/// balance exceeds the card limit, and the answer reads back as a clean envelope.
pub fn check_sandbox(data: &[u8]) {
    use konaplate_core::catalog::sandbox as sb;
    use konaplate_core::headers::{generate, Credentials, HeaderInputs};
    use konaplate_core::sandbox::{Sandbox, SandboxConfig, SandboxRequest};
    use konaplate_core::time::TimeZone;

    let Ok(ops) = Vec::<SandboxOp>::arbitrary_take_rest(Unstructured::new(data)) else { return };
    let secret = "fuzz-secret";
    let mut sandbox = Sandbox::new(SandboxConfig { secret_key: secret.into(), seed: 3 });
    let credentials =
        Credentials { asp_id: sb::ASP_ID.into(), access_key: sb::ACCESS_KEY.into(), secret_key: secret.into() };
    let members = [
        sb::MEMBER_ID,
        "9000000000000000004",
        sb::PENDING_COMPLETES_MEMBER_ID,
        sb::PENDING_FAILS_MEMBER_ID,
        "9999999999999999999",
    ];
    let mut now: i64 = 1_767_225_600_000;
    for op in ops.iter().take(64) {
        now += i64::from(op.advance_s) * 1000;
        let seq = format!("F-{}", op.sequence % 8);
        let member = members[op.member as usize % members.len()];
        let token = if op.token % 4 == 0 { "0000000000000000" } else { sb::PRESET_ONE_TIME_TOKEN };
        let nr = sandbox
            .state()
            .charges
            .values()
            .nth(op.nr_pick as usize % 4)
            .map(|c| c.nr_number.clone())
            .unwrap_or_default();
        let endpoint = ENDPOINTS[op.endpoint as usize % ENDPOINTS.len()];
        let body = op.raw_body.clone().unwrap_or_else(|| match endpoint.id {
            "charge" => format!(
                r#"{{"sequenceId":"{seq}","userId":{member},"amount":{},"oneTimeToken":"{token}","dcvv":"123","merchantId":"{}"}}"#,
                op.amount % 3_000_000,
                sb::MERCHANT_ID
            ),
            "cancel" => format!(r#"{{"sequenceId":"{seq}","userId":{member},"nrNumber":"{nr}","oneTimeToken":"{token}"}}"#),
            "result-inquiry" => format!(r#"{{"sequenceId":"{seq}"}}"#),
            _ => format!(r#"{{"cardNo":"{}"}}"#, sb::MEMBER_CARD_NO),
        });
        let inputs = HeaderInputs {
            credentials: &credentials,
            epoch_ms: now,
            zone: TimeZone::Kst,
            random: [1, 2, 3, 4],
            crypto_key_id: None,
        };
        let Ok(signed) = generate(&inputs, &body) else { continue };
        let headers = signed.headers.into_iter().map(|(n, v)| (n.to_string(), v)).collect();
        let sent = if op.tamper { format!("{body} ") } else { body };
        let response = sandbox
            .handle(&SandboxRequest { method: "POST".into(), path: endpoint.path.into(), headers, body: sent }, now);
        assert!(response.status == 200 || response.status >= 400, "status {}", response.status);
        // What the sandbox answers, the response reader reads back cleanly.
        let reading = read_response(Some(response.status), &response.body);
        assert!(reading.problems.iter().all(|p| p.severity == Severity::Note), "{:?}", reading.problems);
        assert_eq!(reading.code.as_deref(), Some(response.code.as_str()));

        let state = sandbox.state();
        if let Err(e) = konaplate_core::sandbox::invariants::check(state) {
            panic!("{e}");
        }
        for m in state.members.values() {
            assert!(m.balance <= sb::BALANCE_LIMIT, "a member over the limit");
        }
    }
}

#[derive(Arbitrary, Debug)]
struct ResponseInput<'a> {
    status: Option<u16>,
    body: &'a str,
}

/// The response reader over arbitrary status and body text: no panic; every problem located and
/// worded in English and Korean; the code and the data fields are exactly what an independent
/// parse of the same text holds (numbers included); no error means a code was read.
pub fn check_response(data: &[u8]) {
    let Ok(input) = ResponseInput::arbitrary_take_rest(Unstructured::new(data)) else { return };
    let reading = read_response(input.status, input.body);
    for p in &reading.problems {
        assert!(!p.location.is_empty());
        assert!(!p.messages().en.is_empty() && !p.messages().ko.is_empty());
    }
    assert!(!reading.data.contains_key("response") && !reading.data.contains_key("konaplate"));
    match json::read(input.body) {
        Ok(json::Value::Object(object)) => {
            let code = object.get("response").and_then(|r| r.get("code")).and_then(json::Value::as_str);
            assert_eq!(reading.code.as_deref(), code);
            for (key, value) in &reading.data {
                assert_eq!(object.get(key), Some(value), "{key} changed");
            }
        }
        _ => assert!(reading.code.is_none() && reading.problems.iter().any(|p| p.severity == Severity::Error)),
    }
    if reading.problems.iter().all(|p| p.severity != Severity::Error) {
        assert!(reading.code.is_some() || reading.encrypted);
    }
}

#[derive(Arbitrary, Debug)]
struct JweInput<'a> {
    /// A compact JWE, an `encData` body or a PEM: every reader gets it.
    text: &'a str,
    /// A content key to open the parsed JWE with (the AES-GCM path without RSA).
    content_key: &'a [u8],
    /// Round trip: plaintext, randomness and one byte to alter afterwards.
    plaintext: &'a [u8],
    random: [u8; 76],
    a256: bool,
    tamper_at: u16,
    tamper_bits: u8,
    /// 1 in 16 parsed inputs also runs the RSA private-key step (slow on purpose: constant
    /// time); 1 in 4 runs the round trip.
    full_decrypt: u8,
}

fn server_private() -> &'static konaplate_core::jwe::PrivateKey {
    use konaplate_core::jwe::{test_keys, PrivateKey};
    static KEY: std::sync::OnceLock<PrivateKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| PrivateKey::from_pem(test_keys::SERVER_PRIVATE_PKCS8).expect("test key"))
}

fn server_public() -> &'static konaplate_core::jwe::PublicKey {
    static KEY: std::sync::OnceLock<konaplate_core::jwe::PublicKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| server_private().public_key())
}

fn explained(e: &konaplate_core::jwe::JweError) {
    let konaplate_core::Text { en, ko } = e.explain();
    assert!(!en.is_empty() && !ko.is_empty(), "{e:?}");
}

/// The JWE parser, the key readers, both decryption steps and a tampered round trip: no panic,
/// every failure worded in EN/KO, an untouched round trip gives the plaintext back and any
/// altered byte is refused.
pub fn check_jwe(data: &[u8]) {
    use konaplate_core::jwe::{self, Enc, PrivateKey, PublicKey, Randomness};
    let Ok(input) = JweInput::arbitrary_take_rest(Unstructured::new(data)) else { return };
    if let Err(e) = PublicKey::from_pem(input.text) {
        assert!(!e.explain().ko.is_empty());
    }
    if let Err(e) = PrivateKey::from_pem(input.text) {
        assert!(!e.explain().ko.is_empty());
    }
    let jwe_text = match jwe::unwrap_body(input.text) {
        Ok(inner) => inner,
        Err(e) => {
            assert!(!e.explain().ko.is_empty());
            input.text.to_string()
        }
    };
    match jwe::parse(&jwe_text) {
        Err(e) => explained(&e.into()),
        Ok(parsed) => {
            if let Err(e) = jwe::decrypt_with_content_key(&parsed, input.content_key) {
                explained(&e);
            }
            if input.full_decrypt % 16 == 0 {
                match jwe::decrypt(server_private(), &jwe_text) {
                    Ok(out) => assert_eq!((out.alg, out.enc), (parsed.header.alg, parsed.header.enc)),
                    Err(e) => explained(&e),
                }
            }
        }
    }

    // The round trip costs an RSA public-key operation: 1 input in 4 runs it.
    if input.full_decrypt % 4 != 1 {
        return;
    }
    let enc = if input.a256 { Enc::A256Gcm } else { Enc::A128Gcm };
    let random = Randomness::from_bytes(&input.random);
    let sealed =
        jwe::encrypt(server_public(), enc, input.plaintext, &random).expect("a 2048-bit key wraps any content key");
    let parsed = jwe::parse(&sealed).expect("our own JWE parses");
    let key = &random.content_key[..enc.key_len()];
    let opened = jwe::decrypt_with_content_key(&parsed, key).expect("our own JWE opens");
    assert_eq!(opened.plaintext, input.plaintext);
    // Which part the altered byte is in; a change to the encrypted key (part 1) is only seen by
    // RSA-OAEP, which this path skips, so only there may the content still open.
    let at = input.tamper_at as usize % sealed.len();
    let part = sealed.as_bytes()[..at].iter().filter(|&&b| b == b'.').count();
    let mut bytes = sealed.into_bytes();
    bytes[at] ^= input.tamper_bits.max(1);
    let Ok(tampered) = String::from_utf8(bytes) else { return };
    if let Ok(parsed) = jwe::parse(&tampered) {
        match jwe::decrypt_with_content_key(&parsed, key) {
            Ok(out) => {
                assert_eq!(part, 1, "a JWE altered in part {part} opened");
                assert_eq!(out.plaintext, input.plaintext);
            }
            Err(e) => explained(&e),
        }
    }
}

/// The JSON reader against serde_json on any text: the same value (numbers on their exact
/// text) or the same error at the same line and column; the `Node` reader the same; and the
/// value written back (`json::string` for strings) reads as the same value. serde_json reads
/// an object whose only key is its private number key as a number: such texts are skipped.
pub fn check_json(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if text.contains("$serde_json::private::Number") {
        return;
    }
    let ours = json::read(&text);
    match (&ours, serde_json::from_str::<serde_json::Value>(&text)) {
        (Ok(ours), Ok(theirs)) => assert_eq!(ours, &theirs, "{text:?}"),
        (Err(ours), Err(theirs)) => assert_eq!(ours.to_string(), theirs.to_string(), "{text:?}"),
        (ours, theirs) => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
    match (json::read_node(&text), &ours) {
        (Ok(node), Ok(value)) => assert_eq!(json::text(value), node_text(&node), "{text:?}"),
        (Err(a), Err(b)) => assert_eq!(&a, b, "{text:?}"),
        (node, value) => panic!("{text:?}: node {node:?}, value {value:?}"),
    }
    if let Ok(serde_json::Value::String(s)) = &ours {
        assert_eq!(json::string(s), serde_json::to_string(s).unwrap());
    }
}

/// A `Node` as compact JSON text (as `json::text` writes the same `Value`).
fn node_text(node: &json::Node) -> String {
    match node {
        json::Node::Null => "null".into(),
        json::Node::Bool(b) => b.to_string(),
        json::Node::Number(n) => n.clone(),
        json::Node::String(s) => json::string(s),
        json::Node::Array(items) => format!("[{}]", items.iter().map(node_text).collect::<Vec<_>>().join(",")),
        json::Node::Object(members) => {
            let members: Vec<String> =
                members.iter().map(|(k, v)| format!("{}:{}", json::string(k), node_text(v))).collect();
            format!("{{{}}}", members.join(","))
        }
    }
}
