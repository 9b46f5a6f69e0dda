//! The journey's operations after the gate: account-holder verification, ARS code, registration
//! via the PG and its status, the registered account, deletion, payment and its network
//! cancellation, refund fee, and the card's transaction history. They read and write the same
//! [`State`] as the charge flow, so a registration enables a charge, a charge funds a payment,
//! and the history lists them all.

use serde_json::{json, Map, Value};

use crate::catalog::{Code, Endpoint};
use crate::text::Text;

use super::fixtures::{self, PORTAL_MERCHANTS};
use super::flow::{check_body, check_body_with, consume, digits, explained, integer, next_digest, text, token_problem};
use super::ledger::{kst, par_for, BankAccount, Entry, Fate, Payment, RegStatus, Registration, TrType};
use super::reply::Reply;
use super::state::{Behaviour, Outcome, State};

/// Default page size of the history when the request has no `pageRequest`.
const DEFAULT_PAGE_SIZE: usize = 20;

/// A member id as an exact JSON number.
fn number(digits: &str) -> Value {
    crate::json::read(digits).unwrap_or(Value::Null)
}

fn data(pairs: Vec<(&str, Value)>) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn not_verified(user_id: &str) -> Reply {
    explained(
        Code::HolderNotVerified,
        format!("Member {user_id} has not passed account-holder verification (/api/v1/bankaccounts/user/valid) for this account."),
        format!("회원 {user_id}는 이 계좌로 예금주 검증(/api/v1/bankaccounts/user/valid)을 통과하지 않았습니다."),
    )
}

pub fn account_holder(state: &mut State, endpoint: &Endpoint, raw: &str) -> Reply {
    let map = match check_body(endpoint, raw) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let user_id = integer(&map, "userId");
    let (bank_code, bank_account, name) = (text(&map, "bankCode"), text(&map, "bankAccount"), text(&map, "userName"));
    let holder = fixtures::account_holder(&bank_code, &bank_account);
    let member = fixtures::journey_member(&user_id);
    let mismatch = holder.is_some_and(|h| h.name != name || h.birth_date != text(&map, "birthDate"))
        || member.is_some_and(|m| m.name != name);
    if mismatch {
        return explained(
            Code::InvalidAccount,
            format!(
                "Account {bank_code} {bank_account} is not {name}'s, or the name or birth date is not the member's."
            ),
            format!("계좌 {bank_code} {bank_account}는 {name}의 계좌가 아니거나 이름 또는 생년월일이 회원과 다릅니다."),
        );
    }
    state.enrol(&user_id, Behaviour::Normal);
    state.journey.verified.insert(user_id, BankAccount { bank_code, bank_account, holder: name });
    Reply::success(Map::new())
}

pub fn ars_auth(state: &mut State, seed: u64, endpoint: &Endpoint, raw: &str) -> Reply {
    let map = match check_body(endpoint, raw) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let user_id = integer(&map, "userId");
    if !state.journey.verified.contains_key(&user_id) {
        return not_verified(&user_id);
    }
    let code = digits(&next_digest(state, seed)[..2]);
    state.journey.ars_codes.insert(user_id, code.clone());
    Reply::success(data(vec![("authNumber", code.into())]))
}

