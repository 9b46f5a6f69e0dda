//! Diagnosis of a pasted request (cURL, raw HTTP or HAR): the operation found by its path, the
//! same validation as for a built request, and, with the secret, the tran-token checked and,
//! when it does not match, the usual mistake that reproduces it.
//!
//! Pure: the secret is an argument held only for the call; nothing here reads a clock.

mod curl;
pub mod finding;
mod har;
pub mod paste;
mod raw_http;
mod signature;

use serde::Serialize;

pub use finding::{Cause, Finding, FindingKind};
pub use paste::{Format, PastedBody, PastedRequest, ReadError};

use crate::catalog::{self, Endpoint};
use crate::time::{self, TimeZone};
use crate::violation::{Report, Severity};

/// What was found in one pasted request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    pub format: Format,
    pub method: String,
    pub url: String,
    /// The documented operation matched by path (`charge`, …), when one was.
    pub operation: Option<&'static str>,
    /// Header and body validation, as `konaplate validate` reports it (without the signature,
    /// which [`Diagnosis::findings`] covers).
    pub report: Report,
    pub findings: Vec<Finding>,
}

impl Diagnosis {
    /// A validation error, or a finding that is an error or a warning.
    pub fn problem_found(&self) -> bool {
        !self.report.is_valid() || self.findings.iter().any(|f| f.severity != Severity::Note)
    }
}

/// Reads `text` as one or more requests and diagnoses each. `secret_key`, when given, checks the
/// tran-tokens; `now_ms`, a clock reading, checks X-KM-Tran-Time against it. `Err` only when the
/// text is not a request at all.
pub fn diagnose(text: &str, secret_key: Option<&[u8]>, now_ms: Option<i64>) -> Result<Vec<Diagnosis>, ReadError> {
    Ok(paste::read(text)?.into_iter().map(|request| diagnose_request(request, secret_key, now_ms)).collect())
}

/// The operation whose path ends the URL's path (`/open-api/api/v1/…` finds `/api/v1/…`).
pub fn operation_for(path: &str) -> Option<&'static Endpoint> {
    let path = path.trim_end_matches('/');
    path.match_indices('/').find_map(|(i, _)| catalog::endpoint(&path[i..]))
}

/// Diagnoses one request already read.
pub fn diagnose_request(request: PastedRequest, secret_key: Option<&[u8]>, now_ms: Option<i64>) -> Diagnosis {
    let mut findings = request.findings.clone();
    let endpoint = operation_for(request.path());
    let body = request.body.text();
    let report = match (endpoint, body) {
        (Some(endpoint), Some(body)) => crate::validate(endpoint, &request.headers, body, None),
        (Some(endpoint), None) => Report::new(crate::validate::validate_headers(endpoint, &request.headers, "", None)),
        (None, _) => Report::default(),
    };
    match endpoint {
        None => findings.push(Finding::new(FindingKind::UnknownOperation { path: request.path().to_string() })),
        Some(e) if !e.method.eq_ignore_ascii_case(&request.method) => findings
            .push(Finding::new(FindingKind::Method { expected: e.method.to_string(), got: request.method.clone() })),
        Some(_) => {}
    }
    if let PastedBody::File(path) = &request.body {
        findings.push(Finding::new(FindingKind::BodyInFile { path: path.clone() }));
    }
    if endpoint.is_some() && request.body != PastedBody::None {
        let content_type = request.header("Content-Type");
        let json = content_type
            .and_then(|c| c.split(';').next())
            .is_some_and(|c| c.trim().eq_ignore_ascii_case("application/json"));
        if !json {
            findings.push(Finding::new(FindingKind::ContentType { got: content_type.map(str::to_string) }));
        }
    }
    if let Some(kind) = token_time_zone(&request) {
        findings.push(Finding::new(kind));
    }
    if let Some(kind) = now_ms.and_then(|now| tran_time_against_clock(&request, now)) {
        findings.push(Finding::new(kind));
    }
    if let (Some(token), Some(body)) = (request.header(catalog::TRAN_TOKEN), body) {
        match secret_key {
            None => findings.push(Finding::new(FindingKind::SignatureNotChecked)),
            Some(secret) => findings.extend(signature::diagnose(secret, token, body).map(Finding::new)),
        }
    }
    Diagnosis {
        format: request.format,
        method: request.method,
        url: request.url,
        operation: endpoint.map(|e| e.id),
        report,
        findings,
    }
}

/// The token's time written in the other zone than X-KM-Time-Zone says (UTC vs KST).
fn token_time_zone(request: &PastedRequest) -> Option<FindingKind> {
    let token = request.header(catalog::TRAN_TOKEN)?;
    let tran_time = request.header(catalog::TRAN_TIME)?;
    let header_zone = TimeZone::from_code(request.header(catalog::TIME_ZONE)?)?;
    let token_time = crate::sign::parse_tran_token(token).ok()?.time;
    let sent = time::parse_digits(tran_time, header_zone)?;
    if token_time[..14] == *tran_time {
        return None;
    }
    TimeZone::ALL.into_iter().filter(|z| *z != header_zone).find_map(|other| {
        (time::parse_digits(&token_time[..14], other)? == sent).then(|| FindingKind::TokenTimeZone {
            token_zone: other.code().to_string(),
            header_zone: header_zone.code().to_string(),
        })
    })
}

/// X-KM-Tran-Time against a clock reading: written in the other zone than X-KM-Time-Zone says
/// (it is `now` there), or simply outside the server's 5-minute window (an old paste).
fn tran_time_against_clock(request: &PastedRequest, now_ms: i64) -> Option<FindingKind> {
    let tran_time = request.header(catalog::TRAN_TIME)?;
    let header_zone = TimeZone::from_code(request.header(catalog::TIME_ZONE)?)?;
    let window = catalog::sandbox::TIME_WINDOW_MS;
    let sent = time::parse_digits(tran_time, header_zone)?;
    if (sent - now_ms).abs() <= window {
        return None;
    }
    let other = TimeZone::ALL.into_iter().find(|z| *z != header_zone)?;
    match time::parse_digits(tran_time, other) {
        Some(t) if (t - now_ms).abs() <= window => Some(FindingKind::TranTimeZone {
            written_in: other.code().to_string(),
            header_zone: header_zone.code().to_string(),
        }),
        _ => Some(FindingKind::TranTimeOutsideWindow { minutes: (sent - now_ms) / 60_000 }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_is_found_under_any_prefix() {
        assert_eq!(operation_for("/open-api/api/v1/recharges/by-bank-accounts/no-hce").map(|e| e.id), Some("charge"));
        assert_eq!(operation_for("/api/v1/recharges/by-bank-accounts/no-hce/").map(|e| e.id), Some("charge"));
        assert_eq!(operation_for("/api/v1/recharges/by-bank-accounts/no-hce/cancel").map(|e| e.id), Some("cancel"));
        assert_eq!(operation_for("/nothing"), None);
    }
}
