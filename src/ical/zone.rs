/*!
Time zones: turning a TZID and a local wall-clock time into an instant.

A TZID is resolved, in this order, as
1. an IANA name (`Europe/Stockholm`, also behind a prefix such as
   `/mozilla.org/20050126_1/Europe/Berlin`);
2. a Windows zone id or Outlook display name (`W. Europe Standard Time`,
   `(UTC+01:00) Amsterdam, Berlin, …`) through the CLDR windowsZones table;
3. the file's own VTIMEZONE with that TZID (STANDARD/DAYLIGHT observances and their RRULEs).

Anything else is unknown, and the caller warns.

Local times that do not exist (the spring-forward gap) are read with the offset in force
before the gap, which moves them forward by the gap's length (RFC 5545 3.3.5); local times
that occur twice (the autumn fold) take the first.
*/

use super::recur;
use super::tree::Component;
use super::value::{parse_date_time, split_list};
use super::windows_zones::windows_to_iana;
use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use std::collections::HashMap;
use std::sync::Arc;

/// A resolved time zone.
#[derive(Debug, Clone)]
pub enum Zone {
    Utc,
    Iana(chrono_tz::Tz),
    Custom(Arc<CustomZone>),
}

impl Zone {
    /// Looks up an IANA name (or a path ending in one).
    pub fn iana(name: &str) -> Option<Zone> {
        let name = name.trim().trim_matches('"');
        if let Ok(tz) = name.parse::<chrono_tz::Tz>() {
            return Some(Zone::Iana(tz));
        }
        // "/mozilla.org/20050126_1/Europe/Berlin", "/citadel.org/…/Europe/Stockholm"
        let mut rest = name;
        while let Some(i) = rest.find('/') {
            rest = &rest[i + 1..];
            if rest.contains('/') {
                if let Ok(tz) = rest.parse::<chrono_tz::Tz>() {
                    return Some(Zone::Iana(tz));
                }
            }
        }
        None
    }

    pub fn name(&self) -> String {
        match self {
            Zone::Utc => "UTC".to_string(),
            Zone::Iana(tz) => tz.name().to_string(),
            Zone::Custom(c) => c.tzid.clone(),
        }
    }

    /// The instant a local wall-clock time names in this zone.
    pub fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self {
            Zone::Utc => Utc.from_utc_datetime(&local),
            Zone::Iana(tz) => match tz.from_local_datetime(&local) {
                LocalResult::Single(t) => t.with_timezone(&Utc),
                LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
                LocalResult::None => {
                    // In the gap: use the offset in force before it.
                    let before = local - Duration::hours(26);
                    let off = tz.offset_from_utc_datetime(&before).fix().local_minus_utc();
                    Utc.from_utc_datetime(&(local - Duration::seconds(off as i64)))
                }
            },
            Zone::Custom(c) => c.to_utc(local),
        }
    }

    /// The local wall-clock time of an instant in this zone.
    pub fn to_local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Zone::Utc => t.naive_utc(),
            Zone::Iana(tz) => t.with_timezone(tz).naive_local(),
            Zone::Custom(c) => t.naive_utc() + Duration::seconds(c.offset_at(t) as i64),
        }
    }
}

/// A zone defined only by a VTIMEZONE: its transitions, precomputed to 2200.
#[derive(Debug)]
pub struct CustomZone {
    pub tzid: String,
    /// (instant of the change, UTC offset in seconds from then on), sorted.
    transitions: Vec<(DateTime<Utc>, i32)>,
    /// Offset before the first transition.
    initial: i32,
    /// Every offset the zone uses.
    offsets: Vec<i32>,
}

const LAST_YEAR: i32 = 2200;

/// Onsets one observance's RRULE may give (a yearly rule from 1601 to 2200 gives 600).
const MAX_ONSETS_PER_RULE: usize = 10_000;

fn parse_offset(text: &str) -> Option<i32> {
    let t = text.trim();
    let (sign, digits) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = digits[0..2].parse().ok()?;
    let m: i32 = digits[2..4].parse().ok()?;
    let s: i32 = if digits.len() == 6 {
        digits[4..6].parse().ok()?
    } else {
        0
    };
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60 + s))
}

