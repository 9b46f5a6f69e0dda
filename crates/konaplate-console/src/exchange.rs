//! One request/response exchange with the in-browser sandbox, without the DOM: sign the body
//! once, validate, refuse to send while errors remain (unless the user asked to send anyway),
//! and answer with the sandbox's response and the catalog's explanation of its code.

use konaplate_core::catalog::{self, sandbox, Endpoint, Provenance};
use konaplate_core::headers::{generate, Credentials, HeaderInputs};
use konaplate_core::sandbox::{Sandbox, SandboxConfig, SandboxRequest, SandboxResponse};
use konaplate_core::time::TimeZone;
use konaplate_core::{validate, Report};

/// What the page knows when the user presses Send.
pub struct Outgoing<'a> {
    pub endpoint: &'static Endpoint,
    pub body: &'a str,
    pub secret_key: &'a str,
    pub zone: TimeZone,
    pub now_ms: i64,
    pub random: [u8; 4],
    pub send_anyway: bool,
}

pub enum Exchange {
    /// Not sent: validation errors remain and "Send anyway" is off.
    Refused(Report),
    /// `sent` is the request exactly as it went out (headers, then the body bytes).
    Sent { sent: SandboxRequest, response: SandboxResponse, explanation: String },
    /// The clock reading cannot be written as a KONA PLATE time.
    BadClock(String),
}

/// A fresh sandbox for this page session (memory only).
pub fn new_sandbox(secret_key: &str, seed: u64) -> Sandbox {
    Sandbox::new(SandboxConfig { secret_key: secret_key.to_string(), seed })
}

/// Signs, validates and (unless refused) sends `out` to `sandbox`.
pub fn send(sandbox: &mut Sandbox, out: &Outgoing<'_>, korean: bool) -> Exchange {
    let credentials = Credentials {
        asp_id: sandbox::ASP_ID.to_string(),
        access_key: sandbox::ACCESS_KEY.to_string(),
        secret_key: out.secret_key.to_string(),
    };
    let inputs = HeaderInputs {
        credentials: &credentials,
        epoch_ms: out.now_ms,
        zone: out.zone,
        random: out.random,
        crypto_key_id: None,
    };
    let signed = match generate(&inputs, out.body) {
        Ok(signed) => signed,
        Err(e) => return Exchange::BadClock(e.to_string()),
    };
    let report = validate(out.endpoint, &signed.headers, out.body, Some(out.secret_key.as_bytes()));
    if !report.is_valid() && !out.send_anyway {
        return Exchange::Refused(report);
    }
    let mut headers: Vec<(String, String)> = vec![("Content-Type".into(), "application/json".into())];
    headers.extend(signed.headers.into_iter().map(|(n, v)| (n.to_string(), v)));
    let request = SandboxRequest {
        method: out.endpoint.method.into(),
        path: out.endpoint.path.into(),
        headers,
        body: out.body.to_string(),
    };
    sandbox.set_secret_key(out.secret_key);
    let response = sandbox.handle(&request, out.now_ms);
    let explanation = explain_code(&response.code, korean);
    Exchange::Sent { sent: request, response, explanation }
}

/// The catalog's meaning of a response code, and whether KONA PLATE published it.
pub fn explain_code(code: &str, korean: bool) -> String {
    match catalog::code(code) {
        Some(c) => {
            let meaning = if korean { c.meaning.ko } else { c.meaning.en };
            let source = match (c.provenance, korean) {
                (Provenance::Published, false) => "published by KONA PLATE",
                (Provenance::Published, true) => "KONA PLATE 공개 코드",
                (Provenance::Ours, false) => "assigned by konaplate, not published by KONA PLATE",
                (Provenance::Ours, true) => "konaplate가 부여한 코드(KONA PLATE 미공개)",
            };
            format!("{code} ({source}): {meaning}")
        }
        None if korean => format!("{code}: 카탈로그에 없는 코드입니다."),
        None => format!("{code}: not in the catalog."),
    }
}

/// The response body pretty-printed; numbers keep their exact digits (serde_json's
/// `arbitrary_precision`), so a 19-digit id is shown as sent.
pub fn pretty(body: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|_| body.to_string())
}

