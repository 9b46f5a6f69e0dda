//! JavaScript's RegExp as the core's pattern engine, in Node (scripts/test.d/20-wasm.sh). This
//! build has no regex-lite: every match below is RegExp's.
#![cfg(target_arch = "wasm32")]

use konaplate_core::pattern::{translate, Pattern};
use wasm_bindgen_test::wasm_bindgen_test;

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// One test, in order: the matcher is process-wide, and the first step needs none installed.
#[wasm_bindgen_test]
fn regexp_matches_behind_the_cores_check() {
    // Neither regex-lite nor a host matcher: refused at load, never ignored.
    let e = Pattern::new("^a$").unwrap_err();
    assert!(e.en.contains("no pattern engine") && e.ko.contains("패턴 엔진이 없습니다"), "{}", e.en);

    konaplate_js_pattern::install();
    // The table regex-lite answers natively, answered the same by RegExp.
    let table: serde_json::Value =
        serde_json::from_str(include_str!("../../../testdata/pattern-matches.json")).unwrap();
    for case in table["cases"].as_array().unwrap() {
        let (source, text, want) = (case[0].as_str().unwrap(), case[1].as_str().unwrap(), case[2].as_bool().unwrap());
        let pattern = Pattern::new(leak(source.into())).unwrap_or_else(|e| panic!("{source}: {}", e.en));
        assert_eq!(pattern.matches(text), want, "{source} on {text:?}");
    }

    // The core's check still comes first: RegExp would take a lookahead, konaplate does not.
    let e = Pattern::new("^(?=a)").unwrap_err();
    assert!(e.en.contains("lookahead"), "{}", e.en);

    // What the check lets through and RegExp refuses (more than 65,535 captures: a SyntaxError)
    // is refused cleanly, and the engine keeps working.
    let captures = leak("(a)".repeat(70_000));
    assert!(translate(captures).is_ok());
    assert_eq!(konaplate_js_pattern::matches(captures, "a"), None);
    let e = Pattern::new(captures).unwrap_err();
    assert!(e.en.contains("the host's JavaScript RegExp refuses it"), "{}", e.en);
    assert!(e.ko.contains("RegExp가 받아들이지 않습니다"), "{}", e.ko);
    assert!(Pattern::new("^b+$").unwrap().matches("bbb"));
}
