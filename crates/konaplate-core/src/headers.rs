//! Generation of the seven X-KM headers from credentials, one clock reading and 4 random bytes.

use std::fmt;

use crate::catalog;
use crate::sign;
use crate::time::{OutOfRange, RequestTime, TimeZone};

/// A project's credentials. `Debug` never prints the access key or the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub asp_id: String,
    pub access_key: String,
    pub secret_key: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("asp_id", &self.asp_id)
            .field("access_key", &"<redacted>")
            .field("secret_key", &"<redacted>")
            .finish()
    }
}

/// Everything header generation needs besides the body. Time and randomness are inputs.
#[derive(Debug, Clone)]
pub struct HeaderInputs<'a> {
    pub credentials: &'a Credentials,
    /// Milliseconds since the Unix epoch (JavaScript's `Date.now()`).
    pub epoch_ms: i64,
    pub zone: TimeZone,
    /// Source of the correlation id's 7 hex digits (the top 28 bits are used).
    pub random: [u8; 4],
    /// Only for encrypted bodies.
    pub crypto_key_id: Option<&'a str>,
}

/// What was signed, for a signature inspector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub token_time: String,
    pub mac_base64: String,
    pub token: String,
}

/// The generated headers in catalog order, and the signature details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    pub headers: Vec<(&'static str, String)>,
    pub signature: Signature,
}

/// `yyMMddHHmmss-xxxxxxx` from the request time and the top 28 bits of `random`.
pub fn correlation_id(time: &RequestTime, random: [u8; 4]) -> String {
    let mut id = time.correlation_prefix();
    id.push('-');
    // 28 random bits as 7 lower-case hex digits, written by hand (this runs on every keystroke).
    let bits = u32::from_be_bytes(random) >> 4;
    id.extend((0..7).rev().map(|nibble| char::from_digit((bits >> (4 * nibble)) & 0xF, 16).unwrap_or('0')));
    id
}

/// The seven X-KM headers for `body` (six without a crypto key id), signed over its exact bytes.
pub fn generate(inputs: &HeaderInputs<'_>, body: &str) -> Result<SignedHeaders, OutOfRange> {
    let time = RequestTime::new(inputs.epoch_ms, inputs.zone)?;
    let token_time = time.token_time();
    let token = sign::Signer::new(inputs.credentials.secret_key.as_bytes()).tran_token(&token_time, body.as_bytes());
    let mac_base64 = token[token.len() - sign::MAC_BASE64_LENGTH..].to_string();
    let c = inputs.credentials;
    let mut headers = vec![
        (catalog::ASP_ID, c.asp_id.clone()),
        (catalog::CORRELATION_ID, correlation_id(&time, inputs.random)),
        (catalog::ACCESS_KEY, c.access_key.clone()),
    ];
    if let Some(id) = inputs.crypto_key_id {
        headers.push((catalog::CRYPTO_KEY_ID, id.to_string()));
    }
    headers.extend([
        (catalog::TRAN_TOKEN, token.clone()),
        (catalog::TRAN_TIME, time.tran_time()),
        (catalog::TIME_ZONE, inputs.zone.code().to_string()),
    ]);
    Ok(SignedHeaders { headers, signature: Signature { token_time, mac_base64, token } })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{sandbox, CHARGE_ENDPOINT, SCENARIOS};
    use crate::validate::validate;

    fn credentials() -> Credentials {
        Credentials {
            asp_id: sandbox::ASP_ID.into(),
            access_key: sandbox::ACCESS_KEY.into(),
            secret_key: "top-secret-value".into(),
        }
    }

    #[test]
    fn generated_headers_validate_and_verify() {
        let c = credentials();
        let body = SCENARIOS[0].body;
        for zone in TimeZone::ALL {
            let inputs = HeaderInputs {
                credentials: &c,
                epoch_ms: 1_667_876_894_608,
                zone,
                random: [0xde, 0xad, 0xbe, 0xef],
                crypto_key_id: None,
            };
            let signed = generate(&inputs, body).unwrap();
            let report = validate(&CHARGE_ENDPOINT, &signed.headers, body, Some(c.secret_key.as_bytes()));
            assert!(report.is_valid(), "{zone:?}: {:#?}", report.violations);
            assert_eq!(report.warning_count, 0);
            assert_eq!(signed.signature.token.len(), sign::TOKEN_LENGTH);
        }
    }

    #[test]
    fn correlation_id_is_time_dash_seven_hex() {
        let t = RequestTime::new(1_667_876_894_608, TimeZone::Kst).unwrap();
        assert_eq!(correlation_id(&t, [0xde, 0xad, 0xbe, 0xef]), "221108120814-deadbee");
        assert_eq!(correlation_id(&t, [0, 0, 0, 0x0f]), "221108120814-0000000");
    }

    #[test]
    fn debug_output_hides_credentials() {
        let text = format!("{:?}", credentials());
        assert!(!text.contains("top-secret-value") && !text.contains(sandbox::ACCESS_KEY), "{text}");
    }

    #[test]
    fn out_of_range_time_is_an_error() {
        let c = credentials();
        let inputs =
            HeaderInputs { credentials: &c, epoch_ms: -1, zone: TimeZone::Utc, random: [0; 4], crypto_key_id: None };
        assert!(generate(&inputs, "{}").is_err());
    }
}
