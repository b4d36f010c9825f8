/*!
`krock propose`: the proposal as text and as JSON (SPEC.md). Prints what the solver
returned; computes nothing about the schedule itself.
*/

use super::check::local_rfc3339;
use super::{hm, Style};
use crate::check::Attendance;
use crate::i18n::dates::day_label;
use crate::i18n::Lang;
use crate::solve::{Behind, Found, Proposal, Score};
use crate::tr;
use crate::world::World;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn name<'a>(world: &'a World, id: &'a str) -> &'a str {
    world.person_name(id)
}

fn score_json(s: &Score) -> (Value, Value) {
    let parts: serde_json::Map<String, Value> = s
        .parts()
        .into_iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    (json!(s.signed()), Value::Object(parts))
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

fn attendance_json(a: &Attendance) -> (Value, Value, Value) {
    (
        json!(a.present),
        json!(a.remote),
        Value::Array(
            a.absent
                .iter()
                .map(|x| json!({"id": x.id, "reason": x.reasons.join("; ")}))
                .collect(),
        ),
    )
}

pub fn plan_json(p: &Found, world: &World) -> Value {
    let zone = &world.zone;
    let (score, parts) = score_json(&p.score);
    let occ: Vec<Value> = p
        .occurrences
        .iter()
        .map(|o| {
            let (present, remote, absent) = attendance_json(&o.attendance);
            json!({
                "meeting": world.plan.meetings[o.meeting].id,
                "start": local_rfc3339(o.start, zone),
                "end": local_rfc3339(o.end, zone),
                "original_start": o.original.map(|t| local_rfc3339(t, zone)),
                "moved": o.original.is_some_and(|t| t != o.start),
                "present": present,
                "remote": remote,
                "absent": absent,
            })
        })
        .collect();
    let withdrawn: Vec<Value> = p
        .withdrawn
        .iter()
        .map(|(m, t)| json!({"meeting": world.plan.meetings[*m].id, "start": local_rfc3339(*t, zone)}))
        .collect();
    json!({
        "rank": p.rank,
        "proven_optimal": p.proven_optimal,
        "score": score,
        "score_parts": parts,
        "occurrences": occ,
        "withdrawn": withdrawn,
    })
}

/// Who or what is behind a blocking rule, in JSON: `{"kind": "away", "person",
/// "times", "of", "month", "reasons", "text"}`, `{"kind": "holidays", "times", "names",
/// "text"}` or `{"kind": "event", "summary", "date", "text"}` (`text`: the English line).
fn behind_json(b: &Behind, world: &World) -> Value {
    let text = b.text(&world.plan, Lang::En);
    match b {
        Behind::Away {
            person,
            times,
            of,
            month,
            reasons,
        } => json!({
            "kind": "away",
            "person": person,
            "times": times,
            "of": of,
            "month": month.map(|(y, m)| format!("{y:04}-{m:02}")),
            "reasons": reasons,
            "text": text,
        }),
        Behind::Holidays { times, names } => json!({
            "kind": "holidays",
            "times": times,
            "names": names,
            "text": text,
        }),
        Behind::Event { summary, date } => json!({
            "kind": "event",
            "summary": summary,
            "date": date.to_string(),
            "text": text,
        }),
    }
}

/// The JSON of SPEC.md, plus `rejected` (every date not taken, with its reason).
pub fn json(p: &Proposal, world: &World) -> String {
    let zone = &world.zone;
    let v = if let Some(inf) = &p.infeasible {
        json!({
            "feasible": false,
            "plans": [],
            "infeasible": {
                "constraints": inf.rules.iter().map(|(_, s)| s.clone()).collect::<Vec<_>>(),
                "blocking": inf.rules.iter().zip(&inf.behind).map(|((rule, s), behind)| json!({
                    "rule": rule.name(),
                    "meeting": rule.meeting(&world.plan).map(|m| world.plan.meetings[m].id.clone()),
                    "constraint": s,
                    "behind": behind.iter().map(|b| behind_json(b, world)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "relaxations": inf.relaxations.iter().map(|r| json!({
                    "kind": r.kind.key(),
                    "change": r.change,
                    "plan": plan_json(&r.plan, world),
                })).collect::<Vec<_>>(),
            }
        })
    } else {
        let rejected: Vec<Value> = p
            .rejected
            .iter()
            .map(|r| {
                let c = &p.candidates[r.candidate];
                json!({
                    "meeting": world.plan.meetings[c.meeting].id,
                    "start": local_rfc3339(c.start, zone),
                    "end": local_rfc3339(c.end, zone),
                    "reason": r.reason.key(),
                    "text": r.text,
                    "also": r.also.iter().map(|w| json!({
                        "reason": w.reason.key(),
                        "text": w.text,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({
            "feasible": true,
            "plans": p.plans.iter().map(|f| plan_json(f, world)).collect::<Vec<_>>(),
            "rejected": rejected,
        })
    };
    let mut s = serde_json::to_string(&v).unwrap();
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
                        why = x.reasons.join("; ")
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
