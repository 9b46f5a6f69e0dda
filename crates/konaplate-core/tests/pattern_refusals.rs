//! `testdata/pattern-refusals.json`: patterns the core's check refuses, with the exact reason in
//! English and Korean. Here the native build (regex-lite) must give exactly those texts;
//! `js/test/load.test.mjs` holds the JS package (JavaScript's RegExp behind the same check) to
//! the same table, so both builds refuse in the same words.
//!
//! `KONAPLATE_BLESS=1 cargo test -p konaplate-core --test pattern_refusals` rewrites the texts
//! from the native build; only do that when the wording is meant to change.

use konaplate_core::pattern::Pattern;
use serde_json::Value;

const TABLE: &str = "../../testdata/pattern-refusals.json";

fn render(table: &Value, rows: &[Value]) -> String {
    let rows: Vec<String> = rows.iter().map(|row| format!("    {row}")).collect();
    format!("{{\n  \"about\": {},\n  \"refusals\": [\n{}\n  ]\n}}\n", table["about"], rows.join(",\n"))
}

#[test]
fn the_native_build_refuses_the_tables_patterns_in_its_words() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(TABLE);
    let text = std::fs::read_to_string(&path).unwrap();
    let table: Value = serde_json::from_str(&text).unwrap();
    let rows = table["refusals"].as_array().unwrap();
    assert!(rows.len() >= 10, "the table lists the refusals");
    let got: Vec<Value> = rows
        .iter()
        .map(|row| {
            let source = row["pattern"].as_str().unwrap();
            let reason = Pattern::new(Box::leak(source.into())).expect_err(source);
            serde_json::json!({"pattern": source, "en": reason.en, "ko": reason.ko})
        })
        .collect();
    if std::env::var_os("KONAPLATE_BLESS").is_some() {
        std::fs::write(&path, render(&table, &got)).unwrap();
        return;
    }
    for (got, want) in got.iter().zip(rows) {
        assert_eq!(got, want);
    }
    assert_eq!(render(&table, &got), text, "the table is written as the native build renders it");
}
