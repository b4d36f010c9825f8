/*!
RRULE expansion in local wall-clock time, with the `rrule` crate (plain DAILY and WEEKLY
rules, the most common, are stepped here directly).

RFC 5545 recurrences are defined on local time: "every Monday at 09:00" stays at 09:00
across daylight-saving changes. So rules are expanded here on naive local date-times (the
crate is handed them as if they were UTC, which has no gaps or folds), and the caller
turns each local time into an instant with the event's zone. That makes custom VTIMEZONE
zones, Windows zone names and floating times all work the same way, and a DTSTART inside
a spring-forward gap no longer makes the crate reject the rule.

`UNTIL` is taken out of the rule text and applied here (converted by the caller to the
rule's local time), because the crate insists on RFC 5545's UNTIL/DTSTART type pairing,
which real feeds break (a date UNTIL on a timed series, a UTC UNTIL on a floating one).

Two readings differ from the crate's:
- `FREQ=MINUTELY` and `SECONDLY` with BY-filters are expanded by [`fine`], day by day:
  the crate gives up after 100,000 steps without a match and so silently lost most
  instances of rules like `FREQ=MINUTELY;BYMONTH=12;BYDAY=MO;BYHOUR=9;BYMINUTE=0`.
- A numbered BYDAY (`1MO`) outside MONTHLY and YEARLY, which RFC 5545 3.3.10 forbids, is
  read as dateutil reads it — the number ignored — with a warning (the crate expanded
  `FREQ=WEEKLY;BYDAY=1MO` to every day).
*/

use super::fine::{self, Fine};
use super::value::{parse_date, parse_date_time, RawTime};
use chrono::{Datelike, NaiveDateTime, TimeZone};
use rrule::{RRule, RRuleSet, Unvalidated};

/// A parsed RRULE, not yet tied to a DTSTART.
#[derive(Debug, Clone)]
pub struct Rule {
    rule: RRule<Unvalidated>,
    /// UNTIL as written (a date, a local date-time, or UTC).
    pub until: Option<RawTime>,
    pub has_count: bool,
    /// MINUTELY/SECONDLY rules with filters: expanded by [`fine`], not by the crate.
    fine: Option<Fine>,
    /// DAILY and WEEKLY rules with nothing but INTERVAL and COUNT: a fixed step.
    simple: Option<Simple>,
    /// Warnings about how the rule was read.
    pub notes: Vec<String>,
}

/// Parses an RRULE value (`FREQ=…;…`). The error says what is wrong.
pub fn parse_rule(value: &str) -> Result<Rule, String> {
    // RFC 5545 rules are ASCII; the rrule crate slices BYDAY values by bytes and panics
    // on a multi-byte character there.
    if let Some(c) = value.chars().find(|c| !c.is_ascii()) {
        return Err(format!(
            "it contains '{c}'; a rule is written in ASCII letters, digits and ;=,+-"
        ));
    }
    let mut until = None;
    let mut parts = Vec::new();
    let mut has_freq = false;
    let mut has_count = false;
    let mut notes = Vec::new();
    let freq = value
        .split(';')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("FREQ"))
        .map(|(_, v)| v.trim().to_ascii_uppercase())
        .unwrap_or_default();
    for part in value.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, val) = part
            .split_once('=')
            .ok_or_else(|| format!("\"{part}\" is not KEY=VALUE"))?;
        let key_upper = key.trim().to_ascii_uppercase();
        match key_upper.as_str() {
            "UNTIL" => {
                let raw = parse_date_time(val)
                    .map(RawTime::DateTime)
                    .or_else(|| parse_date(val).map(RawTime::Date))
                    .ok_or_else(|| format!("UNTIL \"{val}\" is not a date or date-time"))?;
                until = Some(raw);
                continue;
            }
            "FREQ" => has_freq = true,
            // The crate takes INTERVAL=0 and then yields nothing.
            "INTERVAL" if val.trim().parse::<u64>() == Ok(0) => {
                return Err("INTERVAL=0; the interval is at least 1".to_string())
            }
            "COUNT" => has_count = true,
            "BYDAY" if freq != "MONTHLY" && freq != "YEARLY" => {
                let days: Vec<String> = val
                    .split(',')
                    .map(|d| {
                        d.trim()
                            .trim_start_matches(|c: char| {
                                c.is_ascii_digit() || c == '+' || c == '-'
                            })
                            .to_ascii_uppercase()
                    })
                    .collect();
                let plain = days.join(",");
                if plain != val.trim().to_ascii_uppercase() {
                    notes.push(format!(
                        "RRULE BYDAY={} has a numbered weekday, which only FREQ=MONTHLY or YEARLY may have (RFC 5545 3.3.10); read as BYDAY={plain}, every such weekday, as dateutil does (write BYDAY={plain}, or FREQ=MONTHLY for the nth weekday of each month)",
                        val.trim()
                    ));
                }
                parts.push(format!("BYDAY={plain}"));
                continue;
            }
            _ => {}
        }
        parts.push(format!("{}={}", key_upper, val.trim().to_ascii_uppercase()));
    }
    if !has_freq {
        return Err("FREQ is missing".to_string());
    }
    let rule: RRule<Unvalidated> = parts
        .join(";")
        .parse()
        .map_err(|e: rrule::RRuleError| e.to_string())?;
    let fine = fine::parse(&parts)?;
    Ok(Rule {
        rule,
        until,
        has_count,
        fine,
        simple: Simple::of(&parts),
        notes,
    })
}

