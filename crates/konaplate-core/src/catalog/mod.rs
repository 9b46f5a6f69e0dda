//! The catalog: every fact konaplate knows about the KONA PLATE operations, as typed data.
//!
//! The facts are written once, in the OpenAPI document under `spec/` (one file per operation,
//! plus shared headers, codes and notes). `cargo run -p xtask -- codegen` turns it into the
//! statics of [`generated`] (operations, fields, headers, codes, Test Data scenarios, notes) and
//! the assembled document `openapi.json` that `konaplate openapi` prints. This module holds the
//! types those statics have and the look-ups over them. Validation, header rules, the console's
//! form and labels, the snippets and the sandbox all read it; nothing else restates a bound, a
//! code or a label. Provenance is explicit: a [`ResponseCode`] says whether KONA PLATE
//! published it or konaplate assigned it, and every contradiction between KONA PLATE documents
//! is a [`DocNote`] the user is shown, never a silent choice.

use serde::{Serialize, Serializer};

pub use crate::pattern::Pattern;

#[rustfmt::skip]
mod generated;
pub mod deferred;
pub mod links;
pub mod load;
pub use generated::*;
pub use links::{Link, TestCase};

use crate::text::{decimal, fill, prose, t};

/// A text in English and Korean (the core's one text type, see [`crate::text`]).
pub use crate::text::{Lang, Text};

/// Base URL of KONA PLATE's sandbox; API paths are appended to it.
pub const SANDBOX_BASE_URL: &str = "https://sandbox.konaplate.com/open-api";

/// An operation's response fields, written like the request's: read only by the response checks,
/// the sandbox and readers of the catalog, so empty with the feature `lean-catalog` (as
/// [`prose`] is), whose JS main entry validates and signs requests only.
pub const fn response_fields(fields: &'static [Field]) -> &'static [Field] {
    if cfg!(feature = "lean-catalog") {
        &[]
    } else {
        fields
    }
}

/// Who stated a fact: KONA PLATE, or konaplate where KONA PLATE is silent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Provenance {
    /// Printed on a KONA PLATE page.
    Published,
    /// Assigned by konaplate; KONA PLATE did not publish it.
    Ours,
}

// ---------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------

/// The JSON type and bounds of a body field: the JSON Schema subset KONA PLATE pages use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum FieldType {
    /// A JSON string; lengths count Unicode code points. `allowed` empty means any value.
    #[serde(rename_all = "camelCase")]
    String {
        min_len: usize,
        max_len: usize,
        allowed: &'static [&'static str],
        #[serde(skip_serializing_if = "Option::is_none")]
        format: Option<DateFormat>,
        /// An ECMA-262 `pattern` the string must match somewhere (unanchored).
        #[serde(skip_serializing_if = "Option::is_none")]
        pattern: Option<&'static Pattern>,
    },
    /// A JSON number written as an integer. Bounds are decimal text so that values beyond
    /// 2^53 (and beyond i64) are compared exactly, never through a float; the exclusive ones
    /// are JSON Schema 2020-12's numeric `exclusiveMinimum`/`exclusiveMaximum`.
    #[serde(rename_all = "camelCase")]
    Integer {
        min: Option<&'static str>,
        max: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        exclusive_min: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        exclusive_max: Option<&'static str>,
    },
    /// Any JSON number, its bounds decimal text compared exactly on the number's text.
    #[serde(rename_all = "camelCase")]
    Number {
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        exclusive_min: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        exclusive_max: Option<&'static str>,
    },
    Boolean,
    /// JSON Schema's `type: "null"`: only `null` is accepted.
    Null,
    /// A nested object. `closed` (`additionalProperties: false`) makes an unknown key an error
    /// instead of a warning.
    Object {
        fields: &'static [Field],
        closed: bool,
    },
    /// An array whose every element is `items` (its name is unused).
    #[serde(rename_all = "camelCase")]
    Array {
        items: &'static Field,
        min_items: usize,
        max_items: usize,
    },
}

/// The date formats KONA PLATE pages use for strings, checked as real calendar dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DateFormat {
    /// 8 digits, a real date.
    #[serde(rename = "yyyyMMdd")]
    Date,
    /// 14 digits, a real date-time.
    #[serde(rename = "yyyyMMddHHmmss")]
    DateTime,
}

