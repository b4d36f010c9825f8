/*!
`krock init`: a commented plan file to start from, blank or made from an existing series.

From a series: its attendees become `[[person]]` tables, its organizer the plan's
organizer, its occurrences from today on the window, and the meeting takes its title,
place, length, weekdays and start times, with `series` pointing at it (so `check` checks
those dates and `propose` moves only the ones that clash). Blank: today and the next three
months, two placeholder people and one meeting. Either way the text is a plan `krock check`
accepts as it stands; every key is explained where it stands, and docs/plan.md has them all.
*/

use crate::events::Occurrence;
use chrono::{Datelike, Duration, Months, NaiveDate, NaiveTime, Weekday};
use std::collections::BTreeSet;
use std::path::Path;

/// Where the series came from and what it holds (occurrences in the init's window).
pub struct Series<'a> {
    /// The SOURCE as it should stand in the plan (relative to the plan file, or a URL).
    pub source: String,
    pub occurrences: &'a [Occurrence],
    /// The zone its local times are read in (the plan's `timezone`).
    pub zone: &'a crate::ical::zone::Zone,
}

/// Whether a SOURCE is a URL (whose path may hold a secret token).
pub fn is_url(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    ["http://", "https://", "webcal://"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// A source as a comment may show it: a URL never whole.
fn shown(source: &str) -> String {
    if is_url(source) {
        crate::source::display_url(source)
    } else {
        source.to_string()
    }
}

/// A TOML string literal.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A plan id from free text: lower-case ASCII letters, digits and `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() || out == "all" {
        "x".to_string()
    } else {
        out
    }
}

/// `"3h30m"`, `"1h"`, `"45m"`.
fn duration_text(d: Duration) -> String {
    let (h, m) = (d.num_minutes() / 60, d.num_minutes() % 60);
    match (h, m) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}m"),
    }
}

fn weekday_text(d: Weekday) -> &'static str {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][d.num_days_from_monday() as usize]
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

/// One person found in the series: email, display name.
struct Found {
    email: String,
    name: Option<String>,
}

/// The people of a series: every attendee (first name given wins), in order of first
/// appearance, with ids unique in the plan.
fn people(occurrences: &[Occurrence]) -> Vec<(String, Found)> {
    let mut found: Vec<Found> = Vec::new();
    for o in occurrences {
        for a in &o.info.attendees {
            match found.iter_mut().find(|f| f.email == a.email) {
                Some(f) => {
                    if f.name.is_none() {
                        f.name = a.name.clone();
                    }
                }
                None => found.push(Found {
                    email: a.email.clone(),
                    name: a.name.clone(),
                }),
            }
        }
    }
    let local = |e: &str| slug(e.split('@').next().unwrap_or(e));
    let domain = |e: &str| {
        slug(
            e.split('@')
                .nth(1)
                .and_then(|d| d.split('.').next())
                .unwrap_or(""),
        )
    };
    // kd@perstorp…, kd@bjuv…: when the part before the @ is shared, the organisation names them.
    let shared = |e: &str| found.iter().filter(|f| local(&f.email) == local(e)).count() > 1;
    let mut ids: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for f in found.iter() {
        let base = if shared(&f.email) {
            domain(&f.email)
        } else {
            local(&f.email)
        };
        let mut id = base.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        ids.push(id.clone());
        out.push((
            id,
            Found {
                email: f.email.clone(),
                name: f.name.clone(),
            },
        ));
    }
    out
}

const HEADER: &str = "\
# A krock plan. Every key is explained in docs/plan.md; lines starting with # are comments.
# Check it:    krock check --plan THIS-FILE
# Propose:     krock propose --plan THIS-FILE
# Invites:     krock export --plan THIS-FILE --out invites/
# Relative paths below are relative to this file.
";

/// The plan text. `today` is the first day a blank plan's window may take; `timezone`
/// (an IANA name) the plan's zone.
pub fn plan_text(series: Option<&Series>, today: NaiveDate, timezone: &str) -> String {
    match series {
        Some(s) => from_series(s, today, timezone),
        None => blank(today, timezone),
    }
}

fn plan_table(
    out: &mut String,
    (name, timezone): (&str, &str),
    from: NaiveDate,
    to: NaiveDate,
    organizer: &str,
) {
    out.push_str(&format!(
        "\n[plan]\nname = {}\n# Every date and time of the plan is in this zone.\ntimezone = {}\n# The window: its first and its last day, both inclusive.\nfrom = \"{from}\"\nto = \"{to}\"\n# Swedish public holidays and de-facto days off are never proposed; \"none\" allows them.\nholidays = \"SE\"\n# Who sends the invites.\n{organizer}\n# To plan as on a fixed day (runs that give the same answer later); default: the clock.\n# today = \"{from}\"\n# true: the --html page shows the titles of people's events (default: \"busy\").\n# show_titles = false\n# The language of reports and invites: \"sv\" or \"en\" (default: the environment's).\n# language = \"sv\"\n",
        q(name),
        q(timezone)
    ));
}

