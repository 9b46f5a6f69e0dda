//! What validation returns: violations as data. Each names where it is, a [`Kind`] carrying its
//! values (from which its [`Rule`] follows), what was expected and what was found. The message
//! a user reads is rendered from the kind, in English or Korean, by [`Violation::message`]: the
//! one place where the wording of every violation lives (ruff's typed violations with
//! `message()` are the model). Construction sites say what happened, never how to word it.
//!
//! The JSON a violation serialises to is a wire format (the JS package, the console, the proxy's
//! header and the sandbox read it): `{target, location, rule, severity, expected, got,
//! message: {en, ko}, line?, column?}`, the messages rendered at serialisation.
//! `tests/wire.rs` holds it byte for byte.

use serde::{Deserialize, Serialize, Serializer};

use crate::catalog::{FieldType, Text};
use crate::json;
use crate::text::{code_point, decimal, fill, Lang};
use crate::validate::characters;

/// Where a violation is: a request header, or a place in the JSON body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Target {
    Header,
    Body,
}

impl Target {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            Target::Header => "header",
            Target::Body => "body",
        }
    }
}

/// How bad it is. Only errors make a request invalid; warnings and notes inform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Error,
    Warning,
    /// A documentation conflict or konaplate decision the user should know about.
    Note,
}

impl Severity {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// The rule a violation breaks. Stable identifiers: the JS package and the console branch on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Rule {
    /// The body is not JSON.
    JsonSyntax,
    /// An object has the same key twice: which value is signed and read would be ambiguous.
    DuplicateKey,
    Required,
    Type,
    /// A number with a fraction or exponent where an integer is required.
    Integer,
    Minimum,
    Maximum,
    MinLength,
    MaxLength,
    /// Exact length (min == max).
    Length,
    /// An array with fewer items than documented.
    MinItems,
    /// An array with more items than documented.
    MaxItems,
    /// Not one of the allowed values.
    Enum,
    UnknownField,
    /// The same header given more than once.
    RepeatedHeader,
    UnknownHeader,
    /// A header value that does not match its format.
    Format,
    /// Digits that do not form a real date-time.
    Date,
    TimeZone,
    /// The tran-token's time and X-KM-Tran-Time are not the same instant.
    TokenTime,
    /// The tran-token does not match the body under the given secret.
    Signature,
    /// The body of an API marked Encrypted.
    Encryption,
    /// A documentation conflict shown as a note.
    DocConflict,
    /// A JavaScript number beyond 2^53 - 1 (or not finite): it lost digits before reaching us.
    UnsafeNumber,
    /// A control, bidirectional-control or invisible character in an id (see `validate::characters`).
    ForbiddenCharacter,
    /// A response's HTTP status differs from the one documented for its code.
    HttpStatus,
    /// A number not above JSON Schema's `exclusiveMinimum`.
    ExclusiveMinimum,
    /// A number not below JSON Schema's `exclusiveMaximum`.
    ExclusiveMaximum,
    /// Not the one value JSON Schema's `const` allows.
    Const,
    /// A string that does not match JSON Schema's `pattern`.
    Pattern,
}

impl Rule {
    /// Every rule, in declaration order (the JS package's `Rule` type lists the same names).
    pub const ALL: &[Rule] = &[
        Rule::JsonSyntax,
        Rule::DuplicateKey,
        Rule::Required,
        Rule::Type,
        Rule::Integer,
        Rule::Minimum,
        Rule::Maximum,
        Rule::MinLength,
        Rule::MaxLength,
        Rule::Length,
        Rule::MinItems,
        Rule::MaxItems,
        Rule::Enum,
        Rule::UnknownField,
        Rule::RepeatedHeader,
        Rule::UnknownHeader,
        Rule::Format,
        Rule::Date,
        Rule::TimeZone,
        Rule::TokenTime,
        Rule::Signature,
        Rule::Encryption,
        Rule::DocConflict,
        Rule::UnsafeNumber,
        Rule::ForbiddenCharacter,
        Rule::HttpStatus,
        Rule::ExclusiveMinimum,
        Rule::ExclusiveMaximum,
        Rule::Const,
        Rule::Pattern,
    ];

    /// The wire name (camelCase), as the JS package's `Rule` type spells it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::JsonSyntax => "jsonSyntax",
            Rule::DuplicateKey => "duplicateKey",
            Rule::Required => "required",
            Rule::Type => "type",
            Rule::Integer => "integer",
            Rule::Minimum => "minimum",
            Rule::Maximum => "maximum",
            Rule::MinLength => "minLength",
            Rule::MaxLength => "maxLength",
            Rule::Length => "length",
            Rule::MinItems => "minItems",
            Rule::MaxItems => "maxItems",
            Rule::Enum => "enum",
            Rule::UnknownField => "unknownField",
            Rule::RepeatedHeader => "repeatedHeader",
            Rule::UnknownHeader => "unknownHeader",
            Rule::Format => "format",
            Rule::Date => "date",
            Rule::TimeZone => "timeZone",
            Rule::TokenTime => "tokenTime",
            Rule::Signature => "signature",
            Rule::Encryption => "encryption",
            Rule::DocConflict => "docConflict",
            Rule::UnsafeNumber => "unsafeNumber",
            Rule::ForbiddenCharacter => "forbiddenCharacter",
            Rule::HttpStatus => "httpStatus",
            Rule::ExclusiveMinimum => "exclusiveMinimum",
            Rule::ExclusiveMaximum => "exclusiveMaximum",
            Rule::Const => "const",
            Rule::Pattern => "pattern",
        }
    }
}

// Serialised by their wire names: one spelling for serde's writers and for [`wire`]'s.
impl Serialize for Target {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// Which JSON text a violation is about: a request body, or a response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Request,
    Response,
}

/// How a header value breaks its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderShape {
    /// An id or key with a space or a non-ASCII character.
    VisibleAscii,
    CorrelationId,
    TranTime,
    TimeZone,
    /// The tran-token, with the reason (`sign::TokenError::explain`).
    TranToken(Text),
}

