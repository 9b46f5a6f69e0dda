//! Sending, without the DOM: where a request goes, whether it may go (errors refuse it unless
//! "Send anyway"), the exact request that goes out, and what the answer means (the catalog's
//! explanation of its code, a result inquiry for a pending charge).

use konaplate_core::catalog::{self, CodeEntry, Endpoint, Provenance, Text};
use konaplate_core::sandbox::SandboxRequest;
use konaplate_core::Report;

use crate::text::{self, Lang};

/// Where Send goes, recognised by this type (never by its display text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The simulator running in this page (default: offline, no account).
    InBrowser,
    /// A `konaplate serve` (or any server) at the console's server URL, e.g.
    /// `http://127.0.0.1:8787/open-api`.
    Server,
    /// KONA PLATE's sandbox through `trunk serve`'s same-origin proxy (Trunk.toml `[[proxy]]`).
    Proxy,
}

/// The same-origin path that `trunk serve` forwards to KONA PLATE's sandbox (Trunk.toml).
pub const PROXY_PATH: &str = "/kona-sandbox";

impl Target {
    pub const ALL: [Target; 3] = [Target::InBrowser, Target::Server, Target::Proxy];

    /// The id used by the `target` option and the `<select>`.
    pub fn id(self) -> &'static str {
        match self {
            Target::InBrowser => "in-browser",
            Target::Server => "server",
            Target::Proxy => "proxy",
        }
    }

    pub fn from_id(id: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The base URL requests go to (`server_url` for [`Target::Server`]); `None` in the page.
    pub fn base_url(self, server_url: &str) -> Option<&str> {
        match self {
            Target::InBrowser => None,
            Target::Server => Some(server_url.trim_end_matches('/')),
            Target::Proxy => Some(PROXY_PATH),
        }
    }

    /// Its name as the target list and the response line show it.
    pub fn label(self) -> Text {
        match self {
            Target::InBrowser => text::TARGET_IN_BROWSER,
            Target::Server => text::TARGET_SERVER,
            Target::Proxy => text::TARGET_PROXY,
        }
    }

    /// The Send button's label for this target.
    pub fn send_label(self) -> Text {
        match self {
            Target::InBrowser => text::SEND_IN_BROWSER,
            Target::Server => text::SEND_SERVER,
            Target::Proxy => text::SEND_PROXY,
        }
    }
}

/// `Err` with the number of errors when the draft may not be sent ("Send anyway" is off).
pub fn may_send(report: &Report, send_anyway: bool) -> Result<(), usize> {
    if report.is_valid() || send_anyway {
        Ok(())
    } else {
        Err(report.error_count)
    }
}

/// The request exactly as it goes out: content headers, the drafted X-KM headers, the body.
pub fn outgoing(endpoint: &Endpoint, headers: &[(String, String)], body: &str) -> SandboxRequest {
    let mut all: Vec<(String, String)> =
        vec![("Content-Type".into(), "application/json".into()), ("Accept".into(), "application/json".into())];
    all.extend(headers.iter().cloned());
    SandboxRequest { method: endpoint.method.into(), path: endpoint.path.into(), headers: all, body: body.to_string() }
}

/// When a charge answered `isPending: true`, the sequenceId to ask the result inquiry about.
pub fn pending_sequence_id(request_body: &str, response_body: &str) -> Option<String> {
    let response: serde_json::Value = konaplate_core::json::read(response_body).ok()?;
    if response.get("isPending") != Some(&serde_json::Value::Bool(true)) {
        return None;
    }
    let request: serde_json::Value = konaplate_core::json::read(request_body).ok()?;
    request.get("sequenceId")?.as_str().map(str::to_string)
}

/// The result-inquiry body for a sequenceId, as exact JSON.
pub fn result_inquiry_body(sequence_id: &str) -> String {
    konaplate_core::json::text(&serde_json::json!({ "sequenceId": sequence_id }))
}

