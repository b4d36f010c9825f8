/*!
`check`: the clashes of planned occurrences, and overlaps between feeds.

With a plan: every occurrence of each meeting's existing `series` inside the plan's window
is checked against the busy model — who is taken away by what, who can only join
remotely, whether the required people and the quorum still hold — and against holidays.
Without a plan: overlaps between events of different sources, grouped into clusters
(connected groups of cross-source overlaps, `docs/check-clusters.md`) by one sweep over the
intervals sorted by start, so neither the work nor the output grows with the pairs.
*/

use crate::busy::{BusyMap, Presence};
use crate::events::Occurrence;
use crate::holidays::Holiday;
use crate::plan::Meeting;
use crate::world::World;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::BTreeMap;

/// What a planned occurrence clashes with.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Other {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub source: String,
    pub uid: Option<String>,
    pub summary: String,
    pub all_day: Option<(NaiveDate, NaiveDate)>,
    pub tentative: bool,
}

/// One clash: an event (or holiday) and the people it affects.
#[derive(Debug, Clone)]
pub struct Clash {
    pub with: Other,
    pub holiday: bool,
    /// Attendees it takes away (absent), in plan order.
    pub people: Vec<String>,
    /// Attendees it leaves only able to join remotely.
    pub remote: Vec<String>,
}

/// A person who is not there, and why (one line each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absence {
    pub id: String,
    /// Why, one busy event each, said in a language by [`Absence::reasons_in`] (JSON:
    /// English).
    pub why: Vec<crate::busy::Why>,
}