/// The body for a Test Data scenario, with a fresh sequenceId where the scenario wants one.
pub fn scenario_body(scenario: &catalog::Scenario, now_ms: i64, random: [u8; 4]) -> String {
    if scenario.fresh_sequence_id {
        let fresh = format!("SEQ-{now_ms}-{:08x}", u32::from_be_bytes(random));
        scenario.body.replace("SEQ-PRESET", &fresh)
    } else {
        scenario.body.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use catalog::{CHARGE_ENDPOINT, SCENARIOS};

    const NOW: i64 = 1_767_225_600_000;

    fn outgoing(body: &str, send_anyway: bool) -> Outgoing<'_> {
        Outgoing {
            endpoint: &CHARGE_ENDPOINT,
            body,
            secret_key: "typed-secret",
            zone: TimeZone::Kst,
            now_ms: NOW,
            random: [1, 2, 3, 4],
            send_anyway,
        }
    }

    #[test]
    fn every_scenario_from_the_picker_gives_its_documented_status_and_code() {
        let mut sandbox = new_sandbox("", 1);
        for (i, s) in SCENARIOS.iter().enumerate() {
            let body = scenario_body(s, NOW, (i as u32).to_be_bytes());
            // The two presets that break a field's bound are negative tests: sent anyway.
            let anyway = matches!(s.id, "invalid-input" | "amount-below-one");
            match send(&mut sandbox, &outgoing(&body, anyway), false) {
                Exchange::Sent { response, explanation, .. } => {
                    assert_eq!((response.status, response.code.as_str()), (s.http, s.code), "{}", s.id);
                    assert!(explanation.starts_with(s.code));
                }
                _ => panic!("{} was not sent", s.id),
            }
        }
    }

    #[test]
    fn errors_refuse_the_send_unless_send_anyway() {
        let mut sandbox = new_sandbox("", 1);
        let body = SCENARIOS[1].body; // userId 0
        assert!(
            matches!(send(&mut sandbox, &outgoing(body, false), false), Exchange::Refused(r) if r.error_count == 1)
        );
        assert!(matches!(send(&mut sandbox, &outgoing(body, true), false), Exchange::Sent { .. }));
    }

    #[test]
    fn a_19_digit_user_id_is_exact_in_the_response_view() {
        let mut sandbox = new_sandbox("", 1);
        let body = SCENARIOS[0].body.replace("1234567890123456789", "9999999999999999999");
        let Exchange::Sent { sent, response, .. } = send(&mut sandbox, &outgoing(&body, false), false) else {
            panic!()
        };
        assert_eq!(response.code, "000_000");
        assert_eq!(sent.body, body, "the bytes sent are the bytes typed");
        let token = &sent.headers.iter().find(|(n, _)| n == "X-KM-Tran-Token").unwrap().1;
        assert!(konaplate_core::sign::verify_tran_token(b"typed-secret", token, sent.body.as_bytes()).is_ok());
        let echoed = pretty(r#"{"userId":9999999999999999999}"#);
        assert!(echoed.contains("9999999999999999999"), "{echoed}");
    }

    #[test]
    fn codes_are_explained_with_their_provenance_in_both_languages() {
        assert!(explain_code("007_901", false).contains("assigned by konaplate"));
        assert!(explain_code("007_001", false).contains("published by KONA PLATE"));
        assert!(explain_code("007_001", true).contains("등록된 계좌가 없습니다"));
        assert!(explain_code("999_999", false).contains("not in the catalog"));
    }

    #[test]
    fn fresh_sequence_ids_differ_and_the_duplicate_preset_keeps_its_own() {
        let a = scenario_body(&SCENARIOS[0], NOW, [0, 0, 0, 1]);
        let b = scenario_body(&SCENARIOS[0], NOW, [0, 0, 0, 2]);
        assert_ne!(a, b);
        let dup = SCENARIOS.iter().find(|s| s.id == "duplicate-sequence-id").unwrap();
        assert!(scenario_body(dup, NOW, [0; 4]).contains("SEQ-ALREADY-USED"));
    }
}
