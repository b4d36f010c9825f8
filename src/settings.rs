/*!
Settings: every flag parsed and checked into the values the library takes, before any
file is read (ripgrep's low-args → high-args).

`cli.rs` holds the flags as typed by the user (clap); this module turns them into a time
zone, a window, [`Limits`], [`FetchOptions`], solver [`Options`], a pick — or into an
error naming the flag (exit status 2) while nothing has been read yet. `main.rs` then only
dispatches. Checks that need the plan's contents (a `--from`/`--to` outside it, a window
before today) stay where the plan is read.
*/

use crate::cli::{PlanRunArgs, ReadArgs};
use chrono::{Datelike, Months, NaiveDate};
use krock::diag::{Error, FlagProblem, Result};
use krock::events::{Limits, ReadOptions, Window};
use krock::ical::zone::Zone;
use krock::solve::{Backend, Options};
use krock::source::FetchOptions;
use std::io::IsTerminal;

/// The zone of `--tz` when it is not given.
pub const DEFAULT_TZ: &str = "Europe/Stockholm";

/// What every reading command shares: `--tz`, the limits, how URLs are fetched, `--strict`.
pub struct Read {
    /// `--tz` as given (`None`: not given).
    pub tz: Option<String>,
    /// `--tz`'s zone name, or the default's, and the zone.
    pub zone: (String, Zone),
    pub limits: Limits,
    pub fetch: FetchOptions,
    pub strict: bool,
}

impl Read {
    pub fn new(read: &ReadArgs) -> Result<Read> {
        let name = read.tz.as_deref().unwrap_or(DEFAULT_TZ);
        Ok(Read {
            tz: read.tz.clone(),
            zone: (name.to_string(), zone(name)?),
            limits: limits(read),
            fetch: fetch_options(read)?,
            strict: read.strict,
        })
    }
}

/// A command that reads sources given on the command line: the window and how to read.
pub struct Sources {
    pub opts: ReadOptions,
    pub strict: bool,
}

impl Sources {
    /// The window `[--from, --to)` in `--tz`, with the defaults of the help text.
    pub fn new(from: &Option<String>, to: &Option<String>, read: &ReadArgs) -> Result<Sources> {
        let read = Read::new(read)?;
        let from = match from {
            Some(t) => date("--from", t)?,
            None => chrono::Local::now().date_naive(),
        };
        let to = match to {
            Some(t) => date("--to", t)?,
            None => from.checked_add_months(Months::new(12)).unwrap_or(from),
        };
        if to <= from {
            return Err(Error::flag(
                "--to",
                Some(to.to_string()),
                FlagProblem::WindowEmpty {
                    from: from.to_string(),
                },
            ));
        }
        if from.year() < 1 || to.year() > 9000 {
            return Err(Error::flag("--from", None, FlagProblem::YearsOutOfRange));
        }
        Ok(Sources {
            opts: read_options(Window::new(from, to, read.zone.1.clone()), &read),
            strict: read.strict,
        })
    }
}

/// How to read a window of `zone` with these settings.
pub fn read_options(window: Window, read: &Read) -> ReadOptions {
    let mut opts = ReadOptions::new(window);
    opts.limits = read.limits;
    opts.fetch = read.fetch.clone();
    opts
}

/// A command that reads a plan: the plan's path, `--from`/`--to`/`--today`, skipping.
pub struct PlanRun {
    pub plan: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub today: Option<NaiveDate>,
    pub skip_unreadable: bool,
    pub read: Read,
}

impl PlanRun {
    pub fn new(
        plan: &str,
        from: Option<&str>,
        to: Option<&str>,
        run: &PlanRunArgs,
        read: &ReadArgs,
    ) -> Result<PlanRun> {
        let read = Read::new(read)?;
        if let Some(tz) = &read.tz {
            return Err(Error::flag(
                "--tz",
                Some(tz.clone()),
                FlagProblem::TzWithPlan {
                    plan: plan.to_string(),
                },
            ));
        }
        Ok(PlanRun {
            plan: plan.to_string(),
            from: from.map(|f| date("--from", f)).transpose()?,
            to: to.map(|t| date("--to", t)).transpose()?,
            today: run
                .today
                .as_deref()
                .map(|t| date("--today", t))
                .transpose()?,
            skip_unreadable: run.skip_unreadable,
            read,
        })
    }
}

