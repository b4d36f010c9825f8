/*!
Diagnostics: the warnings and errors krock reports about its input.

Every message names the file, the line (when one is known) and what krock did about it
(what was skipped, or how a value was read), so a user can fix the input. Warnings are
collected, not printed, by the library; the binary prints them to stderr. `--strict` turns
any warning into an error (exit status 2).

Errors are data: an [`Error`] is an [`ErrorKind`] (what went wrong, with the values that
matter: which limit, which flag, which reasons) and the [`Location`] it points at. Their
text is written in one place, the `Display` impls at the end of this file, so tests can
compare kinds and a translation (#15) has one place to change.
*/

use std::fmt;

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The source as the user named it (a path, `-` for stdin).
    pub file: String,
    /// 1-based physical line, when known.
    pub line: Option<usize>,
    /// What is wrong and what krock did about it.
    pub message: String,
}

impl Diagnostic {
    pub fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Warnings collected while reading; passed down by `&mut`.
#[derive(Debug, Default, Clone)]
pub struct Warnings {
    pub items: Vec<Diagnostic>,
}

impl Warnings {
    pub fn push(&mut self, file: &str, line: Option<usize>, message: impl Into<String>) {
        self.items.push(Diagnostic::new(file, line, message));
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn extend(&mut self, other: Warnings) {
        self.items.extend(other.items);
    }
}

/// Where an error points: the source as the user named it, and the line when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: Option<usize>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: file.into(),
            line: None,
        }
    }
    pub fn line(file: impl Into<String>, line: usize) -> Location {
        Location {
            file: file.into(),
            line: Some(line),
        }
    }
}

/// An error that stops the command (exit status 2): what went wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    /// The file (source, plan, flag target) and line the message names first, if any.
    pub at: Option<Location>,
}

/// The limits of the README's "Fuzzing and limits" that end a command with an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Bytes of one calendar file (`--max-file-mb`).
    FileBytes,
    /// Bytes of one CalDAV answer (`--max-download-mb`).
    DownloadBytes,
    /// Occurrences of all sources together (`--max-total-occurrences`).
    TotalOccurrences,
}

impl Limit {
    /// The flag that raises the limit.
    pub fn flag(self) -> &'static str {
        match self {
            Limit::FileBytes => "--max-file-mb",
            Limit::DownloadBytes => "--max-download-mb",
            Limit::TotalOccurrences => "--max-total-occurrences",
        }
    }
}

/// What is wrong with a flag's value (or an environment variable read like one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlagProblem {
    UnknownZone,
    NotADate,
    /// `--to` not after `--from` (the value is `--to`'s; `from` the other end).
    WindowEmpty {
        from: String,
    },
    /// A window (after `--to`'s exclusive end is taken off) that ends before it starts.
    WindowEmptyInclusive {
        from: String,
        to: String,
    },
    YearsOutOfRange,
    Timeout,
    DownloadSize,
    UnknownSolver,
    NoHighs,
    NoAlternatives,
    TimeLimit,
    PickZero,
    /// `--pick N` beyond the `count` plans there are.
    PickBeyond {
        count: usize,
    },
    /// `--tz` with `--plan`, whose `[plan] timezone` decides (`plan` is its path).
    TzWithPlan {
        plan: String,
    },
    /// `init --series URL` without `--out` (the plan would print the secret address).
    SeriesUrlNeedsOut,
    HolidayYear,
    SourceDateEpoch,
}

/// Why `export --caldav` or a write refuses, or what the context of an error is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Context {
    /// The source was named in the plan (at this line, when known).
    NamedIn { line: Option<usize>, plan: String },
    /// As `NamedIn`, a series that `--skip-unreadable` does not skip.
    NamedInNotSkipped { line: usize, plan: String },
    /// A cached copy exists that `--offline` would use.
    Cached,
    /// These messages were written into the calendar before the error.
    AlreadyWritten(Vec<String>),
}

