//! Known answers, round trips and tampering, each failure with its reason.

use base64ct::{Base64UrlUnpadded, Encoding as _};

use super::*;

const PLAINTEXT: &str = r#"{"cardNo":"1111222233334444","type":"ATM"}"#;

/// Fixed randomness: content key 0x00..0x1f, IV 0xa0..0xab, OAEP seed 0x40..0x5f.
pub(crate) fn fixed_randomness() -> Randomness {
    let mut bytes = [0u8; Randomness::LEN];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = match i {
            0..32 => i as u8,
            32..44 => 0xa0 + (i - 32) as u8,
            _ => 0x40 + (i - 44) as u8,
        };
    }
    Randomness::from_bytes(&bytes)
}

fn server_public() -> PublicKey {
    PublicKey::from_pem(test_keys::SERVER_PUBLIC_SPKI).unwrap()
}

fn server_private() -> PrivateKey {
    PrivateKey::from_pem(test_keys::SERVER_PRIVATE_PKCS8).unwrap()
}

/// Our output for PLAINTEXT under the server test key and [`fixed_randomness`], pinned. Python's
/// `cryptography` checks the same vector independently (scripts/jwe-crosscheck.py).
const KNOWN_ANSWER_A128GCM: &str = include_str!("../../../../testdata/jwe/known-answer-a128gcm.jwe");