pub fn ars_register(state: &mut State, seed: u64, endpoint: &Endpoint, raw: &str, now_ms: i64) -> Reply {
    let map = match check_body(endpoint, raw) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let user_id = integer(&map, "userId");
    let (bank_code, bank_account) = (text(&map, "bankCode"), text(&map, "bankAccount"));
    let Some(verified) = state.journey.verified.get(&user_id).cloned() else { return not_verified(&user_id) };
    if verified.bank_code != bank_code || verified.bank_account != bank_account {
        return not_verified(&user_id);
    }
    if let Some(running) = state.registration_in_progress(&user_id) {
        return explained(
            Code::RegistrationInProgress,
            format!("Registration {} of member {user_id} is still {}.", running.reg_no, running.status.as_str()),
            format!("회원 {user_id}의 등록 {}이 아직 {} 상태입니다.", running.reg_no, running.status.as_str()),
        );
    }
    let fate = match fixtures::journey_member(&user_id).map(|m| m.start) {
        Some(fixtures::Start::Registration { fate, .. }) => match fate {
            fixtures::FateName::ArsFails => Fate::ArsFails,
            fixtures::FateName::Expires => Fate::Expires,
            fixtures::FateName::BankFails => Fate::BankFails,
            fixtures::FateName::InvalidAccount => Fate::InvalidAccount,
            fixtures::FateName::Stuck => Fate::Stuck,
        },
        _ => Fate::Registers,
    };
    let digest = next_digest(state, seed);
    let reg_no = format!("REG{:09}{}", state.issued % 1_000_000_000, digits(&digest[..10]));
    state.journey.registrations.insert(
        reg_no.clone(),
        Registration {
            reg_no: reg_no.clone(),
            user_id,
            account: verified,
            started_ms: now_ms,
            fate,
            status: RegStatus::ArsAuthInProgress,
        },
    );
    Reply::success(data(vec![("bankAccRegNo", reg_no.into())]))
}

pub fn ars_register_inquiry(state: &State, endpoint: &Endpoint, raw: &str) -> Reply {
    let map = match check_body(endpoint, raw) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let reg_no = text(&map, "regNo");
    let Some(registration) = state.journey.registrations.get(&reg_no) else {
        return explained(
            Code::RegistrationNotFound,
            format!("No registration has regNo {reg_no}."),
            format!("regNo {reg_no}인 등록이 없습니다."),
        );
    };
    let status = registration.status;
    let failure = match (status, registration.fate) {
        (RegStatus::ArsAuthFailed, Fate::Expires) => Some(Code::RegistrationExpired),
        (RegStatus::ArsAuthFailed, _) => Some(Code::ArsAuthFailed),
        (RegStatus::BankAccRegFailed, Fate::InvalidAccount) => Some(Code::InvalidAccount),
        (RegStatus::BankAccRegFailed, _) => Some(Code::AccountRegistrationFailed),
        _ => None,
    };
    match failure {
        Some(code) => explained(
            code,
            format!("Registration {reg_no} ended in status {}.", status.as_str()),
            format!("등록 {reg_no}은 {} 상태로 끝났습니다.", status.as_str()),
        ),
        None => Reply::success(data(vec![("status", status.as_str().into())])),
    }
}

fn no_account(user_id: &str) -> Reply {
    explained(
        Code::BankAccountNotFound,
        format!("Member {user_id} has no registered bank account."),
        format!("회원 {user_id}에게 등록된 계좌가 없습니다."),
    )
}

/// The member's registered account: the tracked one, or the implicit account of a member the
/// journey does not track.
fn registered_account(state: &State, user_id: &str) -> Option<BankAccount> {
    if !state.has_account(user_id) {
        return None;
    }
    Some(state.journey.accounts.get(user_id).cloned().unwrap_or_else(|| BankAccount {
        bank_code: "003".into(),
        bank_account: format!("{:0>12}", &user_id[user_id.len().saturating_sub(12)..]),
        holder: "KONA".into(),
    }))
}

pub fn account_info(state: &State, endpoint: &Endpoint, raw: &str) -> Reply {
    let map = match check_body(endpoint, raw) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let user_id = integer(&map, "userId");
    let Some(account) = registered_account(state, &user_id) else { return no_account(&user_id) };
    let tail = &account.bank_account[account.bank_account.len().saturating_sub(5)..];
    let account_info = json!({ "accountId": format!("{tail:0>5}"), "userName": account.holder });
    Reply::success(data(vec![("userId", number(&user_id)), ("accountInfo", account_info)]))
}

