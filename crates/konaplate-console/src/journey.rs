//! The journey in the console, without the DOM: the shown answer's links (the document's
//! `links`, followed by `chain::follow`), the fixtures one click from filling a request, the
//! journey's steps with their last status, and the clock "+5 min" moves: the in-browser
//! sandbox's, or a sandbox server's (`konaplate serve`'s `POST /sandbox/clock`).

use konaplate_core::catalog::{self, Endpoint, OperationId, Text};
use konaplate_core::chain::{self, Next};
use konaplate_core::sandbox::fixtures::{self, JourneyMember, PresetToken};
use konaplate_core::text::t;
use serde_json::{json, Map, Value};

use crate::history::{Entry, History};
use crate::text::Lang;
use crate::transport::Failure;

pub const TITLE: Text = t("Journey", "여정");
pub const STEPS_NOTE: Text = t(
    "The charge journey in order, each step with its last answer in this session. Pick a step to open it; fill requests from the fixtures and the buttons under a response.",
    "충전 여정을 순서대로, 이번 세션의 마지막 응답과 함께 보여 줍니다. 단계를 누르면 열리고, 요청은 픽스처와 응답 아래 버튼으로 채웁니다.",
);
pub const FIXTURES_TITLE: Text = t("Sandbox fixtures (click to fill)", "샌드박스 픽스처(누르면 채워짐)");
pub const LINKS_TITLE: Text = t("Next requests from this answer", "이 응답으로 이어지는 요청");
pub const ADVANCE: Text = t("+5 min on the sandbox clock", "샌드박스 시계 +5분");
/// How far the "+5 min" button moves the sandbox's clock (in the page, or on a server).
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
    let body: Value = konaplate_core::json::read(bodies(entry).1).ok()?;
    ["status", "result", "isPending", "balance"].iter().find_map(|key| {
        body.get(*key)
            .map(|v| format!("{key} {}", v.as_str().map_or_else(|| konaplate_core::json::text(v), str::to_string)))
    })
}

/// The links the shown exchange offers (none unless it answered `000_000`).
pub fn links(entry: &Entry, now_ms: i64) -> Vec<Next> {
    let Some(operation) = konaplate_core::sandbox::route(&entry.request.path).and_then(|e| e.operation) else {
        return Vec::new();
    };
    let (request, response) = bodies(entry);
    chain::follow(operation, request, response, now_ms)
}

