/*!
One VEVENT component → a typed [`Vevent`], with its times resolved to zones.

This is where the icalendar gaps are covered: DTSTART errors are reported instead of
silently dropping the event, DURATION is read, unknown TZIDs are reported (and read in the
default zone so nothing is lost), all-day dates stay dates, and the attendee list is kept
for the busy model. Problems go to `warnings` with the property's line.
*/

use super::recur::{self, Rule};
use super::tree::{excerpt, Component, Prop};
use super::value::{self, Duration, PeriodEnd, RawDateTime, RawTime};
use super::zone::{Zone, ZoneBook};
use crate::diag::Warnings;
use crate::events::Attendee;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use std::sync::Arc;

/// A DATE, or a DATE-TIME with the zone it is read in.
#[derive(Debug, Clone)]
pub enum Stamp {
    Date(NaiveDate),
    Time {
        local: NaiveDateTime,
        zone: Zone,
        /// The TZID as written (None for UTC and floating), shared by every stamp naming it.
        tzid: Option<Arc<str>>,
    },
}

impl Stamp {
    pub fn is_date(&self) -> bool {
        matches!(self, Stamp::Date(_))
    }
    /// The instant; a date is local midnight in `day_zone`.
    pub fn instant(&self, day_zone: &Zone) -> DateTime<Utc> {
        match self {
            Stamp::Date(d) => day_zone.to_utc(d.and_time(chrono::NaiveTime::MIN)),
            Stamp::Time { local, zone, .. } => zone.to_utc(*local),
        }
    }
}

/// How long each instance lasts.
#[derive(Debug, Clone)]
pub enum Length {
    /// DTEND − DTSTART, exact (RFC 5545 3.8.5.3): seconds for timed, days for dates.
    Exact(i64),
    /// DURATION: nominal days plus exact seconds.
    Nominal(Duration),
}

/// An extra instance from RDATE.
#[derive(Debug, Clone)]
pub enum ExtraDate {
    At(Stamp),
    Period(Stamp, DateTime<Utc>),
}

#[derive(Debug, Clone)]
pub struct Vevent {
    /// UID, SUMMARY, STATUS and TRANSP are shared with every occurrence of the event.
    pub uid: Option<Arc<str>>,
    pub summary: Option<Arc<str>>,
    pub location: Option<String>,
    pub status: Option<Arc<str>>,
    pub transp: Arc<str>,
    pub start: Stamp,
    pub length: Length,
    /// Each RRULE (parsed once per distinct text in the file) and its line.
    pub rules: Vec<(Arc<Rule>, usize)>,
    pub rdates: Vec<ExtraDate>,
    pub exdates: Vec<Stamp>,
    /// RECURRENCE-ID and whether it says RANGE=THISANDFUTURE.
    pub recurrence_id: Option<(Stamp, bool)>,
    pub attendees: Vec<Attendee>,
    pub organizer: Option<String>,
    pub sequence: i64,
    pub line: usize,
    /// Its RECURRENCE-ID could not be read: an event of its own, never a series' master.
    pub standalone: bool,
}

/// Reads times in one file: its zones, its floating zone and where to report.
pub struct TimeReader<'a> {
    pub file: &'a str,
    pub zones: &'a mut ZoneBook,
    /// Floating times are read here (X-WR-TIMEZONE, else the chosen zone).
    pub floating: Zone,
    pub warnings: &'a mut Warnings,
    /// TZIDs already reported as unknown (each is reported once).
    pub unknown: std::collections::BTreeSet<String>,
    /// Most EXDATE values one event may have.
    pub max_exdates: usize,
    /// The file's TZIDs as met so far, each with its zone (None: unknown, already
    /// reported): a stamp's TZID is found here by comparing strings, not resolved again.
    pub tzids: Vec<(Arc<str>, Option<Zone>)>,
    /// The file's RRULE texts as read so far (the same rule text is parsed once).
    pub rules: std::collections::HashMap<String, Result<Arc<Rule>, String>>,
    /// "OPAQUE", shared by the events that do not say TRANSP.
    pub opaque: Arc<str>,
}

/// TZIDs remembered per file (beyond this, each is resolved again: still right, slower).
const MAX_TZIDS: usize = 64;
/// RRULE texts remembered per file.
const MAX_RULES: usize = 4096;

