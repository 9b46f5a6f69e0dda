//! Native benchmarks of the core (not tests): `cargo bench -p konaplate-core` (or
//! `bash scripts/bench-core.sh`). Each konaplate operation is measured beside a baseline doing
//! the least work the same job needs, in the same run: parsing the body with plain `serde_json`
//! (validation), one HMAC-SHA256 with `hmac` + `sha2` (signing), so the printed times show what
//! konaplate's rules cost on top.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use hmac::{Hmac, KeyInit, Mac};
use konaplate_core::catalog::{sandbox, CHARGE_ENDPOINT, SCENARIOS};
use konaplate_core::headers::{generate, Credentials, HeaderInputs};
use konaplate_core::sandbox::{Sandbox, SandboxConfig, SandboxRequest};
use konaplate_core::time::TimeZone;
use konaplate_core::{sign, validate};
use serde::Deserialize;
use sha2::Sha256;

const SECRET: &str = "bench-secret";
const NOW: i64 = 1_767_225_600_000;

fn credentials() -> Credentials {
    Credentials { asp_id: sandbox::ASP_ID.into(), access_key: sandbox::ACCESS_KEY.into(), secret_key: SECRET.into() }
}

fn headers(body: &str) -> Vec<(&'static str, String)> {
    let c = credentials();
    let inputs =
        HeaderInputs { credentials: &c, epoch_ms: NOW, zone: TimeZone::Kst, random: [1, 2, 3, 4], crypto_key_id: None };
    generate(&inputs, body).expect("a valid time").headers
}

/// The baseline of signing: one HMAC-SHA256 of `body` with `hmac` + `sha2`, keyed each time.
fn one_hmac(body: &str) -> impl Sized {
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).expect("any key length");
    mac.update(body.as_bytes());
    mac.finalize().into_bytes()
}

/// serde_json's streaming `Deserializer` over `body`, visiting every token and keeping nothing.
fn scan(body: &str) -> bool {
    let mut de = serde_json::Deserializer::from_str(body);
    serde::de::IgnoredAny::deserialize(&mut de).is_ok() && de.end().is_ok()
}

/// The charge body as a typed struct (serde's derive: known keys only, each once, every one
/// required, strings borrowed unless escaped, integers read as `u64`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Charge<'a> {
    #[serde(borrow)]
    sequence_id: std::borrow::Cow<'a, str>,
    user_id: u64,
    amount: u64,
    #[serde(borrow)]
    one_time_token: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    dcvv: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    merchant_id: std::borrow::Cow<'a, str>,
}

/// The least a validator of the charge body does, hand-written for that one body shape: read it
/// as [`Charge`], then check the catalog's bounds (character counts, integer ranges). No
/// violation is worded, no other operation is known: a floor under konaplate's rules.
fn typed_charge(body: &str) -> bool {
    let chars = |s: &str, range: std::ops::RangeInclusive<usize>| range.contains(&s.chars().count());
    serde_json::from_str::<Charge>(body).is_ok_and(|c| {
        chars(&c.sequence_id, 1..=30)
            && (1..=9_999_999_999_999_999_999).contains(&c.user_id)
            && (1..=9_999_999_999).contains(&c.amount)
            && chars(&c.one_time_token, 16..=16)
            && chars(&c.dcvv, 3..=3)
            && chars(&c.merchant_id, 1..=15)
    })
}

fn validation(c: &mut Criterion) {
    let body = SCENARIOS[0].body;
    let signed = headers(body);
    let mut group = c.benchmark_group("validate the seed charge");
    group.bench_function("baseline: serde_json parse only", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(body)).is_ok())
    });
    group.bench_function("floor: serde_json streaming scan, nothing kept (IgnoredAny)", |b| {
        b.iter(|| scan(black_box(body)))
    });
    group.bench_function("floor: typed serde struct of the charge body + its bounds (hand-written)", |b| {
        b.iter(|| typed_charge(black_box(body)))
    });
    group.bench_function("konaplate: body rules", |b| {
        b.iter(|| validate::validate_body(&CHARGE_ENDPOINT, black_box(body)).len())
    });
    group.bench_function("konaplate: body + headers + signature", |b| {
        b.iter(|| validate(&CHARGE_ENDPOINT, black_box(&signed), black_box(body), Some(SECRET.as_bytes())).error_count)
    });
    group.finish();
}

