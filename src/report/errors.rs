/*!
The texts of errors: every [`Error`] and [`PlanError`] is rendered here and nowhere else.

Each message names the file and line (the error's [`Location`]), what is wrong and what to
do. The kinds ([`ErrorKind`], [`FlagProblem`], [`Limit`], [`PlanProblemKind`]) are data in
`diag.rs`; this file is where their words live, so a translation (#15) changes one file.
*/

use crate::diag::{
    Context, Error, ErrorKind, FlagProblem, Limit, Location, PlanError, PlanProblem,
    PlanProblemKind,
};
use std::fmt;

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = &self.at {
            write!(f, "{at}: ")?;
        }
        fmt::Display::fmt(&self.kind, f)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ErrorKind::*;
        match self {
            Unreadable { detail }
            | Network { detail }
            | NotCached { detail }
            | ExportRefused { detail }
            | BadProposal { detail }
            | Empty { detail }
            | Output { detail } => f.write_str(detail),
            Calendar { message } => f.write_str(message),
            Solver { message } => f.write_str(message),
            Plan(e) => write!(f, "{e}"),
            LimitExceeded { limit, value } => match limit {
                Limit::FileBytes => write!(
                    f,
                    "more than the {} MB a file may have; raise the limit with {}",
                    value >> 20,
                    limit.flag()
                ),
                Limit::DownloadBytes => write!(
                    f,
                    "the answer is larger than {} MB ({flag}); if the calendar really is this big, raise {flag}",
                    value >> 20,
                    flag = limit.flag()
                ),
                Limit::TotalOccurrences => write!(
                    f,
                    "more than {value} occurrences in the window from all sources together; narrow the window or raise the limit with {}",
                    limit.flag()
                ),
            },
            StaleProposal {
                file,
                pick,
                plan_file,
                plan_arg,
                reasons,
            } => {
                write!(f, "plan {pick} of this proposal no longer holds against {plan_file} and its calendars today; nothing was exported:")?;
                for r in reasons {
                    write!(f, "\n  - {r}")?;
                }
                write!(f, "\nPropose again: krock propose --plan {plan_arg} --json > {file}")
            }
            NothingToExport { plan } => write!(f, "no plan meets every rule, so there is nothing to export; run `krock propose --plan {plan}` to see what must give"),
            BadFlag {
                flag,
                value,
                problem,
            } => flag_text(f, flag, value.as_deref(), problem),
            WindowInPast { from, to, today } => write!(
                f,
                "the window {from} – {to} is wholly before {today}; krock never proposes or exports a date in the past. Move [plan] from and to forward (or give --from/--to), or, to look at the plan as it was, give --today DATE (or [plan] today = \"YYYY-MM-DD\")"
            ),
            NoSeriesOccurrence { from, to } => write!(
                f,
                "no occurrence from {from} to {to}; give the current dates' calendar (or --today DATE), or run `krock init` without --series for a blank plan"
            ),
            Strict { warnings } => write!(f, "{warnings} warning(s) and --strict is set"),
            Context { error, context } => match context {
                self::Context::NamedIn { line: Some(line), plan } => {
                    write!(f, "{error}\n  (named in {plan}:{line})")
                }
                self::Context::NamedIn { line: None, plan } => {
                    write!(f, "{error}\n  (named in {plan})")
                }
                self::Context::NamedInNotSkipped { line, plan } => write!(
                    f,
                    "{error}\n  (named in {plan}:{line}; --skip-unreadable skips calendars and feeds, never a meeting's series)"
                ),
                self::Context::Cached => write!(f, "{error} (a copy is cached: --offline uses it)"),
                self::Context::AlreadyWritten(list) => write!(
                    f,
                    "{error}\n  already written before that:\n    {}",
                    list.join("\n    ")
                ),
            },
        }
    }
}