/// What is wrong, with the values the message names. Locations, expected and found texts are
/// on the [`Violation`]; a kind carries what its wording needs beyond them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    // --- JSON text ---
    /// Not JSON at the violation's line and column; `reason` is serde_json's, in both languages.
    JsonSyntax {
        subject: Subject,
        reason: Text<String>,
    },
    /// Bytes that are not UTF-8, the first bad one at `valid_up_to`.
    NotUtf8 {
        valid_up_to: usize,
    },
    /// The key at the location appears more than once.
    DuplicateKey {
        subject: Subject,
    },
    /// The root is not an object.
    NotAnObject {
        subject: Subject,
        found: Text,
    },

    // --- fields of a body ---
    /// A required field (or header, by the target) is missing; `bounds` says what it takes.
    Required {
        bounds: Text<String>,
    },
    /// A value of another JSON type; `quoted_integer`: digits in quotes where an integer goes.
    Type {
        expected: Text,
        found: Text,
        quoted_integer: bool,
    },
    /// A key the document does not list for `owner` (an operation's name, or a nested path);
    /// `closed`: the document forbids other keys (`additionalProperties: false`).
    UnknownField {
        owner: Text<String>,
        closed: bool,
    },
    /// A string of the wrong length: exactly `exact` characters were required, `found` given;
    /// `value` is the string quoted (absent for a header, which may be a credential).
    Length {
        exact: usize,
        found: usize,
        value: Option<String>,
    },
    MinLength {
        min: usize,
        found: usize,
        value: String,
    },
    MaxLength {
        max: usize,
        found: usize,
        value: String,
    },
    MinItems {
        min: usize,
        found: usize,
    },
    MaxItems {
        max: usize,
        found: usize,
    },
    /// Not one of `allowed`; `value` quoted.
    Enum {
        allowed: &'static [&'static str],
        value: String,
    },
    /// A number with a fraction or exponent, as written.
    NotInteger {
        text: String,
    },
    Minimum {
        min: String,
        text: String,
    },
    Maximum {
        max: String,
        text: String,
    },
    /// A number at or below `min`, which it must be above.
    ExclusiveMinimum {
        min: String,
        text: String,
    },
    /// A number at or above `max`, which it must be below.
    ExclusiveMaximum {
        max: String,
        text: String,
    },
    /// Not the value `expected` (JSON text); `value` is the JSON given, shortened.
    Const {
        expected: String,
        value: String,
    },
    /// A string that does not match `pattern` (the document's ECMA-262 source); `value` quoted.
    Pattern {
        pattern: &'static str,
        value: String,
    },
    /// Digits that are not a real date in `format` (e.g. `yyyyMMdd`); `value` quoted.
    Date {
        format: &'static str,
        value: String,
    },
    /// A refused character at 1-based `position` of the quoted `value`.
    ForbiddenCharacter {
        position: usize,
        character: char,
        class: characters::Kind,
        value: String,
    },

    // --- building a body from form values ---
    /// A field `operation` does not have.
    NotAField {
        operation: Text,
    },
    /// Integer text that is not decimal digits; `value` quoted.
    NotDigits {
        value: String,
    },
    /// A form value of another kind than the field's type takes.
    WrongValue {
        takes: FieldType,
    },

    // --- encrypted bodies ---
    /// The plain body of an operation that takes an encrypted one (a note).
    PlainEncryptedBody,
    /// `encData` is not a readable compact JWE, for `reason`.
    NotAJwe {
        reason: Text<String>,
    },
    /// `encData` is not a string.
    EncDataType,
    /// A member beside `encData`.
    BesideEncData,

    // --- headers ---
    UnknownHeader,
    RepeatedHeader,
    /// A header value of the wrong shape; `shown` is what may be quoted of it.
    HeaderFormat {
        shape: HeaderShape,
        shown: String,
    },
    /// Digits of a header that are not a real date and time.
    DateTime {
        digits: String,
    },
    /// A time zone konaplate does not know.
    UnknownTimeZone {
        zone: String,
    },
    /// The tran-token's time and X-KM-Tran-Time differ.
    TokenTime {
        token_time: String,
        tran_time: String,
    },
    /// The tran-token is not the HMAC of the body under the secret.
    Signature,

    // --- responses ---
    /// A response's problem (`response.rs`, `deviation.rs`): their kinds and wording live
    /// there, behind the cargo feature `responses`, so a build that reads no response (the JS
    /// package's main entry) carries none of it.
    #[cfg(feature = "responses")]
    Response(crate::response::Problem),

    /// An integer beyond 2^53 − 1 sent as a JSON number.
    UnsafeNumber {
        text: String,
    },
    /// A JavaScript number beyond `Number.MAX_SAFE_INTEGER` given to the JS package.
    LostDigits {
        shown: String,
    },

    // --- documentation ---
    /// A documentation conflict or decision about this place (a note).
    DocConflict {
        text: Text,
    },
}