impl DateFormat {
    /// The format's name as the document writes it (`format: "yyyyMMdd"`).
    pub fn name(self) -> &'static str {
        match self {
            DateFormat::Date => "yyyyMMdd",
            DateFormat::DateTime => "yyyyMMddHHmmss",
        }
    }

    /// Whether `text` is a real date (or date-time) in this format.
    pub fn accepts(self, text: &str) -> bool {
        let digits = match self {
            DateFormat::Date => 8,
            DateFormat::DateTime => 14,
        };
        if text.len() != digits || !text.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        let date_time = match self {
            DateFormat::Date => [text, "000000"].concat(),
            DateFormat::DateTime => text.to_string(),
        };
        crate::time::parse_digits(&date_time, crate::time::TimeZone::Utc).is_some()
    }
}

/// One field of a request or response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Field {
    /// The name exactly as documented (and as sent in JSON).
    pub name: &'static str,
    #[serde(flatten)]
    pub ty: FieldType,
    pub required: bool,
    pub description: Text,
    /// A documentation conflict or konaplate decision about this field, shown beside it.
    pub note: Option<&'static DocNote>,
    /// JSON Schema's `const`: the one value allowed, as compact JSON text (numbers compared by
    /// exact value, so `1.0` is `1`). Text, not a `serde_json::Value`, so that the validator
    /// reads it as the [`crate::json::Node`] it compares with and links no `Value`.
    #[serde(rename = "const", skip_serializing_if = "Option::is_none", serialize_with = "constant_as_json")]
    pub constant: Option<&'static str>,
    /// JSON Schema's type list with `"null"` (`type: ["string", "null"]`): `null` is accepted
    /// as well as the type's values, even on a required field.
    #[serde(skip_serializing_if = "is_false")]
    pub nullable: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl FieldType {
    /// The numeric bounds of an integer or number field (none for the other types).
    pub fn bounds(&self) -> crate::number::Bounds<'static> {
        match *self {
            FieldType::Integer { min, max, exclusive_min, exclusive_max }
            | FieldType::Number { min, max, exclusive_min, exclusive_max } => {
                crate::number::Bounds { min, max, exclusive_min, exclusive_max }
            }
            _ => crate::number::Bounds::default(),
        }
    }
}

impl Field {
    /// The field's bounds as one short line, e.g. `1..=30 characters` or `1..=9999999999`.
    pub fn bounds(&self) -> String {
        self.bounds_in(Lang::En)
    }

    /// [`Field::bounds`] in `lang`.
    pub fn bounds_in(&self, lang: Lang) -> String {
        let bounds = self.type_bounds_in(lang);
        if self.nullable {
            fill(lang.choose("{0}, or null", "{0} 또는 null"), &[&bounds])
        } else {
            bounds
        }
    }

    /// [`Field::bounds_in`] without `null` for a nullable field.
    fn type_bounds_in(&self, lang: Lang) -> String {
        let say = |en: &str, ko: &str, args: &[&str]| fill(lang.choose(en, ko), args);
        match self.ty {
            FieldType::String { allowed, .. } if !allowed.is_empty() => {
                say("one of {0}", "{0} 중 하나", &[&allowed.join(", ")])
            }
            FieldType::String { pattern: Some(p), .. } => {
                say("text matching {0}", "패턴 {0}에 맞는 문자열", &[p.source])
            }
            FieldType::String { format: Some(f), .. } => say("a real date as {0}", "{0} 형식의 실제 날짜", &[f.name()]),
            FieldType::String { min_len, max_len, .. } if min_len == max_len => {
                say("exactly {0} characters", "정확히 {0}자", &[&decimal(min_len)])
            }
            FieldType::String { min_len, max_len, .. } => {
                say("{0}..={1} characters", "{0}~{1}자", &[&decimal(min_len), &decimal(max_len)])
            }
            FieldType::Integer { exclusive_min, exclusive_max, .. } if exclusive_min.or(exclusive_max).is_some() => {
                number_bounds(self.ty, lang)
            }
            FieldType::Number { .. } => number_bounds(self.ty, lang),
            FieldType::Integer { min, max, .. } => match (min, max) {
                (Some(min), Some(max)) => say("integer {0}..={1}", "정수 {0}~{1}", &[min, max]),
                (Some(min), None) => say("integer >= {0}", "정수 {0} 이상", &[min]),
                (None, Some(max)) => say("integer <= {0}", "정수 {0} 이하", &[max]),
                (None, None) => say("an integer", "정수", &[]),
            },
            FieldType::Boolean => say("true or false", "true 또는 false", &[]),
            FieldType::Null => "null".to_string(),
            FieldType::Object { fields, .. } => {
                say("an object of {0} fields", "필드 {0}개의 객체", &[&decimal(fields.len())])
            }
            FieldType::Array { min_items, max_items, .. } => {
                say("an array of {0}..={1} items", "항목 {0}~{1}개의 배열", &[&decimal(min_items), &decimal(max_items)])
            }
        }
    }
}

