//! RSA keys from PEM: SPKI `PUBLIC KEY`, PKCS#1 `RSA PUBLIC KEY`, an X.509 `CERTIFICATE`
//! (its SubjectPublicKeyInfo), PKCS#8 `PRIVATE KEY` and PKCS#1 `RSA PRIVATE KEY`. Keys of other
//! algorithms and moduli below 2048 bits are refused with a reason. Parsing is RustCrypto's
//! (`der`, `spki`, `pkcs1`, `pkcs8`, `x509-cert`); `Debug` never prints key material.

use std::fmt;

use rsa::pkcs1::{self, DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs8::PrivateKeyInfoRef;
use rsa::traits::PublicKeyParts;
use x509_cert::der::{self, Decode, Encode};
use x509_cert::spki::SubjectPublicKeyInfoRef;
use x509_cert::Certificate;

use super::error::KeyError;

/// The smallest RSA modulus accepted, in bits.
pub const MIN_BITS: usize = 2048;

/// An RSA public key that encrypts content keys (RSA-OAEP-256).
#[derive(Clone, PartialEq)]
pub struct PublicKey {
    pub(super) key: rsa::PublicKey,
}

/// An RSA private key that decrypts. `Debug` shows only its size.
#[derive(Clone)]
pub struct PrivateKey {
    pub(super) key: rsa::PrivateKey,
}

impl PublicKey {
    /// Modulus length in bits.
    pub fn bits(&self) -> usize {
        self.key.size() * 8
    }

    /// SPKI `PUBLIC KEY` PEM (LF line ends).
    pub fn to_pem(&self) -> String {
        use rsa::pkcs8::{EncodePublicKey, LineEnding};
        self.key.to_public_key_pem(LineEnding::LF).unwrap_or_default()
    }

    /// Reads a public key, a certificate, or a private key (its public half) from PEM.
    pub fn from_pem(text: &str) -> Result<PublicKey, KeyError> {
        let (label, der) = pem_block(text)?;
        let key = match label.as_str() {
            "PUBLIC KEY" => from_spki(&der)?,
            "RSA PUBLIC KEY" => from_pkcs1_public(&der)?,
            "CERTIFICATE" => {
                let cert = Certificate::from_der(&der).map_err(|_| KeyError::Malformed("X.509 certificate"))?;
                let spki = cert
                    .tbs_certificate()
                    .subject_public_key_info()
                    .to_der()
                    .map_err(|_| KeyError::Malformed("X.509 certificate"))?;
                from_spki(&spki)?
            }
            _ => return private_from_block(&label, &der).map(|k| k.public_key()),
        };
        Ok(PublicKey { key })
    }
}

impl PrivateKey {
    /// Reads a PKCS#8 or PKCS#1 RSA private key from PEM.
    pub fn from_pem(text: &str) -> Result<PrivateKey, KeyError> {
        let (label, der) = pem_block(text)?;
        private_from_block(&label, &der)
    }

    /// Modulus length in bits.
    pub fn bits(&self) -> usize {
        self.key.size() * 8
    }

    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        PublicKey { key: self.key.to_public_key() }
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey(RSA {} bits)", self.bits())
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey(RSA {} bits, <redacted>)", self.bits())
    }
}

/// The first PEM block in `text`: its label and DER bytes.
fn pem_block(text: &str) -> Result<(String, Vec<u8>), KeyError> {
    const BEGIN: &str = "-----BEGIN ";
    let start = text.find(BEGIN).ok_or(KeyError::NotPem)?;
    let rest = &text[start + BEGIN.len()..];
    let label = &rest[..rest.find("-----").ok_or(KeyError::NotPem)?];
    let end_marker = format!("-----END {label}-----");
    let end = text[start..].find(&end_marker).ok_or(KeyError::NotPem)? + start + end_marker.len();
    let (decoded_label, der) = der::pem::decode_vec(&text.as_bytes()[start..end]).map_err(|_| KeyError::NotPem)?;
    Ok((decoded_label.to_string(), der))
}

fn private_from_block(label: &str, der: &[u8]) -> Result<PrivateKey, KeyError> {
    match label {
        "PRIVATE KEY" => {
            let info = PrivateKeyInfoRef::from_der(der).map_err(|_| KeyError::Malformed("PKCS#8 private key"))?;
            require_rsa(&info.algorithm.oid)?;
            from_pkcs1_private(info.private_key.as_bytes())
        }
        "RSA PRIVATE KEY" => from_pkcs1_private(der),
        "ENCRYPTED PRIVATE KEY" => Err(KeyError::EncryptedPrivateKey),
        "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" => Err(KeyError::NotPrivate),
        "EC PRIVATE KEY" => Err(KeyError::NotRsa("EC".into())),
        other => Err(KeyError::UnsupportedLabel(other.chars().take(40).collect())),
    }
}

fn require_rsa(oid: &der::asn1::ObjectIdentifier) -> Result<(), KeyError> {
    if *oid == pkcs1::ALGORITHM_OID {
        Ok(())
    } else {
        Err(KeyError::NotRsa(oid.to_string()))
    }
}