/// What a response code to `endpoint` means, and who published it: a code the operation's
/// document declares itself, else the catalog's (KONA PLATE's or konaplate's own).
pub fn explain_code(endpoint: Option<&Endpoint>, code: &str, lang: Lang) -> String {
    let own = endpoint.is_some_and(|e| e.own_codes.iter().any(|c| c.code == code));
    let entry = match endpoint {
        Some(e) => e.code_entry(code),
        None => catalog::code(code).map(CodeEntry::from),
    };
    match entry {
        Some(c) => {
            let meaning = lang.pick(c.meaning);
            let source = match (own, c.provenance, lang == Lang::Ko) {
                (false, Provenance::Published, false) => "published by KONA PLATE",
                (false, Provenance::Published, true) => "KONA PLATE 공개 코드",
                (false, Provenance::Ours, false) => "assigned by konaplate, not published by KONA PLATE",
                (false, Provenance::Ours, true) => "konaplate가 부여한 코드(KONA PLATE 미공개)",
                (true, Provenance::Published, false) => "published in the operation's document",
                (true, Provenance::Published, true) => "이 operation 문서에 공개된 코드",
                (true, Provenance::Ours, false) => "assigned by the document's authors, not published by the API",
                (true, Provenance::Ours, true) => "문서 작성자가 부여한 코드(API 미공개)",
            };
            format!("{code} ({source}): {meaning}")
        }
        None if lang == Lang::Ko => format!("{code}: 카탈로그에 없는 코드입니다."),
        None => format!("{code}: not in the catalog."),
    }
}

/// The response body pretty-printed; numbers keep their exact digits (serde_json's
/// `arbitrary_precision`), so a 19-digit id is shown as sent.
pub fn pretty(body: &str) -> String {
    konaplate_core::json::read(body)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| body.to_string())
}

/// A new sequenceId: `SEQ-`, the time, `-`, 8 lower-case hex digits of `random`. Written by hand:
/// `{:08x}` pads only when the top digit is 0, so one mount in sixteen would run code that the
/// first load's module does not carry (scripts/split-console.mjs keeps what a visit runs).
pub fn fresh_sequence_id(now_ms: i64, random: [u8; 4]) -> String {
    let hex = random.iter().flat_map(|b| [b >> 4, b & 0xF]).map(|n| char::from_digit(n.into(), 16).unwrap_or('0'));
    format!("SEQ-{now_ms}-{}", hex.collect::<String>())
}

