/*!
Today, and the plan's window fitted to it: krock never proposes or exports a date before
today.

Which day is today: `--today DATE` when given, else the plan's `[plan] today` (a plan made
on a known day, like the bundled example of 27 February 2026, stays reproducible), else the
clock, read in the plan's time zone. [`override_window`] applies `--from`/`--to` (the CLI's
`--to` is exclusive, the plan's `to` inclusive); [`fit`] then cuts a window that starts
before today to today, with a note, and refuses one that ends before today.
*/

use crate::diag::{Error, ErrorKind, FlagProblem, Result};
use crate::holidays;
use crate::i18n::Lang;
use crate::plan::{Holidays, Plan};
use crate::world::{Note, World};
use chrono::{Duration, NaiveDate, Utc};

/// Where the day taken as today came from (named in messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Flag,
    Plan,
    Clock,
}

/// The day taken as today, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Today {
    pub date: NaiveDate,
    pub origin: Origin,
}

impl Today {
    /// `--today` when given, else the plan's `today`, else the clock in the plan's zone.
    pub fn of(flag: Option<NaiveDate>, plan: &Plan) -> Today {
        match (flag, plan.today) {
            (Some(date), _) => Today {
                date,
                origin: Origin::Flag,
            },
            (None, Some(date)) => Today {
                date,
                origin: Origin::Plan,
            },
            (None, None) => Today {
                date: Utc::now().with_timezone(&plan.timezone).date_naive(),
                origin: Origin::Clock,
            },
        }
    }

    /// "today (2026-12-01)", "--today 2026-02-27", "the plan's today = 2026-02-27".
    pub fn describe(&self, lang: Lang) -> String {
        let date = self.date.to_string();
        match self.origin {
            Origin::Flag => format!("--today {date}"),
            Origin::Plan => crate::tr!(lang, "today-plan", date = date),
            Origin::Clock => crate::tr!(lang, "today-clock", date = date),
        }
    }
}

/// Replaces the plan's window by `--from` (inclusive) and `--to` (exclusive).
pub fn override_window(
    plan: &mut Plan,
    from: Option<NaiveDate>,
    to_exclusive: Option<NaiveDate>,
) -> Result<()> {
    let from = from.unwrap_or(plan.from);
    let to = match to_exclusive {
        Some(t) => t - Duration::days(1),
        None => plan.to,
    };
    if to < from {
        let after = to + Duration::days(1);
        return Err(Error::flag(
            "--to",
            Some(after.to_string()),
            FlagProblem::WindowEmptyInclusive {
                from: from.to_string(),
                to: to.to_string(),
            },
        ));
    }
    plan.from = from;
    plan.to = to;
    Ok(())
}

/// Cuts the world's window to start no earlier than `today`; an error when it ends before.
/// Returns the note to show when the window was cut.
pub fn fit(world: &mut World, today: Today) -> Result<Option<Note>> {
    if today.origin == Origin::Clock {
        world.not_before = Some(Utc::now());
    }
    let (from, to) = (world.plan.from, world.plan.to);
    if to < today.date {
        return Err(Error::at(
            world.plan.file.display().to_string(),
            ErrorKind::WindowInPast {
                from: from.to_string(),
                to: to.to_string(),
                today: today.describe(Lang::En),
            },
        ));
    }
    if from >= today.date {
        return Ok(None);
    }
    world.plan.from = today.date;
    world.holidays = match world.plan.holidays {
        Holidays::Se => holidays::swedish_holidays_between(today.date, to),
        Holidays::None => Vec::new(),
    };
    let note = Note::WindowCut { from, to, today };
    world.notes.push(note.clone());
    Ok(Some(note))
}
