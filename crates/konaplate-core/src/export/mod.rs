//! Collections for the API tools integrators already use, generated from the catalog:
//! [`postman`] (Collection v2.1) and [`bruno`]. Each request carries a script that computes the
//! X-KM headers and the tran-token over the exact body it sends; secrets are variables the user
//! sets in the tool (an environment), never written into the export.

pub mod bruno;
pub mod postman;

use crate::catalog::{self, sandbox, Endpoint, SCENARIOS};

/// The signing logic both tools run, in plain JavaScript: given the body text, the secret, the
/// zone, a clock reading, 28 random bits and an HMAC-SHA256-to-Base64 function, the headers that
/// depend on them. `yyyyMMddHHmmss` and the token's 17-digit time are the same instant written
/// in the zone; the correlation id is `yyMMddHHmmss-` + 7 hex digits (as `konaplate headers`).
pub const SIGN_JS: &str = r#"function konaplateSign(body, secret, zone, nowMs, random28, hmacBase64) {
  const offsetHours = { UTC: 0, KST: 9 }[zone];
  if (offsetHours === undefined) {
    throw new Error("timeZone must be UTC or KST (got " + zone + ") / timeZone은 UTC 또는 KST여야 합니다");
  }
  const t = new Date(nowMs + offsetHours * 3600000);
  const pad = (n, width) => String(n).padStart(width, "0");
  const tranTime = pad(t.getUTCFullYear(), 4) + pad(t.getUTCMonth() + 1, 2) + pad(t.getUTCDate(), 2) +
    pad(t.getUTCHours(), 2) + pad(t.getUTCMinutes(), 2) + pad(t.getUTCSeconds(), 2);
  const tokenTime = tranTime + pad(t.getUTCMilliseconds(), 3);
  return {
    "X-KM-Correlation-Id": tranTime.slice(2) + "-" + pad(random28.toString(16), 7),
    "X-KM-Tran-Token": "KMV1:" + tokenTime + ":" + hmacBase64(secret, body),
    "X-KM-Tran-Time": tranTime,
    "X-KM-Time-Zone": zone,
  };
}"#;

/// A fresh `sequenceId` per request (at most 30 characters): time and randomness in base 36.
pub const SEQUENCE_ID_JS: &str =
    r#"("KP" + Date.now().toString(36) + Math.floor(Math.random() * 2176782336).toString(36)).toUpperCase()"#;

/// Variables a collection declares: (name, default value, description). Secrets default empty.
pub const VARIABLES: &[(&str, &str, &str)] = &[
    ("baseUrl", catalog::SANDBOX_BASE_URL, "KONA PLATE base URL, or konaplate serve's http://127.0.0.1:8787/open-api"),
    ("aspId", sandbox::ASP_ID, "X-KM-User-AspId"),
    ("accessKey", "", "X-KM-Access-Key: set it in an environment, not here"),
    ("secretKey", "", "The secret key that signs X-KM-Tran-Token: set it in an environment, never in the collection"),
    ("timeZone", "KST", "X-KM-Time-Zone: KST or UTC"),
    ("cryptoKeyId", "", "X-KM-Crypto-Key-Id, sent only when set (encrypted APIs)"),
];

/// One request of an exported collection.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub name: String,
    /// `None` for the charge flow at the top, `Some("Test Data")` for the portal's scenarios.
    pub folder: Option<&'static str>,
    pub endpoint: &'static Endpoint,
    /// The body text, with `{{variables}}` the tool resolves before the script signs it.
    pub body: String,
    /// The code the answer must carry.
    pub expected_code: &'static str,
    /// (response field, variable) pairs saved from a successful answer for later requests.
    pub captures: &'static [(&'static str, &'static str)],
    /// Save this request's sequenceId as `chargeSequenceId` (the inquiry looks it up).
    pub keeps_sequence_id: bool,
}

