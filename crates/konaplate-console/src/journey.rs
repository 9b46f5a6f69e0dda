//! The journey in the console, without the DOM: the shown answer's links (the document's
//! `links`, followed by `chain::follow`), the fixtures one click from filling a request, the
//! journey's steps with their last status, and the in-browser sandbox's clock.

use konaplate_core::catalog::{self, Endpoint, OperationId, Text};
use konaplate_core::chain::{self, Next};
use konaplate_core::sandbox::fixtures::{self, JourneyMember, PresetToken};
use serde_json::{json, Map, Value};

use crate::history::{Entry, History};
use crate::text::Lang;

const fn t(en: &'static str, ko: &'static str) -> Text {
    Text { en, ko }
}

pub const TITLE: Text = t("Journey", "여정");
pub const STEPS_NOTE: Text = t(
    "The charge journey in order, each step with its last answer in this session. Pick a step to open it; fill requests from the fixtures and the buttons under a response.",
    "충전 여정을 순서대로, 이번 세션의 마지막 응답과 함께 보여 줍니다. 단계를 누르면 열리고, 요청은 픽스처와 응답 아래 버튼으로 채웁니다.",
);
pub const FIXTURES_TITLE: Text = t("Sandbox fixtures (click to fill)", "샌드박스 픽스처(누르면 채워짐)");
pub const LINKS_TITLE: Text = t("Next requests from this answer", "이 응답으로 이어지는 요청");
pub const ADVANCE: Text = t("+5 min on the sandbox clock", "샌드박스 시계 +5분");
/// How far the "+5 min" button moves the in-browser sandbox's clock.
pub const ADVANCE_MS: i64 = 5 * 60_000;

/// The journey's operations, in the order a newcomer walks them.
pub const STEPS: &[OperationId] = &[
    OperationId::AccountHolder,
    OperationId::ArsAuth,
    OperationId::ArsRegister,
    OperationId::ArsRegisterInquiry,
    OperationId::OneTimeToken,
    OperationId::Charge,
    OperationId::ResultInquiry,
    OperationId::Payment,
    OperationId::Cancel,
    OperationId::TransactionHistory,
];

/// One step as the journey view lists it: number, name, last answer (code and the status or
/// result it carried).
pub fn step_lines(history: &History, lang: Lang) -> Vec<String> {
    STEPS
        .iter()
        .enumerate()
        .map(|(i, op)| {
            let endpoint = op.endpoint();
            let name = lang.pick(endpoint.name);
            let last = history.entries().iter().find(|e| e.request.path == endpoint.path);
            match last {
                None => format!("○ {}. {name} · {}", i + 1, lang.choose("not yet", "아직")),
                Some(e) => {
                    let mark = if e.response.code == "000_000" { "✓" } else { "✗" };
                    let detail = answer_detail(e).map(|d| format!(" · {d}")).unwrap_or_default();
                    format!("{mark} {}. {name} · {}{detail}", i + 1, e.response.code)
                }
            }
        })
        .collect()
}

/// The value that says where a step stands: a registration status, a charge result, a pending flag.
fn answer_detail(entry: &Entry) -> Option<String> {
    let body: Value = serde_json::from_str(bodies(entry).1).ok()?;
    ["status", "result", "isPending", "balance"]
        .iter()
        .find_map(|key| body.get(*key).map(|v| format!("{key} {}", v.as_str().map_or(v.to_string(), str::to_string))))
}

/// The links the shown exchange offers (none unless it answered `000_000`).
pub fn links(entry: &Entry, now_ms: i64) -> Vec<Next> {
    let Some(operation) = konaplate_core::sandbox::route(&entry.request.path).and_then(|e| e.operation) else {
        return Vec::new();
    };
    let (request, response) = bodies(entry);
    chain::follow(operation, request, response, now_ms)
}

/// The request and response bodies as their plaintext: an encrypted request's body before it
/// was sealed, an encrypted response's body once opened.
fn bodies(entry: &Entry) -> (&str, &str) {
    let request = entry.plaintext.as_deref().unwrap_or(&entry.request.body);
    let response = match &entry.opened {
        Some(Ok(plaintext)) => plaintext.as_str(),
        _ => &entry.response.body,
    };
    (request, response)
}

