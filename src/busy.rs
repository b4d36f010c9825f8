/*!
Who is busy when: people × time → busy intervals, and a person's presence at a meeting.

A person is busy (SPEC.md, "Semantics") during every OPAQUE, not-cancelled occurrence of
1. their own `calendar`;
2. every feed whose `blocks` names them (or says "all");
3. every event in any of the plan's sources that lists their email as an ATTENDEE.

An occurrence where the person's own ATTENDEE entry says `PARTSTAT=DECLINED` does not block
them, whichever way it reached them. TENTATIVE occurrences block and are labelled
tentative. Email matching ignores case and `mailto:`. An occurrence that reaches a person
by two ways counts once. A meeting's own existing series never makes its attendees busy:
its occurrences are what the plan checks and may move, not commitments. Besides the series
file itself (never read as a busy source), the same events also reach people as copies —
the accepted invitation in an attendee's own calendar, a shared calendar that carries it —
so every occurrence whose UID is the UID of a meeting's series is left out, wherever it
comes from.

[`BusyMap::presence`] answers, for one person and one span, whether they are present in
person, only remotely (free for the span but not for the travel margin around it) or
absent, and because of which intervals.
*/

use crate::events::Occurrence;
use crate::i18n::Lang;
use crate::ical::zone::Zone;
use crate::plan::Person;
use crate::world::World;
use chrono::{DateTime, Duration, Utc};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// How an interval came to block a person.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Via {
    Calendar,
    Feed(String),
    Attendee,
}

/// One interval during which one person is busy.
#[derive(Debug, Clone)]
pub struct Busy {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Shared with the occurrence it comes from.
    pub summary: Arc<str>,
    pub uid: Option<Arc<str>>,
    pub source: Arc<str>,
    pub tentative: bool,
    pub all_day: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    pub via: Via,
}

/// Why someone is away from a meeting, as data: the busy event's title, when it is in the
/// zone's local time (`None`: all day), whether it is tentative, and whether only the
/// travel margin around the meeting touches it. Said in a language by [`Why::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    pub summary: String,
    /// "09:00–12:00", "05-19 06:00–05-20 19:00", "2026-05-26–2026-05-28"; None: one whole day.
    pub when: Option<String>,
    pub tentative: bool,
    pub travel_only: bool,
}

impl Why {
    pub fn of(b: &Busy, travel_only: bool, zone: &Zone) -> Why {
        let when = match b.all_day {
            Some((s, e)) if (e - s).num_days() <= 1 => None,
            Some((s, e)) => Some(format!("{s}–{}", e - Duration::days(1))),
            None => {
                let (ls, le) = (zone.to_local(b.start), zone.to_local(b.end));
                Some(if ls.date() == le.date() {
                    format!("{}–{}", ls.format("%H:%M"), le.format("%H:%M"))
                } else {
                    format!("{}–{}", ls.format("%m-%d %H:%M"), le.format("%m-%d %H:%M"))
                })
            }
        };
        Why {
            summary: b.summary.to_string(),
            when,
            tentative: b.tentative,
            travel_only,
        }
    }

    /// "Regionalt råd 09:00–12:00 (no time to travel)" / "… (ingen tid att resa)".
    pub fn text(&self, lang: Lang) -> String {
        let when = match &self.when {
            Some(w) => w.clone(),
            None => lang.t("when-all-day"),
        };
        let mut s = format!("{} {when}", self.summary);
        if self.tentative {
            s.push(' ');
            s.push_str(&lang.t("tentative"));
        }
        if self.travel_only {
            s.push(' ');
            s.push_str(&lang.t("no-time-to-travel"));
        }
        s
    }
}

/// Why someone is not (fully) present: the interval and whether only the travel margin
/// around the meeting touches it.
#[derive(Debug, Clone)]
pub struct Reason<'a> {
    pub busy: &'a Busy,
    pub travel_only: bool,
}

/// A person's attendance at one span.
#[derive(Debug, Clone)]
pub enum Presence<'a> {
    InPerson,
    Remote(Vec<Reason<'a>>),
    Absent(Vec<Reason<'a>>),
}

impl Presence<'_> {
    pub fn is_present(&self) -> bool {
        !matches!(self, Presence::Absent(_))
    }
}

