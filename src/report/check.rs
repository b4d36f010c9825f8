/*!
`krock check`: the clash report as text (grouped by occurrence) and as JSON (SPEC.md).
*/

use super::{hm, Style};
use crate::check::{Cluster, Other, PlanCheck};
use crate::events::Occurrence;
use crate::i18n::dates::day_label;
use crate::i18n::Lang;
use crate::ical::zone::Zone;
use crate::tr;
use crate::world::World;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

pub use crate::proposal::local_rfc3339;

fn other_json(o: &Other, zone: &Zone) -> Value {
    let (start, end) = match o.all_day {
        Some((s, e)) => (s.to_string(), e.to_string()),
        None => (local_rfc3339(o.start, zone), local_rfc3339(o.end, zone)),
    };
    json!({
        "source": o.source,
        "uid": o.uid,
        "summary": o.summary,
        "start": start,
        "end": end,
        "tentative": o.tentative,
    })
}

/// `{"clashes":[…]}`: one entry per (planned occurrence, clashing event).
pub fn plan_json(report: &PlanCheck, world: &World) -> String {
    let zone = &world.zone;
    let mut clashes = Vec::new();
    for m in &report.meetings {
        for o in m.occurrences.iter().flatten() {
            for c in &o.clashes {
                clashes.push(json!({
                    "meeting": m.id,
                    "start": local_rfc3339(o.start, zone),
                    "end": local_rfc3339(o.end, zone),
                    "with": other_json(&c.with, zone),
                    "holiday": c.holiday,
                    "people": c.people,
                    "remote": c.remote,
                    "present": o.attendance.count(),
                    "quorum": o.quorum,
                    "quorum_holds": o.quorum_holds,
                    "required_hold": o.required_missing.is_empty(),
                }));
            }
        }
    }
    let mut s = serde_json::to_string(&json!({ "clashes": clashes })).unwrap();
    s.push('\n');
    s
}

fn name_of<'a>(world: &'a World, id: &'a str) -> &'a str {
    world.person_name(id)
}

