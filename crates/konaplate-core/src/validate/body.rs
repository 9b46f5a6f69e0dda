//! Body rules: JSON syntax, duplicate keys, each catalog field's type and bounds, unknown fields.

use super::characters;
use crate::catalog::{notes, DocNote, Endpoint, Field, FieldType};
use crate::json::{self, Value};
use crate::jwe;
use crate::number::{self, Bound};
use crate::violation::{quote, Message, Rule, Severity, Target, Violation};

/// A documentation note about a body field or endpoint, as a `Note` violation.
pub(crate) fn doc_note(target: Target, location: &str, note: &DocNote) -> Violation {
    Violation {
        target,
        location: location.to_string(),
        rule: Rule::DocConflict,
        severity: Severity::Note,
        expected: String::new(),
        got: String::new(),
        message: Message { en: note.text.en.to_string(), ko: note.text.ko.to_string() },
        line: None,
        column: None,
    }
}

/// The violation for a body whose bytes are not UTF-8 (JSON text must be), `valid_up_to`
/// being where the first invalid byte is (as [`std::str::Utf8Error::valid_up_to`] says).
pub fn not_utf8(valid_up_to: usize) -> Violation {
    Violation::in_body(
        "$",
        Rule::JsonSyntax,
        Severity::Error,
        "UTF-8 text",
        format!("invalid UTF-8 at byte {valid_up_to}"),
        format!("The body is not UTF-8 text: the byte at offset {valid_up_to} is not valid UTF-8, and JSON must be UTF-8."),
        format!("본문이 UTF-8 텍스트가 아닙니다. {valid_up_to}번째 바이트(0부터)가 올바른 UTF-8이 아니며, JSON은 UTF-8이어야 합니다."),
    )
}

/// All body violations of `body` for `endpoint`.
pub fn validate_body(endpoint: &Endpoint, body: &str) -> Vec<Violation> {
    validate_body_value(endpoint, body).0
}

/// The violations and, when the text is JSON, its parsed value, so a caller that goes on to
/// read the fields (the sandbox) parses the body once.
pub fn validate_body_value(endpoint: &Endpoint, body: &str) -> (Vec<Violation>, Option<Value>) {
    let mut out = Vec::new();
    let root = match json::parse(body) {
        Ok(root) => root,
        Err(e) => {
            out.push(e.violation("The body is not valid JSON", "본문이 올바른 JSON이 아닙니다"));
            return (out, None);
        }
    };
    for path in json::duplicate_keys_of(body, &root) {
        out.push(Violation::in_body(
            path.clone(),
            Rule::DuplicateKey,
            Severity::Error,
            "each key once",
            "repeated".into(),
            format!("{path}: the key appears more than once; servers disagree on which value wins, and the signature covers both."),
            format!("{path}: 같은 키가 두 번 이상 나옵니다. 서버마다 어느 값을 쓰는지 다르며, 서명은 둘 다 포함합니다."),
        ));
    }
    let Value::Object(object) = &root else {
        let (en, ko) = json::type_name(&root);
        out.push(Violation::in_body(
            "$",
            Rule::Type,
            Severity::Error,
            "object",
            en.into(),
            format!("The body must be a JSON object (got {en})."),
            format!("본문은 JSON 객체여야 합니다(입력: {ko})."),
        ));
        return (out, Some(root));
    };
    if endpoint.encrypted {
        if let Some(enc) = object.get("encData") {
            check_enc_data(object, enc, &mut out);
            return (out, Some(root));
        }
        out.push(Violation { rule: Rule::Encryption, ..doc_note(Target::Body, "$", &notes::ENCRYPTION_PLAIN_BODY) });
    }
    check_object("$", endpoint.request, false, object, (endpoint.name.en, endpoint.name.ko), &mut out);
    (out, Some(root))
}

/// The fields of one object (the body, or a nested object at `path`), then its unknown keys:
/// a warning, or an error when the document closes the object (`additionalProperties: false`).
fn check_object(
    path: &str,
    fields: &[Field],
    closed: bool,
    object: &serde_json::Map<String, Value>,
    (owner_en, owner_ko): (&str, &str),
    out: &mut Vec<Violation>,
) {
    for field in fields {
        check_field(path, field, object.get(field.name), out);
    }
    for key in object.keys() {
        if fields.iter().all(|f| f.name != key) {
            let path = json::child_path(path, key);
            let (severity, en, ko) = if closed {
                (Severity::Error, "the server refuses it", "서버가 거부합니다")
            } else {
                (Severity::Warning, "the server may reject or ignore it", "서버가 거부하거나 무시할 수 있습니다")
            };
            out.push(Violation::in_body(
                path.clone(),
                Rule::UnknownField,
                severity,
                "a documented field",
                quote(key),
                format!("{path}: not a documented field of {owner_en}; {en}."),
                format!("{path}: {owner_ko}에 문서화되지 않은 필드입니다. {ko}."),
            ));
        }
    }
}

