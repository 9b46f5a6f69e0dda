//! The compact serialisation: five unpadded Base64url parts and the protected header's
//! algorithms, checked before any key is used.

use crate::json::Node;
use base64ct::Encoding as _;

use super::error::{Malformed, Part};
use super::{Alg, Enc, IV_LEN, TAG_LEN};

/// The protected header's algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub alg: Alg,
    pub enc: Enc,
}

/// A compact JWE split and decoded; nothing decrypted yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    /// The first part as sent: the AES-GCM additional data.
    pub header_b64: &'a str,
    pub header: Header,
    pub encrypted_key: Vec<u8>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub tag: Vec<u8>,
}

fn decode(part: Part, text: &str) -> Result<Vec<u8>, Malformed> {
    decode_url(text).ok_or(Malformed::Base64(part))
}

/// Unpadded Base64url decoded by base64ct's standard decoder (`Base64`, padded), which the
/// module has already for the tran-token: the URL alphabet's `-` and `_` read as `+` and `/`,
/// the padding restored; a `+`, `/` or `=` refused first, as the URL alphabet has none. The
/// same bytes and the same refusals as `Base64UrlUnpadded::decode_vec` (the test below holds
/// them to it), without a second copy of base64ct's decoder and of the encoder its canonical
/// check runs (2.3 KB of the JS package's Wasm).
fn decode_url(text: &str) -> Option<Vec<u8>> {
    if text.bytes().any(|b| matches!(b, b'+' | b'/' | b'=')) {
        return None;
    }
    let mut standard: String = text
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !standard.len().is_multiple_of(4) {
        standard.push('=');
    }
    base64ct::Base64::decode_vec(&standard).ok()
}

/// Splits and decodes a compact JWE and reads its header. Surrounding ASCII whitespace (a
/// pasted line's newline) is ignored.
pub fn parse(jwe: &str) -> Result<Parsed<'_>, Malformed> {
    let jwe = jwe.trim_ascii();
    // Split by byte ('.' is ASCII): smaller in Wasm than `str::split`'s searcher.
    let mut parts = Vec::with_capacity(5);
    let mut start = 0;
    for (at, _) in jwe.bytes().enumerate().filter(|&(_, b)| b == b'.') {
        parts.push(&jwe[start..at]);
        start = at + 1;
    }
    parts.push(&jwe[start..]);
    let [header_b64, key, iv, ciphertext, tag] = parts[..] else {
        return Err(Malformed::NotCompact(parts.len()));
    };
    for (part, text) in [(Part::Header, header_b64), (Part::EncryptedKey, key), (Part::Iv, iv), (Part::Tag, tag)] {
        if text.is_empty() {
            return Err(Malformed::EmptyPart(part));
        }
    }
    let header_bytes = decode(Part::Header, header_b64)?;
    let header = read_header(&header_bytes)?;
    let parsed = Parsed {
        header_b64,
        header,
        encrypted_key: decode(Part::EncryptedKey, key)?,
        iv: decode(Part::Iv, iv)?,
        ciphertext: decode(Part::Ciphertext, ciphertext)?,
        tag: decode(Part::Tag, tag)?,
    };
    if parsed.iv.len() != IV_LEN {
        return Err(Malformed::IvLength(parsed.iv.len()));
    }
    if parsed.tag.len() != TAG_LEN {
        return Err(Malformed::TagLength(parsed.tag.len()));
    }
    Ok(parsed)
}

fn read_header(bytes: &[u8]) -> Result<Header, Malformed> {
    // Through `&str`: the same serde_json reader the rest of the crate uses (smaller Wasm).
    let text = std::str::from_utf8(bytes).map_err(|_| Malformed::HeaderNotJson)?;
    let header = match crate::json::read_node(text) {
        Ok(header @ Node::Object(_)) => header,
        _ => return Err(Malformed::HeaderNotJson),
    };
    let text = |name: &str| match header.get(name) {
        Some(Node::String(s)) => Some(s.clone()),
        _ => None,
    };
    let alg = text("alg").ok_or(Malformed::MissingAlg)?;
    let enc = text("enc").ok_or(Malformed::MissingEnc)?;
    let alg = Alg::from_name(&alg).ok_or_else(|| Malformed::UnsupportedAlg(shorten(&alg)))?;
    let enc = Enc::from_name(&enc).ok_or_else(|| Malformed::UnsupportedEnc(shorten(&enc)))?;
    for name in ["zip", "crit"] {
        if header.get(name).is_some() {
            return Err(Malformed::UnsupportedHeader(name));
        }
    }
    Ok(Header { alg, enc })
}

