//! Why a tran-token does not match: recompute it over the usual mistakes and say which one
//! reproduces it. Every comparison is `sign::mac_matches` (constant time).

use std::io;

use base64ct::{Base64, Base64Unpadded, Base64Url, Base64UrlUnpadded, Encoding as _};
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};
use serde_json::{Map, Value};

use super::finding::{Cause, FindingKind};
use crate::sign;

/// Top-level objects with at most this many keys have every key order tried (7! = 5040).
const MAX_PERMUTED_KEYS: usize = 7;

/// The MAC of a token whose version and time are well-formed, decoded from whatever encoding
/// it is in, with the encoding mistakes that decoding it needed. `None` when not a MAC at all.
fn decode_mac(token: &str) -> Option<(Vec<u8>, Vec<Cause>)> {
    let mut parts = token.splitn(3, ':');
    let (version, time, mac) = (parts.next()?, parts.next()?, parts.next()?);
    if version != sign::TOKEN_VERSION || time.len() != 17 || !time.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    type Decode = fn(&str) -> Result<Vec<u8>, base64ct::Error>;
    let encodings: [(Decode, Vec<Cause>); 4] = [
        (Base64::decode_vec, vec![]),
        (Base64Url::decode_vec, vec![Cause::UrlSafeBase64]),
        (Base64Unpadded::decode_vec, vec![Cause::UnpaddedBase64]),
        (Base64UrlUnpadded::decode_vec, vec![Cause::UrlSafeBase64, Cause::UnpaddedBase64]),
    ];
    for (decode, causes) in encodings {
        if let Ok(bytes) = decode(mac) {
            if bytes.len() == 32 {
                return Some((bytes, causes));
            }
        }
    }
    let hex = mac.len() == 64 && mac.bytes().all(|b| b.is_ascii_hexdigit());
    hex.then(|| {
        let bytes = (0..32).map(|i| u8::from_str_radix(&mac[2 * i..2 * i + 2], 16).unwrap_or_default()).collect();
        (bytes, vec![Cause::HexDigest])
    })
}

/// The verdict on `token` over the exact `body` under `secret`; `None` when the token is too
/// malformed to hold a MAC (its format violation says why).
pub fn diagnose(secret: &[u8], token: &str, body: &str) -> Option<FindingKind> {
    let (mac, encoding) = decode_mac(token)?;
    let matches = |secret: &[u8], signed: &str| sign::mac_matches(secret, signed.as_bytes(), &mac);
    if encoding.is_empty() && matches(secret, body) {
        return Some(FindingKind::SignatureMatches);
    }
    let with_encoding = |causes: Vec<Cause>| {
        let mut all = encoding.clone();
        all.extend(causes);
        FindingKind::SignatureReproduced { causes: all }
    };
    for (causes, signed) in candidates(body) {
        if matches(secret, &signed) {
            return Some(with_encoding(causes));
        }
    }
    if let Some(causes) = reordered_keys(body).find_map(|(causes, signed)| matches(secret, &signed).then_some(causes)) {
        return Some(with_encoding(causes));
    }
    let secret_with_newline = [secret, b"\n"].concat();
    if matches(&secret_with_newline, body) {
        return Some(with_encoding(vec![Cause::SecretTrailingNewline]));
    }
    Some(FindingKind::DifferentSecret)
}

/// Bodies a signer may have hashed instead of `body`, fewest mistakes first (the body as sent,
/// with no mistake, is included only when the MAC's encoding was the mistake).
fn candidates(body: &str) -> Vec<(Vec<Cause>, String)> {
    let mut out: Vec<(Vec<Cause>, String)> = vec![(vec![], body.to_string())];
    if let Ok(value) = crate::json::read(body) {
        let sorted = sort_keys(&value);
        let float = through_float(&value);
        let transforms = [
            (vec![], value.clone()),
            (vec![Cause::KeysSorted], sorted.clone()),
            (vec![Cause::NumbersThroughFloat], float),
            (vec![Cause::KeysSorted, Cause::NumbersThroughFloat], through_float(&sorted)),
        ];
        for (transform_causes, transformed) in transforms {
            for (form_cause, write) in FORMS {
                let mut causes = transform_causes.clone();
                // The form is a mistake only if it changes the body as sent.
                if write(&value) != body {
                    causes.push(form_cause.clone());
                }
                out.push((causes, write(&transformed)));
            }
        }
    }
    let mut with_newlines = Vec::new();
    for (causes, text) in out {
        if let Some(stripped) = text.strip_suffix("\r\n").or_else(|| text.strip_suffix('\n')) {
            with_newlines.push(([causes.clone(), vec![Cause::TrailingNewlineRemoved]].concat(), stripped.to_string()));
        }
        with_newlines.push(([causes.clone(), vec![Cause::TrailingNewlineAdded]].concat(), format!("{text}\n")));
        with_newlines.push((causes, text));
    }
    let mut seen = std::collections::HashSet::new();
    with_newlines.retain(|(_, text)| seen.insert(text.clone()));
    with_newlines.sort_by_key(|(causes, _)| causes.len());
    with_newlines
}

