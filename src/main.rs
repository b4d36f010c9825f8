//! The `krock` binary: parse arguments, call the library, print, exit.

mod cli;

use chrono::{Datelike, Months, NaiveDate};
use clap::Parser;
use cli::{
    CalendarsArgs, CheckArgs, Cli, Command, EventsArgs, ExportArgs, HolidaysArgs, InitArgs,
    PlanRunArgs, ProposeArgs, ReadArgs,
};
use krock::busy::BusyMap;
use krock::diag::{Error, Result, Warnings};
use krock::events::{self, ReadOptions, Window};
use krock::ical::zone::Zone;
use krock::report::Style;
use krock::safe_text;
use krock::source::SourceSpec;
use krock::world::World;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Init(args) => run_init(args),
        Command::Events(args) => run_events(args),
        Command::Check(args) => run_check(args),
        Command::Propose(args) => run_propose(args),
        Command::Export(args) => run_export(args),
        Command::Calendars(args) => run_calendars(args),
        Command::Holidays(args) => run_holidays(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {}", safe_text::clean(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// The zone of `--tz` when it is not given.
const DEFAULT_TZ: &str = "Europe/Stockholm";

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
        eprintln!("warning: {}", safe_text::clean(&w.to_string()));
    }
    if read.strict && !warnings.is_empty() {
        return Err(Error::new(format!(
            "{} warning(s) and --strict is set",
            warnings.items.len()
        )));
    }
    Ok(())
}

/// Prints human-readable text with every control character from the input escaped
/// ([`safe_text`]; krock's own colour codes kept when colouring), or JSON (`json`),
/// which serde has escaped already.
fn print_out(text: &str, json: bool) -> Result<()> {
    if json {
        print(text)
    } else if style().colour {
        print(&safe_text::clean_output(text))
    } else {
        print(&safe_text::clean(text))
    }
}

fn print(text: &str) -> Result<()> {
    write_out(|out| out.write_all(text.as_bytes()))
}

/// Writes to stdout through one buffered writer.
fn write_out(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|_| out.flush()) {
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
        max_tz_observances: read.max_tz_observances,
        max_tz_onsets: read.max_tz_onsets,
    }
}

/// The window `[--from, --to)` in `--tz`, with the defaults of the help text.
fn read_options(
    from: &Option<String>,
    to: &Option<String>,
    read: &ReadArgs,
) -> Result<ReadOptions> {
    let zone = parse_zone(read.tz.as_deref().unwrap_or(DEFAULT_TZ))?;
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
    fetch.caldav.user = read.user.clone();
    fetch.caldav.password_env = read.password_env.clone();
    Ok(fetch)
}

fn load_sources(
    sources: &[String],
    opts: &ReadOptions,
    read: &ReadArgs,
) -> Result<Vec<events::Occurrence>> {
    let specs: Vec<SourceSpec> = sources.iter().map(|s| SourceSpec::parse(s)).collect();
    let mut warnings = Warnings::default();
    let occurrences = krock::load::load(&specs, opts, &mut warnings)?;
    finish_warnings(&warnings, read)?;
    Ok(occurrences)
}

fn style() -> Style {
    Style {
        colour: krock::report::use_colour(std::io::stdout().is_terminal()),
    }
}

/// What a plan command was asked for on top of the plan: a window, today, skipping.
struct PlanCall<'a> {
    plan: &'a str,
    from: Option<&'a str>,
    to: Option<&'a str>,
    run: &'a PlanRunArgs,
    read: &'a ReadArgs,
}

/// Reads the plan and everything it names, with `--from`/`--to` applied, cut to today.
fn load_world(call: PlanCall) -> Result<World> {
    let PlanCall {
        plan,
        from,
        to,
        run,
        read,
    } = call;
    let mut plan = krock::plan::load(Path::new(plan)).map_err(|e| Error::new(e.to_string()))?;
    if let Some(tz) = &read.tz {
        return Err(Error::new(format!(
            "--tz {tz} cannot be used with --plan: a plan's dates and times are in its own time zone, {} ([plan] timezone, default Europe/Stockholm); change timezone = \"…\" in {} instead",
            plan.timezone.name(),
            plan.file.display()
        )));
    }
    let from = from.map(|f| parse_date("--from", f)).transpose()?;
    let to = to.map(|t| parse_date("--to", t)).transpose()?;
    let today = run
        .today
        .as_deref()
        .map(|t| parse_date("--today", t))
        .transpose()?;
    krock::today::override_window(&mut plan, from, to)?;
    let today = krock::today::Today::of(today, &plan);
    let mut warnings = Warnings::default();
    let mut world = World::load_skipping(
        plan,
        &fetch_options(read)?,
        limits(read),
        run.skip_unreadable,
        &mut warnings,
    )?;
    finish_warnings(&warnings, read)?;
    krock::today::fit(&mut world, today)?;
    for note in &world.notes {
        eprintln!("note: {note}");
    }
    Ok(world)
}

