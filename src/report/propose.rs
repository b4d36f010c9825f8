/*!
`krock propose`: the proposal as text and as JSON (SPEC.md). Prints what the solver
returned; computes nothing about the schedule itself.
*/

use super::{day_label, hm, Style};
use crate::solve::explain::Kind;
use crate::solve::{Found, Proposal};
use crate::world::World;
use std::collections::BTreeMap;

fn name<'a>(world: &'a World, id: &'a str) -> &'a str {
    world.person_name(id)
}

/// The line a plan not proven optimal gets in the text and HTML reports.
pub fn not_proven_line(p: &Found, time_limit: Option<f64>) -> Option<String> {
    if p.proven_optimal {
        return None;
    }
    Some(match time_limit {
        Some(t) => format!("best found in {} s; not proven optimal", fmt_secs(t)),
        None => "best found; not proven optimal".to_string(),
    })
}

fn fmt_secs(t: f64) -> String {
    if t.fract() == 0.0 {
        format!("{t:.0}")
    } else {
        format!("{t}")
    }
}

/// The JSON of SPEC.md, plus `rejected` (every date not taken, with its reason): the
/// [`crate::proposal::Saved`] that `export --proposal` reads back.
pub fn json(p: &Proposal, world: &World) -> String {
    let saved = crate::proposal::Saved::new(p, world);
    let mut s = serde_json::to_string(&saved).unwrap_or_default();
    s.push('\n');
    s
}

fn occurrence_lines(p: &Found, world: &World, style: Style, detail: bool) -> String {
    let zone = &world.zone;
    let mut out = String::new();
    for o in &p.occurrences {
        let m = &world.plan.meetings[o.meeting];
        let a = &o.attendance;
        let moved = match o.original {
            Some(t) if t != o.start => format!(
                "  moved from {} {}",
                day_label(zone.to_local(t).date()),
                hm(t, zone)
            ),
            Some(_) => "  kept".to_string(),
            None => String::new(),
        };
        let remote = if a.remote.is_empty() {
            String::new()
        } else {
            format!(", {} remote", a.remote.len())
        };
        out.push_str(&format!(
            "  {}  {}–{}  {}  {} of {} present{}{}\n",
            day_label(o.date),
            hm(o.start, zone),
            hm(o.end, zone),
            m.id,
            a.count(),
            m.attendees.len(),
            remote,
            style.good(&moved)
        ));
        if detail {
            if !a.remote.is_empty() {
                let names: Vec<&str> = a.remote.iter().map(|id| name(world, id)).collect();
                out.push_str(&format!("      remote: {}\n", names.join("; ")));
            }
            for x in &a.absent {
                out.push_str(&format!(
                    "      absent: {} — {}\n",
                    name(world, &x.id),
                    x.reasons.join("; ")
                ));
            }
        }
    }
    for (m, t) in &p.withdrawn {
        out.push_str(&format!(
            "  {}  {}  {}  withdrawn\n",
            day_label(zone.to_local(*t).date()),
            hm(*t, zone),
            world.plan.meetings[*m].id
        ));
    }
    out
}

/// The best plan in full, the runners-up in a line each, and the rejected dates by reason.
pub fn text(p: &Proposal, world: &World, style: Style) -> String {
    let zone = &world.zone;
    let plan = &world.plan;
    let mut out = String::new();
    out.push_str(&style.bold(&format!("{} — {} – {}\n", plan.name, plan.from, plan.to)));
    if let Some(inf) = &p.infeasible {
        out.push_str(&format!(
            "\n{}\n",
            style.bad("No plan meets every rule. These rules together leave no date:")
        ));
        for (_, s) in &inf.parts {
            out.push_str(&format!("  - {s}\n"));
        }
        if inf.relaxations.is_empty() {
            out.push_str("\nNo single relaxation tried gives a plan.\n");
        } else {
            out.push_str("\nThe least that must give, each with the plan it gives:\n");
            for r in &inf.relaxations {
                out.push_str(&format!("\n* {}\n", style.bold(&r.change)));
                out.push_str(&occurrence_lines(&r.plan, world, style, false));
            }
        }
        return out;
    }
    let best = &p.plans[0];
    out.push_str("\nProposed:\n");
    if let Some(line) = not_proven_line(best, p.time_limit) {
        out.push_str(&format!("  {}\n", style.bad(&line)));
    }
    out.push_str(&occurrence_lines(best, world, style, true));
    if p.plans.len() > 1 {
        out.push_str("\nRunners-up:\n");
        for alt in &p.plans[1..] {
            let dates: Vec<String> = alt
                .occurrences
                .iter()
                .map(|o| format!("{} {}", day_label(o.date), hm(o.start, zone)))
                .collect();
            let s = &alt.score;
            out.push_str(&format!(
                "  {}. {} — {} present ({} in person){}\n",
                alt.rank,
                dates.join(", "),
                s.present,
                s.in_person,
                not_proven_line(alt, p.time_limit)
                    .map(|l| format!("; {l}"))
                    .unwrap_or_default()
            ));
        }
    }
    if !p.rejected.is_empty() {
        out.push_str("\nDates not proposed, by reason:\n");
        let mut groups: BTreeMap<(usize, Kind), Vec<String>> = BTreeMap::new();
        for r in &p.rejected {
            let c = &p.candidates[r.candidate];
            groups.entry((c.meeting, r.kind)).or_default().push(format!(
                "{} {}: {}",
                day_label(c.date),
                hm(c.start, zone),
                r.text
            ));
        }
        for ((m, kind), items) in &groups {
            out.push_str(&format!(
                "  {} — {} ({}):\n",
                plan.meetings[*m].id,
                kind.label(),
                items.len()
            ));
            let shown = 4;
            for line in items.iter().take(shown) {
                out.push_str(&format!("      {line}\n"));
            }
            if items.len() > shown {
                out.push_str(&format!(
                    "      … and {} more (--json lists all)\n",
                    items.len() - shown
                ));
            }
        }
    }
    out
}