/// The text of a bad flag value: the flag and value, what is wrong, what to give instead.
fn flag_text(
    f: &mut fmt::Formatter<'_>,
    flag: &str,
    value: Option<&str>,
    problem: &FlagProblem,
) -> fmt::Result {
    use FlagProblem::*;
    let value = value.unwrap_or_default();
    match problem {
        UnknownZone => write!(
            f,
            "{flag} {value}: not a known IANA time zone; use a name like Europe/Stockholm"
        ),
        NotADate => write!(
            f,
            "{flag} {value}: not a date; write it as YYYY-MM-DD, e.g. 2026-04-01"
        ),
        WindowEmpty { from } => write!(
            f,
            "{flag} {value} is not after --from {from}; the window is [from, to) and must not be empty"
        ),
        WindowEmptyInclusive { from, to } => write!(
            f,
            "the window {from} – {to} is empty ({flag} {value} is exclusive: the last day is the one before it); give a --to after --from"
        ),
        YearsOutOfRange => f.write_str("the window must lie between years 1 and 9000"),
        Timeout => write!(
            f,
            "{flag} {value}: give a number of seconds above 0 (at most a day), e.g. {flag} 30"
        ),
        DownloadSize => write!(
            f,
            "{flag} {value}: give a size in MB from 1 to 1048576, e.g. {flag} 50"
        ),
        UnknownSolver => write!(f, "{flag} {value}: unknown solver; use microlp or highs"),
        NoHighs => write!(
            f,
            "{flag} {value}: this krock was built without HiGHS; rebuild with `cargo build --release --features highs` (needs cmake, g++, libclang-dev)"
        ),
        NoAlternatives => write!(f, "{flag} {value}: ask for at least one plan"),
        TimeLimit => write!(f, "{flag}: give a positive number of seconds"),
        PickZero => write!(f, "{flag} {value}: plans are numbered from 1 (the best)"),
        PickBeyond { count } => write!(
            f,
            "{flag} {value}: only {count} distinct plan{} meet every rule; pick 1 to {count}",
            if *count == 1 { "" } else { "s" }
        ),
        TzWithPlan { plan } => write!(
            f,
            "{flag} {value} cannot be used with --plan: a plan's dates and times are in its own time zone ([plan] timezone, default Europe/Stockholm); change timezone = \"…\" in {plan} instead"
        ),
        SeriesUrlNeedsOut => write!(
            f,
            "{flag} URL: the plan will hold the feed's address, which may carry a secret token, so it is never printed; give --out FILE to write it to a file (readable by you only)"
        ),
        HolidayYear => write!(f, "{flag} {value}: holidays are computed for 1900–2200"),
        SourceDateEpoch => write!(
            f,
            "{flag}={value}: not a number of seconds since 1970"
        ),
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl fmt::Display for PlanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PlanProblemKind::*;
        write!(f, "{}: ", self.at)?;
        match &self.kind {
            Unreadable { reason } => write!(f, "cannot read the plan: {reason}; check the path"),
            NotAFile { kind } => write!(
                f,
                "is {kind}, not a plan file; give the path of the plan's .toml file (krock init writes one)"
            ),
            TooBig { max_mb } => write!(
                f,
                "more than the {max_mb} MB a plan file may have; a plan is a small TOML file (docs/plan.md): check the path"
            ),
            NotUtf8 => f.write_str(
                "is not UTF-8 text (UTF-16, or not a text file?); save the plan as UTF-8",
            ),
            UnknownKey { key, allowed } => write!(
                f,
                "unknown key {key}; the keys allowed here are {allowed}; remove or rename it"
            ),
            Toml { message } | Invalid { message } => f.write_str(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_reads_file_line_then_what() {
        let e = Error::located(
            ErrorKind::Calendar {
                message: "bad DTSTART".into(),
            },
            Some(Location::line("a.ics", 12)),
        );
        assert_eq!(e.to_string(), "a.ics:12: bad DTSTART");
        let e = Error::at(
            "big.ics",
            ErrorKind::LimitExceeded {
                limit: Limit::FileBytes,
                value: 100 << 20,
            },
        );
        assert_eq!(
            e.to_string(),
            "big.ics: more than the 100 MB a file may have; raise the limit with --max-file-mb"
        );
        assert_eq!(
            Error::of(ErrorKind::Strict { warnings: 2 }).to_string(),
            "2 warning(s) and --strict is set"
        );
    }

    #[test]
    fn a_stale_proposal_lists_each_reason_and_how_to_propose_again() {
        let e = Error::at(
            "p.json",
            ErrorKind::StaleProposal {
                file: "p.json".into(),
                pick: 1,
                plan_file: "plan.toml".into(),
                plan_arg: "plan.toml".into(),
                reasons: vec!["kd 2026-04-21 13:00: anna is busy".into(), "x".into()],
            },
        );
        assert_eq!(
            e.to_string(),
            "p.json: plan 1 of this proposal no longer holds against plan.toml and its calendars today; nothing was exported:\n  - kd 2026-04-21 13:00: anna is busy\n  - x\nPropose again: krock propose --plan plan.toml --json > p.json"
        );
    }

    #[test]
    fn a_result_stays_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }
}
