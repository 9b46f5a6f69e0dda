//! The `konaplate` binary end to end: exit codes, output, and that the secret never shows.

mod common;

use std::process::{Command, Output, Stdio};

const SECRET: &str = "cli-test-secret-do-not-print-7f3a";
const BODY: &str = r#"{"sequenceId":"S-1","userId":9999999999999999999,"amount":10000,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}"#;

fn konaplate(args: &[&str], stdin: &str) -> Output {
    let out = common::cli::konaplate(args, &[("KONAPLATE_SECRET_KEY", SECRET)], stdin.as_bytes());
    let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!all.contains(SECRET), "the secret was printed by {args:?}:\n{all}");
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn sign_matches_python_hmac_for_a_fixed_time() {
    let out = konaplate(&["sign", "--zone", "KST", "--time-ms", "1667876894608"], BODY);
    assert!(out.status.success());
    // Independent implementation: Python's hmac + base64.
    let py = Command::new("python3")
        .args(["-c", "import hmac,hashlib,base64,sys;print('KMV1:20221108120814608:'+base64.b64encode(hmac.new(sys.argv[1].encode(),sys.argv[2].encode(),hashlib.sha256).digest()).decode())", SECRET, BODY])
        .output()
        .expect("python3 runs");
    assert_eq!(stdout(&out), String::from_utf8(py.stdout).unwrap());
}

