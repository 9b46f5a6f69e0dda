//! The request being drafted, without the DOM: credentials, clock and random bytes in; the
//! seven headers (generated, then the user's overrides), the signature details and the
//! validation report out. The page renders a [`Draft`] on every keystroke and sends one.

use konaplate_core::catalog::{self, Endpoint};
use konaplate_core::headers::{generate, Credentials, HeaderInputs, Signature};
use konaplate_core::time::TimeZone;
use konaplate_core::{validate, Report};

use crate::text::{self, Lang};

/// Headers the user may override by hand (the ASP ID and access key come from the
/// credentials fields instead).
pub const OVERRIDABLE: [&str; 5] =
    [catalog::CORRELATION_ID, catalog::CRYPTO_KEY_ID, catalog::TRAN_TOKEN, catalog::TRAN_TIME, catalog::TIME_ZONE];

/// What the page holds when it renders or sends.
pub struct DraftInputs<'a> {
    pub endpoint: &'static Endpoint,
    pub credentials: &'a Credentials,
    pub zone: TimeZone,
    pub epoch_ms: i64,
    pub random: [u8; 4],
    /// `(header name, value)`; an empty value means "automatic".
    pub overrides: &'a [(&'static str, String)],
    pub body: &'a str,
    /// The `{"encData"}` wrapper that goes out instead of `body` (an Encrypted operation with a
    /// server key): the headers sign it, `body` is validated as the plaintext.
    pub sealed: Option<&'a str>,
    /// X-KM-Crypto-Key-Id for a sealed body.
    pub crypto_key_id: Option<&'a str>,
}

pub struct Draft {
    /// The body (the profile's `{{variables}}` resolved): signed and sent, or validated as the
    /// plaintext of `sealed`.
    pub body: String,
    /// The `{"encData"}` wrapper signed and sent instead of `body`, when it is sealed.
    pub sealed: Option<String>,
    /// The headers as they will be sent, in catalog order.
    pub headers: Vec<(String, String)>,
    /// What was signed; `None` when the clock reading cannot be written as a KONA PLATE time.
    pub signature: Option<Signature>,
    /// Headers the user overrode (shown as such).
    pub overridden: Vec<&'static str>,
    pub report: Report,
}

/// Signs `inputs.body` once, applies overrides, validates headers and body together.
pub fn draft(inputs: &DraftInputs<'_>) -> Draft {
    let header_inputs = HeaderInputs {
        credentials: inputs.credentials,
        epoch_ms: inputs.epoch_ms,
        zone: inputs.zone,
        random: inputs.random,
        crypto_key_id: inputs.crypto_key_id,
    };
    let wire = inputs.sealed.unwrap_or(inputs.body);
    let (mut headers, signature): (Vec<(String, String)>, _) = match generate(&header_inputs, wire) {
        Ok(signed) => (signed.headers.into_iter().map(|(n, v)| (n.to_string(), v)).collect(), Some(signed.signature)),
        Err(_) => (Vec::new(), None),
    };
    let mut overridden = Vec::new();
    for (name, value) in inputs.overrides.iter().filter(|(_, v)| !v.is_empty()) {
        overridden.push(*name);
        match headers.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value.clone(),
            None => headers.push((name.to_string(), value.clone())),
        }
    }
    let headers = in_catalog_order(headers);
    let secret = inputs.credentials.secret_key.as_bytes();
    let secret = (!secret.is_empty()).then_some(secret);
    let report = match inputs.sealed {
        None => validate(inputs.endpoint, &headers, inputs.body, secret),
        Some(wire) => sealed_report(inputs.endpoint, &headers, inputs.body, wire, secret),
    };
    Draft {
        body: inputs.body.to_string(),
        sealed: inputs.sealed.map(str::to_string),
        headers,
        signature,
        overridden,
        report,
    }
}

/// A sealed request's report: the plaintext against the document (without the "sent in plain"
/// note: it is not), the wrapper's structure, and the headers and tran-token over the wrapper.
/// The headers in the catalog's order (the order the portal lists them), others after them in
/// the order they came.
fn in_catalog_order(mut headers: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut ordered = Vec::with_capacity(headers.len());
    for documented in catalog::HEADERS {
        while let Some(i) = headers.iter().position(|(n, _)| n == documented.name) {
            ordered.push(headers.remove(i));
        }
    }
    ordered.append(&mut headers);
    ordered
}

fn sealed_report(
    endpoint: &Endpoint,
    headers: &[(String, String)],
    plaintext: &str,
    wire: &str,
    secret: Option<&[u8]>,
) -> Report {
    let mut violations = validate::validate_plaintext(endpoint, plaintext);
    violations.extend(validate::validate_body(endpoint, wire));
    violations.extend(validate::validate_headers(endpoint, headers, wire, secret));
    Report::new(violations)
}

