/*!
The objective, named once: the criteria in their order, and the cost of a candidate as
one lexicographic vector that every part of the solver adds and compares.

An earlier criterion always outweighs all later ones together. Every criterion but the
spread is a sum over the chosen candidates (moves included: a moved occurrence counts as
one move of as many days as lie between it and the nearest clashing original), so the
cost of a plan is the sum of its candidates' costs, and plans compare as vectors do. The
spread (the smallest gap between a meeting's consecutive occurrences) is not a sum: it
has no entry in the [`Cost`]; [`super::spread`] settles it before the other criteria by
raising each spread meeting's gap rule as far as the criteria before it allow. The staged ILP
([`super::model`]), the exact search ([`super::search`]), the [`Score`] in the reports and
the explanations of rejected dates all read the criteria from here.
*/

use crate::candidates::Candidate;
use crate::world::World;
use chrono::Datelike;
use std::collections::BTreeMap;

/// The criteria of the objective, in SPEC.md's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Criterion {
    /// Most attendees present, in person and remote alike.
    Present,
    /// Most present in person.
    InPerson,
    /// Fewest moves from the current plan, then the smallest (in days).
    Moves,
    /// With `count` and no `per`: the largest smallest gap (in days) between consecutive
    /// occurrences, meeting by meeting in plan order ([`super::spread`]).
    Spread,
    /// Fewest occurrences off the preferred days.
    PreferredDays,
    /// The start times earliest in the meeting's `start` list (none with
    /// `prefer_start = false`).
    EarliestStart,
}

/// Entries of a [`Cost`]: one or two per criterion, then a last tie-break.
pub const COST_LEN: usize = 7;

/// The tie-break after the five criteria (outside SPEC.md's list, for stable answers):
/// the earliest dates, as days from the window's first day.
pub const TIE_BREAK: std::ops::Range<usize> = 6..7;

/// A lexicographic cost, smaller is better: [−present, −in person, moves, moved days,
/// occurrences off the preferred days, start rank, days from the window's start].
pub type Cost = [i64; COST_LEN];

impl Criterion {
    pub const ALL: [Criterion; 6] = [
        Criterion::Present,
        Criterion::InPerson,
        Criterion::Moves,
        Criterion::Spread,
        Criterion::PreferredDays,
        Criterion::EarliestStart,
    ];

    /// The entries of a [`Cost`] this criterion owns (more significant first); none for
    /// the spread, which is not a sum over candidates.
    pub fn entries(&self) -> std::ops::Range<usize> {
        match self {
            Criterion::Present => 0..1,
            Criterion::InPerson => 1..2,
            Criterion::Moves => 2..4,
            Criterion::Spread => 4..4,
            Criterion::PreferredDays => 4..5,
            Criterion::EarliestStart => 5..6,
        }
    }

    /// The JSON names (`score_parts`) of its entries.
    pub fn keys(&self) -> &'static [&'static str] {
        match self {
            Criterion::Present => &["present"],
            Criterion::InPerson => &["in_person"],
            Criterion::Moves => &["moves", "moved_days"],
            Criterion::Spread => &["smallest_gap_days"],
            Criterion::PreferredDays => &["not_preferred_days"],
            Criterion::EarliestStart => &["start_rank"],
        }
    }

    /// Whether more is better (the cost holds it negated).
    pub fn maximise(&self) -> bool {
        matches!(
            self,
            Criterion::Present | Criterion::InPerson | Criterion::Spread
        )
    }

    /// The JSON key (`"reason"`) of a date rejected for being worse on this criterion.
    pub fn worse_key(&self) -> &'static str {
        match self {
            Criterion::Present => "fewer_present",
            Criterion::InPerson => "fewer_in_person",
            Criterion::Moves => "bigger_move",
            Criterion::Spread => "smaller_gap",
            Criterion::PreferredDays => "not_preferred_day",
            Criterion::EarliestStart => "later_start",
        }
    }

    /// What a date rejected for being worse on this criterion is, as the reports head
    /// the group of such dates.
    pub fn worse_label(&self) -> &'static str {
        match self {
            Criterion::Present => "fewer attend",
            Criterion::InPerson => "fewer attend in person",
            Criterion::Moves => "a bigger move",
            Criterion::Spread => "a smaller gap between occurrences",
            Criterion::PreferredDays => "not a preferred day",
            Criterion::EarliestStart => "a later start",
        }
    }

    /// The criterion in words, as the reports name it.
    pub fn label(&self) -> &'static str {
        match self {
            Criterion::Present => "most attendees present",
            Criterion::InPerson => "most present in person",
            Criterion::Moves => "fewest and smallest moves",
            Criterion::Spread => "occurrences spread over the window",
            Criterion::PreferredDays => "preferred days",
            Criterion::EarliestStart => "earliest start",
        }
    }
}