impl Absence {
    /// The reasons in `lang`, "; " between them.
    pub fn reasons_in(&self, lang: crate::i18n::Lang) -> String {
        self.why
            .iter()
            .map(|w| w.text(lang))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Attendance at one span.
#[derive(Debug, Clone, Default)]
pub struct Attendance {
    pub present: Vec<String>,
    pub remote: Vec<String>,
    pub absent: Vec<Absence>,
}

impl Attendance {
    pub fn count(&self) -> usize {
        self.present.len() + self.remote.len()
    }
}

/// The check of one planned occurrence.
#[derive(Debug, Clone)]
pub struct OccurrenceCheck {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub uid: Option<String>,
    pub attendance: Attendance,
    pub clashes: Vec<Clash>,
    pub quorum: usize,
    pub quorum_holds: bool,
    /// Required people who are absent.
    pub required_missing: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct MeetingCheck {
    pub id: String,
    pub title: String,
    pub attendees: usize,
    /// None when the meeting has no series (nothing planned to check).
    pub occurrences: Option<Vec<OccurrenceCheck>>,
}

#[derive(Debug, Clone)]
pub struct PlanCheck {
    pub meetings: Vec<MeetingCheck>,
}

impl PlanCheck {
    pub fn any_clash(&self) -> bool {
        self.meetings
            .iter()
            .flat_map(|m| m.occurrences.iter().flatten())
            .any(|o| !o.clashes.is_empty())
    }
}

fn other_of(busy: &crate::busy::Busy) -> Other {
    Other {
        start: busy.start,
        end: busy.end,
        source: busy.source.to_string(),
        uid: busy.uid.as_deref().map(str::to_string),
        summary: busy.summary.to_string(),
        all_day: busy.all_day,
        tentative: busy.tentative,
    }
}

fn holiday_other(h: &Holiday, world: &World) -> Other {
    let start = world.zone.to_utc(h.date.and_time(chrono::NaiveTime::MIN));
    let next = h.date + Duration::days(1);
    Other {
        start,
        end: world.zone.to_utc(next.and_time(chrono::NaiveTime::MIN)),
        source: "holidays:SE".to_string(),
        uid: None,
        summary: h.name.to_string(),
        all_day: Some((h.date, next)),
        tentative: false,
    }
}

/// Checks one occurrence of a meeting at `[start, end)`.
pub fn check_span(
    world: &World,
    busy: &BusyMap,
    meeting: &Meeting,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> (Attendance, Vec<Clash>) {
    let zone = &world.zone;
    let mut att = Attendance::default();
    let mut clashes: BTreeMap<Other, Clash> = BTreeMap::new();
    let holidays = world.holidays_on(zone.to_local(start).date());
    for h in &holidays {
        let other = holiday_other(h, world);
        clashes.insert(
            other.clone(),
            Clash {
                with: other,
                holiday: true,
                people: meeting.attendees.clone(),
                remote: Vec::new(),
            },
        );
    }
    for id in &meeting.attendees {
        let Some(person) = world.plan.people.iter().find(|p| &p.id == id) else {
            continue;
        };
        let (reasons, absent) = match busy.presence(person, start, end) {
            Presence::InPerson => {
                att.present.push(id.clone());
                continue;
            }
            Presence::Remote(r) => {
                att.remote.push(id.clone());
                (r, false)
            }
            Presence::Absent(r) => (r, true),
        };
        if absent {
            att.absent.push(Absence {
                id: id.clone(),
                why: reasons
                    .iter()
                    .map(|r| crate::busy::Why::of(r.busy, r.travel_only, zone))
                    .collect(),
            });
        }
        for r in &reasons {
            let other = other_of(r.busy);
            let entry = clashes.entry(other.clone()).or_insert_with(|| Clash {
                with: other,
                holiday: false,
                people: Vec::new(),
                remote: Vec::new(),
            });
            let list = if absent {
                &mut entry.people
            } else {
                &mut entry.remote
            };
            if !list.contains(id) {
                list.push(id.clone());
            }
        }
    }
    (att, clashes.into_values().collect())
}

/// Checks every planned occurrence of every meeting with a series.
pub fn check_plan(world: &World, busy: &BusyMap) -> PlanCheck {
    let mut meetings = Vec::new();
    for m in &world.plan.meetings {
        let occurrences = world.series.get(&m.id).map(|series| {
            planned(series, world)
                .map(|o| {
                    let (attendance, clashes) = check_span(world, busy, m, o.start, o.end);
                    let required_missing: Vec<String> = m
                        .required
                        .iter()
                        .filter(|r| attendance.absent.iter().any(|a| &a.id == *r))
                        .cloned()
                        .collect();
                    let on_holiday = clashes.iter().any(|c| c.holiday);
                    let quorum_holds = !on_holiday && attendance.count() >= m.quorum;
                    OccurrenceCheck {
                        start: o.start,
                        end: o.end,
                        uid: o.uid.as_deref().map(str::to_string),
                        attendance,
                        clashes,
                        quorum: m.quorum,
                        quorum_holds,
                        required_missing,
                    }
                })
                .collect()
        });
        meetings.push(MeetingCheck {
            id: m.id.clone(),
            title: m.title.clone(),
            attendees: m.attendees.len(),
            occurrences,
        });
    }
    PlanCheck { meetings }
}

/// The series' occurrences that are the current plan: not cancelled, starting inside
/// the plan's window.
pub fn planned<'a>(
    series: &'a [Occurrence],
    world: &World,
) -> impl Iterator<Item = &'a Occurrence> {
    let (from, to) = (world.window_start(), world.window_end());
    series
        .iter()
        .filter(move |o| !o.is_cancelled() && o.start >= from && o.start < to)
}

/// A cluster of overlapping events from two or more sources: a connected group of the
/// graph whose edges are overlaps between events of *different* sources. Every event in it
/// overlaps at least one event of another source. Reporting clusters instead of pairs keeps
/// the output linear in the input: 1,000 events at one instant in each of two files are one
/// cluster of 2,000 events, not a million pairs.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// The first instant at which events of two sources overlap.
    pub start: DateTime<Utc>,
    /// The last instant at which events of two sources overlap.
    pub end: DateTime<Utc>,
    /// Its events, by start, then end, then source.
    pub events: Vec<Occurrence>,
}

impl Cluster {
    /// The distinct sources of its events, sorted.
    pub fn sources(&self) -> Vec<&str> {
        let mut s: Vec<&str> = self.events.iter().map(|o| &*o.source).collect();
        s.sort_unstable();
        s.dedup();
        s
    }
}

/// Union-find over event indexes.
struct Groups(Vec<usize>);

impl Groups {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Overlaps between busy (opaque, not cancelled, non-empty) events of different sources,
/// grouped into [`Cluster`]s, in one sweep over the events sorted by start.
///
/// The events running when one starts all contain that instant, so with it they overlap
/// pairwise; when they hold two or more sources, every one of them overlaps an event of
/// another source, and all join one cluster. Events not yet in a cluster wait in a list
/// and join once; so the sweep does O(n log n) work, whatever the overlaps.
pub fn overlaps(occurrences: &[Occurrence]) -> Vec<Cluster> {
    use std::cmp::Reverse;
    use std::collections::{BinaryHeap, HashMap};
    let mut list: Vec<&Occurrence> = occurrences
        .iter()
        .filter(|o| !o.is_cancelled() && !o.is_transparent() && o.end > o.start)
        .collect();
    list.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(a.end.cmp(&b.end))
            .then_with(|| a.source.cmp(&b.source))
    });
    let mut groups = Groups((0..list.len()).collect());
    let mut joined = vec![false; list.len()];
    let mut running: BinaryHeap<Reverse<(DateTime<Utc>, usize)>> = BinaryHeap::new();
    let mut per_source: HashMap<&str, usize> = HashMap::new();
    let mut active = vec![false; list.len()];
    let mut waiting: Vec<usize> = Vec::new();
    // The running events already in a cluster are all in one: `rep`'s, while any run.
    let mut rep: Option<usize> = None;
    let mut joined_running = 0usize;
    for (i, o) in list.iter().enumerate() {
        while let Some(Reverse((end, j))) = running.peek().copied() {
            if end > o.start {
                break;
            }
            running.pop();
            active[j] = false;
            if joined[j] {
                joined_running -= 1;
                if joined_running == 0 {
                    rep = None;
                }
            }
            let n = per_source.get_mut(&*list[j].source).expect("counted");
            *n -= 1;
            if *n == 0 {
                per_source.remove(&*list[j].source);
            }
        }
        let other_source =
            per_source.len() > 1 || per_source.keys().next().is_some_and(|s| *s != &*o.source);
        if other_source {
            // o and every running event overlap pairwise, across two sources or more:
            // all of them are one cluster.
            if let Some(r) = rep {
                groups.union(i, r);
            }
            for j in waiting.drain(..) {
                if active[j] {
                    groups.union(i, j);
                    joined[j] = true;
                    joined_running += 1;
                }
            }
            joined[i] = true;
            joined_running += 1;
            rep = Some(i);
        } else {
            waiting.push(i);
        }
        active[i] = true;
        running.push(Reverse((o.end, i)));
        *per_source.entry(&*o.source).or_insert(0) += 1;
    }
    let mut by_root: BTreeMap<usize, Vec<&Occurrence>> = BTreeMap::new();
    for (i, o) in list.iter().enumerate() {
        if joined[i] {
            let root = groups.find(i);
            by_root.entry(root).or_default().push(o);
        }
    }
    by_root
        .into_values()
        .filter_map(|events| {
            let (start, end) = cross_span(&events)?;
            Some(Cluster {
                start,
                end,
                events: events.into_iter().cloned().collect(),
            })
        })
        .collect()
}

/// The first and last instants at which events of two or more sources run at once.
fn cross_span(events: &[&Occurrence]) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    // Ends before starts at one instant: touching is not overlapping.
    let mut points: Vec<(DateTime<Utc>, bool, &str)> = events
        .iter()
        .flat_map(|o| [(o.start, true, &*o.source), (o.end, false, &*o.source)])
        .collect();
    points.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut first, mut last) = (None, None);
    for (t, is_start, source) in points {
        let before = count.len() >= 2;
        if is_start {
            *count.entry(source).or_insert(0) += 1;
        } else {
            let n = count.get_mut(source).expect("started");
            *n -= 1;
            if *n == 0 {
                count.remove(source);
            }
        }
        let after = count.len() >= 2;
        if !before && after && first.is_none() {
            first = Some(t);
        }
        if before && !after {
            last = Some(t);
        }
    }
    first.zip(last)
}
