/*!
The command line: clap definitions and help texts. Parsing only; `settings.rs` checks the values, `main.rs` runs the commands.
*/

use clap::{Args, Parser, Subcommand};

/// The limits' defaults, from the library (written once, there).
const D: krock::events::Limits = krock::events::Limits::DEFAULT;
use krock::source::FetchOptions as F;

#[derive(Parser, Debug)]
#[command(
    name = "krock",
    version,
    about = "Find where meetings clash with other commitments, and propose dates that don't.",
    after_help = concat!(
        "Start here:\n  krock init --out plan.toml              a commented plan to edit (or --series FILE|URL)\n  krock check --plan plan.toml            what clashes now\n  krock propose --plan plan.toml          the best dates, and why not the others\n  krock export --plan plan.toml --out invites/\n\nExamples:\n  krock events calendars/ --from 2026-04-01 --to 2026-06-01\n  krock holidays --year 2026\n\n",
        "Reference: docs/README.md in the krock repository (the plan file: docs/plan.md; JSON: docs/json.md; exit codes: docs/exit-codes.md; who is busy when: docs/busy-model.md)."
    )
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The language of reports, the HTML page and invites: sv (svenska) or en (English).
    /// Default: the plan's `language`, else LC_ALL / LC_MESSAGES / LANG, else English.
    /// JSON is the same in both.
    #[arg(long, global = true, value_name = "sv|en", value_parser = parse_lang)]
    pub lang: Option<krock::i18n::Lang>,
}