fn blank(today: NaiveDate, timezone: &str) -> String {
    let to = today
        .checked_add_months(Months::new(3))
        .map_or(today, |d| d - Duration::days(1));
    let mut out = String::from(HEADER);
    plan_table(
        &mut out,
        ("Our meeting", timezone),
        today,
        to,
        "organizer = { name = \"Secretariat\", email = \"secretariat@example.se\" }",
    );
    out.push_str(
        "
# ---- people: everyone the meetings involve ---------------------------------------------

[[person]]
id = \"chair\"                         # used everywhere else in this file
name = \"Chair\"
email = \"chair@example.se\"           # matched against ATTENDEE lines in every calendar
# calendar = \"people/chair.ics\"      # their own calendar (file, directory or https:// / webcal:// URL)
# remote = true                       # may attend remotely
# travel = \"30m\"                     # free time needed before and after to attend in person

[[person]]
id = \"member\"
name = \"Member\"
email = \"member@example.se\"

# ---- other commitments that keep people busy ----------------------------------------------

# [[feed]]
# id = \"board\"
# source = \"board.ics\"               # a file, directory or URL
# blocks = [\"chair\"]                  # who its events keep busy (\"all\" for everyone); attendees are matched by email anyway

# ---- the meeting -----------------------------------------------------------------------------

[[meeting]]
id = \"meeting\"
title = \"Our meeting\"
# location = \"Room 1\"
duration = \"2h\"                      # \"3h30m\", \"90m\", \"1h\"
attendees = \"all\"                    # or a list of person ids
# required = [\"chair\"]                # must be present (in person, or remotely if remote = true)
# chair = \"chair\"                     # ROLE=CHAIR in the invites
# optional = []                       # people invited as optional: not counted, never block
# quorum = 2                          # at least this many attendees present; default: all of them
days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]
start = [\"09:00\", \"13:00\"]           # allowed start times; earlier in the list is preferred
count = 1                             # occurrences in the window (spread out) …
# per = \"month\"                       # … or one in each calendar month (instead of count)
# min_gap_days = 14                   # at least this many days between occurrences
# prefer_days = [\"fri\"]               # soft: chosen when all else is equal
# series = \"current-dates.ics\"        # the dates already booked: check them, move only what clashes

# [[rule]]                            # an order against events in a feed
# meeting = \"meeting\"
# feed = \"board\"
# before = \"Board meeting\"            # SUMMARY contains this text (or: after = \"…\")
# days = 7                            # at least this many days before it
",
    );
    out
}

