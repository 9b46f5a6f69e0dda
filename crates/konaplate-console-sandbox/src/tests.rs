use super::*;
use konaplate_core::catalog::{sandbox, CHARGE_ENDPOINT, SCENARIOS};

fn fields(answer: &str) -> Vec<&str> {
    answer.split(SEP).collect()
}

#[test]
fn an_answer_carries_status_offset_code_headers_and_the_body_whole() {
    let response = SandboxResponse {
        status: 400,
        code: "000_903".into(),
        headers: vec![("X-KM-Correlation-Id".into(), "a\u{1f}b".into())],
        body: r#"{"a":"\u001f"}"#.into(),
    };
    assert_eq!(
        fields(&answer(&response, 300_000)),
        ["ok", "400", "300000", "000_903", "1", "X-KM-Correlation-Id", "a\u{fffd}b", r#"{"a":"\u001f"}"#]
    );
}

#[test]
fn a_slot_answers_with_the_typed_secret_and_its_clock_moves_forward_only() {
    let mut slot = Slot::open(1, None).unwrap();
    let request = SandboxRequest {
        method: "POST".into(),
        path: CHARGE_ENDPOINT.path.into(),
        headers: vec![(konaplate_core::catalog::ACCESS_KEY.into(), sandbox::ACCESS_KEY.into())],
        body: SCENARIOS[0].body.into(),
    };
    let response = slot.send(&request, 1_767_225_600_000, "typed-secret").unwrap();
    assert_eq!(response.status, 400, "unsigned: the gate refuses it");
    assert_eq!(slot.advance(300_000), 300_000);
    assert_eq!(slot.advance(-1), 300_000, "never backwards");
    assert!(!slot.armed());
}

#[test]
fn a_document_gives_the_sandbox_its_operations_and_a_broken_one_is_refused() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/nullable-openapi.json")).unwrap();
    assert!(Slot::open(1, Some(&text)).is_ok());
    let refused = Slot::open(1, Some("{")).err().unwrap();
    assert!(!refused.en.is_empty() && !refused.ko.is_empty());
}

#[test]
fn a_call_to_a_sandbox_that_is_not_there_is_an_error_answer_not_a_panic() {
    for answer in [advance(7, 1.0), release(7)] {
        let answer = fields(&answer);
        assert_eq!(answer[..2], ["error", "module"]);
        assert!(answer[3].chars().any(|c| ('가'..='힣').contains(&c)));
    }
    let opened = open(5.0, None);
    let n: u32 = fields(&opened)[1].parse().unwrap();
    assert_eq!(advance(n, 300_000.0), format!("ok{SEP}300000"));
    assert_eq!(release(n), "ok");
    assert_eq!(fields(&release(n))[..2], ["error", "module"]);
}
