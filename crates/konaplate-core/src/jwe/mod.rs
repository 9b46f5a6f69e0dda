//! Message encryption as KONA PLATE uses it: compact JWE (RFC 7516) with the content key
//! wrapped by RSA-OAEP-256 and the payload sealed by AES-GCM, sent as `{"encData":"<JWE>"}`.
//!
//! Encryption always writes the protected header `{"alg":"RSA-OAEP-256","enc":"A128GCM"}` (or
//! `A256GCM`); decryption also accepts `RSA-OAEP` (SHA-1), since the guide does not name the hash.
//! Randomness is an input ([`Randomness`]): the core has no RNG. Cryptography is RustCrypto's
//! (`rsa` 0.10, constant-time private-key operations; `aes-gcm`), Base64url `base64ct`'s.

mod compact;
mod error;
mod keys;
pub mod test_keys;
#[cfg(test)]
mod tests;
mod wrapper;

use aes_gcm::{AeadInOut, Aes128Gcm, Aes256Gcm, KeyInit};
use base64ct::{Base64UrlUnpadded, Encoding as _};
use rsa::traits::PublicKeyParts;
use rsa::Oaep;
use sha1::Sha1;
use sha2::Sha256;

pub use compact::{parse, Header, Parsed};
pub use error::{JweError, KeyError, Malformed, Part};
pub use keys::{PrivateKey, PublicKey, MIN_BITS};
pub use wrapper::{unwrap_body, wrap, WrapperError, ENC_DATA};

/// Content encryption (`enc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enc {
    A128Gcm,
    A256Gcm,
}

impl Enc {
    pub fn name(self) -> &'static str {
        match self {
            Enc::A128Gcm => "A128GCM",
            Enc::A256Gcm => "A256GCM",
        }
    }

    pub fn from_name(name: &str) -> Option<Enc> {
        [Enc::A128Gcm, Enc::A256Gcm].into_iter().find(|e| e.name() == name)
    }

    /// Content key length in bytes.
    pub fn key_len(self) -> usize {
        match self {
            Enc::A128Gcm => 16,
            Enc::A256Gcm => 32,
        }
    }
}

/// Key encryption (`alg`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alg {
    /// RSA-OAEP with SHA-256 and MGF1-SHA-256: what we send.
    RsaOaep256,
    /// RSA-OAEP with SHA-1: accepted when decrypting.
    RsaOaep,
}

impl Alg {
    pub fn name(self) -> &'static str {
        match self {
            Alg::RsaOaep256 => "RSA-OAEP-256",
            Alg::RsaOaep => "RSA-OAEP",
        }
    }

    pub fn from_name(name: &str) -> Option<Alg> {
        [Alg::RsaOaep256, Alg::RsaOaep].into_iter().find(|a| a.name() == name)
    }
}

/// GCM IV length in bytes.
pub const IV_LEN: usize = 12;
/// GCM tag length in bytes.
pub const TAG_LEN: usize = 16;

/// The random bytes one encryption consumes, supplied by the caller (the core has no RNG).
/// Each must be fresh from a CSPRNG for every message; fixed values are for tests only.
#[derive(Clone, PartialEq, Eq)]
pub struct Randomness {
    /// The content key; A128GCM uses the first 16 bytes.
    pub content_key: [u8; 32],
    pub iv: [u8; IV_LEN],
    /// RSA-OAEP-256's seed (one SHA-256 output long).
    pub oaep_seed: [u8; 32],
}

impl Randomness {
    /// How many bytes [`Randomness::from_bytes`] takes.
    pub const LEN: usize = 32 + IV_LEN + 32;

    /// Splits `LEN` bytes (e.g. one `getrandom` call) into content key, IV and OAEP seed.
    pub fn from_bytes(bytes: &[u8; Self::LEN]) -> Randomness {
        let mut r = Randomness { content_key: [0; 32], iv: [0; IV_LEN], oaep_seed: [0; 32] };
        r.content_key.copy_from_slice(&bytes[..32]);
        r.iv.copy_from_slice(&bytes[32..32 + IV_LEN]);
        r.oaep_seed.copy_from_slice(&bytes[32 + IV_LEN..]);
        r
    }
}

impl std::fmt::Debug for Randomness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Randomness(<redacted>)")
    }
}