/// An account number with all but its first and last 4 characters masked.
fn masked(account: &str) -> String {
    let chars: Vec<char> = account.chars().collect();
    chars.iter().enumerate().map(|(i, c)| if i < 4 || i + 4 >= chars.len() { *c } else { '*' }).collect()
}

pub fn account_inquiry(state: &State, endpoint: &Endpoint, raw: &str) -> Reply {
    let map = match check_body(endpoint, raw) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let user_id = integer(&map, "userId");
    let mut out = Map::new();
    let account = registered_account(state, &user_id);
    if let Some(account) = &account {
        out.insert(
            "bankAccForAutoRcg".into(),
            format!("{} {}", account.bank_code, masked(&account.bank_account)).into(),
        );
    }
    out.insert("isAutoRcgAccRegAllowed".into(), account.is_some().into());
    Reply::success(out)
}

pub fn account_delete(state: &mut State, endpoint: &Endpoint, raw: &str) -> Reply {
    let map = match check_body(endpoint, raw) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let user_id = integer(&map, "userId");
    if !state.has_account(&user_id) {
        return no_account(&user_id);
    }
    state.journey.managed.insert(user_id.clone());
    state.journey.accounts.remove(&user_id);
    Reply::success(Map::new())
}

fn merchant_name(state: &State, merchant_id: &str) -> String {
    PORTAL_MERCHANTS.iter().find(|(id, _)| *id == merchant_id).map(|(_, name)| (*name).to_string()).unwrap_or_else(
        || {
            if state.merchants.iter().any(|m| m == merchant_id) {
                "konaplate sandbox merchant".into()
            } else {
                String::new()
            }
        },
    )
}

fn unknown_merchant(merchant: &str) -> Reply {
    explained(
        Code::FranchiseError,
        format!("Merchant {merchant} is not registered in the sandbox; GET /sandbox/fixtures lists the merchants."),
        format!(
            "가맹점 {merchant}는 샌드박스에 등록되어 있지 않습니다. GET /sandbox/fixtures에 가맹점 목록이 있습니다."
        ),
    )
}

pub fn payment(state: &mut State, seed: u64, endpoint: &Endpoint, raw: &str, now_ms: i64) -> Reply {
    let map = match check_body_with(endpoint, raw, Some(Code::InvalidAmount)) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let (token, merchant) = (text(&map, "oneTimeToken"), text(&map, "merchantId"));
    let amount: u64 = integer(&map, "amount").parse().unwrap_or(0);
    if !state.merchants.contains(&merchant) {
        return unknown_merchant(&merchant);
    }
    let owner = state.tokens.get(&token).and_then(|t| t.user_id.clone()).unwrap_or_default();
    if let Some(Text { en, ko }) = token_problem(state, &token, Some(&text(&map, "dcvv")), &owner, now_ms) {
        return explained(Code::InvalidOneTimeToken, en, ko);
    }
    let Some(member) = state.members.get(&owner).cloned() else {
        return explained(
            Code::InvalidCardNumber,
            format!("One-time token {token} is tied to no card: it charges only. Issue a token for a card to pay."),
            format!("일회용 토큰 {token}은 카드에 연결되어 있지 않아 충전에만 쓸 수 있습니다. 결제하려면 카드로 토큰을 발급하세요."),
        );
    };
    match member.behaviour {
        Behaviour::CardExpired => return Reply::error(Code::ExpiredCard, None, None),
        Behaviour::CardSuspended => return Reply::error(Code::TransactionNotPermitted, None, None),
        _ => {}
    }
    if member.balance < amount {
        return explained(
            Code::InsufficientBalance,
            format!("The balance is {} won; the payment is {amount} won.", member.balance),
            format!("잔액은 {}원이고 결제 금액은 {amount}원입니다.", member.balance),
        );
    }
    consume(state, &token);
    let digest = next_digest(state, seed);
    let nr_number = format!("KMN{}", digits(&digest[..15]));
    let approval_code = digits(&digest[15..21]);
    let entry = Entry {
        user_id: owner.clone(),
        tr_type: TrType::Payment,
        cancel: false,
        nr_number: nr_number.clone(),
        amount,
        balance_before: 0,
        balance_after: 0,
        merchant_id: merchant.clone(),
        approval_code: approval_code.clone(),
        at_ms: now_ms,
    };
    if !state.post(entry) {
        return Reply::error(Code::InsufficientBalance, None, None);
    }
    state.journey.payments.insert(
        nr_number.clone(),
        Payment {
            nr_number: nr_number.clone(),
            transaction_id: text(&map, "transactionId"),
            user_id: owner.clone(),
            one_time_token: token,
            merchant_id: merchant,
            amount,
            approval_code: approval_code.clone(),
            at_ms: now_ms,
            cancelled: false,
        },
    );
    let balance = state.members.get(&owner).map_or(0, |m| m.balance);
    Reply::success(data(vec![
        ("cardNo", member.card_no.into()),
        ("balance", balance.into()),
        ("approvalCode", approval_code.into()),
        ("nrNumber", nr_number.into()),
        ("approvalTime", kst(now_ms, true).into()),
    ]))
}