/// One field of the object at `parent`.
fn check_field(parent: &str, field: &Field, value: Option<&Value>, out: &mut Vec<Violation>) {
    let path = json::child_path(parent, field.name);
    let value = match value {
        // An explicit null on an optional field means "absent", as Java/Jackson servers read it.
        None | Some(Value::Null) if !field.required => return,
        None => {
            let name = display_name(&path).to_string();
            out.push(Violation::in_body(
                path,
                Rule::Required,
                Severity::Error,
                field.bounds(),
                "missing".into(),
                format!("{name} is required ({}).", field.bounds()),
                format!("{name}: 필수 필드입니다({}).", field.bounds_ko()),
            ));
            return;
        }
        Some(v) => v,
    };
    check_value(&path, field, value, out);
}

/// How messages name the value at `path`: the field name at the top level (`userId`), the path
/// below it (`order.items[0].sku`).
fn display_name(path: &str) -> &str {
    path.strip_prefix("$.").unwrap_or(path)
}

/// A present value against its field's type and bounds.
fn check_value(path: &str, field: &Field, value: &Value, out: &mut Vec<Violation>) {
    let path = path.to_string();
    let name = display_name(&path);
    let type_error = |expected_en: &str, expected_ko: &str| {
        let (got_en, got_ko) = json::type_name(value);
        Violation::in_body(
            path.clone(),
            Rule::Type,
            Severity::Error,
            expected_en,
            got_en.into(),
            format!("{name} must be a {expected_en} (got {got_en})."),
            format!("{name}: {expected_ko} 합니다(입력: {got_ko})."),
        )
    };
    match (field.ty, value) {
        (FieldType::String { min_len, max_len, allowed, format }, Value::String(s)) => {
            check_string(&path, name, s, min_len, max_len, allowed, out);
            if let Some(format) = format.filter(|f| !f.accepts(s)) {
                out.push(Violation::in_body(
                    path.clone(),
                    Rule::Date,
                    Severity::Error,
                    format!("a real date as {}", format.name()),
                    quote(s),
                    format!("{name} must be a real date written {} (got {}).", format.name(), quote(s)),
                    format!("{name}: {} 형식의 실제 날짜여야 합니다(입력: {}).", format.name(), quote(s)),
                ));
            }
        }
        (FieldType::String { .. }, _) => out.push(type_error("string", "문자열이어야")),
        (FieldType::Integer { min, max }, Value::Number(n)) => {
            check_integer(&path, name, &json::number_text(n), min, max, out)
        }
        (FieldType::Integer { .. }, _) => {
            let mut v = type_error("number", "숫자여야");
            if let Value::String(s) = value {
                if number::ExactInteger::parse(s).is_some() {
                    v.message
                        .en
                        .push_str(" Write the digits without quotes: JSON numbers keep all 19 digits in konaplate.");
                    v.message.ko.push_str(" 따옴표 없이 숫자로 쓰세요. konaplate는 19자리 숫자도 그대로 유지합니다.");
                }
            }
            out.push(v)
        }
        (FieldType::Boolean, Value::Bool(_)) => {}
        (FieldType::Boolean, _) => out.push(type_error("boolean", "불리언이어야")),
        (FieldType::Number, Value::Number(_)) => {}
        (FieldType::Number, _) => out.push(type_error("number", "숫자여야")),
        (FieldType::Object { fields, closed }, Value::Object(object)) => {
            let owner = (name, name);
            check_object(&path, fields, closed, object, owner, out)
        }
        (FieldType::Object { .. }, _) => out.push(type_error("object", "객체여야")),
        (FieldType::Array { items, min_items, max_items }, Value::Array(elements)) => {
            let count = elements.len();
            let bound = if count < min_items {
                Some((Rule::MinItems, format!("at least {min_items} items"), format!("항목 {min_items}개 이상이어야")))
            } else if count > max_items {
                Some((Rule::MaxItems, format!("at most {max_items} items"), format!("항목 {max_items}개 이하여야")))
            } else {
                None
            };
            if let Some((rule, en, ko)) = bound {
                out.push(Violation::in_body(
                    path.clone(),
                    rule,
                    Severity::Error,
                    en.clone(),
                    format!("{count} items"),
                    format!("{name} must have {en} (got {count})."),
                    format!("{name}: {ko} 합니다(입력 {count}개)."),
                ));
            }
            for (i, element) in elements.iter().enumerate() {
                match element {
                    Value::Null => {}
                    _ => check_value(&format!("{path}[{i}]"), items, element, out),
                }
            }
        }
        (FieldType::Array { .. }, _) => out.push(type_error("array", "배열이어야")),
    }
}

