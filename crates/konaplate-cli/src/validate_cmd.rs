//! `validate`: headers and body against the catalog, human text or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::Args;
pub use konaplate_core::Lang;
use konaplate_core::{Report, Severity, Target};

use crate::input::{self, SecretArgs, SpecArgs};

/// `--lang en|ko` into the core's [`Lang`] (the values listed in `--help`).
pub fn lang_parser() -> impl TypedValueParser<Value = Lang> {
    PossibleValuesParser::new(Lang::ALL.map(Lang::code)).map(|code| Lang::from_code(&code).unwrap_or_default())
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Body file; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Endpoint id (charge, one-time-token, result-inquiry, cancel; with --spec, an operationId) or its path.
    #[arg(long, short, default_value = "charge")]
    pub endpoint: String,
    #[command(flatten)]
    pub spec: SpecArgs,
    /// A request header, `Name: value`; repeat for each. Without any, only the body is checked.
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// Also verify X-KM-Tran-Token against the body with the secret key (from --secret-env/--secret-file).
    #[arg(long)]
    pub check_signature: bool,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Language of the messages.
    #[arg(long, value_parser = lang_parser(), default_value = "en")]
    pub lang: Lang,
}

pub fn run(args: ValidateArgs) -> Result<ExitCode, String> {
    let endpoint = args.spec.operation(&args.endpoint)?;
    // Bytes that are not UTF-8 are a body violation like any other (exit 1, EN/KO), not a usage error.
    let (body, utf8_violation) = match String::from_utf8(input::read_body(args.file.as_deref())?) {
        Ok(body) => (body, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(konaplate_core::validate::not_utf8(at)))
        }
    };
    let headers = args
        .headers
        .iter()
        .map(|h| {
            h.split_once(':')
                .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| format!("header {h:?} must be `Name: value`"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let secret = if args.check_signature { Some(args.secret.load()?) } else { None };
    let report = match utf8_violation {
        // Not UTF-8: the body cannot be JSON, and nothing signed over other text would match.
        Some(v) => Report::new(vec![v]),
        None if headers.is_empty() => Report::new(konaplate_core::validate::validate_body(endpoint, &body)),
        None => konaplate_core::validate(endpoint, &headers, &body, secret.as_deref()),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
    } else {
        print_human(&report, args.lang);
    }
    Ok(if report.is_valid() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn print_human(report: &Report, lang: Lang) {
    print!("{}", human(report, lang));
}

/// The report as lines for a person: each violation (severity, target, location, rule, then
/// its message in `lang`), then a summary line.
pub fn human(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for v in &report.violations {
        let severity = match v.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let target = match v.target {
            Target::Header => "header",
            Target::Body => "body",
        };
        let message = v.message(lang);
        let rule = serde_json::to_value(v.rule()).ok().and_then(|r| r.as_str().map(str::to_string)).unwrap_or_default();
        out.push_str(&format!("{severity:<7} {target} {} [{rule}]\n        {message}\n", v.location));
    }
    let summary =
        format!("{} error(s), {} warning(s), {} note(s)", report.error_count, report.warning_count, report.note_count);
    out.push_str(if report.violations.is_empty() { "valid: no violations" } else { &summary });
    out.push('\n');
    out
}
