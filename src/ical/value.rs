/*!
iCalendar value types: DATE, DATE-TIME, DURATION and PERIOD (RFC 5545 3.3).

These are pure text → value functions; time zones are applied by the caller
(`zone.rs`). Parse failures return `None` and the caller reports them with the line.
*/

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// A DATE-TIME as written: local wall-clock time, and whether it ended in `Z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawDateTime {
    pub local: NaiveDateTime,
    pub utc: bool,
}

/// A DATE or DATE-TIME value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawTime {
    Date(NaiveDate),
    DateTime(RawDateTime),
}

/// `YYYYMMDD` (a stray `Z`, as some writers add, is ignored).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let t = t.strip_suffix(['Z', 'z']).unwrap_or(t);
    if t.len() != 8 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y = t[0..4].parse().ok()?;
    let m = t[4..6].parse().ok()?;
    let d = t[6..8].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// `YYYYMMDDTHHMMSS` with optional `Z` (a missing seconds field is tolerated).
pub fn parse_date_time(text: &str) -> Option<RawDateTime> {
    let t = text.trim();
    let (t, utc) = match t.strip_suffix(['Z', 'z']) {
        Some(rest) => (rest, true),
        None => (t, false),
    };
    let (date, time) = t.split_once(['T', 't'])?;
    let date = parse_date(date)?;
    if !time.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m, s) = match time.len() {
        6 => (&time[0..2], &time[2..4], &time[4..6]),
        4 => (&time[0..2], &time[2..4], "00"),
        _ => return None,
    };
    let (h, m, mut s): (u32, u32, u32) = (h.parse().ok()?, m.parse().ok()?, s.parse().ok()?);
    if s == 60 {
        s = 59; // leap second: RFC 5545 allows it, chrono does not
    }
    let time = NaiveTime::from_hms_opt(h, m, s)?;
    Some(RawDateTime {
        local: date.and_time(time),
        utc,
    })
}

/// A DATE or DATE-TIME, guided by `VALUE=` when present.
pub fn parse_time(text: &str, value_param: Option<&str>) -> Option<RawTime> {
    match value_param.map(|v| v.to_ascii_uppercase()) {
        Some(v) if v == "DATE" => parse_date(text)
            .map(RawTime::Date)
            // Some writers say VALUE=DATE and give a date-time: read it as written.
            .or_else(|| parse_date_time(text).map(RawTime::DateTime)),
        _ => parse_date_time(text)
            .map(RawTime::DateTime)
            .or_else(|| parse_date(text).map(RawTime::Date)),
    }
}

/// A DURATION: nominal days (weeks × 7 + days, wall-clock) and exact seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Duration {
    pub days: i64,
    pub seconds: i64,
}

impl Duration {
    pub fn is_negative(&self) -> bool {
        self.days < 0 || self.seconds < 0
    }
}

/// `[+-]P[nW][nD][T[nH][nM][nS]]`.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let t = text.trim().to_ascii_uppercase();
    let (sign, t) = match t.as_bytes().first()? {
        b'-' => (-1, &t[1..]),
        b'+' => (1, &t[1..]),
        _ => (1, &t[..]),
    };
    let t = t.strip_prefix('P')?;
    let (date_part, time_part) = match t.split_once('T') {
        Some((d, tm)) => (d, Some(tm)),
        None => (t, None),
    };
    let mut days: i64 = 0;
    let mut seconds: i64 = 0;
    let mut any = false;
    let mut num = String::new();
    for c in date_part.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: i64 = num.parse().ok()?;
        num.clear();
        any = true;
        match c {
            'W' => days = days.checked_add(n.checked_mul(7)?)?,
            'D' => days = days.checked_add(n)?,
            _ => return None,
        }
    }
    if !num.is_empty() {
        return None;
    }
    if let Some(tp) = time_part {
        for c in tp.chars() {
            if c.is_ascii_digit() {
                num.push(c);
                continue;
            }
            let n: i64 = num.parse().ok()?;
            num.clear();
            any = true;
            let unit = match c {
                'H' => 3600,
                'M' => 60,
                'S' => 1,
                _ => return None,
            };
            seconds = seconds.checked_add(n.checked_mul(unit)?)?;
        }
        if !num.is_empty() {
            return None;
        }
    }
    if !any || days > 100_000 || seconds > 100_000 * 86_400 {
        return None;
    }
    Some(Duration {
        days: sign * days,
        seconds: sign * seconds,
    })
}

/// The end of a PERIOD: an explicit end, or a duration from the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodEnd {
    End(RawDateTime),
    Duration(Duration),
}

/// `start/end` or `start/duration`.
pub fn parse_period(text: &str) -> Option<(RawDateTime, PeriodEnd)> {
    let (a, b) = text.split_once('/')?;
    let start = parse_date_time(a)?;
    let end = if b.trim_start().starts_with(['P', 'p', '+', '-']) {
        PeriodEnd::Duration(parse_duration(b)?)
    } else {
        PeriodEnd::End(parse_date_time(b)?)
    };
    Some((start, end))
}

/// Splits a comma-separated list value.
pub fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        assert_eq!(parse_date("20260424"), NaiveDate::from_ymd_opt(2026, 4, 24));
        assert!(parse_date("20260231").is_none());
        let t = parse_date_time("20260424T083000Z").unwrap();
        assert!(t.utc);
        assert_eq!(t.local.to_string(), "2026-04-24 08:30:00");
        assert!(parse_date_time("20260424T253000").is_none());
        assert!(matches!(
            parse_time("20260424", Some("DATE")),
            Some(RawTime::Date(_))
        ));
    }

    #[test]
    fn durations() {
        assert_eq!(
            parse_duration("PT3H30M"),
            Some(Duration {
                days: 0,
                seconds: 12600
            })
        );
        assert_eq!(
            parse_duration("P1W"),
            Some(Duration {
                days: 7,
                seconds: 0
            })
        );
        assert_eq!(
            parse_duration("-P1DT1S"),
            Some(Duration {
                days: -1,
                seconds: -1
            })
        );
        assert!(parse_duration("P").is_none());
        assert!(parse_duration("PT5X").is_none());
        assert!(parse_duration("P1H").is_none());
    }

    #[test]
    fn periods() {
        let (s, e) = parse_period("20260321T120000Z/PT3H").unwrap();
        assert!(s.utc);
        assert_eq!(
            e,
            PeriodEnd::Duration(Duration {
                days: 0,
                seconds: 10800
            })
        );
    }
}
