//! The journey's server routes: `GET /sandbox/fixtures` (what a newcomer fills requests with)
//! and `/sandbox/clock` (`GET` reads, `POST {"advanceMs": N}` or `{"minutes": N}` moves the
//! sandbox's business clock forward; persisted with `--db` like every state change).

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use konaplate_core::sandbox::fixtures::{self, Fixtures};
use konaplate_core::sandbox::ledger::kst;
use konaplate_core::sandbox::Sandbox;
use konaplate_core::Text;
use serde_json::{json, Value};

use super::App;

pub async fn fixtures() -> Json<Fixtures> {
    Json(fixtures::fixtures())
}

fn clock_view(sandbox: &Sandbox) -> Value {
    let now = sandbox.state().business_time(super::http::now_ms());
    json!({ "offsetMs": sandbox.clock_offset_ms(), "nowMs": now, "nowKst": kst(now, false) })
}

pub async fn clock(State(app): State<Arc<App>>) -> Json<Value> {
    Json(clock_view(&app.sandbox.lock().unwrap_or_else(|poisoned| poisoned.into_inner())))
}

fn refusal(status: StatusCode, why: Text<String>) -> Response {
    (status, Json(json!({ "error": why }))).into_response()
}

/// The step a clock request asks for, in ms: `advanceMs`, or `minutes` × 60000.
fn requested_step(body: &str) -> Result<i64, Text<String>> {
    let value: Value = konaplate_core::json::read(body).map_err(|e| {
        Text::new(
            format!("The body is not JSON ({e}); send {{\"advanceMs\": 300000}} or {{\"minutes\": 5}}."),
            format!("본문이 JSON이 아닙니다({e}). {{\"advanceMs\": 300000}} 또는 {{\"minutes\": 5}}를 보내세요."),
        )
    })?;
    let whole = |key: &str, scale: i64| {
        value.get(key).map(|v| {
            v.as_i64().and_then(|n| n.checked_mul(scale)).ok_or_else(|| {
                Text::new(
                    format!("{key} must be a whole number of at most 30 days; got {v}."),
                    format!("{key}{} 30일 이하의 정수여야 합니다. 받은 값: {v}.", konaplate_core::text::ko::topic(key)),
                )
            })
        })
    };
    match (whole("advanceMs", 1), whole("minutes", 60_000)) {
        (Some(step), None) | (None, Some(step)) => step,
        _ => Err(Text::from_pair(
            "Give exactly one of advanceMs or minutes, e.g. {\"minutes\": 5}.",
            "advanceMs와 minutes 중 하나만 주세요. 예: {\"minutes\": 5}.",
        )),
    }
}

pub async fn advance(State(app): State<Arc<App>>, body: String) -> Response {
    let step = match requested_step(&body) {
        Ok(step) => step,
        Err(why) => return refusal(StatusCode::BAD_REQUEST, why),
    };
    let mut sandbox = app.sandbox.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Err(e) = sandbox.advance_clock(step) {
        return refusal(StatusCode::BAD_REQUEST, e.explain());
    }
    if let Some(store) = &app.store {
        if let Err(e) = store.save(sandbox.state()) {
            eprintln!("konaplate sandbox: cannot save state: {e}");
            let why =
                Text::from_pair("The sandbox could not save its clock.", "샌드박스가 시계를 저장하지 못했습니다.");
            return refusal(StatusCode::SERVICE_UNAVAILABLE, why);
        }
    }
    println!("POST /sandbox/clock -> +{step} ms, offset {} ms", sandbox.clock_offset_ms());
    Json(clock_view(&sandbox)).into_response()
}

/// The fixtures, printed at start so nobody has to read the source for a card or a merchant.
pub fn print_fixtures(addr: std::net::SocketAddr) {
    let f = fixtures::fixtures();
    println!(
        "  fixtures    http://{addr}/sandbox/fixtures  (clock: POST http://{addr}/sandbox/clock {{\"minutes\":5}})"
    );
    println!(
        "    journey members (portal test data; userIds are konaplate's; walk the journey with {}):",
        f.walk_member
    );
    for m in f.journey_members {
        println!(
            "      {}  {}  {}  {} {} {}  card {}  par {}  {}",
            m.user_id,
            m.name,
            m.birth_date,
            m.bank_code,
            m.bank_name,
            m.bank_account,
            m.card_no,
            m.par,
            if m.withdrawable { "withdrawable" } else { "not withdrawable (007_004)" }
        );
    }
    let scenario: Vec<String> =
        f.scenario_members.iter().map(|m| format!("{} ({})", m.user_id, m.behaviour.en)).collect();
    println!("    charge Test Data members  {}", scenario.join(" · "));
    let merchants: Vec<String> = f.merchants.iter().map(|(id, name)| format!("{id} {name}")).collect();
    println!("    merchants   {}", merchants.join(" · "));
    for t in f.preset_tokens {
        println!("    token       {} dcvv {}  {}", t.one_time_token, t.dcvv, t.purpose.en);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_step_is_read_from_exactly_one_field() {
        assert_eq!(requested_step(r#"{"minutes":5}"#), Ok(300_000));
        assert_eq!(requested_step(r#"{"advanceMs":1}"#), Ok(1));
        let Text { en, ko } = requested_step(r#"{"minutes":1.5}"#).unwrap_err();
        assert!(en.contains("minutes must be a whole number") && ko.contains("minutes는"), "{en}");
        assert!(requested_step(r#"{"minutes":1,"advanceMs":1}"#).unwrap_err().en.contains("exactly one"));
        assert!(requested_step("{}").unwrap_err().en.contains("exactly one"));
        assert!(requested_step("nope").unwrap_err().en.contains("not JSON"));
        assert!(requested_step(r#"{"minutes":9223372036854775807}"#).is_err());
    }
}
