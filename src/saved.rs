/*!
A saved `krock propose --json`, read back for `export --proposal`: one of its plans (`--pick
N`), and whether that plan still holds against today's plan and calendars.

A proposal ages: the plan file is edited (a quorum raised, a meeting renamed), calendars
fill up, the days pass. [`recheck`] verifies the saved plan as if it had just been found —
every occurrence from today on, in the plan's window, each rule of the plan kept (the same
independent checker the solver's answers go through), and every occurrence it moves or
withdraws still in the series — and lists what no longer holds, so that nothing stale is
sent.
*/

use crate::busy::BusyMap;
use crate::diag::{Error, ErrorKind, Location, Result};
use crate::export::{Changes, Chosen};
use crate::proposal::Saved;
use crate::solve::verify::{verify, Slot};
use crate::solve::Rule;
use crate::world::World;
use chrono::{DateTime, Utc};

/// Reads plan number `pick` (1: the best) of the saved proposal `text` (from `file`).
pub fn read(world: &World, file: &str, text: &str, pick: usize) -> Result<Changes> {
    let bad = |what: &str| {
        Error::at(
            file,
            ErrorKind::BadProposal {
                detail: format!("{what}; pass the output of `krock propose --plan … --json`"),
            },
        )
    };
    // Syntax first, with its line; then the shape of `propose --json`.
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Error::located(
            ErrorKind::BadProposal {
                detail: format!(
                    "not JSON ({e}); pass the output of `krock propose --plan … --json`"
                ),
            },
            Some(Location::line(file, e.line())),
        )
    })?;
    let saved: Saved = serde_json::from_value(v)
        .map_err(|e| bad(&format!("not a proposal of krock propose --json ({e})")))?;
    if !saved.feasible {
        return Err(Error::at(
            file,
            ErrorKind::BadProposal {
                detail: "the proposal found no feasible plan; relax the plan and propose again"
                    .to_string(),
            },
        ));
    }
    let plans = &saved.plans;
    let plan = match plans.get(pick.wrapping_sub(1)) {
        Some(p) => p,
        None if plans.is_empty() => return Err(bad("no plans in it")),
        None => {
            return Err(Error::at(
                file,
                ErrorKind::BadProposal {
                    detail: format!(
                        "--pick {pick}: the proposal has {} plan{}; pick 1 to {} (or propose again with --alternatives {pick})",
                        plans.len(),
                        if plans.len() == 1 { "" } else { "s" },
                        plans.len()
                    ),
                },
            ))
        }
    };
    let at = format!("plans[{}]", pick - 1);
    let time = |s: &str, what: &str| -> Result<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| bad(&format!("{at}: {what} \"{s}\" is not an RFC 3339 time")))
    };
    let meeting = |id: &str| -> Result<usize> {
        world
            .plan
            .meetings
            .iter()
            .position(|m| m.id == id)
            .ok_or_else(|| {
                Error::at(
                    file,
                    ErrorKind::BadProposal {
                        detail: format!(
                            "the proposal is for meeting \"{id}\", which is no longer in {}; propose again",
                            world.plan.file.display()
                        ),
                    },
                )
            })
    };
    let mut out = Changes::default();
    for o in &plan.occurrences {
        out.chosen.push(Chosen {
            meeting: meeting(&o.meeting)?,
            start: time(&o.start, "start")?,
            end: time(&o.end, "end")?,
            original: match &o.original_start {
                None => None,
                Some(t) => Some(time(t, "original_start")?),
            },
            remote: o.remote.clone(),
        });
    }
    for w in &plan.withdrawn {
        out.withdrawn
            .push((meeting(&w.meeting)?, time(&w.start, "withdrawn start")?));
    }
    Ok(out)
}

/// What no longer holds of a saved plan against `world` (empty: it may be exported).
pub fn recheck(world: &World, busy: &BusyMap, changes: &Changes) -> Vec<String> {
    let zone = &world.zone;
    let when = |t: DateTime<Utc>| zone.to_local(t).format("%Y-%m-%d %H:%M").to_string();
    let today = world.plan.from;
    let in_series = |meeting: usize, t: DateTime<Utc>| {
        let id = &world.plan.meetings[meeting].id;
        world
            .series
            .get(id)
            .is_some_and(|s| s.iter().any(|o| o.start == t && !o.is_cancelled()))
    };
    let mut out = Vec::new();
    for c in &changes.chosen {
        let id = &world.plan.meetings[c.meeting].id;
        let date = zone.to_local(c.start).date();
        if date < world.plan.from || date > world.plan.to {
            let past = if date < today {
                " (it is in the past)"
            } else {
                ""
            };
            out.push(format!(
                "{id} {}: is outside the window as it stands now ({} – {}){past}",
                when(c.start),
                world.plan.from,
                world.plan.to
            ));
        }
        if let Some(o) = c.original {
            if !in_series(c.meeting, o) {
                out.push(format!(
                    "{id} {}: the series no longer has the occurrence it moves or keeps ({})",
                    when(c.start),
                    when(o)
                ));
            }
        }
    }
    for (m, t) in &changes.withdrawn {
        if !in_series(*m, *t) {
            let id = &world.plan.meetings[*m].id;
            out.push(format!(
                "{id} {}: the series no longer has this occurrence to withdraw",
                when(*t)
            ));
        }
    }
    let slots: Vec<Slot> = changes
        .chosen
        .iter()
        .map(|c| Slot {
            meeting: c.meeting,
            start: c.start,
            end: c.end,
            original: c.original == Some(c.start),
        })
        .collect();
    for v in verify(world, busy, &slots) {
        if v.rule != Rule::Window {
            out.push(v.text);
        }
    }
    out.dedup();
    out
}