/// Writes a value as JSON text in one particular way.
type Write = fn(&Value) -> String;

/// One way of writing JSON text, and the mistake it is when it differs from the body sent.
type Form = (Cause, Write);

const FORMS: &[Form] = &[
    (Cause::Compacted, compact),
    (Cause::PrettyPrinted { indent: 2 }, |v| pretty(v, b"  ")),
    (Cause::PrettyPrinted { indent: 4 }, |v| pretty(v, b"    ")),
    (Cause::PythonSpacing, python),
];

/// The top-level keys in every other order (compact and 2-space), for small objects.
fn reordered_keys(body: &str) -> impl Iterator<Item = (Vec<Cause>, String)> {
    let object = match crate::json::read(body) {
        Ok(Value::Object(o)) if o.len() <= MAX_PERMUTED_KEYS => o,
        _ => Map::new(),
    };
    let keys: Vec<String> = object.keys().cloned().collect();
    let sent = Value::Object(object.clone());
    let forms: Vec<(Option<Cause>, Write)> =
        FORMS[..2].iter().map(|(cause, write)| ((write(&sent) != body).then(|| cause.clone()), *write)).collect();
    permutations(keys.len()).into_iter().skip(1).flat_map(move |order| {
        let mut reordered = Map::new();
        for &i in &order {
            reordered.insert(keys[i].clone(), object[&keys[i]].clone());
        }
        let signed_order: Vec<String> = order.iter().map(|&i| keys[i].clone()).collect();
        let value = Value::Object(reordered);
        forms
            .iter()
            .map(|(form_cause, write)| {
                let mut causes = vec![Cause::KeysReordered { signed_order: signed_order.clone() }];
                causes.extend(form_cause.clone());
                (causes, write(&value))
            })
            .collect::<Vec<_>>()
    })
}

/// Every order of `0..n`, the identity first (Heap's algorithm).
fn permutations(n: usize) -> Vec<Vec<usize>> {
    let mut items: Vec<usize> = (0..n).collect();
    let mut out = vec![items.clone()];
    let mut c = vec![0; n];
    let mut i = 0;
    while i < n {
        if c[i] < i {
            items.swap(if i % 2 == 0 { 0 } else { c[i] }, i);
            out.push(items.clone());
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    out
}

fn compact(value: &Value) -> String {
    value.to_string()
}

fn write_with<F: Formatter>(value: &Value, formatter: F) -> String {
    let mut out = Vec::new();
    let mut serializer = Serializer::with_formatter(&mut out, formatter);
    // Writing a Value to a Vec cannot fail, and serde_json writes UTF-8.
    let _ = value.serialize(&mut serializer);
    String::from_utf8(out).unwrap_or_default()
}

fn pretty(value: &Value, indent: &[u8]) -> String {
    write_with(value, PrettyFormatter::with_indent(indent))
}

fn python(value: &Value) -> String {
    write_with(value, PythonFormatter)
}

/// `{"a": 1, "b": [1, 2]}`: Python's `json.dumps` default separators.
struct PythonFormatter;

impl Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.begin_array_value(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }
}

/// Every object's keys in code-point order, recursively.
fn sort_keys(value: &Value) -> Value {
    match value {
        Value::Object(o) => {
            let mut entries: Vec<(&String, &Value)> = o.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k.clone(), sort_keys(v))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(sort_keys).collect()),
        other => other.clone(),
    }
}