impl Kind {
    /// The stable rule this kind breaks.
    pub fn rule(&self) -> Rule {
        match self {
            Kind::JsonSyntax { .. } | Kind::NotUtf8 { .. } => Rule::JsonSyntax,
            Kind::DuplicateKey { .. } => Rule::DuplicateKey,
            Kind::NotAnObject { .. } | Kind::Type { .. } | Kind::WrongValue { .. } => Rule::Type,
            Kind::Required { .. } => Rule::Required,
            Kind::UnknownField { .. } | Kind::NotAField { .. } => Rule::UnknownField,
            Kind::Length { .. } => Rule::Length,
            Kind::MinLength { .. } => Rule::MinLength,
            Kind::MaxLength { .. } => Rule::MaxLength,
            Kind::MinItems { .. } => Rule::MinItems,
            Kind::MaxItems { .. } => Rule::MaxItems,
            Kind::Enum { .. } => Rule::Enum,
            Kind::NotInteger { .. } | Kind::NotDigits { .. } => Rule::Integer,
            Kind::Minimum { .. } => Rule::Minimum,
            Kind::Maximum { .. } => Rule::Maximum,
            Kind::ExclusiveMinimum { .. } => Rule::ExclusiveMinimum,
            Kind::ExclusiveMaximum { .. } => Rule::ExclusiveMaximum,
            Kind::Const { .. } => Rule::Const,
            Kind::Pattern { .. } => Rule::Pattern,
            Kind::Date { .. } | Kind::DateTime { .. } => Rule::Date,
            Kind::ForbiddenCharacter { .. } => Rule::ForbiddenCharacter,
            Kind::PlainEncryptedBody | Kind::NotAJwe { .. } | Kind::EncDataType | Kind::BesideEncData => {
                Rule::Encryption
            }
            Kind::UnknownHeader => Rule::UnknownHeader,
            Kind::RepeatedHeader => Rule::RepeatedHeader,
            Kind::HeaderFormat { .. } => Rule::Format,
            Kind::UnknownTimeZone { .. } => Rule::TimeZone,
            Kind::TokenTime { .. } => Rule::TokenTime,
            Kind::Signature => Rule::Signature,
            Kind::UnsafeNumber { .. } | Kind::LostDigits { .. } => Rule::UnsafeNumber,
            Kind::DocConflict { .. } => Rule::DocConflict,
            #[cfg(feature = "responses")]
            Kind::Response(problem) => problem.rule(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub target: Target,
    /// Header name (canonical spelling) or JSON path such as `$.userId` (`$` is the root).
    pub location: String,
    pub kind: Kind,
    pub severity: Severity,
    pub expected: String,
    /// What was found, shortened; never a credential (those are described, not quoted).
    pub got: String,
    /// 1-based position, for JSON syntax errors.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// Longest `got` text quoted back; longer values are cut with their length stated.
const MAX_QUOTE_CHARS: usize = 60;

/// `value` quoted for a message, cut to a readable length. Within the quotes, `"` and `\`
/// are escaped, and so is every character the eye cannot tell apart ([`escape_unseen`]).
pub fn quote(value: &str) -> String {
    let count = value.chars().count();
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for c in value.chars().take(MAX_QUOTE_CHARS) {
        escape_unseen(c, &mut quoted);
    }
    quoted.push('"');
    if count > MAX_QUOTE_CHARS {
        quoted.push_str(&fill("… ({0} characters)", &[&decimal(count)]));
    }
    quoted
}

/// Writes `c` as it is inside a quoted value, or escaped as Rust writes it (`\n`, `\u{200b}`)
/// when it is `"`, `\`, a character an id must not contain (a control, a bidirectional control,
/// an invisible one: [`characters::kind`]) or whitespace other than the space (U+00A0,
/// U+3000…), which would look like a space or nothing. Not `{:?}`: Rust's `Debug` escapes by
/// Unicode's tables (also combining marks and unassigned code points), and they cost the page
/// and the JS package 2 KB gzip each.
fn escape_unseen(c: char, out: &mut String) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\0' => out.push_str("\\0"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if characters::kind(c).is_some() || (c.is_whitespace() && c != ' ') => {
            out.push_str("\\u{");
            out.push_str(&crate::text::hex(c as u32));
            out.push('}');
        }
        c => out.push(c),
    }
}

/// How messages name the value at a JSON path: the field name at the top level (`userId`), the
/// path below it (`order.items[0].sku`); a header by its name.
fn display_name(location: &str) -> &str {
    location.strip_prefix("$.").unwrap_or(location)
}

impl Violation {
    /// A violation in a JSON body at `location` (a JSON path), without a line and column.
    pub fn in_body(
        location: impl Into<String>,
        kind: Kind,
        severity: Severity,
        expected: impl Into<String>,
        got: impl Into<String>,
    ) -> Violation {
        Violation {
            target: Target::Body,
            location: location.into(),
            kind,
            severity,
            expected: expected.into(),
            got: got.into(),
            line: None,
            column: None,
        }
    }

    /// The rule broken (follows from the kind).
    pub fn rule(&self) -> Rule {
        self.kind.rule()
    }

    /// The message in both languages.
    pub fn messages(&self) -> Text<String> {
        Text::build(|lang| self.message(lang))
    }