/// The kinds of errors users meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// A source that cannot be read (missing, not a file, an empty directory …).
    Unreadable { detail: String },
    /// Bad iCalendar, at a line (`at`).
    Calendar { message: String },
    /// The plan file's problems, each at its line.
    Plan(PlanError),
    /// A limit exceeded: which, and the value it has now.
    LimitExceeded { limit: Limit, value: u64 },
    /// A download, an HTTP or a CalDAV exchange that failed.
    Network { detail: String },
    /// A source that must come from the cache under `--offline` and is not there.
    NotCached { detail: String },
    /// An export (files or CalDAV) that refuses to write.
    ExportRefused { detail: String },
    /// A saved proposal (`export --proposal FILE`) that is not one krock wrote.
    BadProposal { detail: String },
    /// A saved proposal (`at`) whose plan no longer holds: the reasons, and how to propose again.
    StaleProposal {
        file: String,
        pick: usize,
        plan_file: String,
        plan_arg: String,
        reasons: Vec<String>,
    },
    /// `export` when no plan meets every rule (`at` is the plan as given).
    NothingToExport { plan: String },
    /// The solver failed (its own message; connected to its error enum on merge).
    Solver { message: String },
    /// A flag's value is not accepted.
    BadFlag {
        flag: String,
        value: Option<String>,
        problem: FlagProblem,
    },
    /// The plan's window lies wholly before today (`at` is the plan).
    WindowInPast {
        from: String,
        to: String,
        today: String,
    },
    /// Nothing where something was expected: no occurrence, no calendar.
    Empty { detail: String },
    /// Output that cannot be written (stdout, `--html`, `init --out`).
    Output { detail: String },
    /// `--strict` and this many warnings.
    Strict { warnings: usize },
    /// Another error, and where it came from.
    Context { error: Box<Error>, context: Context },
}

impl Error {
    /// An error that points at nothing in particular.
    pub fn of(kind: ErrorKind) -> Error {
        Error { kind, at: None }
    }
    /// An error about the file (source, plan, output) `file`.
    pub fn at(file: impl fmt::Display, kind: ErrorKind) -> Error {
        Error {
            kind,
            at: Some(Location::file(file.to_string())),
        }
    }
    /// The solver's error (its `Result<_, String>` today).
    pub fn new(message: impl Into<String>) -> Self {
        Error::of(ErrorKind::Solver {
            message: message.into(),
        })
    }
    /// A bad value of `flag`.
    pub fn flag(flag: &str, value: Option<String>, problem: FlagProblem) -> Error {
        Error::of(ErrorKind::BadFlag {
            flag: flag.to_string(),
            value,
            problem,
        })
    }
    /// This error with `context` added.
    pub fn context(self, context: Context) -> Error {
        Error::of(ErrorKind::Context {
            error: Box::new(self),
            context,
        })
    }
    /// The innermost error (below any context).
    pub fn root(&self) -> &Error {
        match &self.kind {
            ErrorKind::Context { error, .. } => error.root(),
            _ => self,
        }
    }
}

impl std::error::Error for Error {}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error {
            at: Some(Location {
                file: d.file,
                line: d.line,
            }),
            kind: ErrorKind::Calendar { message: d.message },
        }
    }
}

impl From<PlanError> for Error {
    fn from(e: PlanError) -> Self {
        Error::of(ErrorKind::Plan(e))
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// All problems of a plan file, sorted by line; one line each in the Display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    pub problems: Vec<PlanProblem>,
}

/// One problem of a plan file, at its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanProblem {
    pub at: Location,
    pub kind: PlanProblemKind,
}

/// What is wrong with a plan file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanProblemKind {
    Unreadable {
        reason: String,
    },
    /// A directory, FIFO … (`kind` says which).
    NotAFile {
        kind: String,
    },
    TooBig {
        max_mb: u64,
    },
    NotUtf8,
    /// A key serde does not know here; `allowed` as serde lists them ("a, b or c").
    UnknownKey {
        key: String,
        allowed: String,
    },
    /// TOML syntax, a duplicate key, or a value of the wrong type (serde's words, explained).
    Toml {
        message: String,
    },
    /// A rule of docs/plan.md broken: what is wrong and what to do.
    Invalid {
        message: String,
    },
}

impl std::error::Error for PlanError {}

// ---- the texts -------------------------------------------------------------------------

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
