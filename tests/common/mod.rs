//! Building small worlds in memory for solver tests: people, busy times, one or more
//! meetings, feeds and rules, without files.
#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use krock::events::{EventInfo, Occurrence};
use krock::plan::{Feed, Holidays, Meeting, Person, Plan, Rule};
use krock::world::World;
use std::collections::BTreeMap;
use std::sync::Arc;

pub const TZ: chrono_tz::Tz = chrono_tz::Europe::Stockholm;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

pub fn at(day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    TZ.from_local_datetime(&day.and_time(t(h, m)))
        .unwrap()
        .with_timezone(&Utc)
}

pub fn occ(summary: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> Occurrence {
    Occurrence {
        uid: Some(format!("{summary}-{}", start.timestamp()).into()),
        summary: Some(summary.into()),
        start,
        end,
        all_day: None,
        status: None,
        transp: "OPAQUE".into(),
        source: Arc::from("test.ics"),
        recurrence_id: None,
        info: Arc::new(EventInfo::default()),
    }
}

pub fn person(id: &str) -> Person {
    Person {
        id: id.to_string(),
        name: format!("Role {id}"),
        email: Some(format!("{id}@example.se")),
        calendar: None,
        freebusy: None,
        remote: false,
        travel: Duration::zero(),
        line: 0,
    }
}

pub fn meeting(id: &str, attendees: &[&str]) -> Meeting {
    Meeting {
        id: id.to_string(),
        title: id.to_uppercase(),
        location: None,
        duration: Duration::hours(2),
        attendees: attendees.iter().map(|s| s.to_string()).collect(),
        required: vec![],
        optional: vec![],
        chair: None,
        quorum: attendees.len(),
        days: vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ],
        start: vec![t(9, 0)],
        count: Some(1),
        per_month: false,
        min_gap_days: 0,
        prefer_days: vec![],
        prefer_start: true,
        series: None,
        line: 0,
    }
}

pub fn rule(meeting: &str, text: &str, feed: &str, days: u32, before: bool) -> Rule {
    Rule {
        meeting: meeting.to_string(),
        text: text.to_string(),
        before,
        feed: feed.to_string(),
        days,
        line: 0,
    }
}

/// A world over `[from, to]` with people, meetings, busy calendars and feeds.
pub struct Builder {
    pub plan: Plan,
    pub calendars: BTreeMap<String, Vec<Occurrence>>,
    pub feeds: BTreeMap<String, Vec<Occurrence>>,
    pub series: BTreeMap<String, Vec<Occurrence>>,
}

impl Builder {
    pub fn new(
        from: NaiveDate,
        to: NaiveDate,
        people: Vec<Person>,
        meetings: Vec<Meeting>,
    ) -> Builder {
        Builder {
            plan: Plan {
                file: "test.toml".into(),
                name: "test".to_string(),
                timezone: TZ,
                from,
                to,
                holidays: Holidays::Se,
                today: None,
                show_titles: false,
                language: None,
                organizer: None,
                password_env: None,
                people,
                feeds: vec![],
                meetings,
                rules: vec![],
            },
            calendars: BTreeMap::new(),
            feeds: BTreeMap::new(),
            series: BTreeMap::new(),
        }
    }

    /// `who` is busy on `day` from `h1` to `h2` (hours).
    pub fn busy(mut self, who: &str, day: NaiveDate, h1: u32, h2: u32, what: &str) -> Builder {
        self.calendars.entry(who.to_string()).or_default().push(occ(
            what,
            at(day, h1, 0),
            at(day, h2, 0),
        ));
        self
    }

    pub fn feed(mut self, id: &str, events: Vec<Occurrence>) -> Builder {
        self.plan.feeds.push(Feed {
            id: id.to_string(),
            source: format!("{id}.ics"),
            blocks: vec![],
            line: 0,
        });
        self.feeds.insert(id.to_string(), events);
        self
    }

    pub fn rule(mut self, r: Rule) -> Builder {
        self.plan.rules.push(r);
        self
    }

    pub fn series(mut self, meeting: &str, events: Vec<Occurrence>) -> Builder {
        let m = self
            .plan
            .meetings
            .iter_mut()
            .find(|m| m.id == meeting)
            .unwrap();
        m.series = Some(format!("{meeting}.ics"));
        self.series.insert(meeting.to_string(), events);
        self
    }

    pub fn world(self) -> World {
        World {
            notes: vec![],
            not_before: None,
            lang: Default::default(),
            holidays: match self.plan.holidays {
                Holidays::Se => {
                    krock::holidays::swedish_holidays_between(self.plan.from, self.plan.to)
                }
                Holidays::None => vec![],
            },
            zone: krock::ical::zone::Zone::Iana(TZ),
            plan: self.plan,
            calendars: self.calendars,
            feeds: self.feeds,
            series: self.series,
        }
    }
}

/// Proposes with the default backend; (dates and start times of plan 1) or None.
pub fn propose(world: &World) -> krock::solve::Proposal {
    let busy = krock::busy::BusyMap::build(world);
    let opts = krock::solve::Options {
        backend: krock::solve::Backend::Microlp,
        plans: 1,
        replan: false,
        relax: true,
        time_limit: None,
    };
    krock::solve::propose(world, &busy, opts).unwrap()
}

pub fn chosen(p: &krock::solve::Proposal) -> Vec<String> {
    p.plans
        .first()
        .map(|f| {
            f.occurrences
                .iter()
                .map(|o| {
                    o.start
                        .with_timezone(&TZ)
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Copies a directory tree (e.g. `calendars/`) so a test can change files in the copy.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Runs the krock binary in the crate's folder (no colour) and gives its exit status,
/// standard output and standard error.
pub fn krock(args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("krock")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        // The language comes from --lang or the plan, never from whoever runs the tests.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}
