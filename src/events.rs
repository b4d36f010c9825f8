/*!
Events: the occurrences krock reasons about (reading them from sources is [`crate::load`]).

An [`Occurrence`] is one instance of a calendar event inside the window, recurrences
expanded and overrides applied, with exact UTC start and end. Everything downstream —
the busy model, `check`, the solver — works on occurrences; nothing downstream looks at
iCalendar text again.
*/

use crate::ical::zone::Zone;
use crate::source::FetchOptions;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use std::sync::Arc;

/// Participation status of an attendee, as far as busy time cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    /// Lower-cased address without `mailto:`.
    pub email: String,
    pub name: Option<String>,
    /// PARTSTAT, upper case (`NEEDS-ACTION` when absent).
    pub partstat: String,
    /// ROLE, upper case (`REQ-PARTICIPANT` when absent).
    pub role: String,
}

/// What is shared by all occurrences of one VEVENT.
#[derive(Debug, Clone, Default)]
pub struct EventInfo {
    pub location: Option<String>,
    pub organizer: Option<String>,
    pub attendees: Vec<Attendee>,
    pub sequence: i64,
    /// Line of the VEVENT's BEGIN in its file.
    pub line: usize,
    /// The zone the event's DTSTART is written in (None for UTC or all-day values).
    pub tzid: Option<String>,
}

/// One occurrence of an event.
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// UID, SUMMARY, STATUS and TRANSP are shared with the event's other occurrences
    /// (one allocation per VEVENT, not per occurrence).
    pub uid: Option<Arc<str>>,
    pub summary: Option<Arc<str>>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// For all-day events: the dates (end exclusive). `start`/`end` are then local
    /// midnights in the zone the events were read in.
    pub all_day: Option<(NaiveDate, NaiveDate)>,
    pub status: Option<Arc<str>>,
    pub transp: Arc<str>,
    /// The source's name as the user gave it.
    pub source: Arc<str>,
    /// For an instance of a recurring series: its original start (the RECURRENCE-ID it
    /// has or would have), as written in the series' zone.
    pub recurrence_id: Option<RecurrenceId>,
    pub info: Arc<EventInfo>,
}

/// The identity of one instance of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecurrenceId {
    Date(NaiveDate),
    /// Local time and the TZID it is written in (None: UTC).
    Local(chrono::NaiveDateTime, Option<Arc<str>>),
}

impl Occurrence {
    pub fn is_cancelled(&self) -> bool {
        self.status.as_deref() == Some("CANCELLED")
    }
    pub fn is_transparent(&self) -> bool {
        &*self.transp == "TRANSPARENT"
    }
    pub fn is_tentative(&self) -> bool {
        self.status.as_deref() == Some("TENTATIVE")
    }
}

/// The interval `[from, to)` of dates read as local midnights in `zone`.
#[derive(Debug, Clone)]
pub struct Window {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub zone: Zone,
}

impl Window {
    pub fn new(from: NaiveDate, to: NaiveDate, zone: Zone) -> Window {
        Window { from, to, zone }
    }
    pub fn start(&self) -> DateTime<Utc> {
        self.zone.to_utc(self.from.and_time(NaiveTime::MIN))
    }
    pub fn end(&self) -> DateTime<Utc> {
        self.zone.to_utc(self.to.and_time(NaiveTime::MIN))
    }
    /// Whether an occurrence overlaps the window (a zero-length one: starts inside it).
    pub fn contains(&self, o: &Occurrence) -> bool {
        self.bounds().contains(o)
    }
    /// The window with its start and end in UTC worked out once, for testing many
    /// occurrences (each [`Window::start`] and [`Window::end`] is a zone lookup).
    pub fn bounds(&self) -> Bounds<'_> {
        Bounds {
            window: self,
            start: self.start(),
            end: self.end(),
        }
    }
}

