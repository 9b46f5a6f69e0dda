//! The journey's part of the sandbox's world: bank accounts and their asynchronous registration,
//! payments, the transaction history, and the simulated clock's offset. Every balance change
//! goes through [`State::post`], so the history explains every won of every balance.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::state::State;
use crate::time::{RequestTime, TimeZone};

/// How long a registration stays in each of its first two statuses (see the
/// `registration-timing` note).
pub const REGISTRATION_STEP_MS: i64 = 60_000;
/// After this long without an answered ARS call, an `Expires` registration fails.
pub const REGISTRATION_EXPIRY_MS: i64 = 3 * 60_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BankAccount {
    pub bank_code: String,
    pub bank_account: String,
    pub holder: String,
}

/// A registration's status, in the order it can move (a failure is final).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RegStatus {
    ArsAuthInProgress,
    ArsAuthDone,
    BankAccRegistered,
    ArsAuthFailed,
    BankAccRegFailed,
}

impl RegStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RegStatus::ArsAuthInProgress => "ARS_AUTH_IN_PROGRESS",
            RegStatus::ArsAuthDone => "ARS_AUTH_DONE",
            RegStatus::BankAccRegistered => "BANK_ACC_REGISTERED",
            RegStatus::ArsAuthFailed => "ARS_AUTH_FAILED",
            RegStatus::BankAccRegFailed => "BANK_ACC_REG_FAILED",
        }
    }

    pub fn is_final(self) -> bool {
        !matches!(self, RegStatus::ArsAuthInProgress | RegStatus::ArsAuthDone)
    }

    /// Whether `next` may follow `self`: forward only, never out of a final status.
    pub fn may_become(self, next: RegStatus) -> bool {
        self == next
            || match self {
                RegStatus::ArsAuthInProgress => true,
                RegStatus::ArsAuthDone => matches!(next, RegStatus::BankAccRegistered | RegStatus::BankAccRegFailed),
                _ => false,
            }
    }
}

/// How a fixture's registration ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fate {
    Registers,
    /// The member hangs up the ARS call.
    ArsFails,
    /// The ARS call is never answered.
    Expires,
    /// ARS passes; the bank refuses the withdrawal registration.
    BankFails,
    /// ARS passes; the bank reports the account invalid.
    InvalidAccount,
    /// The ARS call never ends (a registration in progress, for 002_013).
    Stuck,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    pub reg_no: String,
    pub user_id: String,
    pub account: BankAccount,
    pub started_ms: i64,
    pub fate: Fate,
    pub status: RegStatus,
}

impl Registration {
    /// The status this registration has reached at `now_ms`.
    fn status_at(&self, now_ms: i64) -> RegStatus {
        let elapsed = now_ms.saturating_sub(self.started_ms);
        match self.fate {
            Fate::Stuck => RegStatus::ArsAuthInProgress,
            Fate::ArsFails if elapsed >= REGISTRATION_STEP_MS => RegStatus::ArsAuthFailed,
            Fate::Expires if elapsed >= REGISTRATION_EXPIRY_MS => RegStatus::ArsAuthFailed,
            Fate::ArsFails | Fate::Expires => RegStatus::ArsAuthInProgress,
            _ if elapsed < REGISTRATION_STEP_MS => RegStatus::ArsAuthInProgress,
            _ if elapsed < 2 * REGISTRATION_STEP_MS => RegStatus::ArsAuthDone,
            Fate::Registers => RegStatus::BankAccRegistered,
            Fate::BankFails | Fate::InvalidAccount => RegStatus::BankAccRegFailed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub nr_number: String,
    pub transaction_id: String,
    pub user_id: String,
    pub one_time_token: String,
    pub merchant_id: String,
    pub amount: u64,
    pub approval_code: String,
    pub at_ms: i64,
    pub cancelled: bool,
}

/// History's transaction types (`trType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrType {
    Payment,
    Charge,
    Refund,
}

impl TrType {
    pub fn code(self) -> &'static str {
        match self {
            TrType::Payment => "00",
            TrType::Charge => "01",
            TrType::Refund => "02",
        }
    }
}

/// One balance movement, as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub user_id: String,
    pub tr_type: TrType,
    /// `false` for AUTH, `true` for CANCEL (a payment's network cancellation).
    pub cancel: bool,
    pub nr_number: String,
    pub amount: u64,
    pub balance_before: u64,
    pub balance_after: u64,
    pub merchant_id: String,
    pub approval_code: String,
    pub at_ms: i64,
}

impl Entry {
    /// What this entry adds to the balance (negative: taken from it).
    pub fn delta(&self) -> i128 {
        let amount = i128::from(self.amount);
        match (self.tr_type, self.cancel) {
            (TrType::Charge, _) | (TrType::Payment, true) => amount,
            (TrType::Payment, false) | (TrType::Refund, _) => -amount,
        }
    }

    /// `approvalDateTime`, yyyyMMddHHmmss in KST.
    pub fn approval_date_time(&self) -> String {
        kst(self.at_ms, false)
    }
}

