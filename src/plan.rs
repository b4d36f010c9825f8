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

use crate::i18n::Lang;
use chrono::Weekday::{Fri, Mon, Thu, Tue, Wed};
use chrono::{Duration, NaiveDate, NaiveTime, Weekday};
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
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
    /// `[plan] today`: the day the plan was made, taken as today instead of the clock
    /// (`--today` overrides it). None: the clock.
    pub today: Option<NaiveDate>,
    /// `[plan] show_titles`: the HTML page may show the titles of busy events.
    pub show_titles: bool,
    /// `[plan] language`: the language of reports and invites (`--lang` overrides it;
    /// None: the environment's, else English).
    pub language: Option<Lang>,
    pub organizer: Option<Organizer>,
    /// CalDAV sources: the environment variable that holds the password (never the
    /// password itself).
    pub password_env: Option<String>,
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
    pub freebusy: Option<String>, // a SOURCE of free/busy (VFREEBUSY, CalDAV free-busy-query)
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
    pub attendees: Vec<String>, // person ids, plan order; default every person not optional
    pub required: Vec<String>,  // person ids, plan order, all of them attendees
    pub optional: Vec<String>,  // person ids invited as optional: not attendees, not counted
    pub chair: Option<String>,  // an attendee's id: ROLE=CHAIR in invites
    pub quorum: usize,          // default: every attendee
    pub days: Vec<Weekday>,     // Monday first, no repeats; default Monday to Friday
    pub start: Vec<NaiveTime>,  // plan order (the preference), no repeats, never empty
    pub count: Option<u32>,
    pub per_month: bool,
    pub min_gap_days: u32,
    pub prefer_days: Vec<Weekday>,
    /// Whether the order of `start` is a preference (earlier first); false: every start
    /// time is as good (`prefer_start = false`).
    pub prefer_start: bool,
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

/// All problems found, each at its line ([`crate::diag::PlanProblem`]); the Display is one
/// "FILE:LINE: message; what to do" a line.
pub use crate::diag::PlanError;
use crate::diag::{Location, PlanProblem, PlanProblemKind};

impl PlanError {
    /// The problems' texts, one each (as the Display's lines).
    pub fn messages(&self) -> Vec<String> {
        self.problems.iter().map(|p| p.to_string()).collect()
    }
}

/// The largest plan file krock reads. A plan of a thousand people is well under 1 MB; the
/// limit keeps `--plan /dev/zero` or a mistaken path to a huge file from taking all memory.
pub const MAX_PLAN_BYTES: u64 = 16 << 20;

