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
            ["-", self.digits].concat()
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

/// A JSON number's exact value: `0.DIGITS × 10^point`, DIGITS being the significant digits of
/// `int` then `frac` (no leading or trailing zeros; none for zero). Read from the text, never
/// through a float and without copying it, so `1.0`, `1`, `10e-1` and `0.1e1` are the same
/// value and `0.1` is exactly a tenth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Decimal<'a> {
    negative: bool,
    int: &'a str,
    frac: &'a str,
    /// The significant digits' range in `int` followed by `frac`.
    significant: (usize, usize),
    point: i64,
}

/// Exponents are read up to this magnitude; beyond it (a number with more than 10^17 zeros) they
/// saturate, far past any text a body limit lets through (and past what a JavaScript number or
/// ajv can hold). 64-bit, as every other integer the page reads: a 128-bit one would bring its
/// own parsing and printing code into the page.
const EXPONENT_LIMIT: i64 = 100_000_000_000_000_000;

impl<'a> Decimal<'a> {
    /// Reads JSON number text (`-?int(.frac)?([eE][+-]?exp)?`); anything else is `None`.
    fn parse(text: &'a str) -> Option<Decimal<'a>> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        // Found by byte (the markers are ASCII): smaller in Wasm than `str`'s searchers.
        let (mantissa, exponent) = match rest.bytes().position(|b| b == b'e' || b == b'E') {
            Some(at) => (&rest[..at], Some(&rest[at + 1..])),
            None => (rest, None),
        };
        let (int, frac) = match mantissa.bytes().position(|b| b == b'.') {
            Some(at) if at + 1 < mantissa.len() => (&mantissa[..at], &mantissa[at + 1..]),
            Some(_) => return None,
            None => (mantissa, ""),
        };
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits_only(int) || !digits_only(frac) {
            return None;
        }
        let exponent: i64 = match exponent {
            None => 0,
            Some(e) => {
                let (sign, e) = match e.as_bytes().first() {
                    Some(b'-') => (-1, &e[1..]),
                    Some(b'+') => (1, &e[1..]),
                    _ => (1, e),
                };
                if e.is_empty() || !digits_only(e) {
                    return None;
                }
                let e = e.trim_start_matches('0');
                let magnitude = match e.len() {
                    0 => 0,
                    // At most 18 digits: within i64.
                    1..=18 => e.bytes().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')).min(EXPONENT_LIMIT),
                    _ => EXPONENT_LIMIT,
                };
                sign * magnitude
            }
        };
        let mut decimal = Decimal { negative, int, frac, significant: (0, 0), point: 0 };
        let all = int.len() + frac.len();
        let leading = (0..all).find(|&i| decimal.digit(i) != b'0').unwrap_or(all);
        let end = (leading..all).rev().find(|&i| decimal.digit(i) != b'0').map_or(leading, |i| i + 1);
        decimal.significant = (leading, end);
        decimal.negative = negative && end > leading;
        // The value is 0.ALL × 10^(len(int) + exponent); leading zeros move the point left.
        decimal.point = int.len() as i64 - leading as i64 + exponent;
        Some(decimal)
    }

    /// Digit `i` of `int` followed by `frac`, as an ASCII byte.
    fn digit(&self, i: usize) -> u8 {
        match self.int.as_bytes().get(i) {
            Some(&b) => b,
            None => self.frac.as_bytes()[i - self.int.len()],
        }
    }

    /// The significant digits, in order.
    fn digits(&self) -> impl Iterator<Item = u8> + '_ {
        (self.significant.0..self.significant.1).map(|i| self.digit(i))
    }

    fn sign(&self) -> i8 {
        match (self.significant.0 == self.significant.1, self.negative) {
            (true, _) => 0,
            (false, true) => -1,
            (false, false) => 1,
        }
    }
}

impl Ord for Decimal<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        let by_sign = self.sign().cmp(&other.sign());
        if by_sign != Ordering::Equal || self.sign() == 0 {
            return by_sign;
        }
        // Same sign, both non-zero: the magnitude by the point, then digit by digit (without
        // trailing zeros, a prefix is the smaller).
        let magnitude = self.point.cmp(&other.point).then_with(|| self.digits().cmp(other.digits()));
        if self.negative {
            magnitude.reverse()
        } else {
            magnitude
        }
    }
}

impl PartialOrd for Decimal<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The exact order of two JSON number texts (`1.0` equals `1`, `1e2` equals `100`); `None` when
/// either is not number text.
pub fn compare(a: &str, b: &str) -> Option<Ordering> {
    Some(Decimal::parse(a)?.cmp(&Decimal::parse(b)?))
}