    /// The message a user reads, in `lang`: every violation's wording is here, one template per
    /// language whose `{0}`, `{1}`… are filled with the values ([`fill`]).
    pub fn message(&self, lang: Lang) -> String {
        let path = self.location.as_str();
        let name = display_name(path);
        let say = |en: &str, ko: &str, args: &[&str]| fill(lang.choose(en, ko), args);
        match &self.kind {
            Kind::JsonSyntax { subject, reason } => {
                let (line, column) = (decimal(self.line.unwrap_or_default()), decimal(self.column.unwrap_or_default()));
                let args: &[&str] = &[&line, &column, reason.get(lang)];
                match subject {
                    Subject::Request => say(
                        "The body is not valid JSON at line {0}, column {1}: {2}.",
                        "본문이 올바른 JSON이 아닙니다({0}번째 줄, {1}번째 열): {2}.",
                        args,
                    ),
                    Subject::Response => say(
                        "The response body is not JSON at line {0}, column {1}: {2}.",
                        "응답 본문이 JSON이 아닙니다({0}번째 줄, {1}번째 열): {2}.",
                        args,
                    ),
                }
            }
            Kind::NotUtf8 { valid_up_to } => say(
                "The body is not UTF-8 text: the byte at offset {0} is not valid UTF-8, and JSON must be UTF-8.",
                "본문이 UTF-8 텍스트가 아닙니다. {0}번째 바이트(0부터)가 올바른 UTF-8이 아니며, JSON은 UTF-8이어야 합니다.",
                &[&decimal(*valid_up_to)],
            ),
            Kind::DuplicateKey { subject: Subject::Request } => say(
                "{0}: the key appears more than once; servers disagree on which value wins, and the signature covers both.",
                "{0}: 같은 키가 두 번 이상 나옵니다. 서버마다 어느 값을 쓰는지 다르며, 서명은 둘 다 포함합니다.",
                &[path],
            ),
            Kind::DuplicateKey { subject: Subject::Response } => say(
                "{0}: the key appears more than once in the response; which value a client reads is undefined.",
                "{0}: 응답에 같은 키가 두 번 이상 나옵니다. 클라이언트가 어느 값을 읽을지 정해져 있지 않습니다.",
                &[path],
            ),
            Kind::NotAnObject { subject, found } => {
                let args: &[&str] = &[lang.pick(*found)];
                match subject {
                    Subject::Request => {
                        say("The body must be a JSON object (got {0}).", "본문은 JSON 객체여야 합니다(입력: {0}).", args)
                    }
                    Subject::Response => say(
                        "The response body must be a JSON object (got {0}).",
                        "응답 본문은 JSON 객체여야 합니다(입력: {0}).",
                        args,
                    ),
                }
            }
            Kind::Required { bounds } => {
                let ko = match self.target {
                    Target::Body => "{0}: 필수 필드입니다({1}).",
                    Target::Header => "{0}: 필수 헤더입니다({1}).",
                };
                say("{0} is required ({1}).", ko, &[name, bounds.get(lang)])
            }
            Kind::Type { expected, found, quoted_integer } => {
                let article = if expected.en == "null" { "" } else { "a " };
                let mut message = say(
                    "{0} must be {1}{2} (got {3}).",
                    "{0}: {2}{4} 합니다(입력: {3}).",
                    &[name, article, lang.pick(*expected), lang.pick(*found), json::copula_after_type(expected.ko)],
                );
                if *quoted_integer {
                    message.push_str(lang.choose(
                        " Write the digits without quotes: JSON numbers keep all 19 digits in konaplate.",
                        " 따옴표 없이 숫자로 쓰세요. konaplate는 19자리 숫자도 그대로 유지합니다.",
                    ));
                }
                message
            }
            Kind::UnknownField { owner, closed } => {
                let args: &[&str] = &[path, owner.get(lang)];
                if *closed {
                    say(
                        "{0}: not a documented field of {1}; the server refuses it.",
                        "{0}: {1}에 문서화되지 않은 필드입니다. 서버가 거부합니다.",
                        args,
                    )
                } else {
                    say(
                        "{0}: not a documented field of {1}; the server may reject or ignore it.",
                        "{0}: {1}에 문서화되지 않은 필드입니다. 서버가 거부하거나 무시할 수 있습니다.",
                        args,
                    )
                }
            }
            Kind::Length { exact, found, value } => {
                let bound = say("exactly {0} characters", "정확히 {0}자여야", &[&decimal(*exact)]);
                length_message(lang, name, &bound, *found, value.as_deref())
            }
            Kind::MinLength { min, found, value } => {
                let bound = say("at least {0} characters", "{0}자 이상이어야", &[&decimal(*min)]);
                length_message(lang, name, &bound, *found, Some(value))
            }
            Kind::MaxLength { max, found, value } => {
                let bound = say("at most {0} characters", "{0}자 이하여야", &[&decimal(*max)]);
                length_message(lang, name, &bound, *found, Some(value))
            }
            Kind::MinItems { min: n, found } | Kind::MaxItems { max: n, found } => {
                let (n, found) = (decimal(*n), decimal(*found));
                // The Korean bound ends in its copula (이상이어야, 이하여야): `ko::copula` of the bound,
                // written out (the messages test holds them to it).
                let bound = match self.kind {
                    Kind::MinItems { .. } => say("at least {0}", "항목 {0}개 이상이어야", &[&n]),
                    _ => say("at most {0}", "항목 {0}개 이하여야", &[&n]),
                };
                say("{0} must have {1} items (got {2}).", "{0}: {1} 합니다(입력 {2}개).", &[name, &bound, &found])
            }
            Kind::Enum { allowed, value } => say(
                "{0} must be one of {1} (got {2}).",
                "{0}: {1} 중 하나여야 합니다(입력: {2}).",
                &[name, &allowed.join(", "), value],
            ),
            Kind::NotInteger { text } => say(
                "{0} must be an integer written without fraction or exponent (got {1}).",
                "{0}: 소수점이나 지수 없이 정수로 써야 합니다(입력: {1}).",
                &[name, text],
            ),
            Kind::Minimum { min, text } => {
                say("{0} must be at least {1} (got {2}).", "{0}: {1} 이상이어야 합니다(입력: {2}).", &[name, min, text])
            }
            Kind::Maximum { max, text } => {
                say("{0} must be at most {1} (got {2}).", "{0}: {1} 이하여야 합니다(입력: {2}).", &[name, max, text])
            }
            Kind::ExclusiveMinimum { min, text } => {
                say("{0} must be greater than {1} (got {2}).", "{0}: {1}보다 커야 합니다(입력: {2}).", &[name, min, text])
            }
            Kind::ExclusiveMaximum { max, text } => {
                say("{0} must be less than {1} (got {2}).", "{0}: {1}보다 작아야 합니다(입력: {2}).", &[name, max, text])
            }
            Kind::Const { expected, value } => say(
                "{0} must be exactly {1} (got {2}).",
                "{0}: 정확히 {1} 값이어야 합니다(입력: {2}).",
                &[name, expected, value],
            ),
            Kind::Pattern { pattern, value } => say(
                "{0} must match the pattern {1} (got {2}).",
                "{0}: 패턴 {1}에 맞아야 합니다(입력: {2}).",
                &[name, pattern, value],
            ),
            Kind::Date { format, value } => say(
                "{0} must be a real date written {1} (got {2}).",
                "{0}: {1} 형식의 실제 날짜여야 합니다(입력: {2}).",
                &[name, format, value],
            ),
            Kind::ForbiddenCharacter { position, character, class, value } => say(
                "{0} contains {1}, {2}, at character {3} (got {4}): ids must not contain control, bidirectional-control or zero-width characters, which are invisible and make different ids look alike.",
                "{0}의 {3}번째 문자가 {1}({2})입니다(입력: {4}). id에는 제어 문자, 텍스트 방향 제어 문자, 폭 없는 문자를 쓸 수 없습니다. 보이지 않아 서로 다른 id가 같아 보입니다.",
                &[name, &code_point(*character), lang.pick(class.name()), &decimal(*position), value],
            ),
            Kind::NotAField { operation } => {
                say("{0} is not a field of {1}.", "{0}: {1}의 필드가 아닙니다.", &[name, lang.pick(*operation)])
            }
            Kind::NotDigits { value } => say(
                "{0} must be written as decimal digits (got {1}).",
                "{0}: 10진수 숫자로 써야 합니다(입력: {1}).",
                &[name, value],
            ),
            Kind::WrongValue { takes } => {
                say("{0} takes {1}.", "{0}: {1} 값이어야 합니다.", &[name, lang.pick(form_value(*takes))])
            }
            Kind::PlainEncryptedBody
            | Kind::NotAJwe { .. }
            | Kind::EncDataType
            | Kind::BesideEncData
            | Kind::UnknownHeader
            | Kind::RepeatedHeader
            | Kind::HeaderFormat { .. }
            | Kind::DateTime { .. }
            | Kind::UnknownTimeZone { .. }
            | Kind::TokenTime { .. }
            | Kind::Signature => self.encrypted_body_or_header_message(lang),
            Kind::UnsafeNumber { text } => say(
                "{0}: {1} is sent as a JSON number beyond 2^53; a JavaScript client reads other digits. Send ids as strings.",
                "{0}: {1}가 2^53을 넘는 JSON 숫자로 전송되어 JavaScript 클라이언트는 다른 값을 읽습니다. ID는 문자열로 보내야 합니다.",
                &[path, text],
            ),
            Kind::LostDigits { shown } => say(
                "{0}: the JavaScript number {1} is beyond Number.MAX_SAFE_INTEGER and has already lost digits; pass the value as a string of digits or a BigInt.",
                "{0}: 자바스크립트 숫자 {1}은 Number.MAX_SAFE_INTEGER를 넘어 이미 자릿수를 잃었습니다. 숫자 문자열이나 BigInt로 전달하세요.",
                &[path, shown],
            ),
            Kind::DocConflict { text } => lang.pick(*text).to_string(),
            #[cfg(feature = "responses")]
            Kind::Response(problem) => problem.message(path, lang),
        }
    }