/// The bounds of a number field, or an integer field with an exclusive bound, as one line:
/// `a number > 0 and < 1`, `정수 0 초과, 10 미만`.
fn number_bounds(ty: FieldType, lang: Lang) -> String {
    let b = ty.bounds();
    let ko = lang == Lang::Ko;
    let what = match (ty, ko) {
        (FieldType::Integer { .. }, false) => "an integer",
        (FieldType::Integer { .. }, true) => "정수",
        (_, false) => "a number",
        (_, true) => "숫자",
    };
    // Written out rather than `[String].join`: the module already has `[&str].join`'s copy.
    let mut text = what.to_string();
    let bounds =
        [(b.min, ">=", "이상"), (b.exclusive_min, ">", "초과"), (b.max, "<=", "이하"), (b.exclusive_max, "<", "미만")];
    for (i, (v, en, kr)) in bounds.iter().filter_map(|(bound, en, kr)| Some((bound.as_ref()?, en, kr))).enumerate() {
        let separator = match (i, ko) {
            (0, _) => " ",
            (_, false) => " and ",
            (_, true) => ", ",
        };
        text.push_str(separator);
        text.push_str(&if ko { fill("{0} {1}", &[v, kr]) } else { fill("{0} {1}", &[en, v]) });
    }
    text
}

// ---------------------------------------------------------------------------------------------
// Documentation notes (conflicts and decisions)
// ---------------------------------------------------------------------------------------------

/// A place where KONA PLATE's documents disagree, or are silent, and what konaplate does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DocNote {
    pub id: &'static str,
    pub text: Text,
}

// ---------------------------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Requirement {
    Required,
    /// Required except for callback APIs (none of the charge flow is a callback).
    Conditional,
    /// Required only when the body is encrypted.
    Optional,
}

/// Which value format a header follows; `validate` holds the checks for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum HeaderFormat {
    AspId,
    CorrelationId,
    AccessKey,
    CryptoKeyId,
    TranToken,
    TranTime,
    TimeZone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeaderSpec {
    /// Canonical spelling; matching is case-insensitive, as in HTTP.
    pub name: &'static str,
    pub requirement: Requirement,
    /// The length KONA PLATE documents (see `note` where that disagrees with the format).
    pub documented_length: usize,
    pub format: HeaderFormat,
    /// The rule in one line, shown beside the input.
    pub rule: Text,
    pub description: Text,
    /// Holds the caller's credential: never echoed in messages, logs or snippets.
    pub secret: bool,
    pub note: Option<&'static DocNote>,
}

/// The header spec with this name, matched case-insensitively.
pub fn header(name: &str) -> Option<&'static HeaderSpec> {
    HEADERS.iter().find(|h| h.name.eq_ignore_ascii_case(name))
}

// ---------------------------------------------------------------------------------------------
// Response codes
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseCode {
    pub code: Code,
    pub http: u16,
    /// `response.description` as the server sends it.
    pub message: &'static str,
    pub meaning: Text,
    pub provenance: Provenance,
}

/// A response code with its facts, whichever document states it: a loaded document's own codes
/// are these, and the built-in catalog's typed codes read as these ([`Endpoint::code_entry`]),
/// so a view or a check handles both alike. The built-in ones stay typed ([`Code`]) where code
/// acts on one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeEntry {
    pub code: &'static str,
    pub http: u16,
    /// `response.description` as the server sends it.
    pub message: &'static str,
    pub meaning: Text,
    pub provenance: Provenance,
}

impl From<&ResponseCode> for CodeEntry {
    fn from(c: &ResponseCode) -> CodeEntry {
        CodeEntry {
            code: c.code.as_str(),
            http: c.http,
            message: c.message,
            meaning: c.meaning,
            provenance: c.provenance,
        }
    }
}

/// The catalog entry for a code such as `007_008`.
pub fn code(code: &str) -> Option<&'static ResponseCode> {
    codes().iter().find(|c| c.code.as_str() == code)
}