impl CustomZone {
    /// Builds a zone from a VTIMEZONE, with at most `max_observances` STANDARD/DAYLIGHT
    /// parts and `onsets_left` onsets (taken from that budget of the file). Errors say
    /// which line is wrong, or which limit was reached.
    pub fn from_component(
        vtz: &Component,
        limits: &crate::events::Limits,
        onsets_left: &mut usize,
    ) -> Result<CustomZone, (usize, String)> {
        let max_observances = limits.max_tz_observances;
        let tzid = vtz
            .prop("TZID")
            .map(|p| p.value.trim().to_string())
            .ok_or((vtz.line, "VTIMEZONE without TZID".to_string()))?;
        let observances = vtz
            .children
            .iter()
            .filter(|o| o.name == "STANDARD" || o.name == "DAYLIGHT")
            .count();
        if observances > max_observances {
            return Err((
                vtz.line,
                format!(
                    "VTIMEZONE {} has {observances} STANDARD/DAYLIGHT parts, more than {max_observances} (raise the limit with --max-tz-observances)",
                    super::tree::excerpt(&tzid)
                ),
            ));
        }
        let over_budget = |line: usize| {
            (
                line,
                format!(
                    "the VTIMEZONEs of this file define more than {} time-zone changes (raise the limit with --max-tz-onsets)",
                    limits.max_tz_onsets
                ),
            )
        };
        let mut used = 0usize;
        let stop = chrono::NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31)
            .unwrap()
            .and_hms_opt(23, 59, 59)
            .unwrap();
        let mut transitions: Vec<(DateTime<Utc>, i32, i32)> = Vec::new();
        let mut offsets = Vec::new();
        for obs in &vtz.children {
            if obs.name != "STANDARD" && obs.name != "DAYLIGHT" {
                continue;
            }
            let get_offset = |name: &str| -> Result<i32, (usize, String)> {
                let p = obs
                    .prop(name)
                    .ok_or((obs.line, format!("{} without {name}", obs.name)))?;
                parse_offset(&p.value).ok_or((
                    p.line,
                    format!("{name} \"{}\" is not an offset like +0100", p.value),
                ))
            };
            let from = get_offset("TZOFFSETFROM")?;
            let to = get_offset("TZOFFSETTO")?;
            offsets.push(from);
            offsets.push(to);
            let dtstart = obs
                .prop("DTSTART")
                .ok_or((obs.line, format!("{} without DTSTART", obs.name)))?;
            let start = parse_date_time(&dtstart.value)
                .ok_or((
                    dtstart.line,
                    format!("DTSTART \"{}\" is not a date-time", dtstart.value),
                ))?
                .local;
            let mut onsets = vec![start];
            used += 1;
            if used > *onsets_left {
                return Err(over_budget(dtstart.line));
            }
            for rule_prop in obs.props_named("RRULE") {
                let rule = recur::parse_rule(&rule_prop.value)
                    .map_err(|e| (rule_prop.line, format!("RRULE: {e}")))?;
                let until_local = rule.until.map(|u| match u {
                    super::value::RawTime::Date(d) => d.and_hms_opt(23, 59, 59).unwrap(),
                    super::value::RawTime::DateTime(dt) if dt.utc => {
                        dt.local + Duration::seconds(from as i64)
                    }
                    super::value::RawTime::DateTime(dt) => dt.local,
                });
                let room = (*onsets_left - used).min(MAX_ONSETS_PER_RULE);
                let (more, cut) = recur::expand(&rule, start, until_local, stop, room)
                    .map_err(|e| (rule_prop.line, format!("RRULE: {e}")))?;
                used += more.len();
                if cut && room < MAX_ONSETS_PER_RULE {
                    return Err(over_budget(rule_prop.line));
                }
                onsets.extend(more);
            }
            for rdate in obs.props_named("RDATE") {
                for v in split_list(&rdate.value) {
                    if let Some(t) = parse_date_time(v) {
                        used += 1;
                        if used > *onsets_left {
                            return Err(over_budget(rdate.line));
                        }
                        onsets.push(t.local);
                    }
                }
            }
            for local in onsets {
                let instant = Utc.from_utc_datetime(&(local - Duration::seconds(from as i64)));
                transitions.push((instant, from, to));
            }
        }
        if transitions.is_empty() {
            return Err((
                vtz.line,
                format!("VTIMEZONE {tzid} has no STANDARD or DAYLIGHT"),
            ));
        }
        *onsets_left -= used;
        transitions.sort_by_key(|t| t.0);
        transitions.dedup_by_key(|t| t.0);
        let initial = transitions[0].1;
        offsets.sort_unstable();
        offsets.dedup();
        Ok(CustomZone {
            tzid,
            transitions: transitions.iter().map(|&(t, _, to)| (t, to)).collect(),
            initial,
            offsets,
        })
    }

    pub fn offset_at(&self, t: DateTime<Utc>) -> i32 {
        let i = self.transitions.partition_point(|(at, _)| *at <= t);
        if i == 0 {
            self.initial
        } else {
            self.transitions[i - 1].1
        }
    }

    fn to_utc(&self, local: NaiveDateTime) -> DateTime<Utc> {
        let mut best: Option<DateTime<Utc>> = None;
        for &off in &self.offsets {
            let t = Utc.from_utc_datetime(&(local - Duration::seconds(off as i64)));
            if self.offset_at(t) == off && best.is_none_or(|b| t < b) {
                best = Some(t);
            }
        }
        best.unwrap_or_else(|| {
            // In a gap: the offset in force before it.
            let max = self.offsets.iter().copied().max().unwrap_or(0);
            let probe = Utc.from_utc_datetime(&(local - Duration::seconds(max as i64 + 3600)));
            let off = self.offset_at(probe);
            Utc.from_utc_datetime(&(local - Duration::seconds(off as i64)))
        })
    }
}

