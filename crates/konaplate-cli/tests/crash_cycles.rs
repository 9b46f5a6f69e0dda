//! Crash cycles under load: `konaplate serve --db` takes signed charges from many connections
//! (unique sequenceIds plus a share of repeats of acknowledged ones), is killed with SIGKILL
//! mid-load, and restarts on the same file. After every restart the ledger (`GET
//! /sandbox/state`) must hold every charge answered 200 exactly once, no second entry for a
//! repeat answered 007_008, nothing that was never sent, and balances equal to the sum of their
//! charges. No answer may be a 5xx; a failed connection is allowed only once the kill began.
//!
//! Short by default (2 cycles of 3 s, 32 connections, in `cargo test`); the long run:
//! `bash scripts/crash-cycles.sh [CYCLES] [SECONDS] [CONNECTIONS]` (10, 5, 32), or the
//! variables `KP_CRASH_CYCLES`, `KP_CRASH_SECONDS`, `KP_CRASH_CONNECTIONS`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use konaplate_core::catalog;
use serde_json::Value;

mod common;
use common::charge::{charge_body, now_ms, signed_headers};
use common::server::Server;

const SECRET: &str = "crash-cycle-secret";
/// One request in this many repeats an acknowledged sequenceId (expected answer: 007_008).
const REPEAT_EVERY: u64 = 5;

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The member a connection charges: one each, so its balance is checked on its own.
fn member(connection: u64) -> String {
    format!("50000000000001{connection:05}")
}

/// What one connection saw in one cycle.
#[derive(Default)]
struct Tally {
    requests: u64,
    /// New sequenceId → amount, answered 200 000_000.
    acknowledged: BTreeMap<String, u64>,
    repeats_refused: u64,
    /// New sequenceIds whose request failed at the connection level once the kill began: they
    /// may or may not be in the ledger.
    unanswered: BTreeSet<String>,
    resets_during_kill: u64,
    /// Anything else (a 5xx, a repeat answered 200, a reset before the kill…), for the report.
    unexpected: Vec<String>,
}

/// The ledger so far, across cycles.
#[derive(Default)]
struct Ledger {
    acknowledged: BTreeMap<String, (String, u64)>,
    unanswered: BTreeSet<String>,
    requests: u64,
    repeats_refused: u64,
    resets_during_kill: u64,
    unexpected: Vec<String>,
}

/// Sends charges on one keep-alive connection until `stop`; repeats pick from `earlier`
/// (this connection's acknowledged sequenceIds, from every cycle).
fn load(base: &str, cycle: u64, connection: u64, earlier: Vec<(String, u64)>, stop: &AtomicBool) -> Tally {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let url = format!("{base}/open-api{}", catalog::CHARGE_ENDPOINT.path);
    let user_id = member(connection);
    let mut acked = earlier;
    let mut tally = Tally::default();
    let mut rng = 0x9E37_79B9_7F4A_7C15u64 ^ (cycle << 32) ^ connection;
    let mut n = 0u64;
    while !stop.load(Ordering::SeqCst) {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let repeat = !acked.is_empty() && rng.is_multiple_of(REPEAT_EVERY);
        let (sequence_id, amount) = if repeat {
            acked[(rng / REPEAT_EVERY) as usize % acked.len()].clone()
        } else {
            n += 1;
            (format!("CC-{cycle}-{connection}-{n}"), 1 + n % 9)
        };
        let body = charge_body(&sequence_id, &user_id, amount);
        let mut request = agent.post(&url).header("Content-Type", "application/json");
        for (name, value) in signed_headers(SECRET, &body) {
            request = request.header(name, value);
        }
        tally.requests += 1;
        let answer = request.send(&body).and_then(|mut r| {
            let status = r.status().as_u16();
            r.body_mut().read_to_string().map(|text| (status, text))
        });
        let (status, text) = match answer {
            Ok(answer) => answer,
            // The kill began: the connection reset is expected; the charge may or may not be in.
            Err(_) if stop.load(Ordering::SeqCst) => {
                tally.resets_during_kill += 1;
                if !repeat {
                    tally.unanswered.insert(sequence_id);
                }
                break;
            }
            Err(e) => {
                tally.unexpected.push(format!("{sequence_id}: connection failed before the kill: {e}"));
                break;
            }
        };
        let code = serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|v| v["response"]["code"].as_str().map(str::to_string))
            .unwrap_or_default();
        match (repeat, status, code.as_str()) {
            (false, 200, "000_000") => {
                tally.acknowledged.insert(sequence_id.clone(), amount);
                acked.push((sequence_id, amount));
            }
            (true, 400, "007_008") => tally.repeats_refused += 1,
            _ => tally.unexpected.push(format!("{sequence_id} (repeat: {repeat}): HTTP {status} {text}")),
        }
    }
    tally
}