/// A rule that steps a fixed number of days from DTSTART: `FREQ=DAILY` or `FREQ=WEEKLY`
/// with at most INTERVAL and COUNT (a weekly rule without BYDAY repeats DTSTART's
/// weekday). The most common rules in real feeds; stepping them directly gives the
/// crate's instances (a property test holds the two together) at a fraction of the cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Simple {
    days: i64,
    count: Option<u64>,
}

impl Simple {
    /// From the rule's parts as handed to the crate (upper case, UNTIL taken out).
    fn of(parts: &[String]) -> Option<Simple> {
        let mut step = None;
        let mut interval = 1;
        let mut count = None;
        for part in parts {
            let (key, val) = part.split_once('=')?;
            match key {
                "FREQ" if val == "DAILY" => step = Some(1),
                "FREQ" if val == "WEEKLY" => step = Some(7),
                "INTERVAL" => {
                    interval = val.parse::<i64>().ok().filter(|n| (1..=1000).contains(n))?
                }
                "COUNT" => count = Some(val.parse::<u64>().ok()?),
                _ => return None,
            }
        }
        Some(Simple {
            days: step? * interval,
            count,
        })
    }

    /// As [`expand`]: instances from `dtstart` up to `bound`, at most `max`.
    fn expand(
        &self,
        dtstart: NaiveDateTime,
        bound: NaiveDateTime,
        max: usize,
    ) -> (Vec<NaiveDateTime>, bool) {
        let mut out = Vec::new();
        let mut t = dtstart;
        let mut k = 0u64;
        while self.count.is_none_or(|c| k < c) && t <= bound {
            if out.len() >= max {
                return (out, true);
            }
            out.push(t);
            k += 1;
            match t.checked_add_signed(chrono::Duration::days(self.days)) {
                Some(next) => t = next,
                None => break,
            }
        }
        (out, false)
    }
}

fn fake_utc(t: NaiveDateTime) -> chrono::DateTime<rrule::Tz> {
    rrule::Tz::UTC.from_utc_datetime(&t)
}

