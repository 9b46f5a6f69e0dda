//! Header rules: presence, repetition, and each X-KM header's format; optionally the signature.

use crate::catalog::{self, notes, Endpoint, HeaderFormat, HeaderSpec, Requirement, HEADERS};
use crate::json::{self, Value};
use crate::sign;
use crate::time::{self, TimeZone};
use crate::validate::body::doc_note;
use crate::violation::{quote, Message, Rule, Severity, Target, Violation};

fn violation(spec: &HeaderSpec, rule: Rule, severity: Severity, got: String, en: String, ko: String) -> Violation {
    Violation {
        target: Target::Header,
        location: spec.name.to_string(),
        rule,
        severity,
        expected: spec.rule.en.to_string(),
        got,
        message: Message { en, ko },
        line: None,
        column: None,
    }
}

/// What may be quoted back of a header value: credentials are described, never echoed.
fn shown(spec: &HeaderSpec, value: &str) -> String {
    if spec.secret {
        format!("({} characters, not shown)", value.chars().count())
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
                out.push(Violation {
                    target: Target::Header,
                    location: name.to_string(),
                    rule: Rule::UnknownHeader,
                    severity: Severity::Warning,
                    expected: "one of the seven documented X-KM headers".into(),
                    got: quote(name),
                    message: Message {
                        en: format!("{name} is not a documented X-KM header; check its spelling."),
                        ko: format!("{name}: 문서화된 X-KM 헤더가 아닙니다. 철자를 확인하세요."),
                    },
                    line: None,
                    column: None,
                });
            }
            continue;
        };
        let spec = &HEADERS[i];
        if values[i].is_some() {
            out.push(violation(
                spec,
                Rule::RepeatedHeader,
                Severity::Error,
                "given more than once".into(),
                format!("{} is given more than once; send it exactly once.", spec.name),
                format!("{}: 두 번 이상 보냈습니다. 한 번만 보내야 합니다.", spec.name),
            ));
        } else {
            values[i] = Some(value);
        }
    }
    let get = |name: &str| HEADERS.iter().position(|h| h.name == name).and_then(|i| values[i]);
    let body_is_encrypted =
        endpoint.encrypted && matches!(json::parse(body), Ok(Value::Object(ref o)) if o.contains_key("encData"));
    let zone = get(catalog::TIME_ZONE).and_then(TimeZone::from_code).unwrap_or(TimeZone::Utc);

    for (spec, value) in HEADERS.iter().zip(values) {
        let Some(value) = value else {
            let needed = match spec.requirement {
                Requirement::Required | Requirement::Conditional => true,
                Requirement::Optional => body_is_encrypted,
            };
            if needed {
                out.push(violation(
                    spec,
                    Rule::Required,
                    Severity::Error,
                    "missing".into(),
                    format!("{} is required ({}).", spec.name, spec.rule.en),
                    format!("{}: 필수 헤더입니다({}).", spec.name, spec.rule.ko),
                ));
            }
            continue;
        };
        check_format(spec, value, zone, &mut out);
    }

    if let Some(token) = get(catalog::TRAN_TOKEN) {
        check_token_against_time(token, get(catalog::TRAN_TIME), &mut out);
        if let (Some(secret), Ok(_)) = (secret_key, sign::parse_tran_token(token)) {
            if sign::verify_tran_token(secret, token, body.as_bytes()).is_err() {
                let spec = catalog::header(catalog::TRAN_TOKEN).expect("in catalog");
                out.push(violation(
                    spec,
                    Rule::Signature,
                    Severity::Error,
                    shown(spec, token),
                    "X-KM-Tran-Token does not match HMAC-SHA256 of the body under the secret key: the body changed after signing, or the secret differs.".into(),
                    "X-KM-Tran-Token이 secret key로 계산한 본문의 HMAC-SHA256과 일치하지 않습니다. 서명 후 본문이 바뀌었거나 secret이 다릅니다.".into(),
                ));
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

fn check_format(spec: &HeaderSpec, value: &str, zone: TimeZone, out: &mut Vec<Violation>) {
    let name = spec.name;
    let length_rule = |len: usize| {
        let got = value.chars().count();
        (got != len).then(|| {
            violation(
                spec,
                Rule::Length,
                Severity::Error,
                shown(spec, value),
                format!("{name} must be exactly {len} characters (got {got})."),
                format!("{name}: 정확히 {len}자여야 합니다(입력 {got}자)."),
            )
        })
    };
    let format_error = |en: &str, ko: &str| {
        violation(
            spec,
            Rule::Format,
            Severity::Error,
            shown(spec, value),
            format!("{name}: {en} (got {}).", shown(spec, value)),
            format!("{name}: {ko}(입력: {}).", shown(spec, value)),
        )
    };
    let date_error = |digits: &str| {
        violation(
            spec,
            Rule::Date,
            Severity::Error,
            quote(value),
            format!("{name}: {digits} is not a real date and time."),
            format!("{name}: {digits}는 존재하지 않는 일시입니다."),
        )
    };
    match spec.format {
        HeaderFormat::AspId | HeaderFormat::AccessKey | HeaderFormat::CryptoKeyId => {
            if let Some(v) = length_rule(spec.documented_length) {
                out.push(v);
            } else if !visible_ascii(value) {
                out.push(format_error(
                    "must be visible ASCII characters without spaces",
                    "공백 없는 ASCII 문자여야 합니다",
                ));
            }
        }
        HeaderFormat::CorrelationId => {
            let b = value.as_bytes();
            let shape = b.len() == 20
                && b[..12].iter().all(u8::is_ascii_digit)
                && b[12] == b'-'
                && b[13..].iter().all(u8::is_ascii_hexdigit);
            if !shape {
                out.push(format_error(
                    "must be yyMMddHHmmss-xxxxxxx: 12 digits, '-', 7 hex digits",
                    "yyMMddHHmmss-xxxxxxx 형식(숫자 12자리, '-', 16진수 7자리)이어야 합니다",
                ));
            } else if time::parse_digits(&value[..12], zone).is_none() {
                out.push(date_error(&value[..12]));
            }
        }
        HeaderFormat::TranTime => {
            if value.len() != 14 || !value.bytes().all(|b| b.is_ascii_digit()) {
                out.push(format_error("must be 14 digits, yyyyMMddHHmmss", "14자리 숫자 yyyyMMddHHmmss여야 합니다"));
            } else if time::parse_digits(value, zone).is_none() {
                out.push(date_error(value));
            }
        }
        HeaderFormat::TimeZone => {
            if value.len() != 3 || !value.bytes().all(|b| b.is_ascii_uppercase()) {
                out.push(format_error(
                    "must be 3 upper-case letters such as UTC or KST",
                    "UTC, KST 같은 영문 대문자 3자여야 합니다",
                ));
            } else if TimeZone::from_code(value).is_none() {
                out.push(violation(
                    spec,
                    Rule::TimeZone,
                    Severity::Warning,
                    quote(value),
                    format!("{name}: konaplate knows UTC and KST; check that the server accepts {value}."),
                    format!("{name}: konaplate는 UTC와 KST만 압니다. 서버가 {value}를 받는지 확인하세요."),
                ));
            }
        }
        HeaderFormat::TranToken => match sign::parse_tran_token(value) {
            Err(e) => {
                let (en, ko) = e.explain();
                out.push(format_error(en, ko));
            }
            Ok(parsed) => {
                if time::parse_digits(parsed.time, zone).is_none() {
                    out.push(date_error(parsed.time));
                }
            }
        },
    }
}

/// The token's time and X-KM-Tran-Time should name the same instant (to the second).
fn check_token_against_time(token: &str, tran_time: Option<&str>, out: &mut Vec<Violation>) {
    let (Ok(parsed), Some(tran_time)) = (sign::parse_tran_token(token), tran_time) else {
        return;
    };
    if tran_time.len() == 14 && parsed.time[..14] != *tran_time {
        let spec = catalog::header(catalog::TRAN_TOKEN).expect("in catalog");
        out.push(violation(
            spec,
            Rule::TokenTime,
            Severity::Warning,
            parsed.time.to_string(),
            format!(
                "The tran-token's time {} and X-KM-Tran-Time {tran_time} are not the same instant; sign and send with one clock reading.",
                parsed.time
            ),
            format!(
                "tran-token 시각 {}과 X-KM-Tran-Time {tran_time}이 같은 시점이 아닙니다. 한 번 읽은 시각으로 서명하고 보내세요.",
                parsed.time
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::CHARGE_ENDPOINT;

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
            .map(|v| (v.location, v.rule))
            .collect()
    }

    #[test]
    fn good_headers_pass_with_only_the_length_note() {
        let all = validate_headers(&CHARGE_ENDPOINT, &good(), BODY, Some(SECRET));
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].rule, all[0].severity), (Rule::DocConflict, Severity::Note));
        assert!(all[0].message.en.contains("66") && all[0].message.en.contains("67"));
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
        assert!(v.iter().any(|v| v.rule == Rule::TimeZone && v.severity == Severity::Warning));
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
        assert!(v.iter().any(|v| v.rule == Rule::Required));
    }

    #[test]
    fn lower_case_header_names_are_accepted() {
        let lower: Vec<(String, String)> = good().into_iter().map(|(n, v)| (n.to_ascii_lowercase(), v)).collect();
        assert_eq!(errors(&lower), []);
    }

    #[test]
    fn token_time_differing_from_tran_time_is_a_warning() {
        let v = validate_headers(&CHARGE_ENDPOINT, &replaced("X-KM-Tran-Time", "20241231235958"), BODY, None);
        assert!(v.iter().any(|v| v.rule == Rule::TokenTime && v.severity == Severity::Warning));
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