/// The body for a Test Data scenario, with a fresh sequenceId where the scenario wants one.
pub fn scenario_body(scenario: &catalog::Scenario, now_ms: i64, random: [u8; 4]) -> String {
    if scenario.fresh_sequence_id {
        scenario.body.replace("SEQ-PRESET", &fresh_sequence_id(now_ms, random))
    } else {
        scenario.body.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{draft, DraftInputs};
    use catalog::{sandbox, CHARGE_ENDPOINT, SCENARIOS};
    use konaplate_core::headers::Credentials;
    use konaplate_core::sandbox::{Sandbox, SandboxConfig};
    use konaplate_core::time::TimeZone;

    const NOW: i64 = 1_767_225_600_000;

    /// The core's sandbox, as the module `sandbox` makes one per console.
    fn new_sandbox(secret_key: &str, seed: u64) -> Sandbox {
        Sandbox::new(SandboxConfig { secret_key: secret_key.to_string(), seed })
    }

    /// Drafts `body` as the page does and, unless refused, sends it to `sandbox`.
    fn send(
        sandbox: &mut Sandbox,
        body: &str,
        send_anyway: bool,
    ) -> Result<(SandboxRequest, konaplate_core::sandbox::SandboxResponse), usize> {
        let credentials = Credentials {
            asp_id: sandbox::ASP_ID.into(),
            access_key: sandbox::ACCESS_KEY.into(),
            secret_key: "typed-secret".into(),
        };
        let d = draft(&DraftInputs {
            endpoint: &CHARGE_ENDPOINT,
            credentials: &credentials,
            zone: TimeZone::Kst,
            epoch_ms: NOW,
            random: [1, 2, 3, 4],
            overrides: &[],
            body,
            sealed: None,
            crypto_key_id: None,
        });
        may_send(&d.report, send_anyway)?;
        let request = outgoing(&CHARGE_ENDPOINT, &d.headers, body);
        sandbox.set_secret_key("typed-secret");
        let response = sandbox.handle(&request, NOW);
        Ok((request, response))
    }

    #[test]
    fn a_fresh_sequence_id_has_eight_hex_digits_whatever_the_random_bytes() {
        assert_eq!(fresh_sequence_id(17, [0xde, 0xad, 0xbe, 0xef]), "SEQ-17-deadbeef");
        assert_eq!(fresh_sequence_id(17, [0, 0, 0x0a, 0xbc]), "SEQ-17-00000abc");
        assert_eq!(fresh_sequence_id(17, [0; 4]), "SEQ-17-00000000");
    }

    #[test]
    fn every_scenario_from_the_picker_gives_its_documented_status_and_code() {
        let mut sandbox = new_sandbox("", 1);
        for (i, s) in SCENARIOS.iter().enumerate() {
            let body = scenario_body(s, NOW, (i as u32).to_be_bytes());
            let (_, response) =
                send(&mut sandbox, &body, s.negative_test()).unwrap_or_else(|n| panic!("{}: {n} errors", s.id));
            assert_eq!((response.status, response.code.as_str()), (s.http, s.code.as_str()), "{}", s.id);
            assert!(explain_code(Some(&CHARGE_ENDPOINT), &response.code, Lang::En).starts_with(s.code.as_str()));
        }
    }

    #[test]
    fn errors_refuse_the_send_unless_send_anyway() {
        let mut sandbox = new_sandbox("", 1);
        let body = SCENARIOS[1].body; // userId 0
        assert_eq!(send(&mut sandbox, body, false).unwrap_err(), 1);
        assert!(send(&mut sandbox, body, true).is_ok());
    }

    #[test]
    fn a_19_digit_user_id_is_exact_in_the_sent_bytes_and_the_response_view() {
        let mut sandbox = new_sandbox("", 1);
        let body = SCENARIOS[0].body.replace("1234567890123456789", "9999999999999999999");
        let (sent, response) = send(&mut sandbox, &body, false).unwrap();
        assert_eq!(response.code, "000_000");
        assert_eq!(sent.body, body, "the bytes sent are the bytes typed");
        let token = &sent.headers.iter().find(|(n, _)| n == "X-KM-Tran-Token").unwrap().1;
        assert!(konaplate_core::sign::verify_tran_token(b"typed-secret", token, sent.body.as_bytes()).is_ok());
        let echoed = pretty(r#"{"userId":9999999999999999999}"#);
        assert!(echoed.contains("9999999999999999999"), "{echoed}");
    }

    #[test]
    fn a_pending_charge_offers_the_result_inquiry_for_its_sequence_id() {
        let mut sandbox = new_sandbox("", 1);
        let body = SCENARIOS[0]
            .body
            .replace("1234567890123456789", sandbox::PENDING_COMPLETES_MEMBER_ID)
            .replace("SEQ-PRESET", "SEQ-PENDING-1");
        let (sent, response) = send(&mut sandbox, &body, false).unwrap();
        assert_eq!(pending_sequence_id(&sent.body, &response.body).as_deref(), Some("SEQ-PENDING-1"));
        assert_eq!(result_inquiry_body("SEQ-PENDING-1"), r#"{"sequenceId":"SEQ-PENDING-1"}"#);
        assert_eq!(pending_sequence_id(&sent.body, r#"{"isPending":false}"#), None);
    }

    #[test]
    fn targets_name_their_base_url_and_round_trip_their_id() {
        assert_eq!(Target::InBrowser.base_url("http://x"), None);
        assert_eq!(Target::Server.base_url("http://127.0.0.1:8787/open-api/"), Some("http://127.0.0.1:8787/open-api"));
        assert_eq!(Target::Proxy.base_url("http://x"), Some(PROXY_PATH));
        for t in Target::ALL {
            assert_eq!(Target::from_id(t.id()), Some(t));
        }
        assert_eq!(Target::from_id("In-browser sandbox (offline, no account)"), None);
    }

    #[test]
    fn codes_are_explained_with_their_provenance_in_both_languages() {
        assert!(explain_code(None, "007_901", Lang::En).contains("assigned by konaplate"));
        assert!(explain_code(Some(&CHARGE_ENDPOINT), "007_001", Lang::En).contains("published by KONA PLATE"));
        assert!(explain_code(None, "007_001", Lang::Ko).contains("등록된 계좌가 없습니다"));
        assert!(explain_code(None, "999_999", Lang::En).contains("not in the catalog"));
        // A loaded document's own codes, explained from it; they mean nothing to another operation.
        let order = crate::form::tests::foreign();
        assert_eq!(
            explain_code(Some(order), "100_409", Lang::En),
            "100_409 (published in the operation's document): An ordered item is out of stock; nothing was ordered."
        );
        assert!(explain_code(Some(order), "100_901", Lang::Ko)
            .starts_with("100_901 (문서 작성자가 부여한 코드(API 미공개)): "));
        assert!(explain_code(Some(order), "000_002", Lang::En).contains("published by KONA PLATE"));
        assert!(explain_code(Some(&CHARGE_ENDPOINT), "100_409", Lang::En).contains("not in the catalog"));
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