    /// [`Violation::message`] of an encrypted body's or a header's violation. Apart (never
    /// inlined) because writing a body raises none of them: the page's first load carries the
    /// body's wording only (scripts/split-console.mjs).
    #[inline(never)]
    fn encrypted_body_or_header_message(&self, lang: Lang) -> String {
        let path = self.location.as_str();
        let name = display_name(path);
        let say = |en: &str, ko: &str, args: &[&str]| fill(lang.choose(en, ko), args);
        let pick = |t: Text| lang.pick(t).to_string();
        match &self.kind {
            Kind::PlainEncryptedBody => pick(crate::catalog::notes::ENCRYPTION_PLAIN_BODY.text),
            Kind::NotAJwe { reason } => say(
                "encData must be a JWE compact serialisation: {0}.",
                "encData는 JWE compact 직렬화여야 합니다: {0}.",
                &[reason.get(lang)],
            ),
            Kind::EncDataType => pick(Text::new(
                "encData must be a string: the JWE compact serialisation.",
                "encData는 문자열(JWE compact 직렬화)이어야 합니다.",
            )),
            Kind::BesideEncData => say(
                "{0}: an encrypted body has only encData; put this field inside the encrypted JSON.",
                "{0}: 암호화된 본문에는 encData만 있어야 합니다. 이 필드는 암호화할 JSON 안에 넣으세요.",
                &[path],
            ),
            Kind::UnknownHeader => say(
                "{0} is not a documented X-KM header; check its spelling.",
                "{0}: 문서화된 X-KM 헤더가 아닙니다. 철자를 확인하세요.",
                &[name],
            ),
            Kind::RepeatedHeader => say(
                "{0} is given more than once; send it exactly once.",
                "{0}: 두 번 이상 보냈습니다. 한 번만 보내야 합니다.",
                &[name],
            ),
            Kind::HeaderFormat { shape, shown } => {
                let rule = lang.pick(match shape {
                    HeaderShape::VisibleAscii => {
                        Text::new("must be visible ASCII characters without spaces", "공백 없는 ASCII 문자여야 합니다")
                    }
                    HeaderShape::CorrelationId => Text::new(
                        "must be yyMMddHHmmss-xxxxxxx: 12 digits, '-', 7 hex digits",
                        "yyMMddHHmmss-xxxxxxx 형식(숫자 12자리, '-', 16진수 7자리)이어야 합니다",
                    ),
                    HeaderShape::TranTime => {
                        Text::new("must be 14 digits, yyyyMMddHHmmss", "14자리 숫자 yyyyMMddHHmmss여야 합니다")
                    }
                    HeaderShape::TimeZone => Text::new(
                        "must be 3 upper-case letters such as UTC or KST",
                        "UTC, KST 같은 영문 대문자 3자여야 합니다",
                    ),
                    HeaderShape::TranToken(reason) => *reason,
                });
                say("{0}: {1} (got {2}).", "{0}: {1}(입력: {2}).", &[name, rule, shown])
            }
            Kind::DateTime { digits } => say(
                "{0}: {1} is not a real date and time.",
                "{0}: {1}는 존재하지 않는 일시입니다.",
                &[name, digits],
            ),
            Kind::UnknownTimeZone { zone } => say(
                "{0}: konaplate knows UTC and KST; check that the server accepts {1}.",
                "{0}: konaplate는 UTC와 KST만 압니다. 서버가 {1}를 받는지 확인하세요.",
                &[name, zone],
            ),
            Kind::TokenTime { token_time, tran_time } => say(
                "The tran-token's time {0} and X-KM-Tran-Time {1} are not the same instant; sign and send with one clock reading.",
                "tran-token 시각 {0}과 X-KM-Tran-Time {1}이 같은 시점이 아닙니다. 한 번 읽은 시각으로 서명하고 보내세요.",
                &[token_time, tran_time],
            ),
            Kind::Signature => pick(Text::new(
                "X-KM-Tran-Token does not match HMAC-SHA256 of the body under the secret key: the body changed after signing, or the secret differs.",
                "X-KM-Tran-Token이 secret key로 계산한 본문의 HMAC-SHA256과 일치하지 않습니다. 서명 후 본문이 바뀌었거나 secret이 다릅니다.",
            )),
            // The body's kinds: worded by `message` (messages.txt holds every kind's wording).
            _ => String::new(),
        }
    }
}

/// "`name` must be `bound` (got `found`: `value`)." for the three length rules; the Korean
/// `bound` ends in its copula (정확히 3자여야, 1자 이상이어야: `ko::copula` of the bound, written
/// out, and the messages test holds them to it).
fn length_message(lang: Lang, name: &str, bound: &str, found: usize, value: Option<&str>) -> String {
    let found = decimal(found);
    let args: &[&str] = &[name, bound, &found, value.unwrap_or_default()];
    let template = match (lang, value) {
        (Lang::En, Some(_)) => "{0} must be {1} (got {2}: {3}).",
        (Lang::En, None) => "{0} must be {1} (got {2}).",
        (Lang::Ko, Some(_)) => "{0}: {1} 합니다(입력 {2}자: {3}).",
        (Lang::Ko, None) => "{0}: {1} 합니다(입력 {2}자).",
    };
    fill(template, args)
}

/// What a form value of a field of type `ty` must be.
pub(crate) fn form_value(ty: FieldType) -> Text {
    match ty {
        FieldType::String { .. } => Text::new("text", "문자열"),
        FieldType::Integer { .. } => Text::new("an integer", "정수"),
        FieldType::Boolean => Text::new("true or false", "true 또는 false"),
        FieldType::Null => Text::new("null", "null"),
        // Not built from form values: send such a body as raw JSON text.
        FieldType::Number { .. } => Text::new("a number", "숫자"),
        FieldType::Object { .. } => Text::new("an object", "객체"),
        FieldType::Array { .. } => Text::new("an array", "배열"),
    }
}

/// One member's value in a violation's wire object ([`Violation::wire`]).
enum WireValue<'a> {
    Str(&'a str),
    Text(&'a Text<String>),
    Number(usize),
}

impl Serialize for WireValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            WireValue::Str(s) => serializer.serialize_str(s),
            WireValue::Text(text) => text.serialize(serializer),
            WireValue::Number(n) => serializer.serialize_u64(*n as u64),
        }
    }
}

