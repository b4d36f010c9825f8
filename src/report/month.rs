/*!
Calendar months for the month views: the months of a plan's window as Monday-first weeks
with ISO week numbers, and the mark each day carries — taken from what `check` and
`propose` returned, never worked out here.

Shared by the terminal grid (`grid.rs`) and the HTML calendar (`html_calendar.rs`), so
both show the same days the same way.
*/

use crate::check::PlanCheck;
use crate::i18n::Lang;
use crate::solve::Proposal;
use crate::world::World;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// One row of a month: its ISO week and its seven days, Monday first (None: another month).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    pub iso: u32,
    pub days: [Option<NaiveDate>; 7],
}

/// One calendar month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    /// The first of the month.
    pub first: NaiveDate,
    pub weeks: Vec<Week>,
}

impl Month {
    /// "April 2026".
    /// `April 2026` / `April 2026`: the heading, capitalised as a heading is.
    pub fn title(&self, lang: Lang) -> String {
        let t = crate::i18n::dates::month_year(lang, self.first.year(), self.first.month());
        let mut c = t.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => t,
        }
    }
}

fn month_of(first: NaiveDate) -> Month {
    let mut weeks: Vec<Week> = Vec::new();
    let mut d = first;
    while d.month() == first.month() {
        let col = d.weekday().num_days_from_monday() as usize;
        if col == 0 || weeks.is_empty() {
            weeks.push(Week {
                iso: d.iso_week().week(),
                days: [None; 7],
            });
        }
        weeks.last_mut().expect("pushed above").days[col] = Some(d);
        d += Duration::days(1);
    }
    Month { first, weeks }
}

/// Every month that has a day in `[from, to]` (both inclusive), in order.
pub fn months(from: NaiveDate, to: NaiveDate) -> Vec<Month> {
    let mut out = Vec::new();
    let mut first = from.with_day(1).expect("day 1 exists");
    while first <= to {
        out.push(month_of(first));
        first = first
            .checked_add_months(chrono::Months::new(1))
            .expect("dates far from chrono's limits");
    }
    out
}

/// What a day is marked with; the first in this order is shown when there are several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// A planned occurrence that clashes (check).
    Clash,
    /// An occurrence of the rank-1 proposal (propose).
    Proposed,
    /// A planned occurrence the proposal moves away from or withdraws (propose).
    GivenUp,
    /// A planned occurrence without a clash (check).
    Planned,
    /// A holiday of the plan's calendar.
    Holiday,
}

impl Mark {
    /// The plain marker in front of the day number in the terminal grid.
    pub fn symbol(self) -> char {
        match self {
            Mark::Clash => '!',
            Mark::Proposed => '*',
            Mark::GivenUp => 'x',
            Mark::Planned => '+',
            Mark::Holiday => 'h',
        }
    }
    /// What the marker means, for legends.
    pub fn meaning(self, lang: Lang) -> String {
        lang.t(match self {
            Mark::Clash => "mark-clash",
            Mark::Proposed => "mark-proposed",
            Mark::GivenUp => "mark-given-up",
            Mark::Planned => "mark-planned",
            Mark::Holiday => "mark-holiday",
        })
    }
}

/// The marks of each day of a report.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    by_day: BTreeMap<NaiveDate, BTreeSet<Mark>>,
    /// The kinds of mark a legend should explain (those the command can give).
    pub legend: Vec<Mark>,
}

impl Marks {
    fn add(&mut self, day: NaiveDate, mark: Mark) {
        self.by_day.entry(day).or_default().insert(mark);
    }

    fn holidays(world: &World, legend: Vec<Mark>) -> Marks {
        let mut marks = Marks {
            by_day: BTreeMap::new(),
            legend,
        };
        for h in &world.holidays {
            marks.add(h.date, Mark::Holiday);
        }
        marks
    }

    /// The planned occurrences `check` looked at, clashing or not, and the holidays.
    pub fn of_check(report: &PlanCheck, world: &World) -> Marks {
        let mut marks = Marks::holidays(world, vec![Mark::Clash, Mark::Planned, Mark::Holiday]);
        for o in report
            .meetings
            .iter()
            .flat_map(|m| m.occurrences.iter().flatten())
        {
            let day = world.zone.to_local(o.start).date();
            let mark = if o.clashes.is_empty() {
                Mark::Planned
            } else {
                Mark::Clash
            };
            marks.add(day, mark);
        }
        marks
    }

    /// The rank-1 plan's occurrences, the planned dates it gives up, and the holidays.
    /// An infeasible proposal marks only the holidays.
    pub fn of_proposal(p: &Proposal, world: &World) -> Marks {
        let mut marks = Marks::holidays(world, vec![Mark::Proposed, Mark::GivenUp, Mark::Holiday]);
        let Some(best) = p.plans.first() else {
            return marks;
        };
        for o in &best.occurrences {
            marks.add(o.date, Mark::Proposed);
            if let Some(t) = o.original.filter(|t| *t != o.start) {
                marks.add(world.zone.to_local(t).date(), Mark::GivenUp);
            }
        }
        for (_, t) in &best.withdrawn {
            marks.add(world.zone.to_local(*t).date(), Mark::GivenUp);
        }
        marks
    }

    /// The mark shown for a day, if any.
    pub fn top(&self, day: NaiveDate) -> Option<Mark> {
        self.by_day.get(&day).and_then(|s| s.iter().next().copied())
    }

    /// Every mark of a day.
    pub fn all(&self, day: NaiveDate) -> impl Iterator<Item = Mark> + '_ {
        self.by_day.get(&day).into_iter().flatten().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn april_2026_starts_on_a_wednesday_in_week_14() {
        let m = &months(d(2026, 4, 1), d(2026, 5, 31))[0];
        assert_eq!(m.title(Lang::En), "April 2026");
        assert_eq!(m.title(Lang::Sv), "April 2026");
        assert_eq!(m.weeks.len(), 5);
        assert_eq!(m.weeks[0].iso, 14);
        assert_eq!(m.weeks[0].days[..2], [None, None]);
        assert_eq!(m.weeks[0].days[2], Some(d(2026, 4, 1)));
        assert_eq!(m.weeks[4].iso, 18);
        assert_eq!(m.weeks[4].days[3], Some(d(2026, 4, 30)));
        assert_eq!(m.weeks[4].days[4], None);
    }

    #[test]
    fn iso_weeks_across_the_new_year() {
        let ms = months(d(2026, 12, 15), d(2027, 1, 10));
        assert_eq!(ms.len(), 2);
        // 2026-12-28 to 2027-01-03 is ISO week 53 of 2026.
        assert_eq!(ms[0].weeks.last().unwrap().iso, 53);
        assert_eq!(ms[1].weeks[0].iso, 53);
        assert_eq!(ms[1].weeks[1].iso, 1);
    }
}
