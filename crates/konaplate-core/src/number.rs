//! Exact integer checks on JSON number text. No float, no `u64` parse: bounds such as
//! `9999999999999999999` are compared digit by digit, so any length of input is exact.
//!
//! Decisions (documented in the README's validation rules):
//! - `1.0`, `1e3`, `1E3`, `0.5`: not integers (rule `integer`), even when their value is whole.
//!   Servers differ in whether they truncate, round or reject them; we never guess.
//! - `-0`: an integer whose value is 0, so it is below a minimum of 1.
//! - Leading zeros (`007`): not JSON at all; the parser reports them as a syntax error.

use std::cmp::Ordering;

/// An integer read from JSON text: sign and digits without leading zeros.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExactInteger<'a> {
    negative: bool,
    digits: &'a str,
}

impl<'a> ExactInteger<'a> {
    /// Reads `-?[0-9]+`; anything else (fraction, exponent, sign `+`, empty) is `None`.
    pub fn parse(text: &'a str) -> Option<Self> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let trimmed = digits.trim_start_matches('0');
        let digits = if trimmed.is_empty() { "0" } else { trimmed };
        // -0 is zero.
        Some(ExactInteger { negative: negative && digits != "0", digits })
    }

    /// The canonical decimal text (`-0` becomes `0`).
    pub fn canonical(&self) -> String {
        if self.negative {
            format!("-{}", self.digits)
        } else {
            self.digits.to_string()
        }
    }
}

impl Ord for ExactInteger<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        let magnitude = self.digits.len().cmp(&other.digits.len()).then_with(|| self.digits.cmp(other.digits));
        match (self.negative, other.negative) {
            (false, false) => magnitude,
            (true, true) => magnitude.reverse(),
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
        }
    }
}

impl PartialOrd for ExactInteger<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Where a number's text stands against inclusive bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    InRange,
    BelowMinimum,
    AboveMaximum,
    /// Has a fraction or exponent, or is not a number at all.
    NotInteger,
}

/// Checks `text` (JSON number text) against `min..=max` (decimal text) exactly.
pub fn check(text: &str, min: Option<&str>, max: Option<&str>) -> Bound {
    let Some(value) = ExactInteger::parse(text) else {
        return Bound::NotInteger;
    };
    // Bounds come from the catalog, checked integers; an unreadable one bounds nothing.
    let (min, max) = (min.and_then(ExactInteger::parse), max.and_then(ExactInteger::parse));
    if min.is_some_and(|min| value < min) {
        Bound::BelowMinimum
    } else if max.is_some_and(|max| value > max) {
        Bound::AboveMaximum
    } else {
        Bound::InRange
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX_USER_ID: &str = "9999999999999999999";

    #[test]
    fn user_id_bounds_are_exact_at_nineteen_and_twenty_digits() {
        let table = [
            ("1", Bound::InRange),
            ("9007199254740993", Bound::InRange), // 2^53 + 1: a float would round it
            ("9999999999999999999", Bound::InRange),
            ("10000000000000000000", Bound::AboveMaximum),
            ("99999999999999999999999999999", Bound::AboveMaximum),
            ("0", Bound::BelowMinimum),
            ("-0", Bound::BelowMinimum),
            ("-1", Bound::BelowMinimum),
            ("-99999999999999999999", Bound::BelowMinimum),
            ("1.0", Bound::NotInteger),
            ("1e3", Bound::NotInteger),
            ("1E3", Bound::NotInteger),
            ("+1", Bound::NotInteger),
            ("", Bound::NotInteger),
            ("-", Bound::NotInteger),
        ];
        for (text, want) in table {
            assert_eq!(check(text, Some("1"), Some(MAX_USER_ID)), want, "{text}");
        }
    }

    #[test]
    fn ordering_handles_signs_and_lengths() {
        let n = |s| ExactInteger::parse(s).unwrap();
        assert!(n("-10") < n("-9"));
        assert!(n("-1") < n("0"));
        assert!(n("9") < n("10"));
        assert_eq!(n("-0"), n("0"));
        assert_eq!(n("-0").canonical(), "0");
        assert_eq!(n("0042").canonical(), "42");
    }
}
