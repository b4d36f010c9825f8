/*!
The command line: clap definitions and help texts. Parsing only; `main.rs` runs them.
*/

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "krock",
    version,
    about = "Find where meetings clash with other commitments, and propose dates that don't.",
    after_help = "Examples:\n  krock events calendars/ --from 2026-04-01 --to 2026-06-01\n  krock holidays --year 2026"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List every occurrence (recurrences expanded) overlapping [--from, --to).
    #[command(
        after_help = "Examples:\n  krock events calendars/kommundirektorsmote.ics --from 2026-04-01 --to 2026-06-01\n  krock events calendars/ --json | jq .summary\n  cat feed.ics | krock events - --tz Europe/Stockholm"
    )]
    Events(EventsArgs),
    /// Report planned occurrences that clash (with --plan), or overlaps between sources.
    #[command(
        after_help = "Exit status: 0 nothing clashes, 1 clashes found, 2 bad input.\n\nExamples:\n  krock check --plan calendars/familjen-helsingborg.toml\n  krock check --plan calendars/familjen-helsingborg.toml --json\n  krock check calendars/regionalt-rad.ics calendars/nato-ud.ics --from 2026-04-01 --to 2026-06-01"
    )]
    Check(CheckArgs),
    /// Choose conflict-free dates and times, best first, with the reasons.
    #[command(
        after_help = "Exit status: 0 a plan was found, 1 no plan meets every rule (the rules that clash and the least that must give are shown), 2 bad input.\n\nExamples:\n  krock propose --plan calendars/familjen-helsingborg.toml\n  krock propose --plan calendars/familjen-helsingborg.toml --alternatives 5 --json"
    )]
    Propose(ProposeArgs),
    /// Write the invites of the chosen plan (METHOD:REQUEST, and METHOD:CANCEL where an occurrence is withdrawn).
    #[command(
        after_help = "One file per message: a moved occurrence of the series keeps the series' UID with its RECURRENCE-ID (the calendar moves the entry); a new occurrence gets its own UID; a withdrawn one gets METHOD:CANCEL. Send each file to the attendees it lists (import it in the organizer's mail client, or attach it). SOURCE_DATE_EPOCH fixes DTSTAMP for reproducible files.\n\nExamples:\n  krock export --plan calendars/familjen-helsingborg.toml --out invites/\n  krock propose --plan calendars/familjen-helsingborg.toml --json > proposal.json\n  krock export --plan calendars/familjen-helsingborg.toml --proposal proposal.json --out invites/\n  krock export --plan calendars/familjen-helsingborg.toml --stdout"
    )]
    Export(ExportArgs),
    /// List the Swedish public holidays and de-facto days off the planner avoids.
    #[command(after_help = "Example:\n  krock holidays --year 2026")]
    Holidays(HolidaysArgs),
}

#[derive(Args, Debug, Clone)]
pub struct ReadArgs {
    /// Time zone for --from/--to, floating times and all-day events.
    #[arg(long, default_value = "Europe/Stockholm", value_name = "TZ")]
    pub tz: String,
    /// Treat every warning about the input as an error (exit status 2).
    #[arg(long)]
    pub strict: bool,
    /// Most occurrences one event may expand to (then the first ones are kept).
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    pub max_occurrences: usize,
    /// Most occurrences of all sources together.
    #[arg(long, default_value_t = 5_000_000, value_name = "N")]
    pub max_total_occurrences: usize,
    /// Largest calendar file, in MB.
    #[arg(long, default_value_t = 100, value_name = "MB")]
    pub max_file_mb: usize,
    /// Longest content line (after unfolding), in bytes.
    #[arg(long, default_value_t = 1 << 20, value_name = "BYTES")]
    pub max_line_length: usize,
    /// Deepest nesting of components.
    #[arg(long, default_value_t = 16, value_name = "N")]
    pub max_depth: usize,
    /// Most EXDATE values on one event.
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    pub max_exdates: usize,
    /// URL sources: the most one download may take, redirects and body included.
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// URL sources: the largest feed accepted (after gzip decoding), in MB.
    #[arg(long, default_value_t = 50, value_name = "MB")]
    pub max_download_mb: u64,
    /// URL sources: where downloaded feeds are kept and revalidated.
    /// Default: the user cache directory (e.g. ~/.cache/krock).
    #[arg(long, value_name = "DIR")]
    pub cache: Option<String>,
    /// URL sources: read them from the cache only, never from the network.
    #[arg(long)]
    pub offline: bool,
}

#[derive(Args, Debug)]
pub struct EventsArgs {
    /// .ics files, directories (every .ics below), http(s):// or webcal:// URLs, or - for standard input.
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// First day of the window (YYYY-MM-DD), inclusive. Default: today.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Day after the window (YYYY-MM-DD), exclusive. Default: one year after --from.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// One JSON object a line (see SPEC.md).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The plan file (TOML, see SPEC.md).
    #[arg(long, value_name = "PLAN", conflicts_with_all = ["sources", "from", "to"])]
    pub plan: Option<String>,
    /// Without --plan: .ics files, directories or URLs whose events are checked for overlaps.
    #[arg(value_name = "SOURCE", required_unless_present = "plan")]
    pub sources: Vec<String>,
    /// Without --plan: first day of the window (YYYY-MM-DD). Default: today.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Without --plan: day after the window (YYYY-MM-DD), exclusive. Default: a year on.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// JSON output (see SPEC.md).
    #[arg(long)]
    pub json: bool,
    /// With --plan: also write the check as one self-contained HTML page to FILE.
    #[arg(long, value_name = "FILE", requires = "plan", conflicts_with_all = ["sources", "from", "to"])]
    pub html: Option<String>,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Args, Debug)]
pub struct ProposeArgs {
    /// The plan file (TOML, see SPEC.md).
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
    /// JSON output (see SPEC.md).
    #[arg(long)]
    pub json: bool,
    /// Also write the proposal as one self-contained HTML page to FILE.
    #[arg(long, value_name = "FILE")]
    pub html: Option<String>,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The plan file (TOML, see SPEC.md).
    #[arg(long, value_name = "PLAN")]
    pub plan: String,
    /// Directory to write the invites into (created if missing).
    #[arg(long, value_name = "DIR", required_unless_present = "stdout")]
    pub out: Option<String>,
    /// A saved `krock propose --json`; its rank-1 plan is exported. Default: propose now.
    #[arg(long, value_name = "FILE")]
    pub proposal: Option<String>,
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
