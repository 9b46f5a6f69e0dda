// Shared by wasm_node.rs and wasm_browser.rs: the core's promises, checked inside a Wasm engine.
use konaplate_core::body::{build_body, FieldValue};
use konaplate_core::catalog::{sandbox, CHARGE_ENDPOINT, SCENARIOS};
use konaplate_core::headers::{generate, Credentials, HeaderInputs};
use konaplate_core::sign::verify_tran_token;
use konaplate_core::time::TimeZone;
use konaplate_core::validate::validate_body;
use konaplate_core::{validate, Report, Rule};

/// HMAC-SHA256 "Jefe" / "what do ya want for nothing?" (RFC 4231 case 2), Base64: the same
/// vector openssl gives natively, now computed by the Wasm build.
pub fn rfc4231_vector_in_wasm() {
    assert_eq!(
        konaplate_core::sign::mac_base64(b"Jefe", b"what do ya want for nothing?"),
        "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="
    );
}

/// A 19-digit userId survives building, signing and validation inside Wasm.
pub fn nineteen_digit_user_id_survives_in_wasm() {
    let body = build_body(
        &CHARGE_ENDPOINT,
        &[
            ("sequenceId", FieldValue::Text("WASM-1".into())),
            ("userId", FieldValue::Integer("9999999999999999999".into())),
            ("amount", FieldValue::Integer("10000".into())),
            ("oneTimeToken", FieldValue::Text(sandbox::PRESET_ONE_TIME_TOKEN.into())),
            ("dcvv", FieldValue::Text(sandbox::PRESET_DCVV.into())),
            ("merchantId", FieldValue::Text(sandbox::MERCHANT_ID.into())),
        ],
    )
    .unwrap();
    assert!(body.contains("\"userId\":9999999999999999999,"), "{body}");
    let credentials = Credentials {
        asp_id: sandbox::ASP_ID.into(),
        access_key: sandbox::ACCESS_KEY.into(),
        secret_key: "wasm-secret".into(),
    };
    let inputs = HeaderInputs {
        credentials: &credentials,
        epoch_ms: 1_667_876_894_608,
        zone: TimeZone::Kst,
        random: [1, 2, 3, 4],
        crypto_key_id: None,
    };
    let signed = generate(&inputs, &body).unwrap();
    let report = validate(&CHARGE_ENDPOINT, &signed.headers, &body, Some(b"wasm-secret"));
    assert!(report.is_valid(), "{:?}", report.violations);
    assert!(verify_tran_token(b"wasm-secret", &signed.signature.token, body.as_bytes()).is_ok());
    let over = body.replace("9999999999999999999", "10000000000000000000");
    let report = validate(&CHARGE_ENDPOINT, &signed.headers, &over, Some(b"wasm-secret"));
    let rules: Vec<Rule> = report.errors().map(|v| v.rule()).collect();
    assert_eq!(rules, [Rule::Maximum, Rule::Signature]);
}

/// The JWE known-answer vector and RFC 7516 A.1 decrypt inside Wasm, and a fresh encryption
/// with fixed randomness reproduces the known answer.
pub fn jwe_vectors_in_wasm() {
    use konaplate_core::jwe::{self, test_keys, Enc, PrivateKey, PublicKey, Randomness};
    let kat = include_str!("../../../../testdata/jwe/known-answer-a128gcm.jwe").trim();
    let key = PrivateKey::from_pem(test_keys::SERVER_PRIVATE_PKCS8).unwrap();
    let plaintext = br#"{"cardNo":"1111222233334444","type":"ATM"}"#;
    assert_eq!(jwe::decrypt(&key, kat).unwrap().plaintext, plaintext);
    let mut bytes = [0u8; Randomness::LEN];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = match i {
            0..32 => i as u8,
            32..44 => 0xa0 + (i - 32) as u8,
            _ => 0x40 + (i - 44) as u8,
        };
    }
    let public = PublicKey::from_pem(test_keys::SERVER_CERTIFICATE).unwrap();
    assert_eq!(jwe::encrypt(&public, Enc::A128Gcm, plaintext, &Randomness::from_bytes(&bytes)).unwrap(), kat);
    let rfc = PrivateKey::from_pem(include_str!("../../../../testdata/keys/rfc7516-a1-private.pem")).unwrap();
    let opened = jwe::decrypt(&rfc, include_str!("../../../../testdata/keys/rfc7516-a1.jwe")).unwrap();
    assert_eq!(opened.plaintext, b"The true sign of intelligence is not knowledge but imagination.");
}

/// Every Test Data preset validates as the catalog says, inside Wasm.
pub fn presets_validate_in_wasm() {
    for s in SCENARIOS {
        let report = Report::new(validate_body(&CHARGE_ENDPOINT, s.body));
        let expect_errors = matches!(s.id, "invalid-input" | "amount-below-one");
        assert_eq!(report.error_count > 0, expect_errors, "{}", s.id);
    }
}

/// The test list, once: `wasm_node.rs` and `wasm_browser.rs` each expand it into their own
/// binary (one runs in Node, the other in headless Chromium).
#[macro_export]
macro_rules! wasm_tests {
    () => {
        #[wasm_bindgen_test::wasm_bindgen_test]
        fn rfc4231_vector() {
            common::rfc4231_vector_in_wasm();
        }

        #[wasm_bindgen_test::wasm_bindgen_test]
        fn nineteen_digit_user_id() {
            common::nineteen_digit_user_id_survives_in_wasm();
        }

        #[wasm_bindgen_test::wasm_bindgen_test]
        fn jwe_vectors() {
            common::jwe_vectors_in_wasm();
        }

        #[wasm_bindgen_test::wasm_bindgen_test]
        fn presets() {
            common::presets_validate_in_wasm();
        }
    };
}
