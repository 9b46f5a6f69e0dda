//! The charge flow's business logic, after the gate: one-time token, charge, result inquiry,
//! cancel. Every branch answers a catalog code; the Test Data scenarios fall out of the seeded
//! state (see `state::State::seeded` and `catalog::sandbox::RULES`).

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::catalog::{sandbox, Code, Endpoint, FieldType};
use crate::number::ExactInteger;
use crate::text::{ko, Text};
use crate::validate::validate_body_value;
use crate::violation::{Rule, Severity};

use super::ledger::{Entry, TrType};
use super::reply::Reply;
use super::state::{Behaviour, Cancellation, Charge, OneTimeToken, Outcome, State};

/// Short-lived token lifetime, and the one for type ATM or CREDIT.
const TOKEN_TTL_MS: i64 = 30_000;
const LONG_TOKEN_TTL_MS: i64 = 5 * 60_000;

/// Deterministic bytes for the next generated id: SHA-256(seed ‖ counter).
pub(super) fn next_digest(state: &mut State, seed: u64) -> [u8; 32] {
    state.issued += 1;
    let mut hasher = Sha256::new();
    hasher.update(seed.to_be_bytes());
    hasher.update(state.issued.to_be_bytes());
    hasher.finalize().into()
}

pub(super) fn digits(bytes: &[u8]) -> String {
    bytes.iter().map(|b| char::from(b'0' + b % 10)).collect()
}

/// Body errors as the server reports them: `000_002 Invalid input parameter. <field>`, except
/// an amount below 1 alone, which has its own code (007_007).
pub(super) fn check_body(endpoint: &Endpoint, body: &str) -> Result<Map<String, Value>, Reply> {
    check_body_with(endpoint, body, Some(Code::AmountBelowOne))
}

/// [`check_body`] with the operation's own code for an amount below 1 alone (`None`: 000_002).
pub(super) fn check_body_with(
    endpoint: &Endpoint,
    body: &str,
    amount_code: Option<Code>,
) -> Result<Map<String, Value>, Reply> {
    let (violations, value) = validate_body_value(endpoint, body);
    let errors: Vec<_> = violations.into_iter().filter(|v| v.severity == Severity::Error).collect();
    if errors.is_empty() {
        return match value {
            Some(Value::Object(map)) => Ok(map),
            _ => Err(Reply::error(Code::InvalidInput, None, None)),
        };
    }
    if let Some(code) =
        amount_code.filter(|_| errors.iter().all(|v| v.location == "$.amount" && v.rule() == Rule::Minimum))
    {
        return Err(Reply::error(code, None, None));
    }
    let first = &errors[0];
    let field = first.location.strip_prefix("$.").unwrap_or("body");
    Err(Reply::error(Code::InvalidInput, Some(field), Some(first.messages())))
}

