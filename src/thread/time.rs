//! When a comment was written: a point in time with the offset the source gave, read from the
//! shapes sources use (RFC 3339, "2019-08-03 04:11:00", Unix seconds) and written as RFC 3339.

use std::fmt;

/// Seconds since 1970-01-01T00:00:00 in the time's own offset (wall-clock seconds), and that
/// offset in minutes east of UTC when the source said it. A page that shows only its local
/// time ("August 3, 2019 at 4:11 am") gives no offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    wall: i64,
    offset: Option<i16>,
}

/// Years outside this range are not dates anyone wrote a comment on.
const MIN_YEAR: i64 = 1970;
const MAX_YEAR: i64 = 2200;

impl Timestamp {
    /// A wall-clock time; `offset` in minutes east of UTC, None when unknown.
    pub fn from_parts(
        year: i64,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
        offset: Option<i16>,
    ) -> Option<Timestamp> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
            || offset.is_some_and(|o| o.abs() >= 24 * 60)
        {
            return None;
        }
        let days = days_from_civil(year, month, day);
        let wall = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second.min(59));
        Some(Timestamp { wall, offset })
    }

    /// Unix seconds (UTC).
    pub fn from_unix(seconds: i64) -> Option<Timestamp> {
        let year_ok = |s: i64| {
            let (y, _, _) = civil_from_days(s.div_euclid(86_400));
            (MIN_YEAR..=MAX_YEAR).contains(&y)
        };
        year_ok(seconds).then_some(Timestamp {
            wall: seconds,
            offset: Some(0),
        })
    }

    /// Unix seconds when the offset is known.
    pub fn unix(self) -> Option<i64> {
        self.offset.map(|o| self.wall - i64::from(o) * 60)
    }

    /// Wall-clock seconds, for ordering times of one source.
    pub fn wall(self) -> i64 {
        self.wall
    }

    pub fn offset(self) -> Option<i16> {
        self.offset
    }

    /// The calendar date and time of day as the source gave them.
    pub fn civil(self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.wall.div_euclid(86_400);
        let secs = self.wall.rem_euclid(86_400) as u32;
        let (y, m, d) = civil_from_days(days);
        (y, m, d, secs / 3600, secs / 60 % 60, secs % 60)
    }

    /// Reads RFC 3339 and the ISO 8601 shapes sources write: `2019-08-03T04:11:00+00:00`,
    /// `2019-08-03T04:11:00.000Z`, `2019-08-03 04:11:00` (no offset), `2019-08-03`.
    pub fn parse_iso(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        let b = text.as_bytes();
        let num = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = b.get(range)?;
            if part.iter().all(u8::is_ascii_digit) {
                std::str::from_utf8(part).ok()?.parse().ok()
            } else {
                None
            }
        };
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = i64::from(num(0..4)?);
        let month = num(5..7)?;
        let day = num(8..10)?;
        if b.len() == 10 {
            return Timestamp::from_parts(year, month, day, 0, 0, 0, None);
        }
        if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 16 || b[13] != b':' {
            return None;
        }
        let hour = num(11..13)?;
        let minute = num(14..16)?;
        let mut at = 16;
        let mut second = 0;
        if b.get(at) == Some(&b':') {
            second = num(17..19)?;
            at = 19;
            if b.get(at) == Some(&b'.') || b.get(at) == Some(&b',') {
                at += 1;
                while b.get(at).is_some_and(u8::is_ascii_digit) {
                    at += 1;
                }
            }
        }
        let offset = match &b[at..] {
            [] => None,
            [b'Z' | b'z'] => Some(0),
            [sign @ (b'+' | b'-'), rest @ ..] => {
                let digits: Vec<u8> = rest.iter().copied().filter(|&c| c != b':').collect();
                if digits.len() != 4 || !digits.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                let hours = i16::from(digits[0] - b'0') * 10 + i16::from(digits[1] - b'0');
                let minutes = i16::from(digits[2] - b'0') * 10 + i16::from(digits[3] - b'0');
                let total = hours * 60 + minutes;
                Some(if *sign == b'-' { -total } else { total })
            }
            _ => return None,
        };
        Timestamp::from_parts(year, month, day, hour, minute, second, offset)
    }
}

/// RFC 3339: `2019-08-03T04:11:00+00:00`; without an offset when the source gave none.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, mo, d, h, mi, s) = self.civil();
        write!(f, "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")?;
        match self.offset {
            None => Ok(()),
            Some(o) => {
                let sign = if o < 0 { '-' } else { '+' };
                write!(f, "{sign}{:02}:{:02}", o.abs() / 60, o.abs() % 60)
            }
        }
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_shapes_read_and_print_as_rfc_3339() {
        for (input, shown) in [
            ("2019-08-03T04:11:00+00:00", "2019-08-03T04:11:00+00:00"),
            ("2009-02-19T12:21:23.000Z", "2009-02-19T12:21:23+00:00"),
            ("2011-03-07T20:46:25Z", "2011-03-07T20:46:25+00:00"),
            ("2019-08-03 04:11:00", "2019-08-03T04:11:00"),
            ("2020-02-29T23:59:59-05:30", "2020-02-29T23:59:59-05:30"),
            ("2013-02-08", "2013-02-08T00:00:00"),
        ] {
            let time = Timestamp::parse_iso(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!(time.to_string(), shown);
        }
        for bad in [
            "2019-02-30T00:00:00Z",
            "0000-00-00 00:00:00",
            "2019-08-03T25:00:00Z",
            "yesterday",
            "2019-08-03T04:11:00+0",
            "",
        ] {
            assert_eq!(Timestamp::parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn unix_seconds_round_trip() {
        let time = Timestamp::from_unix(1_160_418_111).unwrap();
        assert_eq!(time.to_string(), "2006-10-09T18:21:51+00:00");
        assert_eq!(time.unix(), Some(1_160_418_111));
        let local = Timestamp::parse_iso("2006-10-09T20:21:51+02:00").unwrap();
        assert_eq!(local.unix(), Some(1_160_418_111));
        assert_eq!(Timestamp::from_unix(i64::MAX), None);
    }
}