pub fn payment_netcancel(state: &mut State, endpoint: &Endpoint, raw: &str, now_ms: i64) -> Reply {
    let map = match check_body_with(endpoint, raw, None) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let (token, transaction_id, merchant) =
        (text(&map, "oneTimeToken"), text(&map, "transactionId"), text(&map, "merchantId"));
    let amount: u64 = integer(&map, "amount").parse().unwrap_or(0);
    let matching =
        |p: &&Payment| p.transaction_id == transaction_id && p.one_time_token == token && p.merchant_id == merchant;
    let payments = &state.journey.payments;
    let Some(payment) =
        payments.values().filter(matching).find(|p| !p.cancelled).or_else(|| payments.values().find(matching)).cloned()
    else {
        return explained(
            Code::PaymentNotFound,
            format!("No payment has transactionId {transaction_id} with this oneTimeToken and merchantId."),
            format!("이 oneTimeToken과 merchantId로 transactionId {transaction_id}인 결제가 없습니다."),
        );
    };
    if payment.amount != amount {
        return explained(
            Code::CancelAmountMismatch,
            format!("Payment {transaction_id} was {} won, not {amount}.", payment.amount),
            format!("결제 {transaction_id}는 {amount}원이 아닌 {}원이었습니다.", payment.amount),
        );
    }
    if payment.cancelled {
        return Reply::error(Code::PaymentAlreadyCancelled, None, None);
    }
    let entry = Entry {
        user_id: payment.user_id.clone(),
        tr_type: TrType::Payment,
        cancel: true,
        nr_number: payment.nr_number.clone(),
        amount,
        balance_before: 0,
        balance_after: 0,
        merchant_id: merchant,
        approval_code: payment.approval_code.clone(),
        at_ms: now_ms,
    };
    state.post(entry);
    if let Some(p) = state.journey.payments.get_mut(&payment.nr_number) {
        p.cancelled = true;
    }
    let balance = state.members.get(&payment.user_id).map_or(0, |m| m.balance);
    Reply::success(data(vec![("balance", balance.into()), ("approvalTime", kst(now_ms, true).into())]))
}

/// The sandbox's refund fee: 500 won, nothing for a balance below 1000 won (see the
/// `refund-fee-response-ours` note).
const REFUND_FEE: u64 = 500;

pub fn refund_fee(state: &State, endpoint: &Endpoint, raw: &str, now_ms: i64) -> Reply {
    let map = match check_body(endpoint, raw) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let (token, user_id) = (text(&map, "oneTimeToken"), integer(&map, "userId"));
    if let Some(Text { en, ko }) = token_problem(state, &token, None, &user_id, now_ms) {
        return explained(Code::InvalidOneTimeToken, en, ko);
    }
    let balance = state.members.get(&user_id).map_or(0, |m| m.balance);
    let fee = if balance >= 1_000 { REFUND_FEE } else { 0 };
    Reply::success(data(vec![("refundFee", fee.into()), ("refundableAmount", (balance - fee).into())]))
}

