//! Validation of a request: headers plus the raw JSON body text, against the catalog.
//!
//! Returns every violation at once (never the first only), as data. Nothing here panics on
//! any input; property tests in `tests/properties.rs` hold it to that.

mod body;
pub mod characters;
mod clean;
mod headers;

pub use body::{not_utf8, validate_body, validate_body_value, validate_plaintext};
pub use clean::is_clean;
pub use headers::validate_headers;

use crate::catalog::Endpoint;
use crate::violation::Report;

/// Validates headers and body; with `secret_key`, also checks the tran-token against the body.
pub fn validate<H: AsRef<str>, V: AsRef<str>>(
    endpoint: &Endpoint,
    headers: &[(H, V)],
    body: &str,
    secret_key: Option<&[u8]>,
) -> Report {
    let mut violations = validate_body(endpoint, body);
    violations.extend(validate_headers(endpoint, headers, body, secret_key));
    Report::new(violations)
}