impl TimeReader<'_> {
    /// A reader for one calendar of `file`.
    pub fn new<'a>(
        file: &'a str,
        zones: &'a mut ZoneBook,
        floating: Zone,
        warnings: &'a mut Warnings,
        max_exdates: usize,
    ) -> TimeReader<'a> {
        TimeReader {
            file,
            zones,
            floating,
            warnings,
            unknown: Default::default(),
            max_exdates,
            tzids: Vec::new(),
            rules: Default::default(),
            opaque: Arc::from("OPAQUE"),
        }
    }

    /// An RRULE value parsed, from the file's earlier reading of the same text if any.
    fn rule(&mut self, value: &str) -> Result<Arc<Rule>, String> {
        if let Some(hit) = self.rules.get(value) {
            return hit.clone();
        }
        let parsed = recur::parse_rule(value).map(Arc::new);
        if self.rules.len() < MAX_RULES {
            self.rules.insert(value.to_string(), parsed.clone());
        }
        parsed
    }
}

impl TimeReader<'_> {
    fn zone_for(&mut self, prop: &Prop) -> (Zone, Option<Arc<str>>) {
        let Some(tzid) = prop.param("TZID") else {
            return (self.floating.clone(), None);
        };
        if let Some((name, zone)) = self.tzids.iter().find(|(t, _)| **t == *tzid) {
            let zone = zone.clone().unwrap_or_else(|| self.floating.clone());
            return (zone, Some(name.clone()));
        }
        let name: Arc<str> = Arc::from(tzid);
        let (zone, known) = self.resolve_tzid(prop, tzid);
        if self.tzids.len() < MAX_TZIDS {
            self.tzids.push((name.clone(), known.then(|| zone.clone())));
        }
        (zone, Some(name))
    }

    /// A TZID's zone, and whether it is known (an unknown one is reported once and read
    /// in the floating zone).
    fn resolve_tzid(&mut self, prop: &Prop, tzid: &str) -> (Zone, bool) {
        {
            match self.zones.resolve(tzid) {
                Some((zone, _)) => (zone, true),
                None => {
                    if self.unknown.insert(tzid.to_string()) {
                        self.warnings.push(
                            self.file,
                            Some(prop.line),
                            format!(
                                "unknown time zone \"{tzid}\": not an IANA or Windows zone name, and the file has no VTIMEZONE for it; its times are read in {} (add the VTIMEZONE or use an IANA name)",
                                self.floating.name()
                            ),
                        );
                    }
                    (self.floating.clone(), false)
                }
            }
        }
    }

    fn stamp_of(&mut self, prop: &Prop, raw: RawTime) -> Stamp {
        match raw {
            RawTime::Date(d) => Stamp::Date(d),
            RawTime::DateTime(RawDateTime { local, utc: true }) => Stamp::Time {
                local,
                zone: Zone::Utc,
                tzid: None,
            },
            RawTime::DateTime(RawDateTime { local, utc: false }) => {
                let (zone, tzid) = self.zone_for(prop);
                Stamp::Time { local, zone, tzid }
            }
        }
    }

    /// A single DATE / DATE-TIME property; `None` (warned, saying what was done `then`)
    /// when malformed.
    pub fn stamp(&mut self, prop: &Prop, then: &str) -> Option<Stamp> {
        match value::parse_time(&prop.value, prop.param("VALUE")) {
            Some(raw) => Some(self.stamp_of(prop, raw)),
            None => {
                self.warnings.push(
                    self.file,
                    Some(prop.line),
                    format!(
                        "{} {} is not a valid date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS){then}; write it like 20260415 or 20260415T090000",
                        prop.name,
                        excerpt(&prop.value)
                    ),
                );
                None
            }
        }
    }

    /// A list-valued date property (EXDATE, RDATE); bad items are warned and skipped.
    fn stamps(&mut self, prop: &Prop) -> Vec<ExtraDate> {
        let mut out = Vec::new();
        let is_period = prop
            .param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"));
        for item in value::split_list(&prop.value) {
            if is_period || (item.contains('/') && prop.name == "RDATE") {
                match value::parse_period(item) {
                    Some((start, end)) => {
                        let s = self.stamp_of(prop, RawTime::DateTime(start));
                        let s_instant = s.instant(&self.floating);
                        let end_instant = match end {
                            PeriodEnd::End(e) => self
                                .stamp_of(prop, RawTime::DateTime(e))
                                .instant(&self.floating),
                            PeriodEnd::Duration(d) => {
                                s_instant
                                    + chrono::Duration::days(d.days)
                                    + chrono::Duration::seconds(d.seconds)
                            }
                        };
                        if end_instant < s_instant {
                            self.warnings.push(
                                self.file,
                                Some(prop.line),
                                format!(
                                    "{} period {} ends before it starts; read it as ending when it starts (swap or fix the two times)",
                                    prop.name,
                                    excerpt(item)
                                ),
                            );
                        }
                        out.push(ExtraDate::Period(s, end_instant));
                    }
                    None => self.warnings.push(
                        self.file,
                        Some(prop.line),
                        format!(
                            "{} period {} is not START/END or START/DURATION; skipped that value (write it like 20260415T090000Z/20260415T100000Z or 20260415T090000Z/PT1H)",
                            prop.name,
                            excerpt(item)
                        ),
                    ),
                }
                continue;
            }
            match value::parse_time(item, prop.param("VALUE")) {
                Some(raw) => out.push(ExtraDate::At(self.stamp_of(prop, raw))),
                None => self.warnings.push(
                    self.file,
                    Some(prop.line),
                    format!(
                        "{} value {} is not a date or date-time; skipped that value (write it like 20260415 or 20260415T090000)",
                        prop.name,
                        excerpt(item)
                    ),
                ),
            }
        }
        out
    }
}