/// A field's numeric bounds as decimal text, each optional: inclusive `minimum`/`maximum` and
/// exclusive `exclusiveMinimum`/`exclusiveMaximum` (JSON Schema 2020-12's numeric form).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bounds<'a> {
    pub min: Option<&'a str>,
    pub max: Option<&'a str>,
    pub exclusive_min: Option<&'a str>,
    pub exclusive_max: Option<&'a str>,
}

/// Where a number stands against [`Bounds`]: the first bound it breaks, in the order minimum,
/// exclusive minimum, maximum, exclusive maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outside {
    BelowMinimum,
    NotAboveExclusiveMinimum,
    AboveMaximum,
    NotBelowExclusiveMaximum,
    /// Has a fraction or exponent where an integer is required, or is not number text.
    NotInteger,
}

/// Checks the JSON number `text` against `bounds` exactly; `integer` requires it to be written
/// as an integer (see the module's decisions). `None`: within every bound.
pub fn check_bounds(text: &str, integer: bool, bounds: Bounds<'_>) -> Option<Outside> {
    let exact = ExactInteger::parse(text);
    if integer && exact.is_none() {
        return Some(Outside::NotInteger);
    }
    match exact.and_then(|value| integer_bounds(value, bounds)) {
        Some(outside) => outside,
        None => decimal_bounds(text, bounds),
    }
}

/// [`check_bounds`] on exact decimal values, for any number text and bounds.
fn decimal_bounds(text: &str, bounds: Bounds<'_>) -> Option<Outside> {
    let Some(value) = Decimal::parse(text) else { return Some(Outside::NotInteger) };
    // Bounds come from a checked document; an unreadable one bounds nothing.
    let order = |bound: Option<&str>| bound.and_then(Decimal::parse).map(|b| value.cmp(&b));
    if order(bounds.min) == Some(Ordering::Less) {
        Some(Outside::BelowMinimum)
    } else if matches!(order(bounds.exclusive_min), Some(Ordering::Less | Ordering::Equal)) {
        Some(Outside::NotAboveExclusiveMinimum)
    } else if order(bounds.max) == Some(Ordering::Greater) {
        Some(Outside::AboveMaximum)
    } else if matches!(order(bounds.exclusive_max), Some(Ordering::Greater | Ordering::Equal)) {
        Some(Outside::NotBelowExclusiveMaximum)
    } else {
        None
    }
}

