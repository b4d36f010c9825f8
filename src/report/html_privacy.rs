/*!
What the HTML page may show of other people's calendars. The page is made to be sent
around, so unless the plan says `show_titles = true` (or `--show-titles` is given), the
title of every busy event is replaced by "busy" or "tentative" and the name of the source
it comes from ("busy (feed regionalt-rad)", "tentative (calendar of Kommundirektör,
Båstad)") — in the calendar, in the clash lists and in every reason text alike.

It works on the finished page, in text and in attribute values only (never inside tag
names or the stylesheet), so a title can leak through no renderer, whatever builds the
sentence that holds it.
*/

use super::escape::esc;
use crate::busy::{Busy, BusyMap};
use crate::tr;
use crate::world::World;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::{BTreeMap, BTreeSet};

/// The label of a source for people to read: the plan's name for it, never its path or URL.
fn source_label(world: &World, source: &str) -> String {
    if let Some(f) = world.plan.feeds.iter().find(|f| f.source == source) {
        return tr!(world.lang, "source-feed", id = &f.id);
    }
    if let Some(p) = world
        .plan
        .people
        .iter()
        .find(|p| p.calendar.as_deref() == Some(source))
    {
        return tr!(world.lang, "source-calendar-of", name = &p.name);
    }
    if let Some(m) = world
        .plan
        .meetings
        .iter()
        .find(|m| m.series.as_deref() == Some(source))
    {
        return tr!(world.lang, "source-series-of", id = &m.id);
    }
    world.lang.t("source-other")
}

/// What the page shows for one busy event in place of its title: "busy (feed
/// regionalt-rad)", "tentative (calendar of Kommundirektör, Båstad)".
pub(super) fn private_text(world: &World, b: &Busy) -> String {
    let label = source_label(world, &b.source);
    if b.tentative {
        tr!(world.lang, "private-tentative", source = label)
    } else {
        tr!(world.lang, "private-busy", source = label)
    }
}

/// (escaped title, escaped replacement), longest title first. A title that several
/// sources share ("Ledig" in five calendars) cannot say whose it is wherever it stands in
/// a sentence, so it becomes "busy (several calendars)" rather than one source's label.
fn secrets(world: &World, busy: &BusyMap) -> Vec<(String, String)> {
    let mut by_title: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &world.plan.people {
        for b in busy.of(&p.id) {
            let title = esc(&b.summary);
            if title.trim().is_empty() {
                continue;
            }
            by_title
                .entry(title)
                .or_default()
                .insert(private_text(world, b));
        }
    }
    let mut out: Vec<(String, String)> = by_title
        .into_iter()
        .map(|(title, texts)| {
            let text = match texts.len() {
                1 => texts.into_iter().next().unwrap_or_default(),
                _ => world.lang.t("private-several"),
            };
            (title, esc(&text))
        })
        .collect();
    out.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    out
}

/// The titles to replace, found in one pass over a text (Aho-Corasick, leftmost-longest:
/// a page of 1.5 MB with 6,000 titles takes milliseconds, not seconds).
struct Finder<'a> {
    secrets: &'a [(String, String)],
    automaton: Option<AhoCorasick>,
    with: Vec<&'a str>,
}

impl<'a> Finder<'a> {
    fn new(secrets: &'a [(String, String)]) -> Finder<'a> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(secrets.iter().map(|(t, _)| t.as_str()))
            .ok();
        let with = secrets.iter().map(|(_, w)| w.as_str()).collect();
        Finder {
            secrets,
            automaton,
            with,
        }
    }

    fn replace(&self, text: &str) -> String {
        match self
            .automaton
            .as_ref()
            .map(|a| a.try_replace_all(text, &self.with))
        {
            Some(Ok(out)) => out,
            // Not built (too many titles for its limits): the same, one position at a time.
            _ => replace_all(text, self.secrets),
        }
    }
}

fn replace_all(text: &str, secrets: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let longest = secrets
            .iter()
            .filter(|(title, _)| rest.starts_with(title.as_str()))
            .max_by_key(|(title, _)| title.len());
        if let Some((title, with)) = longest {
            out.push_str(with);
            rest = &rest[title.len()..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Replaces the titles in one tag's quoted attribute values.
fn redact_tag(tag: &str, finder: &Finder) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut parts = tag.split('"');
    let mut inside = false;
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        out.push('"');
        inside = !inside;
        if inside {
            out.push_str(&finder.replace(part));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The page with every busy event's title replaced, unless the plan shows titles.
pub fn redact(page: String, world: &World, busy: &BusyMap) -> String {
    if world.plan.show_titles {
        return page;
    }
    let secrets = secrets(world, busy);
    if secrets.is_empty() {
        return page;
    }
    let finder = Finder::new(&secrets);
    // Say so where the reader looks first, at the end of the header.
    let said = format!(
        "<p class=\"sub\">{}</p>\n</header>",
        esc(&world.lang.t("private-said"))
    );
    let page = page.replacen("</header>", &said, 1);
    let mut out = String::with_capacity(page.len());
    let mut rest = page.as_str();
    let mut in_style = false;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        if in_style {
            out.push_str(text);
        } else {
            out.push_str(&finder.replace(text));
        }
        let Some(gt) = rest[lt..].find('>') else {
            out.push_str(&rest[lt..]);
            return out;
        };
        let tag = &rest[lt..lt + gt + 1];
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("<style") {
            in_style = true;
        } else if lower.starts_with("</style") {
            in_style = false;
        }
        out.push_str(&redact_tag(tag, &finder));
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(&finder.replace(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The automaton replaces exactly what the plain scan replaces.
        #[test]
        fn the_automaton_and_the_plain_scan_agree(
            titles in proptest::collection::vec("[ab ]{1,4}", 1..6),
            text in "[abc ]{0,40}",
        ) {
            let secrets: Vec<(String, String)> = titles
                .iter()
                .filter(|t| !t.trim().is_empty())
                .enumerate()
                .map(|(i, t)| (t.clone(), format!("<{i}>")))
                .collect();
            let mut dedup: Vec<(String, String)> = Vec::new();
            for s in secrets {
                if !dedup.iter().any(|d| d.0 == s.0) {
                    dedup.push(s);
                }
            }
            let finder = Finder::new(&dedup);
            prop_assert_eq!(finder.replace(&text), replace_all(&text, &dedup));
        }
    }

    #[test]
    fn text_and_attributes_only() {
        let s = vec![
            ("li".to_string(), "busy".to_string()),
            ("Ledig".to_string(), "busy (x)".to_string()),
        ];
        let finder = Finder::new(&s);
        let tag = redact_tag("<li class=\"ev\" title=\"Ledig — li\">", &finder);
        assert_eq!(tag, "<li class=\"ev\" title=\"busy (x) — busy\">");
        assert_eq!(finder.replace("Ledig 09:00"), "busy (x) 09:00");
        assert_eq!(replace_all("Ledig 09:00", &s), "busy (x) 09:00");
        // The longest title wins where two start at the same place.
        let s = vec![
            ("Styrelsemöte".to_string(), "a".to_string()),
            ("Styrelsemöte Familjen".to_string(), "b".to_string()),
        ];
        let finder = Finder::new(&s);
        assert_eq!(finder.replace("x Styrelsemöte Familjen y"), "x b y");
        assert_eq!(replace_all("x Styrelsemöte Familjen y", &s), "x b y");
    }
}
