/*!
Everything a plan refers to, loaded once: each person's calendar (and free/busy, which
counts as part of it), each feed, each meeting's existing series, and the holidays of the
window.

This is the "sources → events" step for plan-based commands. A source named twice (say a
feed that is also someone's calendar) is read once. The window read is the plan's window
widened by a few days on each side, so travel margins and overnight events at its edges
are seen; commands cut back to the plan's window themselves.
*/

use crate::diag::{Context, Result, Warnings};
use crate::events::{self, Limits, Occurrence, ReadOptions, Window};
use crate::holidays::{self, Holiday};
use crate::i18n::Lang;
use crate::ical::zone::Zone;
use crate::plan::{Holidays, Plan};
use crate::source::{FetchOptions, SourceSpec};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use std::collections::BTreeMap;

/// Days read before the plan's window (overnight events, travel margins).
const MARGIN_BEFORE: i64 = 3;
/// Days read after it: enough for the "window wider" relaxations of `propose` (up to four
/// weeks) without reading the sources again.
pub const MARGIN_AFTER: i64 = 32;

#[derive(Debug, Clone)]
pub struct World {
    pub plan: Plan,
    pub zone: Zone,
    /// Occurrences of each person's own calendar, by person id.
    pub calendars: BTreeMap<String, Vec<Occurrence>>,
    /// Occurrences of each feed, by feed id.
    pub feeds: BTreeMap<String, Vec<Occurrence>>,
    /// The existing series of each meeting that has one, by meeting id.
    pub series: BTreeMap<String, Vec<Occurrence>>,
    /// Holidays in the window (empty with `holidays = "none"`).
    pub holidays: Vec<Holiday>,
    /// What every report must say about how this world was read: a calendar that could
    /// not be read and was skipped, the window cut to today.
    pub notes: Vec<Note>,
    /// No new occurrence may start before this instant: now, when today is the clock's
    /// (`today.rs`); None with a given today, whose whole day counts.
    pub not_before: Option<DateTime<Utc>>,
    /// The language of every report and invite made from this world: `--lang`, else the
    /// plan's `language`, else the environment, else English (set by the caller that
    /// knows the flag; [`World::load`] starts from the plan's).
    pub lang: Lang,
}

impl World {
    /// Reads every source the plan names.
    pub fn load(plan: Plan, warnings: &mut Warnings) -> Result<World> {
        World::load_with(plan, &FetchOptions::default(), Limits::default(), warnings)
    }

    /// Reads every source the plan names, URLs as `fetch` says (all of them downloaded
    /// first, in parallel).
    pub fn load_with(
        plan: Plan,
        fetch: &FetchOptions,
        limits: Limits,
        warnings: &mut Warnings,
    ) -> Result<World> {
        World::load_skipping(plan, fetch, limits, false, warnings)
    }