#[test]
fn known_answer_with_fixed_randomness() {
    let jwe = encrypt(&server_public(), Enc::A128Gcm, PLAINTEXT.as_bytes(), &fixed_randomness()).unwrap();
    assert_eq!(jwe, KNOWN_ANSWER_A128GCM.trim());
    let parts: Vec<&str> = jwe.split('.').collect();
    assert_eq!(parts[0], "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMTI4R0NNIn0");
    assert_eq!(Base64UrlUnpadded::decode_vec(parts[0]).unwrap(), br#"{"alg":"RSA-OAEP-256","enc":"A128GCM"}"#);
    assert_eq!(parts[2], Base64UrlUnpadded::encode_string(&fixed_randomness().iv));
    let out = decrypt(&server_private(), &jwe).unwrap();
    assert_eq!((out.alg, out.enc, out.plaintext.as_slice()), (Alg::RsaOaep256, Enc::A128Gcm, PLAINTEXT.as_bytes()));
}

/// RFC 7516 Appendix A.1: RSA-OAEP (SHA-1) + A256GCM, the standard's own key and JWE.
#[test]
fn rfc7516_appendix_a1_decrypts() {
    let key = PrivateKey::from_pem(include_str!("../../../../testdata/keys/rfc7516-a1-private.pem")).unwrap();
    let jwe = include_str!("../../../../testdata/keys/rfc7516-a1.jwe");
    let out = decrypt(&key, jwe).unwrap();
    assert_eq!((out.alg, out.enc), (Alg::RsaOaep, Enc::A256Gcm));
    assert_eq!(out.plaintext, b"The true sign of intelligence is not knowledge but imagination.");
}

/// RFC 7516 A.1's content key and IV give its ciphertext (the tag differs: our header, the AAD, does).
#[test]
fn rfc7516_appendix_a1_ciphertext_is_reproduced() {
    let mut random = fixed_randomness();
    random.content_key = [
        177, 161, 244, 128, 84, 143, 225, 115, 63, 180, 3, 255, 107, 154, 212, 246, 138, 7, 110, 91, 112, 46, 34, 105,
        47, 130, 203, 46, 122, 234, 64, 252,
    ];
    random.iv = [227, 197, 117, 252, 2, 219, 233, 68, 180, 225, 77, 219];
    let plaintext = "The true sign of intelligence is not knowledge but imagination.";
    let jwe = encrypt(&server_public(), Enc::A256Gcm, plaintext.as_bytes(), &random).unwrap();
    let parts: Vec<&str> = jwe.split('.').collect();
    assert_eq!(parts[2], "48V1_ALb6US04U3b");
    assert_eq!(parts[3], "5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A");
    assert_eq!(decrypt(&server_private(), &jwe).unwrap().plaintext, plaintext.as_bytes());
}

#[test]
fn round_trips_for_both_encs_and_every_key_form() {
    let private = server_private();
    for pem in [test_keys::SERVER_PUBLIC_SPKI, test_keys::SERVER_PUBLIC_PKCS1, test_keys::SERVER_CERTIFICATE] {
        for enc in [Enc::A128Gcm, Enc::A256Gcm] {
            let jwe = encrypt(&PublicKey::from_pem(pem).unwrap(), enc, b"", &fixed_randomness()).unwrap();
            let out = decrypt(&private, &jwe).unwrap();
            assert_eq!((out.enc, out.plaintext.len()), (enc, 0));
        }
    }
}

#[test]
fn the_wrong_private_key_is_a_key_unwrap_failure() {
    let jwe = encrypt(&server_public(), Enc::A128Gcm, b"{}", &fixed_randomness()).unwrap();
    let client = PrivateKey::from_pem(test_keys::CLIENT_PRIVATE_PKCS8).unwrap();
    assert_eq!(decrypt(&client, &jwe).err(), Some(JweError::KeyUnwrap));
}

fn replace_part(jwe: &str, index: usize, f: impl Fn(&str) -> String) -> String {
    let mut parts: Vec<String> = jwe.split('.').map(str::to_string).collect();
    parts[index] = f(&parts[index]);
    parts.join(".")
}

/// Flips one bit of the decoded part and re-encodes it.
fn flip(part: &str) -> String {
    let mut bytes = Base64UrlUnpadded::decode_vec(part).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    Base64UrlUnpadded::encode_string(&bytes)
}

/// Drops the last decoded byte.
fn truncate(part: &str) -> String {
    let bytes = Base64UrlUnpadded::decode_vec(part).unwrap();
    Base64UrlUnpadded::encode_string(&bytes[..bytes.len() - 1])
}

#[test]
fn each_part_altered_truncated_or_re_padded_fails_with_its_reason() {
    let jwe = encrypt(&server_public(), Enc::A128Gcm, PLAINTEXT.as_bytes(), &fixed_randomness()).unwrap();
    let key = server_private();
    let size = 256;
    // The same header with its members reordered: same meaning, different AAD.
    let reordered = Base64UrlUnpadded::encode_string(br#"{"enc":"A128GCM","alg":"RSA-OAEP-256"}"#);
    let cases: Vec<(String, String, JweError)> = vec![
        ("header reordered".into(), replace_part(&jwe, 0, |_| reordered.clone()), JweError::Authentication),
        (
            "header bit flipped".into(),
            replace_part(&jwe, 0, flip),
            JweError::Malformed(Malformed::UnsupportedAlg("RSA-OAEP-257".into())),
        ),
        ("header truncated".into(), replace_part(&jwe, 0, truncate), JweError::Malformed(Malformed::HeaderNotJson)),
        ("key altered".into(), replace_part(&jwe, 1, flip), JweError::KeyUnwrap),
        (
            "key truncated".into(),
            replace_part(&jwe, 1, truncate),
            JweError::EncryptedKeyLength { expected: size, got: size - 1 },
        ),
        ("iv altered".into(), replace_part(&jwe, 2, flip), JweError::Authentication),
        ("iv truncated".into(), replace_part(&jwe, 2, truncate), JweError::Malformed(Malformed::IvLength(11))),
        ("ciphertext altered".into(), replace_part(&jwe, 3, flip), JweError::Authentication),
        ("ciphertext truncated".into(), replace_part(&jwe, 3, truncate), JweError::Authentication),
        ("tag altered".into(), replace_part(&jwe, 4, flip), JweError::Authentication),
        ("tag truncated".into(), replace_part(&jwe, 4, truncate), JweError::Malformed(Malformed::TagLength(15))),
        (
            "four parts".into(),
            jwe.rsplit_once('.').unwrap().0.to_string(),
            JweError::Malformed(Malformed::NotCompact(4)),
        ),
        ("six parts".into(), format!("{jwe}.AA"), JweError::Malformed(Malformed::NotCompact(6))),
        ("standard base64".into(), replace_part(&jwe, 1, |p| p.replace('-', "+").replace('_', "/")), {
            JweError::Malformed(Malformed::Base64(Part::EncryptedKey))
        }),
    ];
    // A tag of 16 zero bytes, then the same with one of its last character's four unused bits set:
    // no encoder writes that, so it is a Base64 error, not a wrong tag (as with the `base64`
    // crate's URL_SAFE_NO_PAD engine before).
    let zero_tag = replace_part(&jwe, 4, |_| "A".repeat(22));
    assert_eq!(decrypt(&key, &zero_tag).err(), Some(JweError::Authentication));
    let non_canonical = replace_part(&jwe, 4, |_| format!("{}B", "A".repeat(21)));
    assert_eq!(decrypt(&key, &non_canonical).err(), Some(JweError::Malformed(Malformed::Base64(Part::Tag))));
    for (index, part) in Part::ALL.iter().enumerate() {
        // Re-padded: Base64url with '=' (RFC 7515 forbids padding in JOSE).
        let padded = replace_part(&jwe, index, |p| format!("{p}="));
        assert_eq!(
            decrypt(&key, &padded).err(),
            Some(JweError::Malformed(Malformed::Base64(*part))),
            "{part:?} re-padded"
        );
    }
    for (what, tampered, want) in cases {
        let got = decrypt(&key, &tampered).err();
        assert_eq!(got, Some(want), "{what}");
        let crate::text::Text { en, ko } = got.unwrap().explain();
        assert!(!en.is_empty() && !ko.is_empty(), "{what}");
    }
}

#[test]
fn wrapper_round_trip() {
    let jwe = encrypt(&server_public(), Enc::A128Gcm, PLAINTEXT.as_bytes(), &fixed_randomness()).unwrap();
    let body = wrap(&jwe);
    assert!(body.starts_with(r#"{"encData":"eyJ"#) && body.ends_with("\"}"));
    assert_eq!(unwrap_body(&body).unwrap(), jwe);
}

#[test]
fn randomness_runs_out_cleanly() {
    // The OAEP seed is consumed exactly once; asking for more is an error, never a repeat.
    let mut rng = SuppliedBytes(&[1, 2, 3]);
    let mut four = [0u8; 4];
    assert!(rand_core::TryRng::try_fill_bytes(&mut rng, &mut four).is_err());
    let mut three = [0u8; 3];
    assert!(rand_core::TryRng::try_fill_bytes(&mut rng, &mut three).is_ok());
    assert_eq!(three, [1, 2, 3]);
}