fn from_series(s: &Series, today: NaiveDate, timezone: &str) -> String {
    let live: Vec<&Occurrence> = s
        .occurrences
        .iter()
        .filter(|o| !o.is_cancelled() && s.zone.to_local(o.start).date() >= today)
        .collect();
    let first = live.first().copied();
    let local = |o: &Occurrence| s.zone.to_local(o.start);
    let from = first.map_or(today, |o| local(o).date());
    let to = live.last().map_or(from, |o| local(o).date());
    let title = first
        .and_then(|o| o.summary.as_deref().map(str::to_string))
        .unwrap_or_else(|| "Meeting".to_string());
    let id = slug(&title).chars().take(24).collect::<String>();
    let id = id.trim_end_matches('-').to_string();
    let people = people(s.occurrences);
    let organizer_email = first.and_then(|o| o.info.organizer.clone());
    let organizer = match &organizer_email {
        Some(email) => {
            let name = people
                .iter()
                .find(|(_, f)| &f.email == email)
                .and_then(|(_, f)| f.name.clone())
                .unwrap_or_else(|| "Organizer".to_string());
            format!(
                "organizer = {{ name = {}, email = {} }}",
                q(&name),
                q(email)
            )
        }
        None => "organizer = { name = \"Secretariat\", email = \"secretariat@example.se\" }   # the series names no ORGANIZER".to_string(),
    };
    let mut out = String::from(HEADER);
    out.push_str(&format!(
        "#\n# Made by `krock init` from {} ({} occurrence{} from {from} to {to}).\n",
        shown(&s.source),
        live.len(),
        if live.len() == 1 { "" } else { "s" }
    ));
    plan_table(&mut out, (&title, timezone), from, to, &organizer);
    out.push_str(
        "\n# ---- people: the series' attendees ---------------------------------------------------\n# Add calendar = \"…\" (their own calendar) and remote = true / travel = \"30m\" where they apply.\n",
    );
    let placeholders = people.is_empty();
    if placeholders {
        out.push_str("# The series lists no attendees: these two stand in for them.\n\n[[person]]\nid = \"chair\"\nname = \"Chair\"\nemail = \"chair@example.se\"\n\n[[person]]\nid = \"member\"\nname = \"Member\"\nemail = \"member@example.se\"\n");
    }
    for (pid, f) in &people {
        out.push_str(&format!(
            "\n[[person]]\nid = {}\nname = {}\nemail = {}\n",
            q(pid),
            q(f.name.as_deref().unwrap_or(pid)),
            q(&f.email)
        ));
    }
    out.push_str("\n# ---- other commitments that keep people busy ----------------------------------------------\n\n# [[feed]]\n# id = \"board\"\n# source = \"board.ics\"               # a file, directory or URL\n# blocks = []                         # who its events keep busy (\"all\" for everyone); attendees are matched by email anyway\n");
    let duration = first.map_or(Duration::hours(1), |o| o.end - o.start);
    let duration = if duration <= Duration::zero() || duration > Duration::hours(24) {
        Duration::hours(1)
    } else {
        Duration::minutes(duration.num_minutes().max(1))
    };
    let days: BTreeSet<u32> = live
        .iter()
        .map(|o| local(o).weekday().num_days_from_monday())
        .collect();
    let mut days: Vec<String> = days
        .into_iter()
        .map(|d| {
            q(weekday_text(
                Weekday::try_from(d as u8).unwrap_or(Weekday::Mon),
            ))
        })
        .collect();
    if days.is_empty() {
        days = ["mon", "tue", "wed", "thu", "fri"].map(q).to_vec();
    }
    let starts: BTreeSet<NaiveTime> = live.iter().map(|o| local(o).time()).collect();
    let mut starts: Vec<String> = starts
        .into_iter()
        .map(|t| q(&t.format("%H:%M").to_string()))
        .collect();
    if starts.is_empty() {
        starts.push(q("09:00"));
    }
    let location = first
        .and_then(|o| o.info.location.clone())
        .map_or("# location = \"…\"".to_string(), |l| {
            format!("location = {}", q(&l))
        });
    let chair = organizer_email
        .as_ref()
        .and_then(|e| people.iter().find(|(_, f)| &f.email == e))
        .map_or(
            "# chair = \"…\"                       # ROLE=CHAIR in the invites".to_string(),
            |(pid, _)| {
                format!(
                    "# ROLE=CHAIR in the invites (the organizer?)\n# chair = {}",
                    q(pid)
                )
            },
        );
    out.push_str(&format!(
        "
# ---- the meeting: as the series has it -----------------------------------------------------

[[meeting]]
id = {}
title = {}
{location}
# As long as the series' first occurrence.
duration = {}
attendees = \"all\"                    # or a list of person ids
# required = []                       # must be present (in person, or remotely if remote = true)
{chair}
# optional = []                       # people invited as optional: not counted, never block
# quorum = 2                          # at least this many attendees present; default: all of them
# The weekdays and start times the series uses; add more to allow them.
days = {}
start = {}
# The dates already booked: check checks them, propose moves only those that clash.
series = {}
# One occurrence is kept or moved for each of the series' occurrences in the window; or
# count = N (occurrences in the window) or per = \"month\" (one in each month).
# min_gap_days = 14                   # at least this many days between occurrences
# prefer_days = [\"fri\"]               # soft: chosen when all else is equal

# [[rule]]                            # an order against events in a feed
# meeting = {}
# feed = \"board\"
# before = \"Board meeting\"            # SUMMARY contains this text (or: after = \"…\")
# days = 7                            # at least this many days before it
",
        q(&id),
        q(&title),
        q(&duration_text(duration)),
        list(&days),
        list(&starts),
        q(&s.source),
        q(&id),
    ));
    out
}

/// The series as the new plan names it: a URL or `-` as given, a file relative to the
/// plan's directory when the plan is written to a file (relative paths in a plan are
/// relative to it), else as given.
pub fn series_path(source: &str, out: Option<&str>) -> String {
    let Some(out) = out else {
        return source.to_string();
    };
    if is_url(source) || source == "-" {
        return source.to_string();
    }
    let dir = Path::new(out).parent().unwrap_or(Path::new(""));
    let (Ok(dir), Ok(file)) = (
        std::fs::canonicalize(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        }),
        std::fs::canonicalize(source),
    ) else {
        return source.to_string();
    };
    // Up from the plan's directory to the deepest folder both share, then down to the file.
    let (a, b): (Vec<_>, Vec<_>) = (dir.components().collect(), file.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return file.display().to_string();
    }
    let mut rel = std::path::PathBuf::new();
    for _ in common..a.len() {
        rel.push("..");
    }
    for c in &b[common..] {
        rel.push(c);
    }
    rel.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_durations() {
        assert_eq!(
            slug("Kommundirektörsmöte, våren"),
            "kommundirektorsmote-varen"
        );
        assert_eq!(slug("all"), "x");
        assert_eq!(duration_text(Duration::minutes(210)), "3h30m");
        assert_eq!(duration_text(Duration::minutes(45)), "45m");
        assert_eq!(duration_text(Duration::hours(2)), "2h");
    }

    #[test]
    fn a_blank_plan_parses() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let text = plan_text(None, today, "Europe/Stockholm");
        let plan = crate::plan::parse(std::path::Path::new("p.toml"), &text).unwrap();
        assert_eq!(
            (plan.from, plan.to),
            (today, NaiveDate::from_ymd_opt(2027, 2, 28).unwrap())
        );
        assert_eq!(plan.people.len(), 2);
    }
}
