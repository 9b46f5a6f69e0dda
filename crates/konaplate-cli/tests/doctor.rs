//! `konaplate doctor` over the doctor table (testdata/doctor-cases.json): exit status and the
//! diagnosis in --json, the secret never printed, Korean with --lang ko, a file argument.

mod common;

use serde_json::{json, Value};

fn table() -> Vec<Value> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/doctor-cases.json")).unwrap();
    serde_json::from_str::<Value>(&text).unwrap()["cases"].as_array().unwrap().clone()
}

/// The table's clock (`nowMs`), as `--now-ms`.
fn now_ms() -> String {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/doctor-cases.json")).unwrap();
    serde_json::from_str::<Value>(&text).unwrap()["nowMs"].to_string()
}

fn doctor(args: &[&str], secret: Option<&str>, input: &str) -> std::process::Output {
    let env: Vec<(&str, &str)> = secret.map(|s| ("KONAPLATE_SECRET_KEY", s)).into_iter().collect();
    let now = now_ms();
    let out = common::cli::konaplate(&[&["doctor", "--now-ms", &now], args].concat(), &env, input.as_bytes());
    if let Some(secret) = secret {
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(!all.contains(secret), "the secret was printed:\n{all}");
    }
    out
}

/// The table's view of one request in `doctor --json` output.
fn observed(d: &Value) -> Value {
    let findings = d["findings"].as_array().unwrap();
    let causes: Vec<Value> = findings
        .iter()
        .flat_map(|f| f["causes"].as_array().cloned().unwrap_or_default())
        .map(|c| c["cause"].clone())
        .collect();
    let errors: Vec<Value> = d["report"]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["severity"] == "error")
        .map(|v| json!([v["location"], v["rule"]]))
        .collect();
    json!({ "findings": findings.iter().map(|f| f["kind"].clone()).collect::<Vec<_>>(), "causes": causes, "errors": errors })
}

fn expected(e: &Value) -> Value {
    json!({
        "findings": e["findings"],
        "causes": e.get("causes").cloned().unwrap_or(json!([])),
        "errors": e.get("errors").cloned().unwrap_or(json!([])),
    })
}

#[test]
fn every_case_through_the_cli() {
    for case in table() {
        let name = case["name"].as_str().unwrap();
        let expect = &case["expect"];
        let out = doctor(&["--json"], case["secret"].as_str(), case["input"].as_str().unwrap());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), expect["exit"].as_i64().map(|c| c as i32), "{name}: {stderr}");
        if expect["exit"] == 2 {
            assert!(stderr.starts_with("konaplate: "), "{name}: a reason is printed: {stderr}");
            continue;
        }
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let requests: Vec<Value> = match expect.get("requests") {
            Some(r) => r.as_array().unwrap().clone(),
            None => vec![expect.clone()],
        };
        let got = doc["requests"].as_array().unwrap();
        assert_eq!(got.len(), requests.len(), "{name}");
        for (d, e) in got.iter().zip(&requests) {
            assert_eq!(observed(d), expected(e), "{name}");
        }
    }
}

#[test]
fn human_output_names_the_cause_in_english_and_korean() {
    let case = table().into_iter().find(|c| c["name"] == "signed pretty-printed, sent compact").unwrap();
    let (input, secret) = (case["input"].as_str().unwrap(), case["secret"].as_str());
    let en = String::from_utf8(doctor(&[], secret, input).stdout).unwrap();
    assert!(en.contains("[signatureReproduced]") && en.contains("pretty-printed with 2-space indent"), "{en}");
    assert!(en.contains("result: problem found"), "{en}");
    let ko = String::from_utf8(doctor(&["--lang", "ko"], secret, input).stdout).unwrap();
    assert!(ko.contains("2칸 들여쓰기") && ko.contains("결과: 문제가 있습니다"), "{ko}");
}

#[test]
fn reads_a_file_and_the_secret_from_a_file() {
    let case = table().into_iter().find(|c| c["name"] == "curl, signed and sent identically").unwrap();
    let dir = std::env::temp_dir().join(format!("konaplate-doctor-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let request = dir.join("request.sh");
    let secret = dir.join("secret");
    std::fs::write(&request, case["input"].as_str().unwrap()).unwrap();
    std::fs::write(&secret, format!("{}\n", case["secret"].as_str().unwrap())).unwrap();
    let out = doctor(&[request.to_str().unwrap(), "--secret-file", secret.to_str().unwrap()], None, "");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("[signatureMatches]"));
    let missing = doctor(&[dir.join("absent").to_str().unwrap()], None, "");
    assert_eq!(missing.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}
