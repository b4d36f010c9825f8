/*!
`--html FILE`: the check or the proposal as one self-contained HTML page — inline CSS, no
scripts, no fonts, images or links to fetch — that works offline, attached to an e-mail,
and printed on A4 (a print stylesheet keeps each month on one page).

This file makes the page: the header, the legend, and the occurrence boxes put on their
days (planned ones with their clashes for `check`; the rank-1 plan's with attendance and
the dates they replace for `propose`). `html_calendar.rs` draws the months (ISO weeks,
holidays, busy events by source); `html_tables.rs` the tables below them (who attends,
who is absent and why, clashes, runners-up, dates not proposed, or the rules that leave
no date and the relaxations). Like every renderer it prints what check and solve returned
and computes no scheduling facts. Every text from the plan and the feeds goes through
[`esc`](super::escape::esc). [`write`] replaces the file atomically.
*/

use super::escape::esc;
use super::hm;
use super::html_calendar::{legend, months_html, Notes};
use super::html_tables::{self as tables, attendance_line};
use super::month::{Mark, Marks};
use crate::busy::BusyMap;
use crate::check::PlanCheck;
use crate::diag::{Error, ErrorKind, Result};
use crate::i18n::Lang;
use crate::solve::Proposal;
use crate::tr;
use crate::world::World;
use chrono::{DateTime, Utc};
use std::path::Path;

const CSS: &str = include_str!("html.css");

fn marker_legend(marks: &Marks, lang: Lang) -> String {
    let mut out = String::from("<ul class=\"marks\">");
    for m in &marks.legend {
        let class = match m {
            Mark::Clash => "occ clash",
            Mark::Proposed => "occ proposed",
            Mark::GivenUp => "occ gone",
            Mark::Planned => "occ planned",
            Mark::Holiday => "hol-sw",
        };
        out.push_str(&format!(
            "<li><span class=\"{class}\">&nbsp;</span>{}</li>",
            esc(&m.meaning(lang))
        ));
    }
    out.push_str("</ul>");
    out
}

/// The whole page: header and summary, legend, months, then the tables.
fn page(
    world: &World,
    busy: &BusyMap,
    what: &str,
    summary: &str,
    marks: &Marks,
    notes: &Notes,
    tables: &str,
) -> String {
    let plan = &world.plan;
    let lang = world.lang;
    let title = format!("{} — {what}", plan.name);
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<p class=\"sub\">{} · {} – {} · {}</p>\n{summary}{}</header>\n<section class=\"legend\"><h2>{}</h2>{}{}</section>\n{}{tables}<footer>{}</footer>\n</body>\n</html>\n",
        lang.code(),
        esc(&title),
        esc(&plan.name),
        esc(what),
        plan.from,
        plan.to,
        esc(&tr!(lang, "html-times-in", zone = plan.timezone.name())),
        super::notes::html(world),
        esc(&lang.t("html-legend")),
        marker_legend(marks, lang),
        legend(world),
        months_html(world, busy, marks, notes),
        esc(&tr!(lang, "html-made-by", file = plan.file.display().to_string())),
    );
    super::html_privacy::redact(page, world, busy)
}

/// Adds an occurrence box to its day: the first line bold, the others below it; `lines`
/// are ready HTML.
fn note(notes: &mut Notes, t: DateTime<Utc>, world: &World, class: &str, lines: &[String]) {
    let day = world.zone.to_local(t).date();
    let mut html = format!("<div class=\"occ {class}\">");
    for (i, l) in lines.iter().enumerate() {
        if i == 0 {
            html.push_str(&format!("<b>{l}</b>"));
        } else {
            html.push_str(&format!("<span>{l}</span>"));
        }
    }
    html.push_str("</div>");
    notes.entry(day).or_default().push(html);
}

/// The HTML page of `check --plan`: each planned occurrence on its day with its clashes.
pub fn check(report: &PlanCheck, world: &World, busy: &BusyMap) -> String {
    let zone = &world.zone;
    let lang = world.lang;
    let mut notes = Notes::new();
    let (mut planned, mut clashing) = (0, 0);
    for m in &report.meetings {
        for o in m.occurrences.iter().flatten() {
            planned += 1;
            let mut lines = vec![format!(
                "{}–{} {}",
                hm(o.start, zone),
                hm(o.end, zone),
                esc(&m.title)
            )];
            for c in &o.clashes {
                let label = if c.holiday {
                    lang.t("check-holiday-label")
                } else {
                    lang.t("check-clash-label")
                };
                lines.push(format!(
                    "{} {} {}",
                    esc(&label),
                    esc(&c.with.summary),
                    esc(&super::check::when(
                        c.with.start,
                        c.with.end,
                        c.with.all_day,
                        zone,
                        lang
                    ))
                ));
            }
            let quorum = if o.quorum_holds {
                tr!(lang, "check-quorum-holds", quorum = o.quorum)
            } else {
                tr!(lang, "html-quorum-broken", quorum = o.quorum)
            };
            lines.push(format!(
                "{} · {}",
                esc(&attendance_line(&o.attendance, m.attendees, lang)),
                esc(&quorum)
            ));
            if !o.clashes.is_empty() {
                clashing += 1;
            }
            let class = if o.clashes.is_empty() {
                "planned"
            } else {
                "clash"
            };
            note(&mut notes, o.start, world, class, &lines);
        }
    }
    let summary = format!(
        "<p class=\"summary\">{}</p>\n",
        esc(&tr!(
            lang,
            "html-check-summary",
            planned = planned,
            clashing = clashing
        ))
    );
    let marks = Marks::of_check(report, world);
    page(
        world,
        busy,
        &lang.t("html-check-what"),
        &summary,
        &marks,
        &notes,
        &tables::check(report, world),
    )
}

