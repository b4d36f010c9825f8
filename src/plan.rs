/*!
The plan file: the TOML that names the people, the feeds that keep them busy, the meetings
to place and the rules that order them (SPEC.md, "The plan file (TOML)").

[`load`] and [`parse`] turn it into a checked [`Plan`]: defaults filled in, `"all"`
expanded and every id list put in plan order, durations, times, weekdays and dates parsed,
and relative paths joined to the plan file's directory (`-` and URLs kept as they are).
Problems come back as one [`PlanError`] whose lines read `FILE:LINE: what is wrong; what to
do`. A TOML syntax error, an unknown key or a value of the wrong type stops the reading at
the first one (serde stops there); the checks after that are all collected.
*/

use chrono::Weekday::{Fri, Mon, Thu, Tue, Wed};
use chrono::{Duration, NaiveDate, NaiveTime, Weekday};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// A checked plan file.
#[derive(Debug, Clone)]
pub struct Plan {
    pub file: PathBuf,           // the plan file as given
    pub name: String,            // [plan] name, default the file stem
    pub timezone: chrono_tz::Tz, // default Europe/Stockholm
    pub from: NaiveDate,         // the window, inclusive …
    pub to: NaiveDate,           // … at both ends
    pub holidays: Holidays,
    pub organizer: Option<Organizer>,
    pub people: Vec<Person>,
    pub feeds: Vec<Feed>,
    pub meetings: Vec<Meeting>,
    pub rules: Vec<Rule>,
}

/// Whose public holidays are never proposed: Sweden's (default) or nobody's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holidays {
    Se,
    None,
}

#[derive(Debug, Clone)]
pub struct Organizer {
    pub name: String,
    pub email: String,
}

/// Every `line` below is the line of the table's `[[…]]` header.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,             // default: the id
    pub email: Option<String>,    // lower-cased
    pub calendar: Option<String>, // a SOURCE, resolved
    pub remote: bool,
    pub travel: Duration, // before and after, to attend in person; default zero
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Feed {
    pub id: String,
    pub source: String,      // a SOURCE, resolved
    pub blocks: Vec<String>, // person ids, plan order, "all" expanded; default none
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub id: String,
    pub title: String, // default: the id
    pub location: Option<String>,
    pub duration: Duration,
    pub attendees: Vec<String>, // person ids, plan order; default every person
    pub required: Vec<String>,  // person ids, plan order, all of them attendees
    pub quorum: usize,          // default: every attendee
    pub days: Vec<Weekday>,     // Monday first, no repeats; default Monday to Friday
    pub start: Vec<NaiveTime>,  // sorted, no repeats, never empty
    pub count: Option<u32>,
    pub per_month: bool,
    pub min_gap_days: u32,
    pub prefer_days: Vec<Weekday>,
    pub series: Option<String>, // a SOURCE, resolved
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub meeting: String,
    pub text: String, // matched case-insensitively against the SUMMARY of the feed's events
    pub before: bool, // true: before = TEXT, false: after = TEXT
    pub feed: String,
    pub days: u32,
    pub line: usize,
}

/// All problems found, each "FILE:LINE: message; what to do" — one per line of the Display.
#[derive(Debug)]
pub struct PlanError {
    pub messages: Vec<String>,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.messages.join("\n"))
    }
}

impl std::error::Error for PlanError {}

/// Reads and checks the plan file at `path`.
pub fn load(path: &Path) -> Result<Plan, PlanError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(path, &text),
        Err(e) => Err(PlanError {
            messages: vec![format!(
                "{}: cannot read the plan: {e}; check the path",
                path.display()
            )],
        }),
    }
}

/// Checks `text` as the plan file `path`, which names it in messages and anchors its paths.
pub fn parse(path: &Path, text: &str) -> Result<Plan, PlanError> {
    let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut cx = Cx {
        text,
        base,
        table: "[plan]",
        ..Cx::default()
    };
    let plan = match toml::from_str::<RawFile>(text) {
        Ok(raw) => cx.plan(path, raw),
        Err(e) => return Err(cx.toml_error(path, &e)),
    };
    if cx.errors.is_empty() {
        return Ok(plan);
    }
    cx.errors.sort_by_key(|e| e.0);
    let file = path.display();
    let messages = cx
        .errors
        .iter()
        .map(|(line, m)| format!("{file}:{line}: {m}"));
    Err(PlanError {
        messages: messages.collect(),
    })
}

// ---- the file as written ---------------------------------------------------------------

