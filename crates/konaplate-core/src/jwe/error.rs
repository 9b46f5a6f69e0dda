//! Why a key or a JWE was refused: one variant per reason, each with an English and a Korean
//! message. Messages never quote key material.

use crate::text::{decimal, fill, Text};
use crate::violation::quote;
use std::fmt;

/// One of the five parts of a compact JWE, for messages that name the part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Header,
    EncryptedKey,
    Iv,
    Ciphertext,
    Tag,
}

impl Part {
    pub const ALL: [Part; 5] = [Part::Header, Part::EncryptedKey, Part::Iv, Part::Ciphertext, Part::Tag];

    /// English and Korean names of the part.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Part::Header => ("protected header (part 1)", "보호 헤더(1번째 부분)"),
            Part::EncryptedKey => ("encrypted key (part 2)", "암호화된 키(2번째 부분)"),
            Part::Iv => ("IV (part 3)", "IV(3번째 부분)"),
            Part::Ciphertext => ("ciphertext (part 4)", "암호문(4번째 부분)"),
            Part::Tag => ("authentication tag (part 5)", "인증 태그(5번째 부분)"),
        }
    }
}

/// Why a PEM key or certificate could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// No `-----BEGIN …-----` / `-----END …-----` block, or its Base64 is broken.
    NotPem,
    /// A PEM block of a kind we do not read (its label).
    UnsupportedLabel(String),
    /// A password-protected PKCS#8 key.
    EncryptedPrivateKey,
    /// The DER inside the PEM does not parse as the label says (which structure).
    Malformed(&'static str),
    /// A key of another algorithm (its OID).
    NotRsa(String),
    /// An RSA modulus shorter than 2048 bits (its length).
    TooShort(usize),
    /// A public key or certificate given where a private key is needed.
    NotPrivate,
}

/// Why a text is not a compact JWE we can read: its structure and protected header, checked
/// before any key is used ([`super::parse`]). The request validator reports only these, so the
/// JS package's main entry carries none of the wording of [`JweError`]'s key failures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Malformed {
    /// Not five parts separated by dots (how many there were).
    NotCompact(usize),
    /// A part that is not unpadded Base64url.
    Base64(Part),
    /// A part that must not be empty is empty.
    EmptyPart(Part),
    /// The protected header is not a JSON object.
    HeaderNotJson,
    /// `alg` missing or not a string.
    MissingAlg,
    /// `enc` missing or not a string.
    MissingEnc,
    /// An `alg` other than RSA-OAEP-256 / RSA-OAEP.
    UnsupportedAlg(String),
    /// An `enc` other than A128GCM / A256GCM.
    UnsupportedEnc(String),
    /// A header parameter that changes processing and that we do not implement (`zip`, `crit`).
    UnsupportedHeader(&'static str),
    /// The IV is not 12 bytes (got).
    IvLength(usize),
    /// The tag is not 16 bytes (got).
    TagLength(usize),
}

/// Why a compact JWE could not be decrypted (or a plaintext not encrypted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JweError {
    /// Not a compact JWE we can read, before any key is used.
    Malformed(Malformed),
    /// The encrypted key is not as long as the RSA modulus (expected, got bytes).
    EncryptedKeyLength { expected: usize, got: usize },
    /// RSA-OAEP refused the encrypted key: the wrong private key, or the key part was altered.
    KeyUnwrap,
    /// The unwrapped content key does not fit `enc` (expected, got bytes).
    ContentKeyLength { expected: usize, got: usize },
    /// AES-GCM authentication failed: header, IV, ciphertext or tag altered.
    Authentication,
    /// Encryption refused: the supplied randomness was too short for RSA-OAEP, or the key too
    /// small for the content key.
    Encrypt,
}

impl From<Malformed> for JweError {
    fn from(m: Malformed) -> Self {
        JweError::Malformed(m)
    }
}