/// The request and response bodies, an encrypted request's as its plaintext (before it was
/// sealed).
fn bodies(entry: &Entry) -> (&str, &str) {
    let request = entry.plaintext.as_deref().unwrap_or(&entry.request.body);
    (request, &entry.response.body)
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
        fill.insert("sequenceId".into(), crate::exchange::fresh_sequence_id(now_ms, random).into());
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
                "userId": konaplate_core::json::read(m.user_id).unwrap_or(Value::Null),
                "cardNo": m.card_no, "par": m.par, "bankCode": m.bank_code, "bankAccount": m.bank_account,
                "bankName": m.bank_name, "userName": m.name, "birthDate": m.birth_date,
            }),
            Fixture::Scenario(user_id, _) => json!({
                "userId": konaplate_core::json::read(user_id).unwrap_or(Value::Null),
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

/// The body "+5 min" posts to a sandbox server's clock (`konaplate serve`'s `/sandbox/clock`).
pub fn advance_body() -> String {
    konaplate_core::json::text(&json!({ "advanceMs": ADVANCE_MS }))
}

/// A sandbox server's clock: the server URL without its `/open-api` (where `konaplate serve`
/// answers the API), then `/sandbox/clock`. `None` without a server URL.
pub fn server_clock_url(server_url: &str) -> Option<String> {
    let base = server_url.trim_end_matches('/');
    let root = base.strip_suffix("/open-api").unwrap_or(base);
    (!root.is_empty()).then(|| format!("{root}/sandbox/clock"))
}

/// What a sandbox server's clock said to this page's last "+5 min".
#[derive(Debug, Clone, PartialEq)]
pub enum ServerClock {
    /// The POST is on the network.
    Moving,
    /// The server moved its clock: its offset from real time and its business time (KST).
    Moved { offset_ms: i64, now_kst: Option<String> },
    /// The server refused the step, in its own words (`{"error": {"en", "ko"}}`).
    Refused { status: u16, en: String, ko: String },
    /// The answer is not a sandbox clock's (the live KONA PLATE, another server).
    NotASandbox { status: u16 },
    /// Nothing usable came back.
    Unreachable(Failure),
}

/// Reads a server's answer to `POST /sandbox/clock`: `konaplate serve` answers 200 with
/// `offsetMs` (and `nowKst`), or a refusal `{"error": {"en", "ko"}}`; anything else is not one.
pub fn read_clock_answer(status: u16, body: &str) -> ServerClock {
    let Ok(value) = konaplate_core::json::read(body) else { return ServerClock::NotASandbox { status } };
    if status == 200 {
        if let Some(offset_ms) = value.get("offsetMs").and_then(Value::as_i64) {
            let now_kst = value.get("nowKst").and_then(Value::as_str).map(str::to_string);
            return ServerClock::Moved { offset_ms, now_kst };
        }
    }
    let error = |lang: &str| value.pointer(&format!("/error/{lang}")).and_then(Value::as_str).map(str::to_string);
    match (status, error("en"), error("ko")) {
        (400..=599, Some(en), Some(ko)) => ServerClock::Refused { status, en, ko },
        _ => ServerClock::NotASandbox { status },
    }
}

/// Whose clock "+5 min" moves, as the clock line shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum ClockView<'a> {
    /// The in-browser sandbox, this far ahead of real time.
    InBrowser(i64),
    /// KONA PLATE's sandbox through the page's proxy: a clock nobody can move.
    NotASandbox,
    /// A server target without a URL.
    NoServerUrl,
    /// A server: its clock's URL and what it said to the last "+5 min" from here, if anything.
    Server { url: String, clock: Option<&'a ServerClock> },
}

/// `20261202172000` as `2026-12-02 17:20:00 KST` (any other text as it came).
fn readable_kst(time: &str) -> String {
    if time.len() == 14 && time.bytes().all(|b| b.is_ascii_digit()) {
        let p = |a: usize, b: usize| &time[a..b];
        format!("{}-{}-{} {}:{}:{} KST", p(0, 4), p(4, 6), p(6, 8), p(8, 10), p(10, 12), p(12, 14))
    } else {
        time.to_string()
    }
}

/// The clock line: whose clock "+5 min" moves and where it stands (`origin`: this page's, named
/// when a server cannot be reached).
pub fn clock_text(view: ClockView<'_>, lang: Lang, origin: &str) -> String {
    const ONLY_ON_A_SANDBOX: Text = t(
        "+5 min works only on a konaplate sandbox (the in-browser sandbox or konaplate serve); KONA PLATE's own servers keep real time.",
        "+5분은 konaplate 샌드박스(브라우저 안 샌드박스나 konaplate serve)에서만 동작합니다. KONA PLATE의 서버는 실제 시각을 따릅니다.",
    );
    match view {
        ClockView::InBrowser(offset_ms) => clock_line(offset_ms, lang),
        ClockView::NotASandbox => lang.pick(ONLY_ON_A_SANDBOX).to_string(),
        ClockView::NoServerUrl => lang
            .choose(
                "No server URL: +5 min asks a konaplate serve to move its clock; fill in the server URL.",
                "서버 URL이 없습니다. +5분은 konaplate serve에 시계를 옮겨 달라고 요청하니 서버 URL을 입력하세요.",
            )
            .to_string(),
        ClockView::Server { url, clock: None } => match lang {
            Lang::En => format!("Sandbox clock of the server: not moved from this page (+5 min posts to {url})."),
            Lang::Ko => format!("서버의 샌드박스 시계: 이 페이지에서 옮긴 적 없음(+5분은 {url}에 요청합니다)."),
        },
        ClockView::Server { url, clock: Some(ServerClock::Moving) } => match lang {
            Lang::En => format!("Sandbox clock: asking {url} to move…"),
            Lang::Ko => format!("샌드박스 시계: {url}에 옮겨 달라고 요청하는 중…"),
        },
        ClockView::Server { url, clock: Some(ServerClock::Moved { offset_ms, now_kst }) } => {
            let time = now_kst.as_deref().map(readable_kst);
            match (lang, time) {
                (Lang::En, Some(time)) => {
                    format!("{} (server {url}, business time {time})", clock_line(*offset_ms, lang))
                }
                (Lang::En, None) => format!("{} (server {url})", clock_line(*offset_ms, lang)),
                (Lang::Ko, Some(time)) => format!("{} (서버 {url}, 업무 시각 {time})", clock_line(*offset_ms, lang)),
                (Lang::Ko, None) => format!("{} (서버 {url})", clock_line(*offset_ms, lang)),
            }
        }
        ClockView::Server { url, clock: Some(ServerClock::Refused { status, en, ko }) } => match lang {
            Lang::En => format!("Clock not moved: the server at {url} refused (HTTP {status}): {en}"),
            Lang::Ko => format!("시계를 옮기지 못했습니다. {url} 서버가 거부했습니다(HTTP {status}): {ko}"),
        },
        ClockView::Server { url, clock: Some(ServerClock::NotASandbox { status }) } => match lang {
            Lang::En => format!(
                "Clock not moved: {url} answered HTTP {status}, not as a konaplate sandbox. {}",
                ONLY_ON_A_SANDBOX.en
            ),
            Lang::Ko => format!(
                "시계를 옮기지 못했습니다. {url}의 응답(HTTP {status})은 konaplate 샌드박스의 시계가 아닙니다. {}",
                ONLY_ON_A_SANDBOX.ko
            ),
        },
        ClockView::Server { url, clock: Some(ServerClock::Unreachable(failure)) } => {
            let konaplate_core::Text { en, ko } =
                crate::transport::diagnose(crate::exchange::Target::Server, &url, origin, *failure);
            match lang {
                Lang::En => format!("Clock not moved: {en}"),
                Lang::Ko => format!("시계를 옮기지 못했습니다. {ko}"),
            }
        }
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

    use crate::sandbox::native::update;
    use crate::state::{Clock, Effect, Msg, Outcome, Start, State};

    const CLOCK: Clock = Clock { epoch_ms: 1_767_225_600_000, random: [1, 2, 3, 4] };

    /// The walk a newcomer makes in the console, message by message: only fixtures, link
    /// buttons, "+5 min", one typed amount and Send. `run` carries out each effect an update asks
    /// for (a fetch, a server's clock move) and feeds the answer back, as the page's shell does.
    fn walk_the_journey(s: &mut State, run: &mut dyn FnMut(&mut State, Effect)) {
        update(s, Msg::Secret("typed".into()));
        // A new clock reading per click, as the page takes one (fresh sequenceIds differ).
        let ticks = std::cell::Cell::new(0u8);
        let tick = || {
            ticks.set(ticks.get() + 1);
            Clock { random: [0, 0, 9, ticks.get()], ..CLOCK }
        };
        let mut step = |s: &mut State, msg: Msg| {
            if let Some(effect) = update(s, msg) {
                run(s, effect);
            }
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
            Outcome::Shown(e) => links(e, CLOCK.epoch_ms).iter().position(|n| n.operation.id == id).unwrap(),
            _ => panic!("nothing shown"),
        };
        let send = |s: &mut State, step: &mut dyn FnMut(&mut State, Msg)| {
            step(s, Msg::Send(CLOCK));
            let a = answer(s);
            assert_eq!(a["response"]["code"], "000_000", "{} {}: {a}", s.endpoint.id, s.body);
            a
        };
        let amount = |text: &str| Msg::Field { path: "/amount".into(), edit: crate::form::Edit::Text(text.into()) };

        step(s, Msg::JourneyStep(0, CLOCK));
        step(s, Msg::Fixture(walker));
        send(s, &mut step);
        step(s, Msg::FollowLink(link_to(s, "ars-auth"), tick()));
        send(s, &mut step);
        step(s, Msg::FollowLink(link_to(s, "ars-register"), tick()));
        step(s, Msg::Fixture(walker));
        send(s, &mut step);
        step(s, Msg::FollowLink(link_to(s, "ars-register-inquiry"), tick()));
        assert_eq!(send(s, &mut step)["status"], "ARS_AUTH_IN_PROGRESS");
        step(s, Msg::AdvanceClock(CLOCK));
        assert_eq!(send(s, &mut step)["status"], "BANK_ACC_REGISTERED");

        step(s, Msg::JourneyStep(4, CLOCK));
        step(s, Msg::Fixture(walker));
        send(s, &mut step);
        step(s, Msg::FollowLink(link_to(s, "charge"), tick()));
        step(s, Msg::Fixture(walker));
        step(s, amount("30000"));
        send(s, &mut step);
        step(s, Msg::FollowLink(link_to(s, "result-inquiry"), tick()));
        assert_eq!(send(s, &mut step)["result"], "COMPLETED");

        step(s, Msg::JourneyStep(4, CLOCK));
        send(s, &mut step);
        step(s, Msg::FollowLink(link_to(s, "payment"), tick()));
        assert_eq!(send(s, &mut step)["balance"], 20_000);

        // The refund: a second charge, cancelled from its answer's link.
        step(s, Msg::JourneyStep(4, CLOCK));
        send(s, &mut step);
        step(s, Msg::FollowLink(link_to(s, "charge"), tick()));
        step(s, amount("5000"));
        send(s, &mut step);
        step(s, Msg::FollowLink(link_to(s, "cancel"), tick()));
        send(s, &mut step);
        step(s, Msg::FollowLink(link_to(s, "transaction-history"), tick()));
        step(s, Msg::Fixture(walker));
        let history = send(s, &mut step);
        let rows: Vec<(&str, String)> = history["transactionInfo"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["trType"].as_str().unwrap(), t["trAmount"].to_string()))
            .collect();
        let expected = [("02", "5000"), ("01", "5000"), ("00", "10000"), ("01", "30000")];
        assert_eq!(rows, expected.map(|(t, a)| (t, a.to_string())));
        let lines = step_lines(&s.history, Lang::En);
        assert!(lines.iter().all(|l| l.starts_with('✓')), "{lines:#?}");
    }

    #[test]
    fn a_newcomer_walks_the_whole_journey_in_the_in_browser_sandbox() {
        let mut s = State::new(&Start::default(), None, CLOCK);
        // The in-browser sandbox answers once its module is there (loaded natively by the tests'
        // `update`); the only other effect is the encryption module's load, which this walk does
        // without (the sandbox then accepts plain bodies).
        walk_the_journey(&mut s, &mut |_, effect| assert_eq!(effect, Effect::LoadCrypto));
        assert_eq!((s.sandbox.offset_ms, s.sandbox.seed.is_some()), (ADVANCE_MS, true));
        assert_eq!(clock_text(s.clock_view(), Lang::En, ""), "Sandbox clock: +5 min");
    }

    /// The same walk against a sandbox server: the core sandbox `konaplate serve` wraps, behind
    /// the effects the page's shell would carry out with fetch (the HTTP itself is
    /// `e2e/journey.test.mjs`'s). "+5 min" moves that server's clock, never one in the page.
    #[test]
    fn a_newcomer_walks_the_whole_journey_against_a_sandbox_server() {
        let start = Start {
            target: Some("server".into()),
            server_url: Some("http://127.0.0.1:8787/open-api".into()),
            ..Start::default()
        };
        let mut s = State::new(&start, None, CLOCK);
        let mut server = konaplate_core::sandbox::Sandbox::new(konaplate_core::sandbox::SandboxConfig {
            secret_key: "typed".into(),
            seed: 7,
        });
        let (mut fetched, mut moved) = (0, 0);
        walk_the_journey(&mut s, &mut |s, effect| match effect {
            Effect::Fetch(flight) => {
                fetched += 1;
                assert!(flight.url.starts_with("http://127.0.0.1:8787/open-api/"), "{}", flight.url);
                let response = server.handle(&flight.request, CLOCK.epoch_ms);
                assert_eq!(update(s, Msg::Answered(response)), None);
            }
            Effect::MoveServerClock { url, body } => {
                moved += 1;
                assert_eq!(url, "http://127.0.0.1:8787/sandbox/clock");
                let step: Value = serde_json::from_str(&body).unwrap();
                server.advance_clock(step["advanceMs"].as_i64().unwrap()).unwrap();
                let now = server.state().business_time(CLOCK.epoch_ms);
                let answer = json!({ "offsetMs": server.clock_offset_ms(), "nowMs": now,
                    "nowKst": konaplate_core::sandbox::ledger::kst(now, false) });
                assert_eq!(update(s, Msg::ServerClockAnswered { url, answer: Ok((200, answer.to_string())) }), None);
            }
            Effect::LoadCrypto => {}
            other => panic!("{other:?}"),
        });
        assert_eq!((fetched, moved), (14, 1));
        assert!(s.sandbox.seed.is_none() && s.sandbox.backend.is_none(), "nothing ran in the page");
        assert_eq!((server.clock_offset_ms(), s.clock_offset_ms()), (ADVANCE_MS, ADVANCE_MS));
        assert_eq!(
            clock_text(s.clock_view(), Lang::En, ""),
            "Sandbox clock: +5 min (server http://127.0.0.1:8787/sandbox/clock, business time 2026-01-01 09:05:00 KST)"
        );
    }

    #[test]
    fn the_clock_url_sits_beside_the_servers_open_api() {
        assert_eq!(
            server_clock_url("http://127.0.0.1:8787/open-api").as_deref(),
            Some("http://127.0.0.1:8787/sandbox/clock")
        );
        assert_eq!(server_clock_url("http://h:1/open-api/").as_deref(), Some("http://h:1/sandbox/clock"));
        assert_eq!(server_clock_url("http://h:1").as_deref(), Some("http://h:1/sandbox/clock"));
        assert_eq!(server_clock_url("https://h/x/open-api").as_deref(), Some("https://h/x/sandbox/clock"));
        assert_eq!(server_clock_url(""), None);
        assert_eq!(server_clock_url("/"), None);
        assert_eq!(serde_json::from_str::<Value>(&advance_body()).unwrap(), json!({ "advanceMs": 300_000 }));
    }

    #[test]
    fn a_clock_answer_is_a_sandbox_clock_only_with_its_offset() {
        let serve = r#"{"offsetMs":300000,"nowMs":1767225900000,"nowKst":"20260101090500"}"#;
        assert_eq!(
            read_clock_answer(200, serve),
            ServerClock::Moved { offset_ms: 300_000, now_kst: Some("20260101090500".into()) }
        );
        let refusal = r#"{"error":{"en":"Too far.","ko":"너무 멉니다."}}"#;
        assert_eq!(
            read_clock_answer(400, refusal),
            ServerClock::Refused { status: 400, en: "Too far.".into(), ko: "너무 멉니다.".into() }
        );
        // The live API's envelope, an HTML 404, a 200 without an offset, a refusal in one language.
        let envelope = r#"{"response":{"code":"000_002","description":"Not found"}}"#;
        assert_eq!(read_clock_answer(404, envelope), ServerClock::NotASandbox { status: 404 });
        assert_eq!(read_clock_answer(404, "<html>Not Found</html>"), ServerClock::NotASandbox { status: 404 });
        assert_eq!(read_clock_answer(200, envelope), ServerClock::NotASandbox { status: 200 });
        assert_eq!(read_clock_answer(200, r#"{"offsetMs":"5"}"#), ServerClock::NotASandbox { status: 200 });
        assert_eq!(read_clock_answer(400, r#"{"error":{"en":"x"}}"#), ServerClock::NotASandbox { status: 400 });
        assert_eq!(read_clock_answer(200, refusal), ServerClock::NotASandbox { status: 200 });
    }

    #[test]
    fn the_clock_line_says_whose_clock_and_why_it_did_not_move_in_both_languages() {
        const URL: &str = "http://h:1/sandbox/clock";
        let at = |clock: &ServerClock, lang| {
            clock_text(ClockView::Server { url: URL.into(), clock: Some(clock) }, lang, "http://page")
        };
        let not = ServerClock::NotASandbox { status: 404 };
        assert_eq!(
            at(&not, Lang::En),
            "Clock not moved: http://h:1/sandbox/clock answered HTTP 404, not as a konaplate sandbox. +5 min works only on a konaplate sandbox (the in-browser sandbox or konaplate serve); KONA PLATE's own servers keep real time."
        );
        assert!(at(&not, Lang::Ko)
            .starts_with("시계를 옮기지 못했습니다. http://h:1/sandbox/clock의 응답(HTTP 404)은 konaplate 샌드박스의 시계가 아닙니다. +5분은"));
        let down = ServerClock::Unreachable(Failure { offline: false, timed_out: false, server_answered_probe: false });
        assert!(
            at(&down, Lang::En).starts_with(
                "Clock not moved: Nothing answered at http://h:1/sandbox/clock: the server is not running"
            ),
            "{}",
            at(&down, Lang::En)
        );
        assert!(at(&down, Lang::En).contains("--allow-origin http://page"));
        assert!(at(&down, Lang::Ko)
            .starts_with("시계를 옮기지 못했습니다. http://h:1/sandbox/clock에서 아무 응답이 없습니다."));
        let refused = ServerClock::Refused { status: 400, en: "Too far.".into(), ko: "너무 멉니다.".into() };
        assert_eq!(
            at(&refused, Lang::En),
            "Clock not moved: the server at http://h:1/sandbox/clock refused (HTTP 400): Too far."
        );
        assert!(at(&refused, Lang::Ko).ends_with("(HTTP 400): 너무 멉니다."));
        assert_eq!(at(&ServerClock::Moving, Lang::En), "Sandbox clock: asking http://h:1/sandbox/clock to move…");
        let moved = ServerClock::Moved { offset_ms: 600_000, now_kst: Some("20261202172000".into()) };
        assert_eq!(
            at(&moved, Lang::Ko),
            "샌드박스 시계: +10 분 (서버 http://h:1/sandbox/clock, 업무 시각 2026-12-02 17:20:00 KST)"
        );
        let untimed = ServerClock::Moved { offset_ms: 300_000, now_kst: None };
        assert_eq!(at(&untimed, Lang::En), "Sandbox clock: +5 min (server http://h:1/sandbox/clock)");
        let unasked = clock_text(ClockView::Server { url: URL.into(), clock: None }, Lang::En, "");
        assert_eq!(
            unasked,
            "Sandbox clock of the server: not moved from this page (+5 min posts to http://h:1/sandbox/clock)."
        );
        assert!(
            clock_text(ClockView::NotASandbox, Lang::En, "").starts_with("+5 min works only on a konaplate sandbox")
        );
        assert!(clock_text(ClockView::NotASandbox, Lang::Ko, "").starts_with("+5분은 konaplate 샌드박스"));
        assert!(clock_text(ClockView::NoServerUrl, Lang::En, "").starts_with("No server URL"));
        assert!(clock_text(ClockView::NoServerUrl, Lang::Ko, "").starts_with("서버 URL이 없습니다"));
    }
}