fn from_spki(der: &[u8]) -> Result<rsa::PublicKey, KeyError> {
    let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(|_| KeyError::Malformed("SubjectPublicKeyInfo"))?;
    require_rsa(&spki.algorithm.oid)?;
    let bits = spki.subject_public_key.as_bytes().ok_or(KeyError::Malformed("SubjectPublicKeyInfo"))?;
    from_pkcs1_public(bits)
}

/// Bits of a big-endian unsigned integer whose leading zero bytes are stripped.
fn modulus_bits(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(first) => bytes.len() * 8 - first.leading_zeros() as usize,
        None => 0,
    }
}

fn check_bits(modulus: &[u8]) -> Result<(), KeyError> {
    let bits = modulus_bits(modulus);
    if bits < MIN_BITS {
        return Err(KeyError::TooShort(bits));
    }
    Ok(())
}

fn from_pkcs1_public(der: &[u8]) -> Result<rsa::PublicKey, KeyError> {
    const WHAT: &str = "PKCS#1 RSA public key";
    let parsed = pkcs1::RsaPublicKeyRef::from_der(der).map_err(|_| KeyError::Malformed(WHAT))?;
    check_bits(parsed.modulus.as_bytes())?;
    rsa::PublicKey::from_pkcs1_der(der).map_err(|_| KeyError::Malformed(WHAT))
}

fn from_pkcs1_private(der: &[u8]) -> Result<PrivateKey, KeyError> {
    const WHAT: &str = "PKCS#1 RSA private key";
    let parsed = pkcs1::RsaPrivateKeyRef::from_der(der).map_err(|_| KeyError::Malformed(WHAT))?;
    check_bits(parsed.modulus.as_bytes())?;
    let key = rsa::PrivateKey::from_pkcs1_der(der).map_err(|_| KeyError::Malformed(WHAT))?;
    Ok(PrivateKey { key })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwe::test_keys;

    #[test]
    fn every_documented_pem_form_reads_the_same_public_key() {
        let private = PrivateKey::from_pem(test_keys::SERVER_PRIVATE_PKCS8).unwrap();
        let want = private.public_key();
        assert_eq!(want.bits(), 2048);
        for pem in [
            test_keys::SERVER_PUBLIC_SPKI,
            test_keys::SERVER_PUBLIC_PKCS1,
            test_keys::SERVER_CERTIFICATE,
            test_keys::SERVER_PRIVATE_PKCS8,
            test_keys::SERVER_PRIVATE_PKCS1,
        ] {
            assert_eq!(PublicKey::from_pem(pem).unwrap(), want, "{}", &pem[..40]);
        }
        let pkcs1 = PrivateKey::from_pem(test_keys::SERVER_PRIVATE_PKCS1).unwrap();
        assert_eq!(pkcs1.public_key(), want);
    }

    #[test]
    fn pem_with_text_around_it_and_crlf_line_ends_is_read() {
        let framed =
            format!("Bag Attributes\r\n{}\r\ntrailing words", test_keys::SERVER_PUBLIC_SPKI.replace('\n', "\r\n"));
        assert!(PublicKey::from_pem(&framed).is_ok());
    }

    #[test]
    fn bad_keys_are_refused_with_their_reason() {
        let cases: &[(&str, KeyError)] = &[
            ("", KeyError::NotPem),
            ("not a key", KeyError::NotPem),
            ("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n", KeyError::NotPem),
            (
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
                KeyError::Malformed("SubjectPublicKeyInfo"),
            ),
            (test_keys::EC_PUBLIC_SPKI, KeyError::NotRsa("1.2.840.10045.2.1".into())),
            (test_keys::RSA_1024_PUBLIC_SPKI, KeyError::TooShort(1024)),
            (
                "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
                KeyError::UnsupportedLabel("OPENSSH PRIVATE KEY".into()),
            ),
        ];
        for (pem, want) in cases {
            assert_eq!(PublicKey::from_pem(pem).as_ref().err(), Some(want), "{pem}");
        }
        assert_eq!(PrivateKey::from_pem(test_keys::SERVER_PUBLIC_SPKI).err(), Some(KeyError::NotPrivate));
        assert_eq!(PrivateKey::from_pem(test_keys::SERVER_CERTIFICATE).err(), Some(KeyError::NotPrivate));
        let encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assert_eq!(PrivateKey::from_pem(encrypted).err(), Some(KeyError::EncryptedPrivateKey));
        for e in [KeyError::NotPem, KeyError::TooShort(1024), KeyError::NotRsa("1.2".into())] {
            let crate::text::Text { en, ko } = e.explain();
            assert!(!en.is_empty() && !ko.is_empty());
        }
    }

    #[test]
    fn debug_never_prints_key_material() {
        let private = PrivateKey::from_pem(test_keys::SERVER_PRIVATE_PKCS8).unwrap();
        assert_eq!(format!("{private:?}"), "PrivateKey(RSA 2048 bits, <redacted>)");
    }
}