fn parse_lang(s: &str) -> Result<krock::i18n::Lang, String> {
    krock::i18n::Lang::parse(s).ok_or_else(|| {
        format!("\"{s}\" is not a language krock speaks; use sv (svenska) or en (English)")
    })
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write a commented plan to start from: blank, or from an existing series.
    #[command(after_help = concat!(
        "The plan is accepted by `krock check` as it stands; edit the people, the feeds and the meeting, then check and propose. Every key is described in docs/plan.md.\n\nExit status: 0 written, 2 bad input (docs/exit-codes.md).\n\nExamples:\n  krock init --out plan.toml\n  krock init --series calendars/kommundirektorsmote.ics --out plan.toml\n  krock init --series https://cal.example.se/board.ics --out plan.toml   (a URL plan is never printed)\n\n",
        "Reference: docs/README.md in the krock repository."
    ))]
    Init(InitArgs),
    /// List every occurrence (recurrences expanded) overlapping [--from, --to).
    #[command(after_help = concat!(
        "Examples:\n  krock events calendars/kommundirektorsmote.ics --from 2026-04-01 --to 2026-06-01\n  krock events caldav+https://anna@cloud.example.se/remote.php/dav/calendars/anna/personal/ --password-env KROCK_CALDAV_PASSWORD\n  krock events calendars/ --json | jq .summary\n  cat feed.ics | krock events - --tz Europe/Stockholm\n\nJSON: docs/json.md. Exit status: docs/exit-codes.md.\n",
        "Reference: docs/README.md in the krock repository."
    ))]
    Events(EventsArgs),
    /// Report planned occurrences that clash (with --plan), or overlaps between sources.
    #[command(after_help = concat!(
        "Exit status: 0 nothing clashes, 1 clashes found, 2 bad input (docs/exit-codes.md).\n\nExamples:\n  krock check --plan calendars/familjen-helsingborg.toml\n  krock check --plan calendars/familjen-helsingborg.toml --json\n  krock check --plan calendars/familjen-helsingborg.toml --from 2026-05-01 --to 2026-06-01\n  krock check calendars/regionalt-rad.ics calendars/nato-ud.ics --from 2026-04-01 --to 2026-06-01\n\nThe plan file: docs/plan.md. JSON: docs/json.md. Who is busy when: docs/busy-model.md.\n",
        "Reference: docs/README.md in the krock repository."
    ))]
    Check(CheckArgs),
    /// Choose conflict-free dates and times, best first, with the reasons.
    #[command(after_help = concat!(
        "Exit status: 0 a plan was found, 1 no plan meets every rule (the rules that clash and the least that must give are shown), 2 bad input (docs/exit-codes.md).\n\nExamples:\n  krock propose --plan calendars/familjen-helsingborg.toml\n  krock propose --plan calendars/familjen-helsingborg.toml --alternatives 5 --json\n  krock propose --plan plan.toml --today 2026-11-30 --from 2026-12-01 --to 2027-01-01\n\nThe plan file: docs/plan.md. JSON: docs/json.md. How dates are chosen: docs/solver.md.\n",
        "Reference: docs/README.md in the krock repository."
    ))]
    Propose(ProposeArgs),
    /// Write the invites of the chosen plan (METHOD:REQUEST, and METHOD:CANCEL where an occurrence is withdrawn).
    #[command(after_help = concat!(
        "One file per message: a moved occurrence keeps its UID (a recurring series' UID with its RECURRENCE-ID, or a single event's own UID) with SEQUENCE one higher, so the calendar moves the entry; a new occurrence gets its own UID; a withdrawn one gets METHOD:CANCEL. Files that would differ only in DTSTAMP are left as they are (\"unchanged\"). Send each file to the attendees it lists. SOURCE_DATE_EPOCH fixes DTSTAMP for reproducible files.\n\nExit status: 0 written, 2 bad input or a saved proposal that no longer holds (docs/exit-codes.md).\n\nExamples:\n  krock export --plan calendars/familjen-helsingborg.toml --out invites/\n  krock export --plan calendars/familjen-helsingborg.toml --pick 2 --out invites/\n  krock propose --plan calendars/familjen-helsingborg.toml --json > proposal.json\n  krock export --plan calendars/familjen-helsingborg.toml --proposal proposal.json --out invites/\n  krock export --plan calendars/familjen-helsingborg.toml --stdout\n\nWith --caldav URL the moves go straight into the organizer's CalDAV calendar instead (an override of the series for each moved or withdrawn occurrence, a new event for each new one; each write guarded by the ETag it was read with):\n  krock export --plan plan.toml --caldav caldav+https://sekretariat@cloud.example.se/remote.php/dav/calendars/sekretariat/kd/ --dry-run\n\nInvites: docs/invites.md. CalDAV: docs/caldav.md.\n",
        "Reference: docs/README.md in the krock repository."
    ))]
    Export(ExportArgs),
    /// List the calendars of a CalDAV server or account: name, path, colour, component types.
    #[command(
        after_help = "The address may be the server, a principal or a calendar home: krock follows /.well-known/caldav, current-user-principal and calendar-home-set. Use a listed path as a SOURCE: caldav+https://host/PATH.\n\nExamples:\n  krock calendars caldav+https://anna@cloud.example.se/remote.php/dav/ --password-env KROCK_CALDAV_PASSWORD\n  krock calendars caldav+http://127.0.0.1:5232/"
    )]
    Calendars(CalendarsArgs),
    /// List the Swedish public holidays and de-facto days off the planner avoids.
    #[command(after_help = concat!(
        "Example:\n  krock holidays --year 2026\n\n",
        "Reference: docs/README.md in the krock repository."
    ))]
    Holidays(HolidaysArgs),
}