impl Code {
    /// Its catalog entry (status, message, meaning, provenance).
    pub fn info(self) -> &'static ResponseCode {
        // CODES is generated in the order of Code's variants (checked by a test below).
        &codes()[self as usize]
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    /// Stable short id (the document's `operationId`) used by the CLI, the JS package and
    /// permalinks.
    pub id: &'static str,
    /// The same id, typed, for an operation of the built-in document (`None` for one loaded
    /// at run time): code that acts on one operation matches on it.
    #[serde(skip)]
    pub operation: Option<OperationId>,
    /// The document's first tag for the operation: the console's picker groups by it.
    pub tag: &'static str,
    pub name: Text,
    pub summary: Text,
    pub method: &'static str,
    pub path: &'static str,
    pub version: &'static str,
    /// The request body is encrypted (`{"encData":"<JWE>"}`; the portal's `reqEncrypt`).
    pub encrypted: bool,
    /// The response body is encrypted to the client's key (the portal's `resEncrypt`).
    pub response_encrypted: bool,
    /// The Rust simulator the sandbox answers this operation with, if it has one.
    pub simulator: Option<Simulator>,
    pub request: &'static [Field],
    pub response: &'static [Field],
    pub codes: &'static [Code],
    /// Codes a loaded document declares itself, with their texts (none in the built-in document,
    /// whose codes are all typed in `codes`).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub own_codes: &'static [CodeEntry],
    pub notes: &'static [&'static DocNote],
}

impl Endpoint {
    /// A built-in operation the first load knows by name only ([`deferred`]): no fields,
    /// codes or notes until loaded.
    pub const fn stub(
        id: &'static str,
        operation: OperationId,
        tag: &'static str,
        name: Text,
        method: &'static str,
        path: &'static str,
    ) -> Endpoint {
        Endpoint {
            id,
            operation: Some(operation),
            tag,
            name,
            summary: t("", ""),
            method,
            path,
            version: "",
            encrypted: false,
            response_encrypted: false,
            simulator: None,
            request: &[],
            response: &[],
            codes: &[],
            own_codes: &[],
            notes: &[],
        }
    }

    /// The request field with this exact name.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.request.iter().find(|f| f.name == name)
    }

    /// The facts of a response code for this operation: one its document declares, else the
    /// built-in catalog's (which holds KONA PLATE's codes and konaplate's own).
    pub fn code_entry(&self, text: &str) -> Option<CodeEntry> {
        let own = self.own_codes.iter().find(|c| c.code == text).copied();
        own.or_else(|| code(text).map(CodeEntry::from))
    }

    /// Whether the operation's document lists this code for it.
    pub fn documents(&self, code: &str) -> bool {
        self.codes.iter().any(|c| c.as_str() == code) || self.own_codes.iter().any(|c| c.code == code)
    }

    /// The code a success is answered with: the first HTTP 200 code the document declares for
    /// the operation, else KONA PLATE's `000_000`.
    pub fn success_code(&self) -> CodeEntry {
        self.own_codes.iter().find(|c| c.http == 200).copied().unwrap_or_else(|| Code::Success.info().into())
    }

    /// Full URL under `base` (no trailing slash), e.g. [`SANDBOX_BASE_URL`].
    pub fn url(&self, base: &str) -> String {
        [base.trim_end_matches('/'), self.path].concat()
    }
}

/// The behaviours the sandbox simulates in Rust; the document names one per operation
/// (`x-konaplate-simulator`), and a name without a variant here does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Simulator {
    OneTimeToken,
    Charge,
    ResultInquiry,
    Cancel,
    AccountHolder,
    ArsAuth,
    ArsRegister,
    ArsRegisterInquiry,
    AccountInfo,
    AccountInquiry,
    AccountDelete,
    Payment,
    PaymentNetcancel,
    RefundFee,
    TransactionHistory,
}

impl Simulator {
    /// Every simulator by its name in the document (`x-konaplate-simulator`).
    pub const NAMED: &[(&str, Simulator)] = &[
        ("one-time-token", Simulator::OneTimeToken),
        ("charge", Simulator::Charge),
        ("result-inquiry", Simulator::ResultInquiry),
        ("cancel", Simulator::Cancel),
        ("account-holder", Simulator::AccountHolder),
        ("ars-auth", Simulator::ArsAuth),
        ("ars-register", Simulator::ArsRegister),
        ("ars-register-inquiry", Simulator::ArsRegisterInquiry),
        ("account-info", Simulator::AccountInfo),
        ("account-inquiry", Simulator::AccountInquiry),
        ("account-delete", Simulator::AccountDelete),
        ("payment", Simulator::Payment),
        ("payment-netcancel", Simulator::PaymentNetcancel),
        ("refund-fee", Simulator::RefundFee),
        ("transaction-history", Simulator::TransactionHistory),
    ];
}