/// At most 40 characters of a caller's value, for a message.
fn shorten(value: &str) -> String {
    value.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64ct::Base64UrlUnpadded;

    fn b64(s: &str) -> String {
        Base64UrlUnpadded::encode_string(s.as_bytes())
    }

    #[test]
    fn header_rules() {
        let tail = format!(
            ".{}.{}.{}.{}",
            b64("k"),
            Base64UrlUnpadded::encode_string(&[0u8; 12]),
            b64("c"),
            Base64UrlUnpadded::encode_string(&[0u8; 16])
        );
        let cases = [
            (r#"[1]"#, Malformed::HeaderNotJson),
            (r#"{"enc":"A128GCM"}"#, Malformed::MissingAlg),
            (r#"{"alg":"RSA-OAEP-256"}"#, Malformed::MissingEnc),
            (r#"{"alg":"dir","enc":"A128GCM"}"#, Malformed::UnsupportedAlg("dir".into())),
            (r#"{"alg":"RSA-OAEP-256","enc":"A128CBC-HS256"}"#, Malformed::UnsupportedEnc("A128CBC-HS256".into())),
            (r#"{"alg":"RSA-OAEP-256","enc":"A128GCM","zip":"DEF"}"#, Malformed::UnsupportedHeader("zip")),
        ];
        for (header, want) in cases {
            assert_eq!(parse(&format!("{}{tail}", b64(header))).err(), Some(want), "{header}");
        }
        let text = format!("{}{tail}", b64(r#"{"alg":"RSA-OAEP","enc":"A256GCM","kid":"x"}"#));
        assert_eq!(parse(&text).unwrap().header, Header { alg: Alg::RsaOaep, enc: Enc::A256Gcm });
    }

    proptest::proptest! {
        /// `decode_url` answers as base64ct's own URL decoder on any text over both alphabets
        /// and padding (and on any text at all).
        #[test]
        fn decode_url_is_base64ct_url_decoding(
            text in "[A-Za-z0-9_+/=-]{0,24}|[A-Za-z0-9_-]{0,40}[=+/.]?[A-Za-z0-9_-]{0,3}|.{0,12}",
        ) {
            proptest::prop_assert_eq!(decode_url(&text), Base64UrlUnpadded::decode_vec(&text).ok(), "{}", text);
        }
    }

    #[test]
    fn decode_url_refuses_what_the_url_alphabet_refuses() {
        for (text, bytes) in
            [("", Some(vec![])), ("AQID", Some(vec![1, 2, 3])), ("_-8", Some(vec![255, 239])), ("AQ", Some(vec![1]))]
        {
            assert_eq!(decode_url(text), bytes, "{text}");
            assert_eq!(Base64UrlUnpadded::decode_vec(text).ok(), bytes, "{text}");
        }
        for text in ["A", "AR", "/+8", "AQ==", "AQI=", "A Q"] {
            assert_eq!(decode_url(text), None, "{text}");
        }
    }

    #[test]
    fn shape_rules() {
        assert_eq!(parse("").err(), Some(Malformed::NotCompact(1)));
        assert_eq!(parse("a.b.c.d.e.f").err(), Some(Malformed::NotCompact(6)));
        assert_eq!(parse(".b.c.d.e").err(), Some(Malformed::EmptyPart(Part::Header)));
        assert_eq!(parse("a.b.c.d.").err(), Some(Malformed::EmptyPart(Part::Tag)));
        assert_eq!(parse("a+.b.c.d.e").err(), Some(Malformed::Base64(Part::Header)));
    }
}