/// The charge flow (token, charge, inquiry, cancel), then the 13 Test Data scenarios.
pub fn requests() -> Vec<ExportRequest> {
    let member = sandbox::MEMBER_ID;
    let mut out = vec![
        // Postman's and Bruno's script sandboxes have no RSA-OAEP, so this Encrypted API goes out
        // as plain JSON: konaplate serve refuses it after the signature check (000_911), as KONA
        // PLATE would. The charge below uses the sandbox's preset token instead of an issued one.
        ExportRequest {
            name: format!(
                "{} (plain JSON: answered 000_911; encrypt it with `konaplate encrypt`)",
                catalog::ONE_TIME_TOKEN_ENDPOINT.name.en
            ),
            folder: None,
            endpoint: &catalog::ONE_TIME_TOKEN_ENDPOINT,
            body: format!(r#"{{"cardNo":"{}"}}"#, sandbox::MEMBER_CARD_NO),
            expected_code: catalog::Code::EncryptedBodyRequired.as_str(),
            captures: &[],
            keeps_sequence_id: false,
        },
        ExportRequest {
            name: catalog::CHARGE_ENDPOINT.name.en.to_string(),
            folder: None,
            endpoint: &catalog::CHARGE_ENDPOINT,
            body: format!(
                r#"{{"sequenceId":"{{{{sequenceId}}}}","userId":{member},"amount":1000,"oneTimeToken":"{}","dcvv":"{}","merchantId":"{}"}}"#,
                sandbox::PRESET_ONE_TIME_TOKEN,
                sandbox::PRESET_DCVV,
                sandbox::MERCHANT_ID
            ),
            expected_code: "000_000",
            captures: &[("nrNumber", "nrNumber")],
            keeps_sequence_id: true,
        },
        ExportRequest {
            name: catalog::RESULT_INQUIRY_ENDPOINT.name.en.to_string(),
            folder: None,
            endpoint: &catalog::RESULT_INQUIRY_ENDPOINT,
            body: r#"{"sequenceId":"{{chargeSequenceId}}"}"#.to_string(),
            expected_code: "000_000",
            captures: &[],
            keeps_sequence_id: false,
        },
        ExportRequest {
            name: catalog::CANCEL_ENDPOINT.name.en.to_string(),
            folder: None,
            endpoint: &catalog::CANCEL_ENDPOINT,
            body: format!(
                r#"{{"sequenceId":"{{{{sequenceId}}}}","userId":{member},"nrNumber":"{{{{nrNumber}}}}","oneTimeToken":"{}"}}"#,
                sandbox::PRESET_ONE_TIME_TOKEN
            ),
            expected_code: "000_000",
            captures: &[],
            keeps_sequence_id: false,
        },
    ];
    for s in SCENARIOS {
        let body =
            if s.fresh_sequence_id { s.body.replace("SEQ-PRESET", "{{sequenceId}}") } else { s.body.to_string() };
        out.push(ExportRequest {
            name: s.display_label(),
            folder: Some("Test Data"),
            endpoint: &catalog::CHARGE_ENDPOINT,
            body,
            expected_code: s.code.as_str(),
            captures: &[],
            keeps_sequence_id: false,
        });
    }
    out
}

/// Codes that mean the headers or the signature were refused (konaplate's sandbox codes).
pub const SIGNATURE_REFUSALS: &[&str] = &["000_901", "000_902", "000_903", "000_904"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_then_every_scenario_with_its_code() {
        let r = requests();
        assert_eq!(r.len(), 4 + SCENARIOS.len());
        let ids: Vec<&str> = r[..4].iter().map(|r| r.endpoint.id).collect();
        assert_eq!(ids, ["one-time-token", "charge", "result-inquiry", "cancel"]);
        for (request, scenario) in r[4..].iter().zip(SCENARIOS) {
            assert_eq!(request.expected_code, scenario.code.as_str());
            assert!(!request.body.contains("SEQ-PRESET"));
        }
        assert!(r[1].body.contains(r#""userId":1234567890123456789,"#), "exact digits, unquoted: {}", r[1].body);
    }
}