#[derive(Args, Debug, Clone)]
pub struct ReadArgs {
    /// Time zone for --from/--to, floating times and all-day events. Default:
    /// Europe/Stockholm. Not with --plan: a plan's times are in its [plan] timezone.
    #[arg(long, value_name = "TZ")]
    pub tz: Option<String>,
    /// Treat every warning about the input as an error (exit status 2).
    #[arg(long)]
    pub strict: bool,
    /// Most occurrences one event may expand to (then the first ones are kept).
    #[arg(long, default_value_t = D.max_per_event, value_name = "N")]
    pub max_occurrences: usize,
    /// Most occurrences of all sources together.
    #[arg(long, default_value_t = D.max_total, value_name = "N")]
    pub max_total_occurrences: usize,
    /// Largest calendar file, in MB.
    #[arg(long, default_value_t = D.max_file_bytes >> 20, value_name = "MB")]
    pub max_file_mb: usize,
    /// Longest content line (after unfolding), in bytes.
    #[arg(long, default_value_t = D.max_line_bytes, value_name = "BYTES")]
    pub max_line_length: usize,
    /// Deepest nesting of components.
    #[arg(long, default_value_t = D.max_depth, value_name = "N")]
    pub max_depth: usize,
    /// Most EXDATE values on one event.
    #[arg(long, default_value_t = D.max_exdates, value_name = "N")]
    pub max_exdates: usize,
    /// Most STANDARD/DAYLIGHT parts of one VTIMEZONE.
    #[arg(long, default_value_t = D.max_tz_observances, value_name = "N")]
    pub max_tz_observances: usize,
    /// Most time-zone changes (onsets) the VTIMEZONEs of one file may define.
    #[arg(long, default_value_t = D.max_tz_onsets, value_name = "N")]
    pub max_tz_onsets: usize,
    /// URL sources: the most one download may take, redirects and body included.
    #[arg(long, default_value_t = F::DEFAULT_TIMEOUT_SECS as f64, value_name = "SECONDS")]
    pub timeout: f64,
    /// URL sources: the largest feed accepted (after gzip decoding), in MB.
    #[arg(long, default_value_t = F::DEFAULT_MAX_DOWNLOAD_MB, value_name = "MB")]
    pub max_download_mb: u64,
    /// URL sources: where downloaded feeds are kept and revalidated.
    /// Default: the user cache directory (e.g. ~/.cache/krock).
    #[arg(long, value_name = "DIR")]
    pub cache: Option<String>,
    /// URL sources: read them from the cache only, never from the network.
    #[arg(long)]
    pub offline: bool,
    /// CalDAV sources: the user name, when the address (caldav+https://USER@host/…) has none.
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,
    /// CalDAV sources: the environment variable holding the password or app token
    /// (overrides the plan's password_env). Without it: ~/.netrc.
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
}

/// What commands that read a plan share: the day taken as today, and unreadable calendars.
#[derive(Args, Debug, Clone)]
pub struct PlanRunArgs {
    /// Take DATE (YYYY-MM-DD) as today: no date before it is proposed or exported, and a
    /// window that starts earlier is cut to it. Default: the plan's [plan] today, else the clock.
    #[arg(long, value_name = "DATE", requires = "plan")]
    pub today: Option<String>,
    /// Go on when a person's calendar or a feed cannot be read, taking the people it
    /// would make busy as free; every report says so. Default: stop with an error.
    #[arg(long, requires = "plan")]
    pub skip_unreadable: bool,
}

#[derive(Args, Debug)]
pub struct EventsArgs {
    /// .ics files, directories (every .ics below), http(s):// or webcal:// URLs, caldav+https:// calendars, or - for standard input.
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// First day of the window (YYYY-MM-DD), inclusive. Default: today.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Day after the window (YYYY-MM-DD), exclusive. Default: one year after --from.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// One JSON object a line (see docs/json.md).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The plan file (TOML, see docs/plan.md).
    #[arg(long, value_name = "PLAN", conflicts_with_all = ["sources"])]
    pub plan: Option<String>,
    /// Without --plan: .ics files, directories or URLs whose events are checked for overlaps.
    #[arg(value_name = "SOURCE", required_unless_present = "plan")]
    pub sources: Vec<String>,
    /// First day of the window (YYYY-MM-DD), inclusive. With --plan it replaces the plan's
    /// from; without, the default is today.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Day AFTER the window (YYYY-MM-DD), exclusive (the plan's own `to` is inclusive).
    /// With --plan it replaces the plan's window end; without, the default is a year on.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// JSON output (see docs/json.md).
    #[arg(long)]
    pub json: bool,
    /// With --plan: also write the check as one self-contained HTML page to FILE.
    #[arg(long, value_name = "FILE", requires = "plan", conflicts_with_all = ["sources"])]
    pub html: Option<String>,
    /// With --html: show the titles of busy events (default: "busy" and the source's name).
    #[arg(long, requires = "html")]
    pub show_titles: bool,
    #[command(flatten)]
    pub run: PlanRunArgs,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Args, Debug)]