    /// Like [`World::load_with`]; with `skip_unreadable`, a person's calendar or a feed
    /// that cannot be read is left out (its people taken as free) and a note says so. A
    /// meeting's series is never skipped: without it there is nothing to check or move.
    pub fn load_skipping(
        plan: Plan,
        fetch: &FetchOptions,
        limits: Limits,
        skip_unreadable: bool,
        warnings: &mut Warnings,
    ) -> Result<World> {
        let zone = Zone::Iana(plan.timezone);
        let read_window = Window::new(
            plan.from - Duration::days(MARGIN_BEFORE),
            plan.to + Duration::days(1 + MARGIN_AFTER),
            zone.clone(),
        );
        let mut opts = ReadOptions::new(read_window);
        opts.fetch = fetch.clone();
        if opts.fetch.caldav.password_env.is_none() {
            opts.fetch.caldav.password_env = plan.password_env.clone();
        }
        opts.limits = limits;
        let mut cache: BTreeMap<String, Vec<Occurrence>> = BTreeMap::new();
        // Read every distinct source once, in the plan's order, before sorting them out.
        // (source, line of the plan's table that first names it)
        let mut sources: Vec<(&str, usize)> = Vec::new();
        let named = (plan
            .people
            .iter()
            .filter_map(|p| p.calendar.as_deref().map(|c| (c, p.line))))
        .chain(plan.feeds.iter().map(|f| (f.source.as_str(), f.line)))
        .chain(
            plan.meetings
                .iter()
                .filter_map(|m| m.series.as_deref().map(|s| (s, m.line))),
        );
        for (source, line) in named {
            if !sources.iter().any(|(s, _)| *s == source) {
                sources.push((source, line));
            }
        }
        let mut specs: Vec<SourceSpec> =
            sources.iter().map(|(s, _)| SourceSpec::parse(s)).collect();
        // Free/busy sources are read apart from calendars (CalDAV: free-busy-query).
        let n_calendars = sources.len();
        for p in &plan.people {
            if let Some(fb) = p.freebusy.as_deref() {
                specs.push(SourceSpec::parse_freebusy(fb));
                sources.push((fb, p.line));
            }
        }
        let file = plan.file.display();
        let mut notes = Vec::new();
        let loaded = match crate::load::load_each(&specs, &opts, warnings) {
            Ok(loaded) => loaded,
            Err(_) if skip_unreadable => {
                let mut loaded = Vec::new();
                for (spec, (source, line)) in specs.iter().zip(&sources) {
                    let mut own = Warnings::default();
                    match crate::load::load(std::slice::from_ref(spec), &opts, &mut own) {
                        Ok(occ) => {
                            warnings.items.extend(own.items);
                            loaded.push(occ);
                        }
                        Err(e) => {
                            let note =
                                skipped_note(&plan, source, &e.to_string()).ok_or_else(|| {
                                    e.clone().context(Context::NamedInNotSkipped {
                                        line: *line,
                                        plan: file.to_string(),
                                    })
                                })?;
                            notes.push(note);
                            loaded.push(Vec::new());
                        }
                    }
                }
                loaded
            }
            Err(e) => {
                // Say which table named the source that failed: read them one by one.
                for (spec, (_, line)) in specs.iter().zip(&sources) {
                    let mut ignored = Warnings::default();
                    if let Err(one) =
                        crate::load::load(std::slice::from_ref(spec), &opts, &mut ignored)
                    {
                        return Err(one.context(Context::NamedIn {
                            line: Some(*line),
                            plan: file.to_string(),
                        }));
                    }
                }
                return Err(e.context(Context::NamedIn {
                    line: None,
                    plan: file.to_string(),
                }));
            }
        };
        let mut freebusy: BTreeMap<&str, Vec<Occurrence>> = BTreeMap::new();
        for (i, ((source, _), mut occ)) in sources.iter().zip(loaded).enumerate() {
            events::sort(&mut occ);
            if i < n_calendars {
                cache.insert(source.to_string(), occ);
            } else {
                freebusy.insert(source, occ);
            }
        }
        let mut read = |source: &str, warnings: &mut Warnings| -> Result<Vec<Occurrence>> {
            if let Some(hit) = cache.get(source) {
                return Ok(hit.clone());
            }
            let occ =
                crate::load::load(&[SourceSpec::parse(source)], &opts, warnings).map_err(|e| {
                    e.context(Context::NamedIn {
                        line: None,
                        plan: plan.file.display().to_string(),
                    })
                })?;
            cache.insert(source.to_string(), occ.clone());
            Ok(occ)
        };
        let mut calendars = BTreeMap::new();
        for p in &plan.people {
            if let Some(src) = &p.calendar {
                calendars.insert(p.id.clone(), read(src, warnings)?);
            }
            if let Some(busy) = p.freebusy.as_deref().and_then(|f| freebusy.get(f)) {
                let list: &mut Vec<Occurrence> = calendars.entry(p.id.clone()).or_default();
                list.extend(busy.iter().cloned());
                events::sort(list);
            }
        }
        let mut feeds = BTreeMap::new();
        for f in &plan.feeds {
            feeds.insert(f.id.clone(), read(&f.source, warnings)?);
        }
        let mut series = BTreeMap::new();
        for m in &plan.meetings {
            if let Some(src) = &m.series {
                series.insert(m.id.clone(), read(src, warnings)?);
            }
        }
        let holidays = match plan.holidays {
            Holidays::Se => holidays::swedish_holidays_between(plan.from, plan.to),
            Holidays::None => Vec::new(),
        };
        Ok(World {
            lang: plan.language.unwrap_or_default(),
            plan,
            zone,
            calendars,
            feeds,
            series,
            holidays,
            notes,
            not_before: None,
        })
    }

