//! Request times in the three textual forms KONA PLATE uses, from epoch milliseconds.
//!
//! The core never reads a clock: callers pass `epoch_ms` (JavaScript's `Date.now()`, or
//! `SystemTime` natively), which keeps every function here deterministic and testable.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone as _, Timelike};
use serde::{Deserialize, Serialize};

/// The time zones konaplate generates headers for (`X-KM-Time-Zone`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimeZone {
    #[serde(rename = "UTC")]
    Utc,
    #[serde(rename = "KST")]
    Kst,
}

impl TimeZone {
    pub const ALL: [TimeZone; 2] = [TimeZone::Utc, TimeZone::Kst];

    /// The header value: `UTC` or `KST`.
    pub fn code(self) -> &'static str {
        match self {
            TimeZone::Utc => "UTC",
            TimeZone::Kst => "KST",
        }
    }

    /// Parses `UTC` / `KST` exactly (the header is case-sensitive upper case).
    pub fn from_code(code: &str) -> Option<TimeZone> {
        TimeZone::ALL.into_iter().find(|z| z.code() == code)
    }

    fn offset(self) -> FixedOffset {
        let hours = match self {
            TimeZone::Utc => 0,
            TimeZone::Kst => 9,
        };
        FixedOffset::east_opt(hours * 3600).expect("offset within a day")
    }
}

/// An instant that cannot be written in KONA PLATE's formats (before 1970 or after 9999).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange {
    pub epoch_ms: i64,
}

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "epoch milliseconds {} are outside 1970..=9999", self.epoch_ms)
    }
}

impl std::error::Error for OutOfRange {}

/// One instant rendered in a zone; every header time of one request comes from one of these,
/// so X-KM-Tran-Time, the tran-token time and the correlation id always agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestTime {
    local: DateTime<FixedOffset>,
    zone: TimeZone,
}

/// Last instant we can write with a 4-digit year: 9999-12-31T23:59:59.999Z.
const MAX_EPOCH_MS: i64 = 253_402_300_799_999;

impl RequestTime {
    pub fn new(epoch_ms: i64, zone: TimeZone) -> Result<Self, OutOfRange> {
        if !(0..=MAX_EPOCH_MS - 9 * 3_600_000).contains(&epoch_ms) {
            return Err(OutOfRange { epoch_ms });
        }
        let utc = DateTime::from_timestamp_millis(epoch_ms).ok_or(OutOfRange { epoch_ms })?;
        Ok(RequestTime { local: utc.with_timezone(&zone.offset()), zone })
    }

    pub fn zone(&self) -> TimeZone {
        self.zone
    }

    pub fn epoch_ms(&self) -> i64 {
        self.local.timestamp_millis()
    }

    /// `X-KM-Tran-Time`: `yyyyMMddHHmmss`, 14 digits.
    pub fn tran_time(&self) -> String {
        self.digits(4, false)
    }

    /// The tran-token's time: `yyyyMMddHHmmssSSS`, 17 digits.
    pub fn token_time(&self) -> String {
        self.digits(4, true)
    }

    /// The 12-digit `yyMMddHHmmss` that starts a correlation id.
    pub fn correlation_prefix(&self) -> String {
        self.digits(2, false)
    }

    /// The local time as digits, from the date fields (no format-string parsing per call:
    /// this runs on every keystroke in the console).
    fn digits(&self, year_digits: usize, millis: bool) -> String {
        let t = &self.local;
        let year = if year_digits == 2 { t.year() % 100 } else { t.year() };
        let mut out = format!(
            "{year:0year_digits$}{:02}{:02}{:02}{:02}{:02}",
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        );
        if millis {
            out.push_str(&format!("{:03}", t.timestamp_subsec_millis().min(999)));
        }
        out
    }
}

/// ASCII digits (already checked) as a number.
fn number(digits: &str) -> Option<u32> {
    digits.parse().ok()
}

/// Parses `digits` (14 = tran time, 17 = token time, 12 = correlation prefix with a 20xx year)
/// as a local time in `zone` and returns epoch milliseconds; `None` unless all digits and a
/// real date-time.
pub fn parse_digits(digits: &str, zone: TimeZone) -> Option<i64> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (year, rest, millis) = match digits.len() {
        14 => (number(&digits[..4])?, &digits[4..], 0),
        17 => (number(&digits[..4])?, &digits[4..14], i64::from(number(&digits[14..])?)),
        12 => (2000 + number(&digits[..2])?, &digits[2..], 0),
        _ => return None,
    };
    let field = |i: usize| number(&rest[i..i + 2]);
    // Fields through chrono's calendar, not a format string: chrono's strftime parser is the
    // largest part of the page's Wasm, and this runs on every keystroke.
    let naive = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, field(0)?, field(2)?)?.and_hms_opt(
        field(4)?,
        field(6)?,
        field(8)?,
    )?;
    let local = zone.offset().from_local_datetime(&naive).single()?;
    Some(local.timestamp_millis() + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2022-11-08T03:08:14.608Z = 2022-11-08 12:08:14.608 KST, the guide's sample time.
    const SAMPLE_MS: i64 = 1_667_876_894_608;

    #[test]
    fn formats_the_guides_sample_instant_in_kst_and_utc() {
        let kst = RequestTime::new(SAMPLE_MS, TimeZone::Kst).unwrap();
        assert_eq!(kst.token_time(), "20221108120814608");
        assert_eq!(kst.tran_time(), "20221108120814");
        assert_eq!(kst.correlation_prefix(), "221108120814");
        let utc = RequestTime::new(SAMPLE_MS, TimeZone::Utc).unwrap();
        assert_eq!(utc.token_time(), "20221108030814608");
    }

    #[test]
    fn parse_digits_inverts_formatting() {
        for zone in TimeZone::ALL {
            let t = RequestTime::new(SAMPLE_MS, zone).unwrap();
            assert_eq!(parse_digits(&t.token_time(), zone), Some(SAMPLE_MS));
            assert_eq!(parse_digits(&t.tran_time(), zone), Some(SAMPLE_MS - 608));
        }
    }

    #[test]
    fn rejects_impossible_dates_and_non_digits() {
        for bad in ["20231340256199", "20230230120000", "20230101246000", "2023010112000", "2023010112000x", ""] {
            assert_eq!(parse_digits(bad, TimeZone::Utc), None, "{bad}");
        }
    }

    #[test]
    fn out_of_range_instants_are_errors_not_panics() {
        for ms in [i64::MIN, -1, MAX_EPOCH_MS, i64::MAX] {
            assert_eq!(RequestTime::new(ms, TimeZone::Kst), Err(OutOfRange { epoch_ms: ms }));
        }
        assert!(RequestTime::new(0, TimeZone::Utc).is_ok());
    }

    #[test]
    fn zone_codes_round_trip() {
        for z in TimeZone::ALL {
            assert_eq!(TimeZone::from_code(z.code()), Some(z));
        }
        assert_eq!(TimeZone::from_code("kst"), None);
    }
}
