/*!
Renderers: they print what the library computed, and compute no scheduling facts.

Each output format is one module; the shared helpers here format dates the way humans
in the target audience read them (ISO 8601 dates, ISO week numbers, 24-hour times). Every
sentence comes from the message files of `crate::i18n`, in the world's language
(`World::lang`: `--lang`, the plan's `language`, the environment) or, for commands without
a plan, the language they are given.
*/

pub mod check;
pub mod errors;
pub mod escape;
pub mod events;
pub mod exported;
pub mod grid;
pub mod html;
mod html_calendar;
mod html_privacy;
mod html_tables;
pub mod lists;
pub mod month;
pub mod notes;
pub mod propose;
pub mod runners_up;

use crate::i18n::Lang;
use crate::ical::zone::Zone;
use chrono::{DateTime, NaiveDate, Utc};

/// `2026-04-24 v17 Fri`: the date, its ISO week and weekday, in English (the `events`
/// list; the reports use [`crate::i18n::dates::day_label`] in their language).
pub fn day_label(d: NaiveDate) -> String {
    crate::i18n::dates::day_label(Lang::En, d)
}

/// `08:30` in `zone`.
pub fn hm(t: DateTime<Utc>, zone: &Zone) -> String {
    zone.to_local(t).format("%H:%M").to_string()
}

/// Whether to colour output: only on a terminal, never with `NO_COLOR` set.
pub fn use_colour(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Terminal styling: ANSI colours when enabled, plain text otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub colour: bool,
}

impl Style {
    pub fn plain() -> Style {
        Style { colour: false }
    }
    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    pub fn bad(&self, text: &str) -> String {
        self.paint("31", text)
    }
    pub fn good(&self, text: &str) -> String {
        self.paint("32", text)
    }
    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    /// Yellow: holidays in the month grid.
    pub fn note(&self, text: &str) -> String {
        self.paint("33", text)
    }
    /// Faint: days outside the plan's window, dates given up.
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
}