/// The HTML page of `propose --plan`: the rank-1 plan's occurrences on their days, with
/// attendance, and the planned dates they replace.
pub fn propose(p: &Proposal, world: &World, busy: &BusyMap) -> String {
    let zone = &world.zone;
    let lang = world.lang;
    let mut notes = Notes::new();
    let summary = match p.plans.first() {
        None => format!(
            "<p class=\"summary bad\">{}</p>\n",
            esc(&lang.t("html-no-plan"))
        ),
        Some(best) => {
            let mut dates = Vec::new();
            for o in &best.occurrences {
                let m = &world.plan.meetings[o.meeting];
                let attendance = esc(&attendance_line(&o.attendance, m.attendees.len(), lang));
                let mut lines = vec![
                    format!(
                        "{}–{} {}",
                        hm(o.start, zone),
                        hm(o.end, zone),
                        esc(&m.title)
                    ),
                    format!("{} · {attendance}", esc(&lang.t("html-proposed"))),
                ];
                if let Some(t) = o.original.filter(|t| *t != o.start) {
                    let from = zone.to_local(t).format("%Y-%m-%d").to_string();
                    lines.push(esc(&tr!(
                        lang,
                        "moved-from",
                        date = from,
                        time = hm(t, zone)
                    )));
                    let to = esc(&tr!(
                        lang,
                        "moves-to",
                        date = o.date.to_string(),
                        time = hm(o.start, zone)
                    ));
                    note(
                        &mut notes,
                        t,
                        world,
                        "gone",
                        &[format!("{} {}", hm(t, zone), esc(&m.title)), to],
                    );
                }
                note(&mut notes, o.start, world, "proposed", &lines);
                // In prose, as a reader says it: "tisdag 21 april 2026, 13.00–16.30 (vecka 17)".
                let (s, e) = (zone.to_local(o.start), zone.to_local(o.end));
                dates.push(format!(
                    "<b>{}</b> ({attendance})",
                    esc(&crate::i18n::dates::span(lang, s, e))
                ));
            }
            for (m, t) in &best.withdrawn {
                let title = esc(&world.plan.meetings[*m].title);
                note(
                    &mut notes,
                    *t,
                    world,
                    "gone",
                    &[
                        format!("{} {title}", hm(*t, zone)),
                        esc(&lang.t("withdrawn")),
                    ],
                );
            }
            let unproven = super::propose::not_proven_line(best, p.time_limit, lang)
                .map(|l| format!("\n<p class=\"summary bad\">{}.</p>", esc(&l)))
                .unwrap_or_default();
            format!(
                "<p class=\"summary\">{} {}.</p>{unproven}\n",
                esc(&lang.t("proposed-label")),
                dates.join(", ")
            )
        }
    };
    let marks = Marks::of_proposal(p, world);
    page(
        world,
        busy,
        &lang.t("html-propose-what"),
        &summary,
        &marks,
        &notes,
        &tables::propose(p, world),
    )
}

/// Writes the page to `path` atomically (see [`crate::atomic`]): a temporary file beside
/// it, then a rename, so the file is either the old one or the whole new one. Refuses a
/// target that is not a regular file (a device, a FIFO), the plan file itself, and any
/// calendar the plan reads.
pub fn write(path: &Path, html: &str, world: &World) -> Result<()> {
    let refuse = |why: &str| {
        Error::at(
            format!("--html {}", path.display()),
            ErrorKind::Output {
                detail: format!("{why}; nothing was written (choose another file name)"),
            },
        )
    };
    if path.file_name().is_none() {
        return Err(refuse("not a file name"));
    }
    if let Some(meta) = crate::atomic::check_target(path).map_err(|r| refuse(&r.0))? {
        if crate::atomic::same_file(&meta, &world.plan.file) {
            return Err(refuse("is the plan file"));
        }
        let inputs = world
            .plan
            .people
            .iter()
            .filter_map(|p| p.calendar.as_deref())
            .chain(world.plan.feeds.iter().map(|f| f.source.as_str()));
        for source in inputs {
            let source = Path::new(source);
            let inside = source.is_dir()
                && path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("ics"))
                && std::fs::canonicalize(crate::atomic::dir_of(path))
                    .ok()
                    .zip(std::fs::canonicalize(source).ok())
                    .is_some_and(|(d, s)| d.starts_with(s));
            if inside || crate::atomic::same_file(&meta, source) {
                return Err(refuse(&format!(
                    "is a calendar the plan reads ({})",
                    source.display()
                )));
            }
        }
    }
    crate::atomic::replace(path, html.as_bytes()).map_err(|e| {
        Error::at(
            format!("--html {}", path.display()),
            ErrorKind::Output {
                detail: format!(
                    "cannot write: {e}; check that the folder exists and can be written to"
                ),
            },
        )
    })
}