impl KeyError {
    /// The reason in English and Korean.
    pub fn explain(&self) -> Text<String> {
        let (en, ko): (String, String) = match self {
            KeyError::NotPem => (
                "the key is not PEM: expected a -----BEGIN …----- block with valid Base64 inside".into(),
                "키가 PEM 형식이 아닙니다. 올바른 Base64가 든 -----BEGIN …----- 블록이어야 합니다".into(),
            ),
            KeyError::UnsupportedLabel(label) => (
                format!("PEM block \"{label}\" is not read here: give PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE, PRIVATE KEY or RSA PRIVATE KEY"),
                format!("PEM 블록 \"{label}\"은(는) 읽을 수 없습니다. PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE, PRIVATE KEY, RSA PRIVATE KEY 중 하나여야 합니다"),
            ),
            KeyError::EncryptedPrivateKey => (
                "the private key is password-protected (ENCRYPTED PRIVATE KEY): export it unencrypted as PKCS#8 (openssl pkcs8 -nocrypt)".into(),
                "개인 키가 암호로 보호되어 있습니다(ENCRYPTED PRIVATE KEY). 암호 없는 PKCS#8로 내보내세요(openssl pkcs8 -nocrypt)".into(),
            ),
            KeyError::Malformed(what) => (
                format!("the PEM's content is not a valid {what}"),
                format!("PEM 내용이 올바른 {what}{} 아닙니다", crate::text::ko::subject(what)),
            ),
            KeyError::NotRsa(oid) => (
                format!("the key is not RSA (algorithm {oid}); KONA PLATE's encryption uses RSA-OAEP"),
                format!("RSA 키가 아닙니다(알고리즘 {oid}). KONA PLATE 암호화는 RSA-OAEP를 사용합니다"),
            ),
            KeyError::TooShort(bits) => (
                format!("the RSA key has {bits} bits; at least 2048 are required"),
                format!("RSA 키가 {bits}비트입니다. 최소 2048비트여야 합니다"),
            ),
            KeyError::NotPrivate => (
                "a private key is needed to decrypt (PRIVATE KEY or RSA PRIVATE KEY), not a public key or certificate".into(),
                "복호화에는 공개 키나 인증서가 아닌 개인 키(PRIVATE KEY 또는 RSA PRIVATE KEY)가 필요합니다".into(),
            ),
        };
        Text::new(en, ko)
    }
}

impl Malformed {
    /// A stable short name for the reason (used by the sandbox and tests).
    pub fn kind(&self) -> &'static str {
        match self {
            Malformed::NotCompact(_) | Malformed::Base64(_) | Malformed::EmptyPart(_) => "malformed",
            Malformed::IvLength(_) | Malformed::TagLength(_) => "malformed",
            Malformed::HeaderNotJson | Malformed::MissingAlg | Malformed::MissingEnc => "header",
            Malformed::UnsupportedAlg(_) | Malformed::UnsupportedEnc(_) | Malformed::UnsupportedHeader(_) => {
                "unsupported"
            }
        }
    }

    /// The reason in English and Korean (templates filled with the values: `text::fill`).
    pub fn explain(&self) -> Text<String> {
        let say = |en: &str, ko: &str, args: &[&str]| Text::new(fill(en, args), fill(ko, args));
        match self {
            Malformed::NotCompact(n) => say(
                "a compact JWE has 5 parts separated by dots; this has {0}",
                "compact JWE는 점으로 구분된 5개 부분이어야 합니다. 입력은 {0}개입니다",
                &[&decimal(*n)],
            ),
            Malformed::Base64(part) => {
                let (en, ko) = part.names();
                say(
                    "the {0} is not unpadded Base64url (A–Z a–z 0–9 - _, no '=')",
                    "{1}이(가) 패딩 없는 Base64url이 아닙니다(A–Z a–z 0–9 - _, '=' 없음)",
                    &[en, ko],
                )
            }
            Malformed::EmptyPart(part) => {
                let (en, ko) = part.names();
                say("the {0} is empty", "{1}이(가) 비어 있습니다", &[en, ko])
            }
            Malformed::HeaderNotJson => {
                say("the protected header is not a JSON object", "보호 헤더가 JSON 객체가 아닙니다", &[])
            }
            Malformed::MissingAlg => {
                say("the protected header has no \"alg\" string", "보호 헤더에 \"alg\" 문자열이 없습니다", &[])
            }
            Malformed::MissingEnc => {
                say("the protected header has no \"enc\" string", "보호 헤더에 \"enc\" 문자열이 없습니다", &[])
            }
            Malformed::UnsupportedAlg(alg) => say(
                "unsupported key encryption \"alg\": {0}; expected RSA-OAEP-256 (or RSA-OAEP)",
                "지원하지 않는 키 암호화 \"alg\": {0}. RSA-OAEP-256(또는 RSA-OAEP)이어야 합니다",
                &[&quote(alg)],
            ),
            Malformed::UnsupportedEnc(enc) => say(
                "unsupported content encryption \"enc\": {0}; expected A128GCM or A256GCM",
                "지원하지 않는 본문 암호화 \"enc\": {0}. A128GCM 또는 A256GCM이어야 합니다",
                &[&quote(enc)],
            ),
            Malformed::UnsupportedHeader(name) => say(
                "the protected header has \"{0}\", which is not supported",
                "보호 헤더의 \"{0}\"은(는) 지원하지 않습니다",
                &[name],
            ),
            Malformed::IvLength(got) => say(
                "the IV is {0} bytes; AES-GCM here uses 12",
                "IV가 {0}바이트입니다. AES-GCM은 12바이트를 사용합니다",
                &[&decimal(*got)],
            ),
            Malformed::TagLength(got) => say(
                "the authentication tag is {0} bytes; AES-GCM uses 16",
                "인증 태그가 {0}바이트입니다. AES-GCM은 16바이트를 사용합니다",
                &[&decimal(*got)],
            ),
        }
    }
}