impl Violation {
    /// The violation's wire object, member by member in the wire's order (`line` and `column`
    /// only when known): the one description of it, for serde's writers (`impl Serialize`) and
    /// for the JSON text of [`Report::to_json`].
    fn wire<E>(&self, mut member: impl FnMut(&'static str, WireValue) -> Result<(), E>) -> Result<(), E> {
        member("target", WireValue::Str(self.target.name()))?;
        member("location", WireValue::Str(&self.location))?;
        member("rule", WireValue::Str(self.rule().name()))?;
        member("severity", WireValue::Str(self.severity.name()))?;
        member("expected", WireValue::Str(&self.expected))?;
        member("got", WireValue::Str(&self.got))?;
        member("message", WireValue::Text(&self.messages()))?;
        if let Some(line) = self.line {
            member("line", WireValue::Number(line))?;
        }
        if let Some(column) = self.column {
            member("column", WireValue::Number(column))?;
        }
        Ok(())
    }

    /// Appends the violation's wire object as compact JSON (what serde_json writes for it).
    fn write_json(&self, out: &mut String) {
        let mut object = json::ObjectWriter::new(out);
        let written: Result<(), std::convert::Infallible> = self.wire(|key, value| {
            match value {
                WireValue::Str(s) => object.str(key, s),
                WireValue::Text(text) => {
                    let mut message = json::ObjectWriter::new(object.key(key));
                    message.str("en", &text.en);
                    message.str("ko", &text.ko);
                    message.end();
                }
                WireValue::Number(n) => object.number(key, n),
            }
            Ok(())
        });
        let Ok(()) = written;
        object.end();
    }
}

impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut object = serializer.serialize_struct("Violation", 9)?;
        self.wire(|key, value| object.serialize_field(key, &value))?;
        object.end()
    }
}

/// Appends `violations` as a JSON array of wire objects.
pub fn write_violations(out: &mut String, violations: &[Violation]) {
    json::push_array(out, violations, Violation::write_json);
}

/// The result of validating one request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub violations: Vec<Violation>,
    pub error_count: usize,
    pub warning_count: usize,
    pub note_count: usize,
}

impl Report {
    pub fn new(mut violations: Vec<Violation>) -> Self {
        // Errors first, then warnings, then notes; order within a severity is discovery order.
        // (Three buckets rather than a stable sort: no sort code in the page for three keys; and
        // no work at all when the violations already come in that order, as they mostly do.)
        if !violations.is_sorted_by_key(|v| v.severity) {
            let (mut errors, mut warnings, mut notes) = (Vec::new(), Vec::new(), Vec::new());
            for v in violations.drain(..) {
                match v.severity {
                    Severity::Error => errors.push(v),
                    Severity::Warning => warnings.push(v),
                    Severity::Note => notes.push(v),
                }
            }
            violations.append(&mut errors);
            violations.append(&mut warnings);
            violations.append(&mut notes);
        }
        let count = |s| violations.iter().filter(|v| v.severity == s).count();
        let (error_count, warning_count, note_count) =
            (count(Severity::Error), count(Severity::Warning), count(Severity::Note));
        Report { violations, error_count, warning_count, note_count }
    }

    /// No errors (warnings and notes allowed).
    pub fn is_valid(&self) -> bool {
        self.error_count == 0
    }