fn names(world: &World, ids: &[String]) -> String {
    ids.iter()
        .map(|id| name_of(world, id))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The people, or "everyone but …" when that is shorter.
pub(super) fn who(world: &World, ids: &[String], attendees: &[String], lang: Lang) -> String {
    let rest: Vec<String> = attendees
        .iter()
        .filter(|a| !ids.contains(a))
        .cloned()
        .collect();
    if ids.len() > 3 && rest.len() < ids.len() / 2 {
        if rest.is_empty() {
            tr!(lang, "who-all", n = ids.len())
        } else {
            tr!(
                lang,
                "who-all-but",
                n = ids.len(),
                total = attendees.len(),
                rest = names(world, &rest)
            )
        }
    } else {
        names(world, ids)
    }
}

/// When an event is: "09:00–12:00", "all day", "2026-05-26 – 2026-05-28" (all-day, end
/// inclusive), or "05-19 06:00 – 05-20 19:00" for a timed event over more than one day.
pub(super) fn when(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    all_day: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    zone: &Zone,
    lang: Lang,
) -> String {
    match all_day {
        Some((s, e)) if (e - s).num_days() <= 1 => lang.t("when-all-day"),
        Some((s, e)) => format!("{s} – {}", e - chrono::Duration::days(1)),
        None => {
            let (ls, le) = (zone.to_local(start), zone.to_local(end));
            if ls.date() == le.date() {
                format!("{}–{}", hm(start, zone), hm(end, zone))
            } else {
                format!(
                    "{} – {}",
                    ls.format("%m-%d %H:%M"),
                    le.format("%m-%d %H:%M")
                )
            }
        }
    }
}

fn other_line(o: &Other, zone: &Zone, lang: Lang) -> String {
    let when = when(o.start, o.end, o.all_day, zone, lang);
    let tentative = if o.tentative {
        format!(" {}", lang.t("tentative"))
    } else {
        String::new()
    };
    format!("{} {when}{tentative}  [{}]", o.summary, o.source)
}

/// Grouped by occurrence: date, ISO week, weekday, time; each clash and whom it takes
/// away; attendance, quorum and required people.
pub fn plan_text(report: &PlanCheck, world: &World, style: Style) -> String {
    let zone = &world.zone;
    let plan = &world.plan;
    let lang = world.lang;
    let mut out = String::new();
    for m in &report.meetings {
        let Some(occ) = &m.occurrences else {
            out.push_str(&tr!(lang, "check-no-series", title = &m.title, id = &m.id));
            out.push_str("\n\n");
            continue;
        };
        let clashing = occ.iter().filter(|o| !o.clashes.is_empty()).count();
        out.push_str(&style.bold(&tr!(
            lang,
            "check-meeting",
            title = &m.title,
            id = &m.id,
            n = occ.len(),
            from = plan.from.to_string(),
            to = plan.to.to_string(),
            clashing = clashing,
        )));
        out.push('\n');
        let attendees = plan
            .meetings
            .iter()
            .find(|x| x.id == m.id)
            .map(|x| x.attendees.clone())
            .unwrap_or_default();
        for o in occ {
            let day = zone.to_local(o.start).date();
            out.push_str(&format!(
                "\n{}  {}–{}",
                day_label(lang, day),
                hm(o.start, zone),
                hm(o.end, zone)
            ));
            if o.clashes.is_empty() {
                out.push_str(&format!("  {}\n", style.good(&lang.t("check-no-clash"))));
            } else {
                out.push('\n');
            }
            for c in &o.clashes {
                let label = if c.holiday {
                    lang.t("check-holiday-label")
                } else {
                    lang.t("check-clash-label")
                };
                out.push_str(&format!(
                    "  {} {}\n",
                    style.bad(&label),
                    other_line(&c.with, zone, lang)
                ));
                if c.holiday {
                    out.push_str(&format!("      {}\n", lang.t("check-day-off")));
                } else {
                    if !c.people.is_empty() {
                        let who = who(world, &c.people, &attendees, lang);
                        out.push_str(&format!(
                            "      {}\n",
                            tr!(lang, "check-takes-away", who = who)
                        ));
                    }
                    if !c.remote.is_empty() {
                        let who = names(world, &c.remote);
                        out.push_str(&format!(
                            "      {}\n",
                            tr!(lang, "check-remote-only", who = who)
                        ));
                    }
                }
            }
            let a = &o.attendance;
            let quorum = if o.quorum_holds {
                style.good(&tr!(lang, "check-quorum-holds", quorum = o.quorum))
            } else {
                style.bad(&tr!(lang, "check-quorum-broken", quorum = o.quorum))
            };
            let required = if o.required_missing.is_empty() {
                lang.t("check-required-present")
            } else {
                style.bad(&tr!(
                    lang,
                    "check-required-absent",
                    who = names(world, &o.required_missing)
                ))
            };
            out.push_str("  ");
            out.push_str(&tr!(
                lang,
                "check-attendance",
                count = a.count(),
                total = m.attendees,
                in_person = a.present.len(),
                remote = a.remote.len(),
                quorum = quorum,
                required = required,
            ));
            out.push('\n');
        }
        out.push('\n');
    }
    if report.any_clash() {
        out.push_str(&lang.t("check-clashes-found"));
    } else {
        out.push_str(&lang.t("check-no-clashes"));
    }
    out.push('\n');
    out
}

/// Overlaps without a plan: JSON, one entry per cluster (see `docs/check-clusters.md`).
pub fn overlaps_json(list: &[Cluster], zone: &Zone) -> String {
    let ev = |o: &Occurrence| {
        let (start, end) = match o.all_day {
            Some((s, e)) => (s.to_string(), e.to_string()),
            None => (local_rfc3339(o.start, zone), local_rfc3339(o.end, zone)),
        };
        json!({"source": &*o.source, "uid": o.uid.as_deref(), "summary": o.summary.as_deref(), "start": start, "end": end})
    };
    let rows: Vec<Value> = list
        .iter()
        .map(|x| {
            json!({
                "start": local_rfc3339(x.start, zone),
                "end": local_rfc3339(x.end, zone),
                "sources": x.sources(),
                "events": x.events.iter().map(ev).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut s = serde_json::to_string(&json!({ "overlaps": rows })).unwrap();
    s.push('\n');
    s
}

/// Overlaps without a plan: one block per cluster, its events one a line.
pub fn overlaps_text(list: &[Cluster], zone: &Zone, style: Style, lang: Lang) -> String {
    let mut out = String::new();
    let describe = |o: &Occurrence| {
        let when = when(o.start, o.end, o.all_day, zone, lang);
        let title = o
            .summary
            .as_deref()
            .map_or_else(|| lang.t("no-title"), str::to_string);
        format!("{title} {when}  [{}]", o.source)
    };
    for x in list {
        out.push_str(&format!(
            "{}  {}",
            day_label(lang, zone.to_local(x.start).date()),
            style.bad(&lang.t("overlap"))
        ));
        if x.events.len() > 2 {
            out.push(' ');
            out.push_str(&tr!(
                lang,
                "overlap-cluster",
                events = x.events.len(),
                sources = x.sources().len()
            ));
        }
        out.push('\n');
        for e in &x.events {
            out.push_str(&format!("  {}\n", describe(e)));
        }
    }
    out.push_str(&tr!(lang, "overlaps-total", n = list.len()));
    out.push('\n');
    out
}
