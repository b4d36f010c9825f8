/*!
The month calendar of the HTML report: one Monday-first table per month of the plan's
window with ISO week numbers; holidays shaded and named; each day's busy events, coloured
by the source they come from (with a legend of the sources); and the occurrence notes
`html.rs` made from what check or propose returned.

The busy events are display data: the intervals of the [`BusyMap`] (so only events that
block someone in the plan — not transparent, cancelled or declined ones), each shown once
however many people it blocks, with who they are.
*/

use super::escape::esc;
use super::month::{months, Mark, Marks};
use crate::busy::{Busy, BusyMap};
use crate::tr;
use crate::world::World;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::BTreeMap;

/// Occurrence notes (ready HTML) by local date.
pub type Notes = BTreeMap<NaiveDate, Vec<String>>;

/// How many source colours the stylesheet has (`.s0` … `.s9`); more sources reuse them.
const COLOURS: usize = 10;

/// The plan's sources in plan order (feeds, then people's calendars), each with a label.
fn sources(world: &World) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    // A URL is shown (and matched against the events' sources) by its display name, so a
    // secret token in it never reaches the page.
    let mut add = |source: &str, label: String| {
        let source = crate::source::display_name(source);
        if !out.iter().any(|(s, _)| *s == source) {
            out.push((source, label));
        }
    };
    for f in &world.plan.feeds {
        add(&f.source, tr!(world.lang, "source-feed", id = &f.id));
    }
    for p in &world.plan.people {
        if let Some(c) = &p.calendar {
            add(c, tr!(world.lang, "source-calendar-of", name = &p.name));
        }
    }
    out
}

/// One busy event as shown on a day, and whom it blocks (names).
struct DayEvent<'a> {
    busy: &'a Busy,
    people: Vec<&'a str>,
}

/// The local dates an interval covers.
fn days_of(b: &Busy, world: &World) -> Vec<NaiveDate> {
    let (first, last) = match b.all_day {
        Some((s, e)) => (s, (e - Duration::days(1)).max(s)),
        None => {
            let s = world.zone.to_local(b.start);
            let e = world.zone.to_local(b.end);
            let last = if e > s && e.time() == chrono::NaiveTime::MIN {
                e.date() - Duration::days(1)
            } else {
                e.date()
            };
            (s.date(), last.max(s.date()))
        }
    };
    first.iter_days().take_while(|d| *d <= last).collect()
}

/// Every busy event of the plan's people by day, between `from` and `to` inclusive.
fn events_by_day<'a>(
    world: &'a World,
    busy: &'a BusyMap,
    from: NaiveDate,
    to: NaiveDate,
) -> BTreeMap<NaiveDate, Vec<DayEvent<'a>>> {
    type Key<'k> = (
        &'k str,
        Option<&'k str>,
        chrono::DateTime<chrono::Utc>,
        &'k str,
    );
    let mut events: BTreeMap<Key, DayEvent> = BTreeMap::new();
    for p in &world.plan.people {
        for b in busy.of(&p.id) {
            let key = (&*b.source, b.uid.as_deref(), b.start, &*b.summary);
            let e = events.entry(key).or_insert(DayEvent {
                busy: b,
                people: Vec::new(),
            });
            e.people.push(&p.name);
        }
    }
    let mut by_day: BTreeMap<NaiveDate, Vec<DayEvent>> = BTreeMap::new();
    for e in events.into_values() {
        for d in days_of(e.busy, world) {
            if d >= from && d <= to {
                by_day.entry(d).or_default().push(DayEvent {
                    busy: e.busy,
                    people: e.people.clone(),
                });
            }
        }
    }
    for list in by_day.values_mut() {
        list.sort_by_key(|e| (e.busy.all_day.is_none(), e.busy.start, e.busy.end));
    }
    by_day
}

/// "09:00–12:00" on its day; "all day"; "from 06:00" / "until 19:00" on the first and
/// last day of a timed event over several days.
fn time_on(b: &Busy, day: NaiveDate, world: &World) -> String {
    let lang = world.lang;
    if b.all_day.is_some() {
        return lang.t("when-all-day");
    }
    let (s, e) = (world.zone.to_local(b.start), world.zone.to_local(b.end));
    match (s.date() == day, e.date() == day) {
        (true, true) if b.start == b.end => s.format("%H:%M").to_string(),
        (true, true) => format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")),
        (true, false) => tr!(lang, "time-from", time = s.format("%H:%M").to_string()),
        (false, true) => tr!(lang, "time-until", time = e.format("%H:%M").to_string()),
        (false, false) => lang.t("when-all-day"),
    }
}