fn run_check(args: CheckArgs) -> Result<u8> {
    if let Some(plan) = &args.plan {
        let mut world = load_world(PlanCall {
            plan,
            from: args.from.as_deref(),
            to: args.to.as_deref(),
            run: &args.run,
            read: &args.read,
        })?;
        world.plan.show_titles |= args.show_titles;
        let busy = BusyMap::build(&world);
        let report = krock::check::check_plan(&world, &busy);
        let text = if args.json {
            let json = krock::report::check::plan_json(&report, &world);
            krock::report::notes::json(json, &world)
        } else {
            krock::report::notes::text(&world)
                + &krock::report::check::plan_text(&report, &world, style())
                + &krock::report::grid::check(&report, &world, style())
        };
        if let Some(file) = &args.html {
            let page = krock::report::html::check(&report, &world, &busy);
            krock::report::html::write(Path::new(file), &page, &world)?;
        }
        print_out(&text, args.json)?;
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
    print_out(&text, args.json)?;
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
    let mut world = load_world(PlanCall {
        plan: &args.plan,
        from: args.from.as_deref(),
        to: args.to.as_deref(),
        run: &args.run,
        read: &args.read,
    })?;
    world.plan.show_titles |= args.show_titles;
    let busy = BusyMap::build(&world);
    let proposal = krock::solve::propose(&world, &busy, opts)?;
    let text = if args.json {
        let json = krock::report::propose::json(&proposal, &world);
        krock::report::notes::json(json, &world)
    } else {
        krock::report::notes::text(&world)
            + &krock::report::propose::text(&proposal, &world, style())
            + &krock::report::grid::propose(&proposal, &world, style())
    };
    if let Some(file) = &args.html {
        let page = krock::report::html::propose(&proposal, &world, &busy);
        krock::report::html::write(Path::new(file), &page, &world)?;
    }
    print_out(&text, args.json)?;
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
    if args.pick == 0 {
        return Err(Error::new("--pick 0: plans are numbered from 1 (the best)"));
    }
    let world = load_world(PlanCall {
        plan: &args.plan,
        from: None,
        to: None,
        run: &args.run,
        read: &args.read,
    })?;
    let busy = BusyMap::build(&world);
    let changes = match &args.proposal {
        Some(file) => {
            // A regular file of at most --max-file-mb, read without blocking on a FIFO.
            let loaded = krock::source::read::read_file(
                Path::new(file),
                args.read.max_file_mb.saturating_mul(1 << 20) as u64,
            )?;
            let text = String::from_utf8(loaded.bytes).map_err(|_| {
                Error::new(format!(
                    "{file}: not UTF-8 text; pass the output of `krock propose --plan … --json`"
                ))
            })?;
            let changes = krock::saved::read(&world, file, &text, args.pick)?;
            let stale = krock::saved::recheck(&world, &busy, &changes);
            if !stale.is_empty() {
                let list: String = stale.iter().map(|s| format!("\n  - {s}")).collect();
                return Err(Error::new(format!(
                    "{file}: plan {} of this proposal no longer holds against {} and its calendars today; nothing was exported:{list}\nPropose again: krock propose --plan {} --json > {file}",
                    args.pick,
                    world.plan.file.display(),
                    args.plan
                )));
            }
            changes
        }
        None => {
            let opts = krock::solve::Options {
                backend: backend(&args.solver)?,
                plans: args.pick,
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
            let Some(chosen) = proposal.plans.get(args.pick - 1) else {
                if proposal.plans.is_empty() {
                    return Err(Error::new(format!(
                        "{}: no plan meets every rule, so there is nothing to export; run `krock propose --plan {}` to see what must give",
                        args.plan, args.plan
                    )));
                }
                return Err(Error::new(format!(
                    "--pick {}: only {} distinct plan{} meet every rule; pick 1 to {}",
                    args.pick,
                    proposal.plans.len(),
                    if proposal.plans.len() == 1 { "" } else { "s" },
                    proposal.plans.len()
                )));
            };
            krock::export::Changes::from_found(chosen)
        }
    };
    let mut warnings = Warnings::default();
    let messages = krock::export::messages(&world, &changes, dtstamp()?, &mut warnings)?;
    finish_warnings(&warnings, &args.read)?;
    if let Some(target) = &args.caldav {
        let mut fetch = fetch_options(&args.read)?;
        if fetch.caldav.password_env.is_none() {
            fetch.caldav.password_env = world.plan.password_env.clone();
        }
        let lines =
            krock::caldav_export::write_back(&world, &messages, target, &fetch, args.dry_run)?;
        print(&(lines.join("\n") + "\n"))?;
        return Ok(0);
    }
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
    let mut messages = messages;
    krock::export::keep_unchanged(dir, &mut messages);
    let written = krock::export::write(dir, &messages, args.force)?;
    let zone = &world.zone;
    let mut out = krock::report::notes::text(&world);
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
    print_out(&out, false)?;
    Ok(0)
}

fn run_init(args: InitArgs) -> Result<u8> {
    let tz_name = args.read.tz.as_deref().unwrap_or(DEFAULT_TZ);
    let zone = parse_zone(tz_name)?;
    let today = match &args.today {
        Some(t) => parse_date("--today", t)?,
        None => match &zone {
            Zone::Iana(tz) => chrono::Utc::now().with_timezone(tz).date_naive(),
            _ => chrono::Local::now().date_naive(),
        },
    };
    let url = args.series.as_deref().is_some_and(krock::init::is_url);
    if url && args.out.is_none() {
        return Err(Error::new(
            "--series URL: the plan will hold the feed's address, which may carry a secret token, so it is never printed; give --out FILE to write it to a file (readable by you only)",
        ));
    }
    if let Some(out) = &args.out {
        if std::fs::symlink_metadata(out).is_ok() {
            return Err(Error::new(format!(
                "{out}: exists; krock init never writes over a file. Choose another --out, or remove it first"
            )));
        }
    }
    let text = match &args.series {
        None => krock::init::plan_text(None, today, tz_name),
        Some(source) => {
            let until = today.checked_add_months(Months::new(12)).unwrap_or(today);
            let mut opts = ReadOptions::new(Window::new(today, until, zone.clone()));
            opts.limits = limits(&args.read);
            opts.fetch = fetch_options(&args.read)?;
            let mut occurrences = load_sources(std::slice::from_ref(source), &opts, &args.read)?;
            events::sort(&mut occurrences);
            occurrences.retain(|o| !o.is_cancelled() && zone.to_local(o.start).date() >= today);
            if occurrences.is_empty() {
                return Err(Error::new(format!(
                    "{source}: no occurrence from {today} to {until}; give the current dates' calendar (or --today DATE), or run `krock init` without --series for a blank plan"
                )));
            }
            let series = krock::init::Series {
                source: krock::init::series_path(source, args.out.as_deref()),
                occurrences: &occurrences,
                zone: &zone,
            };
            krock::init::plan_text(Some(&series), today, tz_name)
        }
    };
    match &args.out {
        None => print(&text)?,
        Some(out) => {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            if url {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600); // it holds a feed's address
            }
            let mut file = options
                .open(out)
                .map_err(|e| Error::new(format!("{out}: cannot create: {e}")))?;
            file.write_all(text.as_bytes())
                .map_err(|e| Error::new(format!("{out}: cannot write: {e}")))?;
            eprintln!(
                "Wrote {out}. Edit it (docs/plan.md explains every key), then: krock check --plan {out}"
            );
        }
    }
    Ok(0)
}

fn run_events(args: EventsArgs) -> Result<u8> {
    let opts = read_options(&args.from, &args.to, &args.read)?;
    let zone = opts.window.zone.clone();
    let occurrences = load_sources(&args.sources, &opts, &args.read)?;
    if args.json {
        // Straight into one buffered writer: the output is never held whole.
        write_out(|w| krock::report::events::write_json(&occurrences, w))?;
    } else {
        print_out(&krock::report::events::text(&occurrences, &zone), false)?;
    }
    // The process ends here: freeing hundreds of thousands of occurrences one by one
    // would only cost time (the system takes the memory back at exit).
    std::mem::forget(occurrences);
    Ok(0)
}

fn run_calendars(args: CalendarsArgs) -> Result<u8> {
    let fetch = fetch_options(&args.read)?;
    let client = krock::source::caldav::Client::new(&args.url, &fetch)?;
    let list = krock::source::caldav_discovery::calendars(&client)?;
    if list.is_empty() {
        return Err(Error::new(format!(
            "{}: no calendars found at this address; give the address of your CalDAV account (e.g. Nextcloud's …/remote.php/dav/)",
            client.name
        )));
    }
    let mut out = String::new();
    for c in &list {
        if args.json {
            out.push_str(
                &serde_json::json!({"name": c.name, "path": c.path, "color": c.color, "components": c.components})
                    .to_string(),
            );
            out.push('\n');
        } else {
            let components = if c.components.is_empty() {
                "(any)".to_string()
            } else {
                c.components.join(",")
            };
            out.push_str(&format!(
                "{:<24} {:<40} {:<9} {components}\n",
                c.name.as_deref().unwrap_or("(no name)"),
                c.path,
                c.color.as_deref().unwrap_or("-")
            ));
        }
    }
    print(&out)?;
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
    print_out(&out, args.json)?;
    Ok(0)
}
