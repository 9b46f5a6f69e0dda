//! CI's short fuzz smoke on stable: every committed corpus input of every target, then random
//! byte strings, through the same checks libFuzzer runs (`scripts/fuzz.sh` for the long runs).

use std::path::Path;

use konaplate_fuzz::TARGETS;
use proptest::prelude::*;

#[test]
fn committed_corpus_replays_without_a_finding() {
    let mut replayed = 0;
    for (name, check) in TARGETS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(name);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("corpus {} missing: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            check(&std::fs::read(&path).unwrap());
            replayed += 1;
        }
    }
    assert!(replayed >= TARGETS.len() * 10, "only {replayed} corpus inputs");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn random_inputs_find_nothing(data in prop::collection::vec(any::<u8>(), 0..512)) {
        for (_, check) in TARGETS {
            check(&data);
        }
    }
}
