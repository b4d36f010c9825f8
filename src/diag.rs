/*!
Diagnostics: the warnings and errors krock reports about its input.

Every message names the file, the line (when one is known) and what krock did about it
(what was skipped, or how a value was read), so a user can fix the input. Warnings are
collected, not printed, by the library; the binary prints them to stderr. `--strict` turns
any warning into an error (exit status 2).

Errors are data: an [`Error`] is an [`ErrorKind`] (what went wrong, with the values that
matter: which limit, which flag, which reasons) and the [`Location`] it points at. Their
text is written in one place, `report/errors.rs` (the `Display` impls), so tests can
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

/// An error that stops the command (exit status 2): what went wrong, and where. Boxed, so
/// that a `Result` stays one pointer wide; `e.kind` and `e.at` read through it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<Located>);

/// The error's content: its kind, and the place it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub kind: ErrorKind,
    /// The file (source, plan, flag target) and line the message names first, if any.
    pub at: Option<Location>,
}

impl std::ops::Deref for Error {
    type Target = Located;
    fn deref(&self) -> &Located {
        &self.0
    }
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
    /// Nothing where something was expected: no calendar, no events.
    Empty { detail: String },
    /// `init --series` whose source (`at`) has no occurrence from `from` to `to`.
    NoSeriesOccurrence { from: String, to: String },
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
        Error::located(kind, None)
    }
    /// An error of `kind` pointing at `at`.
    pub fn located(kind: ErrorKind, at: Option<Location>) -> Error {
        Error(Box::new(Located { kind, at }))
    }
    /// An error about the file (source, plan, output) `file`.
    pub fn at(file: impl fmt::Display, kind: ErrorKind) -> Error {
        Error::located(kind, Some(Location::file(file.to_string())))
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
        let at = Location {
            file: d.file,
            line: d.line,
        };
        Error::located(ErrorKind::Calendar { message: d.message }, Some(at))
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
