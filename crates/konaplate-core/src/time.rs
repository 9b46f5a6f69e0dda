//! Request times in the three textual forms KONA PLATE uses, from epoch milliseconds.
//!
//! The core never reads a clock: callers pass `epoch_ms` (JavaScript's `Date.now()`, or
//! `SystemTime` natively), which keeps every function here deterministic and testable.

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

    /// Milliseconds east of UTC (KST has no daylight saving).
    fn offset_ms(self) -> i64 {
        match self {
            TimeZone::Utc => 0,
            TimeZone::Kst => 9 * MS_PER_HOUR,
        }
    }
}

/// An instant that cannot be written in KONA PLATE's formats (before 1970 or after 9999).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange {
    pub epoch_ms: i64,
}

impl OutOfRange {
    /// What is wrong, in English (a misuse of the API, not a finding).
    pub fn message(&self) -> String {
        crate::text::fill(
            "epoch milliseconds {0} are outside 1970..=9999",
            &[itoa::Buffer::new().format(self.epoch_ms)],
        )
    }
}

impl std::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for OutOfRange {}

const MS_PER_HOUR: i64 = 3_600_000;
const MS_PER_DAY: i64 = 24 * MS_PER_HOUR;

/// One instant rendered in a zone; every header time of one request comes from one of these,
/// so X-KM-Tran-Time, the tran-token time and the correlation id always agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestTime {
    epoch_ms: i64,
    zone: TimeZone,
    /// The local time as `yyyyMMddHHmmssSSS`, written once (ASCII digits).
    digits: [u8; 17],
}

/// Last instant we can write with a 4-digit year: 9999-12-31T23:59:59.999Z.
const MAX_EPOCH_MS: i64 = 253_402_300_799_999;

impl RequestTime {
    /// `epoch_ms` rendered in `zone`; refused when the local year would not have 4 digits.
    pub fn new(epoch_ms: i64, zone: TimeZone) -> Result<Self, OutOfRange> {
        if !(0..=MAX_EPOCH_MS - 9 * MS_PER_HOUR).contains(&epoch_ms) {
            return Err(OutOfRange { epoch_ms });
        }
        let local = epoch_ms + zone.offset_ms();
        let (days, ms_of_day) = (local / MS_PER_DAY, local % MS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        let mut digits = [b'0'; 17];
        let mut write = |at: usize, width: usize, mut value: i64| {
            for slot in digits[at..at + width].iter_mut().rev() {
                *slot = b'0' + (value % 10) as u8;
                value /= 10;
            }
        };
        write(0, 4, year);
        write(4, 2, month);
        write(6, 2, day);
        write(8, 2, ms_of_day / MS_PER_HOUR);
        write(10, 2, ms_of_day / 60_000 % 60);
        write(12, 2, ms_of_day / 1000 % 60);
        write(14, 3, ms_of_day % 1000);
        Ok(RequestTime { epoch_ms, zone, digits })
    }

    pub fn zone(&self) -> TimeZone {
        self.zone
    }

    pub fn epoch_ms(&self) -> i64 {
        self.epoch_ms
    }

    /// `X-KM-Tran-Time`: `yyyyMMddHHmmss`, 14 digits.
    pub fn tran_time(&self) -> String {
        self.text(0..14)
    }

    /// The tran-token's time: `yyyyMMddHHmmssSSS`, 17 digits.
    pub fn token_time(&self) -> String {
        self.text(0..17)
    }

    /// The 12-digit `yyMMddHHmmss` that starts a correlation id.
    pub fn correlation_prefix(&self) -> String {
        self.text(2..14)
    }

    fn text(&self, range: std::ops::Range<usize>) -> String {
        // Only ASCII digits are ever written into `digits`.
        self.digits[range].iter().map(|&b| char::from(b)).collect()
    }
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`, integer arithmetic only).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year, month, day) → days since 1970-01-01 (Hinnant's `days_from_civil`, the inverse).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// ASCII digits (already checked) as a number.
fn number(digits: &[u8]) -> i64 {
    digits.iter().fold(0, |n, &d| n * 10 + i64::from(d - b'0'))
}

/// Parses `digits` (14 = tran time, 17 = token time, 12 = correlation prefix with a 20xx year)
/// as a local time in `zone` and returns epoch milliseconds; `None` unless all digits and a
/// real date-time.
pub fn parse_digits(digits: &str, zone: TimeZone) -> Option<i64> {
    let bytes = digits.as_bytes();
    if !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let (year, rest, millis) = match bytes.len() {
        14 => (number(&bytes[..4]), &bytes[4..], 0),
        17 => (number(&bytes[..4]), &bytes[4..14], number(&bytes[14..])),
        12 => (2000 + number(&bytes[..2]), &bytes[2..], 0),
        _ => return None,
    };
    let field = |i: usize| number(&rest[i..i + 2]);
    let (month, day, hour, minute, second) = (field(0), field(2), field(4), field(6), field(8));
    let real = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60;
    if !real {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    Some(seconds * 1000 - zone.offset_ms() + millis)
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

    /// The integer calendar against chrono, every 7,777,777,777 ms (about 90 days, drifting
    /// through every hour and leap day) from 1970 to 9999, both ways, in both zones.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn agrees_with_chrono_from_1970_to_9999() {
        use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone as _};
        let offset = |zone: TimeZone| FixedOffset::east_opt((zone.offset_ms() / 1000) as i32).unwrap();
        for zone in TimeZone::ALL {
            let mut ms = 0;
            while RequestTime::new(ms, zone).is_ok() {
                let ours = RequestTime::new(ms, zone).unwrap().token_time();
                let theirs = DateTime::from_timestamp_millis(ms).unwrap().with_timezone(&offset(zone));
                assert_eq!(ours, theirs.format("%Y%m%d%H%M%S%3f").to_string(), "{ms} {zone:?}");
                assert_eq!(parse_digits(&ours, zone), Some(ms));
                ms += 7_777_777_777;
            }
        }
        let chrono_parse = |digits: &str| {
            NaiveDateTime::parse_from_str(digits, "%Y%m%d%H%M%S")
                .ok()
                .map(|t| offset(TimeZone::Kst).from_local_datetime(&t).unwrap().timestamp_millis())
        };
        for year in [1900, 1970, 2000, 2023, 2024, 2100, 9999] {
            for (month, day) in [(2, 28), (2, 29), (2, 30), (4, 30), (4, 31), (12, 31), (13, 1), (0, 1), (1, 0)] {
                let digits = format!("{year:04}{month:02}{day:02}235959");
                assert_eq!(parse_digits(&digits, TimeZone::Kst), chrono_parse(&digits), "{digits}");
            }
        }
    }

    #[test]
    fn zone_codes_round_trip() {
        for z in TimeZone::ALL {
            assert_eq!(TimeZone::from_code(z.code()), Some(z));
        }
        assert_eq!(TimeZone::from_code("kst"), None);
    }
}