/// A [`Window`] with its UTC start and end; see [`Window::bounds`].
#[derive(Debug, Clone, Copy)]
pub struct Bounds<'a> {
    window: &'a Window,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl Bounds<'_> {
    /// Whether an occurrence overlaps the window (a zero-length one: starts inside it).
    pub fn contains(&self, o: &Occurrence) -> bool {
        let w = self.window;
        match o.all_day {
            Some((s, e)) if s == e => w.from <= s && s < w.to,
            Some((s, e)) => s < w.to && e > w.from,
            None if o.start == o.end => self.start <= o.start && o.start < self.end,
            None => o.start < self.end && o.end > self.start,
        }
    }
}

/// Hard limits on what one read may cost, each with the flag that raises it. Hostile or
/// broken input ends at a limit with a message naming it, in bounded time and memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Occurrences one event may expand to (`--max-occurrences`); beyond: a warning and
    /// the first ones are kept.
    pub max_per_event: usize,
    /// Occurrences of all sources together (`--max-total-occurrences`); beyond: an error.
    pub max_total: usize,
    /// Bytes of one file (`--max-file-mb`); beyond: an error.
    pub max_file_bytes: usize,
    /// Bytes of one unfolded content line (`--max-line-length`); beyond: the line is
    /// skipped with a warning.
    pub max_line_bytes: usize,
    /// Nesting depth of components (`--max-depth`); deeper ones are skipped with a warning.
    pub max_depth: usize,
    /// EXDATE values of one event (`--max-exdates`); beyond: the event is skipped with a
    /// warning (reading it without them would show deleted dates).
    pub max_exdates: usize,
    /// STANDARD/DAYLIGHT observances of one VTIMEZONE (`--max-tz-observances`); beyond:
    /// the VTIMEZONE is ignored with a warning (its TZID is then unknown).
    pub max_tz_observances: usize,
    /// Onsets (DTSTART, RRULE and RDATE changes up to 2200) of all VTIMEZONEs of one file
    /// together (`--max-tz-onsets`); the VTIMEZONE that reaches it, and any after it, are
    /// ignored with a warning.
    pub max_tz_onsets: usize,
}

impl Limits {
    /// The defaults, written once: `cli.rs` shows them as the flags' defaults.
    pub const DEFAULT: Limits = Limits {
        max_per_event: 100_000,
        max_total: 1_000_000,
        max_file_bytes: 100 << 20,
        max_line_bytes: 1 << 20,
        max_depth: 16,
        max_exdates: 100_000,
        max_tz_observances: 1_000,
        max_tz_onsets: 100_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// How to read calendars.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub window: Window,
    pub limits: Limits,
    /// How URL sources are downloaded (timeout, size cap, cache, offline).
    pub fetch: FetchOptions,
}

impl ReadOptions {
    pub fn new(window: Window) -> ReadOptions {
        ReadOptions {
            window,
            limits: Limits::default(),
            fetch: FetchOptions::default(),
        }
    }
}

/// The order of the contract: start, then uid, then end, then summary (then source; a
/// stable sort: ties keep their order).
///
/// The sort runs over integer keys and indices, and the occurrences are then moved once
/// each into place: an occurrence is a large value, and moving it at every step of the
/// sort cost more than the comparisons. The strings are replaced by their ranks among the
/// distinct strings (worked out once per shared string, not per comparison), so a
/// comparison never reads an occurrence; the index last makes every key distinct, which
/// gives the stable order.
pub fn sort(occurrences: &mut [Occurrence]) {
    let uid = ranks(occurrences.iter().map(|o| o.uid.as_ref()));
    let summary = ranks(occurrences.iter().map(|o| o.summary.as_ref()));
    let source = ranks(occurrences.iter().map(|o| Some(&o.source)));
    let mut keyed: Vec<SortKey> = occurrences
        .iter()
        .enumerate()
        .map(|(i, o)| {
            (
                (
                    o.start.timestamp(),
                    o.start.timestamp_subsec_nanos(),
                    uid[i],
                ),
                (o.end.timestamp(), o.end.timestamp_subsec_nanos()),
                (summary[i], source[i], i),
            )
        })
        .collect();
    keyed.sort_unstable();
    permute(occurrences, keyed.into_iter().map(|k| k.2 .2).collect());
}

/// Puts `list` in the order `order` gives (`order[j]`: the index of the item that goes
/// to `j`), in place, one cycle at a time (`order[j] = j` marks a place done).
pub fn permute<T>(list: &mut [T], mut order: Vec<usize>) {
    for i in 0..order.len() {
        let mut j = i;
        while order[j] != j {
            let k = order[j];
            order[j] = j;
            if k == i {
                break;
            }
            list.swap(j, k);
            j = k;
        }
    }
}

/// An occurrence's place in the contract's order, as integers (see [`sort`]).
type SortKey = ((i64, u32, u32), (i64, u32), (u32, u32, usize));

/// Each value's rank among the distinct values (`None` first, then strings in byte
/// order; equal strings share a rank). Values are first told apart by their pointer, so
/// a string shared by many occurrences is looked at once.
fn ranks<'a>(values: impl Iterator<Item = Option<&'a Arc<str>>>) -> Vec<u32> {
    let mut slot_of: rustc_hash::FxHashMap<*const u8, u32> = Default::default();
    let mut distinct: Vec<&'a str> = Vec::new();
    let slots: Vec<u32> = values
        .map(|v| match v {
            None => 0,
            Some(s) => *slot_of.entry(s.as_ptr()).or_insert_with(|| {
                distinct.push(s);
                distinct.len() as u32
            }),
        })
        .collect();
    let mut by_text: Vec<u32> = (0..distinct.len() as u32).collect();
    by_text.sort_unstable_by(|&a, &b| distinct[a as usize].cmp(distinct[b as usize]));
    // rank_of[slot]: slot 0 is None; equal strings get the same rank.
    let mut rank_of = vec![0u32; distinct.len() + 1];
    let mut rank = 0;
    for (k, &d) in by_text.iter().enumerate() {
        if k == 0 || distinct[d as usize] != distinct[by_text[k - 1] as usize] {
            rank += 1;
        }
        rank_of[d as usize + 1] = rank;
    }
    slots.into_iter().map(|s| rank_of[s as usize]).collect()
}