    /// The same world with the plan's window ending on `to` (at most [`MARGIN_AFTER`]
    /// days later than the window the sources were read for).
    pub fn with_end(&self, to: NaiveDate) -> World {
        let mut w = self.clone();
        w.plan.to = to;
        w.holidays = match w.plan.holidays {
            Holidays::Se => holidays::swedish_holidays_between(w.plan.from, to),
            Holidays::None => Vec::new(),
        };
        w
    }

    /// Start of the plan's window (local midnight of `from`).
    pub fn window_start(&self) -> DateTime<Utc> {
        self.zone.to_utc(self.plan.from.and_time(NaiveTime::MIN))
    }

    /// End of the plan's window (local midnight after `to`, exclusive).
    pub fn window_end(&self) -> DateTime<Utc> {
        self.zone
            .to_utc((self.plan.to + Duration::days(1)).and_time(NaiveTime::MIN))
    }

    /// A person's name for people to read (the id when the plan has no such person).
    pub fn person_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.plan
            .people
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.as_str())
            .unwrap_or(id)
    }

    /// The holidays on a local date.
    pub fn holidays_on(&self, date: NaiveDate) -> Vec<&Holiday> {
        self.holidays.iter().filter(|h| h.date == date).collect()
    }
}

/// The note for a skipped source: who is taken as free because of it. None when the
/// source is a meeting's series (which cannot be skipped).
/// A fact about how a world was read that every report states (as a sentence in the
/// report's language; in JSON and on stderr as the English sentence of `Display`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A calendar or feed that could not be read, skipped with `--skip-unreadable`.
    Skipped {
        /// `anna's calendar`-style labels: (person id or feed id, is a feed).
        whose: Vec<(String, bool)>,
        /// The first line of the error that stopped the read.
        error: String,
    },
    /// The plan's window started before today and was cut to start today.
    WindowCut {
        from: NaiveDate,
        to: NaiveDate,
        today: crate::today::Today,
    },
}

impl Note {
    /// The note in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Note::Skipped { whose, error } => {
                let whose: Vec<String> = whose
                    .iter()
                    .map(|(id, feed)| {
                        if *feed {
                            crate::tr!(lang, "source-feed", id = id)
                        } else {
                            crate::tr!(lang, "note-calendar-of", id = id)
                        }
                    })
                    .collect();
                crate::tr!(
                    lang,
                    "note-skipped",
                    whose = whose.join(&lang.t("and-sep")),
                    error = error
                )
            }
            Note::WindowCut { from, to, today } => crate::tr!(
                lang,
                "note-window-cut",
                from = from.to_string(),
                to = to.to_string(),
                today = today.describe(lang),
                date = today.date.to_string()
            ),
        }
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

fn skipped_note(plan: &Plan, source: &str, error: &str) -> Option<Note> {
    if plan
        .meetings
        .iter()
        .any(|m| m.series.as_deref() == Some(source))
    {
        return None;
    }
    let mut whose: Vec<(String, bool)> = plan
        .people
        .iter()
        .filter(|p| p.calendar.as_deref() == Some(source))
        .map(|p| (p.id.clone(), false))
        .collect();
    whose.extend(
        plan.feeds
            .iter()
            .filter(|f| f.source == source)
            .map(|f| (f.id.clone(), true)),
    );
    let error = error.lines().next().unwrap_or(error).to_string();
    Some(Note::Skipped { whose, error })
}
