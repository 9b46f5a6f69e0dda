//! Property tests: the validator and signer never panic on arbitrary input, a built body
//! validates clean, and sign-then-verify holds while any changed byte fails.
#![cfg(not(target_arch = "wasm32"))]

use konaplate_core::body::{build_body, FieldValue};
use konaplate_core::catalog::{CHARGE_ENDPOINT, ENDPOINTS};
use konaplate_core::headers::{generate, Credentials, HeaderInputs};
use konaplate_core::sign::{parse_tran_token, tran_token, verify_tran_token, TokenError};
use konaplate_core::time::TimeZone;
use konaplate_core::validate::{is_clean, validate, validate_body, validate_body_value};
use proptest::prelude::*;

fn header_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop_oneof![
        Just("X-KM-User-AspId".to_string()),
        Just("X-KM-Correlation-Id".to_string()),
        Just("x-km-access-key".to_string()),
        Just("X-KM-Crypto-Key-Id".to_string()),
        Just("X-KM-Tran-Token".to_string()),
        Just("X-KM-Tran-Time".to_string()),
        Just("X-KM-Time-Zone".to_string()),
        "X-KM-[A-Za-z-]{0,12}",
        ".{0,20}",
    ];
    let value = prop_oneof![
        "KMV1:[0-9]{17}:[A-Za-z0-9+/=]{44}",
        "[0-9]{12}-[0-9a-fA-F]{7}",
        "[0-9]{14}",
        "[A-Z]{3}",
        ".{0,80}",
    ];
    prop::collection::vec((name, value), 0..10)
}

fn json_ish() -> impl Strategy<Value = String> {
    prop_oneof![
        // Arbitrary text, including invalid UTF-8 replaced chars, NULs and control characters.
        ".{0,200}",
        // Objects with charge-like keys and random scalar text.
        prop::collection::vec(
            (
                prop_oneof![Just("userId"), Just("amount"), Just("sequenceId"), Just("dcvv"), Just("x")],
                prop_oneof![
                    "-?[0-9]{1,30}",
                    "[0-9]{1,5}\\.[0-9]{1,5}",
                    "[0-9]e[+-]?[0-9]{1,4}",
                    "\"[^\"\\\\]{0,40}\"",
                    Just("null".to_string()),
                    Just("[]".to_string())
                ],
            ),
            0..8,
        )
        .prop_map(|pairs| {
            let inner: Vec<String> = pairs.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            format!("{{{}}}", inner.join(","))
        }),
    ]
}