/// A TEXT property's value (already unescaped when the line was split).
fn text(c: &Component, name: &str) -> Option<String> {
    c.prop(name).map(|p| p.value.to_string())
}

/// A TEXT property's value, to be shared by the event's occurrences.
fn shared(c: &Component, name: &str) -> Option<Arc<str>> {
    c.prop(name).map(|p| Arc::from(&*p.value))
}

fn address(value: &str) -> String {
    let v = value.trim();
    // `get`, not `[..7]`: the value may have a multi-byte character within its first 7 bytes.
    let v = if v
        .get(..7)
        .is_some_and(|h| h.eq_ignore_ascii_case("mailto:"))
    {
        &v[7..]
    } else {
        v
    };
    v.trim().to_lowercase()
}

/// How messages name an event: by its summary (40 characters at most), else its UID.
/// Written only when a message needs it.
struct What<'a> {
    summary: Option<&'a str>,
    uid: Option<&'a str>,
}

impl std::fmt::Display for What<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.summary, self.uid) {
            (Some(s), _) => write!(f, "event \"{}\"", s.chars().take(40).collect::<String>()),
            (None, Some(u)) => write!(f, "event UID {u}"),
            _ => f.write_str("event"),
        }
    }
}

/// Builds a [`Vevent`]; `None` (with a warning) when it cannot be placed in time.
pub fn read_vevent(c: &Component, r: &mut TimeReader) -> Option<Vevent> {
    let uid = shared(c, "UID");
    let summary = shared(c, "SUMMARY");
    let what = What {
        summary: summary.as_deref(),
        uid: uid.as_deref(),
    };
    let Some(dtstart) = c.prop("DTSTART") else {
        r.warnings.push(
            r.file,
            Some(c.line),
            format!("{what} has no DTSTART; skipped it (add DTSTART to place it in time)"),
        );
        return None;
    };
    let Some(start) = r.stamp(dtstart, "") else {
        r.warnings.push(
            r.file,
            Some(c.line),
            format!(
                "{what} skipped: its DTSTART on line {} cannot be read",
                dtstart.line
            ),
        );
        return None;
    };

    let length = read_length(c, &start, r, &what);

    let mut rules = Vec::new();
    for p in c.props_named("RRULE") {
        match r.rule(&p.value) {
            Ok(rule) => {
                for note in &rule.notes {
                    r.warnings.push(r.file, Some(p.line), note.clone());
                }
                rules.push((rule, p.line))
            }
            Err(e) => r.warnings.push(
                r.file,
                Some(p.line),
                format!(
                    "invalid RRULE ({e}); {what} kept without this rule (only its other instances); fix the rule, e.g. RRULE:FREQ=WEEKLY;BYDAY=MO"
                ),
            ),
        }
    }
    let mut rdates = Vec::new();
    for p in c.props_named("RDATE") {
        rdates.extend(r.stamps(p));
    }
    let mut exdates = Vec::new();
    for p in c.props_named("EXDATE") {
        for x in r.stamps(p) {
            match x {
                ExtraDate::At(s) | ExtraDate::Period(s, _) => exdates.push(s),
            }
        }
    }
    if exdates.len() > r.max_exdates {
        r.warnings.push(
            r.file,
            Some(c.line),
            format!(
                "{what} has {} EXDATE values, more than {}; skipped the event (raise the limit with --max-exdates)",
                exdates.len(),
                r.max_exdates
            ),
        );
        return None;
    }
    // An unreadable RECURRENCE-ID still marks a changed instance, not the series: such an
    // event stands on its own (it must not replace its series as a second master would).
    let mut standalone = false;
    let recurrence_id = c.prop("RECURRENCE-ID").and_then(|p| {
        let future = p
            .param("RANGE")
            .is_some_and(|v| v.eq_ignore_ascii_case("THISANDFUTURE"));
        let then = "; kept the event on its own at its DTSTART, apart from its series";
        let stamp = r.stamp(p, then);
        standalone = stamp.is_none();
        stamp.map(|s| (s, future))
    });
    let status = c
        .prop("STATUS")
        .map(|p| Arc::from(p.value.trim().to_ascii_uppercase()));
    let transp = match c.prop("TRANSP") {
        Some(p) => Arc::from(p.value.trim().to_ascii_uppercase()),
        None => r.opaque.clone(),
    };
    let attendees = c
        .props_named("ATTENDEE")
        .map(|p| Attendee {
            email: address(&p.value),
            name: p.param("CN").map(str::to_string),
            partstat: p
                .param("PARTSTAT")
                .map(|v| v.to_ascii_uppercase())
                .unwrap_or_else(|| "NEEDS-ACTION".to_string()),
            role: p
                .param("ROLE")
                .map(|v| v.to_ascii_uppercase())
                .unwrap_or_else(|| "REQ-PARTICIPANT".to_string()),
        })
        .collect();
    let organizer = c.prop("ORGANIZER").map(|p| address(&p.value));
    let sequence = c
        .prop("SEQUENCE")
        .and_then(|p| p.value.trim().parse().ok())
        .unwrap_or(0);
    Some(Vevent {
        uid,
        summary,
        location: text(c, "LOCATION"),
        status,
        transp,
        start,
        length,
        rules,
        rdates,
        exdates,
        recurrence_id,
        attendees,
        organizer,
        sequence,
        line: c.line,
        standalone,
    })
}

