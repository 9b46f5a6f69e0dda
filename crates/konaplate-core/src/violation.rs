//! What validation returns: violations as data, each naming where, which rule, what was
//! expected and what was found, in English and Korean.

use serde::{Deserialize, Serialize};

/// Where a violation is: a request header, or a place in the JSON body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Target {
    Header,
    Body,
}

/// How bad it is. Only errors make a request invalid; warnings and notes inform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Error,
    Warning,
    /// A documentation conflict or konaplate decision the user should know about.
    Note,
}

/// The rule a violation breaks. Stable identifiers: the JS package and the console branch on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// A message in English and Korean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub en: String,
    pub ko: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Violation {
    pub target: Target,
    /// Header name (canonical spelling) or JSON path such as `$.userId` (`$` is the root).
    pub location: String,
    pub rule: Rule,
    pub severity: Severity,
    pub expected: String,
    /// What was found, shortened; never a credential (those are described, not quoted).
    pub got: String,
    pub message: Message,
    /// 1-based position, for JSON syntax errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

/// Longest `got` text quoted back; longer values are cut with their length stated.
const MAX_QUOTE_CHARS: usize = 60;

/// `value` quoted for a message, cut to a readable length.
pub fn quote(value: &str) -> String {
    let count = value.chars().count();
    if count <= MAX_QUOTE_CHARS {
        format!("{value:?}")
    } else {
        let head: String = value.chars().take(MAX_QUOTE_CHARS).collect();
        format!("{head:?}… ({count} characters)")
    }
}

/// The result of validating one request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub violations: Vec<Violation>,
    pub error_count: usize,
    pub warning_count: usize,
    pub note_count: usize,
}

impl Violation {
    /// A violation in a JSON body at `location` (a JSON path), without a line and column.
    pub fn in_body(
        location: impl Into<String>,
        rule: Rule,
        severity: Severity,
        expected: impl Into<String>,
        got: String,
        en: String,
        ko: String,
    ) -> Violation {
        Violation {
            target: Target::Body,
            location: location.into(),
            rule,
            severity,
            expected: expected.into(),
            got,
            message: Message { en, ko },
            line: None,
            column: None,
        }
    }
}

impl Report {
    pub fn new(mut violations: Vec<Violation>) -> Self {
        // Errors first, then warnings, then notes; order within a severity is discovery order.
        violations.sort_by_key(|v| v.severity);
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_cuts_long_values_and_says_how_long() {
        assert_eq!(quote("abc"), "\"abc\"");
        let long = "x".repeat(100);
        let q = quote(&long);
        assert!(q.ends_with("… (100 characters)"), "{q}");
        assert!(q.chars().count() < 90);
    }

    #[test]
    fn report_orders_by_severity_and_counts() {
        let v = |severity| Violation {
            target: Target::Body,
            location: "$".into(),
            rule: Rule::Type,
            severity,
            expected: String::new(),
            got: String::new(),
            message: Message { en: String::new(), ko: String::new() },
            line: None,
            column: None,
        };
        let r = Report::new(vec![v(Severity::Note), v(Severity::Error), v(Severity::Warning)]);
        let order: Vec<Severity> = r.violations.iter().map(|v| v.severity).collect();
        assert_eq!(order, [Severity::Error, Severity::Warning, Severity::Note]);
        assert_eq!((r.error_count, r.warning_count, r.note_count), (1, 1, 1));
        assert!(!r.is_valid());
    }
}