fn event_html(
    e: &DayEvent,
    day: NaiveDate,
    world: &World,
    colour: &BTreeMap<&str, usize>,
) -> String {
    let b = e.busy;
    let c = colour.get(&*b.source).copied().unwrap_or(COLOURS - 1) % COLOURS;
    let lang = world.lang;
    let private = !world.plan.show_titles;
    // Without titles, each event says its own source (the page-wide redaction in
    // html_privacy.rs cannot tell two calendars' "Ledig" apart).
    let (title, tentative) = if private {
        (super::html_privacy::private_text(world, b), String::new())
    } else if b.tentative {
        (
            b.summary.to_string(),
            format!(" {}", esc(&lang.t("tentative"))),
        )
    } else {
        (b.summary.to_string(), String::new())
    };
    let mut why = crate::busy::Why::of(b, false, &world.zone);
    if private {
        why.summary = title.clone();
        why.tentative = false;
    }
    let who = if e.people.len() <= 2 {
        e.people.join("; ")
    } else {
        tr!(lang, "n-people", n = e.people.len())
    };
    format!(
        "<li class=\"ev s{c}{}\" title=\"{}\"><span class=\"t\">{}</span> {}{tentative} <span class=\"who\">{}</span></li>",
        if b.tentative { " tent" } else { "" },
        esc(&format!(
            "{} — {} — {}",
            why.text(lang),
            crate::source::display_name(&b.source),
            tr!(lang, "busy-people", who = e.people.join("; "))
        )),
        esc(&time_on(b, day, world)),
        esc(&title),
        esc(&who),
    )
}

/// The legend of the sources' colours.
pub fn legend(world: &World) -> String {
    let mut out = String::from("<ul class=\"sources\">");
    for (i, (source, label)) in sources(world).iter().enumerate() {
        out.push_str(&format!(
            "<li><span class=\"sw s{}\"></span>{} <span class=\"path\">{}</span></li>",
            i % COLOURS,
            esc(label),
            esc(source)
        ));
    }
    out.push_str("</ul>");
    out
}

/// `Mån` from `mån`: a column heading.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The month tables of the plan's window.
pub fn months_html(world: &World, busy: &BusyMap, marks: &Marks, notes: &Notes) -> String {
    let all = months(world.plan.from, world.plan.to);
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return String::new();
    };
    let end = last
        .weeks
        .iter()
        .flat_map(|w| w.days.iter().flatten())
        .max()
        .copied()
        .unwrap_or(last.first);
    let events = events_by_day(world, busy, first.first, end);
    let names = sources(world);
    let colour: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, (s, _))| (s.as_str(), i))
        .collect();
    let lang = world.lang;
    let mut out = String::new();
    for m in &all {
        out.push_str(&format!(
            "<section class=\"month\">\n<h2>{}</h2>\n<table class=\"cal\">\n<thead><tr><th class=\"wk\">{}</th>",
            esc(&m.title(lang)),
            esc(&lang.t("html-week"))
        ));
        let mut d = chrono::Weekday::Mon;
        for i in 0..7 {
            let class = if i >= 5 { " class=\"we\"" } else { "" };
            let name = crate::i18n::dates::weekday_short(lang, d);
            out.push_str(&format!("<th{class}>{}</th>", esc(&capitalised(&name))));
            d = d.succ();
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for w in &m.weeks {
            out.push_str(&format!(
                "<tr><th class=\"wk\" scope=\"row\">{}</th>",
                w.iso
            ));
            for d in &w.days {
                let Some(day) = d else {
                    out.push_str("<td class=\"none\"></td>");
                    continue;
                };
                out.push_str(&day_cell(*day, world, marks, notes, &events, &colour));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    out
}

fn day_cell(
    day: NaiveDate,
    world: &World,
    marks: &Marks,
    notes: &Notes,
    events: &BTreeMap<NaiveDate, Vec<DayEvent>>,
    colour: &BTreeMap<&str, usize>,
) -> String {
    let mut class = vec!["day"];
    if day.weekday().num_days_from_monday() >= 5 {
        class.push("we");
    }
    if day < world.plan.from || day > world.plan.to {
        class.push("out");
    }
    for m in marks.all(day) {
        class.push(match m {
            Mark::Clash => "m-clash",
            Mark::Proposed => "m-proposed",
            Mark::GivenUp => "m-givenup",
            Mark::Planned => "m-planned",
            Mark::Holiday => "holiday",
        });
    }
    let mut out = format!(
        "<td class=\"{}\" data-date=\"{day}\"><div class=\"num\">{}</div>",
        class.join(" "),
        day.day()
    );
    for h in world.holidays_on(day) {
        out.push_str(&format!("<div class=\"hol\">{}</div>", esc(h.name)));
    }
    for n in notes.get(&day).into_iter().flatten() {
        out.push_str(n);
    }
    if let Some(list) = events.get(&day) {
        out.push_str("<ul class=\"evs\">");
        for e in list {
            out.push_str(&event_html(e, day, world, colour));
        }
        out.push_str("</ul>");
    }
    out.push_str("</td>");
    out
}