fn signing(c: &mut Criterion) {
    let body = SCENARIOS[0].body;
    let mut group = c.benchmark_group("sign the seed charge");
    group.bench_function("baseline: one HMAC-SHA256 (hmac + sha2)", |b| b.iter(|| one_hmac(black_box(body))));
    group.bench_function("konaplate: tran-token", |b| {
        b.iter(|| sign::tran_token(SECRET.as_bytes(), "20260101090000000", black_box(body).as_bytes()))
    });
    group.bench_function("konaplate: all seven headers", |b| b.iter(|| headers(black_box(body)).len()));
    group.finish();
}

/// Issue 15's native row: what the JS package's validate + signBody do, against one HMAC.
fn validate_and_sign(c: &mut Criterion) {
    let body = SCENARIOS[0].body;
    let mut group = c.benchmark_group("validate + sign the seed charge");
    group.bench_function("baseline: one HMAC-SHA256 (hmac + sha2)", |b| b.iter(|| one_hmac(black_box(body))));
    // The least any validator costs that reads every token through serde_json (as every
    // surface here must), plus the HMAC: the floor under the row's 1.5x target.
    group.bench_function("floor: serde_json streaming scan (IgnoredAny) + one HMAC", |b| {
        b.iter(|| (scan(black_box(body)), one_hmac(black_box(body))))
    });
    // A validator written for this one body (serde's derive + the bounds) plus the HMAC: what
    // checking the rules costs at least, without konaplate's generality or its reports.
    group.bench_function("floor: typed serde struct + bounds (hand-written) + one HMAC", |b| {
        b.iter(|| (typed_charge(black_box(body)), one_hmac(black_box(body))))
    });
    group.bench_function("konaplate: body rules + tran-token", |b| {
        b.iter(|| {
            let errors = validate::validate_body(&CHARGE_ENDPOINT, black_box(body)).len();
            let time = konaplate_core::time::RequestTime::new(NOW, TimeZone::Kst).expect("a valid time");
            (errors, sign::tran_token(SECRET.as_bytes(), &time.token_time(), black_box(body).as_bytes()))
        })
    });
    group.finish();
}

fn sandbox_charge(c: &mut Criterion) {
    let mut sandbox = Sandbox::new(SandboxConfig { secret_key: SECRET.into(), seed: 1 });
    let mut n = 0u64;
    c.bench_function("sandbox: one signed charge (gate + flow)", |b| {
        b.iter(|| {
            n += 1;
            let body = SCENARIOS[0].body.replace("SEQ-PRESET", &format!("B-{n}"));
            let request = SandboxRequest {
                method: "POST".into(),
                path: CHARGE_ENDPOINT.path.into(),
                headers: headers(&body).into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                body,
            };
            sandbox.handle(&request, NOW).status
        })
    });
}

/// A 50-operation document: the built-in operations repeated under new operationIds and paths.
fn fifty_operations() -> String {
    let mut doc = konaplate_core::openapi::document(None);
    let built_in = doc["paths"].as_object().cloned().unwrap_or_default();
    let mut paths = serde_json::Map::new();
    for i in 0..50 {
        let (path, item) = built_in.iter().nth(i % built_in.len()).expect("four operations");
        let mut item = item.clone();
        item["post"]["operationId"] = format!("op{i}").into();
        paths.insert(format!("{path}/{i}"), item);
    }
    doc["paths"] = serde_json::Value::Object(paths);
    doc.to_string()
}

fn loading(c: &mut Criterion) {
    let text = fifty_operations();
    let mut group = c.benchmark_group("load a 50-operation document");
    // Each load keeps its operations for the program's life (they are &'static): few samples.
    group.sample_size(10);
    group.bench_function("baseline: serde_json parse only", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).is_ok())
    });
    group.bench_function("konaplate: catalog::load", |b| {
        b.iter(|| konaplate_core::catalog::load::load(black_box(&text)).map(|d| d.operations.len()))
    });
    group.finish();
}

criterion_group!(benches, validation, signing, validate_and_sign, sandbox_charge, loading);
criterion_main!(benches);
