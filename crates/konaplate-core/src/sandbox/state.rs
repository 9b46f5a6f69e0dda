//! The sandbox's world: members, cards, one-time tokens, merchants, charges and cancellations.
//! Serialisable, so a server can persist it and a test can compare two runs.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::ledger::{Entry, Ledger, TrType};
use crate::catalog::sandbox;

/// What is special about a member, for the Test Data scenarios.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Behaviour {
    Normal,
    NoAccount,
    BenefitMismatch,
    PgWithdrawFails,
    ChargeInProgress,
    AutoChargeInProgress,
    BankAccountProblem,
    PendingThenCompleted,
    PendingThenFailed,
    /// A card past its expiry: no token, no payment (006_011).
    CardExpired,
    /// A suspended card: no token, no payment (006_012).
    CardSuspended,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub behaviour: Behaviour,
    /// Prepaid card balance in won.
    pub balance: u64,
    pub card_no: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneTimeToken {
    pub dcvv: String,
    /// Member (userId digits) the token's card belongs to; `None` for the preset token.
    pub user_id: Option<String>,
    /// `None` never expires (the preset token).
    pub expires_ms: Option<i64>,
    pub used: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Completed,
    Failed,
    /// Settles at `recheck_ms` into the carried final outcome.
    Pending {
        recheck_ms: i64,
        completes: bool,
    },
}

