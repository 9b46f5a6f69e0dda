//! X-KM-Tran-Token: `"KMV1:" + requestTime + ":" + Base64(HMAC-SHA256(secretKey, body))`.
//!
//! Only the body is signed, as the exact bytes sent. HMAC comes from RustCrypto (`hmac`,
//! `sha2`), Base64 from `base64ct` (standard alphabet, `=` padding), and verification
//! uses `Mac::verify_slice`, which compares in constant time (the `subtle` crate underneath).

use crate::text::Text;
use std::fmt;

use base64ct::{Base64, Encoding as _};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

pub const TOKEN_VERSION: &str = "KMV1";
/// `KMV1:` + 17-digit time + `:` + 44 Base64 characters. The header table says 66; see
/// [`crate::catalog::notes::TRAN_TOKEN_LENGTH`].
pub const TOKEN_LENGTH: usize = 67;
/// Base64 of a 32-byte digest with padding.
pub const MAC_BASE64_LENGTH: usize = 44;

/// HMAC-SHA256 keyed once with a secret key. The key schedule (two SHA-256 blocks) is done
/// here, once; each body then costs only its own blocks. Callers that sign or verify many
/// bodies under one secret (the JS package, the console) keep one and reuse it.
#[derive(Clone)]
pub struct Signer {
    keyed: HmacSha256,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Signer(<redacted>)")
    }
}

impl Signer {
    pub fn new(secret: &[u8]) -> Signer {
        // HMAC accepts keys of any length, so this cannot fail.
        Signer { keyed: HmacSha256::new_from_slice(secret).expect("HMAC takes any key length") }
    }

    fn mac_over(&self, body: &[u8]) -> HmacSha256 {
        let mut mac = self.keyed.clone();
        mac.update(body);
        mac
    }

    /// Base64(HMAC-SHA256(secret, body)): the last part of a tran-token.
    pub fn mac_base64(&self, body: &[u8]) -> String {
        Base64::encode_string(&self.mac_over(body).finalize().into_bytes())
    }

    /// The tran-token for `body`, signed at `token_time` (17 digits, see [`crate::time`]).
    pub fn tran_token(&self, token_time: &str, body: &[u8]) -> String {
        let mut token = String::with_capacity(TOKEN_VERSION.len() + token_time.len() + 2 + MAC_BASE64_LENGTH);
        token.push_str(TOKEN_VERSION);
        token.push(':');
        token.push_str(token_time);
        token.push(':');
        let mut mac = [0u8; MAC_BASE64_LENGTH];
        token.push_str(
            Base64::encode(&self.mac_over(body).finalize().into_bytes(), &mut mac)
                .expect("44 characters hold a 32-byte MAC"),
        );
        token
    }

    /// Whether `mac` is HMAC-SHA256(secret, body), compared in constant time.
    pub fn mac_matches(&self, body: &[u8], mac: &[u8]) -> bool {
        self.mac_over(body).verify_slice(mac).is_ok()
    }

    /// Checks `token` against `body`, in constant time over the MAC.
    pub fn verify_tran_token<'a>(&self, token: &'a str, body: &[u8]) -> Result<ParsedToken<'a>, TokenError> {
        let parsed = parse_tran_token(token)?;
        self.mac_over(body).verify_slice(&parsed.mac).map_err(|_| TokenError::Mismatch)?;
        Ok(parsed)
    }
}

/// Base64(HMAC-SHA256(secret, body)): the last part of a tran-token.
pub fn mac_base64(secret: &[u8], body: &[u8]) -> String {
    Signer::new(secret).mac_base64(body)
}

/// The tran-token for `body`, signed at `token_time` (17 digits, see [`crate::time`]).
pub fn tran_token(secret: &[u8], token_time: &str, body: &[u8]) -> String {
    Signer::new(secret).tran_token(token_time, body)
}

/// Whether `mac` is HMAC-SHA256(secret, body), compared in constant time. For callers that
/// decoded a MAC themselves (the diagnosis of a token in the wrong Base64 alphabet).
pub fn mac_matches(secret: &[u8], body: &[u8], mac: &[u8]) -> bool {
    Signer::new(secret).mac_matches(body, mac)
}