/// Headers one a line; a credential (the access key) is shown by its length only.
pub fn header_lines(headers: &[(String, String)], lang: Lang) -> String {
    headers.iter().map(|(n, v)| format!("{n}: {}", shown_value(n, v, lang))).collect::<Vec<_>>().join("\n")
}

/// A header value as the page may show it: a credential by its length, never its text.
pub fn shown_value(name: &str, value: &str, lang: Lang) -> String {
    if catalog::header(name).is_some_and(|h| h.secret) {
        text::characters(value.chars().count(), lang)
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use konaplate_core::catalog::{sandbox, CHARGE_ENDPOINT, SCENARIOS};
    use konaplate_core::Rule;

    const NOW: i64 = 1_767_225_600_000;

    #[test]
    fn headers_come_in_the_catalogs_order_and_others_after_them_as_they_came() {
        let pair = |n: &str| (n.to_string(), String::new());
        let catalog_order: Vec<(String, String)> = catalog::HEADERS.iter().map(|h| pair(h.name)).collect();
        let mut shuffled = catalog_order.clone();
        shuffled.reverse();
        shuffled.insert(2, pair("X-Other-B"));
        shuffled.insert(0, pair("X-Other-A"));
        let mut expected = catalog_order;
        expected.extend([pair("X-Other-A"), pair("X-Other-B")]);
        assert_eq!(in_catalog_order(shuffled), expected);
    }

    fn credentials() -> Credentials {
        Credentials {
            asp_id: sandbox::ASP_ID.into(),
            access_key: sandbox::ACCESS_KEY.into(),
            secret_key: "typed-secret".into(),
        }
    }

    fn inputs<'a>(c: &'a Credentials, overrides: &'a [(&'static str, String)], body: &'a str) -> DraftInputs<'a> {
        DraftInputs {
            endpoint: &CHARGE_ENDPOINT,
            credentials: c,
            zone: TimeZone::Kst,
            epoch_ms: NOW,
            random: [1, 2, 3, 4],
            overrides,
            body,
            sealed: None,
            crypto_key_id: None,
        }
    }

    #[test]
    fn the_preset_drafts_six_valid_signed_headers() {
        let c = credentials();
        let d = draft(&inputs(&c, &[], SCENARIOS[0].body));
        assert_eq!(d.report.error_count, 0, "{:?}", d.report.violations);
        assert_eq!(d.headers.len(), 6);
        let token = &d.headers.iter().find(|(n, _)| n == catalog::TRAN_TOKEN).unwrap().1;
        assert_eq!(token, &d.signature.unwrap().token);
        assert!(d.overridden.is_empty());
    }

    #[test]
    fn an_override_replaces_the_generated_value_and_is_validated() {
        let c = credentials();
        let overrides = [(catalog::TRAN_TIME, "20231340256199".to_string()), (catalog::TIME_ZONE, String::new())];
        let d = draft(&inputs(&c, &overrides, SCENARIOS[0].body));
        assert_eq!(d.overridden, vec![catalog::TRAN_TIME]);
        assert!(d.headers.contains(&(catalog::TRAN_TIME.into(), "20231340256199".into())));
        assert!(d.report.violations.iter().any(|v| v.location == catalog::TRAN_TIME && v.rule() == Rule::Date));
    }

    #[test]
    fn a_hand_written_token_over_another_body_is_a_signature_error() {
        let c = credentials();
        let other = konaplate_core::sign::tran_token(b"typed-secret", "20260101090000000", b"{}");
        let overrides = [(catalog::TRAN_TOKEN, other)];
        let d = draft(&inputs(&c, &overrides, SCENARIOS[0].body));
        assert!(d.report.violations.iter().any(|v| v.rule() == Rule::Signature));
    }

    #[test]
    fn an_added_crypto_key_id_keeps_catalog_order() {
        let c = credentials();
        let overrides = [(catalog::CRYPTO_KEY_ID, "k".repeat(32))];
        let d = draft(&inputs(&c, &overrides, SCENARIOS[0].body));
        let names: Vec<&str> = d.headers.iter().map(|(n, _)| n.as_str()).collect();
        let expected: Vec<&str> = catalog::HEADERS.iter().map(|h| h.name).collect();
        assert_eq!(names, expected);
    }

    #[test]
    fn the_access_key_is_shown_by_length_only() {
        let headers = [(catalog::ACCESS_KEY.into(), sandbox::ACCESS_KEY.into())];
        assert_eq!(header_lines(&headers, Lang::En), "X-KM-Access-Key: (40 characters)");
        assert_eq!(header_lines(&headers, Lang::Ko), "X-KM-Access-Key: (40자)");
    }
}