/// The local start times a rule produces from `dtstart`, up to and including `stop`
/// (and `until_local`, when the rule has an UNTIL), at most `max` of them.
/// `Ok(true)` in the second place means `max` cut the expansion short.
pub fn expand(
    rule: &Rule,
    dtstart: NaiveDateTime,
    until_local: Option<NaiveDateTime>,
    stop: NaiveDateTime,
    max: usize,
) -> Result<(Vec<NaiveDateTime>, bool), String> {
    if let Some(u) = until_local {
        if u < dtstart {
            return Ok((Vec::new(), false));
        }
    }
    let bound = match until_local {
        Some(u) if u < stop => u,
        _ => stop,
    };
    // The crate stops at the year 9999; stepping is used well inside its range only. A
    // simple rule (FREQ, INTERVAL 1–1000, COUNT; no UNTIL in the text, no BY-parts) always
    // passes the crate's validation, so it is not handed to the crate at all.
    if let Some(s) = rule
        .simple
        .filter(|_| bound.year() < 9000 && dtstart.year() > -9000)
    {
        return Ok(s.expand(dtstart, bound, max));
    }
    let validated = rule
        .rule
        .clone()
        .validate(fake_utc(dtstart))
        .map_err(|e| e.to_string())?;
    let set = RRuleSet::new(fake_utc(dtstart)).rrule(validated).limit();
    if let Some(f) = &rule.fine {
        return Ok(f.expand(dtstart, bound, max));
    }
    let mut out = Vec::new();
    for t in &set {
        let local = t.naive_utc();
        if local > bound {
            return Ok((out, false));
        }
        if out.len() >= max {
            return Ok((out, true));
        }
        out.push(local);
    }
    Ok((out, false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn last_friday_of_month() {
        let r = parse_rule("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3").unwrap();
        let (v, cut) = expand(&r, at(2026, 2, 27, 8, 30), None, at(2030, 1, 1, 0, 0), 100).unwrap();
        assert!(!cut);
        assert_eq!(
            v,
            vec![
                at(2026, 2, 27, 8, 30),
                at(2026, 3, 27, 8, 30),
                at(2026, 4, 24, 8, 30)
            ]
        );
    }

    #[test]
    fn gap_dtstart_is_accepted_in_local_time() {
        let r = parse_rule("FREQ=WEEKLY;COUNT=2").unwrap();
        let (v, _) = expand(&r, at(2026, 3, 29, 2, 30), None, at(2027, 1, 1, 0, 0), 10).unwrap();
        assert_eq!(v.len(), 2);
    }

    #[test]
    fn until_is_inclusive_and_applied_here() {
        let r = parse_rule("FREQ=DAILY;UNTIL=20260103T090000Z").unwrap();
        assert!(r.until.is_some());
        let (v, _) = expand(
            &r,
            at(2026, 1, 1, 9, 0),
            Some(at(2026, 1, 3, 9, 0)),
            at(2027, 1, 1, 0, 0),
            100,
        )
        .unwrap();
        assert_eq!(v.len(), 3);
    }

    #[test]
    fn endless_rules_stop_at_the_window() {
        let r = parse_rule("FREQ=SECONDLY").unwrap();
        let (v, cut) = expand(&r, at(2026, 1, 1, 0, 0), None, at(2026, 1, 1, 0, 1), 1000).unwrap();
        assert_eq!(v.len(), 61);
        assert!(!cut);
    }

    proptest::proptest! {
        /// Stepping a simple rule gives what the crate gives, cut and all.
        #[test]
        fn simple_rules_step_as_the_crate_expands(
            weekly in proptest::bool::ANY,
            interval in proptest::option::of(1u32..5),
            count in proptest::option::of(0u32..40),
            start_day in 0i64..3000,
            start_secs in 0u32..86_400,
            bound_days in -10i64..800,
            until_days in proptest::option::of(-5i64..500),
            max in 0usize..50,
        ) {
            let mut text = String::from(if weekly { "FREQ=WEEKLY" } else { "FREQ=DAILY" });
            if let Some(i) = interval {
                text += &format!(";INTERVAL={i}");
            }
            if let Some(c) = count {
                text += &format!(";COUNT={c}");
            }
            let fast = parse_rule(&text).unwrap();
            proptest::prop_assert!(fast.simple.is_some());
            let mut slow = fast.clone();
            slow.simple = None;
            let dtstart = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap()
                + chrono::Duration::days(start_day)
                + chrono::Duration::seconds(i64::from(start_secs));
            let stop = dtstart + chrono::Duration::days(bound_days);
            let until = until_days.map(|d| dtstart + chrono::Duration::days(d) + chrono::Duration::minutes(1));
            proptest::prop_assert_eq!(
                expand(&fast, dtstart, until, stop, max),
                expand(&slow, dtstart, until, stop, max)
            );
        }
    }

    #[test]
    fn only_plain_daily_and_weekly_rules_are_stepped() {
        assert!(parse_rule("FREQ=WEEKLY;INTERVAL=2;COUNT=5")
            .unwrap()
            .simple
            .is_some());
        assert!(parse_rule("FREQ=DAILY;UNTIL=20260101")
            .unwrap()
            .simple
            .is_some());
        for text in [
            "FREQ=WEEKLY;BYDAY=MO",
            "FREQ=WEEKLY;WKST=SU",
            "FREQ=MONTHLY",
            "FREQ=DAILY;BYHOUR=9",
            "FREQ=HOURLY",
        ] {
            assert!(parse_rule(text).unwrap().simple.is_none(), "{text}");
        }
    }

    #[test]
    fn bad_rules_say_why() {
        assert!(parse_rule("BYDAY=MO").unwrap_err().contains("FREQ"));
        assert!(parse_rule("FREQ=SOMETIMES").is_err());
        assert!(parse_rule("FREQ=DAILY;UNTIL=tomorrow").is_err());
    }
}