/// A tran-token split into its parts, without checking the MAC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedToken<'a> {
    /// 17 digits, `yyyyMMddHHmmssSSS` (a real date is checked by the validator, which knows the zone).
    pub time: &'a str,
    pub mac_base64: &'a str,
    pub mac: [u8; 32],
}

/// Why a tran-token could not be parsed or did not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    /// Not `KMV1:<time>:<mac>`.
    Shape,
    /// The version is not `KMV1`.
    Version,
    /// The time part is not 17 digits.
    TimeDigits,
    /// The MAC is not 44 characters of standard, padded Base64 of 32 bytes.
    MacEncoding,
    /// Well-formed, but not the HMAC of this body under this secret.
    Mismatch,
}

impl TokenError {
    /// The reason in English and Korean.
    pub fn explain(&self) -> Text {
        let (en, ko): (&'static str, &'static str) = match self {
            TokenError::Shape => {
                ("must be KMV1:<17-digit time>:<Base64 HMAC>", "KMV1:<17자리 시각>:<Base64 HMAC> 형식이어야 합니다")
            }
            TokenError::Version => ("must start with KMV1:", "KMV1:로 시작해야 합니다"),
            TokenError::TimeDigits => (
                "the time part must be 17 digits, yyyyMMddHHmmssSSS",
                "시각 부분은 17자리 yyyyMMddHHmmssSSS여야 합니다",
            ),
            TokenError::MacEncoding => (
                "the MAC must be 44 characters of standard Base64 with '=' padding (not URL-safe, not unpadded)",
                "MAC은 '=' 패딩이 있는 표준 Base64 44자여야 합니다(URL-safe나 패딩 생략 불가)",
            ),
            TokenError::Mismatch => (
                "does not match HMAC-SHA256 of the body under the secret key",
                "secret key로 계산한 본문의 HMAC-SHA256과 일치하지 않습니다",
            ),
        };
        Text::new(en, ko)
    }
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.explain().en)
    }
}

impl std::error::Error for TokenError {}

/// Splits a tran-token into version, time and MAC, checking each part's form.
pub fn parse_tran_token(token: &str) -> Result<ParsedToken<'_>, TokenError> {
    // The first two ':' found by byte (ASCII): smaller in Wasm than `str::splitn`'s searcher.
    let mut colons = token.bytes().enumerate().filter(|&(_, b)| b == b':').map(|(at, _)| at);
    let (Some(first), Some(second)) = (colons.next(), colons.next()) else {
        return Err(TokenError::Shape);
    };
    let (version, time, mac_base64) = (&token[..first], &token[first + 1..second], &token[second + 1..]);
    if version != TOKEN_VERSION {
        return Err(TokenError::Version);
    }
    if time.len() != 17 || !time.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TokenError::TimeDigits);
    }
    if mac_base64.len() != MAC_BASE64_LENGTH {
        return Err(TokenError::MacEncoding);
    }
    let mut mac = [0u8; 32];
    match Base64::decode(mac_base64, &mut mac).map(|decoded| decoded.len()) {
        Ok(32) => Ok(ParsedToken { time, mac_base64, mac }),
        _ => Err(TokenError::MacEncoding),
    }
}

