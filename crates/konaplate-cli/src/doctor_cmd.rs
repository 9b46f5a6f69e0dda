//! `doctor`: diagnose a pasted request (cURL, raw HTTP or HAR) with `konaplate_core::diagnose`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use konaplate_core::diagnose::{self, Diagnosis};
use konaplate_core::{Severity, Target};

use crate::input::{self, SecretArgs};
use crate::validate_cmd::{self, Lang};

#[derive(Args, Debug)]
pub struct DoctorArgs {
    /// The request: a cURL command, raw HTTP or HAR; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Secret key source for checking the tran-token; without one the token's MAC is not checked.
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Fixed clock in epoch milliseconds instead of now (X-KM-Tran-Time is checked against it).
    #[arg(long, value_name = "MS")]
    pub now_ms: Option<i64>,
    /// Print the diagnosis as JSON.
    #[arg(long)]
    pub json: bool,
    /// Language of the messages.
    #[arg(long, value_parser = validate_cmd::lang_parser(), default_value = "en")]
    pub lang: Lang,
}

/// Exit 0: every request valid and its token matching (or not checked without a secret);
/// 1: a problem found; 2: the input could not be read as a request.
pub fn run(args: DoctorArgs) -> Result<ExitCode, String> {
    let text = String::from_utf8(input::read_body(args.file.as_deref())?)
        .map_err(|e| format!("the input is not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))?;
    let secret = if args.secret.secret_file.is_some() || std::env::var_os(&args.secret.secret_env).is_some() {
        Some(args.secret.load()?)
    } else {
        None
    };
    let diagnoses = diagnose::diagnose(&text, secret.as_deref(), Some(input::epoch_ms(args.now_ms)))
        .map_err(|e| args.lang.pick(e.message))?;
    if args.json {
        let out = serde_json::json!({ "requests": diagnoses });
        println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
    } else {
        for (i, d) in diagnoses.iter().enumerate() {
            print_human(i + 1, diagnoses.len(), d, args.lang);
        }
    }
    Ok(if diagnoses.iter().any(Diagnosis::problem_found) { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn print_human(n: usize, of: usize, d: &Diagnosis, lang: Lang) {
    let format = serde_json::to_value(d.format).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    println!(
        "request {n} of {of} ({format}): {} {} -> {}",
        d.method,
        d.url,
        d.operation.unwrap_or("unknown operation")
    );
    for v in &d.report.violations {
        let target = match v.target {
            Target::Header => "header",
            Target::Body => "body",
        };
        let rule = serde_json::to_value(v.rule()).ok().and_then(|r| r.as_str().map(str::to_string)).unwrap_or_default();
        println!("{:<7} {target} {} [{rule}]\n        {}", severity(v.severity), v.location, v.message(lang));
    }
    for f in &d.findings {
        let kind =
            serde_json::to_value(&f.kind).ok().and_then(|k| k["kind"].as_str().map(str::to_string)).unwrap_or_default();
        println!("{:<7} [{kind}]\n        {}", severity(f.severity), f.message.get(lang));
    }
    println!(
        "{}",
        if d.problem_found() {
            lang.choose("result: problem found", "결과: 문제가 있습니다")
        } else {
            lang.choose("result: valid, no problem found", "결과: 유효하며 문제가 없습니다")
        }
    );
}