fn field_error(field: &str, en: String, ko: String) -> Reply {
    Reply::error(Code::InvalidInput, Some(field), Some(Text::new(en, ko)))
}

pub fn transaction_history(state: &State, endpoint: &Endpoint, raw: &str) -> Reply {
    let map = match check_body(endpoint, raw) {
        Ok(map) => map,
        Err(reply) => return reply,
    };
    let par = text(&map, "par");
    let Some((owner, _)) = state.members.iter().find(|(_, m)| par_for(&state.journey, &m.card_no) == par) else {
        return field_error(
            "par",
            format!("No sandbox card has par {par}; GET /sandbox/fixtures lists the cards and their PARs."),
            format!("par {par}인 샌드박스 카드가 없습니다. GET /sandbox/fixtures에 카드와 PAR 목록이 있습니다."),
        );
    };
    let user_id = integer(&map, "userId");
    if !user_id.is_empty() && &user_id != owner {
        return field_error(
            "userId",
            format!("The card with par {par} is not member {user_id}'s."),
            format!("par {par}인 카드는 회원 {user_id}의 카드가 아닙니다."),
        );
    }
    let (start, end) = (text(&map, "startDate"), text(&map, "endDate"));
    let tr_type = map.get("trType").and_then(Value::as_str);
    let mut entries: Vec<&Entry> = state
        .journey
        .history
        .iter()
        .filter(|e| &e.user_id == owner)
        .filter(|e| {
            let day = &e.approval_date_time()[..8];
            day >= start.as_str() && day <= end.as_str()
        })
        .filter(|e| tr_type.is_none_or(|t| t == e.tr_type.code()))
        .collect();
    let paging = map.get("pageRequest");
    let ascending = paging.and_then(|p| p["orderByDirection"].as_str()) == Some("ASC");
    if !ascending {
        entries.reverse();
    }
    let page_size = paging.and_then(|p| p["pageSize"].as_u64()).map_or(DEFAULT_PAGE_SIZE, |n| n as usize);
    let page = paging.and_then(|p| p["page"].as_u64()).unwrap_or(0) as usize;
    let total_pages = entries.len().div_ceil(page_size.max(1));
    let items: Vec<Value> =
        entries.iter().skip(page.saturating_mul(page_size)).take(page_size).map(|e| transaction(state, e)).collect();
    let page_response = json!({ "page": page, "totalPages": total_pages, "numberOfElements": items.len() });
    Reply::success(data(vec![("pageResponse", page_response), ("transactionInfo", Value::Array(items))]))
}

/// One history entry with the client code's field names.
fn transaction(state: &State, entry: &Entry) -> Value {
    let mut item = data(vec![
        ("trType", entry.tr_type.code().into()),
        ("nrNumber", entry.nr_number.clone().into()),
        ("trAmount", entry.amount.into()),
        ("orgAmount", entry.amount.into()),
        ("balanceBefore", entry.balance_before.into()),
        ("balanceAfter", entry.balance_after.into()),
        ("authCancelType", (if entry.cancel { "CANCEL" } else { "AUTH" }).into()),
        ("approvalDateTime", entry.approval_date_time().into()),
    ]);
    if !entry.approval_code.is_empty() {
        item.insert("approvalCode".into(), entry.approval_code.clone().into());
    }
    if !entry.merchant_id.is_empty() {
        item.insert("merchantName".into(), merchant_name(state, &entry.merchant_id).into());
    }
    if entry.tr_type == TrType::Charge {
        let cancelable = state
            .charge_by_nr_number(&entry.nr_number)
            .is_some_and(|c| c.outcome == Outcome::Completed && !c.cancelled);
        item.insert("rechargeCancelable".into(), cancelable.into());
    }
    Value::Object(item)
}