/// Checks `token` against `body` under `secret`, in constant time over the MAC.
pub fn verify_tran_token<'a>(secret: &[u8], token: &'a str, body: &[u8]) -> Result<ParsedToken<'a>, TokenError> {
    Signer::new(secret).verify_tran_token(token, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"sandbox-secret-key-for-tests";
    const BODY: &str = r#"{"sequenceId":"S1","userId":9999999999999999999,"amount":10000,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}"#;

    #[test]
    fn rfc4231_case_2_vector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let mac = mac_base64(b"Jefe", b"what do ya want for nothing?");
        let hex = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        let bytes: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap()).collect();
        assert_eq!(mac, Base64::encode_string(&bytes));
    }

    #[test]
    fn a_reused_signer_signs_each_body_as_a_fresh_key_does() {
        let signer = Signer::new(SECRET);
        for body in [BODY, "{}", "", BODY] {
            assert_eq!(signer.mac_base64(body.as_bytes()), Base64::encode_string(&fresh_mac(SECRET, body.as_bytes())));
            let token = signer.tran_token("20221108120814608", body.as_bytes());
            assert_eq!(
                token,
                format!("KMV1:20221108120814608:{}", Base64::encode_string(&fresh_mac(SECRET, body.as_bytes())))
            );
            assert!(signer.verify_tran_token(&token, body.as_bytes()).is_ok());
        }
        assert_eq!(format!("{signer:?}"), "Signer(<redacted>)");
    }

    /// HMAC straight from the `hmac` crate, keyed for this one call.
    fn fresh_mac(secret: &[u8], body: &[u8]) -> Vec<u8> {
        let mut mac = HmacSha256::new_from_slice(secret).unwrap();
        mac.update(body);
        mac.finalize().into_bytes().to_vec()
    }

    #[test]
    fn token_has_67_characters_and_verifies() {
        let token = tran_token(SECRET, "20221108120814608", BODY.as_bytes());
        assert_eq!(token.len(), TOKEN_LENGTH);
        assert!(token.starts_with("KMV1:20221108120814608:"));
        let parsed = verify_tran_token(SECRET, &token, BODY.as_bytes()).unwrap();
        assert_eq!(parsed.time, "20221108120814608");
    }

    #[test]
    fn the_guides_sample_token_parses() {
        let parsed = parse_tran_token("KMV1:20221108120814608:uLD+mU8mz9K95neGiSJTSsF3zzAQJglCggZAOSs5Fkg=").unwrap();
        assert_eq!(parsed.time, "20221108120814608");
    }

    #[test]
    fn only_canonical_padded_base64_is_a_mac() {
        // The sample's MAC ends in `kg=`: `g` carries two unused bits, both zero. `h` sets one:
        // the same 32 bytes to a lenient decoder, but no encoder writes it, so not a MAC (as with
        // the `base64` crate's STANDARD engine before).
        let sample = "KMV1:20221108120814608:uLD+mU8mz9K95neGiSJTSsF3zzAQJglCggZAOSs5Fkg=";
        assert!(parse_tran_token(sample).is_ok());
        for bad in [
            sample.replace("kg=", "kh="),
            sample.replace("kg=", "k=g"),
            sample.replace("kg=", "k=="),
            sample.replace(":uLD", ": LD"),
            sample.replace(":uLD", ":\nLD"),
        ] {
            assert_eq!(bad.len(), TOKEN_LENGTH, "{bad}");
            assert_eq!(parse_tran_token(&bad).map(|_| ()), Err(TokenError::MacEncoding), "{bad}");
        }
    }

    #[test]
    fn wrong_secret_or_changed_body_is_a_mismatch() {
        let token = tran_token(SECRET, "20221108120814608", BODY.as_bytes());
        assert_eq!(verify_tran_token(b"other", &token, BODY.as_bytes()), Err(TokenError::Mismatch));
        let changed = BODY.replace("10000", "10001");
        assert_eq!(verify_tran_token(SECRET, &token, changed.as_bytes()), Err(TokenError::Mismatch));
    }

    #[test]
    fn malformed_tokens_say_which_part_is_wrong() {
        let good_mac = mac_base64(SECRET, BODY.as_bytes());
        let url_safe = good_mac.replace('+', "-").replace('/', "_");
        let cases = [
            ("", TokenError::Shape),
            ("KMV1:20221108120814608", TokenError::Shape),
            (&format!("KMV2:20221108120814608:{good_mac}"), TokenError::Version),
            (&format!("KMV1:2022110812081460:{good_mac}"), TokenError::TimeDigits),
            (&format!("KMV1:2022110812081460x:{good_mac}"), TokenError::TimeDigits),
            (&format!("KMV1:20221108120814608:{}", good_mac.trim_end_matches('=')), TokenError::MacEncoding),
            ("KMV1:20221108120814608:!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!=", TokenError::MacEncoding),
        ];
        for (token, want) in cases {
            assert_eq!(parse_tran_token(token).map(|_| ()), Err(want.clone()), "{token}");
        }
        if url_safe != good_mac {
            let token = format!("KMV1:20221108120814608:{url_safe}");
            assert_eq!(parse_tran_token(&token).map(|_| ()), Err(TokenError::MacEncoding));
        }
    }
}