#[cfg(test)]
fn contract_order(a: &Occurrence, b: &Occurrence) -> std::cmp::Ordering {
    a.start
        .cmp(&b.start)
        .then_with(|| a.uid.cmp(&b.uid))
        .then_with(|| a.end.cmp(&b.end))
        .then_with(|| a.summary.cmp(&b.summary))
        .then_with(|| a.source.cmp(&b.source))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn occ(hour: u32, uid: &str, n: usize) -> Occurrence {
        let start = Utc.with_ymd_and_hms(2026, 4, 1, hour, 0, 0).unwrap();
        Occurrence {
            uid: Some(uid.into()),
            summary: Some(n.to_string().into()),
            start,
            end: start,
            all_day: None,
            status: None,
            transp: "OPAQUE".into(),
            source: Arc::from("a.ics"),
            recurrence_id: None,
            info: Arc::default(),
        }
    }

    #[test]
    fn sort_by_index_is_the_plain_stable_sort() {
        let mut seed = 7u64;
        let mut list: Vec<Occurrence> = (0..500)
            .map(|n| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let hour = (seed >> 33) as u32 % 5;
                let uid = ["a", "b", "c"][(seed >> 40) as usize % 3];
                let mut o = occ(hour, uid, 0);
                // Equal keys but for the summary, which the sort also reads: keep them
                // apart by the line only, so stability shows.
                o.summary = Some("s".into());
                // Some without UID or title, some ending later, some from another source.
                match (seed >> 45) % 7 {
                    0 => o.uid = None,
                    1 => o.summary = None,
                    2 => o.end += chrono::Duration::minutes(30),
                    3 => o.source = Arc::from("b.ics"),
                    _ => {}
                }
                o.info = Arc::new(EventInfo {
                    line: n,
                    ..EventInfo::default()
                });
                o
            })
            .collect();
        let mut plain = list.clone();
        plain.sort_by(contract_order);
        sort(&mut list);
        let lines = |l: &[Occurrence]| l.iter().map(|o| o.info.line).collect::<Vec<_>>();
        assert_eq!(lines(&list), lines(&plain));
    }
}
