//! The host-matcher path of `pattern` (the one the Wasm shells take with JavaScript's RegExp),
//! driven natively by a stand-in host. Its own test binary: a host matcher is process-wide.

use std::sync::Mutex;

use konaplate_core::catalog::load::load;
use konaplate_core::pattern::{use_host_matcher, Pattern};
use konaplate_core::validate::validate_body;
use konaplate_core::Rule;

/// Every question the host was asked: (pattern, text).
static ASKED: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

/// A stand-in for RegExp: the pattern as a literal substring; it cannot compile one that says
/// `host-refuses`, and fails to run one that says `host-fails`.
fn host(pattern: &str, text: &str) -> Option<bool> {
    ASKED.lock().unwrap().push((pattern.to_owned(), text.to_owned()));
    match pattern {
        p if p.contains("host-refuses") => None,
        p if p.contains("host-fails") && !text.is_empty() => None,
        p => Some(text.contains(p)),
    }
}

fn asked(pattern: &str) -> Vec<String> {
    ASKED.lock().unwrap().iter().filter(|(p, _)| p == pattern).map(|(_, t)| t.clone()).collect()
}

fn document(pattern: &str) -> String {
    let schema = serde_json::json!({"type": "object", "properties": {"a": {"type": "string", "pattern": pattern}}});
    serde_json::json!({"openapi": "3.1.0", "paths": {"/x": {"post": {"operationId": "x",
        "requestBody": {"content": {"application/json": {"schema": schema}}}}}}})
    .to_string()
}

fn pattern_errors(pattern: &str, value: &str) -> usize {
    let doc = load(&document(pattern)).unwrap();
    let body = serde_json::json!({ "a": value }).to_string();
    validate_body(doc.operation("x").unwrap(), &body).iter().filter(|v| v.rule() == Rule::Pattern).count()
}

#[test]
fn the_host_compiles_and_matches_the_documents_own_source() {
    use_host_matcher(host);
    // `-` is `\x{2D}` in the regex-lite translation: the host gets the document's text.
    assert_eq!(pattern_errors("K-1", "xxK-1xx"), 0);
    assert_eq!(pattern_errors("K-1", "K_1"), 1);
    let texts = asked("K-1");
    assert!(texts.iter().any(|t| t.is_empty()), "compiled at load: {texts:?}");
    assert!(texts.contains(&"xxK-1xx".to_owned()) && texts.contains(&"K_1".to_owned()), "{texts:?}");
}

#[test]
fn a_pattern_the_host_refuses_is_refused_at_load_with_its_pointer() {
    use_host_matcher(host);
    let e = load(&document("host-refuses")).unwrap_err();
    assert!(e.pointer.ends_with("/properties/a/pattern"), "{}", e.pointer);
    assert!(e.message.en.contains("the host's JavaScript RegExp refuses it"), "{}", e.message.en);
    assert!(e.message.ko.contains("호스트의 JavaScript RegExp가 받아들이지 않습니다"), "{}", e.message.ko);
}

#[test]
fn a_host_that_fails_on_a_text_reports_a_violation_rather_than_a_pass() {
    use_host_matcher(host);
    assert_eq!(pattern_errors("host-fails", "host-fails"), 1);
}

#[test]
fn the_cores_check_refuses_before_the_host_sees_the_pattern() {
    use_host_matcher(host);
    let e = Pattern::new("(?=host)").unwrap_err();
    assert!(e.en.contains("lookahead") && e.ko.contains("전방 탐색"), "{}", e.en);
    assert!(asked("(?=host)").is_empty());
}