fn check_string(
    path: &str,
    name: &str,
    s: &str,
    min_len: usize,
    max_len: usize,
    allowed: &[&str],
    out: &mut Vec<Violation>,
) {
    let len = s.chars().count();
    if !allowed.is_empty() {
        if !allowed.contains(&s) {
            let list = allowed.join(", ");
            out.push(Violation::in_body(
                path,
                Rule::Enum,
                Severity::Error,
                format!("one of {list}"),
                quote(s),
                format!("{name} must be one of {list} (got {}).", quote(s)),
                format!("{name}: {list} 중 하나여야 합니다(입력: {}).", quote(s)),
            ));
        }
        return;
    }
    if let Some((position, c, kind)) = characters::first_refused(s) {
        let (kind_en, kind_ko) = kind.name();
        let code_point = format!("U+{:04X}", c as u32);
        out.push(Violation::in_body(
            path,
            Rule::ForbiddenCharacter,
            Severity::Error,
            "no control, bidirectional-control or invisible characters",
            format!("{code_point} at character {position}"),
            format!(
                "{name} contains {code_point}, {kind_en}, at character {position} (got {}): ids must not contain control, bidirectional-control or zero-width characters, which are invisible and make different ids look alike.",
                quote(s)
            ),
            format!(
                "{name}의 {position}번째 문자가 {code_point}({kind_ko})입니다(입력: {}). id에는 제어 문자, 텍스트 방향 제어 문자, 폭 없는 문자를 쓸 수 없습니다. 보이지 않아 서로 다른 id가 같아 보입니다.",
                quote(s)
            ),
        ));
    }
    let (rule, en, ko) = if min_len == max_len && len != min_len {
        (Rule::Length, format!("exactly {min_len} characters"), format!("정확히 {min_len}자여야"))
    } else if len < min_len {
        (Rule::MinLength, format!("at least {min_len} characters"), format!("{min_len}자 이상이어야"))
    } else if len > max_len {
        (Rule::MaxLength, format!("at most {max_len} characters"), format!("{max_len}자 이하여야"))
    } else {
        return;
    };
    out.push(Violation::in_body(
        path,
        rule,
        Severity::Error,
        en.clone(),
        format!("{len} characters"),
        format!("{name} must be {en} (got {len}: {}).", quote(s)),
        format!("{name}: {ko} 합니다(입력 {len}자: {}).", quote(s)),
    ));
}

fn check_integer(path: &str, name: &str, text: &str, min: Option<&str>, max: Option<&str>, out: &mut Vec<Violation>) {
    let bound = number::check(text, min, max);
    // A bound is only ever crossed when the catalog gives it, so the texts below name it.
    let (min, max) = (min.unwrap_or_default(), max.unwrap_or_default());
    let (rule, expected, en, ko) = match bound {
        Bound::InRange => return,
        Bound::NotInteger => (
            Rule::Integer,
            "an integer without fraction or exponent".to_string(),
            format!("{name} must be an integer written without fraction or exponent (got {text})."),
            format!("{name}: 소수점이나 지수 없이 정수로 써야 합니다(입력: {text})."),
        ),
        Bound::BelowMinimum => (
            Rule::Minimum,
            format!(">= {min}"),
            format!("{name} must be at least {min} (got {text})."),
            format!("{name}: {min} 이상이어야 합니다(입력: {text})."),
        ),
        Bound::AboveMaximum => (
            Rule::Maximum,
            format!("<= {max}"),
            format!("{name} must be at most {max} (got {text})."),
            format!("{name}: {max} 이하여야 합니다(입력: {text})."),
        ),
    };
    out.push(Violation::in_body(path, rule, Severity::Error, expected, text.to_string(), en, ko));
}