impl JweError {
    /// A stable short name for the reason (used by the sandbox and tests).
    pub fn kind(&self) -> &'static str {
        match self {
            JweError::Malformed(m) => m.kind(),
            JweError::EncryptedKeyLength { .. } | JweError::KeyUnwrap | JweError::ContentKeyLength { .. } => "wrongKey",
            JweError::Authentication => "tampered",
            JweError::Encrypt => "encrypt",
        }
    }

    /// The reason in English and Korean.
    pub fn explain(&self) -> Text<String> {
        let say = |en: &str, ko: &str, args: &[&str]| Text::new(fill(en, args), fill(ko, args));
        match self {
            JweError::Malformed(m) => m.explain(),
            JweError::EncryptedKeyLength { expected, got } => say(
                "the encrypted key is {1} bytes, but this private key's modulus is {0} bytes: wrong key, or the key part was altered",
                "암호화된 키가 {1}바이트이나 이 개인 키의 모듈러스는 {0}바이트입니다. 다른 키이거나 키 부분이 변경되었습니다",
                &[&decimal(*expected), &decimal(*got)],
            ),
            JweError::KeyUnwrap => say(
                "the content key could not be unwrapped (RSA-OAEP): encrypted for another key, or the encrypted key was altered",
                "콘텐츠 키를 풀 수 없습니다(RSA-OAEP). 다른 키로 암호화되었거나 암호화된 키가 변경되었습니다",
                &[],
            ),
            JweError::ContentKeyLength { expected, got } => say(
                "the unwrapped content key is {1} bytes; \"enc\" needs {0}",
                "풀어낸 콘텐츠 키가 {1}바이트입니다. \"enc\"에는 {0}바이트가 필요합니다",
                &[&decimal(*expected), &decimal(*got)],
            ),
            JweError::Authentication => say(
                "authentication failed (AES-GCM tag): the header, IV, ciphertext or tag was altered",
                "인증에 실패했습니다(AES-GCM 태그). 헤더, IV, 암호문 또는 태그가 변경되었습니다",
                &[],
            ),
            JweError::Encrypt => say(
                "encryption failed: the RSA key cannot wrap this content key",
                "암호화 실패: 이 RSA 키로 콘텐츠 키를 감쌀 수 없습니다",
                &[],
            ),
        }
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explain().en)
    }
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explain().en)
    }
}

impl fmt::Display for JweError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explain().en)
    }
}

impl std::error::Error for KeyError {}
impl std::error::Error for Malformed {}
impl std::error::Error for JweError {}
