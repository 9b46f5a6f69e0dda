//! Property test of the journey simulator: random sequences of journey requests (the fuzz
//! target's operations, drawn by proptest) keep the invariants after every request: balance =
//! charges − payments − refunds and never negative, each sequenceId answered once, a refund at
//! most once, registration states only forward (`konaplate_fuzz::journey::run` asserts them).
//! The sequences must get somewhere: over the run they register accounts, charge, pay, refund and
//! cancel payments, or the test fails.

use konaplate_fuzz::journey::{run, Op};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

fn op() -> impl Strategy<Value = Op> {
    let member = 0u8..15;
    prop_oneof![
        1 => (member.clone(), prop::bool::weighted(0.1)).prop_map(|(member, wrong_name)| Op::Verify { member, wrong_name }),
        1 => member.clone().prop_map(|member| Op::ArsAuth { member }),
        1 => member.clone().prop_map(|member| Op::Register { member }),
        1 => any::<u8>().prop_map(|pick| Op::RegistrationStatus { pick }),
        3 => (member.clone(), any::<bool>()).prop_map(|(member, long)| Op::Token { member, long }),
        3 => (any::<u8>(), any::<u32>(), any::<u8>(), any::<u8>())
            .prop_map(|(member, amount, token, sequence)| Op::Charge { member, amount, token, sequence }),
        1 => any::<u8>().prop_map(|sequence| Op::ResultInquiry { sequence }),
        2 => (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(charge, token, sequence)| Op::Cancel { charge, token, sequence }),
        2 => (any::<u8>(), any::<u32>(), any::<u8>(), any::<u8>())
            .prop_map(|(token, amount, merchant, transaction)| Op::Pay { token, amount, merchant, transaction }),
        1 => (any::<u8>(), prop::bool::weighted(0.3)).prop_map(|(payment, amount_off)| Op::NetCancel { payment, amount_off }),
        1 => (member.clone(), any::<u8>()).prop_map(|(member, token)| Op::RefundFee { member, token }),
        1 => (member.clone(), any::<u8>(), any::<bool>()).prop_map(|(member, tr_type, ascending)| Op::History { member, tr_type, ascending }),
        1 => member.prop_map(|member| Op::Delete { member }),
        2 => (0u16..400).prop_map(|seconds| Op::Advance { seconds }),
        1 => (any::<u8>(), ".{0,40}").prop_map(|(operation, body)| Op::Raw { operation, body }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Shrinks a failing sequence to a short one (the panic names the operation and the rule).
    #[test]
    fn random_journeys_keep_the_invariants(ops in prop::collection::vec(op(), 1..48)) {
        run(&ops);
    }
}

#[test]
fn random_journeys_reach_every_kind_of_movement() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = prop::collection::vec(op(), 1..48);
    let mut total = [0usize; 5];
    for _ in 0..400 {
        let r = run(&strategy.new_tree(&mut runner).unwrap().current());
        for (t, n) in total.iter_mut().zip([r.registered, r.charges, r.refunds, r.payments, r.net_cancels]) {
            *t += n;
        }
    }
    println!(
        "400 sequences: registered {} · charges {} · refunds {} · payments {} · net cancels {}",
        total[0], total[1], total[2], total[3], total[4]
    );
    assert!(total.iter().all(|&n| n > 0), "some movement never happened: {total:?}");
}
