//! Header rules: presence, repetition, and each X-KM header's format; optionally the signature.

use crate::catalog::{self, notes, Endpoint, HeaderFormat, HeaderSpec, Requirement, HEADERS};
use crate::json::{self, Node};
use crate::sign;
use crate::time::{self, TimeZone};
use crate::validate::body::doc_note;
use crate::violation::{quote, HeaderShape, Kind, Severity, Target, Violation};

/// A violation of the header `spec`; what it expects is the header's documented rule.
fn violation(spec: &HeaderSpec, kind: Kind, severity: Severity, got: String) -> Violation {
    Violation { target: Target::Header, ..Violation::in_body(spec.name, kind, severity, spec.rule.en, got) }
}

/// What may be quoted back of a header value: credentials are described, never echoed.
fn shown(spec: &HeaderSpec, value: &str) -> String {
    if spec.secret {
        crate::text::fill("({0} characters, not shown)", &[&crate::text::decimal(value.chars().count())])
    } else {
        quote(value)
    }
}

/// All header violations. `secret_key`, when given, is used to verify the tran-token over `body`.
pub fn validate_headers<H: AsRef<str>, V: AsRef<str>>(
    endpoint: &Endpoint,
    headers: &[(H, V)],
    body: &str,
    secret_key: Option<&[u8]>,
) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut values: [Option<&str>; 7] = [None; 7];
    for (name, value) in headers {
        let (name, value) = (name.as_ref(), value.as_ref());
        let Some(i) = HEADERS.iter().position(|h| h.name.eq_ignore_ascii_case(name)) else {
            if name.get(..5).is_some_and(|prefix| prefix.eq_ignore_ascii_case("x-km-")) {
                let expected = "one of the seven documented X-KM headers";
                let v = Violation::in_body(name, Kind::UnknownHeader, Severity::Warning, expected, quote(name));
                out.push(Violation { target: Target::Header, ..v });
            }
            continue;
        };
        let spec = &HEADERS[i];
        if values[i].is_some() {
            out.push(violation(spec, Kind::RepeatedHeader, Severity::Error, "given more than once".into()));
        } else {
            values[i] = Some(value);
        }
    }
    let get = |name: &str| HEADERS.iter().position(|h| h.name == name).and_then(|i| values[i]);
    let body_is_encrypted = endpoint.encrypted
        && matches!(json::read_node(body), Ok(ref root @ Node::Object(_)) if root.get("encData").is_some());
    let zone = get(catalog::TIME_ZONE).and_then(TimeZone::from_code).unwrap_or(TimeZone::Utc);
    // The token is split and its MAC decoded once, for its format, its time and its signature.
    let token = get(catalog::TRAN_TOKEN).map(sign::parse_tran_token);

    for (spec, value) in HEADERS.iter().zip(values) {
        let Some(value) = value else {
            let needed = match spec.requirement {
                Requirement::Required | Requirement::Conditional => true,
                Requirement::Optional => body_is_encrypted,
            };
            if needed {
                let kind = Kind::Required { bounds: spec.rule.owned() };
                out.push(violation(spec, kind, Severity::Error, "missing".into()));
            }
            continue;
        };
        check_format(spec, value, zone, token.as_ref(), &mut out);
    }

    if let (Some(text), Some(token)) = (get(catalog::TRAN_TOKEN), &token) {
        if let Ok(parsed) = token {
            check_token_against_time(parsed, get(catalog::TRAN_TIME), &mut out);
            if secret_key.is_some_and(|secret| !sign::mac_matches(secret, body.as_bytes(), &parsed.mac)) {
                let spec = catalog::header(catalog::TRAN_TOKEN).expect("in catalog");
                out.push(violation(spec, Kind::Signature, Severity::Error, shown(spec, text)));
            }
        }
        out.push(doc_note(Target::Header, catalog::TRAN_TOKEN, &notes::TRAN_TOKEN_LENGTH));
    }
    out
}

