//! Signed charges as a client sends them to `konaplate serve`: a body, and the seven X-KM
//! headers signed with a secret at the current time.

use std::time::{SystemTime, UNIX_EPOCH};

use konaplate_core::catalog::sandbox;
use konaplate_core::headers::{generate, Credentials, HeaderInputs};
use konaplate_core::time::TimeZone;

pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

/// The X-KM headers for `body` with the sandbox's ASP ID and access key, signed with `secret`
/// now, with a fresh random correlation id.
pub fn signed_headers(secret: &str, body: &str) -> Vec<(&'static str, String)> {
    signed_headers_for_key(secret, body, None)
}

/// The same, with `X-KM-Crypto-Key-Id` when the body is sealed for that key.
pub fn signed_headers_for_key(secret: &str, body: &str, crypto_key_id: Option<&str>) -> Vec<(&'static str, String)> {
    let credentials = Credentials {
        asp_id: sandbox::ASP_ID.into(),
        access_key: sandbox::ACCESS_KEY.into(),
        secret_key: secret.into(),
    };
    let mut random = [0u8; 4];
    getrandom::fill(&mut random).unwrap();
    let inputs =
        HeaderInputs { credentials: &credentials, epoch_ms: now_ms(), zone: TimeZone::Kst, random, crypto_key_id };
    generate(&inputs, body).unwrap().headers
}

/// A charge body with the sandbox's preset one-time token, dCVV and merchant.
pub fn charge_body(sequence_id: &str, user_id: &str, amount: u64) -> String {
    format!(
        r#"{{"sequenceId":"{sequence_id}","userId":{user_id},"amount":{amount},"oneTimeToken":"{}","dcvv":"{}","merchantId":"{}"}}"#,
        sandbox::PRESET_ONE_TIME_TOKEN,
        sandbox::PRESET_DCVV,
        sandbox::MERCHANT_ID
    )
}
