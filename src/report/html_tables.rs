/*!
The tables below the months of the HTML report: who attends each occurrence (in person,
remotely) and who is absent and why; for `check` the clashes; for `propose` the
runners-up, every date not proposed with its reason, or the rules that leave no date and
the relaxations with their plans. Every text from the plan and the feeds goes through
[`esc`].
*/

use super::check::{when, who};
use super::escape::esc;
use super::hm;
use crate::check::{Attendance, PlanCheck};
use crate::i18n::dates::day_label;
use crate::i18n::Lang;
use crate::solve::proposal::Compared;
use crate::solve::{Found, Proposal};
use crate::tr;
use crate::world::World;
use chrono::{DateTime, Utc};

fn name<'a>(world: &'a World, id: &'a str) -> &'a str {
    world
        .plan
        .people
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.name.as_str())
        .unwrap_or(id)
}

fn names(world: &World, ids: &[String]) -> String {
    match ids.len() {
        0 => "—".to_string(),
        _ => esc(&ids
            .iter()
            .map(|id| name(world, id))
            .collect::<Vec<_>>()
            .join("; ")),
    }
}

/// "10 of 12", "11 of 12, 1 remote".
pub(super) fn attendance_line(a: &Attendance, of: usize, lang: Lang) -> String {
    match a.remote.len() {
        0 => tr!(lang, "attendance-of", count = a.count(), total = of),
        r => tr!(
            lang,
            "attendance-of-remote",
            count = a.count(),
            total = of,
            remote = r
        ),
    }
}

/// "2026-04-21 v17 Tue 13:00–16:30".
pub(super) fn span(start: DateTime<Utc>, end: DateTime<Utc>, world: &World) -> String {
    let z = &world.zone;
    format!(
        "{} {}–{}",
        day_label(world.lang, z.to_local(start).date()),
        hm(start, z),
        hm(end, z)
    )
}

/// One row of the table of who attends.
struct Row {
    when: String,
    meeting: String,
    /// Ready HTML: quorum, or whether the occurrence moved.
    status: String,
    attendance: Attendance,
    of: usize,
}

/// `<thead>` with the column headings named by message ids.
fn head(lang: Lang, ids: &[&str]) -> String {
    let cells: String = ids
        .iter()
        .map(|id| format!("<th>{}</th>", esc(&lang.t(id))))
        .collect();
    format!("<thead><tr>{cells}</tr></thead>\n")
}