    pub fn errors(&self) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(|v| v.severity == Severity::Error)
    }

    /// The report as compact JSON: what serde_json writes for it (`tests/wire.rs` holds the
    /// two equal), written without serde, for the JS package's boundary.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    /// Appends [`Report::to_json`].
    pub fn write_json(&self, out: &mut String) {
        let mut object = json::ObjectWriter::new(out);
        write_violations(object.key("violations"), &self.violations);
        object.number("errorCount", self.error_count);
        object.number("warningCount", self.warning_count);
        object.number("noteCount", self.note_count);
        object.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{notes, CHARGE_ENDPOINT};

    #[test]
    fn quote_cuts_long_values_and_says_how_long() {
        assert_eq!(quote("abc"), "\"abc\"");
        let long = "x".repeat(100);
        let q = quote(&long);
        assert!(q.ends_with("… (100 characters)"), "{q}");
        assert!(q.chars().count() < 90);
    }

    /// What cannot be seen is escaped as `{:?}` escapes it; what can be seen stays as typed.
    #[test]
    fn quote_escapes_what_cannot_be_seen() {
        // Escaped as Rust's Debug escapes them (the rule before `escape_unseen`).
        for unseen in
            ["a\"b\\c", "\t\r\n\0", "\u{1}\u{7f}\u{85}", "x\u{200b}y\u{202e}\u{feff}\u{ad}", "\u{a0}\u{3000}\u{2028}"]
        {
            assert_eq!(quote(unseen), format!("{unseen:?}"), "{unseen:?}");
        }
        // Also every refused character (characters.rs), whatever Debug would do.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|&c| characters::kind(c).is_some()) {
            assert!(quote(&c.to_string()).starts_with("\"\\"), "{c:?}");
        }
        // Kept as typed: letters of any script, the space, punctuation, emoji.
        for seen in ["홍길동 010-1234-5678", "Zoë & José", "東京 (tōkyō)", "🙂 ok"] {
            assert_eq!(quote(seen), format!("\"{seen}\""));
        }
    }

    #[test]
    fn report_orders_by_severity_and_counts() {
        let v = |severity| Violation::in_body("$", Kind::EncDataType, severity, "", "");
        let r = Report::new(vec![v(Severity::Note), v(Severity::Error), v(Severity::Warning)]);
        let order: Vec<Severity> = r.violations.iter().map(|v| v.severity).collect();
        assert_eq!(order, [Severity::Error, Severity::Warning, Severity::Note]);
        assert_eq!((r.error_count, r.warning_count, r.note_count), (1, 1, 1));
        assert!(!r.is_valid());
    }

    /// One of every kind (every variant, and every branch its wording has).
    fn every_kind() -> Vec<Kind> {
        let s = || "x".to_string();
        let t = Text::new("string", "문자열");
        let owned = || Text::from_pair("a", "가");
        let mut kinds = vec![
            Kind::NotUtf8 { valid_up_to: 3 },
            Kind::Type { expected: t, found: t, quoted_integer: true },
            Kind::Length { exact: 2, found: 1, value: None },
            Kind::Length { exact: 2, found: 1, value: Some(s()) },
            Kind::MinLength { min: 2, found: 1, value: s() },
            Kind::MaxLength { max: 2, found: 3, value: s() },
            Kind::MinItems { min: 1, found: 0 },
            Kind::MaxItems { max: 1, found: 2 },
            Kind::Enum { allowed: &["A", "B"], value: s() },
            Kind::NotInteger { text: s() },
            Kind::Minimum { min: s(), text: s() },
            Kind::Maximum { max: s(), text: s() },
            Kind::ExclusiveMinimum { min: s(), text: s() },
            Kind::ExclusiveMaximum { max: s(), text: s() },
            Kind::Const { expected: s(), value: s() },
            Kind::Pattern { pattern: "^a$", value: s() },
            Kind::Date { format: "yyyyMMdd", value: s() },
            Kind::NotAField { operation: t },
            Kind::NotDigits { value: s() },
            Kind::PlainEncryptedBody,
            Kind::NotAJwe { reason: owned() },
            Kind::EncDataType,
            Kind::BesideEncData,
            Kind::UnknownHeader,
            Kind::RepeatedHeader,
            Kind::DateTime { digits: s() },
            Kind::UnknownTimeZone { zone: s() },
            Kind::TokenTime { token_time: s(), tran_time: s() },
            Kind::Signature,
            Kind::UnsafeNumber { text: s() },
            Kind::LostDigits { shown: s() },
            Kind::DocConflict { text: notes::TRAN_TOKEN_LENGTH.text },
        ];
        for subject in [Subject::Request, Subject::Response] {
            kinds.push(Kind::JsonSyntax { subject, reason: owned() });
            kinds.push(Kind::DuplicateKey { subject });
            kinds.push(Kind::NotAnObject { subject, found: t });
        }
        for closed in [true, false] {
            kinds.push(Kind::UnknownField { owner: owned(), closed });
        }
        #[cfg(feature = "responses")]
        kinds.extend(crate::response::Problem::every().into_iter().map(Kind::Response));
        for shape in [
            HeaderShape::VisibleAscii,
            HeaderShape::CorrelationId,
            HeaderShape::TranTime,
            HeaderShape::TimeZone,
            HeaderShape::TranToken(t),
        ] {
            kinds.push(Kind::HeaderFormat { shape, shown: s() });
        }
        for class in [characters::Kind::Control, characters::Kind::Bidirectional, characters::Kind::Invisible] {
            kinds.push(Kind::ForbiddenCharacter { position: 1, character: '\u{202e}', class, value: s() });
        }
        for field in CHARGE_ENDPOINT.request {
            kinds.push(Kind::WrongValue { takes: field.ty });
            kinds.push(Kind::Required { bounds: Text::build(|lang| field.bounds_in(lang)) });
        }
        kinds
    }

    /// Every variant, by name: a new kind fails to compile here until `every_kind` lists it.
    fn listed(kind: &Kind) -> bool {
        match kind {
            Kind::JsonSyntax { .. }
            | Kind::NotUtf8 { .. }
            | Kind::DuplicateKey { .. }
            | Kind::NotAnObject { .. }
            | Kind::Required { .. }
            | Kind::Type { .. }
            | Kind::UnknownField { .. }
            | Kind::Length { .. }
            | Kind::MinLength { .. }
            | Kind::MaxLength { .. }
            | Kind::MinItems { .. }
            | Kind::MaxItems { .. }
            | Kind::Enum { .. }
            | Kind::NotInteger { .. }
            | Kind::Minimum { .. }
            | Kind::Maximum { .. }
            | Kind::ExclusiveMinimum { .. }
            | Kind::ExclusiveMaximum { .. }
            | Kind::Const { .. }
            | Kind::Pattern { .. }
            | Kind::Date { .. }
            | Kind::ForbiddenCharacter { .. }
            | Kind::NotAField { .. }
            | Kind::NotDigits { .. }
            | Kind::WrongValue { .. }
            | Kind::PlainEncryptedBody
            | Kind::NotAJwe { .. }
            | Kind::EncDataType
            | Kind::BesideEncData
            | Kind::UnknownHeader
            | Kind::RepeatedHeader
            | Kind::HeaderFormat { .. }
            | Kind::DateTime { .. }
            | Kind::UnknownTimeZone { .. }
            | Kind::TokenTime { .. }
            | Kind::Signature
            | Kind::UnsafeNumber { .. }
            | Kind::LostDigits { .. }
            | Kind::DocConflict { .. } => true,
            #[cfg(feature = "responses")]
            Kind::Response(_) => true,
        }
    }

    /// The copulas written into the Korean length and item bounds are `ko::copula`'s.
    #[test]
    fn written_out_copulas_are_the_grammars() {
        for n in 0..30usize {
            let n = decimal(n);
            for (bound, copula) in [
                (fill("정확히 {0}자", &[&n]), "여야"),
                (fill("{0}자 이상", &[&n]), "이어야"),
                (fill("{0}자 이하", &[&n]), "여야"),
                (fill("항목 {0}개 이상", &[&n]), "이어야"),
                (fill("항목 {0}개 이하", &[&n]), "여야"),
            ] {
                assert_eq!(crate::text::ko::copula(&bound), copula, "{bound}");
            }
        }
    }

    #[test]
    fn every_kind_is_in_the_list() {
        let kinds = every_kind();
        let names: std::collections::BTreeSet<String> = kinds
            .iter()
            .filter(|k| listed(k))
            .map(|k| format!("{k:?}").split([' ', '(', '{']).next().unwrap_or_default().to_string())
            .collect();
        // The number of variants of `Kind` (each in `listed`'s match above).
        assert_eq!(names.len(), if cfg!(feature = "responses") { 40 } else { 39 }, "{names:?}");
    }

    #[test]
    fn every_kind_has_an_english_and_a_korean_message() {
        for kind in every_kind() {
            for target in [Target::Body, Target::Header] {
                let v = Violation { target, ..Violation::in_body("$.a", kind.clone(), Severity::Error, "", "") };
                let m = v.messages();
                assert!(
                    !m.en.trim().is_empty() && !m.en.chars().any(|c| ('가'..='힣').contains(&c)),
                    "{kind:?}: {m:?}"
                );
                assert!(m.ko.chars().any(|c| ('가'..='힣').contains(&c)), "{kind:?}: {m:?}");
                assert_ne!(m.en, m.ko, "{kind:?}");
                // The wire carries the rule and both messages.
                let wire = serde_json::to_value(&v).unwrap();
                assert_eq!(wire["rule"], serde_json::to_value(kind.rule()).unwrap());
                assert_eq!(
                    (wire["message"]["en"].as_str(), wire["message"]["ko"].as_str()),
                    (Some(&*m.en), Some(&*m.ko))
                );
            }
        }
    }

    /// Every wording, as recorded in `tests/fixtures/messages.txt`: each kind of
    /// [`every_kind`] (and a `null` type, whose English has no article) in a body and in a header,
    /// in both languages. `KONAPLATE_BLESS=1 cargo test -p konaplate-core --lib messages_are`
    /// rewrites the file; only do that when a wording is meant to change.
    #[test]
    fn messages_are_as_recorded() {
        let null = Text::new("null", "null");
        let mut kinds = every_kind();
        kinds.push(Kind::Type { expected: null, found: Text::new("string", "문자열"), quoted_integer: false });
        let mut text = String::new();
        for kind in kinds {
            for target in [Target::Body, Target::Header] {
                let v = Violation { target, ..Violation::in_body("$.a", kind.clone(), Severity::Error, "", "") };
                let m = v.messages();
                text.push_str(&format!("{kind:?} {target:?}\n  en: {}\n  ko: {}\n", m.en, m.ko));
            }
        }
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/messages.txt");
        if std::env::var_os("KONAPLATE_BLESS").is_some() {
            std::fs::write(path, &text).unwrap();
        }
        let recorded = std::fs::read_to_string(path).unwrap_or_default();
        for (line, (got, want)) in text.lines().zip(recorded.lines()).enumerate() {
            assert_eq!(got, want, "messages.txt line {}", line + 1);
        }
        assert_eq!(text.lines().count(), recorded.lines().count(), "messages.txt: the number of lines");
    }

    #[test]
    fn every_rule_is_reached_by_a_kind() {
        let rules: Vec<Rule> = every_kind().iter().map(Kind::rule).collect();
        for rule in Rule::ALL {
            assert!(rules.contains(rule), "{rule:?}");
        }
    }

    #[test]
    fn rule_all_lists_every_rule_once_by_its_wire_name() {
        // Every variant, by name: a new rule fails to compile here until `Rule::ALL` lists it.
        let position = |rule: Rule| match rule {
            Rule::JsonSyntax
            | Rule::DuplicateKey
            | Rule::Required
            | Rule::Type
            | Rule::Integer
            | Rule::Minimum
            | Rule::Maximum
            | Rule::MinLength
            | Rule::MaxLength
            | Rule::Length
            | Rule::MinItems
            | Rule::MaxItems
            | Rule::Enum
            | Rule::UnknownField
            | Rule::RepeatedHeader
            | Rule::UnknownHeader
            | Rule::Format
            | Rule::Date
            | Rule::TimeZone
            | Rule::TokenTime
            | Rule::Signature
            | Rule::Encryption
            | Rule::DocConflict
            | Rule::UnsafeNumber
            | Rule::ForbiddenCharacter
            | Rule::HttpStatus
            | Rule::ExclusiveMinimum
            | Rule::ExclusiveMaximum
            | Rule::Const
            | Rule::Pattern => Rule::ALL.iter().position(|r| *r == rule),
        };
        for (i, rule) in Rule::ALL.iter().enumerate() {
            assert_eq!(position(*rule), Some(i), "{rule:?}");
        }
        assert_eq!(Rule::ALL.len(), 30);
        let names: Vec<serde_json::Value> = Rule::ALL[26..].iter().map(|r| serde_json::to_value(r).unwrap()).collect();
        assert_eq!(names, ["exclusiveMinimum", "exclusiveMaximum", "const", "pattern"]);
    }
}
