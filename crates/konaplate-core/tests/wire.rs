//! The JSON of violations is a wire format (the JS package, the console, the proxy's header,
//! the sandbox's replies read it): reports for a set of inputs covering every kind of violation
//! must serialise byte for byte as recorded in `fixtures/violations-wire.txt`.
//!
//! Every report among them is also written by `Report::to_json` (no serde), which must give
//! the same bytes.
//!
//! `KONAPLATE_BLESS=1 cargo test -p konaplate-core --test wire` rewrites the fixture; only do
//! that when the wire format is meant to change.

use konaplate_core::body::{build_body, FieldValue};
use konaplate_core::catalog::{self, CHARGE_ENDPOINT, ONE_TIME_TOKEN_ENDPOINT};
use konaplate_core::deviation::check_response;
use konaplate_core::response::read_response;
use konaplate_core::validate::{not_utf8, validate, validate_headers};
use konaplate_core::{sign, Endpoint};

const FIXTURE: &str = "tests/fixtures/violations-wire.txt";
const GOOD: &str = r#"{"sequenceId":"S1","userId":9999999999999999999,"amount":10000,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}"#;
const SECRET: &[u8] = b"secret";
const JWE: &str = include_str!("../../../testdata/jwe/known-answer-a128gcm.jwe");

fn with(base: &str, field: &str, raw: &str) -> String {
    let mut v: serde_json::Map<String, serde_json::Value> = serde_json::from_str(base).unwrap();
    v.insert(field.into(), serde_json::from_str(raw).unwrap());
    serde_json::to_string(&v).unwrap()
}

