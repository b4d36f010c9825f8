/*!
The slots a meeting may take, and who could come to each.

For each meeting: every day of the plan's window whose weekday is in `days`, at every
allowed `start`, lasting `duration`, computed once with the busy model into an
[`Attendance`]. Holidays (with `holidays = "SE"`) are kept as candidates but marked, so
the report can say why they were not proposed: which candidates a rule finds unfit on
their own is the solver's to say (`solve::rules`), not this file's. An existing series' occurrences inside the
window are candidates too — at their own time, even where that is not an allowed slot —
so that the solver can keep them. A slot that starts before [`World::not_before`] (now, when
today is the clock's) is not a candidate.
*/

use crate::busy::BusyMap;
use crate::check::{check_span, planned, Attendance};
use crate::world::World;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

/// One possible occurrence of a meeting.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index into `plan.meetings`.
    pub meeting: usize,
    /// Local date.
    pub date: NaiveDate,
    /// Index of the start time in the meeting's `start` list (its length for an original
    /// occurrence at another time).
    pub start_index: usize,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub attendance: Attendance,
    /// The holiday's name, if the date is one.
    pub holiday: Option<String>,
    /// Index into the meeting's planned occurrences when this is one of them.
    pub original: Option<usize>,
    /// Whether that original occurrence clashes with anything.
    pub original_clashes: bool,
}

impl Candidate {
    pub fn present(&self) -> usize {
        self.attendance.count()
    }
    pub fn in_person(&self) -> usize {
        self.attendance.present.len()
    }
}

/// Every candidate of every meeting, in plan order, then date, then start.
pub fn candidates(world: &World, busy: &BusyMap) -> Vec<Candidate> {
    let zone = &world.zone;
    let mut out = Vec::new();
    for (mi, m) in world.plan.meetings.iter().enumerate() {
        let originals: Vec<(DateTime<Utc>, DateTime<Utc>, bool)> = world
            .series
            .get(&m.id)
            .map(|s| {
                planned(s, world)
                    .map(|o| {
                        let (_, clashes) = check_span(world, busy, m, o.start, o.end);
                        (o.start, o.end, !clashes.is_empty())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut mine: Vec<Candidate> = Vec::new();
        let mut day = world.plan.from;
        while day <= world.plan.to {
            if m.days.contains(&day.weekday()) {
                for (si, t) in m.start.iter().enumerate() {
                    let start = zone.to_utc(day.and_time(*t));
                    if world.not_before.is_some_and(|now| start < now) {
                        continue; // today, but already begun
                    }
                    let end = start + m.duration;
                    mine.push(make(world, busy, mi, day, si, start, end));
                }
            }
            day += Duration::days(1);
        }
        for (k, (s, e, clashes)) in originals.iter().enumerate() {
            let pos = mine.iter().position(|c| c.start == *s && c.end == *e);
            let c = match pos {
                Some(p) => &mut mine[p],
                None => {
                    let date = zone.to_local(*s).date();
                    mine.push(make(world, busy, mi, date, m.start.len(), *s, *e));
                    mine.last_mut().unwrap()
                }
            };
            c.original = Some(k);
            c.original_clashes = *clashes;
        }
        mine.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(a.start_index.cmp(&b.start_index))
        });
        out.extend(mine);
    }
    out
}

fn make(
    world: &World,
    busy: &BusyMap,
    mi: usize,
    date: NaiveDate,
    start_index: usize,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Candidate {
    let m = &world.plan.meetings[mi];
    let (attendance, _) = check_span(world, busy, m, start, end);
    let holiday = world.holidays_on(date).first().map(|h| h.name.to_string());
    Candidate {
        meeting: mi,
        date,
        start_index,
        start,
        end,
        attendance,
        holiday,
        original: None,
        original_clashes: false,
    }
}