/// [`check_bounds`] for an integer when every bound given is integer text too (the usual
/// case): compared as integers, without reading decimals. `None` when a bound is not.
fn integer_bounds(value: ExactInteger<'_>, bounds: Bounds<'_>) -> Option<Option<Outside>> {
    fn read(bound: Option<&str>) -> Option<Option<ExactInteger<'_>>> {
        match bound {
            None => Some(None),
            Some(text) => ExactInteger::parse(text).map(Some),
        }
    }
    let (min, exclusive_min) = (read(bounds.min)?, read(bounds.exclusive_min)?);
    let (max, exclusive_max) = (read(bounds.max)?, read(bounds.exclusive_max)?);
    Some(if min.is_some_and(|min| value < min) {
        Some(Outside::BelowMinimum)
    } else if exclusive_min.is_some_and(|min| value <= min) {
        Some(Outside::NotAboveExclusiveMinimum)
    } else if max.is_some_and(|max| value > max) {
        Some(Outside::AboveMaximum)
    } else if exclusive_max.is_some_and(|max| value >= max) {
        Some(Outside::NotBelowExclusiveMaximum)
    } else {
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX_USER_ID: &str = "9999999999999999999";

    #[test]
    fn user_id_bounds_are_exact_at_nineteen_and_twenty_digits() {
        let user_id = Bounds { min: Some("1"), max: Some(MAX_USER_ID), ..Bounds::default() };
        let table = [
            ("1", None),
            ("9007199254740993", None), // 2^53 + 1: a float would round it
            ("9999999999999999999", None),
            ("10000000000000000000", Some(Outside::AboveMaximum)),
            ("99999999999999999999999999999", Some(Outside::AboveMaximum)),
            ("0", Some(Outside::BelowMinimum)),
            ("-0", Some(Outside::BelowMinimum)),
            ("-1", Some(Outside::BelowMinimum)),
            ("-99999999999999999999", Some(Outside::BelowMinimum)),
            ("1.0", Some(Outside::NotInteger)),
            ("1e3", Some(Outside::NotInteger)),
            ("1E3", Some(Outside::NotInteger)),
            ("+1", Some(Outside::NotInteger)),
            ("", Some(Outside::NotInteger)),
            ("-", Some(Outside::NotInteger)),
        ];
        for (text, want) in table {
            assert_eq!(check_bounds(text, true, user_id), want, "{text}");
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

    #[test]
    fn decimals_compare_by_exact_value_on_their_text() {
        use Ordering::*;
        let table = [
            ("1", "1.0", Equal),
            ("1", "10e-1", Equal),
            ("100", "1e2", Equal),
            ("0.1e1", "1", Equal),
            ("0", "-0", Equal),
            ("0.0", "-0e5", Equal),
            ("0.1", "0.10000000000000001", Less),
            ("9007199254740993", "9007199254740992", Greater),
            ("9999999999999999999", "1e19", Less),
            ("-1.5", "-1.25", Less),
            ("-1", "0", Less),
            ("1e-400", "0", Greater),
            ("-1e-400", "0", Less),
            ("1e400", "1e399", Greater),
            ("0.000123", "1.23E-4", Equal),
            ("12.5", "125e-1", Equal),
            ("1E+2", "100", Equal),
            ("1e0", "1", Equal),
            ("5e00", "5", Equal),
            ("1e-0", "1.0", Equal),
            // Zeros on both sides of the point, in the integer part and the fraction.
            ("10.50", "1.05e1", Equal),
            ("100.0010", "100.001", Equal),
            ("000.100", "0.1", Equal),
            ("1000", "999.999", Greater),
            ("0.00", "0e-3", Equal),
            // Exponents up to 10^17 count exactly; beyond that they saturate (EXPONENT_LIMIT).
            ("1e99999999999999999", "1e99999999999999998", Greater),
            ("1e-99999999999999999", "1e-99999999999999998", Less),
            ("1e999999999999999999999", "1e100000000000000000", Equal),
            ("2e999999999999999999999", "1e999999999999999999999", Greater),
        ];
        for (a, b, want) in table {
            assert_eq!(compare(a, b), Some(want), "{a} vs {b}");
            assert_eq!(compare(b, a), Some(want.reverse()), "{b} vs {a}");
        }
        for bad in ["", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "1.5.5", "NaN"] {
            assert_eq!(compare(bad, "1"), None, "{bad}");
        }
    }

    #[test]
    fn exclusive_bounds_refuse_the_bound_itself() {
        let bounds = Bounds { exclusive_min: Some("0"), exclusive_max: Some("1"), ..Bounds::default() };
        let table = [
            ("0.5", None),
            ("1e-400", None),
            ("0", Some(Outside::NotAboveExclusiveMinimum)),
            ("-0.0", Some(Outside::NotAboveExclusiveMinimum)),
            ("-3", Some(Outside::NotAboveExclusiveMinimum)),
            ("1", Some(Outside::NotBelowExclusiveMaximum)),
            ("1.000", Some(Outside::NotBelowExclusiveMaximum)),
            ("0.99999999999999999999999", None),
        ];
        for (text, want) in table {
            assert_eq!(check_bounds(text, false, bounds), want, "{text}");
        }
        let ids = Bounds { exclusive_min: Some("0"), exclusive_max: Some("10000000000000000000"), ..Bounds::default() };
        assert_eq!(check_bounds("9999999999999999999", true, ids), None);
        assert_eq!(check_bounds("10000000000000000000", true, ids), Some(Outside::NotBelowExclusiveMaximum));
        assert_eq!(check_bounds("1.0", true, ids), Some(Outside::NotInteger));
        let inclusive = Bounds { min: Some("1.5"), max: Some("2.5"), ..Bounds::default() };
        assert_eq!(check_bounds("1.5", false, inclusive), None);
        assert_eq!(check_bounds("1.49", false, inclusive), Some(Outside::BelowMinimum));
        assert_eq!(check_bounds("2.51", false, inclusive), Some(Outside::AboveMaximum));
    }

    #[test]
    fn the_integer_shortcut_agrees_with_the_decimal_comparison() {
        let values = ["-10", "-1", "-0", "0", "1", "2", "9", "10", "11", "9999999999999999999", "10000000000000000000"];
        let bounds = [None, Some("-1"), Some("0"), Some("1"), Some("10"), Some("9999999999999999999")];
        for text in values {
            for (min, max) in bounds.iter().flat_map(|a| bounds.iter().map(move |b| (*a, *b))) {
                for bounds in [
                    Bounds { min, max, ..Bounds::default() },
                    Bounds { exclusive_min: min, exclusive_max: max, ..Bounds::default() },
                    Bounds { min, exclusive_max: max, ..Bounds::default() },
                ] {
                    let shortcut = integer_bounds(ExactInteger::parse(text).unwrap(), bounds);
                    assert_eq!(shortcut, Some(decimal_bounds(text, bounds)), "{text} {bounds:?}");
                }
            }
        }
        // A bound that is not integer text leaves the decision to the decimal comparison.
        let half = Bounds { min: Some("0.5"), ..Bounds::default() };
        assert_eq!(integer_bounds(ExactInteger::parse("1").unwrap(), half), None);
        assert_eq!(check_bounds("0", true, half), Some(Outside::BelowMinimum));
    }
}
