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
    /// Most occurrences one event may expand to.
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    pub max_occurrences: usize,
}

#[derive(Args, Debug)]
pub struct EventsArgs {
    /// .ics files, directories (every .ics below), or - for standard input.
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
pub struct HolidaysArgs {
    /// The year (default: this year). Any year 1900–2200.
    #[arg(long, value_name = "Y")]
    pub year: Option<i32>,
    /// One JSON object a line.
    #[arg(long)]
    pub json: bool,
}