#[test]
fn headers_output_validates_and_verifies() {
    let out = konaplate(&["headers", "--time-ms", "1667876894608", "--random-hex", "deadbeef"], BODY);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert!(text.contains("X-KM-Correlation-Id: 221108120814-deadbee\n"), "{text}");
    assert!(text.contains("X-KM-Tran-Time: 20221108120814\n"));
    let mut args = vec!["validate".to_string(), "--check-signature".into()];
    for line in text.lines() {
        args.push("-H".into());
        args.push(line.to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let check = konaplate(&args, BODY);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(stdout(&check).contains("0 error(s), 0 warning(s), 1 note(s)"), "{}", stdout(&check));
}

#[test]
fn validate_exits_1_and_lists_violations_in_english_korean_and_json() {
    let bad = BODY.replace("9999999999999999999", "10000000000000000000").replace("\"123\"", "\"12\"");
    let out = konaplate(&["validate"], &bad);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("$.userId [maximum]") && text.contains("$.dcvv [length]"), "{text}");
    let ko = stdout(&konaplate(&["validate", "--lang", "ko"], &bad));
    assert!(ko.contains("9999999999999999999 이하여야 합니다"), "{ko}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&konaplate(&["validate", "--json"], &bad))).unwrap();
    assert_eq!(json["errorCount"], 2);
    assert_eq!(json["violations"][0]["location"], "$.userId");
    assert!(konaplate(&["validate"], BODY).status.success());
}

#[test]
fn verify_accepts_the_right_body_and_rejects_a_changed_one() {
    let token = stdout(&konaplate(&["sign", "--time-ms", "1667876894608"], BODY)).trim().to_string();
    assert!(konaplate(&["verify", "--token", &token], BODY).status.success());
    let out = konaplate(&["verify", "--token", &token], &BODY.replace("10000", "10001"));
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("does not match"));
}

#[test]
fn usage_errors_exit_2_with_a_reason() {
    let out = konaplate(&["validate", "--endpoint", "nope"], BODY);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown endpoint"));
    let out = Command::new(env!("CARGO_BIN_EXE_konaplate"))
        .args(["sign"])
        .env_remove("KONAPLATE_SECRET_KEY")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no secret key"));
}

#[test]
fn catalog_json_lists_thirteen_scenarios_and_marks_our_codes() {
    let json: serde_json::Value = serde_json::from_str(&stdout(&konaplate(&["catalog", "--json"], ""))).unwrap();
    assert_eq!(json["scenarios"].as_array().unwrap().len(), 13);
    let ours = json["codes"].as_array().unwrap().iter().find(|c| c["code"] == "007_901").unwrap();
    assert_eq!(ours["provenance"], "ours");
}

/// `testdata/foreign-openapi.json`: a made-up operation with nested objects, an array of
/// objects, an enum, a date format and a 19-digit id.
const FOREIGN_SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/foreign-openapi.json");
const ORDER: &str = r#"{"orderId":9999999999999999999,"channel":"APP","orderDate":"20261202","buyer":{"name":"김코나","address":{"zip":"06236"}},"items":[{"sku":"SKU-1","quantity":2}]}"#;

#[test]
fn validate_and_catalog_read_a_foreign_document_with_spec() {
    let out = konaplate(&["validate", "--spec", FOREIGN_SPEC, "--endpoint", "createOrder"], ORDER);
    assert!(out.status.success(), "{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    let by_path = konaplate(&["validate", "--spec", FOREIGN_SPEC, "--endpoint", "/api/v1/example/orders"], ORDER);
    assert!(by_path.status.success());

    let bad = ORDER.replace("20261202", "20261302").replace(r#""quantity":2"#, r#""quantity":100"#);
    let out = konaplate(&["validate", "--spec", FOREIGN_SPEC, "--endpoint", "createOrder", "--json"], &bad);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(&str, &str)> = report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["location"].as_str().unwrap(), v["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("$.orderDate", "date"), ("$.items[0].quantity", "maximum")]);
    let ko = konaplate(&["validate", "--spec", FOREIGN_SPEC, "--endpoint", "createOrder", "--lang", "ko"], &bad);
    assert!(stdout(&ko).contains("items[0].quantity: 99 이하여야 합니다"), "{}", stdout(&ko));

    let unknown = konaplate(&["validate", "--spec", FOREIGN_SPEC, "--endpoint", "charge"], ORDER);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("one of createOrder"));

    let listed = konaplate(&["catalog", "--spec", FOREIGN_SPEC, "--json"], "");
    let catalog: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(catalog["endpoints"][0]["id"], "createOrder");
    assert_eq!(catalog["endpoints"][0]["request"][3]["type"], "object");
    let own = &catalog["endpoints"][0]["ownCodes"];
    assert_eq!((own[1]["code"].as_str(), own[1]["http"].as_u64()), (Some("100_409"), Some(409)), "{own}");
    assert_eq!(own[2]["provenance"], "ours");
    let text = stdout(&konaplate(&["catalog", "--spec", FOREIGN_SPEC], ""));
    assert!(text.contains("  100_901* 400 Gift wrapping unavailable.  (createOrder: "), "{text}");
    assert!(!stdout(&konaplate(&["catalog"], "")).contains("declares"), "the built-in document declares none");
}

#[test]
fn sign_and_headers_check_the_body_against_an_operation_of_spec_first() {
    let stderr = |out: &Output| String::from_utf8_lossy(&out.stderr).to_string();
    let fixed = ["--time-ms", "1667876894608"];
    let plain = stdout(&konaplate(&["sign", fixed[0], fixed[1]], ORDER));
    // A valid body: the same token as without an operation (the operation changes no byte signed).
    for endpoint in ["createOrder", "/api/v1/example/orders"] {
        let out = konaplate(&["sign", "--spec", FOREIGN_SPEC, "--endpoint", endpoint, fixed[0], fixed[1]], ORDER);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stdout(&out), plain);
    }
    // A body with an error: refused, nothing signed, the violation named (EN, or KO with --lang ko).
    let bad = ORDER.replace("06236", "0623");
    let out = konaplate(&["sign", "--spec", FOREIGN_SPEC, "-e", "createOrder"], &bad);
    assert_eq!((out.status.code(), stdout(&out).as_str()), (Some(1), ""));
    assert!(stderr(&out).contains("error   body $.buyer.address.zip [length]"), "{}", stderr(&out));
    assert!(stderr(&out).contains("not signed") && stderr(&out).contains("서명하지 않음"), "{}", stderr(&out));
    let ko = konaplate(&["headers", "--spec", FOREIGN_SPEC, "-e", "createOrder", "--lang", "ko"], &bad);
    assert_eq!((ko.status.code(), stdout(&ko).as_str()), (Some(1), ""));
    assert!(stderr(&ko).contains("$.buyer.address.zip") && stderr(&ko).contains("정확히 5자"), "{}", stderr(&ko));
    // A negative test on purpose: signed, the violation still reported.
    let anyway = konaplate(&["sign", "--spec", FOREIGN_SPEC, "-e", "createOrder", "--allow-invalid"], &bad);
    assert!(anyway.status.success() && stdout(&anyway).starts_with("KMV1:"), "{}", stderr(&anyway));
    assert!(stderr(&anyway).contains("$.buyer.address.zip"));
    // Headers for a valid body are those of the plain command, byte for byte.
    let args = ["headers", "--time-ms", "1667876894608", "--random-hex", "deadbeef"];
    let with_op = [&args[..], &["--spec", FOREIGN_SPEC, "--endpoint", "createOrder"]].concat();
    assert_eq!(stdout(&konaplate(&with_op, ORDER)), stdout(&konaplate(&args, ORDER)));
    // The built-in operations too; usage errors exit 2 with the reason.
    let zero = BODY.replace(r#""amount":10000"#, r#""amount":0"#);
    assert_eq!(konaplate(&["sign", "--endpoint", "charge"], &zero).status.code(), Some(1));
    assert_eq!(konaplate(&["sign"], &zero).status.code(), Some(0), "without --endpoint nothing is checked");
    let no_endpoint = konaplate(&["sign", "--spec", FOREIGN_SPEC], ORDER);
    assert_eq!(no_endpoint.status.code(), Some(2));
    assert!(stderr(&no_endpoint).contains("needs --endpoint"), "{}", stderr(&no_endpoint));
    let unknown = konaplate(&["headers", "--spec", FOREIGN_SPEC, "--endpoint", "charge"], ORDER);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("one of createOrder"), "{}", stderr(&unknown));
}

#[test]
fn a_broken_document_is_refused_with_its_pointer_in_english_and_korean() {
    let dir = std::env::temp_dir().join(format!("konaplate-spec-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.json");
    let text = std::fs::read_to_string(FOREIGN_SPEC).unwrap().replacen(
        r#""format": "yyyyMMdd""#,
        r#""pattern": "^(?=[0-9])[0-9]{8}$""#,
        1,
    );
    std::fs::write(&broken, text).unwrap();
    let out = konaplate(&["validate", "--spec", broken.to_str().unwrap(), "--endpoint", "createOrder"], ORDER);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("#/paths/~1api~1v1~1example~1orders/post/requestBody/content/application~1json/schema/properties/orderDate/pattern"),
        "{stderr}"
    );
    // A lookahead, outside the patterns konaplate checks: refused by name, never ignored.
    assert!(stderr.contains("lookahead") && stderr.contains("전방 탐색"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