/// Reads and checks the plan file at `path`.
pub fn load(path: &Path) -> Result<Plan, PlanError> {
    use crate::source::read::{read_regular, Refusal};
    let refused = |kind: PlanProblemKind| PlanError {
        problems: vec![PlanProblem {
            at: Location::file(path.display().to_string()),
            kind,
        }],
    };
    let bytes = read_regular(path, MAX_PLAN_BYTES).map_err(|r| {
        refused(match r {
            Refusal::Io(reason) => PlanProblemKind::Unreadable { reason },
            Refusal::NotRegular(kind) => PlanProblemKind::NotAFile {
                kind: kind.to_string(),
            },
            Refusal::TooBig => PlanProblemKind::TooBig {
                max_mb: MAX_PLAN_BYTES >> 20,
            },
        })
    })?;
    let text = String::from_utf8(bytes).map_err(|_| refused(PlanProblemKind::NotUtf8))?;
    parse(path, &text)
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
    let file = path.display().to_string();
    let problems = cx.errors.into_iter().map(|(line, message)| PlanProblem {
        at: Location::line(file.clone(), line),
        kind: PlanProblemKind::Invalid { message },
    });
    Err(PlanError {
        problems: problems.collect(),
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
    password_env: Opt<String>,
    today: Opt<toml::Value>,
    show_titles: Option<bool>,
    language: Opt<String>,
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
    freebusy: Opt<String>,
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
    optional: Opt<Ids>,
    chair: Opt<String>,
    quorum: Opt<i64>,
    days: Opt<Strings>,
    start: Opt<Strings>,
    count: Opt<i64>,
    per: Opt<String>,
    min_gap_days: Opt<i64>,
    prefer_days: Opt<Strings>,
    prefer_start: Option<bool>,
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
    seen: Vec<(String, usize)>,   // the ids of this kind of table so far, and their lines
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
    fn toml_error(&self, path: &Path, e: &toml::de::Error) -> PlanError {
        let at = e.span().map_or(0, |s| s.start);
        let msg = e.message().trim().replace('\n', ", ");
        let message = if let Some(rest) = msg.strip_prefix("unknown field ") {
            let (key, allowed) = rest.split_once(", expected ").unwrap_or((rest, "none"));
            let allowed = allowed.trim_start_matches("one of ").replace('`', "");
            return self.toml_problem(
                path,
                at,
                PlanProblemKind::UnknownKey {
                    key: key.to_string(),
                    allowed,
                },
            );
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
        } else if self.text.contains('\r') && !self.text.contains('\n') {
            let fix = "save it with LF or CRLF line endings";
            format!("TOML syntax error: the lines end in CR only (old Mac line endings); {fix}")
        } else if msg.is_empty() {
            "TOML syntax error: unexpected character; fix the syntax on this line".to_string()
        } else {
            format!("TOML syntax error: {msg}; fix the syntax on this line")
        };
        self.toml_problem(path, at, PlanProblemKind::Toml { message })
    }

    /// The plan's one problem that stopped serde, at the line of byte `at`.
    fn toml_problem(&self, path: &Path, at: usize, kind: PlanProblemKind) -> PlanError {
        PlanError {
            problems: vec![PlanProblem {
                at: Location::line(path.display().to_string(), self.line(at)),
                kind,
            }],
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
    ) -> (Vec<T>, Vec<String>) {
        let mut out = Vec::new();
        for raw in raws {
            (self.table, self.at) = (table, raw.span().start);
            out.extend(read(self, raw.into_inner()));
        }
        (out, self.seen.drain(..).map(|(id, _)| id).collect())
    }

    /// The table's id, unless it is missing, unusable or already taken.
    fn id(&mut self, id: Opt<String>) -> Option<String> {
        let id = self.need(id, "id", "\"…\"")?;
        let (at, id) = (id.span().start, id.into_inner());
        let kind = self.table.trim_matches(['[', ']']);
        let first = self.seen.iter().find(|(seen, _)| *seen == id).map(|s| s.1);
        let message = if id.is_empty() || id == "all" {
            format!("id = \"{id}\" cannot be used; choose a non-empty id other than \"all\"")
        } else if let Some(first) = first {
            let fix = format!("give each {kind} its own id");
            format!("{kind} id \"{id}\" is already used on line {first}; {fix}")
        } else {
            self.seen.push((id.clone(), self.line(at)));
            return Some(id);
        };
        self.err(at, message);
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
    fn resolve(&mut self, source: Spanned<String>) -> String {
        if crate::source::caldav::is_caldav(source.get_ref()) {
            if let Err(e) = crate::source::caldav::Address::parse(source.get_ref()) {
                // The message names the source redacted, never the password.
                self.bad(&source, e.to_string());
            }
        }
        let s = source.into_inner();
        let lower = s.to_ascii_lowercase();
        let url = [
            "http://",
            "https://",
            "webcal://",
            "caldav+http://",
            "caldav+https://",
        ]
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
            toml::Value::String(s) if is_date(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
            toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                let d = dt.date?;
                NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
            }
            _ => None,
        };
        if date.is_none() {
            let written = &self.text[value.span()];
            let fix = "write it as \"YYYY-MM-DD\", e.g. \"2026-04-01\"";
            self.bad(&value, format!("{key} = {written} is not a date; {fix}"));
        }
        date
    }

    fn duration(&mut self, value: Spanned<String>, key: &str, zero_ok: bool) -> Duration {
        let s = value.get_ref();
        let problem = match parse_duration(s) {
            None => format!("{key} = \"{s}\" is not a duration; {DURATIONS}"),
            Some(d) if d.is_zero() && !zero_ok => {
                format!("{key} = \"{s}\" is zero; give it a length like \"1h\" or \"45m\"")
            }
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
        // The order is the plan's preference (earlier first): repeats go, order stays.
        let mut seen = std::collections::BTreeSet::new();
        times.retain(|t| seen.insert(*t));
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
                let (name, fix) = (id.get_ref(), "add that [[person]] or fix the id");
                let message = format!("{key} names \"{name}\", who is not a [[person]] id; {fix}");
                self.bad(id, message);
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
                let fix = "; use an IANA name like \"Europe/Stockholm\"";
                self.bad(&tz, message + fix);
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
        let language = p.language.and_then(|l| {
            let lang = Lang::parse(l.get_ref());
            if lang.is_none() {
                let message = format!(
                    "language = \"{}\" is not a language krock speaks; use \"sv\" (svenska) or \"en\" (English)",
                    l.get_ref()
                );
                self.bad(&l, message);
            }
            lang
        });
        let today = p
            .today
            .is_some()
            .then(|| self.date(p.today, "today", ""))
            .flatten();
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
        let password_env = p.password_env.map(|v| {
            let name = v.get_ref();
            let ok = !name.is_empty()
                && !name.starts_with(|c: char| c.is_ascii_digit())
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if !ok {
                let fix = "write the name of an environment variable, like \"KROCK_CALDAV_PASSWORD\", and set that variable to the password (never the password itself in the plan)";
                self.bad(&v, format!("password_env is not the name of an environment variable; {fix}"));
            }
            v.into_inner()
        });
        let (people, person_ids) = self.each(raw.person, "[[person]]", Self::person);
        self.people = person_ids;
        let (feeds, feed_ids) = self.each(raw.feed, "[[feed]]", Self::feed);
        let (meetings, meeting_ids) = self.each(raw.meeting, "[[meeting]]", Self::meeting);
        let rule = |cx: &mut Self, r| cx.rule(r, &meeting_ids, &feed_ids);
        let (rules, _) = self.each(raw.rule, "[[rule]]", rule);
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
            today,
            show_titles: p.show_titles.unwrap_or(false),
            language,
            organizer,
            password_env,
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
            freebusy: p.freebusy.map(|c| self.resolve(c)),
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
        let optional = m
            .optional
            .map(|o| self.ids(o, "optional"))
            .unwrap_or_default();
        let listed = m.attendees.as_ref().is_some_and(
            |a| matches!(a.get_ref(), Ids::List(l) if l.iter().all(|id| id.get_ref() != "all")),
        );
        let mut attendees = match m.attendees {
            Some(a) => self.ids(a, "attendees"),
            None => self.people.clone(),
        };
        if listed {
            for id in attendees.iter().filter(|id| optional.contains(id)) {
                let fix = "an optional person is invited but not counted; keep them in one list";
                let message = format!("\"{id}\" is both in attendees and in optional; {fix}");
                self.errors.push((self.line(attendees_at), message));
            }
        }
        attendees.retain(|id| !optional.contains(id));
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
        let chair = m.chair.map(|c| {
            if attendees_ok && !attendees.contains(c.get_ref()) {
                let fix = "the chair must be one of the meeting's attendees";
                let message = format!("chair = \"{}\" is not an attendee; {fix}", c.get_ref());
                self.bad(&c, message);
            }
            c.into_inner()
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
            optional,
            chair,
            quorum: quorum.unwrap_or(n),
            days: days.unwrap_or(vec![Mon, Tue, Wed, Thu, Fri]),
            start: start?,
            count,
            per_month: m.per.is_some_and(|p| p.get_ref() == "month"),
            min_gap_days: min_gap_days.unwrap_or(0),
            prefer_days: prefer_days.unwrap_or_default(),
            prefer_start: m.prefer_start.unwrap_or(true),
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

/// "YYYY-MM-DD", four digits, two and two.
fn is_date(s: &str) -> bool {
    let dash = |i| i == 4 || i == 7;
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if dash(i) {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// "HH:MM", 00:00 to 23:59, two digits each.
fn parse_time(s: &str) -> Option<NaiveTime> {
    let b = s.as_bytes();
    let ok = b.len() == 5 && b[2] == b':' && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit());
    let (h, m) = (s.get(..2)?.parse().ok()?, s.get(3..)?.parse().ok()?);
    ok.then(|| NaiveTime::from_hms_opt(h, m, 0)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Lines 1–10; a table added after it starts on line 11.
    const HEAD: &str =
        "[plan]\nfrom = \"2026-04-01\"\nto = \"2026-05-31\"\n[[person]]\nid = \"a\"\n\
        [[person]]\nid = \"b\"\n[[feed]]\nid = \"f\"\nsource = \"f.ics\"\n";
    const MEETING: &str = "id = \"m\"\nduration = \"1h\"\nstart = [\"09:00\"]\ncount = 1";
    const RULE: &str = "meeting = \"m\"\nfeed = \"f\"\nbefore = \"X\"\ndays = 7";

    /// `header`, then `keys` (from the next line on), then the `defaults` lines not in `keys`.
    fn table(header: &str, keys: &str, defaults: &str) -> String {
        let key = |l: &str| l.split('=').next().unwrap_or("").trim().to_string();
        let given: Vec<String> = keys.lines().map(key).collect();
        let rest: Vec<&str> = defaults
            .lines()
            .filter(|d| !given.contains(&key(d)))
            .collect();
        format!("{header}\n{keys}\n{}\n", rest.join("\n"))
    }

    /// HEAD and a meeting whose `keys` start on line 12.
    fn meeting(keys: &str) -> String {
        format!("{HEAD}{}", table("[[meeting]]", keys, MEETING))
    }

    /// HEAD, a meeting, and a rule whose `keys` start on line 18.
    fn rule(keys: &str) -> String {
        format!("{}{}", meeting(""), table("[[rule]]", keys, RULE))
    }

    fn errors(text: &str) -> Vec<String> {
        parse(Path::new("plan.toml"), text)
            .err()
            .map_or(Vec::new(), |e| e.messages())
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_example_plan_reads() {
        let file = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/calendars/familjen-helsingborg.toml"
        );
        let plan = load(Path::new(file)).unwrap();
        let dir = Path::new(file).parent().unwrap();
        let at = |p: &str| Some(dir.join(p).display().to_string());
        assert_eq!(plan.name, "Kommundirektörsmöte, våren 2026");
        assert_eq!(plan.to, date(2026, 5, 31));
        assert_eq!(plan.organizer.unwrap().name, "Sekretariatet");
        assert_eq!(plan.people.len(), 12);
        let perstorp = &plan.people[0];
        assert!(perstorp.remote);
        assert_eq!(perstorp.travel, Duration::minutes(45));
        assert_eq!(perstorp.calendar, at("people/perstorp.ics"));
        assert_eq!(perstorp.line, 24);
        assert_eq!(plan.language, Some(Lang::Sv));
        assert_eq!(plan.feeds[3].blocks, ["helsingborg", "sekretariat"]); // plan order
        let kd = &plan.meetings[0];
        assert_eq!(kd.duration, Duration::minutes(210));
        assert_eq!((kd.attendees.len(), kd.quorum), (12, 9));
        assert_eq!((kd.count, kd.per_month, kd.min_gap_days), (None, false, 14));
        assert_eq!(kd.start[0], NaiveTime::from_hms_opt(8, 30, 0).unwrap());
        assert_eq!(kd.prefer_days, [Fri]);
        assert_eq!(kd.series, at("kommundirektorsmote.ics"));
        let rule = &plan.rules[0];
        assert_eq!(
            (rule.text.as_str(), rule.before, rule.days),
            ("Styrelsemöte", true, 7)
        );
    }

    #[test]
    fn defaults_and_paths() {
        let text = "[plan]\nfrom = 2026-04-01\nto = \"2026-04-30\"\n\
            [[person]]\nid = \"a\"\nemail = \"A@X.SE\"\ncalendar = \"/abs/a.ics\"\n\
            [[person]]\nid = \"b\"\ncalendar = \"https://x.se/b.ics\"\n\
            [[feed]]\nid = \"f\"\nsource = \"-\"\nblocks = \"all\"\n\
            [[feed]]\nid = \"g\"\nsource = \"webcal://x.se/g\"\n\
            [[meeting]]\nid = \"m\"\nduration = \"90m\"\nstart = [\"13:00\", \"09:00\"]\n\
            per = \"month\"\nseries = \"../s.ics\"\n";
        let plan = parse(Path::new("plans/p.toml"), text).unwrap();
        assert_eq!(plan.name, "p");
        assert_eq!(plan.timezone, chrono_tz::Europe::Stockholm);
        assert_eq!(plan.holidays, Holidays::Se);
        assert_eq!(plan.from, date(2026, 4, 1));
        let (a, b) = (&plan.people[0], &plan.people[1]);
        assert_eq!((a.name.as_str(), a.email.as_deref()), ("a", Some("a@x.se")));
        assert_eq!(a.calendar.as_deref(), Some("/abs/a.ics"));
        assert_eq!(b.calendar.as_deref(), Some("https://x.se/b.ics"));
        assert_eq!(
            (b.remote, b.travel, b.email.is_none()),
            (false, Duration::zero(), true)
        );
        assert_eq!(
            (plan.feeds[0].source.as_str(), plan.feeds[0].blocks.len()),
            ("-", 2)
        );
        assert_eq!(plan.feeds[1].source, "webcal://x.se/g");
        assert!(plan.feeds[1].blocks.is_empty());
        let m = &plan.meetings[0];
        assert_eq!((m.title.as_str(), m.attendees.len(), m.quorum), ("m", 2, 2));
        assert!(m.required.is_empty() && m.prefer_days.is_empty() && m.location.is_none());
        assert_eq!(m.days, [Mon, Tue, Wed, Thu, Fri]);
        // The plan's order is the preference: kept, not sorted.
        let hm = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        assert_eq!(m.start, [hm(13), hm(9)]);
        assert!(m.prefer_start);
        assert_eq!((m.count, m.per_month, m.min_gap_days), (None, true, 0));
        let series = Path::new("plans").join("../s.ics").display().to_string();
        assert_eq!(m.series, Some(series));
    }

    #[test]
    fn optional_people_are_not_attendees_and_all_leaves_them_out() {
        let plan = parse(
            Path::new("plan.toml"),
            &meeting("attendees = \"all\"\noptional = [\"b\"]\nchair = \"a\""),
        )
        .unwrap();
        let m = &plan.meetings[0];
        assert_eq!(
            (m.attendees.clone(), m.optional.clone()),
            (vec!["a".to_string()], vec!["b".to_string()])
        );
        assert_eq!((m.quorum, m.chair.as_deref()), (1, Some("a")));
        let plan = parse(Path::new("plan.toml"), &meeting("optional = [\"a\"]")).unwrap();
        assert_eq!(plan.meetings[0].attendees, ["b"]);
        let plan = parse(
            Path::new("plan.toml"),
            &HEAD.replace(
                "[plan]\n",
                "[plan]\ntoday = 2026-02-27\nshow_titles = true\n",
            ),
        )
        .unwrap();
        assert_eq!(
            (plan.today, plan.show_titles),
            (Some(date(2026, 2, 27)), true)
        );
    }

    #[test]
    fn fixtures_give_the_messages_in_their_readme() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = Path::new("tests/fixtures/plans");
        let readme = std::fs::read_to_string(root.join(dir).join("README.md")).unwrap();
        let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for line in readme
            .lines()
            .filter_map(|l| l.strip_prefix("    tests/fixtures/plans/"))
        {
            let name = line.split(':').next().unwrap().to_string();
            expected
                .entry(name)
                .or_default()
                .push(format!("{}/{line}", dir.display()));
        }
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".toml") {
                let text = std::fs::read_to_string(root.join(dir).join(&name)).unwrap();
                let messages = parse(&dir.join(&name), &text).err().map(|e| e.messages());
                assert_eq!(messages, expected.remove(&name), "{name}");
            }
        }
        assert!(expected.is_empty(), "no such fixtures: {expected:?}");
    }

    /// One test a rule: `name: plan text => the messages;`.
    macro_rules! rejects {
        ($($name:ident: $text:expr => $($message:literal),+;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(errors(&$text), [$($message),+]);
            }
        )*};
    }

    rejects! {
        toml_syntax: "[plan\n"
            => "plan.toml:1: TOML syntax error: invalid table header, expected `.`, `]`; fix the syntax on this line";
        unknown_key: meeting("colour = \"red\"")
            => "plan.toml:12: unknown key `colour`; the keys allowed here are id, title, location, duration, attendees, required, optional, chair, quorum, days, start, count, per, min_gap_days, prefer_days, prefer_start, series; remove or rename it";
        unknown_table: format!("{HEAD}[[meetings]]\n")
            => "plan.toml:11: unknown key `meetings`; the keys allowed here are plan, person, feed, meeting, rule; remove or rename it";
        wrong_type: meeting("quorum = \"9\"")
            => "plan.toml:12: quorum: invalid type: string \"9\", expected a whole number; write it as a whole number";
        wrong_type_of_table: "person = 3\n"
            => "plan.toml:1: person: invalid type: integer `3`, expected a list; write it as a list";
        no_window: ""
            => "plan.toml:1: [plan] has no from; add from = \"YYYY-MM-DD\" (the first day of the window)",
               "plan.toml:1: [plan] has no to; add to = \"YYYY-MM-DD\" (the last day of the window)";
        bad_date: HEAD.replace("2026-05-31", "2026-5-31")
            => "plan.toml:3: to = \"2026-5-31\" is not a date; write it as \"YYYY-MM-DD\", e.g. \"2026-04-01\"";
        window_backwards: HEAD.replace("2026-05-31", "2026-03-31")
            => "plan.toml:3: to = \"2026-03-31\" is before from = \"2026-04-01\"; the window must end on or after its first day; swap them or fix the dates";
        bad_timezone: HEAD.replace("[plan]\n", "[plan]\ntimezone = \"Europe/Stockhom\"\n")
            => "plan.toml:2: timezone = \"Europe/Stockhom\" is not a time zone; use an IANA name like \"Europe/Stockholm\"";
        bad_holidays: HEAD.replace("[plan]\n", "[plan]\nholidays = \"DK\"\n")
            => "plan.toml:2: holidays = \"DK\" is not known; use \"SE\" or \"none\"";
        organizer_without_email: HEAD.replace("[plan]\n", "[plan]\norganizer = { name = \"S\" }\n")
            => "plan.toml:2: organizer has no email; add email = \"…@…\"";
        bad_email: format!("{HEAD}[[person]]\nid = \"c\"\nemail = \"c.example.se\"\n")
            => "plan.toml:13: email = \"c.example.se\" has no '@'; write a full e-mail address";
        duplicate_person: format!("{HEAD}[[person]]\nid = \"a\"\n")
            => "plan.toml:12: person id \"a\" is already used on line 5; give each person its own id";
        duplicate_meeting: format!("{}{}", meeting(""), table("[[meeting]]", "", MEETING))
            => "plan.toml:19: meeting id \"m\" is already used on line 13; give each meeting its own id";
        reserved_id: format!("{HEAD}[[person]]\nid = \"all\"\n")
            => "plan.toml:12: id = \"all\" cannot be used; choose a non-empty id other than \"all\"";
        missing_id: format!("{HEAD}[[person]]\nname = \"C\"\n")
            => "plan.toml:11: [[person]] has no id; add id = \"…\"";
        feed_without_source: format!("{HEAD}[[feed]]\nid = \"g\"\n")
            => "plan.toml:11: [[feed]] has no source; add source = \"FILE.ics\"";
        blocks_unknown_person: format!("{HEAD}[[feed]]\nid = \"g\"\nsource = \"g.ics\"\nblocks = [\"a\", \"x\"]\n")
            => "plan.toml:14: blocks names \"x\", who is not a [[person]] id; add that [[person]] or fix the id";
        attendees_unknown_person: meeting("attendees = [\"a\",\n  \"c\"]")
            => "plan.toml:13: attendees names \"c\", who is not a [[person]] id; add that [[person]] or fix the id";
        attendees_neither_all_nor_list: meeting("attendees = \"everyone\"")
            => "plan.toml:12: attendees = \"everyone\" is neither \"all\" nor a list; write \"all\" or a list of person ids like [\"everyone\"]";
        no_attendees: meeting("attendees = []")
            => "plan.toml:12: the meeting has no attendees; list person ids, or add [[person]] tables for attendees = \"all\"";
        required_not_attendee: meeting("attendees = [\"a\"]\nrequired = [\"b\"]")
            => "plan.toml:13: required names \"b\", who is not an attendee; add them to attendees or remove them from required";
        quorum_too_big: meeting("quorum = 3")
            => "plan.toml:12: quorum = 3 is more than the meeting's 2 attendees; lower it to at most 2";
        quorum_zero: meeting("quorum = 0")
            => "plan.toml:12: quorum = 0 is less than 1; set it between 1 and 2, the number of attendees";
        bad_duration: meeting("duration = \"1h30\"")
            => "plan.toml:12: duration = \"1h30\" is not a duration; write hours and minutes like \"3h30m\", \"90m\", \"1h\" or \"45m\"";
        zero_duration: meeting("duration = \"0h\"")
            => "plan.toml:12: duration = \"0h\" is zero; give it a length like \"1h\" or \"45m\"";
        long_duration: meeting("duration = \"25h\"")
            => "plan.toml:12: duration = \"25h\" is longer than 24 hours; shorten it to at most \"24h\"";
        missing_duration: meeting("").replace("duration = \"1h\"\n", "")
            => "plan.toml:11: [[meeting]] has no duration; add duration = \"1h30m\"";
        bad_travel: HEAD.replace("id = \"b\"\n", "id = \"b\"\ntravel = \"45\"\n")
            => "plan.toml:8: travel = \"45\" is not a duration; write hours and minutes like \"3h30m\", \"90m\", \"1h\" or \"45m\"";
        bad_time: meeting("start = [\"8:30\", \"24:00\"]")
            => "plan.toml:12: start has \"8:30\", which is not a time; write HH:MM from 00:00 to 23:59, e.g. \"08:30\"",
               "plan.toml:12: start has \"24:00\", which is not a time; write HH:MM from 00:00 to 23:59, e.g. \"08:30\"";
        no_start_times: meeting("start = []")
            => "plan.toml:12: start = [] is empty; list the allowed start times, e.g. [\"09:00\", \"13:00\"]";
        missing_start: meeting("").replace("start = [\"09:00\"]\n", "")
            => "plan.toml:11: [[meeting]] has no start; add start = [\"09:00\", …] (the allowed start times)";
        bad_weekday: meeting("days = [\"mon\", \"mån\"]\nprefer_days = [\"Friday\", \"fre\"]")
            => "plan.toml:12: days has \"mån\", which is not a weekday; use mon, tue, wed, thu, fri, sat or sun",
               "plan.toml:13: prefer_days has \"fre\", which is not a weekday; use mon, tue, wed, thu, fri, sat or sun";
        no_days: meeting("days = []")
            => "plan.toml:12: days = [] is empty; list weekdays (use mon, tue, wed, thu, fri, sat or sun)";
        count_and_per: meeting("count = 2\nper = \"month\"")
            => "plan.toml:13: count and per are both given; keep one: count = N (occurrences in the window) or per = \"month\"";
        neither_count_nor_per: meeting("").replace("count = 1\n", "")
            => "plan.toml:11: [[meeting]] has neither count nor per, and no series; add count = N (occurrences in the window) or per = \"month\" (one in each month)";
        bad_per: meeting("per = \"week\"").replace("count = 1\n", "")
            => "plan.toml:12: per = \"week\" is not supported; write per = \"month\" or count = N";
        zero_count: meeting("count = 0")
            => "plan.toml:12: count = 0 is less than 1; set it to at least 1";
        negative_gap: meeting("min_gap_days = -1")
            => "plan.toml:12: min_gap_days = -1 is less than 0; set it to at least 0";
        rule_unknown_meeting: rule("meeting = \"x\"")
            => "plan.toml:18: meeting = \"x\" is not a [[meeting]] id; use one of: m";
        rule_unknown_feed: rule("feed = \"styrelsen\"")
            => "plan.toml:18: feed = \"styrelsen\" is not a [[feed]] id; use one of: f";
        rule_before_and_after: rule("before = \"X\"\nafter = \"Y\"")
            => "plan.toml:19: before and after are both given; keep one: a rule puts the meeting either before or after the events";
        rule_neither_before_nor_after: rule("").replace("before = \"X\"\n", "")
            => "plan.toml:17: [[rule]] has neither before nor after; add before = \"TEXT\" or after = \"TEXT\" (found in the SUMMARY of the feed's events)";
        rule_without_days: rule("").replace("days = 7\n", "")
            => "plan.toml:17: [[rule]] has no days; add days = N (at least this many days between)";
        optional_and_attendee: meeting("attendees = [\"a\", \"b\"]\noptional = [\"b\"]")
            => "plan.toml:12: \"b\" is both in attendees and in optional; an optional person is invited but not counted; keep them in one list";
        optional_unknown_person: meeting("optional = [\"c\"]")
            => "plan.toml:12: optional names \"c\", who is not a [[person]] id; add that [[person]] or fix the id";
        chair_not_attendee: meeting("attendees = [\"a\"]\nchair = \"b\"")
            => "plan.toml:13: chair = \"b\" is not an attendee; the chair must be one of the meeting's attendees";
        bad_language: HEAD.replace("[plan]\n", "[plan]\nlanguage = \"fi\"\n")
            => "plan.toml:2: language = \"fi\" is not a language krock speaks; use \"sv\" (svenska) or \"en\" (English)";
        bad_today: HEAD.replace("[plan]\n", "[plan]\ntoday = \"27 Feb\"\n")
            => "plan.toml:2: today = \"27 Feb\" is not a date; write it as \"YYYY-MM-DD\", e.g. \"2026-04-01\"";
        all_problems_at_once: meeting("quorum = 0\nduration = \"1h30\"\ndays = [\"mån\"]")
            => "plan.toml:12: quorum = 0 is less than 1; set it between 1 and 2, the number of attendees",
               "plan.toml:13: duration = \"1h30\" is not a duration; write hours and minutes like \"3h30m\", \"90m\", \"1h\" or \"45m\"",
               "plan.toml:14: days has \"mån\", which is not a weekday; use mon, tue, wed, thu, fri, sat or sun";
    }
}