/// Busy intervals per person, sorted by start.
#[derive(Debug, Default)]
pub struct BusyMap {
    by_person: BTreeMap<String, Vec<Busy>>,
    /// Longest interval per person, to bound overlap searches.
    longest: BTreeMap<String, Duration>,
}

/// Sorts a person's intervals by start, end and summary, stably (ties keep their order):
/// integer keys beside the index, the summary read only on ties, and each interval moved
/// once into place.
fn sort_busy(list: &mut [Busy]) {
    let mut keyed: Vec<(i64, u32, i64, u32, usize)> = list
        .iter()
        .enumerate()
        .map(|(i, b)| {
            (
                b.start.timestamp(),
                b.start.timestamp_subsec_nanos(),
                b.end.timestamp(),
                b.end.timestamp_subsec_nanos(),
                i,
            )
        })
        .collect();
    keyed.sort_unstable_by(|a, b| {
        (a.0, a.1, a.2, a.3)
            .cmp(&(b.0, b.1, b.2, b.3))
            .then_with(|| list[a.4].summary.cmp(&list[b.4].summary))
            .then(a.4.cmp(&b.4))
    });
    crate::events::permute(list, keyed.into_iter().map(|k| k.4).collect());
}

/// One occurrence as it reaches one person: (person index, source, uid, start), borrowed
/// from the world's occurrences.
type SeenKey<'w> = (usize, &'w str, Option<&'w str>, DateTime<Utc>);

fn blocks(o: &Occurrence) -> bool {
    !o.is_cancelled() && !o.is_transparent()
}

/// Whether the person with `email` (lower-cased, as attendees' addresses are when read)
/// declined the occurrence.
fn declined_by(o: &Occurrence, email: Option<&str>) -> bool {
    let Some(email) = email else { return false };
    o.info
        .attendees
        .iter()
        .any(|a| a.email == email && a.partstat == "DECLINED")
}

fn attends(o: &Occurrence, email: &str) -> bool {
    o.info
        .attendees
        .iter()
        .any(|a| a.email == email && a.partstat != "DECLINED")
}

