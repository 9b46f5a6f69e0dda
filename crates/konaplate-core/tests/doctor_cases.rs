//! The doctor table (testdata/doctor-cases.json): every broken request gets its expected
//! diagnosis from the core. The CLI runs the same table (crates/konaplate-cli/tests/doctor.rs).
#![cfg(not(target_arch = "wasm32"))]

use konaplate_core::diagnose::{diagnose, Diagnosis};
use serde_json::{json, Value};

fn table() -> Vec<Value> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/doctor-cases.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

/// The table's clock: the instant its requests were "sent".
fn now_ms() -> i64 {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/doctor-cases.json")).unwrap();
    serde_json::from_str::<Value>(&text).unwrap()["nowMs"].as_i64().unwrap()
}

/// What the table states about one request, read from a diagnosis as JSON.
fn observed(d: &Diagnosis) -> Value {
    let d = serde_json::to_value(d).unwrap();
    let findings: Vec<Value> = d["findings"].as_array().unwrap().iter().map(|f| f["kind"].clone()).collect();
    let causes: Vec<Value> = d["findings"]
        .as_array()
        .unwrap()
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
    json!({ "findings": findings, "causes": causes, "errors": errors })
}

/// The expectation for one request, with the table's defaults (no causes, no errors).
fn expected(e: &Value) -> Value {
    json!({
        "findings": e["findings"],
        "causes": e.get("causes").cloned().unwrap_or(json!([])),
        "errors": e.get("errors").cloned().unwrap_or(json!([])),
    })
}

#[test]
fn every_case_gets_its_diagnosis() {
    let cases = table();
    assert!(cases.len() >= 25);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let secret = case["secret"].as_str().map(str::as_bytes);
        let expect = &case["expect"];
        let result = diagnose(case["input"].as_str().unwrap(), secret, Some(now_ms()));
        let exit = match &result {
            Err(_) => 2,
            Ok(ds) if ds.iter().any(Diagnosis::problem_found) => 1,
            Ok(_) => 0,
        };
        assert_eq!(exit, expect["exit"], "{name}: {result:#?}");
        let Ok(diagnoses) = result else { continue };
        let requests: Vec<Value> = match expect.get("requests") {
            Some(r) => r.as_array().unwrap().clone(),
            None => vec![expect.clone()],
        };
        assert_eq!(diagnoses.len(), requests.len(), "{name}");
        for (d, e) in diagnoses.iter().zip(&requests) {
            assert_eq!(observed(d), expected(e), "{name}");
            for f in &d.findings {
                assert!(!f.message.en.is_empty() && !f.message.ko.is_empty(), "{name}: {f:?}");
            }
        }
    }
}

#[test]
fn the_secret_is_never_in_a_diagnosis() {
    for case in table() {
        let Some(secret) = case["secret"].as_str() else { continue };
        if let Ok(ds) = diagnose(case["input"].as_str().unwrap(), Some(secret.as_bytes()), Some(now_ms())) {
            let text = serde_json::to_string(&ds).unwrap();
            assert!(!text.contains(secret), "{}", case["name"]);
        }
    }
}
