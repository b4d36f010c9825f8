/*!
Diagnostics: the warnings and errors krock reports about its input.

Every message names the file, the line (when one is known) and what krock did about it
(what was skipped, or how a value was read), so a user can fix the input. Warnings are
collected, not printed, by the library; the binary prints them to stderr. `--strict` turns
any warning into an error (exit status 2).
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

/// An error that stops the command (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub message: String,
}

impl Error {
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::new(d.to_string())
    }
}

pub type Result<T> = std::result::Result<T, Error>;
