// Shared by node.rs and browser.rs: the exported functions called with real JS values.
use js_sys::{BigInt, Object, Reflect};
use wasm_bindgen::JsValue;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn fields(user_id: JsValue) -> JsValue {
    let o = Object::new();
    for (k, v) in [
        ("sequenceId", "W-1"),
        ("oneTimeToken", "1111222233334444"),
        ("dcvv", "123"),
        ("merchantId", "123456789012345"),
    ] {
        Reflect::set(&o, &k.into(), &v.into()).unwrap();
    }
    Reflect::set(&o, &"userId".into(), &user_id).unwrap();
    Reflect::set(&o, &"amount".into(), &JsValue::from_f64(10000.0)).unwrap();
    o.into()
}

fn options(user_id: JsValue) -> JsValue {
    let creds = Object::new();
    for (k, v) in
        [("aspId", "KPSANDBOX000001"), ("accessKey", "kp_sandbox_access_key_000000000000000000"), ("secretKey", "s")]
    {
        Reflect::set(&creds, &k.into(), &v.into()).unwrap();
    }
    let o = Object::new();
    Reflect::set(&o, &"endpoint".into(), &"charge".into()).unwrap();
    Reflect::set(&o, &"fields".into(), &fields(user_id)).unwrap();
    Reflect::set(&o, &"credentials".into(), &creds).unwrap();
    Reflect::set(&o, &"epochMs".into(), &JsValue::from_f64(1_667_876_894_608.0)).unwrap();
    o.into()
}

/// A BigInt userId is signed with all 19 digits, and the result validates clean.
pub fn bigint_user_id_is_exact() {
    let big = BigInt::new(&JsValue::from_str("9999999999999999999")).unwrap();
    let built = konaplate_wasm::build_request(options(big.into())).unwrap();
    assert_eq!(get(&built, "ok"), JsValue::TRUE);
    let body = get(&built, "body").as_string().unwrap();
    assert!(body.contains("\"userId\":9999999999999999999,"), "{body}");
    let report = konaplate_wasm::validate("charge".into(), get(&built, "headers"), body.into()).unwrap();
    assert_eq!(get(&report, "errorCount").as_f64(), Some(0.0));
}

/// An unsafe number is a violation, and the instance keeps working after misuse.
pub fn unsafe_number_and_misuse() {
    let built = konaplate_wasm::build_request(options(JsValue::from_f64(9_999_999_999_999_999_999.0))).unwrap();
    assert_eq!(get(&built, "ok"), JsValue::FALSE);
    let first = Reflect::get_u32(&get(&built, "violations"), 0).unwrap();
    assert_eq!(get(&first, "rule").as_string().as_deref(), Some("unsafeNumber"));
    assert!(konaplate_wasm::validate(JsValue::UNDEFINED, JsValue::NULL, "{}".into()).is_err());
    assert!(konaplate_wasm::build_request(JsValue::from_f64(1.0)).is_err());
    let again = konaplate_wasm::build_request(options("1234567890123456789".into())).unwrap();
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