impl Outcome {
    /// The result inquiry's `result` value.
    pub fn result(&self) -> &'static str {
        match self {
            Outcome::Completed => "COMPLETED",
            Outcome::Failed => "FAILED",
            Outcome::Pending { .. } => "PENDING",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charge {
    pub sequence_id: String,
    pub nr_number: String,
    pub user_id: String,
    pub amount: u64,
    pub outcome: Outcome,
    pub cancelled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    pub sequence_id: String,
    pub nr_number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub members: BTreeMap<String, Member>,
    /// Card number → member userId.
    pub cards: BTreeMap<String, String>,
    pub merchants: Vec<String>,
    pub tokens: BTreeMap<String, OneTimeToken>,
    /// By sequenceId.
    pub charges: BTreeMap<String, Charge>,
    /// By sequenceId.
    pub cancellations: BTreeMap<String, Cancellation>,
    /// sequenceIds of pending charges: settling and the in-progress rule look only here.
    pub pending: BTreeSet<String>,
    /// nrNumber → sequenceId of the charge.
    pub by_nr_number: BTreeMap<String, String>,
    /// Counter behind every generated id (deterministic with the seed).
    pub issued: u64,
    /// Accounts, registrations, payments, history and the clock offset (absent in a state
    /// saved before the journey existed).
    #[serde(default)]
    pub journey: Ledger,
}

/// The members the Test Data scenarios use (see `catalog::SCENARIOS`).
pub const SCENARIO_MEMBERS: &[(&str, Behaviour)] = &[
    (sandbox::MEMBER_ID, Behaviour::Normal),
    ("9000000000000000001", Behaviour::NoAccount),
    ("9000000000000000002", Behaviour::BenefitMismatch),
    ("9000000000000000004", Behaviour::PgWithdrawFails),
    ("9000000000000000005", Behaviour::ChargeInProgress),
    ("9000000000000000006", Behaviour::AutoChargeInProgress),
    (sandbox::PENDING_COMPLETES_MEMBER_ID, Behaviour::PendingThenCompleted),
    (sandbox::PENDING_FAILS_MEMBER_ID, Behaviour::PendingThenFailed),
    ("9000000000000000009", Behaviour::BankAccountProblem),
];

/// A card number for a member: the success member has the documented one, others are derived.
pub fn card_for(user_id: &str) -> String {
    if user_id == sandbox::MEMBER_ID {
        return sandbox::MEMBER_CARD_NO.to_string();
    }
    let tail: String = user_id.chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
    format!("9410{tail:0>12}")
}

impl State {
    /// The documented starting world.
    pub fn seeded() -> State {
        let mut state = State {
            members: BTreeMap::new(),
            cards: BTreeMap::new(),
            merchants: vec![sandbox::MERCHANT_ID.to_string()],
            tokens: BTreeMap::new(),
            charges: BTreeMap::new(),
            cancellations: BTreeMap::new(),
            pending: BTreeSet::new(),
            by_nr_number: BTreeMap::new(),
            issued: 0,
            journey: Ledger::default(),
        };
        for (user_id, behaviour) in SCENARIO_MEMBERS {
            state.enrol(user_id, *behaviour);
        }
        state.tokens.insert(
            sandbox::PRESET_ONE_TIME_TOKEN.to_string(),
            OneTimeToken { dcvv: sandbox::PRESET_DCVV.into(), user_id: None, expires_ms: None, used: false },
        );
        // The charge behind the "same sequenceId" scenario; its 10000 won are in the balance.
        state.record(Charge {
            sequence_id: sandbox::USED_SEQUENCE_ID.into(),
            nr_number: "NR-SEEDED-0000000001".into(),
            user_id: sandbox::MEMBER_ID.into(),
            amount: 10_000,
            outcome: Outcome::Completed,
            cancelled: false,
        });
        state.post(charge_entry(sandbox::MEMBER_ID, "NR-SEEDED-0000000001", 10_000, 0));
        super::fixtures::seed(&mut state);
        state
    }

    /// Adds a member (with a card) unless present; returns it.
    pub fn enrol(&mut self, user_id: &str, behaviour: Behaviour) -> &mut Member {
        let card_no = card_for(user_id);
        self.cards.entry(card_no.clone()).or_insert_with(|| user_id.to_string());
        self.members.entry(user_id.to_string()).or_insert(Member { behaviour, balance: 0, card_no })
    }

    /// Adds a charge with its indexes.
    pub fn record(&mut self, charge: Charge) {
        if matches!(charge.outcome, Outcome::Pending { .. }) {
            self.pending.insert(charge.sequence_id.clone());
        }
        self.by_nr_number.insert(charge.nr_number.clone(), charge.sequence_id.clone());
        self.charges.insert(charge.sequence_id.clone(), charge);
    }

    /// The charge with this nrNumber.
    pub fn charge_by_nr_number(&self, nr_number: &str) -> Option<&Charge> {
        self.by_nr_number.get(nr_number).and_then(|seq| self.charges.get(seq))
    }

    /// Settles every pending charge whose re-check time has come. Balances move here, once.
    pub fn settle(&mut self, now_ms: i64) {
        let due: Vec<String> = self
            .pending
            .iter()
            .filter(|seq| matches!(self.charges.get(*seq).map(|c| c.outcome), Some(Outcome::Pending { recheck_ms, .. }) if now_ms >= recheck_ms))
            .cloned()
            .collect();
        for seq in due {
            self.pending.remove(&seq);
            let Some(charge) = self.charges.get_mut(&seq) else { continue };
            let outcome_before = charge.outcome;
            let Outcome::Pending { completes, .. } = charge.outcome else { continue };
            charge.outcome = if completes { Outcome::Completed } else { Outcome::Failed };
            let Outcome::Pending { recheck_ms, .. } = outcome_before else { continue };
            if completes {
                let entry = charge_entry(&charge.user_id, &charge.nr_number, charge.amount, recheck_ms);
                self.post(entry);
            }
        }
        self.settle_registrations(now_ms);
    }

    pub fn has_pending_charge(&self, user_id: &str) -> bool {
        self.pending.iter().any(|seq| self.charges.get(seq).is_some_and(|c| c.user_id == user_id))
    }

    pub fn sequence_id_used(&self, sequence_id: &str) -> bool {
        self.charges.contains_key(sequence_id) || self.cancellations.contains_key(sequence_id)
    }
}

/// The history entry of a completed charge.
pub fn charge_entry(user_id: &str, nr_number: &str, amount: u64, at_ms: i64) -> Entry {
    Entry {
        user_id: user_id.into(),
        tr_type: TrType::Charge,
        cancel: false,
        nr_number: nr_number.into(),
        amount,
        balance_before: 0,
        balance_after: 0,
        merchant_id: String::new(),
        approval_code: String::new(),
        at_ms,
    }
}
