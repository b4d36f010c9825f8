/*!
The output language: which one (`sv` or `en`), and every human sentence krock writes, looked
up by message id in one Fluent file per language (`en.ftl`, `sv.ftl` beside this file).

Which language: `--lang`, else the plan's `[plan] language`, else the environment (the first
set of `LC_ALL`, `LC_MESSAGES`, `LANG`, as POSIX orders them; a value starting with `sv` is
Swedish), else English ([`Lang::resolve`]). Only prose is translated: JSON keys and values,
ISO dates in tables, calendar data and holiday names keep their own form.

Messages are compiled into the binary (`include_str!`), parsed once on first use. Every id
exists in both files with the same variables (a test checks it), so a lookup cannot miss; if
it ever did, the English text is used, and failing that the id itself — never a panic.

Dates in prose ([`dates`]): "fredag 24 april 2026" / "Friday 24 April 2026", "vecka 17" /
"week 17", 24-hour times ("08.30" in Swedish prose, "08:30" in English).
*/

pub mod dates;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

/// The languages krock speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    En,
    Sv,
}

/// Where the language was chosen, most specific first.
pub const LANG_ENV: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Sv];

    /// `sv`, `sv-SE`, `sv_SE.UTF-8`, `Swedish`… → Swedish; `en`, `en-GB`, `C`, `POSIX` → English.
    /// Anything else is not a language krock speaks.
    pub fn parse(s: &str) -> Option<Lang> {
        let l = s.trim().to_ascii_lowercase();
        let head: String = l.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        match head.as_str() {
            "sv" | "swedish" | "svenska" => Some(Lang::Sv),
            "en" | "english" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the environment asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG`
    /// that is set and not empty decides (POSIX precedence); one starting with `sv` is
    /// Swedish, anything else English. `None` when none is set.
    pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        LANG_ENV
            .iter()
            .filter_map(|k| get(k))
            .find(|v| !v.is_empty())
            .map(|v| {
                if v.to_ascii_lowercase().starts_with("sv") {
                    Lang::Sv
                } else {
                    Lang::En
                }
            })
    }

    /// [`Lang::from_env_with`] over this process's environment.
    pub fn from_env() -> Option<Lang> {
        Lang::from_env_with(|k| std::env::var(k).ok())
    }

    /// The flag, else the plan, else the environment, else English.
    pub fn resolve(flag: Option<Lang>, plan: Option<Lang>, env: Option<Lang>) -> Lang {
        flag.or(plan).or(env).unwrap_or_default()
    }

    /// `sv` / `en`: the BCP 47 tag (`<html lang>`, `LANGUAGE` in invites).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
        }
    }

    /// The message file of this language, as compiled in.
    pub fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("en.ftl"),
            Lang::Sv => include_str!("sv.ftl"),
        }
    }

    fn bundle(self) -> &'static FluentBundle<FluentResource> {
        static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
        static SV: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
        let cell = match self {
            Lang::En => &EN,
            Lang::Sv => &SV,
        };
        cell.get_or_init(|| build(self))
    }

    /// The message `id` with `args`, in this language.
    pub fn tr(self, id: &str, args: &[(&str, Arg)]) -> String {
        format(self, id, args)
            .or_else(|| format(Lang::En, id, args))
            .unwrap_or_else(|| id.to_string())
    }

    /// The message `id` with `args` in this language only: None when the message is
    /// missing or does not format (no fallback) — for tests of the message files.
    pub fn try_tr(self, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        format(self, id, args)
    }

    /// The message `id` without arguments.
    pub fn t(self, id: &str) -> String {
        self.tr(id, &[])
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A message argument: text (names, dates already written out) or a count (chooses the
/// plural form: "1 närvarande", "12 av 12 närvarande").
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Count(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Count(n as i64)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Count(n)
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Count(n as i64)
    }
}
impl From<i32> for Arg {
    fn from(n: i32) -> Arg {
        Arg::Count(n as i64)
    }
}

/// `tr!(lang, "id", name = value, …)`: a message with named arguments.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:expr) => { $lang.t($id) };
    ($lang:expr, $id:expr, $($k:ident = $v:expr),+ $(,)?) => {
        $lang.tr($id, &[$((stringify!($k), $crate::i18n::Arg::from($v))),+])
    };
}

fn build(lang: Lang) -> FluentBundle<FluentResource> {
    let tag: unic_langid::LanguageIdentifier =
        lang.code().parse().expect("a fixed, valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![tag]);
    // No Unicode isolation marks around arguments: the output goes to terminals, files
    // and invites, where invisible FSI/PDI characters would only get in the way.
    bundle.set_use_isolating(false);
    // Parse errors are caught by the tests over both files; a resource that somehow had
    // one still adds every message that parsed.
    let res = match FluentResource::try_new(lang.source().to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let _ = bundle.add_resource(res);
    bundle
}

fn format(lang: Lang, id: &str, args: &[(&str, Arg)]) -> Option<String> {
    let bundle = lang.bundle();
    let (msg_id, attr) = match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    };
    let msg = bundle.get_message(msg_id)?;
    let pattern = match attr {
        Some(a) => msg.get_attribute(a)?.value(),
        None => msg.value()?,
    };
    let mut fargs = FluentArgs::with_capacity(args.len());
    for (k, v) in args {
        let value = match v {
            Arg::Text(s) => FluentValue::from(s.clone()),
            Arg::Count(n) => FluentValue::from(*n),
        };
        fargs.set(*k, value);
    }
    let mut errors = Vec::new();
    let out = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
    if errors.is_empty() {
        Some(out.into_owned())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_flag_plan_env() {
        assert_eq!(Lang::resolve(None, None, None), Lang::En);
        assert_eq!(Lang::resolve(None, None, Some(Lang::Sv)), Lang::Sv);
        assert_eq!(
            Lang::resolve(None, Some(Lang::En), Some(Lang::Sv)),
            Lang::En
        );
        assert_eq!(
            Lang::resolve(Some(Lang::Sv), Some(Lang::En), None),
            Lang::Sv
        );
    }

    #[test]
    fn environment_in_posix_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_env_with(env(&[])), None);
        assert_eq!(
            Lang::from_env_with(env(&[("LANG", "sv_SE.UTF-8")])),
            Some(Lang::Sv)
        );
        assert_eq!(
            Lang::from_env_with(env(&[("LANG", "sv_SE.UTF-8"), ("LC_ALL", "C")])),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_env_with(env(&[("LC_ALL", ""), ("LC_MESSAGES", "sv_FI")])),
            Some(Lang::Sv)
        );
        assert_eq!(
            Lang::from_env_with(env(&[("LANG", "de_DE.UTF-8")])),
            Some(Lang::En)
        );
    }

    #[test]
    fn parse_names() {
        assert_eq!(Lang::parse("sv"), Some(Lang::Sv));
        assert_eq!(Lang::parse("sv-SE"), Some(Lang::Sv));
        assert_eq!(Lang::parse("SV_se.utf8"), Some(Lang::Sv));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fi"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn plurals_follow_the_language() {
        assert_eq!(
            tr!(Lang::Sv, "present-of", present = 1usize, total = 1usize),
            "1 av 1 närvarande"
        );
        assert_eq!(
            tr!(Lang::En, "present-of", present = 12usize, total = 12usize),
            "12 of 12 present"
        );
        assert_eq!(tr!(Lang::En, "n-people", n = 1usize), "1 person");
        assert_eq!(tr!(Lang::En, "n-people", n = 3usize), "3 people");
        assert_eq!(tr!(Lang::Sv, "n-people", n = 1usize), "1 person");
        assert_eq!(tr!(Lang::Sv, "n-people", n = 3usize), "3 personer");
    }

    #[test]
    fn a_missing_id_is_the_id_not_a_panic() {
        assert_eq!(Lang::Sv.t("no-such-message"), "no-such-message");
    }
}