/// Every check on the ledger the server holds now; returns the problems found.
fn audit(state: &Value, ledger: &Ledger, connections: u64) -> Vec<String> {
    let mut problems = Vec::new();
    let charges = state["charges"].as_object().expect("state.charges");
    for (sequence_id, (user_id, amount)) in &ledger.acknowledged {
        match charges.get(sequence_id) {
            None => problems.push(format!("{sequence_id} was answered 200 and is lost")),
            Some(c) => {
                let stored = (c["user_id"].as_str(), c["amount"].as_u64(), c["outcome"].as_str());
                if stored != (Some(user_id.as_str()), Some(*amount), Some("Completed")) {
                    problems.push(format!("{sequence_id} is stored as {c}, not as acknowledged"));
                }
            }
        }
    }
    for connection in 0..connections {
        let user_id = member(connection);
        let mine: Vec<(&String, &Value)> = charges.iter().filter(|(_, c)| c["user_id"] == user_id.as_str()).collect();
        for (sequence_id, _) in &mine {
            if !ledger.acknowledged.contains_key(*sequence_id) && !ledger.unanswered.contains(*sequence_id) {
                problems.push(format!("{sequence_id} is in the ledger but was never sent as a new charge"));
            }
        }
        let sum: u64 =
            mine.iter().filter(|(_, c)| c["outcome"] == "Completed").filter_map(|(_, c)| c["amount"].as_u64()).sum();
        let balance = state["members"][&user_id]["balance"].as_u64().unwrap_or(0);
        if balance != sum {
            problems.push(format!("member {user_id}: balance {balance} but its charges sum to {sum}"));
        }
    }
    problems
}

fn fetch_state(server: &Server) -> Value {
    let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(60))).build().into();
    let text = agent.get(format!("{}/sandbox/state", server.base)).call().unwrap().body_mut().read_to_string().unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn kill_9_under_load_loses_no_acknowledged_charge_and_charges_no_repeat() {
    let cycles = setting("KP_CRASH_CYCLES", 2);
    let seconds = setting("KP_CRASH_SECONDS", 3);
    let connections = setting("KP_CRASH_CONNECTIONS", 32);
    let dir = std::env::temp_dir().join(format!("konaplate-crash-{}-{}", std::process::id(), now_ms()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("sandbox.redb");
    let start = || Server::start(&["--db", db.to_str().unwrap()], &[("KONAPLATE_SECRET_KEY", SECRET)]);
    let mut ledger = Ledger::default();
    let mut per_connection: Vec<Vec<(String, u64)>> = vec![Vec::new(); connections as usize];
    let mut problems = Vec::new();
    println!("crash cycles: {cycles} × {seconds} s, {connections} connections, 1 in {REPEAT_EVERY} a repeat");
    for cycle in 0..cycles {
        let mut server = start();
        problems.extend(
            audit(&fetch_state(&server), &ledger, connections)
                .into_iter()
                .map(|p| format!("after restart {cycle}: {p}")),
        );
        let stop = Arc::new(AtomicBool::new(false));
        let base = server.base.clone();
        let began = Instant::now();
        let tallies = Arc::new(Mutex::new(Vec::new()));
        let threads: Vec<_> = (0..connections)
            .map(|c| {
                let (stop, base, tallies) = (stop.clone(), base.clone(), tallies.clone());
                let earlier = per_connection[c as usize].clone();
                std::thread::spawn(move || {
                    let tally = load(&base, cycle, c, earlier, &stop);
                    tallies.lock().unwrap().push((c, tally));
                })
            })
            .collect();
        std::thread::sleep(Duration::from_secs(seconds));
        stop.store(true, Ordering::SeqCst);
        server.child.kill().unwrap(); // SIGKILL, with requests in flight
        server.child.wait().unwrap();
        let elapsed = began.elapsed().as_secs_f64();
        for t in threads {
            t.join().unwrap();
        }
        let (mut requests, mut acked) = (0, 0);
        for (c, tally) in std::mem::take(&mut *tallies.lock().unwrap()) {
            requests += tally.requests;
            acked += tally.acknowledged.len();
            for (sequence_id, amount) in tally.acknowledged {
                per_connection[c as usize].push((sequence_id.clone(), amount));
                ledger.acknowledged.insert(sequence_id, (member(c), amount));
            }
            ledger.unanswered.extend(tally.unanswered);
            ledger.requests += tally.requests;
            ledger.repeats_refused += tally.repeats_refused;
            ledger.resets_during_kill += tally.resets_during_kill;
            ledger.unexpected.extend(tally.unexpected);
        }
        println!(
            "cycle {}: {requests} requests in {elapsed:.1} s ({:.0}/s), {acked} answered 200, killed",
            cycle + 1,
            requests as f64 / elapsed
        );
    }
    let server = start();
    let state = fetch_state(&server);
    problems.extend(audit(&state, &ledger, connections).into_iter().map(|p| format!("after the last restart: {p}")));
    drop(server);
    let committed_unanswered = ledger.unanswered.iter().filter(|s| state["charges"].get(s.as_str()).is_some()).count();
    let lost = ledger.acknowledged.keys().filter(|s| state["charges"].get(s.as_str()).is_none()).count();
    println!(
        "requests {}, 200s {}, repeats refused (007_008) {}, resets during the kill {} ({} of their charges committed, {} not), unexpected answers {}, lost: {lost}",
        ledger.requests,
        ledger.acknowledged.len(),
        ledger.repeats_refused,
        ledger.resets_during_kill,
        committed_unanswered,
        ledger.unanswered.len() - committed_unanswered,
        ledger.unexpected.len(),
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(ledger.acknowledged.len() as u64 >= cycles, "the load produced almost no charges");
    assert!(ledger.repeats_refused > 0, "no repeat was sent");
    assert_eq!(ledger.unexpected, Vec::<String>::new(), "unexpected answers");
    assert_eq!(problems, Vec::<String>::new(), "ledger problems");
}
