//! Body rules: JSON syntax, duplicate keys, each catalog field's type and bounds, unknown fields.
//! The violations are typed ([`Kind`]); their wording is in `violation.rs`.

use super::characters;
use crate::catalog::{notes, DocNote, Endpoint, Field, FieldType, Text};
use crate::json::{self, JsonType, Node, Value};
use crate::jwe;
use crate::number::{self, Bounds, Outside};
use crate::text::{code_point, decimal, fill};
use crate::violation::{quote, Kind, Severity, Subject, Target, Violation};

/// A documentation note about a body field or endpoint, as a `Note` violation.
pub(crate) fn doc_note(target: Target, location: &str, note: &DocNote) -> Violation {
    Violation { target, ..Violation::in_body(location, Kind::DocConflict { text: note.text }, Severity::Note, "", "") }
}

/// The violation for a body whose bytes are not UTF-8 (JSON text must be), `valid_up_to`
/// being where the first invalid byte is (as [`std::str::Utf8Error::valid_up_to`] says).
pub fn not_utf8(valid_up_to: usize) -> Violation {
    Violation::in_body(
        "$",
        Kind::NotUtf8 { valid_up_to },
        Severity::Error,
        "UTF-8 text",
        fill("invalid UTF-8 at byte {0}", &[&decimal(valid_up_to)]),
    )
}

/// All body violations of `body` for `endpoint`: none at once when the one-pass check finds
/// the body clean (`clean.rs`), else the full validator's.
pub fn validate_body(endpoint: &Endpoint, body: &str) -> Vec<Violation> {
    if super::clean::is_clean(endpoint, body) {
        return Vec::new();
    }
    body_violations(endpoint, body, false)
}

/// The body violations of the plaintext of a body sent sealed (`{"encData"}`): [`validate_body`]
/// without its encryption rule's violations (not the "sent in plain" note: it is not; for a
/// plaintext that is itself an `{"encData"}` object, none), which the wrapper is checked for.
pub fn validate_plaintext(endpoint: &Endpoint, plaintext: &str) -> Vec<Violation> {
    body_violations(endpoint, plaintext, true)
}

/// The violations and, when the text is JSON, its value, for a caller that goes on to read the
/// fields (the sandbox).
pub fn validate_body_value(endpoint: &Endpoint, body: &str) -> (Vec<Violation>, Option<Value>) {
    (validate_body(endpoint, body), json::read(body).ok())
}

/// [`validate_body`]'s full validator, over a [`Node`]; `plaintext`: without the encryption
/// rule ([`validate_plaintext`]).
fn body_violations(endpoint: &Endpoint, body: &str, plaintext: bool) -> Vec<Violation> {
    let mut out = Vec::new();
    let (root, duplicates) = match json::parse_node_with_duplicates(body) {
        Ok(parsed) => parsed,
        Err(e) => {
            out.push(e.violation(Subject::Request));
            return out;
        }
    };
    for path in duplicates {
        let kind = Kind::DuplicateKey { subject: Subject::Request };
        out.push(Violation::in_body(path, kind, Severity::Error, "each key once", "repeated"));
    }
    let Node::Object(object) = &root else {
        let found = root.type_name();
        let kind = Kind::NotAnObject { subject: Subject::Request, found };
        out.push(Violation::in_body("$", kind, Severity::Error, "object", found.en));
        return out;
    };
    if endpoint.encrypted {
        if let Some(enc) = json::member(object, "encData") {
            if !plaintext {
                check_enc_data(object, enc, &mut out);
            }
            return out;
        }
        if !plaintext {
            let note = doc_note(Target::Body, "$", &notes::ENCRYPTION_PLAIN_BODY);
            out.push(Violation { kind: Kind::PlainEncryptedBody, ..note });
        }
    }
    check_object("$", endpoint.request, false, object, endpoint.name.owned(), &mut out);
    out
}

/// The fields of one object (the body, or a nested object at `path`), then its unknown keys:
/// a warning, or an error when the document closes the object (`additionalProperties: false`).
fn check_object(
    path: &str,
    fields: &[Field],
    closed: bool,
    object: &[(String, Node)],
    owner: Text<String>,
    out: &mut Vec<Violation>,
) {
    for field in fields {
        check_field(path, field, json::member(object, field.name), out);
    }
    for key in object.iter().map(|(key, _)| key) {
        if fields.iter().all(|f| f.name != key) {
            let path = json::child_path(path, key);
            let severity = if closed { Severity::Error } else { Severity::Warning };
            let kind = Kind::UnknownField { owner: owner.clone(), closed };
            out.push(Violation::in_body(path, kind, severity, "a documented field", quote(key)));
        }
    }
}