impl OperationId {
    /// The built-in operation's catalog entry (a stub while [`deferred`] has not loaded it).
    pub fn endpoint(self) -> &'static Endpoint {
        // The lists are generated in the order of OperationId's variants (checked by a test below).
        operations()[self as usize]
    }
}

/// The built-in operations, in the document's order: [`ENDPOINTS`], or in a build with the
/// `deferred-operations` feature the first load's ([`FIRST_LOAD_ENDPOINTS`], stubs beyond the
/// charge flow) until [`deferred::install`] completes them.
pub fn operations() -> &'static [&'static Endpoint] {
    built_in().operations
}

/// The built-in Test Data ([`TEST_DATA`], or as [`operations`] says).
pub fn test_data() -> &'static [TestCase] {
    built_in().test_data
}

/// The built-in response links ([`LINKS`], or as [`operations`] says).
pub fn links() -> &'static [Link] {
    built_in().links
}

/// Every response code ([`CODES`], or as [`operations`] says: the codes only stubs answer have
/// no message or meaning until loaded).
pub fn codes() -> &'static [ResponseCode] {
    built_in().codes
}

fn built_in() -> &'static deferred::Lists {
    deferred::loaded().unwrap_or(&FIRST)
}

/// What this build starts with.
#[cfg(not(feature = "deferred-operations"))]
static FIRST: deferred::Lists =
    deferred::Lists { operations: ENDPOINTS, test_data: TEST_DATA, links: LINKS, codes: CODES };
#[cfg(feature = "deferred-operations")]
static FIRST: deferred::Lists = deferred::Lists {
    operations: FIRST_LOAD_ENDPOINTS,
    test_data: FIRST_LOAD_TEST_DATA,
    links: FIRST_LOAD_LINKS,
    codes: FIRST_LOAD_CODES,
};

/// The endpoint with this id (`charge`, `one-time-token`, `result-inquiry`, `cancel`) or path.
pub fn endpoint(id_or_path: &str) -> Option<&'static Endpoint> {
    find(operations(), id_or_path)
}