fn read_length(c: &Component, start: &Stamp, r: &mut TimeReader, what: &What) -> Length {
    if let Some(p) = c.prop("DTEND") {
        if let Some(end) = r.stamp(p, "; read the event with the default length") {
            let len = match (start, &end) {
                (Stamp::Date(s), Stamp::Date(e)) => (*e - *s).num_days(),
                (Stamp::Date(s), Stamp::Time { local, .. }) => (local.date() - *s).num_days(),
                (Stamp::Time { .. }, _) => {
                    (end.instant(&r.floating) - start.instant(&r.floating)).num_seconds()
                }
            };
            if let (
                Stamp::Time { local, zone, .. },
                Stamp::Time {
                    local: end_local, ..
                },
            ) = (start, &end)
            {
                let in_gap = zone.to_local(zone.to_utc(*local)) != *local;
                if len <= 0 && in_gap && end_local > local {
                    r.warnings.push(
                        r.file,
                        Some(p.line),
                        format!(
                            "{what}: DTSTART {} does not exist in {} (the clocks skip it), so it is read as {} (RFC 5545 3.3.5), at or after DTEND {}: the event lasts no time and blocks nobody; move DTSTART out of the gap",
                            local.format("%Y-%m-%d %H:%M"),
                            zone.name(),
                            zone.to_local(zone.to_utc(*local)).format("%H:%M"),
                            end_local.format("%H:%M")
                        ),
                    );
                    return Length::Exact(0);
                }
            }
            if len >= 0 {
                return Length::Exact(len);
            }
            r.warnings.push(
                r.file,
                Some(p.line),
                format!("{what}: DTEND is before DTSTART; read it as ending when it starts"),
            );
            return Length::Exact(0);
        }
    } else if let Some(p) = c.prop("DURATION") {
        match value::parse_duration(&p.value) {
            Some(d) if !d.is_negative() => {
                return match start {
                    // A date event lasts whole days; PT24H and the like count as days.
                    Stamp::Date(_) if d.days == 0 => {
                        Length::Exact(((d.seconds + 86_399) / 86_400).max(1))
                    }
                    Stamp::Date(_) => Length::Exact(d.days),
                    Stamp::Time { .. } => Length::Nominal(d),
                };
            }
            _ => r.warnings.push(
                r.file,
                Some(p.line),
                format!(
                    "{what}: DURATION {} is not a non-negative duration; read as the default length (write it like PT1H30M or P1D)",
                    excerpt(&p.value)
                ),
            ),
        }
    }
    // RFC 5545 3.6.1: a date lasts one day; a date-time lasts no time.
    match start {
        Stamp::Date(_) => Length::Exact(1),
        Stamp::Time { .. } => Length::Exact(0),
    }
}