/// A link as its button says it: target, the fields it fills, the document's description.
pub fn link_label(next: &Next, lang: Lang) -> String {
    let fields: Vec<&str> = next.fill.keys().map(String::as_str).collect();
    format!("→ {} ({}): {}", lang.pick(next.operation.name), fields.join(", "), lang.pick(next.link.description))
}

/// The body a followed link gives: the target's saved draft (or `starter`) with the link's
/// values, and a fresh sequenceId when the target needs one the link does not carry.
pub fn follow_body(next: &Next, base: &str, now_ms: i64, random: [u8; 4]) -> String {
    let mut fill = next.fill.clone();
    if next.operation.field("sequenceId").is_some() && !fill.contains_key("sequenceId") {
        fill.insert("sequenceId".into(), format!("SEQ-{now_ms}-{:08x}", u32::from_be_bytes(random)).into());
    }
    chain::apply(&fill, base)
}

/// One clickable fixture.
#[derive(Debug, Clone, Copy)]
pub enum Fixture {
    Member(&'static JourneyMember),
    Scenario(&'static str, Text),
    Merchant(&'static str, &'static str),
    Token(&'static PresetToken),
}

/// Every fixture, in the order the console lists them.
pub fn fixture_list() -> Vec<Fixture> {
    let mut list: Vec<Fixture> = fixtures::JOURNEY_MEMBERS.iter().map(Fixture::Member).collect();
    list.extend(fixtures::scenario_pairs().map(|(id, b)| Fixture::Scenario(id, fixtures::behaviour_text(b))));
    list.push(Fixture::Merchant(catalog::sandbox::MERCHANT_ID, "konaplate sandbox"));
    list.extend(fixtures::PORTAL_MERCHANTS.iter().map(|(id, name)| Fixture::Merchant(id, name)));
    list.extend(fixtures::PRESET_TOKENS.iter().map(Fixture::Token));
    list
}

impl Fixture {
    pub fn label(&self, lang: Lang) -> String {
        match self {
            Fixture::Member(m) => {
                let walk = if m.user_id == fixtures::WALK_MEMBER {
                    lang.choose(" · start here", " · 여기서 시작")
                } else {
                    ""
                };
                let can = if m.withdrawable { "" } else { lang.choose(" · not withdrawable", " · 출금 불가") };
                format!(
                    "{} {} · userId {} · {} {} {} · {} {} · par {}{can}{walk}",
                    lang.choose("Member", "회원"),
                    m.name,
                    m.user_id,
                    m.bank_code,
                    m.bank_name,
                    m.bank_account,
                    lang.choose("card", "카드"),
                    m.card_no,
                    m.par
                )
            }
            Fixture::Scenario(user_id, behaviour) => {
                format!("{} {user_id} · {}", lang.choose("Member", "회원"), lang.pick(*behaviour))
            }
            Fixture::Merchant(id, name) => {
                let name = if *id == catalog::sandbox::MERCHANT_ID {
                    lang.choose("konaplate's sandbox merchant", "konaplate 샌드박스 가맹점")
                } else {
                    name
                };
                format!("{} {id} · {name}", lang.choose("Merchant", "가맹점"))
            }
            Fixture::Token(p) => format!(
                "{} {} · dcvv {} · {}",
                lang.choose("Preset token", "프리셋 토큰"),
                p.one_time_token,
                p.dcvv,
                lang.pick(p.purpose)
            ),
        }
    }

    /// The fields this fixture fills in `endpoint`'s request (only fields it has).
    pub fn fill(&self, endpoint: &Endpoint) -> Map<String, Value> {
        let values = match self {
            Fixture::Member(m) => json!({
                "userId": serde_json::from_str::<Value>(m.user_id).unwrap_or(Value::Null),
                "cardNo": m.card_no, "par": m.par, "bankCode": m.bank_code, "bankAccount": m.bank_account,
                "bankName": m.bank_name, "userName": m.name, "birthDate": m.birth_date,
            }),
            Fixture::Scenario(user_id, _) => json!({
                "userId": serde_json::from_str::<Value>(user_id).unwrap_or(Value::Null),
                "cardNo": konaplate_core::sandbox::state::card_for(user_id),
            }),
            Fixture::Merchant(id, _) => json!({ "merchantId": id }),
            Fixture::Token(p) => json!({ "oneTimeToken": p.one_time_token, "dcvv": p.dcvv }),
        };
        let Value::Object(values) = values else { return Map::new() };
        values.into_iter().filter(|(name, _)| endpoint.field(name).is_some()).collect()
    }
}

/// The Test Data of the operation shown (the charge's are in the scenario picker).
pub fn test_cases(endpoint: &Endpoint) -> Vec<&'static catalog::TestCase> {
    endpoint.operation.map(|op| catalog::links::test_data(op).collect()).unwrap_or_default()
}

/// A Test Data button: status, code and what triggers it.
pub fn test_case_label(case: &catalog::TestCase, lang: Lang) -> String {
    format!("{} · {} · {}", case.http, case.code, lang.pick(case.trigger))
}

pub const TEST_DATA_TITLE: Text =
    t("Test Data of this operation (click to fill)", "이 API의 테스트 데이터(누르면 채워짐)");

/// What the clock line says: the in-browser sandbox's offset, if it moved.
pub fn clock_line(offset_ms: i64, lang: Lang) -> String {
    let minutes = offset_ms / 60_000;
    if offset_ms == 0 {
        lang.choose("Sandbox clock: real time.", "샌드박스 시계: 실제 시각.").to_string()
    } else {
        format!("{} +{minutes} {}", lang.choose("Sandbox clock:", "샌드박스 시계:"), lang.choose("min", "분"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::Target;
    use konaplate_core::catalog::{CHARGE_ENDPOINT, PAYMENT_ENDPOINT};
    use konaplate_core::sandbox::{SandboxRequest, SandboxResponse};

    fn entry(path: &str, request: &str, code: &str, response: &str) -> Entry {
        Entry {
            sent_at: String::new(),
            target: Target::InBrowser,
            url: String::new(),
            request: SandboxRequest { method: "POST".into(), path: path.into(), headers: vec![], body: request.into() },
            response: SandboxResponse { status: 200, code: code.into(), headers: vec![], body: response.into() },
            plaintext: None,
            opened: None,
        }
    }

    #[test]
    fn the_steps_show_the_last_answer_of_each() {
        let mut history = History::default();
        let inquiry = OperationId::ArsRegisterInquiry.endpoint().path;
        history.push(entry(inquiry, "{}", "000_000", r#"{"status":"ARS_AUTH_DONE","response":{"code":"000_000"}}"#));
        let lines = step_lines(&history, Lang::En);
        assert_eq!(lines.len(), STEPS.len());
        assert!(lines[3].starts_with("✓ 4. ") && lines[3].ends_with("000_000 · status ARS_AUTH_DONE"), "{}", lines[3]);
        assert!(lines[0].starts_with("○ 1. ") && lines[0].ends_with("not yet"), "{}", lines[0]);
        assert!(step_lines(&history, Lang::Ko)[0].ends_with("아직"));
    }

    #[test]
    fn a_charge_answer_links_to_its_inquiry_and_cancel_with_a_fresh_sequence_id_for_the_cancel() {
        let shown = entry(
            CHARGE_ENDPOINT.path,
            r#"{"sequenceId":"S-1","userId":70000000003,"amount":5}"#,
            "000_000",
            r#"{"nrNumber":"NR9","isPending":false,"response":{"code":"000_000","description":"Success."}}"#,
        );
        let next = links(&shown, 0);
        let labels: Vec<String> = next.iter().map(|n| link_label(n, Lang::En)).collect();
        assert_eq!(labels[0], "→ Checking Result of Charge & Cancellation of Charge (sequenceId): Look up this charge's result by its sequenceId.");
        let cancel = follow_body(&next[1], r#"{"oneTimeToken":"1234567890123456","dcvv":"987"}"#, 5, [0, 0, 0, 1]);
        assert_eq!(
            cancel,
            r#"{"oneTimeToken":"1234567890123456","dcvv":"987","userId":70000000003,"nrNumber":"NR9","sequenceId":"SEQ-5-00000001"}"#
        );
        assert_eq!(follow_body(&next[0], "{}", 5, [0; 4]), r#"{"sequenceId":"S-1"}"#);
        let failed = entry(CHARGE_ENDPOINT.path, "{}", "007_001", r#"{"response":{"code":"007_001"}}"#);
        assert!(links(&failed, 0).is_empty());
    }

    #[test]
    fn an_encrypted_request_links_from_its_plaintext() {
        let verify = OperationId::AccountHolder.endpoint();
        let mut sent =
            entry(verify.path, r#"{"encData":"a.b.c.d.e"}"#, "000_000", r#"{"response":{"code":"000_000"}}"#);
        sent.plaintext = Some(r#"{"userId":70000000003,"bankCode":"020"}"#.into());
        let next = links(&sent, 0);
        assert_eq!(next[0].fill["userId"].to_string(), "70000000003");
        assert!(next[0].missing.is_empty());
    }

    #[test]
    fn a_fixture_fills_only_the_fields_the_operation_has() {
        let list = fixture_list();
        let walker =
            list.iter().find(|f| matches!(f, Fixture::Member(m) if m.user_id == fixtures::WALK_MEMBER)).unwrap();
        let keys = |f: &Fixture, e: &Endpoint| f.fill(e).keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(walker, &CHARGE_ENDPOINT), ["userId"]);
        assert_eq!(
            keys(walker, OperationId::AccountHolder.endpoint()),
            ["userId", "bankCode", "bankAccount", "userName", "birthDate"]
        );
        assert_eq!(keys(walker, OperationId::OneTimeToken.endpoint()), ["cardNo"]);
        assert_eq!(keys(walker, OperationId::TransactionHistory.endpoint()), ["userId", "par"]);
        let merchant = list.iter().find(|f| matches!(f, Fixture::Merchant(..))).unwrap();
        assert_eq!(keys(merchant, &PAYMENT_ENDPOINT), ["merchantId"]);
        assert!(walker.label(Lang::Ko).contains("여기서 시작"));
        assert_eq!(walker.fill(&CHARGE_ENDPOINT)["userId"].to_string(), "70000000003");
    }

    #[test]
    fn the_test_data_of_an_operation_fill_its_body_and_reproduce_their_codes() {
        use crate::state::{update, Clock, Msg, Outcome, Start, State};
        let clock = Clock { epoch_ms: 1_767_225_600_000, random: [1, 2, 3, 4] };
        let registration_status = OperationId::ArsRegisterInquiry.endpoint();
        let cases = test_cases(registration_status);
        assert_eq!(cases.len(), 7);
        assert_eq!(
            test_case_label(cases[6], Lang::En),
            "400 · 002_019 · No registration has regNo REG9999999999999999999."
        );
        assert!(test_cases(&CHARGE_ENDPOINT).is_empty(), "the charge's are the portal scenarios");
        let mut s = State::new(&Start::default(), None, clock);
        update(&mut s, Msg::Secret("typed".into()));
        let step = STEPS.iter().position(|op| *op == OperationId::ArsRegisterInquiry).unwrap();
        update(&mut s, Msg::JourneyStep(step, clock));
        for (i, case) in cases.iter().enumerate() {
            update(&mut s, Msg::TestCase(i));
            assert_eq!(s.body, case.body);
            update(&mut s, Msg::Send(clock));
            let Outcome::Shown(entry) = &s.outcome else { panic!("not sent") };
            assert_eq!(entry.response.code, case.code.as_str(), "{}", case.id);
        }
    }

    #[test]
    fn the_clock_line_names_the_offset() {
        assert_eq!(clock_line(0, Lang::En), "Sandbox clock: real time.");
        assert_eq!(clock_line(600_000, Lang::Ko), "샌드박스 시계: +10 분");
    }

    /// The walk a newcomer makes in the console, message by message, in the in-browser
    /// sandbox: only fixtures, link buttons, "+5 min", one typed amount and Send.
    #[test]
    fn a_newcomer_walks_the_whole_journey_in_the_console() {
        use crate::state::{update, Clock, Msg, Outcome, Start, State};
        let clock = Clock { epoch_ms: 1_767_225_600_000, random: [1, 2, 3, 4] };
        let mut s = State::new(&Start::default(), None, clock);
        update(&mut s, Msg::Secret("typed".into()));
        // A new clock reading per click, as the page takes one (fresh sequenceIds differ).
        let ticks = std::cell::Cell::new(0u8);
        let tick = || {
            ticks.set(ticks.get() + 1);
            Clock { random: [0, 0, 9, ticks.get()], ..clock }
        };
        let walker = fixture_list()
            .iter()
            .position(|f| matches!(f, Fixture::Member(m) if m.user_id == fixtures::WALK_MEMBER))
            .unwrap();
        let answer = |s: &State| match &s.outcome {
            Outcome::Shown(e) => serde_json::from_str::<Value>(&e.response.body).unwrap(),
            other => panic!("{other:?}"),
        };
        let link_to = |s: &State, id: &str| match &s.outcome {
            Outcome::Shown(e) => links(e, clock.epoch_ms).iter().position(|n| n.operation.id == id).unwrap(),
            _ => panic!("nothing shown"),
        };
        let send = |s: &mut State| {
            update(s, Msg::Send(clock));
            let a = answer(s);
            assert_eq!(a["response"]["code"], "000_000", "{} {}: {a}", s.endpoint.id, s.body);
            a
        };

        update(&mut s, Msg::JourneyStep(0, clock));
        update(&mut s, Msg::Fixture(walker));
        send(&mut s);
        let i = link_to(&s, "ars-auth");
        update(&mut s, Msg::FollowLink(i, tick()));
        send(&mut s);
        let i = link_to(&s, "ars-register");
        update(&mut s, Msg::FollowLink(i, tick()));
        update(&mut s, Msg::Fixture(walker));
        send(&mut s);
        let i = link_to(&s, "ars-register-inquiry");
        update(&mut s, Msg::FollowLink(i, tick()));
        assert_eq!(send(&mut s)["status"], "ARS_AUTH_IN_PROGRESS");
        update(&mut s, Msg::AdvanceClock(clock));
        assert_eq!(send(&mut s)["status"], "BANK_ACC_REGISTERED");

        update(&mut s, Msg::JourneyStep(4, clock));
        update(&mut s, Msg::Fixture(walker));
        send(&mut s);
        let i = link_to(&s, "charge");
        update(&mut s, Msg::FollowLink(i, tick()));
        update(&mut s, Msg::Fixture(walker));
        update(&mut s, Msg::Field { path: "/amount".into(), edit: crate::form::Edit::Text("30000".into()) });
        send(&mut s);
        let i = link_to(&s, "result-inquiry");
        update(&mut s, Msg::FollowLink(i, tick()));
        assert_eq!(send(&mut s)["result"], "COMPLETED");

        update(&mut s, Msg::JourneyStep(4, clock));
        send(&mut s);
        let i = link_to(&s, "payment");
        update(&mut s, Msg::FollowLink(i, tick()));
        assert_eq!(send(&mut s)["balance"], 20_000);

        // The refund: a second charge, cancelled from its answer's link.
        update(&mut s, Msg::JourneyStep(4, clock));
        send(&mut s);
        let i = link_to(&s, "charge");
        update(&mut s, Msg::FollowLink(i, tick()));
        update(&mut s, Msg::Field { path: "/amount".into(), edit: crate::form::Edit::Text("5000".into()) });
        send(&mut s);
        let i = link_to(&s, "cancel");
        update(&mut s, Msg::FollowLink(i, tick()));
        send(&mut s);
        let i = link_to(&s, "transaction-history");
        update(&mut s, Msg::FollowLink(i, tick()));
        update(&mut s, Msg::Fixture(walker));
        let history = send(&mut s);
        let types: Vec<&str> =
            history["transactionInfo"].as_array().unwrap().iter().map(|t| t["trType"].as_str().unwrap()).collect();
        assert_eq!(types, ["02", "01", "00", "01"]);
        let lines = step_lines(&s.history, Lang::En);
        assert!(lines.iter().all(|l| l.starts_with('✓')), "{lines:#?}");
        assert_eq!(s.sandbox.as_ref().map(|b| b.clock_offset_ms()), Some(ADVANCE_MS));
    }
}