pub(super) fn text(map: &Map<String, Value>, key: &str) -> String {
    map.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

/// Integer field as canonical digits (validated before, so present and integral).
pub(super) fn integer(map: &Map<String, Value>, key: &str) -> String {
    match map.get(key) {
        Some(Value::Number(n)) => {
            let written = n.to_string();
            let canonical = ExactInteger::parse(&written).map(|i| i.canonical());
            canonical.unwrap_or(written)
        }
        _ => String::new(),
    }
}

pub(super) fn explained(code: Code, en: String, ko: String) -> Reply {
    Reply::error(code, None, Some(Text::new(en, ko)))
}

pub fn one_time_token(state: &mut State, seed: u64, endpoint: &Endpoint, body: &str, now_ms: i64) -> Reply {
    let map = match check_body(endpoint, body) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let card_no = text(&map, "cardNo");
    let Some(user_id) = state.cards.get(&card_no).cloned() else {
        return explained(
            Code::InvalidCardNumber,
            format!("Card {card_no} is not a sandbox card; the success member's card is {}.", sandbox::MEMBER_CARD_NO),
            format!(
                "{card_no}{} 샌드박스 카드가 아닙니다. 성공 회원의 카드는 {}입니다.",
                ko::topic(&card_no),
                sandbox::MEMBER_CARD_NO
            ),
        );
    };
    match state.members.get(&user_id).map(|m| m.behaviour) {
        Some(Behaviour::CardExpired) => return Reply::error(Code::ExpiredCard, None, None),
        Some(Behaviour::CardSuspended) => return Reply::error(Code::TransactionNotPermitted, None, None),
        _ => {}
    }
    let ttl = if matches!(map.get("type").and_then(Value::as_str), Some("ATM" | "CREDIT")) {
        LONG_TOKEN_TTL_MS
    } else {
        TOKEN_TTL_MS
    };
    let digest = next_digest(state, seed);
    let token = digits(&digest[..16]);
    let dcvv = digits(&digest[16..19]);
    let expires_ms = now_ms + ttl;
    state.tokens.insert(
        token.clone(),
        OneTimeToken { dcvv: dcvv.clone(), user_id: Some(user_id), expires_ms: Some(expires_ms), used: false },
    );
    let mut data = Map::new();
    data.insert("oneTimeToken".into(), token.into());
    data.insert("dcvv".into(), dcvv.into());
    data.insert("expiryTime".into(), json!(expires_ms));
    Reply::success(data)
}

/// Why a one-time token cannot be used, if it cannot.
pub(super) fn token_problem(
    state: &State,
    token: &str,
    dcvv: Option<&str>,
    user_id: &str,
    now_ms: i64,
) -> Option<Text<String>> {
    let Some(t) = state.tokens.get(token) else {
        return Some(Text::new(
            format!("One-time token {token} was never issued."),
            format!("일회용 토큰 {token}{} 발급된 적이 없습니다.", ko::topic(token)),
        ));
    };
    if t.used {
        return Some(Text::new(
            format!("One-time token {token} was already used."),
            format!("일회용 토큰 {token}{} 이미 사용되었습니다.", ko::topic(token)),
        ));
    }
    if t.expires_ms.is_some_and(|e| now_ms > e) {
        return Some(Text::new(
            format!("One-time token {token} has expired."),
            format!("일회용 토큰 {token}{} 만료되었습니다.", ko::subject(token)),
        ));
    }
    if dcvv.is_some_and(|d| d != t.dcvv) {
        return Some(Text::new(
            "The dcvv does not belong to this one-time token.".into(),
            "dcvv가 이 일회용 토큰의 값이 아닙니다.".into(),
        ));
    }
    if t.user_id.as_deref().is_some_and(|u| u != user_id) {
        return Some(Text::new(
            "The one-time token was issued for another member's card.".into(),
            "다른 회원의 카드로 발급된 일회용 토큰입니다.".into(),
        ));
    }
    None
}

pub(super) fn consume(state: &mut State, token: &str) {
    if let Some(t) = state.tokens.get_mut(token) {
        // The preset token never expires and is never used up, so presets always work.
        if t.expires_ms.is_some() {
            t.used = true;
        }
    }
}

pub fn charge(state: &mut State, seed: u64, endpoint: &Endpoint, body: &str, now_ms: i64) -> Reply {
    let map = match check_body(endpoint, body) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let sequence_id = text(&map, "sequenceId");
    let user_id = integer(&map, "userId");
    let amount: u64 = integer(&map, "amount").parse().unwrap_or(0);
    let token = text(&map, "oneTimeToken");
    let merchant = text(&map, "merchantId");
    if state.sequence_id_used(&sequence_id) {
        return Reply::error(Code::DuplicateSequenceId, None, None);
    }
    if !state.merchants.contains(&merchant) {
        return explained(
            Code::FranchiseError,
            format!("Merchant {merchant} is not registered in the sandbox; use {}.", sandbox::MERCHANT_ID),
            format!(
                "가맹점 {merchant}{} 샌드박스에 등록되어 있지 않습니다. {}{} 사용하세요.",
                ko::topic(&merchant),
                sandbox::MERCHANT_ID,
                ko::object(sandbox::MERCHANT_ID)
            ),
        );
    }
    if let Some(Text { en, ko }) = token_problem(state, &token, Some(&text(&map, "dcvv")), &user_id, now_ms) {
        return explained(Code::InvalidOneTimeToken, en, ko);
    }
    let member = state.enrol(&user_id, Behaviour::Normal).clone();
    if !state.has_account(&user_id) {
        return Reply::error(Code::BankAccountNotFound, None, None);
    }
    let blocked = match member.behaviour {
        Behaviour::BankAccountProblem => Some(Code::BankAccountProblem),
        Behaviour::BenefitMismatch => Some(Code::BenefitMismatch),
        Behaviour::ChargeInProgress => Some(Code::ChargeInProgress),
        Behaviour::AutoChargeInProgress => Some(Code::AutoChargeInProgress),
        _ => None,
    };
    if let Some(code) = blocked {
        return Reply::error(code, None, None);
    }
    if state.has_pending_charge(&user_id) {
        return explained(
            Code::ChargeInProgress,
            "A charge for this member is still pending; wait for its re-check.".into(),
            "이 회원의 충전이 아직 처리 중입니다. 재확인을 기다리세요.".into(),
        );
    }
    if member.balance + amount > sandbox::BALANCE_LIMIT {
        return explained(
            Code::CreditLimitExceeded,
            format!(
                "Balance {} + amount {amount} exceeds the card limit of {} won.",
                member.balance,
                sandbox::BALANCE_LIMIT
            ),
            format!(
                "잔액 {} + 금액 {amount}{} 카드 한도 {}원을 넘습니다.",
                member.balance,
                ko::subject(&amount.to_string()),
                sandbox::BALANCE_LIMIT
            ),
        );
    }
    consume(state, &token);
    let digest = next_digest(state, seed);
    let nr_number = format!("NR{:010}{}", state.issued, digits(&digest[..10]));
    let outcome = match member.behaviour {
        Behaviour::PgWithdrawFails => Outcome::Failed,
        Behaviour::PendingThenCompleted => {
            Outcome::Pending { recheck_ms: now_ms + sandbox::PENDING_RECHECK_MS, completes: true }
        }
        Behaviour::PendingThenFailed => {
            Outcome::Pending { recheck_ms: now_ms + sandbox::PENDING_RECHECK_MS, completes: false }
        }
        _ => Outcome::Completed,
    };
    state.record(Charge {
        sequence_id,
        nr_number: nr_number.clone(),
        user_id: user_id.clone(),
        amount,
        outcome,
        cancelled: false,
    });
    match outcome {
        Outcome::Failed => Reply::error(Code::PgWithdrawFailure, None, None),
        Outcome::Completed => {
            state.post(super::state::charge_entry(&user_id, &nr_number, amount, now_ms));
            Reply::success(charge_data(&nr_number, false))
        }
        Outcome::Pending { .. } => Reply::success(charge_data(&nr_number, true)),
    }
}

fn charge_data(nr_number: &str, pending: bool) -> Map<String, Value> {
    let mut data = Map::new();
    data.insert("nrNumber".into(), nr_number.into());
    data.insert("isPending".into(), pending.into());
    data
}

pub fn result_inquiry(state: &State, endpoint: &Endpoint, body: &str) -> Reply {
    let map = match check_body(endpoint, body) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let sequence_id = text(&map, "sequenceId");
    let result = if let Some(charge) = state.charges.get(&sequence_id) {
        charge.outcome.result()
    } else if state.cancellations.contains_key(&sequence_id) {
        "COMPLETED"
    } else {
        return Reply::error(
            Code::InvalidInput,
            Some("sequenceId"),
            Some(Text::new(
                format!("No charge or cancellation has sequenceId {}.", crate::violation::quote(&sequence_id)),
                format!("sequenceId {}인 충전이나 취소가 없습니다.", crate::violation::quote(&sequence_id)),
            )),
        );
    };
    let mut data = Map::new();
    data.insert("result".into(), result.into());
    Reply::success(data)
}

pub fn cancel(state: &mut State, endpoint: &Endpoint, body: &str, now_ms: i64) -> Reply {
    let map = match check_body(endpoint, body) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let sequence_id = text(&map, "sequenceId");
    let user_id = integer(&map, "userId");
    let nr_number = text(&map, "nrNumber");
    let token = text(&map, "oneTimeToken");
    if state.sequence_id_used(&sequence_id) {
        return Reply::error(Code::DuplicateSequenceId, None, None);
    }
    if state.members.contains_key(&user_id) && !state.has_account(&user_id) {
        return Reply::error(Code::BankAccountNotFound, None, None);
    }
    let dcvv = map.get("dcvv").and_then(Value::as_str);
    if let Some(Text { en, ko }) = token_problem(state, &token, dcvv, &user_id, now_ms) {
        return explained(Code::InvalidOneTimeToken, en, ko);
    }
    if state.journey.payments.contains_key(&nr_number) {
        return explained(
            Code::CancelForAnotherMethod,
            format!("nrNumber {nr_number} is a payment, not an account charge: a payment is cancelled with /api/v1/payment/netcancel/no-hce."),
            format!("nrNumber {nr_number}{} 계좌 충전이 아닌 결제입니다. 결제는 /api/v1/payment/netcancel/no-hce로 취소합니다.", ko::topic(&nr_number)),
        );
    }
    let Some(charge) = state.charge_by_nr_number(&nr_number).cloned() else {
        return explained(
            Code::CancellationNotPossible,
            format!("No charge has nrNumber {}.", crate::violation::quote(&nr_number)),
            format!("nrNumber {}인 충전이 없습니다.", crate::violation::quote(&nr_number)),
        );
    };
    if charge.user_id != user_id {
        return explained(
            Code::CancelNameMismatch,
            "The charge belongs to another member.".into(),
            "다른 회원의 충전입니다.".into(),
        );
    }
    let refusal = if charge.cancelled {
        Some(("The charge was already cancelled.", "이미 취소된 충전입니다."))
    } else if charge.outcome != Outcome::Completed {
        Some(("Only a COMPLETED charge can be cancelled.", "COMPLETED 상태의 충전만 취소할 수 있습니다."))
    } else if state.members.get(&user_id).is_none_or(|m| m.balance < charge.amount) {
        Some(("The card balance no longer covers the refund.", "카드 잔액이 환불 금액보다 적습니다."))
    } else {
        None
    };
    if let Some((en, ko)) = refusal {
        return explained(Code::CancellationNotPossible, en.into(), ko.into());
    }
    consume(state, &token);
    state.post(Entry {
        user_id: user_id.clone(),
        tr_type: TrType::Refund,
        cancel: true,
        nr_number: nr_number.clone(),
        amount: charge.amount,
        balance_before: 0,
        balance_after: 0,
        merchant_id: String::new(),
        approval_code: String::new(),
        at_ms: now_ms,
    });
    if let Some(c) = state.charges.get_mut(&charge.sequence_id) {
        c.cancelled = true;
    }
    state.cancellations.insert(sequence_id.clone(), Cancellation { sequence_id, nr_number });
    let mut data = Map::new();
    data.insert("isPending".into(), false.into());
    Reply::success(data)
}

/// An operation the sandbox has no simulator for is answered like a mock server: the body is
/// validated exactly as for the others (the gate has checked headers and signature), then the
/// success envelope (the operation's own success code, if its document declares one) carries a
/// value generated from each documented response field.
pub fn documented_example(endpoint: &Endpoint, body: &str) -> Reply {
    if let Err(reply) = check_body(endpoint, body) {
        return reply;
    }
    let data = endpoint.response.iter().map(|f| (f.name.to_string(), example(f))).collect();
    Reply::documented(endpoint.success_code(), data)
}

/// A request body whose every field has a value within its documented type and bounds: the
/// starting point for an operation the console has no preset for. An optional field for which
/// no such value is found (a `pattern` the simple candidates do not match) is left out.
pub fn example_body(endpoint: &Endpoint) -> String {
    crate::json::text(&Value::Object(examples(endpoint.request)))
}

fn examples(fields: &[crate::catalog::Field]) -> Map<String, Value> {
    fields
        .iter()
        .filter_map(|f| example_of(f).or_else(|| f.required.then(|| example(f))).map(|v| (f.name.to_string(), v)))
        .collect()
}

/// A value that satisfies `field`'s documented type and bounds, if one is found.
fn example_of(field: &crate::catalog::Field) -> Option<Value> {
    let value = example(field);
    let fits = match (field.ty, &value) {
        (FieldType::String { pattern: Some(p), .. }, Value::String(s)) => p.matches(s),
        _ => true,
    };
    fits.then_some(value)
}

/// A value for `field` within its type and bounds (a `pattern` aside: see [`example_of`]).
fn example(field: &crate::catalog::Field) -> Value {
    if let Some(constant) = field.constant {
        return crate::json::read(constant).unwrap_or_default();
    }
    match field.ty {
        FieldType::String { allowed, .. } if !allowed.is_empty() => Value::from(allowed[0]),
        FieldType::String { format: Some(crate::catalog::DateFormat::Date), .. } => Value::from("20260101"),
        FieldType::String { format: Some(crate::catalog::DateFormat::DateTime), .. } => Value::from("20260101000000"),
        FieldType::String { min_len, .. } => Value::from("x".repeat(min_len.max(1))),
        ty @ (FieldType::Integer { .. } | FieldType::Number { .. }) => number_example(ty),
        FieldType::Boolean => Value::Bool(false),
        FieldType::Null => Value::Null,
        FieldType::Object { fields, .. } => Value::Object(examples(fields)),
        FieldType::Array { items, min_items, .. } => Value::Array(vec![example(items); min_items]),
    }
}

/// A number within the field's bounds: the first of a few candidates (the bounds, one past an
/// exclusive integer bound that fits 64 bits, 0, ±1, halves) that the exact check accepts.
fn number_example(ty: FieldType) -> Value {
    let integer = matches!(ty, FieldType::Integer { .. });
    let b = ty.bounds();
    let step = |bound: Option<&str>, by: i64| {
        bound.and_then(|t| t.parse::<i64>().ok()).and_then(|n| n.checked_add(by)).map(|n| n.to_string())
    };
    let mut candidates: Vec<String> = [b.min, b.max].iter().flatten().map(|s| s.to_string()).collect();
    candidates.extend(step(b.exclusive_min, 1));
    candidates.extend(step(b.exclusive_max, -1));
    candidates.extend(["0", "1", "-1", "0.5", "-0.5", "0.001"].map(String::from));
    let fits = |c: &&String| crate::number::check_bounds(c, integer, b).is_none();
    let text = candidates.iter().find(fits).cloned().unwrap_or_else(|| "0".to_string());
    crate::json::read(&text).unwrap_or(Value::Null)
}