/// How a TZID was resolved, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Iana,
    Windows,
    Vtimezone,
}

/// The zones one file can name: its VTIMEZONEs plus the global tables.
#[derive(Debug, Clone, Default)]
pub struct ZoneBook {
    custom: HashMap<String, Arc<CustomZone>>,
    cache: HashMap<String, Option<(Zone, Resolution)>>,
}

impl ZoneBook {
    pub fn add_vtimezone(&mut self, zone: CustomZone) {
        self.custom.insert(zone.tzid.clone(), Arc::new(zone));
    }

    /// Resolves a TZID as the module comment says; `None` when unknown.
    pub fn resolve(&mut self, tzid: &str) -> Option<(Zone, Resolution)> {
        if let Some(hit) = self.cache.get(tzid) {
            return hit.clone();
        }
        let found = if let Some(z) = Zone::iana(tzid) {
            Some((z, Resolution::Iana))
        } else if let Some(z) = windows_to_iana(tzid).and_then(Zone::iana) {
            Some((z, Resolution::Windows))
        } else if tzid.trim().eq_ignore_ascii_case("utc") || tzid.trim().eq_ignore_ascii_case("z") {
            Some((Zone::Utc, Resolution::Iana))
        } else {
            self.custom
                .get(tzid.trim())
                .or_else(|| self.custom.get(tzid))
                .map(|c| (Zone::Custom(c.clone()), Resolution::Vtimezone))
        };
        self.cache.insert(tzid.to_string(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Warnings;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    const VTZ: &str = "BEGIN:VTIMEZONE\r\nTZID:Custom Zone X\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

    fn custom() -> Zone {
        let mut w = Warnings::default();
        let roots = super::super::tree::parse(
            "t",
            VTZ.as_bytes(),
            &crate::events::Limits::default(),
            &mut w,
        );
        let limits = crate::events::Limits::default();
        let mut left = limits.max_tz_onsets;
        Zone::Custom(Arc::new(
            CustomZone::from_component(&roots[0], &limits, &mut left).unwrap(),
        ))
    }

    #[test]
    fn iana_gap_and_fold() {
        let z = Zone::iana("Europe/Stockholm").unwrap();
        assert_eq!(
            z.to_utc(at(2026, 3, 29, 2, 30)).to_rfc3339(),
            "2026-03-29T01:30:00+00:00"
        );
        assert_eq!(
            z.to_utc(at(2026, 10, 25, 2, 30)).to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
        assert_eq!(
            z.to_utc(at(2026, 4, 24, 8, 30)).to_rfc3339(),
            "2026-04-24T06:30:00+00:00"
        );
    }

    #[test]
    fn custom_zone_matches_stockholm() {
        let c = custom();
        let s = Zone::iana("Europe/Stockholm").unwrap();
        for t in [
            at(2026, 1, 15, 9, 0),
            at(2026, 3, 29, 2, 30),
            at(2026, 3, 29, 3, 0),
            at(2026, 7, 1, 12, 0),
            at(2026, 10, 25, 2, 30),
            at(2026, 10, 25, 3, 0),
            at(2031, 12, 24, 18, 0),
        ] {
            assert_eq!(c.to_utc(t), s.to_utc(t), "{t}");
            assert_eq!(c.to_local(c.to_utc(t)), s.to_local(s.to_utc(t)), "{t}");
        }
    }

    #[test]
    fn windows_and_prefixed_names() {
        let mut book = ZoneBook::default();
        let (z, how) = book.resolve("W. Europe Standard Time").unwrap();
        assert_eq!(how, Resolution::Windows);
        assert_eq!(z.name(), "Europe/Berlin");
        let (z, _) = book
            .resolve("/mozilla.org/20050126_1/Europe/Berlin")
            .unwrap();
        assert_eq!(z.name(), "Europe/Berlin");
        assert!(book.resolve("Mars/Olympus_Mons").is_none());
    }

    #[test]
    fn offsets() {
        assert_eq!(parse_offset("+0100"), Some(3600));
        assert_eq!(parse_offset("-0530"), Some(-19800));
        assert_eq!(parse_offset("0100"), None);
    }
}