/// Visible ASCII only: what HTTP header values carry safely, and what every X-KM value uses.
fn visible_ascii(value: &str) -> bool {
    value.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// `token`: the X-KM-Tran-Token as [`sign::parse_tran_token`] read it (the one `value` is, for
/// that header).
fn check_format(
    spec: &HeaderSpec,
    value: &str,
    zone: TimeZone,
    token: Option<&Result<sign::ParsedToken<'_>, sign::TokenError>>,
    out: &mut Vec<Violation>,
) {
    let length_rule = |exact: usize| {
        let found = value.chars().count();
        (found != exact)
            .then(|| violation(spec, Kind::Length { exact, found, value: None }, Severity::Error, shown(spec, value)))
    };
    let format_error = |shape: HeaderShape| {
        let kind = Kind::HeaderFormat { shape, shown: shown(spec, value) };
        violation(spec, kind, Severity::Error, shown(spec, value))
    };
    let date_error =
        |digits: &str| violation(spec, Kind::DateTime { digits: digits.into() }, Severity::Error, quote(value));
    match spec.format {
        HeaderFormat::AspId | HeaderFormat::AccessKey | HeaderFormat::CryptoKeyId => {
            if let Some(v) = length_rule(spec.documented_length) {
                out.push(v);
            } else if !visible_ascii(value) {
                out.push(format_error(HeaderShape::VisibleAscii));
            }
        }
        HeaderFormat::CorrelationId => {
            let b = value.as_bytes();
            let shape = b.len() == 20
                && b[..12].iter().all(u8::is_ascii_digit)
                && b[12] == b'-'
                && b[13..].iter().all(u8::is_ascii_hexdigit);
            if !shape {
                out.push(format_error(HeaderShape::CorrelationId));
            } else if time::parse_digits(&value[..12], zone).is_none() {
                out.push(date_error(&value[..12]));
            }
        }
        HeaderFormat::TranTime => {
            if value.len() != 14 || !value.bytes().all(|b| b.is_ascii_digit()) {
                out.push(format_error(HeaderShape::TranTime));
            } else if time::parse_digits(value, zone).is_none() {
                out.push(date_error(value));
            }
        }
        HeaderFormat::TimeZone => {
            if value.len() != 3 || !value.bytes().all(|b| b.is_ascii_uppercase()) {
                out.push(format_error(HeaderShape::TimeZone));
            } else if TimeZone::from_code(value).is_none() {
                let kind = Kind::UnknownTimeZone { zone: value.into() };
                out.push(violation(spec, kind, Severity::Warning, quote(value)));
            }
        }
        HeaderFormat::TranToken => match token {
            Some(Err(e)) => out.push(format_error(HeaderShape::TranToken(e.explain()))),
            Some(Ok(parsed)) if time::parse_digits(parsed.time, zone).is_none() => out.push(date_error(parsed.time)),
            _ => {}
        },
    }
}

/// The token's time and X-KM-Tran-Time should name the same instant (to the second).
fn check_token_against_time(parsed: &sign::ParsedToken<'_>, tran_time: Option<&str>, out: &mut Vec<Violation>) {
    let Some(tran_time) = tran_time else {
        return;
    };
    if tran_time.len() == 14 && parsed.time[..14] != *tran_time {
        let spec = catalog::header(catalog::TRAN_TOKEN).expect("in catalog");
        let kind = Kind::TokenTime { token_time: parsed.time.into(), tran_time: tran_time.into() };
        out.push(violation(spec, kind, Severity::Warning, parsed.time.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::CHARGE_ENDPOINT;
    use crate::text::Lang;
    use crate::violation::Rule;

    const BODY: &str = r#"{"a":1}"#;
    const SECRET: &[u8] = b"secret";

    fn good() -> Vec<(String, String)> {
        let token = sign::tran_token(SECRET, "20241231235959123", BODY.as_bytes());
        [
            ("X-KM-User-AspId", "KPSANDBOX000001"),
            ("X-KM-Correlation-Id", "241231235959-0a1b2c3"),
            ("X-KM-Access-Key", "kp_sandbox_access_key_000000000000000000"),
            ("X-KM-Tran-Token", token.as_str()),
            ("X-KM-Tran-Time", "20241231235959"),
            ("X-KM-Time-Zone", "KST"),
        ]
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
    }

    fn replaced(name: &str, value: &str) -> Vec<(String, String)> {
        good().into_iter().map(|(n, v)| if n == name { (n, value.to_string()) } else { (n, v) }).collect()
    }

    fn errors(headers: &[(String, String)]) -> Vec<(String, Rule)> {
        validate_headers(&CHARGE_ENDPOINT, headers, BODY, Some(SECRET))
            .into_iter()
            .filter(|v| v.severity != Severity::Note)
            .map(|v| (v.location.clone(), v.rule()))
            .collect()
    }

    #[test]
    fn good_headers_pass_with_only_the_length_note() {
        let all = validate_headers(&CHARGE_ENDPOINT, &good(), BODY, Some(SECRET));
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].rule(), all[0].severity), (Rule::DocConflict, Severity::Note));
        assert!(all[0].message(Lang::En).contains("66") && all[0].message(Lang::En).contains("67"));
    }

    #[test]
    fn header_rules_table() {
        let mac = sign::mac_base64(SECRET, BODY.as_bytes());
        let table: Vec<(&str, String, Rule)> = vec![
            ("X-KM-User-AspId", "SHORT".into(), Rule::Length),
            ("X-KM-User-AspId", "KPSANDBOX 00001".into(), Rule::Format),
            ("X-KM-Correlation-Id", "241231235959_0a1b2c3".into(), Rule::Format),
            ("X-KM-Correlation-Id", "241231235959-0a1b2cg".into(), Rule::Format),
            ("X-KM-Correlation-Id", "241331235959-0a1b2c3".into(), Rule::Date),
            ("X-KM-Access-Key", "short".into(), Rule::Length),
            ("X-KM-Tran-Time", "2024123123595".into(), Rule::Format),
            ("X-KM-Tran-Time", "20231340256199".into(), Rule::Date),
            ("X-KM-Time-Zone", "kst".into(), Rule::Format),
            ("X-KM-Time-Zone", "Asia/Seoul".into(), Rule::Format),
            ("X-KM-Tran-Token", format!("KMV1:20241231235959123:{}", mac.trim_end_matches('=')), Rule::Format),
            ("X-KM-Tran-Token", format!("KMV1:20241331235959123:{mac}"), Rule::Date),
            (
                "X-KM-Tran-Token",
                format!("KMV1:20241231235959123:{}", sign::mac_base64(b"other", BODY.as_bytes())),
                Rule::Signature,
            ),
        ];
        for (name, value, rule) in table {
            let got = errors(&replaced(name, &value));
            assert!(got.contains(&(name.to_string(), rule)), "{name}={value}: {got:?}");
        }
    }

    #[test]
    fn unknown_zone_is_a_warning() {
        let v = validate_headers(&CHARGE_ENDPOINT, &replaced("X-KM-Time-Zone", "JST"), BODY, None);
        assert!(v.iter().any(|v| v.rule() == Rule::TimeZone && v.severity == Severity::Warning));
    }

    #[test]
    fn missing_repeated_and_unknown_headers() {
        let mut h = good();
        h.retain(|(n, _)| n != "X-KM-Tran-Time");
        h.push(("x-km-user-aspid".into(), "KPSANDBOX000001".into()));
        h.push(("X-KM-Tran-Tokn".into(), "x".into()));
        let got = errors(&h);
        assert!(got.contains(&("X-KM-Tran-Time".into(), Rule::Required)));
        assert!(got.contains(&("X-KM-User-AspId".into(), Rule::RepeatedHeader)));
        assert!(got.contains(&("X-KM-Tran-Tokn".into(), Rule::UnknownHeader)));
    }

    #[test]
    fn multi_byte_header_names_do_not_panic() {
        // Found by the property test: byte 5 fell inside a multi-byte character.
        let h = [("X-KM\u{e9}x", "v"), ("\u{1f600}\u{1f600}", "v"), ("X-KM-", "v")];
        let v = validate_headers(&CHARGE_ENDPOINT, &h, BODY, None);
        assert!(v.iter().any(|v| v.rule() == Rule::Required));
    }

    #[test]
    fn lower_case_header_names_are_accepted() {
        let lower: Vec<(String, String)> = good().into_iter().map(|(n, v)| (n.to_ascii_lowercase(), v)).collect();
        assert_eq!(errors(&lower), []);
    }

    #[test]
    fn token_time_differing_from_tran_time_is_a_warning() {
        let v = validate_headers(&CHARGE_ENDPOINT, &replaced("X-KM-Tran-Time", "20241231235958"), BODY, None);
        assert!(v.iter().any(|v| v.rule() == Rule::TokenTime && v.severity == Severity::Warning));
    }

    #[test]
    fn the_access_key_is_never_quoted_back() {
        let key = "wrong-access-key-that-is-secret";
        for v in validate_headers(&CHARGE_ENDPOINT, &replaced("X-KM-Access-Key", key), BODY, None) {
            let text = format!("{v:?}");
            assert!(!text.contains(key), "{text}");
        }
    }
}