/// `encData` must be a JWE compact serialisation: five Base64url parts joined by dots.
/// `encData` must be a compact JWE whose structure and header we can read (no key is needed
/// for that), and the only member of the body.
fn check_enc_data(object: &serde_json::Map<String, Value>, enc: &Value, out: &mut Vec<Violation>) {
    let expected = "JWE compact serialisation (5 Base64url parts, alg RSA-OAEP-256, enc A128GCM or A256GCM)";
    match enc {
        Value::String(s) => {
            if let Err(e) = jwe::parse(s) {
                let (en, ko) = e.explain();
                out.push(Violation::in_body(
                    "$.encData",
                    Rule::Encryption,
                    Severity::Error,
                    expected,
                    e.kind().into(),
                    format!("encData must be a JWE compact serialisation: {en}."),
                    format!("encData는 JWE compact 직렬화여야 합니다: {ko}."),
                ));
            }
        }
        other => out.push(Violation::in_body(
            "$.encData",
            Rule::Encryption,
            Severity::Error,
            expected,
            json::type_name(other).0.into(),
            "encData must be a string: the JWE compact serialisation.".into(),
            "encData는 문자열(JWE compact 직렬화)이어야 합니다.".into(),
        )),
    }
    for key in object.keys().filter(|k| *k != jwe::ENC_DATA) {
        let path = json::child_path("$", key);
        out.push(Violation::in_body(
            path.clone(),
            Rule::Encryption,
            Severity::Error,
            "only encData",
            quote(key),
            format!("{path}: an encrypted body has only encData; put this field inside the encrypted JSON."),
            format!("{path}: 암호화된 본문에는 encData만 있어야 합니다. 이 필드는 암호화할 JSON 안에 넣으세요."),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CHARGE_ENDPOINT, ONE_TIME_TOKEN_ENDPOINT, SCENARIOS};

    const GOOD: &str = r#"{"sequenceId":"S1","userId":9999999999999999999,"amount":10000,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}"#;

    fn rules(body: &str) -> Vec<(String, Rule)> {
        validate_body(&CHARGE_ENDPOINT, body).into_iter().map(|v| (v.location, v.rule)).collect()
    }

    fn with(field: &str, raw: &str) -> String {
        let mut v: serde_json::Map<String, Value> = serde_json::from_str(GOOD).unwrap();
        v.insert(field.into(), serde_json::from_str(raw).unwrap());
        serde_json::to_string(&v).unwrap()
    }

    #[test]
    fn a_good_body_has_no_violation() {
        assert_eq!(rules(GOOD), []);
    }

    #[test]
    fn field_rules_table() {
        let table: &[(&str, &str, Rule)] = &[
            ("userId", "10000000000000000000", Rule::Maximum),
            ("userId", "0", Rule::Minimum),
            ("userId", "-0", Rule::Minimum),
            ("userId", "1.0", Rule::Integer),
            ("userId", "1e3", Rule::Integer),
            ("userId", "\"1234\"", Rule::Type),
            ("userId", "null", Rule::Type),
            ("amount", "10000000000", Rule::Maximum),
            ("amount", "1e400", Rule::Integer),
            ("sequenceId", "\"\"", Rule::MinLength),
            ("sequenceId", "\"1234567890123456789012345678901\"", Rule::MaxLength),
            ("oneTimeToken", "\"111122223333444\"", Rule::Length),
            ("dcvv", "123", Rule::Type),
            ("merchantId", "\"1234567890123456\"", Rule::MaxLength),
            ("sequenceId", "\"S\\u202e1\"", Rule::ForbiddenCharacter),
            ("sequenceId", "\"S\\u200b1\"", Rule::ForbiddenCharacter),
            ("merchantId", "\"12345678901234\\u0000\"", Rule::ForbiddenCharacter),
        ];
        for (field, raw, rule) in table {
            assert_eq!(rules(&with(field, raw)), [(format!("$.{field}"), *rule)], "{field} = {raw}");
        }
    }

    #[test]
    fn korean_messages_use_the_copula_that_fits_the_final_sound() {
        let ko = |field: &str, raw: &str| validate_body(&CHARGE_ENDPOINT, &with(field, raw))[0].message.ko.clone();
        assert!(ko("dcvv", "123").starts_with("dcvv: 문자열이어야 합니다"), "{}", ko("dcvv", "123"));
        assert!(ko("amount", "\"1\"").starts_with("amount: 숫자여야 합니다"));
        assert!(ko("sequenceId", "\"\"").starts_with("sequenceId: 1자 이상이어야 합니다"));
        assert!(ko("merchantId", "\"1234567890123456\"").starts_with("merchantId: 15자 이하여야 합니다"));
        assert!(ko("oneTimeToken", "\"1\"").starts_with("oneTimeToken: 정확히 16자여야 합니다"));
    }

    #[test]
    fn lengths_count_code_points_not_bytes() {
        // 30 Hangul syllables: 90 UTF-8 bytes, 30 characters.
        let seq = "가".repeat(30);
        assert_eq!(rules(&with("sequenceId", &format!("\"{seq}\""))), []);
    }

    #[test]
    fn missing_fields_unknown_fields_and_duplicates() {
        let body = r#"{"sequenceId":"S1","userId":1,"userId":2,"extra":true}"#;
        let got = rules(body);
        assert!(got.contains(&("$.userId".into(), Rule::DuplicateKey)));
        assert!(got.contains(&("$.amount".into(), Rule::Required)));
        assert!(got.contains(&("$.extra".into(), Rule::UnknownField)));
        let extra = validate_body(&CHARGE_ENDPOINT, body).into_iter().find(|v| v.rule == Rule::UnknownField).unwrap();
        assert_eq!(extra.severity, Severity::Warning);
    }

    #[test]
    fn syntax_error_has_position_and_both_languages() {
        let v = validate_body(&CHARGE_ENDPOINT, "{\"userId\": 12,}").remove(0);
        assert_eq!((v.rule, v.line, v.column), (Rule::JsonSyntax, Some(1), Some(15)));
        assert!(v.message.en.contains("line 1, column 15"));
        assert!(v.message.ko.contains("1번째 줄"));
    }

    #[test]
    fn root_must_be_an_object() {
        assert_eq!(rules("[]"), [("$".into(), Rule::Type)]);
        assert_eq!(rules("9999999999999999999"), [("$".into(), Rule::Type)]);
    }

    #[test]
    fn quoted_digits_in_an_integer_field_get_a_hint() {
        let v = validate_body(&CHARGE_ENDPOINT, &with("userId", "\"9999999999999999999\"")).remove(0);
        assert!(v.message.en.contains("without quotes"), "{}", v.message.en);
    }

    #[test]
    fn encrypted_endpoint_accepts_jwe_or_plain_with_a_note() {
        let plain = validate_body(&ONE_TIME_TOKEN_ENDPOINT, r#"{"cardNo":"1234567812345678"}"#);
        assert_eq!(plain.len(), 1);
        assert_eq!((plain[0].rule, plain[0].severity), (Rule::Encryption, Severity::Note));
        let jwe = include_str!("../../../../testdata/jwe/known-answer-a128gcm.jwe").trim();
        assert_eq!(validate_body(&ONE_TIME_TOKEN_ENDPOINT, &crate::jwe::wrap(jwe)), []);
        let bad = validate_body(&ONE_TIME_TOKEN_ENDPOINT, r#"{"encData":"not-a-jwe"}"#);
        assert_eq!(
            (bad[0].rule, bad[0].severity, bad[0].got.as_str()),
            (Rule::Encryption, Severity::Error, "malformed")
        );
        let a256 = jwe.replacen(
            "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMTI4R0NNIn0",
            "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0",
            1,
        );
        let unsupported = validate_body(&ONE_TIME_TOKEN_ENDPOINT, &crate::jwe::wrap(&a256));
        assert!(unsupported[0].message.en.contains("A128CBC-HS256"), "{:?}", unsupported[0].message.en);
        let extra = format!(r#"{{"encData":"{jwe}","cardNo":"1234567812345678"}}"#);
        let extra = validate_body(&ONE_TIME_TOKEN_ENDPOINT, &extra);
        assert_eq!(
            extra.iter().map(|v| (v.location.as_str(), v.rule)).collect::<Vec<_>>(),
            [("$.cardNo", Rule::Encryption)]
        );
        let wrong_type = validate_body(&ONE_TIME_TOKEN_ENDPOINT, r#"{"cardNo":"1234567812345678","type":"BANK"}"#);
        assert!(wrong_type.iter().any(|v| v.rule == Rule::Enum));
        assert!(validate_body(&ONE_TIME_TOKEN_ENDPOINT, r#"{"cardNo":"1234567812345678","type":null}"#)
            .iter()
            .all(|v| v.severity != Severity::Error));
    }

    #[test]
    fn scenario_presets_violate_only_what_they_mean_to() {
        for s in SCENARIOS {
            let errors: Vec<_> =
                validate_body(&CHARGE_ENDPOINT, s.body).into_iter().map(|v| (v.location, v.rule)).collect();
            match s.id {
                "invalid-input" => assert_eq!(errors, [("$.userId".into(), Rule::Minimum)]),
                "amount-below-one" => assert_eq!(errors, [("$.amount".into(), Rule::Minimum)]),
                _ => assert_eq!(errors, [], "{}", s.id),
            }
        }
    }
}
