//! The `krock` binary: parse arguments, check them into settings, call the library,
//! print what `report` rendered, exit.

mod cli;
mod settings;

use chrono::Months;
use clap::Parser;
use cli::{
    CalendarsArgs, CheckArgs, Cli, Command, EventsArgs, ExportArgs, HolidaysArgs, InitArgs,
    ProposeArgs,
};
use krock::busy::BusyMap;
use krock::diag::{Error, ErrorKind, FlagProblem, Result, Warnings};
use krock::events::{self, Window};
use krock::i18n::Lang;
use krock::ical::zone::Zone;
use krock::report::Style;
use krock::safe_text;
use krock::source::SourceSpec;
use krock::world::World;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

/// `--lang`, as given (None: the plan's, else the environment's).
static LANG_FLAG: std::sync::OnceLock<Option<Lang>> = std::sync::OnceLock::new();

/// The language of this run: `--lang`, else the plan's `language`, else the environment.
fn lang(plan: Option<Lang>) -> Lang {
    Lang::resolve(LANG_FLAG.get().copied().flatten(), plan, Lang::from_env())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _ = LANG_FLAG.set(cli.lang);
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

/// Prints warnings to stderr; with `--strict` they are an error.
fn finish_warnings(warnings: &Warnings, strict: bool) -> Result<()> {
    for w in &warnings.items {
        eprintln!("warning: {}", safe_text::clean(&w.to_string()));
    }
    if strict && !warnings.is_empty() {
        return Err(Error::of(ErrorKind::Strict {
            warnings: warnings.items.len(),
        }));
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
        Err(e) => Err(Error::of(ErrorKind::Output {
            detail: format!("cannot write output: {e}"),
        })),
    }
}

fn load_sources(
    sources: &[String],
    settings: &settings::Sources,
) -> Result<Vec<events::Occurrence>> {
    let specs: Vec<SourceSpec> = sources.iter().map(|s| SourceSpec::parse(s)).collect();
    let mut warnings = Warnings::default();
    let occurrences = krock::load::load(&specs, &settings.opts, &mut warnings)?;
    finish_warnings(&warnings, settings.strict)?;
    Ok(occurrences)
}

fn style() -> Style {
    Style {
        colour: krock::report::use_colour(std::io::stdout().is_terminal()),
    }
}

/// Reads the plan and everything it names, with `--from`/`--to` applied, cut to today.
fn load_world(run: &settings::PlanRun) -> Result<World> {
    let mut plan = krock::plan::load(Path::new(&run.plan))?;
    krock::today::override_window(&mut plan, run.from, run.to)?;
    let today = krock::today::Today::of(run.today, &plan);
    let mut warnings = Warnings::default();
    let mut world = World::load_skipping(
        plan,
        &run.read.fetch,
        run.read.limits,
        run.skip_unreadable,
        &mut warnings,
    )?;
    finish_warnings(&warnings, run.read.strict)?;
    krock::today::fit(&mut world, today)?;
    world.lang = lang(world.plan.language);
    for note in &world.notes {
        eprintln!("note: {note}");
    }
    Ok(world)
}

fn run_check(args: CheckArgs) -> Result<u8> {
    if let Some(plan) = &args.plan {
        let run = settings::PlanRun::new(
            plan,
            args.from.as_deref(),
            args.to.as_deref(),
            &args.run,
            &args.read,
        )?;
        let mut world = load_world(&run)?;
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
    let sources = settings::Sources::new(&args.from, &args.to, &args.read)?;
    let occurrences = load_sources(&args.sources, &sources)?;
    let list = krock::check::overlaps(&occurrences);
    let zone = &sources.opts.window.zone;
    let text = if args.json {
        krock::report::check::overlaps_json(&list, zone)
    } else {
        krock::report::check::overlaps_text(&list, zone, style(), lang(None))
    };
    print_out(&text, args.json)?;
    Ok(if list.is_empty() { 0 } else { 1 })
}

fn run_propose(args: ProposeArgs) -> Result<u8> {
    let plans = settings::alternatives(args.alternatives)?;
    let opts = krock::solve::Options {
        replan: args.replan,
        relax: true,
        ..settings::solver(&args.solver, args.time_limit, plans)?
    };
    let run = settings::PlanRun::new(
        &args.plan,
        args.from.as_deref(),
        args.to.as_deref(),
        &args.run,
        &args.read,
    )?;
    let mut world = load_world(&run)?;
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

fn run_export(args: ExportArgs) -> Result<u8> {
    // Every flag first, whether or not it is used (`--proposal` makes --solver moot).
    let pick = settings::pick(args.pick)?;
    let opts = settings::solver(&args.solver, args.time_limit, pick)?;
    let dtstamp = settings::dtstamp()?;
    let run = settings::PlanRun::new(&args.plan, None, None, &args.run, &args.read)?;
    let world = load_world(&run)?;
    let busy = BusyMap::build(&world);
    let changes = match &args.proposal {
        Some(file) => {
            // A regular file of at most --max-file-mb, read without blocking on a FIFO.
            let loaded = krock::source::read::read_file(
                Path::new(file),
                run.read.limits.max_file_bytes as u64,
            )?;
            let text = String::from_utf8(loaded.bytes).map_err(|_| {
                Error::at(
                    file,
                    ErrorKind::BadProposal {
                        detail:
                            "not UTF-8 text; pass the output of `krock propose --plan … --json`"
                                .to_string(),
                    },
                )
            })?;
            let changes = krock::saved::read(&world, file, &text, pick)?;
            let stale = krock::saved::recheck(&world, &busy, &changes);
            if !stale.is_empty() {
                return Err(Error::at(
                    file,
                    ErrorKind::StaleProposal {
                        file: file.clone(),
                        pick,
                        plan_file: world.plan.file.display().to_string(),
                        plan_arg: args.plan.clone(),
                        reasons: stale.iter().map(|s| s.to_string()).collect(),
                    },
                ));
            }
            changes
        }
        None => {
            let proposal = krock::solve::propose(&world, &busy, opts)?;
            let Some(chosen) = proposal.plans.get(pick - 1) else {
                if proposal.plans.is_empty() {
                    return Err(Error::at(
                        &args.plan,
                        ErrorKind::NothingToExport {
                            plan: args.plan.clone(),
                        },
                    ));
                }
                return Err(Error::flag(
                    "--pick",
                    Some(pick.to_string()),
                    FlagProblem::PickBeyond {
                        count: proposal.plans.len(),
                    },
                ));
            };
            krock::export::Changes::from_found(chosen)
        }
    };
    let mut warnings = Warnings::default();
    let messages = krock::export::messages(&world, &changes, dtstamp, &mut warnings)?;
    finish_warnings(&warnings, run.read.strict)?;
    if let Some(target) = &args.caldav {
        let mut fetch = run.read.fetch.clone();
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
    let out = krock::report::exported::text(&world, &changes, &messages, &written);
    print_out(&out, false)?;
    Ok(0)
}

fn run_init(args: InitArgs) -> Result<u8> {
    let read = settings::Read::new(&args.read)?;
    let (tz_name, zone) = read.zone.clone();
    let today = match &args.today {
        Some(t) => settings::date("--today", t)?,
        None => match &zone {
            Zone::Iana(tz) => chrono::Utc::now().with_timezone(tz).date_naive(),
            _ => chrono::Local::now().date_naive(),
        },
    };
    let url = args.series.as_deref().is_some_and(krock::init::is_url);
    if url && args.out.is_none() {
        return Err(Error::flag(
            "--series",
            None,
            FlagProblem::SeriesUrlNeedsOut,
        ));
    }
    if let Some(out) = &args.out {
        if std::fs::symlink_metadata(out).is_ok() {
            return Err(Error::at(
                out,
                ErrorKind::Output {
                    detail: "exists; krock init never writes over a file. Choose another --out, or remove it first".to_string(),
                },
            ));
        }
    }
    let text = match &args.series {
        None => krock::init::plan_text(None, today, &tz_name),
        Some(source) => {
            let until = today.checked_add_months(Months::new(12)).unwrap_or(today);
            let sources = settings::Sources {
                opts: settings::read_options(Window::new(today, until, zone.clone()), &read),
                strict: read.strict,
            };
            let mut occurrences = load_sources(std::slice::from_ref(source), &sources)?;
            events::sort(&mut occurrences);
            occurrences.retain(|o| !o.is_cancelled() && zone.to_local(o.start).date() >= today);
            if occurrences.is_empty() {
                return Err(Error::at(
                    source,
                    ErrorKind::NoSeriesOccurrence {
                        from: today.to_string(),
                        to: until.to_string(),
                    },
                ));
            }
            let series = krock::init::Series {
                source: krock::init::series_path(source, args.out.as_deref()),
                occurrences: &occurrences,
                zone: &zone,
            };
            krock::init::plan_text(Some(&series), today, &tz_name)
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
            let failed = |what: &str, e: std::io::Error| {
                Error::at(
                    out,
                    ErrorKind::Output {
                        detail: format!("{what}: {e}"),
                    },
                )
            };
            let mut file = options.open(out).map_err(|e| failed("cannot create", e))?;
            file.write_all(text.as_bytes())
                .map_err(|e| failed("cannot write", e))?;
            eprintln!(
                "Wrote {out}. Edit it (docs/plan.md explains every key), then: krock check --plan {out}"
            );
        }
    }
    Ok(0)
}

fn run_events(args: EventsArgs) -> Result<u8> {
    let sources = settings::Sources::new(&args.from, &args.to, &args.read)?;
    let zone = sources.opts.window.zone.clone();
    let occurrences = load_sources(&args.sources, &sources)?;
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
    let read = settings::Read::new(&args.read)?;
    let client = krock::source::caldav::Client::new(&args.url, &read.fetch)?;
    let list = krock::source::caldav_discovery::calendars(&client)?;
    if list.is_empty() {
        return Err(Error::at(
            &client.name,
            ErrorKind::Empty {
                detail: "no calendars found at this address; give the address of your CalDAV account (e.g. Nextcloud's …/remote.php/dav/)".to_string(),
            },
        ));
    }
    print(&krock::report::lists::calendars(&list, args.json))?;
    Ok(0)
}

fn run_holidays(args: HolidaysArgs) -> Result<u8> {
    let year = settings::holiday_year(args.year)?;
    let list = krock::holidays::swedish_holidays(year);
    print_out(
        &krock::report::lists::holidays(&list, args.json, lang(None)),
        args.json,
    )?;
    Ok(0)
}
