//! `docs/bad-inputs.md`: the table for users, with the messages the validator gives today.

use konaplate_core::{catalog, validate, Severity};

use super::table::{Row, Table};

/// Markdown-safe cell text.
fn cell(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('|', "\\|").replace('\n', " ")
}

fn js_only(row: &Row) -> bool {
    row.body.get("jsObject").is_some() || row.body.get("loneSurrogateAt").is_some()
}

/// The validation cell: each expected error with its English and Korean message.
fn validation(table: &Table, row: &Row) -> String {
    let Some(throws) = row.js.get("throws").and_then(|t| t.as_str()) else { return violations(table, row) };
    let js = format!("the JS package throws an `Error` saying “{}”", cell(throws));
    if row.errors.is_empty() {
        js
    } else {
        format!("{}<br>{js}", violations(table, row))
    }
}

fn violations(table: &Table, row: &Row) -> String {
    if !["cli", "js", "console"].iter().any(|s| row.on(s)) {
        return "— (a server matter)".into();
    }
    if row.errors.is_empty() {
        let warnings: Vec<String> = row.warnings.iter().map(|(l, r)| format!("`{r}` warning at `{l}`")).collect();
        return if warnings.is_empty() { "valid".into() } else { format!("valid; {}", warnings.join(", ")) };
    }
    if js_only(row) {
        let list: Vec<String> = row.errors.iter().map(|(l, r)| format!("`{r}` at `{l}`")).collect();
        return list.join("<br>");
    }
    let endpoint = catalog::endpoint(&row.endpoint).unwrap();
    let body = table.body(&row.body);
    let violations = match std::str::from_utf8(&body) {
        Err(e) => vec![konaplate_core::validate::not_utf8(e.valid_up_to())],
        Ok(text) => {
            let headers = table.headers(&row.id, &row.headers, &body, table.signing.epoch_ms);
            validate(endpoint, &headers, text, Some(table.secret.as_bytes())).violations
        }
    };
    let lines: Vec<String> = violations
        .iter()
        .filter(|v| v.severity == Severity::Error)
        .map(|v| {
            let rule = serde_json::to_value(v.rule()).unwrap();
            format!(
                "`{}` at `{}`: {}<br>{}",
                rule.as_str().unwrap(),
                cell(&v.location),
                cell(&v.message(konaplate_core::Lang::En)),
                cell(&v.message(konaplate_core::Lang::Ko))
            )
        })
        .collect();
    lines.join("<br>")
}

fn server(row: &Row) -> String {
    match &row.server {
        None => "—".into(),
        Some((status, Some(code))) => format!("{status} `{code}`"),
        Some((status, None)) => format!("{status} (from the HTTP parser, no envelope)"),
    }
}

fn count(table: &Table, surface: &str) -> usize {
    table.rows.iter().filter(|r| !r.accepted && r.on(surface)).count()
}

pub fn render(table: &Table) -> String {
    let bad = table.rows.iter().filter(|r| !r.accepted).count();
    let mut out = format!(
        "# Bad inputs\n\n\
         <!-- Generated from testdata/bad-inputs.json by `KONAPLATE_BLESS=1 cargo test -p konaplate-cli --test bad_inputs`; edit the JSON, not this file. -->\n\n\
         konaplate's table of inputs that must be refused, and of a few that are tolerated on purpose. The same rows in\n\
         [`testdata/bad-inputs.json`](../testdata/bad-inputs.json) run against every surface on every test run:\n\n\
         - **CLI**: `konaplate validate` exits 1 and lists each error with its location, rule and message (`--lang ko`,\n  `--json`); the secret key is never printed.\n\
         - **JS package**: `validate()` returns the same violations as data; misuse throws an `Error`; the Wasm instance keeps working.\n\
         - **server** (`konaplate serve`): the answer is KONA PLATE's envelope with the status and code below, the sandbox\n  state is unchanged (`GET /sandbox/state` before and after) and the next valid charge succeeds.\n\
         - **page**: the Try It page shows the same violations while you type.\n\n\
         {bad} bad inputs: {} in the CLI, {} in the JS package, {} on the server, {} in the page; {} tolerated inputs.\n\
         Server code `000_002` names the first invalid field in its description (`Invalid input parameter. userId`);\n\
         `000_901` names the header. Messages are quoted as the validator gives them today.\n\n\
         | Row | Input | Validation (English, Korean) | Server | Where |\n|---|---|---|---|---|\n",
        count(table, "cli"),
        count(table, "js"),
        count(table, "server"),
        count(table, "console"),
        table.rows.len() - bad,
    );
    for row in &table.rows {
        let mut where_: Vec<&str> = row
            .surfaces
            .iter()
            .map(|s| match s.as_str() {
                "cli" => "CLI",
                "js" => "JS",
                "server" => "server",
                _ => "page",
            })
            .collect();
        if row.accepted {
            where_.push("(tolerated)");
        }
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            row.id,
            cell(&row.what),
            validation(table, row),
            server(row),
            where_.join(" · ")
        ));
    }
    out.push_str(&format!(
        "\n## Keys\n\n{} PEM keys that `konaplate encrypt --public-key` or `konaplate decrypt --private-key` refuses\n\
         (exit 2, the reason in English and Korean, no key material printed):\n\n| Row | Key | Read as | Error contains |\n|---|---|---|---|\n",
        table.keys.len()
    ));
    for key in &table.keys {
        out.push_str(&format!(
            "| `{}` | {} | {} | {}<br>{} |\n",
            key.id,
            cell(&key.what),
            key.role,
            cell(&key.error.0),
            cell(&key.error.1)
        ));
    }
    out
}