/// The operation among `operations` (built-in or loaded) with this id (operationId) or path.
pub fn find(operations: &[&'static Endpoint], id_or_path: &str) -> Option<&'static Endpoint> {
    operations.iter().copied().find(|e| e.id == id_or_path || e.path == id_or_path)
}

// ---------------------------------------------------------------------------------------------
// Test Data scenarios of the seed page
// ---------------------------------------------------------------------------------------------

/// Credentials of the konaplate sandbox project (not secrets: they are printed in the docs).
pub mod sandbox {
    /// The common ASP ID sandbox projects share (15 characters).
    pub const ASP_ID: &str = "KPSANDBOX000001";
    /// The sandbox project's access key (40 characters).
    pub const ACCESS_KEY: &str = "kp_sandbox_access_key_000000000000000000";
    /// A member with a registered bank account and a card: the success case.
    pub const MEMBER_ID: &str = "1234567890123456789";
    /// A merchant that takes charges.
    pub const MERCHANT_ID: &str = "123456789012345";
    /// A one-time token the sandbox issued in advance and keeps valid, so presets work without
    /// the token step. A real flow issues one with the one-time token API first.
    pub const PRESET_ONE_TIME_TOKEN: &str = "1111222233334444";
    pub const PRESET_DCVV: &str = "123";
    /// The success member's card, for the one-time token API.
    pub const MEMBER_CARD_NO: &str = "9410123456789012";
    /// A member whose PG does not answer: the charge is pending, then COMPLETED at the re-check.
    pub const PENDING_COMPLETES_MEMBER_ID: &str = "9000000000000000007";
    /// A member whose PG does not answer: the charge is pending, then FAILED at the re-check.
    pub const PENDING_FAILS_MEMBER_ID: &str = "9000000000000000008";
    /// The sequenceId the sandbox seeds as already charged (007_008).
    pub const USED_SEQUENCE_ID: &str = "SEQ-ALREADY-USED";
    /// A merchant that is not registered (007_901).
    pub const UNKNOWN_MERCHANT_ID: &str = "999999999999999";
    /// Prepaid card balance limit in won: a charge that would exceed it gets 007_003.
    pub const BALANCE_LIMIT: u64 = 2_000_000;
    /// How far X-KM-Tran-Time may be from the sandbox clock, either way.
    pub const TIME_WINDOW_MS: i64 = 5 * 60 * 1000;
    /// When a pending charge is re-checked (the page: every 5 minutes on the day of the request).
    pub const PENDING_RECHECK_MS: i64 = 5 * 60 * 1000;

    use super::{t, Text};

    /// How the konaplate sandbox behaves where KONA PLATE documents nothing; shown to users.
    pub const RULES: &[Text] = &[
        t(
            "Any userId not listed below is a member with a registered account and a card, created on first use.",
            "아래에 없는 userId는 처음 사용할 때 계좌와 카드가 등록된 회원으로 생성됩니다.",
        ),
        t(
            "One-time token 1111222233334444 with dcvv 123 works for every member and never expires; tokens issued by the API are single-use and expire after 30 seconds (5 minutes for type ATM or CREDIT).",
            "일회용 토큰 1111222233334444와 dcvv 123은 모든 회원에게 유효하며 만료되지 않습니다. API로 발급한 토큰은 한 번만 쓸 수 있고 30초(type이 ATM 또는 CREDIT이면 5분) 후 만료됩니다.",
        ),
        t(
            "Members 9000000000000000007 and 9000000000000000008: the PG does not answer, the charge answers isPending=true and stays PENDING until the re-check 5 minutes later, then becomes COMPLETED (…07) or FAILED (…08). The balance moves once, at completion.",
            "회원 9000000000000000007과 9000000000000000008: PG가 응답하지 않아 isPending=true로 응답하고 5분 뒤 재확인까지 PENDING이며, 이후 COMPLETED(…07) 또는 FAILED(…08)가 됩니다. 잔액은 완료 시 한 번만 바뀝니다.",
        ),
        t(
            "A member with a pending charge gets 007_005 for a new charge until it settles.",
            "처리 중인 충전이 있는 회원은 정산될 때까지 새 충전에 007_005를 받습니다.",
        ),
        t(
            "Cancel: nrNumber must be a COMPLETED, not yet cancelled charge of the same userId (else 007_030, or 007_043 for another member's charge); the refund is taken from the card balance once.",
            "취소: nrNumber는 같은 userId의 COMPLETED이고 아직 취소되지 않은 충전이어야 합니다(아니면 007_030, 다른 회원의 충전이면 007_043). 환불은 카드 잔액에서 한 번만 차감됩니다.",
        ),
        t(
            "X-KM-Tran-Time must be within 5 minutes of the sandbox clock (000_904); within that window a replayed charge gets 007_008 for its sequenceId.",
            "X-KM-Tran-Time은 샌드박스 시각과 5분 이내여야 합니다(000_904). 그 안에서 재전송된 충전은 sequenceId 때문에 007_008을 받습니다.",
        ),
        t(
            "Journey members 70000000001..70000000010 are the portal's test members (GET /sandbox/fixtures): they charge only after holder verification and a registration that reaches BANK_ACC_REGISTERED (007_001 before), two minutes of sandbox time after it starts.",
            "여정 회원 70000000001..70000000010은 포털의 테스트 회원입니다(GET /sandbox/fixtures). 예금주 검증과 BANK_ACC_REGISTERED에 이른 등록 뒤에만 충전할 수 있으며(그 전에는 007_001), 등록은 시작 후 샌드박스 시간으로 2분이 걸립니다.",
        ),
        t(
            "The sandbox's business clock moves forward only (POST /sandbox/clock, \"+5 min\" in the console): pending charges settle, registrations advance and tokens expire; X-KM-Tran-Time is still checked against the real time.",
            "샌드박스의 업무 시계는 앞으로만 움직입니다(POST /sandbox/clock, 콘솔의 \"+5분\"). 처리 중인 충전이 정산되고 등록이 진행되며 토큰이 만료됩니다. X-KM-Tran-Time은 여전히 실제 시각으로 확인합니다.",
        ),
    ];
}

/// One "Test Data" entry of the seed page and the request that produces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    pub id: &'static str,
    pub http: u16,
    /// The label exactly as the page prints it after "400 - ".
    pub label: &'static str,
    pub code: Code,
    /// What in the preset triggers the scenario in the konaplate sandbox.
    pub trigger: Text,
    /// Preset charge body. Its sequenceId is a placeholder unless `fresh_sequence_id` is false.
    pub body: &'static str,
    /// Replace the preset's sequenceId with a new unique one before sending.
    pub fresh_sequence_id: bool,
}

impl Scenario {
    /// The label as the page lists it, e.g. `400 - Franchise error`.
    pub fn display_label(&self) -> String {
        format!("{} - {}", self.http, self.label)
    }

    /// The preset breaks a documented bound on purpose (a negative test): clients that refuse
    /// invalid requests must be told to send it anyway.
    pub fn negative_test(&self) -> bool {
        crate::validate::validate_body(&CHARGE_ENDPOINT, self.body)
            .iter()
            .any(|v| v.severity == crate::violation::Severity::Error)
    }
}

/// The scenario with this id.
pub fn scenario(id: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.id == id)
}