/// `now_ms` as KST digits: yyyyMMddHHmmss, or yyyyMMddHHmmssSSS with `millis`.
pub fn kst(now_ms: i64, millis: bool) -> String {
    match RequestTime::new(now_ms, TimeZone::Kst) {
        Ok(t) if millis => t.token_time(),
        Ok(t) => t.tran_time(),
        Err(_) => if millis { "19700101090000000" } else { "19700101090000" }.to_string(),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ledger {
    /// How far the sandbox's business clock runs ahead of the real one (`+5 min`).
    pub clock_offset_ms: i64,
    /// Members whose account is tracked here (the journey's members, and any member who
    /// registered or deleted one); others have the implicit account of their behaviour.
    pub managed: BTreeSet<String>,
    /// userId → the registered charge account.
    pub accounts: BTreeMap<String, BankAccount>,
    /// userId → the account that passed holder verification.
    pub verified: BTreeMap<String, BankAccount>,
    /// userId → the last ARS code issued.
    pub ars_codes: BTreeMap<String, String>,
    /// By regNo.
    pub registrations: BTreeMap<String, Registration>,
    /// By nrNumber.
    pub payments: BTreeMap<String, Payment>,
    /// Card number → PAR, for cards whose PAR is published (the portal's test cards).
    pub pars: BTreeMap<String, String>,
    /// Every balance movement, oldest first.
    pub history: Vec<Entry>,
}

/// The PAR of a sandbox card: the published one, or 27 characters derived from the number.
pub fn par_for(ledger: &Ledger, card_no: &str) -> String {
    ledger.pars.get(card_no).cloned().unwrap_or_else(|| format!("Q1KP{card_no:0>23}"))
}

impl State {
    /// The sandbox's business time for a real time.
    pub fn business_time(&self, now_ms: i64) -> i64 {
        now_ms.saturating_add(self.journey.clock_offset_ms)
    }

    /// Whether the member has a registered charge account.
    pub fn has_account(&self, user_id: &str) -> bool {
        if self.journey.managed.contains(user_id) {
            return self.journey.accounts.contains_key(user_id);
        }
        self.members.get(user_id).is_none_or(|m| m.behaviour != super::state::Behaviour::NoAccount)
    }

    /// Moves a member's balance by an entry and lists it; `false` (nothing changes) when the
    /// member is unknown or a debit exceeds the balance.
    pub fn post(&mut self, mut entry: Entry) -> bool {
        let Some(member) = self.members.get_mut(&entry.user_id) else { return false };
        let before = member.balance;
        let after = i128::from(before) + entry.delta();
        let Ok(after) = u64::try_from(after) else { return false };
        member.balance = after;
        entry.balance_before = before;
        entry.balance_after = after;
        self.journey.history.push(entry);
        true
    }

    /// Moves every unfinished registration to its status at `now_ms`; a registration that
    /// reaches `BANK_ACC_REGISTERED` registers its account.
    pub fn settle_registrations(&mut self, now_ms: i64) {
        let ledger = &mut self.journey;
        for registration in ledger.registrations.values_mut().filter(|r| !r.status.is_final()) {
            let next = registration.status_at(now_ms);
            if !registration.status.may_become(next) {
                continue;
            }
            registration.status = next;
            if next == RegStatus::BankAccRegistered {
                ledger.managed.insert(registration.user_id.clone());
                ledger.accounts.insert(registration.user_id.clone(), registration.account.clone());
            }
        }
    }

    /// The member's registration still running, if any.
    pub fn registration_in_progress(&self, user_id: &str) -> Option<&Registration> {
        self.journey.registrations.values().find(|r| r.user_id == user_id && !r.status.is_final())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registration(fate: Fate) -> Registration {
        Registration {
            reg_no: "R".into(),
            user_id: "1".into(),
            account: BankAccount { bank_code: "003".into(), bank_account: "1".into(), holder: "x".into() },
            started_ms: 0,
            fate,
            status: RegStatus::ArsAuthInProgress,
        }
    }

    #[test]
    fn a_registration_walks_its_statuses_over_time() {
        let r = registration(Fate::Registers);
        let at = |m: i64| r.status_at(m * 1000).as_str();
        assert_eq!(
            [at(0), at(59), at(60), at(119), at(120)],
            ["ARS_AUTH_IN_PROGRESS", "ARS_AUTH_IN_PROGRESS", "ARS_AUTH_DONE", "ARS_AUTH_DONE", "BANK_ACC_REGISTERED"]
        );
        assert_eq!(registration(Fate::BankFails).status_at(120_000), RegStatus::BankAccRegFailed);
        assert_eq!(registration(Fate::ArsFails).status_at(60_000), RegStatus::ArsAuthFailed);
        assert_eq!(registration(Fate::Expires).status_at(179_999), RegStatus::ArsAuthInProgress);
        assert_eq!(registration(Fate::Expires).status_at(180_000), RegStatus::ArsAuthFailed);
        assert_eq!(registration(Fate::Stuck).status_at(i64::MAX), RegStatus::ArsAuthInProgress);
    }

    #[test]
    fn statuses_only_move_forward() {
        use RegStatus::*;
        assert!(ArsAuthInProgress.may_become(BankAccRegistered));
        assert!(ArsAuthDone.may_become(BankAccRegFailed));
        assert!(!ArsAuthDone.may_become(ArsAuthInProgress));
        assert!(!BankAccRegistered.may_become(ArsAuthDone));
        assert!(!ArsAuthFailed.may_become(BankAccRegistered));
    }

    #[test]
    fn kst_digits() {
        assert_eq!(kst(0, false), "19700101090000");
        assert_eq!(kst(1_000, true), "19700101090001000");
    }
}