/// Adds two costs.
pub fn add(a: &Cost, b: &Cost) -> Cost {
    let mut s = *a;
    for (x, y) in s.iter_mut().zip(b) {
        *x += y;
    }
    s
}

/// The sum of some candidates' costs.
pub fn total(costs: &[Cost], chosen: &[usize]) -> Cost {
    chosen
        .iter()
        .fold([0; COST_LEN], |acc, &c| add(&acc, &costs[c]))
}

/// The score of a set of chosen candidates.
pub fn score(world: &World, cands: &[Candidate], chosen: &[usize]) -> Score {
    Score::from_cost(&total(&costs(world, cands), chosen))
}

/// The first criterion, in order, on which `a` is worse than `b`, if any.
pub fn first_worse(a: &Cost, b: &Cost) -> Option<Criterion> {
    Criterion::ALL
        .into_iter()
        .find(|c| a[c.entries()] > b[c.entries()])
}

/// The criteria of one solution, in the objective's order (the report's view of a
/// [`Cost`], with the moves as the plan pairs them and the spread).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Score {
    pub present: i64,
    pub in_person: i64,
    /// Occurrences moved from an original of the series, as the plan pairs them
    /// ([`super::plans::found`]): the same count the text's "moved from" lines make.
    pub moves: i64,
    /// The days between each moved occurrence and its original, summed.
    pub moved_days: i64,
    /// The smallest gap in days between consecutive occurrences of each spread meeting
    /// ([`super::spread`]), summed over them (0: no meeting is spread).
    pub smallest_gap_days: i64,
    pub not_preferred: i64,
    pub start_rank: i64,
}

impl Score {
    /// The score of a cost vector (moves as the cost counts them, no spread: the plan's
    /// [`super::plans::found`] fills both in).
    pub fn from_cost(c: &Cost) -> Score {
        Score {
            present: -c[0],
            in_person: -c[1],
            moves: c[2],
            moved_days: c[3],
            smallest_gap_days: 0,
            not_preferred: c[4],
            start_rank: c[5],
        }
    }

    /// The parts as counted, in the objective's order.
    fn counted(&self) -> [i64; 7] {
        [
            self.present,
            self.in_person,
            self.moves,
            self.moved_days,
            self.smallest_gap_days,
            self.not_preferred,
            self.start_rank,
        ]
    }

    /// The named parts, in the objective's order (JSON `score_parts`), each as counted
    /// (present as a number of people, moves as a number of moves …).
    pub fn parts(&self) -> Vec<(&'static str, i64)> {
        let keys = Criterion::ALL.iter().flat_map(|c| c.keys().iter().copied());
        keys.zip(self.counted()).collect()
    }

    /// Larger is better in every entry (JSON `score`).
    pub fn signed(&self) -> [i64; 7] {
        let signs = Criterion::ALL
            .iter()
            .flat_map(|c| c.keys().iter().map(|_| if c.maximise() { 1 } else { -1 }));
        let mut out = self.counted();
        for (x, s) in out.iter_mut().zip(signs) {
            *x *= s;
        }
        out
    }
}

