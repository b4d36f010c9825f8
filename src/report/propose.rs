/*!
`krock propose`: the proposal as text and as JSON (SPEC.md). Prints what the solver
returned; computes nothing about the schedule itself.
*/

use super::{hm, Style};
use crate::i18n::dates::day_label;
use crate::i18n::Lang;
use crate::solve::{Found, Proposal};
use crate::tr;
use crate::world::World;
use std::collections::BTreeMap;

fn name<'a>(world: &'a World, id: &'a str) -> &'a str {
    world.person_name(id)
}

/// The line a plan not proven optimal gets in the text and HTML reports.
pub fn not_proven_line(p: &Found, time_limit: Option<f64>, lang: Lang) -> Option<String> {
    if p.proven_optimal {
        return None;
    }
    Some(match time_limit {
        Some(t) => tr!(lang, "not-proven-in", seconds = fmt_secs(t)),
        None => lang.t("not-proven"),
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
    let lang = world.lang;
    let mut out = String::new();
    for o in &p.occurrences {
        let m = &world.plan.meetings[o.meeting];
        let a = &o.attendance;
        let moved = match o.original {
            Some(t) if t != o.start => format!(
                "  {}",
                tr!(
                    lang,
                    "moved-from",
                    date = day_label(lang, zone.to_local(t).date()),
                    time = hm(t, zone)
                )
            ),
            Some(_) => format!("  {}", lang.t("status-kept")),
            None => String::new(),
        };
        let present = super::runners_up::attendance_short(a, m.attendees.len(), lang);
        out.push_str(&format!(
            "  {}  {}–{}  {}  {present}{}\n",
            day_label(lang, o.date),
            hm(o.start, zone),
            hm(o.end, zone),
            m.id,
            style.good(&moved)
        ));
        if detail {
            if !a.remote.is_empty() {
                let names: Vec<&str> = a.remote.iter().map(|id| name(world, id)).collect();
                out.push_str(&format!(
                    "      {}\n",
                    tr!(lang, "remote-list", who = names.join("; "))
                ));
            }
            for x in &a.absent {
                out.push_str(&format!(
                    "      {}\n",
                    tr!(
                        lang,
                        "absent-line",
                        who = name(world, &x.id),
                        why = x.reasons_in(lang)
                    )
                ));
            }
        }
    }
    for (m, t) in &p.withdrawn {
        out.push_str(&format!(
            "  {}  {}  {}  {}\n",
            day_label(lang, zone.to_local(*t).date()),
            hm(*t, zone),
            world.plan.meetings[*m].id,
            lang.t("withdrawn")
        ));
    }
    out
}

/// The best plan in full, the runners-up occurrence by occurrence, and the rejected
/// dates by reason (the most human reason of each date decides its group).
pub fn text(p: &Proposal, world: &World, style: Style) -> String {
    let zone = &world.zone;
    let lang = world.lang;
    let plan = &world.plan;
    let mut out = String::new();
    out.push_str(&style.bold(&format!("{} — {} – {}\n", plan.name, plan.from, plan.to)));
    if let Some(inf) = &p.infeasible {
        out.push_str(&format!(
            "\n{}\n",
            style.bad(&format!(
                "{} {}",
                lang.t("html-no-plan"),
                lang.t("infeasible-rules")
            ))
        ));
        for ((rule, _), behind) in inf.rules.iter().zip(&inf.behind) {
            out.push_str(&format!("  - {}\n", rule.sentence_in(plan, lang)));
            for b in behind {
                out.push_str(&format!("      {}\n", b.text(plan, lang)));
            }
        }
        if !inf.complete {
            out.push_str(&format!(
                "\n{}\n",
                style.bad(&lang.t("infeasible-incomplete"))
            ));
        }
        if inf.relaxations.is_empty() {
            out.push_str(&format!("\n{}\n", lang.t("infeasible-no-relaxation")));
        } else {
            out.push_str(&format!("\n{}:\n", lang.t("html-relaxations")));
            for r in &inf.relaxations {
                out.push_str(&format!("\n* {}\n", style.bold(&r.kind.text(plan, lang))));
                out.push_str(&occurrence_lines(&r.plan, world, style, true));
            }
        }
        return out;
    }
    let best = &p.plans[0];
    out.push_str(&format!("\n{}\n", lang.t("proposed-label")));
    if let Some(line) = not_proven_line(best, p.time_limit, lang) {
        out.push_str(&format!("  {}\n", style.bad(&line)));
    }
    out.push_str(&occurrence_lines(best, world, style, true));
    if p.plans.len() > 1 {
        out.push_str(&format!("\n{}:\n", lang.t("html-runners-up")));
        for alt in &p.plans[1..] {
            out.push_str(&super::runners_up::text(alt, best, p.time_limit, world));
        }
    }
    if !p.rejected.is_empty() {
        out.push_str(&format!("\n{}\n", lang.t("rejected-by-reason")));
        let mut groups: BTreeMap<(usize, u8, &str), Vec<String>> = BTreeMap::new();
        for r in &p.rejected {
            let c = &p.candidates[r.candidate];
            let key = (c.meeting, r.reason.group(), r.reason.label());
            let also = if r.also.is_empty() {
                String::new()
            } else {
                let labels: Vec<String> = r.also.iter().map(|w| w.reason.label_in(lang)).collect();
                format!(" ({})", tr!(lang, "why-also", what = labels.join("; ")))
            };
            groups.entry(key).or_default().push(format!(
                "{} {}: {}{also}",
                day_label(lang, c.date),
                hm(c.start, zone),
                r.shown
            ));
        }
        for ((m, group, _), items) in &groups {
            // Every reason of a group has the same label: the first one's.
            let label = p
                .rejected
                .iter()
                .find(|r| r.reason.group() == *group)
                .map(|r| r.reason.label_in(lang))
                .unwrap_or_default();
            out.push_str(&format!(
                "  {} — {} ({}):\n",
                plan.meetings[*m].id,
                label,
                items.len()
            ));
            let shown = 4;
            for line in items.iter().take(shown) {
                out.push_str(&format!("      {line}\n"));
            }
            if items.len() > shown {
                out.push_str(&format!(
                    "      {}\n",
                    tr!(lang, "and-more", n = items.len() - shown)
                ));
            }
        }
    }
    out
}