/// The protected header we send for `enc`, exactly as KONA PLATE's clients write it.
pub fn protected_header(enc: Enc) -> String {
    format!(r#"{{"alg":"{}","enc":"{}"}}"#, Alg::RsaOaep256.name(), enc.name())
}

/// Encrypts `plaintext` to `key` as a compact JWE (RSA-OAEP-256 + `enc`).
pub fn encrypt(key: &PublicKey, enc: Enc, plaintext: &[u8], random: &Randomness) -> Result<String, JweError> {
    let header = Base64UrlUnpadded::encode_string(protected_header(enc).as_bytes());
    let content_key = &random.content_key[..enc.key_len()];
    let mut seed = SuppliedBytes(&random.oaep_seed);
    let wrapped = key.key.encrypt(&mut seed, Oaep::<Sha256>::new(), content_key).map_err(|_| JweError::Encrypt)?;
    let mut buffer = plaintext.to_vec();
    let tag = match enc {
        Enc::A128Gcm => seal::<Aes128Gcm>(content_key, &random.iv, header.as_bytes(), &mut buffer),
        Enc::A256Gcm => seal::<Aes256Gcm>(content_key, &random.iv, header.as_bytes(), &mut buffer),
    }?;
    Ok([
        header,
        Base64UrlUnpadded::encode_string(&wrapped),
        Base64UrlUnpadded::encode_string(&random.iv),
        Base64UrlUnpadded::encode_string(&buffer),
        Base64UrlUnpadded::encode_string(&tag),
    ]
    .join("."))
}

/// What a decryption found: the header's algorithms and the plaintext.
#[derive(Clone, PartialEq, Eq)]
pub struct Decrypted {
    pub alg: Alg,
    pub enc: Enc,
    pub plaintext: Vec<u8>,
}

impl std::fmt::Debug for Decrypted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Decrypted({}, {}, {} bytes)", self.alg.name(), self.enc.name(), self.plaintext.len())
    }
}

/// Decrypts a compact JWE with `key`. Every failure is a [`JweError`] naming the reason.
pub fn decrypt(key: &PrivateKey, jwe: &str) -> Result<Decrypted, JweError> {
    let parsed = parse(jwe)?;
    let content_key = unwrap_content_key(key, &parsed)?;
    decrypt_with_content_key(&parsed, &content_key)
}

/// The RSA-OAEP step alone: the content key of a parsed JWE.
pub fn unwrap_content_key(key: &PrivateKey, parsed: &Parsed<'_>) -> Result<Vec<u8>, JweError> {
    let expected = key.key.size();
    if parsed.encrypted_key.len() != expected {
        return Err(JweError::EncryptedKeyLength { expected, got: parsed.encrypted_key.len() });
    }
    match parsed.header.alg {
        Alg::RsaOaep256 => key.key.decrypt(Oaep::<Sha256>::new(), &parsed.encrypted_key),
        Alg::RsaOaep => key.key.decrypt(Oaep::<Sha1>::new(), &parsed.encrypted_key),
    }
    .map_err(|_| JweError::KeyUnwrap)
}

/// The AES-GCM step alone: a parsed JWE opened with its content key.
pub fn decrypt_with_content_key(parsed: &Parsed<'_>, content_key: &[u8]) -> Result<Decrypted, JweError> {
    let enc = parsed.header.enc;
    if content_key.len() != enc.key_len() {
        return Err(JweError::ContentKeyLength { expected: enc.key_len(), got: content_key.len() });
    }
    let mut buffer = parsed.ciphertext.clone();
    let aad = parsed.header_b64.as_bytes();
    match enc {
        Enc::A128Gcm => open::<Aes128Gcm>(content_key, &parsed.iv, aad, &mut buffer, &parsed.tag),
        Enc::A256Gcm => open::<Aes256Gcm>(content_key, &parsed.iv, aad, &mut buffer, &parsed.tag),
    }?;
    Ok(Decrypted { alg: parsed.header.alg, enc, plaintext: buffer })
}

fn seal<C: AeadInOut + KeyInit>(key: &[u8], iv: &[u8], aad: &[u8], buffer: &mut [u8]) -> Result<Vec<u8>, JweError> {
    let cipher = C::new_from_slice(key).map_err(|_| JweError::Encrypt)?;
    let nonce = aes_gcm::aead::Nonce::<C>::try_from(iv).map_err(|_| Malformed::IvLength(iv.len()))?;
    let tag = cipher.encrypt_inout_detached(&nonce, aad, buffer.into()).map_err(|_| JweError::Encrypt)?;
    Ok(tag.to_vec())
}

fn open<C: AeadInOut + KeyInit>(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    buffer: &mut [u8],
    tag: &[u8],
) -> Result<(), JweError> {
    let cipher = C::new_from_slice(key).map_err(|_| JweError::ContentKeyLength { expected: 0, got: key.len() })?;
    let nonce = aes_gcm::aead::Nonce::<C>::try_from(iv).map_err(|_| Malformed::IvLength(iv.len()))?;
    let tag = aes_gcm::aead::Tag::<C>::try_from(tag).map_err(|_| Malformed::TagLength(tag.len()))?;
    cipher.decrypt_inout_detached(&nonce, aad, buffer.into(), &tag).map_err(|_| JweError::Authentication)
}

/// Hands RSA-OAEP the caller's seed bytes, once: a second request fails instead of repeating them.
struct SuppliedBytes<'a>(&'a [u8]);

#[derive(Debug)]
struct Exhausted;

impl std::fmt::Display for Exhausted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("supplied randomness exhausted")
    }
}

impl std::error::Error for Exhausted {}

impl rand_core::TryRng for SuppliedBytes<'_> {
    type Error = Exhausted;

    fn try_next_u32(&mut self) -> Result<u32, Exhausted> {
        let mut b = [0; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64, Exhausted> {
        let mut b = [0; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Exhausted> {
        if dst.len() > self.0.len() {
            return Err(Exhausted);
        }
        let (now, rest) = self.0.split_at(dst.len());
        dst.copy_from_slice(now);
        self.0 = rest;
        Ok(())
    }
}

impl rand_core::TryCryptoRng for SuppliedBytes<'_> {}