/// Integers beyond 2^53 as a JavaScript number would print them after `JSON.parse`
/// (`1234567890123456789` → `1234567890123456800`). The one place a float is used on purpose:
/// to reproduce that mistake.
fn through_float(value: &Value) -> Value {
    match value {
        Value::Number(n) => {
            let text = n.to_string();
            let digits = text.strip_prefix('-').unwrap_or(&text);
            let integer = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
            let beyond = digits.len() > 16 || (digits.len() == 16 && digits > "9007199254740992");
            match text.parse::<f64>() {
                Ok(f) if integer && beyond && f.is_finite() => {
                    crate::json::read(&format!("{f}")).unwrap_or_else(|_| value.clone())
                }
                _ => value.clone(),
            }
        }
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), through_float(v))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(through_float).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"secret";
    const TIME: &str = "20241231235959123";
    const BODY: &str = r#"{"sequenceId":"S1","userId":1234567890123456789,"amount":10000}"#;

    fn verdict(signed: &str, sent: &str) -> FindingKind {
        diagnose(SECRET, &sign::tran_token(SECRET, TIME, signed.as_bytes()), sent).unwrap()
    }

    fn causes(kind: FindingKind) -> Vec<Cause> {
        match kind {
            FindingKind::SignatureReproduced { causes } => causes,
            other => panic!("not reproduced: {other:?}"),
        }
    }

    #[test]
    fn exact_body_matches() {
        assert_eq!(verdict(BODY, BODY), FindingKind::SignatureMatches);
    }

    #[test]
    fn each_serialisation_mistake_is_named() {
        let value = crate::json::read(BODY).unwrap();
        assert_eq!(causes(verdict(&pretty(&value, b"  "), BODY)), [Cause::PrettyPrinted { indent: 2 }]);
        assert_eq!(causes(verdict(BODY, &pretty(&value, b"    "))), [Cause::Compacted]);
        assert_eq!(causes(verdict(&python(&value), BODY)), [Cause::PythonSpacing]);
        assert_eq!(
            causes(verdict(r#"{"amount":10000,"sequenceId":"S1","userId":1234567890123456789}"#, BODY)),
            [Cause::KeysSorted]
        );
        assert_eq!(
            causes(verdict(r#"{"sequenceId":"S1","userId":1234567890123456800,"amount":10000}"#, BODY)),
            [Cause::NumbersThroughFloat]
        );
        assert_eq!(causes(verdict(&format!("{BODY}\n"), BODY)), [Cause::TrailingNewlineAdded]);
        assert_eq!(causes(verdict(BODY, &format!("{BODY}\n"))), [Cause::TrailingNewlineRemoved]);
        let reordered = causes(verdict(r#"{"userId":1234567890123456789,"sequenceId":"S1","amount":10000}"#, BODY));
        assert_eq!(
            reordered,
            [Cause::KeysReordered { signed_order: vec!["userId".into(), "sequenceId".into(), "amount".into()] }]
        );
    }

    #[test]
    fn two_mistakes_together_are_both_named() {
        let value = crate::json::read(BODY).unwrap();
        let signed = format!("{}\n", pretty(&value, b"  "));
        assert_eq!(causes(verdict(&signed, BODY)), [Cause::PrettyPrinted { indent: 2 }, Cause::TrailingNewlineAdded]);
    }

    #[test]
    fn encodings_and_secrets() {
        let mac = sign::mac_base64(SECRET, BODY.as_bytes());
        let url_safe = mac.replace('+', "-").replace('/', "_");
        let unpadded = mac.trim_end_matches('=');
        let token = |m: &str| format!("KMV1:{TIME}:{m}");
        assert_eq!(causes(diagnose(SECRET, &token(unpadded), BODY).unwrap()), [Cause::UnpaddedBase64]);
        if url_safe != mac {
            assert_eq!(causes(diagnose(SECRET, &token(&url_safe), BODY).unwrap())[0], Cause::UrlSafeBase64);
        }
        let raw = Base64::decode_vec(&mac).unwrap();
        let hex: String = raw.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(causes(diagnose(SECRET, &token(&hex), BODY).unwrap()), [Cause::HexDigest]);
        let with_newline = sign::tran_token(b"secret\n", TIME, BODY.as_bytes());
        assert_eq!(causes(diagnose(SECRET, &with_newline, BODY).unwrap()), [Cause::SecretTrailingNewline]);
        let other = sign::tran_token(b"another secret", TIME, BODY.as_bytes());
        assert_eq!(diagnose(SECRET, &other, BODY), Some(FindingKind::DifferentSecret));
        assert_eq!(diagnose(SECRET, "KMV1:short:x", BODY), None);
    }

    #[test]
    fn a_mac_with_unused_bits_set_is_not_a_mac() {
        // A MAC under another secret: `g` carries two unused bits, both zero; `h` sets one, which
        // no encoder writes. Not read as a MAC in any of the four encodings (as before).
        let canonical = "uLD+mU8mz9K95neGiSJTSsF3zzAQJglCggZAOSs5Fkg";
        let token = |m: &str| format!("KMV1:{TIME}:{m}");
        assert_eq!(diagnose(SECRET, &token(&format!("{canonical}=")), BODY), Some(FindingKind::DifferentSecret));
        assert_eq!(diagnose(SECRET, &token(canonical), BODY), Some(FindingKind::DifferentSecret));
        let set = canonical.replace("kg", "kh");
        assert_eq!(diagnose(SECRET, &token(&format!("{set}=")), BODY), None);
        assert_eq!(diagnose(SECRET, &token(&set), BODY), None);
        assert_eq!(diagnose(SECRET, &token(&set.replace('+', "-")), BODY), None);
    }

    #[test]
    fn through_float_rewrites_only_unsafe_integers() {
        let v = crate::json::read(r#"{"a":9007199254740993,"b":9007199254740992,"c":1.5,"d":-12345678901234567890}"#)
            .unwrap();
        assert_eq!(
            compact(&through_float(&v)),
            r#"{"a":9007199254740992,"b":9007199254740992,"c":1.5,"d":-12345678901234567000}"#
        );
    }

    #[test]
    fn permutations_are_all_distinct() {
        let p = permutations(4);
        assert_eq!(p.len(), 24);
        assert_eq!(p.iter().collect::<std::collections::HashSet<_>>().len(), 24);
        assert_eq!(p[0], [0, 1, 2, 3]);
    }
}