pub struct ProposeArgs {
    /// The plan file (TOML, see docs/plan.md).
    #[arg(long, value_name = "PLAN")]
    pub plan: String,
    /// How many distinct plans to show, best first.
    #[arg(long, default_value_t = 3, value_name = "K")]
    pub alternatives: usize,
    /// Move every occurrence of an existing series, not only the clashing ones.
    #[arg(long)]
    pub replan: bool,
    /// Solver: microlp (default: krock's exact search, the pure-Rust ILP where the search
    /// does not apply) or highs (the ILP in HiGHS; build with --features highs).
    #[arg(long, default_value = "microlp", value_name = "NAME")]
    pub solver: String,
    /// Seconds the solver may take in all; then the best plan found so far is shown,
    /// marked "not proven optimal" (JSON: "proven_optimal": false).
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    pub time_limit: f64,
    /// JSON output (see docs/json.md).
    #[arg(long)]
    pub json: bool,
    /// Also write the proposal as one self-contained HTML page to FILE.
    #[arg(long, value_name = "FILE")]
    pub html: Option<String>,
    /// With --html: show the titles of busy events (default: "busy" and the source's name).
    #[arg(long, requires = "html")]
    pub show_titles: bool,
    /// First day to consider (YYYY-MM-DD), inclusive; replaces the plan's from.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Day AFTER the last day to consider (YYYY-MM-DD), exclusive; replaces the plan's to
    /// (which is inclusive): --to 2026-06-01 ends the window on 31 May.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[command(flatten)]
    pub run: PlanRunArgs,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The plan file (TOML, see docs/plan.md).
    #[arg(long, value_name = "PLAN")]
    pub plan: String,
    /// Directory to write the invites into (created if missing).
    #[arg(long, value_name = "DIR", required_unless_present_any = ["stdout", "caldav"])]
    pub out: Option<String>,
    /// A saved `krock propose --json`; its plan is checked again against today's plan and
    /// calendars, then exported. Default: propose now.
    #[arg(long, value_name = "FILE")]
    pub proposal: Option<String>,
    /// Export the plan ranked N (1 the best, 2 the first runner-up, …).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub pick: usize,
    /// Print the messages to standard output instead of writing files.
    #[arg(long, conflicts_with = "out")]
    pub stdout: bool,
    /// Replace existing files with other content.
    #[arg(long)]
    pub force: bool,
    /// Solver backend when proposing now: microlp or highs.
    #[arg(long, default_value = "microlp", value_name = "NAME")]
    pub solver: String,
    /// Seconds the solver may take when proposing now; then the best plan found so far
    /// is exported.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    pub time_limit: f64,
    /// Write the moves into this CalDAV calendar (the organizer's): overrides, cancelled
    /// occurrences and new events, each guarded by its ETag.
    #[arg(long, value_name = "URL", conflicts_with_all = ["out", "stdout"])]
    pub caldav: Option<String>,
    /// With --caldav: print what would change, write nothing.
    #[arg(long, requires = "caldav")]
    pub dry_run: bool,
    #[command(flatten)]
    pub run: PlanRunArgs,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Args, Debug)]
pub struct CalendarsArgs {
    /// caldav+https://host/… (a server, principal, calendar home or calendar).
    #[arg(value_name = "URL")]
    pub url: String,
    /// One JSON object a line: {"name","path","color","components"}.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Start from an existing series (.ics file or URL): its attendees become people, its
    /// organizer the organizer, its occurrences from today on the window and the meeting.
    #[arg(long, value_name = "FILE|URL")]
    pub series: Option<String>,
    /// Write the plan to FILE (never over an existing file). Default: standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
    /// Take DATE (YYYY-MM-DD) as today (the window starts on it). Default: the clock.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Args, Debug)]
pub struct HolidaysArgs {
    /// The year (default: this year). Any year 1900–2200.
    #[arg(long, value_name = "Y")]
    pub year: Option<i32>,
    /// One JSON object a line.
    #[arg(long)]
    pub json: bool,
}
