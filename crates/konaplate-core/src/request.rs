//! A whole request ready to send: URL, method, headers and the exact body text, signed once.

use crate::catalog::Endpoint;
use crate::headers::{self, HeaderInputs, Signature};
use crate::time::OutOfRange;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedRequest {
    pub method: &'static str,
    pub url: String,
    /// `Content-Type`, `Accept`, then the X-KM headers in catalog order.
    pub headers: Vec<(String, String)>,
    /// The bytes that were signed; send exactly these.
    pub body: String,
    pub signature: Signature,
}

/// Signs `body` for `endpoint` and assembles the request against `base_url`.
pub fn prepare(
    endpoint: &Endpoint,
    base_url: &str,
    body: String,
    inputs: &HeaderInputs<'_>,
) -> Result<PreparedRequest, OutOfRange> {
    let signed = headers::generate(inputs, &body)?;
    let mut all = vec![
        ("Content-Type".to_string(), "application/json".to_string()),
        ("Accept".to_string(), "application/json".to_string()),
    ];
    all.extend(signed.headers.into_iter().map(|(n, v)| (n.to_string(), v)));
    Ok(PreparedRequest {
        method: endpoint.method,
        url: endpoint.url(base_url),
        headers: all,
        body,
        signature: signed.signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{sandbox, CHARGE_ENDPOINT, SANDBOX_BASE_URL, SCENARIOS};
    use crate::headers::Credentials;
    use crate::time::TimeZone;

    #[test]
    fn prepared_request_carries_the_signed_bytes() {
        let c = Credentials {
            asp_id: sandbox::ASP_ID.into(),
            access_key: sandbox::ACCESS_KEY.into(),
            secret_key: "s".into(),
        };
        let inputs = HeaderInputs {
            credentials: &c,
            epoch_ms: 1_700_000_000_000,
            zone: TimeZone::Kst,
            random: [1, 2, 3, 4],
            crypto_key_id: None,
        };
        let r = prepare(&CHARGE_ENDPOINT, SANDBOX_BASE_URL, SCENARIOS[0].body.to_string(), &inputs).unwrap();
        assert_eq!(r.method, "POST");
        assert!(r.url.ends_with("/api/v1/recharges/by-bank-accounts/no-hce"));
        assert_eq!(r.headers.len(), 8);
        let token = &r.headers.iter().find(|(n, _)| n == "X-KM-Tran-Token").unwrap().1;
        assert!(crate::sign::verify_tran_token(b"s", token, r.body.as_bytes()).is_ok());
    }
}