fn attendance_table(rows: &[Row], world: &World) -> String {
    let lang = world.lang;
    let mut out = format!(
        "<table class=\"list att\">\n{}<tbody>\n",
        head(
            lang,
            &[
                "col-occurrence",
                "col-present",
                "col-in-person",
                "col-remote",
                "col-absent"
            ]
        )
    );
    for r in rows {
        let a = &r.attendance;
        let absent: Vec<String> = a
            .absent
            .iter()
            .map(|x| {
                format!(
                    "<b>{}</b>: {}",
                    esc(name(world, &x.id)),
                    esc(&x.reasons_in(world.lang))
                )
            })
            .collect();
        out.push_str(&format!(
            "<tr><td><b>{}</b><br>{}<br>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            esc(&r.when),
            esc(&r.meeting),
            r.status,
            esc(&attendance_line(a, r.of, lang)),
            names(world, &a.present),
            names(world, &a.remote),
            if absent.is_empty() { "—".to_string() } else { absent.join("<br>") }
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn section(title: &str, content: &str) -> String {
    format!(
        "<section class=\"after\"><h2>{}</h2>\n{content}</section>\n",
        esc(title)
    )
}

/// The clashes, and who attends each planned occurrence.
pub(super) fn check(report: &PlanCheck, world: &World) -> String {
    let zone = &world.zone;
    let lang = world.lang;
    let mut clashes = String::new();
    let mut rows = Vec::new();
    for m in &report.meetings {
        let attendees = world
            .plan
            .meetings
            .iter()
            .find(|x| x.id == m.id)
            .map(|x| x.attendees.clone())
            .unwrap_or_default();
        for o in m.occurrences.iter().flatten() {
            for c in &o.clashes {
                clashes.push_str(&format!(
                    "<tr><td>{}<br>{}</td><td><b>{}</b>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                    esc(&span(o.start, o.end, world)),
                    esc(&m.title),
                    esc(&c.with.summary),
                    if c.with.tentative {
                        format!(" {}", esc(&lang.t("tentative")))
                    } else {
                        String::new()
                    },
                    esc(&when(c.with.start, c.with.end, c.with.all_day, zone, lang)),
                    esc(&c.with.source),
                    if c.holiday {
                        esc(&lang.t("html-day-off"))
                    } else {
                        esc(&who(world, &c.people, &attendees, lang))
                    },
                    names(world, &c.remote),
                ));
            }
            let quorum = if o.quorum_holds {
                esc(&tr!(lang, "check-quorum-holds", quorum = o.quorum))
            } else {
                format!(
                    "<span class=\"bad\">{}</span>",
                    esc(&tr!(lang, "html-quorum-broken", quorum = o.quorum))
                )
            };
            let mut status = quorum;
            if !o.required_missing.is_empty() {
                status.push_str(&format!(
                    "<br><span class=\"bad\">{}</span>",
                    tr!(
                        lang,
                        "check-required-absent",
                        who = names(world, &o.required_missing)
                    )
                ));
            }
            rows.push(Row {
                when: span(o.start, o.end, world),
                meeting: m.title.clone(),
                status,
                attendance: o.attendance.clone(),
                of: m.attendees,
            });
        }
    }
    let mut out = String::new();
    if !clashes.is_empty() {
        let head = head(
            lang,
            &[
                "col-planned",
                "col-clashes-with",
                "col-when",
                "col-source",
                "col-takes-away",
                "col-remote-only",
            ],
        );
        out.push_str(&section(
            &lang.t("html-clashes"),
            &format!("<table class=\"list\">\n{head}<tbody>\n{clashes}</tbody>\n</table>\n"),
        ));
    }
    if !rows.is_empty() {
        out.push_str(&section(
            &lang.t("html-who-planned"),
            &attendance_table(&rows, world),
        ));
    }
    out
}

fn found_rows(f: &Found, world: &World) -> Vec<Row> {
    let zone = &world.zone;
    let lang = world.lang;
    f.occurrences
        .iter()
        .map(|o| {
            let m = &world.plan.meetings[o.meeting];
            let status = match o.original {
                Some(t) if t != o.start => esc(&tr!(
                    lang,
                    "moved-from",
                    date = day_label(lang, zone.to_local(t).date()),
                    time = hm(t, zone)
                )),
                Some(_) => esc(&lang.t("status-kept")),
                None => esc(&lang.t("status-new")),
            };
            Row {
                when: span(o.start, o.end, world),
                meeting: m.title.clone(),
                status,
                attendance: o.attendance.clone(),
                of: m.attendees.len(),
            }
        })
        .collect()
}

/// Each runner-up occurrence by occurrence: its date, its attendance, and what it
/// stands in for in the proposal.
fn runners_up(p: &Proposal, world: &World) -> String {
    let lang = world.lang;
    let best = &p.plans[0];
    let mut rows = String::new();
    for alt in p.plans.iter().skip(1) {
        let compared = alt.compared_to(best);
        let changed = compared.iter().filter(|c| **c != Compared::Same).count();
        let unproven = super::propose::not_proven_line(alt, p.time_limit, lang)
            .map(|l| format!("<br>{}", esc(&l)))
            .unwrap_or_default();
        let head = tr!(
            lang,
            "runner-up-head",
            rank = alt.rank,
            present = alt.score.present,
            in_person = alt.score.in_person,
            changed = changed
        );
        let n = alt.occurrences.len().max(1);
        for (k, (o, c)) in alt.occurrences.iter().zip(&compared).enumerate() {
            let m = &world.plan.meetings[o.meeting];
            let diff = super::runners_up::compared_text(c, world);
            let first = if k == 0 {
                format!("<td rowspan=\"{n}\">{}{unproven}</td>", esc(&head))
            } else {
                String::new()
            };
            rows.push_str(&format!(
                "<tr>{first}<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                esc(&span(o.start, o.end, world)),
                esc(&m.title),
                esc(&attendance_line(&o.attendance, m.attendees.len(), lang)),
                esc(&diff)
            ));
        }
    }
    format!(
        "<table class=\"list\">\n{}<tbody>\n{rows}</tbody>\n</table>\n",
        head(
            lang,
            &[
                "col-runner-up",
                "col-when",
                "col-meeting",
                "col-present",
                "col-differs"
            ]
        )
    )
}

fn rejected(p: &Proposal, world: &World) -> String {
    let several = world.plan.meetings.len() > 1;
    let cols: &[&str] = if several {
        &["col-date", "col-meeting", "col-reason", "col-details"]
    } else {
        &["col-date", "col-reason", "col-details"]
    };
    let mut out = format!(
        "<table class=\"list rej\">\n{}<tbody>\n",
        head(world.lang, cols)
    );
    let mut list: Vec<_> = p.rejected.iter().collect();
    list.sort_by_key(|r| (p.candidates[r.candidate].start, r.candidate));
    for r in list {
        let c = &p.candidates[r.candidate];
        let meeting = match several {
            true => format!("<td>{}</td>", esc(&world.plan.meetings[c.meeting].title)),
            false => String::new(),
        };
        out.push_str(&format!(
            "<tr><td>{}</td>{meeting}<td>{}</td><td>{}</td></tr>\n",
            esc(&span(c.start, c.end, world)),
            esc(&r.reason.label_in(world.lang)),
            esc(&rejected_text(r, world.lang))
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// The first reason's sentence, then the labels of the others.
fn rejected_text(r: &crate::solve::Rejected, lang: Lang) -> String {
    if r.also.is_empty() {
        return r.shown.clone();
    }
    let labels: Vec<String> = r.also.iter().map(|w| w.reason.label_in(lang)).collect();
    format!(
        "{} ({})",
        r.shown,
        tr!(lang, "why-also", what = labels.join("; "))
    )
}

/// Who attends the rank-1 plan, the runners-up and the dates not proposed; or the rules
/// that leave no date and the relaxations, each with the plan it gives.
pub(super) fn propose(p: &Proposal, world: &World) -> String {
    let lang = world.lang;
    let mut out = String::new();
    if let Some(best) = p.plans.first() {
        out.push_str(&section(
            &lang.t("html-who-proposed"),
            &attendance_table(&found_rows(best, world), world),
        ));
        if p.plans.len() > 1 {
            out.push_str(&section(&lang.t("html-runners-up"), &runners_up(p, world)));
        }
        if !p.rejected.is_empty() {
            out.push_str(&section(&lang.t("html-rejected"), &rejected(p, world)));
        }
    }
    if let Some(inf) = &p.infeasible {
        let mut s = format!("<p>{}</p>\n<ul>\n", esc(&lang.t("infeasible-rules")));
        for ((rule, _), behind) in inf.rules.iter().zip(&inf.behind) {
            let lines: String = behind
                .iter()
                .map(|b| format!("<li>{}</li>", esc(&b.text(&world.plan, lang))))
                .collect();
            let sub = if lines.is_empty() {
                String::new()
            } else {
                format!("<ul>{lines}</ul>")
            };
            s.push_str(&format!(
                "<li>{}{sub}</li>\n",
                esc(&rule.sentence_in(&world.plan, lang))
            ));
        }
        s.push_str("</ul>\n");
        if !inf.complete {
            s.push_str(&format!(
                "<p class=\"bad\">{}</p>\n",
                esc(&lang.t("infeasible-incomplete"))
            ));
        }
        if inf.relaxations.is_empty() {
            s.push_str(&format!(
                "<p>{}</p>\n",
                esc(&lang.t("infeasible-no-relaxation"))
            ));
        } else {
            s.push_str(&format!("<h3>{}</h3>\n", esc(&lang.t("html-relaxations"))));
            for r in &inf.relaxations {
                s.push_str(&format!(
                    "<h4>{}</h4>\n",
                    esc(&r.kind.text(&world.plan, lang))
                ));
                s.push_str(&attendance_table(&found_rows(&r.plan, world), world));
            }
        }
        out.push_str(&section(&lang.t("html-no-plan-heading"), &s));
    }
    out
}
