/*!
Why a solve stopped without an answer: the solver's errors as data.

The program's error type wraps these (see the `From` impl below); the texts are the ones
a user sees, each saying what to do.
*/

use super::verify::Violation;
use std::fmt;

/// A solve that could not answer (an infeasible plan is an answer, not an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The ILP backend failed (not: found the plan infeasible).
    Backend {
        backend: &'static str,
        message: String,
    },
    /// The time limit ran out before any plan was found.
    OutOfTime,
    /// The solver's plan breaks a rule the verifier checks: a bug in the solver.
    BrokenPlan(Violation),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Backend { backend, message } => {
                write!(f, "the {backend} solver failed: {message}")
            }
            Error::OutOfTime => f.write_str(
                "the time limit ran out before any plan was found; give more time with --time-limit SECONDS",
            ),
            Error::BrokenPlan(v) => write!(
                f,
                "internal error: the solver's plan breaks a rule ({}); please report this with the plan",
                v.text
            ),
        }
    }
}

impl std::error::Error for Error {}

/// What the solver returns.
pub type Result<T> = std::result::Result<T, Error>;

impl From<Error> for crate::diag::Error {
    fn from(e: Error) -> Self {
        crate::diag::Error::new(e.to_string())
    }
}