type Opt<T> = Option<Spanned<T>>;
type Strings = Vec<Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawFile {
    plan: Opt<RawPlan>,
    #[serde(default)]
    person: Vec<Spanned<RawPerson>>,
    #[serde(default)]
    feed: Vec<Spanned<RawFeed>>,
    #[serde(default)]
    meeting: Vec<Spanned<RawMeeting>>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawPlan {
    name: Opt<String>,
    timezone: Opt<String>,
    from: Opt<toml::Value>,
    to: Opt<toml::Value>,
    holidays: Opt<String>,
    organizer: Opt<RawOrganizer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawOrganizer {
    name: Opt<String>,
    email: Opt<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawPerson {
    id: Opt<String>,
    name: Opt<String>,
    email: Opt<String>,
    calendar: Opt<String>,
    remote: Option<bool>,
    travel: Opt<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawFeed {
    id: Opt<String>,
    source: Opt<String>,
    blocks: Opt<Ids>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawMeeting {
    id: Opt<String>,
    title: Opt<String>,
    location: Opt<String>,
    duration: Opt<String>,
    attendees: Opt<Ids>,
    required: Opt<Ids>,
    quorum: Opt<i64>,
    days: Opt<Strings>,
    start: Opt<Strings>,
    count: Opt<i64>,
    per: Opt<String>,
    min_gap_days: Opt<i64>,
    prefer_days: Opt<Strings>,
    series: Opt<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table")]
struct RawRule {
    meeting: Opt<String>,
    before: Opt<String>,
    after: Opt<String>,
    feed: Opt<String>,
    days: Opt<i64>,
}

/// A word (only `"all"` is accepted, later) or a list of person ids, each with its span.
enum Ids {
    Word(String),
    List(Strings),
}

impl<'de> Deserialize<'de> for Ids {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ids;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("\"all\" or a list of person ids")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Ids, E> {
                Ok(Ids::Word(s.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ids, A::Error> {
                let mut list = Vec::new();
                while let Some(id) = seq.next_element()? {
                    list.push(id);
                }
                Ok(Ids::List(list))
            }
        }
        d.deserialize_any(V)
    }
}

// ---- checking ---------------------------------------------------------------------------

const DURATIONS: &str = "write hours and minutes like \"3h30m\", \"90m\", \"1h\" or \"45m\"";
const WEEKDAYS: &str = "use mon, tue, wed, thu, fri, sat or sun";

/// The checker: the text (for line numbers), the errors so far, and the table being read.
#[derive(Default)]
struct Cx<'a> {
    text: &'a str,
    base: PathBuf,                // the plan file's directory
    errors: Vec<(usize, String)>, // (line, message without the file name)
    table: &'static str,          // "[[meeting]]", …: names the table in "has no" messages
    at: usize,                    // where that table starts
    seen: HashMap<String, usize>, // the ids of this kind of table so far, and their lines
    people: Vec<String>,          // the person ids, in plan order
}

impl Cx<'_> {
    fn line(&self, at: usize) -> usize {
        let before = &self.text.as_bytes()[..at.min(self.text.len())];
        before.iter().filter(|&&b| b == b'\n').count() + 1
    }

    fn err(&mut self, at: usize, message: impl Into<String>) {
        self.errors.push((self.line(at), message.into()));
    }

    /// An error on the line where `value` is.
    fn bad<T>(&mut self, value: &Spanned<T>, message: impl Into<String>) {
        self.err(value.span().start, message);
    }

    /// Rewords what toml and serde said in the plan's terms.
    fn toml_error(&mut self, path: &Path, e: &toml::de::Error) -> PlanError {
        let at = e.span().map_or(0, |s| s.start);
        let msg = e.message().trim().replace('\n', ", ");
        let message = if let Some(rest) = msg.strip_prefix("unknown field ") {
            let (key, allowed) = rest.split_once(", expected ").unwrap_or((rest, "none"));
            let allowed = allowed.trim_start_matches("one of ").replace('`', "");
            format!("unknown key {key}; the keys allowed here are {allowed}; remove or rename it")
        } else if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
            let msg = msg.replace("sequence", "list").replace(": map", ": table");
            let msg = msg.replace("expected i64", "expected a whole number");
            let expected = msg.rsplit_once(", expected ").map_or("", |p| p.1);
            // Name the key: the word before the last `=` on the line, up to the value.
            let line = &self.text[self.text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
            let key = line.rsplit_once('=').and_then(|(lhs, _)| {
                let key = lhs.trim_end().rsplit([' ', '\t', '{', ',']).next()?;
                (!key.is_empty()).then(|| format!("{key}: "))
            });
            format!("{}{msg}; write it as {expected}", key.unwrap_or_default())
        } else if msg.starts_with("duplicate key") {
            format!("{msg}; keep only one")
        } else {
            format!("TOML syntax error: {msg}; fix the syntax on this line")
        };
        let line = self.line(at);
        PlanError {
            messages: vec![format!("{}:{line}: {message}", path.display())],
        }
    }

    /// `value`, or an error saying that the current table needs `key`.
    fn need<T>(&mut self, value: Opt<T>, key: &str, example: &str) -> Opt<T> {
        if value.is_none() {
            let message = format!("{} has no {key}; add {key} = {example}", self.table);
            self.err(self.at, message);
        }
        value
    }

    /// Reads every table of one kind with `read`, whose ids must all differ.
    fn each<R, T>(
        &mut self,
        raws: Vec<Spanned<R>>,
        table: &'static str,
        read: impl Fn(&mut Self, R) -> Option<T>,
    ) -> Vec<T> {
        self.seen.clear();
        let mut out = Vec::new();
        for raw in raws {
            (self.table, self.at) = (table, raw.span().start);
            out.extend(read(self, raw.into_inner()));
        }
        out
    }

    /// The table's id, unless it is missing, unusable or already taken.
    fn id(&mut self, id: Opt<String>) -> Option<String> {
        let id = self.need(id, "id", "\"…\"")?;
        let kind = self.table.trim_matches(['[', ']']);
        let message = if id.get_ref().is_empty() || id.get_ref() == "all" {
            format!("id = \"{}\" is reserved; choose another id", id.get_ref())
        } else if let Some(first) = self.seen.get(id.get_ref()) {
            let fix = format!("give each {kind} its own id");
            format!(
                "{kind} id \"{}\" is already used on line {first}; {fix}",
                id.get_ref()
            )
        } else {
            self.seen
                .insert(id.get_ref().clone(), self.line(id.span().start));
            return Some(id.into_inner());
        };
        self.bad(&id, message);
        None
    }

    fn email(&mut self, email: Spanned<String>) -> String {
        if !email.get_ref().contains('@') {
            let message = format!("email = \"{}\" has no '@'", email.get_ref());
            self.bad(&email, message + "; write a full e-mail address");
        }
        email.into_inner().to_lowercase()
    }

    /// Joins a relative path to the plan file's directory; keeps `-` and URLs.
    fn resolve(&self, source: Spanned<String>) -> String {
        let s = source.into_inner();
        let lower = s.to_ascii_lowercase();
        let url = ["http://", "https://", "webcal://"]
            .iter()
            .any(|p| lower.starts_with(p));
        if s == "-" || url {
            s
        } else {
            self.base.join(s).display().to_string()
        }
    }

    fn date(&mut self, value: Opt<toml::Value>, key: &str, what: &str) -> Option<NaiveDate> {
        let value = self.need(value, key, &format!("\"YYYY-MM-DD\" ({what})"))?;
        let date = match value.get_ref() {
            toml::Value::String(s) if s.len() == 10 && &s[4..5] == "-" && &s[7..8] == "-" => {
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
            }
            toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                let d = dt.date?;
                NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
            }
            _ => None,
        };
        if date.is_none() {
            let message = format!("{key} = {} is not a date", value.get_ref());
            self.bad(
                &value,
                message + "; write it as \"YYYY-MM-DD\", e.g. \"2026-04-01\"",
            );
        }
        date
    }

    fn duration(&mut self, value: Spanned<String>, key: &str, zero_ok: bool) -> Duration {
        let s = value.get_ref();
        let problem = match parse_duration(s) {
            None => format!("{key} = \"{s}\" is not a duration; {DURATIONS}"),
            Some(d) if d.is_zero() && !zero_ok => format!("{key} = \"{s}\" is zero; {DURATIONS}"),
            Some(d) if d > Duration::hours(24) => {
                format!("{key} = \"{s}\" is longer than 24 hours; shorten it to at most \"24h\"")
            }
            Some(d) => return d,
        };
        self.bad(&value, problem);
        Duration::zero()
    }

    /// A whole number of at least `min`.
    fn number(&mut self, value: Spanned<i64>, key: &str, min: i64) -> u32 {
        let n = *value.get_ref();
        if n < min {
            let message = format!("{key} = {n} is less than {min}; set it to at least {min}");
            self.bad(&value, message);
        }
        u32::try_from(n.max(0)).unwrap_or(u32::MAX)
    }

    /// Weekdays, Monday first, without repeats; `None` when `value` is.
    fn weekdays(&mut self, value: Opt<Strings>, key: &str) -> Option<Vec<Weekday>> {
        let value = value?;
        if value.get_ref().is_empty() {
            let message = format!("{key} = [] is empty; list weekdays ({WEEKDAYS})");
            self.bad(&value, message);
        }
        let mut days = Vec::new();
        for day in value.into_inner() {
            match day.get_ref().parse::<Weekday>() {
                Ok(d) => days.push(d),
                Err(_) => {
                    let message =
                        format!("{key} has \"{}\", which is not a weekday", day.get_ref());
                    self.bad(&day, format!("{message}; {WEEKDAYS}"));
                }
            }
        }
        days.sort_by_key(|d| d.num_days_from_monday());
        days.dedup();
        Some(days)
    }

    /// Start times, sorted, without repeats.
    fn times(&mut self, value: Spanned<Strings>) -> Vec<NaiveTime> {
        if value.get_ref().is_empty() {
            let fix = "list the allowed start times, e.g. [\"09:00\", \"13:00\"]";
            self.bad(&value, format!("start = [] is empty; {fix}"));
        }
        let mut times = Vec::new();
        for time in value.into_inner() {
            match parse_time(time.get_ref()) {
                Some(t) => times.push(t),
                None => {
                    let message = format!("start has \"{}\", which is not a time", time.get_ref());
                    let fix = "write HH:MM from 00:00 to 23:59, e.g. \"08:30\"";
                    self.bad(&time, format!("{message}; {fix}"));
                }
            }
        }
        times.sort();
        times.dedup();
        times
    }

    /// The person ids that `value` names, in plan order; unknown ones are errors.
    fn ids(&mut self, value: Spanned<Ids>, key: &str) -> Vec<String> {
        let at = value.span().start;
        let list = match value.into_inner() {
            Ids::List(list) if list.iter().all(|id| id.get_ref() != "all") => list,
            Ids::Word(w) if w != "all" => {
                let fix = format!("write \"all\" or a list of person ids like [\"{w}\"]");
                let message = format!("{key} = \"{w}\" is neither \"all\" nor a list; {fix}");
                self.err(at, message);
                return Vec::new();
            }
            _ => return self.people.clone(),
        };
        for id in &list {
            if !self.people.contains(id.get_ref()) {
                let message = format!(
                    "{key} names \"{}\", who is not a [[person]] id",
                    id.get_ref()
                );
                self.bad(id, message + "; add that [[person]] or fix the id");
            }
        }
        let named = |p: &&String| list.iter().any(|id| id.get_ref() == *p);
        self.people.iter().filter(named).cloned().collect()
    }

    /// A rule's `meeting` or `feed`: one of the `known` ids.
    fn known(&mut self, value: Opt<String>, key: &str, known: &[String]) -> String {
        let Some(value) = self.need(value, key, "\"…\"") else {
            return String::new();
        };
        if !known.contains(value.get_ref()) {
            let message = format!("{key} = \"{}\" is not a [[{key}]] id", value.get_ref());
            let fix = match known.is_empty() {
                true => format!("add a [[{key}]] first"),
                false => format!("use one of: {}", known.join(", ")),
            };
            self.bad(&value, format!("{message}; {fix}"));
        }
        value.into_inner()
    }

    fn plan(&mut self, path: &Path, raw: RawFile) -> Plan {
        let p = raw.plan.map_or_else(RawPlan::default, |p| {
            self.at = p.span().start;
            p.into_inner()
        });
        let to_at = p.to.as_ref().map_or(self.at, |to| to.span().start);
        let from = self.date(p.from, "from", "the first day of the window");
        let to = self.date(p.to, "to", "the last day of the window");
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                let fix =
                    "the window must end on or after its first day; swap them or fix the dates";
                let message = format!("to = \"{to}\" is before from = \"{from}\"; {fix}");
                self.err(to_at, message);
            }
        }
        let timezone = p.timezone.map_or(chrono_tz::Europe::Stockholm, |tz| {
            tz.get_ref().parse().unwrap_or_else(|_| {
                let message = format!("timezone = \"{}\" is not a time zone", tz.get_ref());
                self.bad(
                    &tz,
                    message + "; use an IANA name like \"Europe/Stockholm\"",
                );
                chrono_tz::Europe::Stockholm
            })
        });
        let holidays = match p.holidays {
            Some(h) if h.get_ref().eq_ignore_ascii_case("none") => Holidays::None,
            Some(h) if !h.get_ref().eq_ignore_ascii_case("se") => {
                let message = format!("holidays = \"{}\" is not known", h.get_ref());
                self.bad(&h, message + "; use \"SE\" or \"none\"");
                Holidays::Se
            }
            _ => Holidays::Se,
        };
        let organizer = p.organizer.map(|o| {
            (self.table, self.at) = ("organizer", o.span().start);
            let o = o.into_inner();
            let name = self.need(o.name, "name", "\"…\"").map(Spanned::into_inner);
            let email = self
                .need(o.email, "email", "\"…@…\"")
                .map(|e| self.email(e));
            Organizer {
                name: name.unwrap_or_default(),
                email: email.unwrap_or_default(),
            }
        });
        let people = self.each(raw.person, "[[person]]", Self::person);
        self.people = people.iter().map(|p| p.id.clone()).collect();
        let feeds = self.each(raw.feed, "[[feed]]", Self::feed);
        let meetings = self.each(raw.meeting, "[[meeting]]", Self::meeting);
        let meeting_ids: Vec<String> = meetings.iter().map(|m| m.id.clone()).collect();
        let feed_ids: Vec<String> = feeds.iter().map(|f| f.id.clone()).collect();
        let rules = self.each(raw.rule, "[[rule]]", |cx, r| {
            cx.rule(r, &meeting_ids, &feed_ids)
        });
        let stem = || {
            path.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into()
        };
        Plan {
            file: path.to_path_buf(),
            name: p.name.map_or_else(stem, Spanned::into_inner),
            timezone,
            from: from.unwrap_or_default(),
            to: to.unwrap_or_default(),
            holidays,
            organizer,
            people,
            feeds,
            meetings,
            rules,
        }
    }

    fn person(&mut self, p: RawPerson) -> Option<Person> {
        let id = self.id(p.id);
        let email = p.email.map(|e| self.email(e));
        let travel = p.travel.map(|t| self.duration(t, "travel", true));
        let id = id?;
        Some(Person {
            name: p.name.map_or(id.clone(), Spanned::into_inner),
            id,
            email,
            calendar: p.calendar.map(|c| self.resolve(c)),
            remote: p.remote.unwrap_or(false),
            travel: travel.unwrap_or_default(),
            line: self.line(self.at),
        })
    }

    fn feed(&mut self, f: RawFeed) -> Option<Feed> {
        let id = self.id(f.id);
        let source = self.need(f.source, "source", "\"FILE.ics\"");
        let blocks = f.blocks.map(|b| self.ids(b, "blocks"));
        Some(Feed {
            id: id?,
            source: self.resolve(source?),
            blocks: blocks.unwrap_or_default(),
            line: self.line(self.at),
        })
    }

    fn meeting(&mut self, m: RawMeeting) -> Option<Meeting> {
        let id = self.id(m.id);
        let duration = self.need(m.duration, "duration", "\"1h30m\"");
        let duration = duration.map(|d| self.duration(d, "duration", false));
        let errors = self.errors.len();
        let attendees_at = m.attendees.as_ref().map_or(self.at, |a| a.span().start);
        let attendees = match m.attendees {
            Some(a) => self.ids(a, "attendees"),
            None => self.people.clone(),
        };
        let (attendees_ok, n) = (self.errors.len() == errors, attendees.len());
        if attendees_ok && n == 0 {
            let fix = "list person ids, or add [[person]] tables for attendees = \"all\"";
            self.err(attendees_at, format!("the meeting has no attendees; {fix}"));
        }
        let required = m.required.map(|r| {
            let (at, ids) = (r.span().start, self.ids(r, "required"));
            for id in ids
                .iter()
                .filter(|id| attendees_ok && !attendees.contains(id))
            {
                let fix = "add them to attendees or remove them from required";
                let message = format!("required names \"{id}\", who is not an attendee; {fix}");
                self.err(at, message);
            }
            ids
        });
        let quorum = m.quorum.map(|q| {
            let quorum = *q.get_ref();
            if quorum < 1 {
                let fix = format!("set it between 1 and {n}, the number of attendees");
                self.bad(&q, format!("quorum = {quorum} is less than 1; {fix}"));
            } else if attendees_ok && quorum as usize > n {
                let fix = format!("lower it to at most {n}");
                let message =
                    format!("quorum = {quorum} is more than the meeting's {n} attendees; {fix}");
                self.bad(&q, message);
            }
            usize::try_from(quorum).unwrap_or(0)
        });
        let days = self.weekdays(m.days, "days");
        let prefer_days = self.weekdays(m.prefer_days, "prefer_days");
        let start = self.need(m.start, "start", "[\"09:00\", …] (the allowed start times)");
        let start = start.map(|s| self.times(s));
        let count = m.count.as_ref().map(|c| self.number(c.clone(), "count", 1));
        match (&m.count, &m.per) {
            (Some(_), Some(per)) => {
                let fix = "keep one: count = N (occurrences in the window) or per = \"month\"";
                self.bad(per, format!("count and per are both given; {fix}"));
            }
            (None, Some(per)) if per.get_ref() != "month" => {
                let message = format!("per = \"{}\" is not supported", per.get_ref());
                self.bad(per, message + "; write per = \"month\" or count = N");
            }
            (None, None) if m.series.is_none() => {
                let fix = "add count = N (occurrences in the window) or per = \"month\" (one in each month)";
                let message =
                    format!("[[meeting]] has neither count nor per, and no series; {fix}");
                self.err(self.at, message);
            }
            _ => {}
        }
        let min_gap_days = m.min_gap_days.map(|g| self.number(g, "min_gap_days", 0));
        let id = id?;
        Some(Meeting {
            title: m.title.map_or(id.clone(), Spanned::into_inner),
            id,
            location: m.location.map(Spanned::into_inner),
            duration: duration?,
            attendees,
            required: required.unwrap_or_default(),
            quorum: quorum.unwrap_or(n),
            days: days.unwrap_or(vec![Mon, Tue, Wed, Thu, Fri]),
            start: start?,
            count,
            per_month: m.per.is_some_and(|p| p.get_ref() == "month"),
            min_gap_days: min_gap_days.unwrap_or(0),
            prefer_days: prefer_days.unwrap_or_default(),
            series: m.series.map(|s| self.resolve(s)),
            line: self.line(self.at),
        })
    }

    fn rule(&mut self, r: RawRule, meetings: &[String], feeds: &[String]) -> Option<Rule> {
        let meeting = self.known(r.meeting, "meeting", meetings);
        let feed = self.known(r.feed, "feed", feeds);
        let (before, text) = match (r.before, r.after) {
            (Some(text), None) => (true, text.into_inner()),
            (None, Some(text)) => (false, text.into_inner()),
            (Some(_), Some(after)) => {
                let fix = "keep one: a rule puts the meeting either before or after the events";
                self.bad(&after, format!("before and after are both given; {fix}"));
                (true, String::new())
            }
            (None, None) => {
                let fix = "add before = \"TEXT\" or after = \"TEXT\" (found in the SUMMARY of the feed's events)";
                let message = format!("[[rule]] has neither before nor after; {fix}");
                self.err(self.at, message);
                (true, String::new())
            }
        };
        let days = self.need(r.days, "days", "N (at least this many days between)");
        let days = days.map_or(0, |d| self.number(d, "days", 0));
        let line = self.line(self.at);
        Some(Rule {
            meeting,
            text,
            before,
            feed,
            days,
            line,
        })
    }
}

/// "3h30m", "90m", "1h", "45m", "0m": whole hours, then minutes, at least one of them.
fn parse_duration(s: &str) -> Option<Duration> {
    let (hours, rest) = s.split_once('h').map_or((None, s), |(h, m)| (Some(h), m));
    let minutes = if rest.is_empty() {
        None
    } else {
        Some(rest.strip_suffix('m')?)
    };
    let number = |t: &str| -> Option<i64> {
        let digits = !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| t.parse().ok()).flatten()
    };
    if hours.is_none() && minutes.is_none() {
        return None;
    }
    let (h, m) = (
        hours.map_or(Some(0), number)?,
        minutes.map_or(Some(0), number)?,
    );
    Some(Duration::minutes(h * 60 + m))
}

/// "HH:MM", 00:00 to 23:59, two digits each.
fn parse_time(s: &str) -> Option<NaiveTime> {
    let b = s.as_bytes();
    let ok = b.len() == 5 && b[2] == b':' && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit());
    let (h, m) = (s.get(..2)?.parse().ok()?, s.get(3..)?.parse().ok()?);
    ok.then(|| NaiveTime::from_hms_opt(h, m, 0)).flatten()
}
