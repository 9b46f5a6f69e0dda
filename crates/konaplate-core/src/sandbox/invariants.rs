//! What must hold of the sandbox's state after any sequence of requests: the property test and
//! the fuzz targets call these after every request (`fuzz/src/lib.rs`).

use std::collections::{BTreeMap, BTreeSet};

use super::ledger::{RegStatus, TrType};
use super::state::State;

/// The state adds up: every balance is the sum of its history (charges − payments − refunds,
/// network cancellations given back), no charge refunded twice, no payment cancelled twice,
/// a sequenceId names one charge or one cancellation, and the indexes agree.
pub fn check(state: &State) -> Result<(), String> {
    let mut sums: BTreeMap<&str, i128> = BTreeMap::new();
    let mut refunded = BTreeSet::new();
    let mut net_cancelled = BTreeSet::new();
    for entry in &state.journey.history {
        let sum = sums.entry(entry.user_id.as_str()).or_default();
        *sum += entry.delta();
        if *sum < 0 {
            return Err(format!("member {}: the history goes below zero at {}", entry.user_id, entry.nr_number));
        }
        if i128::from(entry.balance_after) - i128::from(entry.balance_before) != entry.delta() {
            return Err(format!("{}: balanceBefore/After do not differ by the amount", entry.nr_number));
        }
        let fresh = match (entry.tr_type, entry.cancel) {
            (TrType::Refund, _) => refunded.insert(entry.nr_number.as_str()),
            (TrType::Payment, true) => net_cancelled.insert(entry.nr_number.as_str()),
            _ => true,
        };
        if !fresh {
            return Err(format!("{} refunded or cancelled twice", entry.nr_number));
        }
    }
    for (user, member) in &state.members {
        let history = sums.get(user.as_str()).copied().unwrap_or(0);
        if i128::from(member.balance) != history {
            return Err(format!("member {user}: balance {} but the history sums to {history}", member.balance));
        }
    }
    for (seq, cancellation) in &state.cancellations {
        if state.charges.contains_key(seq) {
            return Err(format!("sequenceId {seq} used by a charge and a cancellation"));
        }
        if !state.charge_by_nr_number(&cancellation.nr_number).is_some_and(|c| c.cancelled) {
            return Err(format!("cancellation {seq} names no cancelled charge"));
        }
        if !refunded.contains(cancellation.nr_number.as_str()) {
            return Err(format!("cancellation {seq} has no refund in the history"));
        }
    }
    if refunded.len() != state.cancellations.len() {
        return Err(format!("{} refunds for {} cancellations", refunded.len(), state.cancellations.len()));
    }
    for (nr, seq) in &state.by_nr_number {
        if state.charges.get(seq).map(|c| c.nr_number.as_str()) != Some(nr.as_str()) {
            return Err(format!("nrNumber index {nr} → {seq} disagrees with the charges"));
        }
    }
    for (nr, payment) in &state.journey.payments {
        if payment.cancelled != net_cancelled.contains(nr.as_str()) {
            return Err(format!("payment {nr}: cancelled flag and history disagree"));
        }
    }
    Ok(())
}

/// What may only grow or move forward, taken before a request (cheaper than a clone of the
/// state): each registration's status, the clock offset, and the history so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    statuses: Vec<(String, RegStatus)>,
    clock_offset_ms: i64,
    history_len: usize,
    last_entry: Option<super::ledger::Entry>,
}

impl Progress {
    pub fn of(state: &State) -> Progress {
        let journey = &state.journey;
        Progress {
            statuses: journey.registrations.iter().map(|(reg_no, r)| (reg_no.clone(), r.status)).collect(),
            clock_offset_ms: journey.clock_offset_ms,
            history_len: journey.history.len(),
            last_entry: journey.history.last().cloned(),
        }
    }
}

/// Nothing moved backwards since `before`: every registration still exists with a status that
/// may follow its earlier one, the clock offset did not shrink, the history only grew.
pub fn moved_forward(before: &Progress, after: &State) -> Result<(), String> {
    for (reg_no, earlier) in &before.statuses {
        let Some(later) = after.journey.registrations.get(reg_no) else {
            return Err(format!("registration {reg_no} disappeared"));
        };
        if !earlier.may_become(later.status) {
            return Err(format!("registration {reg_no}: {} → {}", earlier.as_str(), later.status.as_str()));
        }
    }
    if after.journey.clock_offset_ms < before.clock_offset_ms {
        return Err("the clock went back".into());
    }
    let history = &after.journey.history;
    let kept = before.history_len.checked_sub(1).map(|i| history.get(i).cloned());
    if history.len() < before.history_len || kept.is_some_and(|e| e != before.last_entry) {
        return Err("the history was rewritten".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeded_state_holds_and_each_kind_of_damage_is_caught() {
        let seeded = State::seeded();
        assert_eq!(check(&seeded), Ok(()));
        let mut richer = seeded.clone();
        richer.members.get_mut("70000000010").unwrap().balance += 1;
        assert!(check(&richer).unwrap_err().contains("history sums"));
        let mut twice = seeded.clone();
        let refund = |nr: &str| crate::sandbox::ledger::Entry {
            user_id: "70000000010".into(),
            tr_type: TrType::Refund,
            cancel: true,
            nr_number: nr.into(),
            amount: 1,
            balance_before: 1,
            balance_after: 0,
            merchant_id: String::new(),
            approval_code: String::new(),
            at_ms: 0,
        };
        twice.journey.history.extend([refund("N"), refund("N")]);
        assert!(check(&twice).is_err());
        let mut back = seeded.clone();
        back.journey.registrations.get_mut("REG0000000000000000007").unwrap().status = RegStatus::ArsAuthDone;
        assert_eq!(moved_forward(&Progress::of(&seeded), &back), Ok(()));
        let error = moved_forward(&Progress::of(&back), &seeded).unwrap_err();
        assert!(error.contains("ARS_AUTH_DONE → ARS_AUTH_IN_PROGRESS"), "{error}");
        let mut shorter = seeded.clone();
        shorter.journey.history.pop();
        assert!(moved_forward(&Progress::of(&seeded), &shorter).unwrap_err().contains("rewritten"));
    }
}
