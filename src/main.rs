//! The `krock` binary: parse arguments, call the library, print, exit.

mod cli;

use chrono::{Datelike, Months, NaiveDate};
use clap::Parser;
use cli::{CheckArgs, Cli, Command, EventsArgs, ExportArgs, HolidaysArgs, ProposeArgs, ReadArgs};
use krock::busy::BusyMap;
use krock::diag::{Error, Result, Warnings};
use krock::events::{self, ReadOptions, Window};
use krock::ical::zone::Zone;
use krock::report::Style;
use krock::source::SourceSpec;
use krock::world::World;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Events(args) => run_events(args),
        Command::Check(args) => run_check(args),
        Command::Propose(args) => run_propose(args),
        Command::Export(args) => run_export(args),
        Command::Holidays(args) => run_holidays(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn parse_zone(name: &str) -> Result<Zone> {
    Zone::iana(name).ok_or_else(|| {
        Error::new(format!(
            "--tz {name}: not a known IANA time zone; use a name like Europe/Stockholm"
        ))
    })
}

fn parse_date(flag: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        Error::new(format!(
            "{flag} {text}: not a date; write it as YYYY-MM-DD, e.g. 2026-04-01"
        ))
    })
}

/// Prints warnings to stderr; with `--strict` they are an error.
fn finish_warnings(warnings: &Warnings, read: &ReadArgs) -> Result<()> {
    for w in &warnings.items {
        eprintln!("warning: {w}");
    }
    if read.strict && !warnings.is_empty() {
        return Err(Error::new(format!(
            "{} warning(s) and --strict is set",
            warnings.items.len()
        )));
    }
    Ok(())
}

fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`krock events … | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::new(format!("cannot write output: {e}"))),
    }
}

/// The limits of `--max-…` flags.
fn limits(read: &ReadArgs) -> krock::events::Limits {
    krock::events::Limits {
        max_per_event: read.max_occurrences,
        max_total: read.max_total_occurrences,
        max_file_bytes: read.max_file_mb.saturating_mul(1 << 20),
        max_line_bytes: read.max_line_length,
        max_depth: read.max_depth,
        max_exdates: read.max_exdates,
    }
}

/// The window `[--from, --to)` in `--tz`, with the defaults of the help text.
fn read_options(
    from: &Option<String>,
    to: &Option<String>,
    read: &ReadArgs,
) -> Result<ReadOptions> {
    let zone = parse_zone(&read.tz)?;
    let from = match from {
        Some(t) => parse_date("--from", t)?,
        None => chrono::Local::now().date_naive(),
    };
    let to = match to {
        Some(t) => parse_date("--to", t)?,
        None => from.checked_add_months(Months::new(12)).unwrap_or(from),
    };
    if to <= from {
        return Err(Error::new(format!(
            "--to {to} is not after --from {from}; the window is [from, to) and must not be empty"
        )));
    }
    if from.year() < 1 || to.year() > 9000 {
        return Err(Error::new("the window must lie between years 1 and 9000"));
    }
    let mut opts = ReadOptions::new(Window::new(from, to, zone));
    opts.limits = limits(read);
    opts.fetch = fetch_options(read)?;
    Ok(opts)
}

/// How URL sources are downloaded: `--timeout`, `--max-download-mb`, `--cache`, `--offline`.
fn fetch_options(read: &ReadArgs) -> Result<krock::source::FetchOptions> {
    if !(read.timeout > 0.0 && read.timeout <= 86_400.0) {
        return Err(Error::new(format!(
            "--timeout {}: give a number of seconds above 0 (at most a day), e.g. --timeout 30",
            read.timeout
        )));
    }
    if read.max_download_mb == 0 || read.max_download_mb > 1 << 20 {
        return Err(Error::new(format!(
            "--max-download-mb {}: give a size in MB from 1 to 1048576, e.g. --max-download-mb 50",
            read.max_download_mb
        )));
    }
    let mut fetch = krock::source::FetchOptions {
        timeout: std::time::Duration::from_secs_f64(read.timeout),
        max_bytes: read.max_download_mb * 1024 * 1024,
        offline: read.offline,
        progress: std::io::stderr().is_terminal(),
        ..Default::default()
    };
    if let Some(dir) = &read.cache {
        fetch.cache_dir = Some(std::path::PathBuf::from(dir));
    }
    Ok(fetch)
}

fn load_sources(
    sources: &[String],
    opts: &ReadOptions,
    read: &ReadArgs,
) -> Result<Vec<events::Occurrence>> {
    let specs: Vec<SourceSpec> = sources.iter().map(|s| SourceSpec::parse(s)).collect();
    let mut warnings = Warnings::default();
    let occurrences = events::load(&specs, opts, &mut warnings)?;
    finish_warnings(&warnings, read)?;
    Ok(occurrences)
}

fn style() -> Style {
    Style {
        colour: krock::report::use_colour(std::io::stdout().is_terminal()),
    }
}

fn load_world(plan: &str, read: &ReadArgs) -> Result<World> {
    let plan = krock::plan::load(Path::new(plan)).map_err(|e| Error::new(e.to_string()))?;
    let mut warnings = Warnings::default();
    let world = World::load_with(plan, &fetch_options(read)?, limits(read), &mut warnings)?;
    finish_warnings(&warnings, read)?;
    Ok(world)
}

fn run_check(args: CheckArgs) -> Result<u8> {
    if let Some(plan) = &args.plan {
        let world = load_world(plan, &args.read)?;
        let busy = BusyMap::build(&world);
        let report = krock::check::check_plan(&world, &busy);
        let text = if args.json {
            krock::report::check::plan_json(&report, &world)
        } else {
            krock::report::check::plan_text(&report, &world, style())
                + &krock::report::grid::check(&report, &world, style())
        };
        if let Some(file) = &args.html {
            let page = krock::report::html::check(&report, &world, &busy);
            krock::report::html::write(Path::new(file), &page)?;
        }
        print(&text)?;
        return Ok(if report.any_clash() { 1 } else { 0 });
    }
    let opts = read_options(&args.from, &args.to, &args.read)?;
    let occurrences = load_sources(&args.sources, &opts, &args.read)?;
    let list = krock::check::overlaps(&occurrences);
    let zone = &opts.window.zone;
    let text = if args.json {
        krock::report::check::overlaps_json(&list, zone)
    } else {
        krock::report::check::overlaps_text(&list, zone, style())
    };
    print(&text)?;
    Ok(if list.is_empty() { 0 } else { 1 })
}

fn backend(name: &str) -> Result<krock::solve::Backend> {
    match name {
        "microlp" => Ok(krock::solve::Backend::Microlp),
        #[cfg(feature = "highs")]
        "highs" => Ok(krock::solve::Backend::Highs),
        #[cfg(not(feature = "highs"))]
        "highs" => Err(Error::new(
            "--solver highs: this krock was built without HiGHS; rebuild with `cargo build --release --features highs` (needs cmake, g++, libclang-dev)",
        )),
        other => Err(Error::new(format!(
            "--solver {other}: unknown solver; use microlp or highs"
        ))),
    }
}

fn run_propose(args: ProposeArgs) -> Result<u8> {
    if args.alternatives == 0 {
        return Err(Error::new("--alternatives 0: ask for at least one plan"));
    }
    let opts = krock::solve::Options {
        backend: backend(&args.solver)?,
        plans: args.alternatives,
        replan: args.replan,
        relax: true,
        time_limit: Some(args.time_limit),
    };
    if !(args.time_limit > 0.0 && args.time_limit.is_finite()) {
        return Err(Error::new(
            "--time-limit: give a positive number of seconds",
        ));
    }
    let world = load_world(&args.plan, &args.read)?;
    let busy = BusyMap::build(&world);
    let proposal = krock::solve::propose(&world, &busy, opts)?;
    let text = if args.json {
        krock::report::propose::json(&proposal, &world)
    } else {
        krock::report::propose::text(&proposal, &world, style())
            + &krock::report::grid::propose(&proposal, &world, style())
    };
    if let Some(file) = &args.html {
        let page = krock::report::html::propose(&proposal, &world, &busy);
        krock::report::html::write(Path::new(file), &page)?;
    }
    print(&text)?;
    Ok(if proposal.infeasible.is_some() { 1 } else { 0 })
}

/// DTSTAMP: `SOURCE_DATE_EPOCH` when set (reproducible files), else now.
fn dtstamp() -> Result<chrono::DateTime<chrono::Utc>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .ok_or_else(|| {
                Error::new(format!(
                    "SOURCE_DATE_EPOCH={v}: not a number of seconds since 1970"
                ))
            }),
        Err(_) => Ok(chrono::Utc::now()),
    }
}

fn run_export(args: ExportArgs) -> Result<u8> {
    let world = load_world(&args.plan, &args.read)?;
    let changes = match &args.proposal {
        Some(file) => {
            let text = std::fs::read_to_string(file)
                .map_err(|e| Error::new(format!("{file}: cannot read: {e}; check the path")))?;
            krock::export::Changes::from_json(&world, file, &text)?
        }
        None => {
            let busy = BusyMap::build(&world);
            let opts = krock::solve::Options {
                backend: backend(&args.solver)?,
                plans: 1,
                replan: false,
                relax: false,
                time_limit: Some(args.time_limit),
            };
            if !(args.time_limit > 0.0 && args.time_limit.is_finite()) {
                return Err(Error::new(
                    "--time-limit: give a positive number of seconds",
                ));
            }
            let proposal = krock::solve::propose(&world, &busy, opts)?;
            let Some(best) = proposal.plans.first() else {
                return Err(Error::new(format!(
                    "{}: no plan meets every rule, so there is nothing to export; run `krock propose --plan {}` to see what must give",
                    args.plan, args.plan
                )));
            };
            krock::export::Changes::from_found(best)
        }
    };
    let mut warnings = Warnings::default();
    let messages = krock::export::messages(&world, &changes, dtstamp()?, &mut warnings)?;
    finish_warnings(&warnings, &args.read)?;
    if args.stdout {
        let all: String = messages.iter().map(|m| m.text.as_str()).collect();
        print(&all)?;
        return Ok(0);
    }
    let dir = Path::new(
        args.out
            .as_deref()
            .expect("clap requires --out without --stdout"),
    );
    let written = krock::export::write(dir, &messages, args.force)?;
    let zone = &world.zone;
    let mut out = String::new();
    if messages.is_empty() {
        out.push_str("Nothing to send: every planned occurrence stays where it is.\n");
    }
    for (m, (path, status)) in messages.iter().zip(&written) {
        let meeting = &world.plan.meetings[m.meeting];
        let when = zone.to_local(m.start).format("%Y-%m-%d %H:%M");
        let what = match (m.method, m.original) {
            (krock::export::Method::Cancel, _) => format!("CANCEL   {} {when}", meeting.id),
            (_, Some(o)) => format!(
                "REQUEST  {} moved {} → {when}",
                meeting.id,
                zone.to_local(o).format("%Y-%m-%d %H:%M")
            ),
            (_, None) => format!("REQUEST  {} {when}", meeting.id),
        };
        let status = match status {
            krock::export::Written::New => "",
            krock::export::Written::Replaced => " (replaced)",
            krock::export::Written::Unchanged => " (unchanged)",
        };
        out.push_str(&format!(
            "{}{status}\n    {what}; send to {} attendee{}\n",
            path.display(),
            m.to.len(),
            if m.to.len() == 1 { "" } else { "s" }
        ));
    }
    for c in changes
        .chosen
        .iter()
        .filter(|c| c.original == Some(c.start))
    {
        out.push_str(&format!(
            "kept: {} {} (no message needed)\n",
            world.plan.meetings[c.meeting].id,
            zone.to_local(c.start).format("%Y-%m-%d %H:%M")
        ));
    }
    print(&out)?;
    Ok(0)
}

fn run_events(args: EventsArgs) -> Result<u8> {
    let opts = read_options(&args.from, &args.to, &args.read)?;
    let zone = opts.window.zone.clone();
    let occurrences = load_sources(&args.sources, &opts, &args.read)?;
    let text = if args.json {
        krock::report::events::json(&occurrences)
    } else {
        krock::report::events::text(&occurrences, &zone)
    };
    print(&text)?;
    Ok(0)
}

fn run_holidays(args: HolidaysArgs) -> Result<u8> {
    let year = args.year.unwrap_or_else(|| chrono::Local::now().year());
    if !(1900..=2200).contains(&year) {
        return Err(Error::new(format!(
            "--year {year}: holidays are computed for 1900–2200"
        )));
    }
    let list = krock::holidays::swedish_holidays(year);
    let mut out = String::new();
    for h in &list {
        let kind = match h.kind {
            krock::holidays::HolidayKind::Public => "public holiday",
            krock::holidays::HolidayKind::DeFacto => "de-facto day off",
        };
        if args.json {
            out.push_str(
                &serde_json::json!({"date": h.date.to_string(), "name": h.name, "kind": if kind == "public holiday" {"public"} else {"de-facto"}})
                    .to_string(),
            );
            out.push('\n');
        } else {
            out.push_str(&format!(
                "{}  {:<28} {}\n",
                krock::report::day_label(h.date),
                h.name,
                kind
            ));
        }
    }
    print(&out)?;
    Ok(0)
}