fn headers(body: &str) -> Vec<(String, String)> {
    let token = sign::tran_token(SECRET, "20241231235959123", body.as_bytes());
    [
        ("X-KM-User-AspId", "KPSANDBOX000001"),
        ("X-KM-Correlation-Id", "241231235959-0a1b2c3"),
        ("X-KM-Access-Key", "kp_sandbox_access_key_000000000000000000"),
        ("X-KM-Tran-Token", token.as_str()),
        ("X-KM-Tran-Time", "20241231235959"),
        ("X-KM-Time-Zone", "KST"),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .collect()
}

fn replaced(body: &str, name: &str, value: &str) -> Vec<(String, String)> {
    headers(body).into_iter().map(|(n, v)| if n == name { (n, value.to_string()) } else { (n, v) }).collect()
}

/// Every case: a name and the JSON text the library gives for it.
fn cases() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let json = |v: &dyn erased::Ser| v.json();
    let no_headers: &[(&str, &str)] = &[];

    // Bodies of the charge endpoint.
    let mut bodies: Vec<(String, String)> = vec![
        ("good".into(), GOOD.into()),
        ("syntax".into(), "{\"userId\": 12,}".into()),
        ("syntax-eof".into(), "{\"userId\": ".into()),
        ("syntax-empty".into(), String::new()),
        ("array-root".into(), "[]".into()),
        ("number-root".into(), "9999999999999999999".into()),
        ("duplicates".into(), r#"{"sequenceId":"S1","userId":1,"userId":2,"extra":true}"#.into()),
        ("empty-object".into(), "{}".into()),
        ("quoted-digits".into(), with(GOOD, "userId", "\"9999999999999999999\"")),
    ];
    let fields: &[(&str, &str)] = &[
        ("userId", "10000000000000000000"),
        ("userId", "0"),
        ("userId", "-0"),
        ("userId", "1.0"),
        ("userId", "1e3"),
        ("userId", "\"1234\""),
        ("userId", "null"),
        ("userId", "true"),
        ("amount", "10000000000"),
        ("amount", "1e400"),
        ("amount", "\"1\""),
        ("sequenceId", "\"\""),
        ("sequenceId", "\"1234567890123456789012345678901\""),
        ("sequenceId", "12"),
        ("sequenceId", "\"S\\u202e1\""),
        ("sequenceId", "\"S\\u200b1\""),
        ("sequenceId", "\"가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다\""),
        ("oneTimeToken", "\"111122223333444\""),
        ("oneTimeToken", "\"1\""),
        ("dcvv", "123"),
        ("dcvv", "[1]"),
        ("dcvv", "{}"),
        ("merchantId", "\"1234567890123456\""),
        ("merchantId", "\"12345678901234\\u0000\""),
    ];
    for (field, raw) in fields {
        bodies.push((format!("{field}={raw}"), with(GOOD, field, raw)));
    }
    for (name, body) in &bodies {
        out.push((format!("charge body {name}"), report_json(&validate(&CHARGE_ENDPOINT, no_headers, body, None))));
    }
    out.push(("not utf8".into(), json(&not_utf8(7))));

    // Encrypted operation.
    let jwe = JWE.trim();
    let a256 = jwe.replacen(
        "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMTI4R0NNIn0",
        "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0",
        1,
    );
    let encrypted: Vec<(&str, String)> = vec![
        ("plain", r#"{"cardNo":"1234567812345678"}"#.into()),
        ("jwe", konaplate_core::jwe::wrap(jwe)),
        ("not-a-jwe", r#"{"encData":"not-a-jwe"}"#.into()),
        ("unsupported", konaplate_core::jwe::wrap(&a256)),
        ("number", r#"{"encData":12}"#.into()),
        ("extra", format!(r#"{{"encData":"{jwe}","cardNo":"1234567812345678"}}"#)),
        ("wrong-type", r#"{"cardNo":"1234567812345678","type":"BANK"}"#.into()),
    ];
    for (name, body) in &encrypted {
        out.push((
            format!("one-time-token body {name}"),
            report_json(&validate(&ONE_TIME_TOKEN_ENDPOINT, no_headers, body, None)),
        ));
    }

    // A loaded document: nested objects, arrays, closed objects, dates, enums.
    let doc = catalog::load::load(include_str!("../../../testdata/foreign-openapi.json")).unwrap();
    let order: &Endpoint = doc.operations[0];
    let good_order = r#"{"orderId":1,"channel":"APP","orderDate":"20240229","buyer":{"name":"K","address":{"zip":"04524"}},"items":[{"sku":"A","quantity":1}]}"#;
    let orders: Vec<(&str, String)> = vec![
        ("good", good_order.into()),
        ("channel", with(good_order, "channel", "\"TV\"")),
        ("date", with(good_order, "orderDate", "\"20230229\"")),
        ("no-items", with(good_order, "items", "[]")),
        ("many-items", with(good_order, "items", &format!("[{}]", vec![r#"{"sku":"A","quantity":1}"#; 21].join(",")))),
        ("items-not-array", with(good_order, "items", "{}")),
        (
            "item-closed",
            with(
                good_order,
                "items",
                r#"[{"sku":"A","quantity":1,"colour":"red"},null,{"sku":"","quantity":100,"price":"1"}]"#,
            ),
        ),
        ("buyer", with(good_order, "buyer", r#"{"name":"K","address":{"zip":"0452"},"age":3}"#)),
        ("buyer-missing", with(good_order, "buyer", r#"{"address":"x"}"#)),
        ("gift", with(good_order, "gift", "\"yes\"")),
        ("extra", with(good_order, "note", "\"x\"")),
    ];
    for (name, body) in &orders {
        out.push((format!("createOrder body {name}"), report_json(&validate(order, no_headers, body, None))));
    }

    // Headers.
    let mac = sign::mac_base64(SECRET, GOOD.as_bytes());
    let header_cases: Vec<(&str, String)> = vec![
        ("X-KM-User-AspId", "SHORT".into()),
        ("X-KM-User-AspId", "KPSANDBOX 00001".into()),
        ("X-KM-Correlation-Id", "241231235959_0a1b2c3".into()),
        ("X-KM-Correlation-Id", "241231235959-0a1b2cg".into()),
        ("X-KM-Correlation-Id", "241331235959-0a1b2c3".into()),
        ("X-KM-Access-Key", "short".into()),
        ("X-KM-Access-Key", "kp_sandbox_access_key_00000000000000000 ".into()),
        ("X-KM-Tran-Time", "2024123123595".into()),
        ("X-KM-Tran-Time", "20231340256199".into()),
        ("X-KM-Tran-Time", "20241231235958".into()),
        ("X-KM-Time-Zone", "kst".into()),
        ("X-KM-Time-Zone", "Asia/Seoul".into()),
        ("X-KM-Time-Zone", "JST".into()),
        ("X-KM-Tran-Token", format!("KMV1:20241231235959123:{}", mac.trim_end_matches('='))),
        ("X-KM-Tran-Token", format!("KMV1:20241331235959123:{mac}")),
        ("X-KM-Tran-Token", format!("KMV2:20241231235959123:{mac}")),
        ("X-KM-Tran-Token", "KMV1:2024:abc".into()),
        ("X-KM-Tran-Token", "".into()),
        ("X-KM-Tran-Token", format!("KMV1:20241231235959123:{}", sign::mac_base64(b"other", GOOD.as_bytes()))),
    ];
    out.push(("headers good".into(), report_json(&validate(&CHARGE_ENDPOINT, &headers(GOOD), GOOD, Some(SECRET)))));
    for (name, value) in &header_cases {
        let report = validate(&CHARGE_ENDPOINT, &replaced(GOOD, name, value), GOOD, Some(SECRET));
        out.push((format!("headers {name}={value}"), report_json(&report)));
    }
    let mut odd = headers(GOOD);
    odd.retain(|(n, _)| n != "X-KM-Tran-Time");
    odd.push(("x-km-user-aspid".into(), "KPSANDBOX000001".into()));
    odd.push(("X-KM-Tran-Tokn".into(), "x".into()));
    out.push(("headers missing repeated unknown".into(), report_json(&validate(&CHARGE_ENDPOINT, &odd, GOOD, None))));
    out.push((
        "headers none".into(),
        json(&validate_headers(&CHARGE_ENDPOINT, no_headers, &konaplate_core::jwe::wrap(jwe), None)),
    ));
    out.push((
        "headers encrypted none".into(),
        json(&validate_headers(&ONE_TIME_TOKEN_ENDPOINT, no_headers, &konaplate_core::jwe::wrap(jwe), None)),
    ));

    // Responses.
    let responses: &[(Option<u16>, &str)] = &[
        (Some(200), r#"{"nrNumber":"NR1","isPending":false,"response":{"code":"000_000","description":"Success."}}"#),
        (Some(400), r#"{"response":{"code":"000_000","description":"Success."}}"#),
        (None, "{"),
        (None, "[1]"),
        (None, r#"{"a":1,"a":2,"response":{"code":"000_000","description":"x"}}"#),
        (None, r#"{"encData":"x"}"#),
        (None, r#"{"data":1}"#),
        (None, r#"{"response":"x"}"#),
        (None, r#"{"response":{"code":"000_000"}}"#),
        (None, r#"{"response":{"code":1,"description":2}}"#),
        (None, r#"{"response":{"description":"x"}}"#),
        (None, r#"{"response":{"code":"0000","description":"x"}}"#),
        (None, r#"{"response":{"code":"123_456","description":"x"}}"#),
        (
            Some(400),
            r#"{"response":{"code":"000_903","description":"x"},"konaplate":{"explanation":{"en":"E","ko":"K"}}}"#,
        ),
    ];
    for (status, body) in responses {
        out.push((format!("response {status:?} {body}"), json(&read_response(*status, body))));
    }
    let deviations: &[(u16, &str)] = &[
        (200, r#"{"nrNumber":"NR1","isPending":false,"response":{"code":"000_000","description":"Success."}}"#),
        (
            200,
            r#"{"isPending":false,"extra":1,"big":12345678901234567890,"list":[-99999999999999999],"response":{"code":"000_000","description":"Success."}}"#,
        ),
        (400, r#"{"response":{"code":"000_903","description":"x"}}"#),
        (400, r#"{"response":{"code":"007_008","description":"x"}}"#),
        (400, r#"{"response":{"code":"999_999","description":"x"}}"#),
        (200, r#"{"nrNumber":1,"isPending":"no","response":{"code":"000_000","description":"Success."}}"#),
    ];
    for (status, body) in deviations {
        out.push((format!("deviation {status} {body}"), json(&check_response(&CHARGE_ENDPOINT, *status, body))));
    }

    // The body builder.
    let built = build_body(
        &CHARGE_ENDPOINT,
        &[
            ("nope", FieldValue::Text("x".into())),
            ("userId", FieldValue::Integer("12a".into())),
            ("amount", FieldValue::Bool(true)),
            ("sequenceId", FieldValue::Integer("1".into())),
        ],
    );
    out.push(("build_body".into(), json(&built.err())));

    // A loaded document's exclusive bounds, const and pattern (appended: the cases above keep
    // their bytes).
    let keywords: Vec<(&str, String)> = vec![
        ("keywords-good", with(good_order, "couponCode", r#""ABC-1234""#)),
        ("pattern", with(good_order, "couponCode", r#""abc-1234""#)),
        ("discount-zero", with(good_order, "discountRate", "0")),
        ("discount-one", with(good_order, "discountRate", "1.0")),
        ("priority-ten", with(good_order, "priority", "10")),
        ("priority-zero", with(good_order, "priority", "0")),
        ("currency", with(good_order, "currency", r#""USD""#)),
        ("format-version", with(good_order, "formatVersion", "2")),
        ("format-version-one-point-zero", with(good_order, "formatVersion", "1.0")),
        ("price-zero", with(good_order, "items", r#"[{"sku":"A","quantity":1,"price":0}]"#)),
    ];
    for (name, body) in &keywords {
        out.push((format!("createOrder body {name}"), report_json(&validate(order, no_headers, body, None))));
    }

    // Type lists with null and `type: "null"` (appended: the cases above keep their bytes).
    let nullable_doc = catalog::load::load(
        r##"{"openapi":"3.1.0","paths":{"/n":{"post":{"operationId":"nullable","requestBody":{"content":{"application/json":{"schema":{"type":"object","required":["memo","count","none","plain"],"properties":{"memo":{"type":["string","null"],"maxLength":3},"count":{"type":["integer","null"],"minimum":1},"none":{"type":"null"},"plain":{"type":"string"}}}}}}}}}}"##,
    )
    .unwrap();
    let nullable: &Endpoint = nullable_doc.operations[0];
    let good_nullable = r#"{"memo":null,"count":null,"none":null,"plain":"p"}"#;
    let nullables: Vec<(&str, String)> = vec![
        ("good", good_nullable.into()),
        ("values", r#"{"memo":"abc","count":1,"none":null,"plain":"p"}"#.into()),
        ("memo-number", with(good_nullable, "memo", "1")),
        ("memo-long", with(good_nullable, "memo", r#""abcd""#)),
        ("count-quoted", with(good_nullable, "count", r#""1""#)),
        ("count-zero", with(good_nullable, "count", "0")),
        ("none-zero", with(good_nullable, "none", "0")),
        ("plain-null", with(good_nullable, "plain", "null")),
        ("missing", "{}".into()),
    ];
    for (name, body) in &nullables {
        out.push((format!("nullable body {name}"), report_json(&validate(nullable, no_headers, body, None))));
    }
    out
}

/// A report's JSON, written without serde (`Report::to_json`, the JS package's), checked to be
/// what serde_json writes for it.
fn report_json(report: &konaplate_core::Report) -> String {
    let text = report.to_json();
    assert_eq!(text, serde_json::to_string(report).unwrap(), "Report::to_json differs from serde_json's");
    text
}

mod erased {
    pub trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}

fn render(cases: &[(String, String)]) -> String {
    cases.iter().map(|(name, json)| format!("## {name}\n{json}\n")).collect()
}

#[test]
fn violations_serialise_as_recorded() {
    let got = render(&cases());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE);
    if std::env::var_os("KONAPLATE_BLESS").is_some() {
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).expect("the fixture exists (KONAPLATE_BLESS=1 writes it)");
    for (g, w) in got.lines().zip(want.lines()) {
        assert_eq!(g, w, "the wire format of violations changed");
    }
    assert_eq!(got.lines().count(), want.lines().count());
}