/// The cost of every candidate, computed once (moves look up the nearest clashing
/// original by binary search, so this is O(n log n) in the candidates).
pub fn costs(world: &World, cands: &[Candidate]) -> Vec<Cost> {
    // Per meeting: the dates of its clashing originals (sorted), and whether it has a series.
    let mut clashing: BTreeMap<usize, Vec<chrono::NaiveDate>> = BTreeMap::new();
    let mut series: BTreeMap<usize, bool> = BTreeMap::new();
    for c in cands {
        if c.original.is_some() {
            series.insert(c.meeting, true);
            if c.original_clashes {
                clashing.entry(c.meeting).or_default().push(c.date);
            }
        }
    }
    for v in clashing.values_mut() {
        v.sort();
    }
    cands
        .iter()
        .map(|c| {
            let m = &world.plan.meetings[c.meeting];
            let (moves, days) = if c.original.is_some() {
                (0, 0)
            } else if let Some(dates) = clashing.get(&c.meeting) {
                let i = dates.partition_point(|d| *d < c.date);
                let near = [i.checked_sub(1), Some(i)]
                    .into_iter()
                    .flatten()
                    .filter_map(|k| dates.get(k))
                    .map(|d| (*d - c.date).num_days().abs())
                    .min()
                    .unwrap_or(0);
                (1, near)
            } else if series.contains_key(&c.meeting) {
                (1, 0)
            } else {
                (0, 0)
            };
            let off = !m.prefer_days.is_empty() && !m.prefer_days.contains(&c.date.weekday());
            [
                -(c.present() as i64),
                -(c.in_person() as i64),
                moves,
                days,
                off as i64,
                if m.prefer_start {
                    c.start_index as i64
                } else {
                    0
                },
                (c.date - world.plan.from).num_days(),
            ]
        })
        .collect()
}

/// The meetings the spread criterion is about, in plan order: those with `count` (at
/// least two) and no `per`.
pub fn spread_meetings(plan: &crate::plan::Plan) -> Vec<usize> {
    plan.meetings
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.per_month && m.count.is_some_and(|n| n >= 2))
        .map(|(i, _)| i)
        .collect()
}

/// The smallest gap in days between consecutive dates (None: fewer than two).
pub fn smallest_gap_of(dates: &mut [chrono::NaiveDate]) -> Option<i64> {
    dates.sort();
    dates.windows(2).map(|w| (w[1] - w[0]).num_days()).min()
}

/// The smallest gap in days between consecutive occurrences of meeting `m` among the
/// chosen candidates (None: fewer than two).
pub fn smallest_gap(cands: &[Candidate], chosen: &[usize], m: usize) -> Option<i64> {
    let mut dates: Vec<chrono::NaiveDate> = chosen
        .iter()
        .filter(|&&c| cands[c].meeting == m)
        .map(|&c| cands[c].date)
        .collect();
    smallest_gap_of(&mut dates)
}

/// The spread part of a plan's [`Score`]: the smallest gaps of the spread meetings,
/// summed.
pub fn spread_score(world: &World, cands: &[Candidate], chosen: &[usize]) -> i64 {
    spread_meetings(&world.plan)
        .into_iter()
        .filter_map(|m| smallest_gap(cands, chosen, m))
        .sum()
}

/// Why a date is worse on [`Criterion::EarliestStart`], in `lang`: "13:00 is the plan's
/// second start time; 09:00 (2026-09-09 v37 Wed) the first". A rejected date's `text`
/// is English, like the JSON it goes into (docs/language.md); the Swedish is in sv.ftl
/// for the reports when they word reasons in their language.
pub fn later_start_text(
    world: &World,
    lang: crate::i18n::Lang,
    cand: &Candidate,
    other: &Candidate,
) -> String {
    let m = &world.plan.meetings[cand.meeting];
    let time = |c: &Candidate| world.zone.to_local(c.start).format("%H:%M").to_string();
    let rank = |c: &Candidate| crate::tr!(lang, "start-ordinal", n = c.start_index + 1);
    // A series' own time (not in `start`) ranks after every start time, so only the
    // date not taken can have one.
    let own = cand.start_index >= m.start.len();
    crate::tr!(
        lang,
        if own {
            "reason-later-start-own"
        } else {
            "reason-later-start"
        },
        time = time(cand),
        rank = rank(cand),
        other_time = time(other),
        other_date = crate::i18n::dates::day_label(lang, other.date),
        other_rank = rank(other)
    )
}