/// The seed charge (valid) with one member's value replaced, one member dropped, or one added:
/// near misses of every kind, and some bodies that stay valid.
fn seed_with_one_value_changed() -> impl Strategy<Value = String> {
    const SEED: &[(&str, &str)] = &[
        ("sequenceId", "\"S1\""),
        ("userId", "9999999999999999999"),
        ("amount", "10000"),
        ("oneTimeToken", "\"1111222233334444\""),
        ("dcvv", "\"123\""),
        ("merchantId", "\"123456789012345\""),
    ];
    let value = prop_oneof![
        "-?[0-9]{1,21}",
        "-?[0-9]{1,3}\\.[0-9]{1,3}([eE][+-]?[0-9]{1,2})?",
        "\"[0-9]{0,20}\"",
        "\"[ -~가-힣\u{200b}\u{202e}]{0,32}\"",
        Just("null".to_string()),
        Just("true".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
    ];
    let key = prop_oneof![prop::sample::select(SEED.iter().map(|(k, _)| *k).collect::<Vec<_>>()), Just("extra")];
    (0..SEED.len(), value, 0..3u8, key).prop_map(|(at, value, how, key)| {
        let mut members: Vec<String> = SEED.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        match how {
            0 => members[at] = format!("\"{}\":{value}", SEED[at].0),
            1 => drop(members.remove(at)),
            _ => members.insert(at, format!("\"{key}\":{value}")),
        }
        format!("{{{}}}", members.join(","))
    })
}

/// Nested JSON text with few distinct keys (so keys repeat), and strings holding `:`, `"` and `\`.
fn nested_json() -> impl Strategy<Value = String> {
    let key = prop_oneof![Just(r#""a""#), Just(r#""a:""#), Just(r#""q\"""#), Just(r#""\\""#), Just(r#""""#)];
    let leaf = prop_oneof![Just("1".to_string()), Just(r#""x\":y""#.to_string()), Just("null".to_string())];
    leaf.prop_recursive(4, 40, 5, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|items| format!("[{}]", items.join(" , "))),
            prop::collection::vec((key.clone(), inner), 0..5).prop_map(|pairs| {
                let entries: Vec<String> = pairs.iter().map(|(k, v)| format!("{k} :{v}")).collect();
                format!("{{{}}}", entries.join(","))
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn validate_never_panics(body in json_ish(), headers in header_pairs(), secret in prop::option::of(prop::collection::vec(any::<u8>(), 0..40))) {
        for endpoint in ENDPOINTS {
            let report = validate(endpoint, &headers, &body, secret.as_deref());
            // Every violation is fully described in both languages.
            for v in &report.violations {
                prop_assert!(!v.location.is_empty());
                prop_assert!(!v.messages().en.is_empty() && !v.messages().ko.is_empty());
            }
        }
    }

    #[test]
    fn the_one_pass_check_never_calls_a_body_with_a_violation_clean(body in seed_with_one_value_changed()) {
        for endpoint in ENDPOINTS {
            if is_clean(endpoint, &body) {
                let full = validate_body_value(endpoint, &body).0;
                prop_assert!(full.is_empty(), "{}: {} for {:?}", endpoint.id, body, full);
            }
        }
    }

    #[test]
    fn one_pass_finds_each_repeated_key_and_reads_the_value_parse_reads(body in prop_oneof![json_ish(), nested_json()]) {
        if let Ok(parsed) = konaplate_core::json::read(&body) {
            let (value, duplicates) = konaplate_core::json::parse_with_duplicates(&body).expect("parse accepted it");
            prop_assert_eq!(&value, &parsed);
            // A key repeats exactly when the value keeps fewer entries than the text writes keys.
            prop_assert_eq!(duplicates.is_empty(), keys_written(&body) == entries(&parsed), "{}: {:?}", body, duplicates);
        }
    }

    #[test]
    fn parse_tran_token_never_panics(token in ".{0,100}") {
        let _ = parse_tran_token(&token);
    }

    #[test]
    fn built_bodies_with_signed_headers_have_no_violation(
        sequence_id in "[A-Za-z0-9가-힣_-]{1,30}",
        user_id in "[1-9][0-9]{0,18}",
        amount in "[1-9][0-9]{0,9}",
        token in "[0-9]{16}",
        dcvv in "[0-9]{3}",
        merchant in "[0-9]{1,15}",
        secret in ".{0,64}",
        epoch_ms in 0i64..4_102_444_800_000,
        random in any::<[u8; 4]>(),
        kst in any::<bool>(),
    ) {
        let body = build_body(&CHARGE_ENDPOINT, &[
            ("sequenceId", FieldValue::Text(sequence_id)),
            ("userId", FieldValue::Integer(user_id.clone())),
            ("amount", FieldValue::Integer(amount)),
            ("oneTimeToken", FieldValue::Text(token)),
            ("dcvv", FieldValue::Text(dcvv)),
            ("merchantId", FieldValue::Text(merchant)),
        ]).unwrap();
        let expected = format!("\"userId\":{},", user_id);
        prop_assert!(body.contains(&expected));
        prop_assert_eq!(validate_body(&CHARGE_ENDPOINT, &body), vec![]);
        // …and found so by the one-pass check, without the full validator.
        prop_assert!(is_clean(&CHARGE_ENDPOINT, &body), "{}", body);
        let credentials = Credentials {
            asp_id: "KPSANDBOX000001".into(),
            access_key: "kp_sandbox_access_key_000000000000000000".into(),
            secret_key: secret.clone(),
        };
        let zone = if kst { TimeZone::Kst } else { TimeZone::Utc };
        let signed = generate(&HeaderInputs { credentials: &credentials, epoch_ms, zone, random, crypto_key_id: None }, &body).unwrap();
        let report = validate(&CHARGE_ENDPOINT, &signed.headers, &body, Some(secret.as_bytes()));
        prop_assert_eq!(report.error_count + report.warning_count, 0, "{:#?}", report.violations);
    }

    #[test]
    fn sign_then_verify_holds_and_any_changed_byte_fails(
        secret in prop::collection::vec(any::<u8>(), 0..64),
        body in prop::collection::vec(any::<u8>(), 1..300),
        index in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let token = tran_token(&secret, "20240101000000000", &body);
        prop_assert!(verify_tran_token(&secret, &token, &body).is_ok());
        let mut changed = body.clone();
        let i = index.index(changed.len());
        changed[i] ^= flip;
        prop_assert_eq!(verify_tran_token(&secret, &token, &changed), Err(TokenError::Mismatch));
        // HMAC zero-pads short keys, so `k` and `k + [0]` are the same key by design: append 1.
        let mut other_secret = secret.clone();
        other_secret.push(1);
        prop_assert_eq!(verify_tran_token(&other_secret, &token, &body), Err(TokenError::Mismatch));
    }
}

/// The doctor (the `diagnose` feature, on by default).
#[cfg(feature = "diagnose")]
mod doctor {
    use super::*;

    /// Pastes that start like each format the doctor reads, then go anywhere.
    fn paste() -> impl Strategy<Value = String> {
        let head = prop_oneof![
            Just("curl ".to_string()),
            Just("curl 'https://h/open-api/api/v1/recharges/by-bank-accounts/no-hce' -H ".to_string()),
            Just("POST /api/v1/recharges/by-bank-accounts/no-hce HTTP/1.1\r\nContent-Length: ".to_string()),
            Just("{\"request\":{\"method\":\"POST\",\"url\":".to_string()),
            Just("{\"log\":{\"entries\":[".to_string()),
            Just(String::new()),
        ];
        (head, ".{0,200}", header_pairs(), json_ish()).prop_map(|(head, tail, headers, body)| {
            let mut text = format!("{head}{tail}");
            for (name, value) in headers {
                text.push_str(&format!(" -H '{name}: {value}'\n{name}: {value}\r\n"));
            }
            text.push_str(&format!("\r\n\r\n --data-raw '{body}'"));
            text
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// The doctor reads anything a user may paste without panicking, with or without a secret.
        #[test]
        fn diagnose_never_panics(text in paste(), secret in prop::option::of(prop::collection::vec(any::<u8>(), 0..20))) {
            let _ = konaplate_core::diagnose::diagnose(&text, secret.as_deref(), Some(1_767_225_600_000));
        }
    }
}

/// Object keys written in JSON `text` (valid JSON: a key is a string followed by `:`), by a byte
/// scan that knows nothing of the reader.
fn keys_written(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut count, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) == Some(&b':') {
            count += 1;
        }
    }
    count
}

/// Object entries in `value`, at every depth.
fn entries(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Object(map) => map.len() + map.values().map(entries).sum::<usize>(),
        serde_json::Value::Array(items) => items.iter().map(entries).sum(),
        _ => 0,
    }
}