impl BusyMap {
    /// Builds the busy intervals of every person in the plan.
    pub fn build<'w>(world: &'w World) -> BusyMap {
        let mut map = BusyMap::default();
        let people = &world.plan.people;
        // Lower-cased once here: matching ignores case however the plan was built.
        let lower: Vec<Option<String>> = people
            .iter()
            .map(|p| p.email.as_ref().map(|e| e.to_lowercase()))
            .collect();
        let emails: Vec<(usize, &str)> = lower
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.as_deref().map(|e| (i, e)))
            .collect();
        // The plan's own series, as they may also appear in calendars and feeds.
        let series_uids: HashSet<&str> = world
            .series
            .values()
            .flatten()
            .filter_map(|o| o.uid.as_deref())
            .collect();
        // Each person's list, by id (the first person with an id holds its list): found by
        // index while building, not by a lookup of the id for every interval.
        let mut slot_of: Vec<usize> = Vec::with_capacity(people.len());
        let mut ids: Vec<&str> = Vec::new();
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        for p in people {
            let next = ids.len();
            let slot = *by_id.entry(p.id.as_str()).or_insert(next);
            if slot == next {
                ids.push(&p.id);
            }
            slot_of.push(slot);
        }
        let mut lists: Vec<Vec<Busy>> = vec![Vec::new(); ids.len()];
        // Hashed with FxHash (the keys are krock's own, not an attacker's choice of
        // collisions beyond what a file can hold anyway), sized for the occurrences once.
        let reach: usize = world.calendars.values().map(Vec::len).sum::<usize>()
            + world.feeds.values().map(Vec::len).sum::<usize>();
        let mut seen: rustc_hash::FxHashSet<SeenKey> = Default::default();
        seen.reserve(reach);
        let no_title: Arc<str> = Arc::from("(no title)");
        let mut add = |lists: &mut Vec<Vec<Busy>>, i: usize, o: &'w Occurrence, via: Via| {
            if !blocks(o) || declined_by(o, lower[i].as_deref()) {
                return;
            }
            if o.uid.as_deref().is_some_and(|u| series_uids.contains(u)) {
                return;
            }
            if !seen.insert((i, &*o.source, o.uid.as_deref(), o.start)) {
                return;
            }
            lists[slot_of[i]].push(Busy {
                start: o.start,
                end: o.end,
                summary: o.summary.clone().unwrap_or_else(|| no_title.clone()),
                uid: o.uid.clone(),
                source: o.source.clone(),
                tentative: o.is_tentative(),
                all_day: o.all_day,
                via,
            });
        };
        for (i, p) in people.iter().enumerate() {
            for o in world.calendars.get(&p.id).into_iter().flatten() {
                add(&mut lists, i, o, Via::Calendar);
            }
        }
        for f in &world.plan.feeds {
            // Whom the feed blocks, looked up once per feed, not once per event.
            let blocked: Vec<usize> = f
                .blocks
                .iter()
                .filter_map(|id| people.iter().position(|p| &p.id == id))
                .collect();
            for o in world.feeds.get(&f.id).into_iter().flatten() {
                for &i in &blocked {
                    add(&mut lists, i, o, Via::Feed(f.id.clone()));
                }
            }
        }
        // ATTENDEE matching over every source of the plan (calendars and feeds).
        let all = world
            .calendars
            .values()
            .chain(world.feeds.values())
            .flatten();
        for o in all {
            if o.info.attendees.is_empty() {
                continue;
            }
            for (i, email) in &emails {
                if attends(o, email) {
                    add(&mut lists, *i, o, Via::Attendee);
                }
            }
        }
        for (slot, list) in lists.into_iter().enumerate() {
            if !list.is_empty() {
                map.by_person.insert(ids[slot].to_string(), list);
            }
        }
        for (id, list) in map.by_person.iter_mut() {
            sort_busy(list);
            let longest = list
                .iter()
                .map(|b| b.end - b.start)
                .max()
                .unwrap_or_default();
            map.longest.insert(id.clone(), longest);
        }
        map
    }

    /// Every busy interval of a person.
    pub fn of(&self, person: &str) -> &[Busy] {
        self.by_person.get(person).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The person's intervals that overlap `[start, end)`.
    pub fn overlapping(
        &self,
        person: &str,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Vec<&Busy> {
        let list = self.of(person);
        let longest = self.longest.get(person).copied().unwrap_or_default();
        let first = list.partition_point(|b| b.start < start - longest);
        list[first..]
            .iter()
            .take_while(|b| b.start < end)
            .filter(|b| b.end > start || (b.start == b.end && b.start >= start))
            .collect()
    }

    /// Present in person, remotely, or absent — and why.
    pub fn presence(
        &self,
        person: &Person,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Presence<'_> {
        let core = self.overlapping(&person.id, start, end);
        if !core.is_empty() {
            return Presence::Absent(
                core.into_iter()
                    .map(|busy| Reason {
                        busy,
                        travel_only: false,
                    })
                    .collect(),
            );
        }
        if person.travel <= Duration::zero() {
            return Presence::InPerson;
        }
        let margin: Vec<Reason> = self
            .overlapping(&person.id, start - person.travel, end + person.travel)
            .into_iter()
            .map(|busy| Reason {
                busy,
                travel_only: true,
            })
            .collect();
        if margin.is_empty() {
            Presence::InPerson
        } else if person.remote {
            Presence::Remote(margin)
        } else {
            Presence::Absent(margin)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// Sorting on integer keys gives the plain stable sort by start, end and summary.
    #[test]
    fn busy_sort_is_the_plain_stable_sort() {
        let mut seed = 11u64;
        let base = Utc.with_ymd_and_hms(2026, 4, 1, 8, 0, 0).unwrap();
        let list: Vec<Busy> = (0..400)
            .map(|n| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let start = base + Duration::minutes(30 * ((seed >> 33) % 4) as i64);
                Busy {
                    start,
                    end: start + Duration::minutes(30 * ((seed >> 40) % 3) as i64),
                    summary: Arc::from(["a", "b", "c"][(seed >> 50) as usize % 3]),
                    // Equal keys are told apart by the uid only, so stability shows.
                    uid: Some(Arc::from(n.to_string())),
                    source: Arc::from("a.ics"),
                    tentative: false,
                    all_day: None,
                    via: Via::Calendar,
                }
            })
            .collect();
        let mut plain = list.clone();
        plain.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(a.end.cmp(&b.end))
                .then(a.summary.cmp(&b.summary))
        });
        let mut ours = list;
        sort_busy(&mut ours);
        let uids = |l: &[Busy]| l.iter().map(|b| b.uid.clone()).collect::<Vec<_>>();
        assert_eq!(uids(&ours), uids(&plain));
    }
}