/// Everything in the catalog as one JSON document (CLI `catalog --json`, the JS `catalog()`).
pub fn export() -> serde_json::Value {
    serde_json::json!({
        "endpoints": ENDPOINTS,
        "headers": HEADERS,
        "codes": CODES,
        "scenarios": SCENARIOS,
        "testData": TEST_DATA,
        "links": LINKS,
        "notes": notes::ALL,
        "sandboxRules": sandbox::RULES,
    })
}

/// A field's `const` serialised as the JSON value its text writes.
fn constant_as_json<S: serde::Serializer>(constant: &Option<&'static str>, serializer: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&constant.map(|text| crate::json::read(text).unwrap_or_default()), serializer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_lists_every_table() {
        let doc = export();
        assert_eq!(doc["endpoints"].as_array().map(Vec::len), Some(ENDPOINTS.len()));
        assert_eq!(doc["codes"].as_array().map(Vec::len), Some(CODES.len()));
        assert_eq!(doc["scenarios"].as_array().map(Vec::len), Some(SCENARIOS.len()));
        assert!(doc["sandboxRules"].is_array());
    }

    #[test]
    fn thirteen_scenarios_with_the_seed_pages_labels_in_order() {
        let labels: Vec<String> = SCENARIOS.iter().map(Scenario::display_label).collect();
        assert_eq!(
            labels,
            [
                "200 - Test succeeded",
                "400 - Invalid input parameter",
                "400 - No account registered",
                "400 - The requested benefit information (incentive) and the benefit information to be applied at the time of charging are different",
                "400 - Refusal of approval due to exceeding the amount (limit) from Kona Card's approval server",
                "400 - Failed to withdraw money from PG",
                "400 - A request to charge the account is received while a charging transaction to the account is in progress.",
                "400 - A request to charge the account is received while an auto charging transaction is in progress at the time of payment.",
                "400 - The amount requested to be charged is less than 0 won",
                "400 - A request was already made for the same seqId.",
                "400 - Franchise error",
                "400 - Attempt to change with invalid one-time token",
                "400 - 은행 계좌에 문제가 있음. 은행에 문의",
            ]
        );
    }

    #[test]
    fn every_scenario_code_is_in_the_catalog_with_its_status() {
        for s in SCENARIOS {
            assert_eq!(s.code.info().http, s.http, "{}", s.id);
            assert!(CHARGE_ENDPOINT.codes.contains(&s.code), "{}", s.id);
        }
    }

    #[test]
    fn exactly_the_two_out_of_bounds_presets_are_negative_tests() {
        let negative: Vec<&str> = SCENARIOS.iter().filter(|s| s.negative_test()).map(|s| s.id).collect();
        assert_eq!(negative, ["invalid-input", "amount-below-one"]);
    }

    #[test]
    fn exactly_the_three_unprinted_scenarios_use_codes_of_ours() {
        let ours: Vec<&str> =
            SCENARIOS.iter().filter(|s| s.code.info().provenance == Provenance::Ours).map(|s| s.id).collect();
        assert_eq!(ours, ["franchise-error", "invalid-one-time-token", "bank-account-problem"]);
    }

    #[test]
    fn every_preset_body_is_json_with_the_charge_fields_in_catalog_order() {
        for s in SCENARIOS {
            let v: serde_json::Value = serde_json::from_str(s.body).unwrap();
            let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
            let expected: Vec<&str> = CHARGE_ENDPOINT.request.iter().map(|f| f.name).collect();
            assert_eq!(keys, expected, "{}", s.id);
        }
    }

    /// `lean-catalog` (the JS package's main entry) empties exactly the prose: the names, header
    /// rules and the notes that messages quote stay. Run by `10-native` with the feature.
    #[cfg(feature = "lean-catalog")]
    #[test]
    fn the_lean_catalog_drops_the_prose_and_keeps_what_messages_quote() {
        let empty = |t: Text| t.en.is_empty() && t.ko.is_empty();
        for e in ENDPOINTS {
            assert!(empty(e.summary) && !empty(e.name), "{}", e.id);
            assert!(e.request.iter().all(|f| empty(f.description)), "{}", e.id);
            assert!(e.response.is_empty() && !e.request.is_empty(), "{}", e.id);
        }
        assert!(CODES.iter().all(|c| empty(c.meaning)));
        // A note keeps its text exactly when the core's code names it (`notes::NAME`): xtask's
        // QUOTED_NOTES must list every note a message quotes.
        let quoted = quoted_note_names();
        assert!(quoted.contains(&"TRAN_TOKEN_LENGTH".to_string()), "the source scan found {quoted:?}");
        for note in notes::ALL {
            let name = note.id.to_uppercase().replace('-', "_");
            assert_eq!(
                empty(note.text),
                !quoted.contains(&name),
                "note {}: add it to QUOTED_NOTES in xtask/src/emit.rs",
                note.id
            );
        }
    }

    /// The `NAME`s of `notes::NAME` in the core's sources, generated code and tests aside.
    #[cfg(feature = "lean-catalog")]
    fn quoted_note_names() -> Vec<String> {
        fn scan(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
                let path = entry.path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if path.is_dir() && name != "tests" {
                    scan(&path, out);
                } else if name.ends_with(".rs") && name != "generated.rs" && name != "tests.rs" {
                    let source = std::fs::read_to_string(&path).unwrap();
                    let code = source.split("#[cfg(test)]").next().unwrap();
                    for (i, _) in code.match_indices("notes::") {
                        let rest = &code[i + "notes::".len()..];
                        let end = rest.find(|c: char| !(c.is_ascii_uppercase() || c == '_')).unwrap_or(rest.len());
                        let name = &rest[..end];
                        if !name.is_empty() && name != "ALL" && !out.iter().any(|n| n == name) {
                            out.push(name.to_string());
                        }
                    }
                }
            }
        }
        let mut out = Vec::new();
        scan(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
        out
    }

    #[test]
    #[cfg_attr(feature = "lean-catalog", ignore = "compares the catalog's prose, which lean-catalog leaves out")]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for c in CODES {
            assert!(seen.insert(c.code.as_str()), "duplicate {}", c.code);
            let b = c.code.as_str().as_bytes();
            assert!(
                b.len() == 7 && b[3] == b'_' && c.code.as_str().replace('_', "").bytes().all(|d| d.is_ascii_digit())
            );
            assert!(!c.meaning.en.is_empty() && !c.meaning.ko.is_empty());
        }
    }

    #[test]
    fn endpoints_are_found_by_id_and_path_and_every_code_they_list_exists() {
        for e in ENDPOINTS {
            assert_eq!(endpoint(e.id), Some(*e));
            assert_eq!(endpoint(e.path), Some(*e));
            assert_eq!(e.operation.map(OperationId::endpoint), Some(*e), "ENDPOINTS follows OperationId's order");
            assert!(e.codes.contains(&Code::Success), "{} lists no success code", e.id);
        }
        assert_eq!(
            CHARGE_ENDPOINT.url(SANDBOX_BASE_URL),
            "https://sandbox.konaplate.com/open-api/api/v1/recharges/by-bank-accounts/no-hce"
        );
    }

    #[test]
    fn every_code_finds_its_own_entry() {
        for c in Code::ALL {
            assert_eq!(c.info().code, *c, "CODES follows Code's order");
            assert_eq!(code(c.as_str()).map(|r| r.code), Some(*c));
        }
        assert_eq!(Code::ALL.len(), CODES.len());
    }

    #[test]
    fn sandbox_credentials_have_the_documented_lengths() {
        assert_eq!(sandbox::ASP_ID.chars().count(), header(ASP_ID).unwrap().documented_length);
        assert_eq!(sandbox::ACCESS_KEY.chars().count(), header(ACCESS_KEY).unwrap().documented_length);
    }

    #[test]
    fn headers_match_case_insensitively() {
        assert_eq!(header("x-km-tran-token").map(|h| h.name), Some(TRAN_TOKEN));
        assert_eq!(HEADERS.len(), 7);
    }
}
