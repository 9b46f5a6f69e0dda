// Shared by node.rs and browser.rs: the exported functions called as js/package/boundary.js
// calls them, in a JS engine (JsError and strings cross the real boundary).
use js_sys::{Reflect, JSON};
use wasm_bindgen::JsValue;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// The charge fields as boundary.js writes them: `[name, kind, text]`.
fn fields(user_id: (&str, &str)) -> String {
    let (kind, text) = user_id;
    format!(
        r#"[["sequenceId","s","W-1"],["userId","{kind}","{text}"],["amount","i","10000"],["oneTimeToken","s","1111222233334444"],["dcvv","s","123"],["merchantId","s","123456789012345"]]"#
    )
}

fn build(user_id: (&str, &str)) -> Result<JsValue, wasm_bindgen::JsError> {
    let options = format!(
        r#"["charge",{},"KPSANDBOX000001","kp_sandbox_access_key_000000000000000000","s","KST",null,null]"#,
        fields(user_id)
    );
    konaplate_wasm::build_request_text(None, &options, 1_667_876_894_608.0, 0x0102_0304, false)
        .map(|text| JSON::parse(&text).unwrap())
}

/// A 19-digit userId given as a BigInt's digits is signed whole, and the result validates clean.
pub fn bigint_user_id_is_exact() {
    let built = build(("i", "9999999999999999999")).ok().unwrap();
    assert_eq!(get(&built, "ok"), JsValue::TRUE);
    let body = get(&built, "body").as_string().unwrap();
    assert!(body.contains("\"userId\":9999999999999999999,"), "{body}");
    let headers: Vec<String> = js_sys::Object::entries(&get(&built, "headers").into())
        .iter()
        .map(|pair| JSON::stringify(&pair).unwrap().as_string().unwrap())
        .collect();
    let headers = format!("[{}]", headers.join(","));
    let report = konaplate_wasm::validate_request(None, "charge", Some(headers), &body, None, true).ok().unwrap();
    // No error; the tran-token's length note.
    let report = JSON::parse(&report.unwrap()).unwrap();
    assert_eq!((get(&report, "errorCount").as_f64(), get(&report, "noteCount").as_f64()), (Some(0.0), Some(1.0)));
    let short = body.replace("\"dcvv\":\"123\"", "\"dcvv\":\"12\"");
    let report = konaplate_wasm::validate_request(None, "charge", None, &short, None, true).ok().unwrap().unwrap();
    assert_eq!(get(&JSON::parse(&report).unwrap(), "errorCount").as_f64(), Some(1.0));
}

/// A number that lost digits is a violation, and the instance keeps working after misuse.
pub fn unsafe_number_and_misuse() {
    let built = build(("lost", "10000000000000000000")).ok().unwrap();
    assert_eq!(get(&built, "ok"), JsValue::FALSE);
    let first = Reflect::get_u32(&get(&built, "violations"), 0).unwrap();
    assert_eq!(get(&first, "rule").as_string().as_deref(), Some("unsafeNumber"));
    assert!(konaplate_wasm::validate_request(None, "nope", None, "{}", None, true).is_err());
    assert!(konaplate_wasm::validate_request(None, "charge", Some("[1]".into()), "{}", None, true).is_err());
    let again = build(("s", "1234567890123456789")).ok().unwrap();
    assert_eq!(get(&again, "ok"), JsValue::TRUE);
}

/// The test list, once: `node.rs` and `browser.rs` each expand it into their own binary.
#[macro_export]
macro_rules! wasm_tests {
    () => {
        #[wasm_bindgen_test::wasm_bindgen_test]
        fn bigint_user_id_is_exact() {
            common::bigint_user_id_is_exact();
        }

        #[wasm_bindgen_test::wasm_bindgen_test]
        fn unsafe_number_and_misuse() {
            common::unsafe_number_and_misuse();
        }
    };
}