/// The solver's options from `--solver`, `--time-limit` and how many plans are wanted.
pub fn solver(name: &str, time_limit: f64, plans: usize) -> Result<Options> {
    let backend = match name {
        "microlp" => Backend::Microlp,
        #[cfg(feature = "highs")]
        "highs" => Backend::Highs,
        #[cfg(not(feature = "highs"))]
        "highs" => {
            return Err(Error::flag(
                "--solver",
                Some(name.to_string()),
                FlagProblem::NoHighs,
            ))
        }
        other => {
            return Err(Error::flag(
                "--solver",
                Some(other.to_string()),
                FlagProblem::UnknownSolver,
            ))
        }
    };
    if !(time_limit > 0.0 && time_limit.is_finite()) {
        return Err(Error::flag("--time-limit", None, FlagProblem::TimeLimit));
    }
    Ok(Options {
        backend,
        plans,
        replan: false,
        relax: false,
        time_limit: Some(time_limit),
    })
}

/// `--alternatives K` (at least 1).
pub fn alternatives(k: usize) -> Result<usize> {
    if k == 0 {
        return Err(Error::flag(
            "--alternatives",
            Some("0".into()),
            FlagProblem::NoAlternatives,
        ));
    }
    Ok(k)
}

/// `--pick N` (plans are numbered from 1).
pub fn pick(n: usize) -> Result<usize> {
    if n == 0 {
        return Err(Error::flag(
            "--pick",
            Some("0".into()),
            FlagProblem::PickZero,
        ));
    }
    Ok(n)
}

/// `holidays --year Y` (the rules hold for 1900–2200); default: this year.
pub fn holiday_year(year: Option<i32>) -> Result<i32> {
    let year = year.unwrap_or_else(|| chrono::Local::now().year());
    if !(1900..=2200).contains(&year) {
        return Err(Error::flag(
            "--year",
            Some(year.to_string()),
            FlagProblem::HolidayYear,
        ));
    }
    Ok(year)
}

/// DTSTAMP: `SOURCE_DATE_EPOCH` when set (reproducible files), else now.
pub fn dtstamp() -> Result<chrono::DateTime<chrono::Utc>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .ok_or_else(|| Error::flag("SOURCE_DATE_EPOCH", Some(v), FlagProblem::SourceDateEpoch)),
        Err(_) => Ok(chrono::Utc::now()),
    }
}

/// A known IANA zone.
pub fn zone(name: &str) -> Result<Zone> {
    Zone::iana(name)
        .ok_or_else(|| Error::flag("--tz", Some(name.to_string()), FlagProblem::UnknownZone))
}

/// A `YYYY-MM-DD` date of `flag`.
pub fn date(flag: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Error::flag(flag, Some(text.to_string()), FlagProblem::NotADate))
}

/// The limits of `--max-…` flags.
fn limits(read: &ReadArgs) -> Limits {
    Limits {
        max_per_event: read.max_occurrences,
        max_total: read.max_total_occurrences,
        max_file_bytes: read.max_file_mb.saturating_mul(1 << 20),
        max_line_bytes: read.max_line_length,
        max_depth: read.max_depth,
        max_exdates: read.max_exdates,
        max_tz_observances: read.max_tz_observances,
        max_tz_onsets: read.max_tz_onsets,
    }
}

/// How URL sources are downloaded: `--timeout`, `--max-download-mb`, `--cache`, `--offline`.
fn fetch_options(read: &ReadArgs) -> Result<FetchOptions> {
    if !(read.timeout > 0.0 && read.timeout <= 86_400.0) {
        return Err(Error::flag(
            "--timeout",
            Some(read.timeout.to_string()),
            FlagProblem::Timeout,
        ));
    }
    if read.max_download_mb == 0 || read.max_download_mb > 1 << 20 {
        return Err(Error::flag(
            "--max-download-mb",
            Some(read.max_download_mb.to_string()),
            FlagProblem::DownloadSize,
        ));
    }
    let mut fetch = FetchOptions {
        timeout: std::time::Duration::from_secs_f64(read.timeout),
        max_bytes: read.max_download_mb * 1024 * 1024,
        offline: read.offline,
        progress: std::io::stderr().is_terminal(),
        ..Default::default()
    };
    if let Some(dir) = &read.cache {
        fetch.cache_dir = Some(std::path::PathBuf::from(dir));
    }
    fetch.caldav.user = read.user.clone();
    fetch.caldav.password_env = read.password_env.clone();
    Ok(fetch)
}
