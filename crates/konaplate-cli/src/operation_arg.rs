//! `--endpoint` (with `--spec`, an operation of that document) on `sign` and `headers`: the
//! operation a body is for. The body is checked against it with the same rules as `validate`
//! before anything is signed; a body with errors is refused (exit 1) unless `--allow-invalid`
//! asks for a negative test. Without `--endpoint` the body is signed as it is, unchecked.

use clap::Args;
use konaplate_core::Report;

use crate::input::SpecArgs;
use crate::validate_cmd::{self, Lang};

#[derive(Args, Debug)]
pub struct OperationArgs {
    /// Check the body against this operation before signing: its operationId (built in: charge,
    /// one-time-token, result-inquiry, cancel; with --spec, one of that document's) or its path.
    #[arg(long, short)]
    pub endpoint: Option<String>,
    #[command(flatten)]
    pub spec: SpecArgs,
    /// Sign a body that breaks the operation's rules anyway (a negative test); its violations
    /// still go to standard error.
    #[arg(long, requires = "endpoint")]
    pub allow_invalid: bool,
    /// Language of the violations written to standard error.
    #[arg(long, value_parser = validate_cmd::lang_parser(), default_value = "en")]
    pub lang: Lang,
}

impl OperationArgs {
    /// Checks `body` against the operation named, if any, writing its violations to standard
    /// error. `Ok(false)`: the body has errors and `--allow-invalid` is off, so nothing may be
    /// signed (the caller exits 1).
    pub fn check(&self, body: &[u8]) -> Result<bool, String> {
        let Some(id) = &self.endpoint else {
            return match &self.spec.spec {
                Some(path) => Err(format!(
                    "--spec {} needs --endpoint: the operationId or path of the operation the body is for",
                    path.display()
                )),
                None => Ok(true),
            };
        };
        let endpoint = self.spec.operation(id)?;
        let violations = match std::str::from_utf8(body) {
            Ok(text) => konaplate_core::validate::validate_body(endpoint, text),
            Err(e) => vec![konaplate_core::validate::not_utf8(e.valid_up_to())],
        };
        let report = Report::new(violations);
        if !report.violations.is_empty() {
            eprint!("{}", validate_cmd::human(&report, self.lang));
        }
        if report.is_valid() || self.allow_invalid {
            return Ok(true);
        }
        let errors = report.error_count;
        eprintln!(
            "konaplate: not signed: the body breaks {errors} rule(s) of {0}; fix it, or add --allow-invalid for a negative test\n  (서명하지 않음: 본문이 {0}의 규칙 {errors}개를 어깁니다. 고치거나, 부정 테스트라면 --allow-invalid를 더하세요)",
            endpoint.id
        );
        Ok(false)
    }
}