/// One field of the object at `parent`.
fn check_field(parent: &str, field: &Field, value: Option<&Node>, out: &mut Vec<Violation>) {
    let path = json::child_path(parent, field.name);
    let value = match value {
        // An explicit null on an optional field means "absent", as Java/Jackson servers read it.
        None | Some(Node::Null) if !field.required => return,
        None => {
            let bounds = Text::build(|lang| field.bounds_in(lang));
            out.push(Violation::in_body(path, Kind::Required { bounds }, Severity::Error, field.bounds(), "missing"));
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
fn check_value(path: &str, field: &Field, value: &Node, out: &mut Vec<Violation>) {
    if let Some(expected) = field.constant.filter(|c| !json::read_node(c).is_ok_and(|c| json::same_value(&c, value))) {
        let expected = expected.to_string();
        let got = json::shortened(value);
        let kind = Kind::Const { expected: expected.clone(), value: got.clone() };
        out.push(Violation::in_body(path, kind, Severity::Error, expected, got));
    }
    if *value == Node::Null && (field.nullable || matches!(field.ty, FieldType::Null)) {
        // JSON Schema's `enum` still applies to null, and lists only strings here.
        if let FieldType::String { allowed, .. } = field.ty {
            if !allowed.is_empty() {
                let expected = fill("one of {0}", &[&allowed.join(", ")]);
                let kind = Kind::Enum { allowed, value: "null".to_string() };
                out.push(Violation::in_body(path, kind, Severity::Error, expected, "null"));
            }
        }
        return;
    }
    let type_error = |ty: JsonType, quoted_integer: bool| {
        let (name, or_null) = ty.names();
        let expected = if field.nullable { or_null } else { name };
        let found = value.type_name();
        let kind = Kind::Type { expected, found, quoted_integer };
        Violation::in_body(path, kind, Severity::Error, expected.en, found.en)
    };
    match (field.ty, value) {
        (ty @ FieldType::String { .. }, Node::String(s)) => check_text(path, s, ty, out),
        (FieldType::String { .. }, _) => out.push(type_error(JsonType::String, false)),
        (ty @ FieldType::Integer { .. }, Node::Number(text)) => check_number(path, text, true, ty.bounds(), out),
        (FieldType::Integer { .. }, _) => {
            let quoted = matches!(value, Node::String(s) if number::ExactInteger::parse(s).is_some());
            out.push(type_error(JsonType::Number, quoted))
        }
        (FieldType::Boolean, Node::Bool(_)) => {}
        (FieldType::Boolean, _) => out.push(type_error(JsonType::Boolean, false)),
        (FieldType::Null, _) => out.push(type_error(JsonType::Null, false)),
        (ty @ FieldType::Number { .. }, Node::Number(text)) => check_number(path, text, false, ty.bounds(), out),
        (FieldType::Number { .. }, _) => out.push(type_error(JsonType::Number, false)),
        (FieldType::Object { fields, closed }, Node::Object(members)) => {
            let name = display_name(path).to_string();
            check_object(path, fields, closed, members, Text::new(name.clone(), name), out)
        }
        (FieldType::Object { .. }, _) => out.push(type_error(JsonType::Object, false)),
        (FieldType::Array { items, min_items, max_items }, Node::Array(elements)) => {
            let found = elements.len();
            let bound = if found < min_items {
                Some((Kind::MinItems { min: min_items, found }, fill("at least {0} items", &[&decimal(min_items)])))
            } else if found > max_items {
                Some((Kind::MaxItems { max: max_items, found }, fill("at most {0} items", &[&decimal(max_items)])))
            } else {
                None
            };
            if let Some((kind, expected)) = bound {
                let got = fill("{0} items", &[&decimal(found)]);
                out.push(Violation::in_body(path, kind, Severity::Error, expected, got));
            }
            for (i, element) in elements.iter().enumerate() {
                match element {
                    Node::Null => {}
                    _ => check_value(&fill("{0}[{1}]", &[path, &decimal(i)]), items, element, out),
                }
            }
        }
        (FieldType::Array { .. }, _) => out.push(type_error(JsonType::Array, false)),
    }
}

/// A string value against a string field's lengths, enum, characters, `pattern` and date
/// format (nothing for another type).
pub(super) fn check_text(path: &str, s: &str, ty: FieldType, out: &mut Vec<Violation>) {
    let FieldType::String { min_len, max_len, allowed, format, pattern } = ty else { return };
    check_string(path, s, min_len, max_len, allowed, out);
    if let Some(pattern) = pattern.filter(|p| !p.matches(s)) {
        let kind = Kind::Pattern { pattern: pattern.source, value: quote(s) };
        let expected = fill("a match of {0}", &[pattern.source]);
        out.push(Violation::in_body(path, kind, Severity::Error, expected, quote(s)));
    }
    if let Some(format) = format.filter(|f| !f.accepts(s)) {
        let kind = Kind::Date { format: format.name(), value: quote(s) };
        let expected = fill("a real date as {0}", &[format.name()]);
        out.push(Violation::in_body(path, kind, Severity::Error, expected, quote(s)));
    }
}

fn check_string(
    path: &str,
    s: &str,
    min_len: usize,
    max_len: usize,
    allowed: &'static [&'static str],
    out: &mut Vec<Violation>,
) {
    // One pass over the usual id; the character table and a count only for anything else.
    let printable = characters::is_printable_ascii(s);
    let found = if printable { s.len() } else { s.chars().count() };
    if !allowed.is_empty() {
        if !allowed.contains(&s) {
            let expected = fill("one of {0}", &[&allowed.join(", ")]);
            let kind = Kind::Enum { allowed, value: quote(s) };
            out.push(Violation::in_body(path, kind, Severity::Error, expected, quote(s)));
        }
        return;
    }
    let refused = if printable { None } else { characters::first_refused(s) };
    if let Some((position, character, class)) = refused {
        let got = fill("{0} at character {1}", &[&code_point(character), &decimal(position)]);
        let kind = Kind::ForbiddenCharacter { position, character, class, value: quote(s) };
        let expected = "no control, bidirectional-control or invisible characters";
        out.push(Violation::in_body(path, kind, Severity::Error, expected, got));
    }
    let (kind, expected) = if min_len == max_len && found != min_len {
        (
            Kind::Length { exact: min_len, found, value: Some(quote(s)) },
            fill("exactly {0} characters", &[&decimal(min_len)]),
        )
    } else if found < min_len {
        (
            Kind::MinLength { min: min_len, found, value: quote(s) },
            fill("at least {0} characters", &[&decimal(min_len)]),
        )
    } else if found > max_len {
        (Kind::MaxLength { max: max_len, found, value: quote(s) }, fill("at most {0} characters", &[&decimal(max_len)]))
    } else {
        return;
    };
    let got = fill("{0} characters", &[&decimal(found)]);
    out.push(Violation::in_body(path, kind, Severity::Error, expected, got));
}

/// A number (an integer when `integer`) against its bounds, compared exactly on its text.
pub(super) fn check_number(path: &str, text: &str, integer: bool, bounds: Bounds<'static>, out: &mut Vec<Violation>) {
    let Some(outside) = number::check_bounds(text, integer, bounds) else { return };
    // A bound is only ever crossed when the document gives it, so the kinds below name it.
    let bound = |b: Option<&str>| b.unwrap_or_default().to_string();
    let text = text.to_string();
    let (kind, expected) = match outside {
        Outside::NotInteger => {
            (Kind::NotInteger { text: text.clone() }, "an integer without fraction or exponent".to_string())
        }
        Outside::BelowMinimum => {
            let min = bound(bounds.min);
            (Kind::Minimum { min: min.clone(), text: text.clone() }, fill(">= {0}", &[&min]))
        }
        Outside::AboveMaximum => {
            let max = bound(bounds.max);
            (Kind::Maximum { max: max.clone(), text: text.clone() }, fill("<= {0}", &[&max]))
        }
        Outside::NotAboveExclusiveMinimum => {
            let min = bound(bounds.exclusive_min);
            (Kind::ExclusiveMinimum { min: min.clone(), text: text.clone() }, fill("> {0}", &[&min]))
        }
        Outside::NotBelowExclusiveMaximum => {
            let max = bound(bounds.exclusive_max);
            (Kind::ExclusiveMaximum { max: max.clone(), text: text.clone() }, fill("< {0}", &[&max]))
        }
    };
    out.push(Violation::in_body(path, kind, Severity::Error, expected, text));
}

/// `encData` must be a compact JWE whose structure and header we can read (no key is needed
/// for that), and the only member of the body.
fn check_enc_data(object: &[(String, Node)], enc: &Node, out: &mut Vec<Violation>) {
    let expected = "JWE compact serialisation (5 Base64url parts, alg RSA-OAEP-256, enc A128GCM or A256GCM)";
    match enc {
        Node::String(s) => {
            if let Err(e) = jwe::parse(s) {
                let kind = Kind::NotAJwe { reason: e.explain() };
                out.push(Violation::in_body("$.encData", kind, Severity::Error, expected, e.kind()));
            }
        }
        other => {
            let found = other.type_name().en;
            out.push(Violation::in_body("$.encData", Kind::EncDataType, Severity::Error, expected, found))
        }
    }
    for key in object.iter().map(|(key, _)| key).filter(|k| *k != jwe::ENC_DATA) {
        let path = json::child_path("$", key);
        out.push(Violation::in_body(path, Kind::BesideEncData, Severity::Error, "only encData", quote(key)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CHARGE_ENDPOINT, ONE_TIME_TOKEN_ENDPOINT, SCENARIOS};
    use crate::text::Lang;
    use crate::violation::Rule;

    const GOOD: &str = r#"{"sequenceId":"S1","userId":9999999999999999999,"amount":10000,"oneTimeToken":"1111222233334444","dcvv":"123","merchantId":"123456789012345"}"#;

    fn rules(body: &str) -> Vec<(String, Rule)> {
        validate_body(&CHARGE_ENDPOINT, body).into_iter().map(|v| (v.location.clone(), v.rule())).collect()
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
        let ko = |field: &str, raw: &str| validate_body(&CHARGE_ENDPOINT, &with(field, raw))[0].message(Lang::Ko);
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
        let extra = validate_body(&CHARGE_ENDPOINT, body).into_iter().find(|v| v.rule() == Rule::UnknownField).unwrap();
        assert_eq!(extra.severity, Severity::Warning);
    }

    #[test]
    fn syntax_error_has_position_and_both_languages() {
        let v = validate_body(&CHARGE_ENDPOINT, "{\"userId\": 12,}").remove(0);
        assert_eq!((v.rule(), v.line, v.column), (Rule::JsonSyntax, Some(1), Some(15)));
        assert!(v.message(Lang::En).contains("line 1, column 15"));
        assert!(v.message(Lang::Ko).contains("1번째 줄"));
    }

    #[test]
    fn root_must_be_an_object() {
        assert_eq!(rules("[]"), [("$".into(), Rule::Type)]);
        assert_eq!(rules("9999999999999999999"), [("$".into(), Rule::Type)]);
    }

    #[test]
    fn quoted_digits_in_an_integer_field_get_a_hint() {
        let v = validate_body(&CHARGE_ENDPOINT, &with("userId", "\"9999999999999999999\"")).remove(0);
        assert!(v.message(Lang::En).contains("without quotes"), "{}", v.message(Lang::En));
    }

    #[test]
    fn a_sealed_bodys_plaintext_is_checked_as_a_body_without_the_encryption_rule() {
        let jwe = include_str!("../../../../testdata/jwe/known-answer-a128gcm.jwe").trim();
        let bodies = [
            r#"{"cardNo":"1234567812345678"}"#.to_string(),
            r#"{"cardNo":"12","type":"BANK","x":1}"#.to_string(),
            r#"{"cardNo":"1","cardNo":"2"}"#.to_string(),
            format!(r#"{{"encData":"{jwe}","cardNo":"1234567812345678"}}"#),
            r#"{"encData":1}"#.to_string(),
            "[1]".to_string(),
            "{".to_string(),
        ];
        for endpoint in [&ONE_TIME_TOKEN_ENDPOINT, &CHARGE_ENDPOINT] {
            for body in &bodies {
                let mut expected = validate_body(endpoint, body);
                expected.retain(|v| v.rule() != Rule::Encryption);
                assert_eq!(validate_plaintext(endpoint, body), expected, "{body}");
            }
        }
    }

    #[test]
    fn encrypted_endpoint_accepts_jwe_or_plain_with_a_note() {
        let plain = validate_body(&ONE_TIME_TOKEN_ENDPOINT, r#"{"cardNo":"1234567812345678"}"#);
        assert_eq!(plain.len(), 1);
        assert_eq!((plain[0].rule(), plain[0].severity), (Rule::Encryption, Severity::Note));
        let jwe = include_str!("../../../../testdata/jwe/known-answer-a128gcm.jwe").trim();
        assert_eq!(validate_body(&ONE_TIME_TOKEN_ENDPOINT, &crate::jwe::wrap(jwe)), []);
        let bad = validate_body(&ONE_TIME_TOKEN_ENDPOINT, r#"{"encData":"not-a-jwe"}"#);
        assert_eq!(
            (bad[0].rule(), bad[0].severity, bad[0].got.as_str()),
            (Rule::Encryption, Severity::Error, "malformed")
        );
        let a256 = jwe.replacen(
            "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMTI4R0NNIn0",
            "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0",
            1,
        );
        let unsupported = validate_body(&ONE_TIME_TOKEN_ENDPOINT, &crate::jwe::wrap(&a256));
        assert!(unsupported[0].message(Lang::En).contains("A128CBC-HS256"), "{:?}", unsupported[0].message(Lang::En));
        let extra = format!(r#"{{"encData":"{jwe}","cardNo":"1234567812345678"}}"#);
        let extra = validate_body(&ONE_TIME_TOKEN_ENDPOINT, &extra);
        assert_eq!(
            extra.iter().map(|v| (v.location.as_str(), v.rule())).collect::<Vec<_>>(),
            [("$.cardNo", Rule::Encryption)]
        );
        let wrong_type = validate_body(&ONE_TIME_TOKEN_ENDPOINT, r#"{"cardNo":"1234567812345678","type":"BANK"}"#);
        assert!(wrong_type.iter().any(|v| v.rule() == Rule::Enum));
        assert!(validate_body(&ONE_TIME_TOKEN_ENDPOINT, r#"{"cardNo":"1234567812345678","type":null}"#)
            .iter()
            .all(|v| v.severity != Severity::Error));
    }

    #[test]
    fn a_nullable_field_takes_null_and_names_both_types_when_wrong() {
        const INTEGER: FieldType =
            FieldType::Integer { min: Some("1"), max: None, exclusive_min: None, exclusive_max: None };
        let field = |ty: FieldType, nullable: bool| Field {
            name: "n",
            ty,
            required: true,
            description: Text::new("", ""),
            note: None,
            constant: None,
            nullable,
        };
        let check = |field: &Field, raw: &str| {
            let mut out = Vec::new();
            check_field("$", field, Some(&json::read_node(raw).unwrap()), &mut out);
            out
        };
        let nullable = field(INTEGER, true);
        assert_eq!(check(&nullable, "null"), []);
        assert_eq!(check(&nullable, "2"), []);
        assert_eq!(check(&nullable, "0")[0].rule(), Rule::Minimum);
        let quoted = check(&nullable, r#""7""#);
        assert_eq!((quoted[0].rule(), quoted[0].expected.as_str()), (Rule::Type, "number or null"));
        assert!(
            quoted[0].message(Lang::En).starts_with("n must be a number or null (got string)."),
            "{}",
            quoted[0].message(Lang::En)
        );
        assert!(
            quoted[0].message(Lang::Ko).starts_with("n: 숫자 또는 null이어야 합니다(입력: 문자열)."),
            "{}",
            quoted[0].message(Lang::Ko)
        );
        let required = check(&field(INTEGER, false), "null");
        assert_eq!((required[0].rule(), required[0].expected.as_str()), (Rule::Type, "number"));
        let only_null = field(FieldType::Null, false);
        assert_eq!(check(&only_null, "null"), []);
        for raw in ["0", r#""null""#, "false", "{}", "[]"] {
            let wrong = check(&only_null, raw);
            assert_eq!((wrong[0].rule(), wrong[0].expected.as_str()), (Rule::Type, "null"), "{raw}");
        }
        let with_const = Field { constant: Some("1"), ..nullable };
        assert_eq!(check(&with_const, "null")[0].rule(), Rule::Const, "const applies to null too");
    }

    #[test]
    fn scenario_presets_violate_only_what_they_mean_to() {
        for s in SCENARIOS {
            let errors: Vec<_> =
                validate_body(&CHARGE_ENDPOINT, s.body).into_iter().map(|v| (v.location.clone(), v.rule())).collect();
            match s.id {
                "invalid-input" => assert_eq!(errors, [("$.userId".into(), Rule::Minimum)]),
                "amount-below-one" => assert_eq!(errors, [("$.amount".into(), Rule::Minimum)]),
                _ => assert_eq!(errors, [], "{}", s.id),
            }
        }
    }
}
