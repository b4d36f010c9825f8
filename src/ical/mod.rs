/*!
Bytes → events: everything that knows iCalendar.

`tree` unfolds content lines, splits them (with `line`) and builds them into
components with line numbers; `zone` resolves TZIDs (IANA, Windows, VTIMEZONE);
`vevent` types one VEVENT; `recur` expands RRULEs in local time (with the `rrule` crate,
and `fine` for MINUTELY/SECONDLY rules with filters);
`expand` applies RDATE, EXDATE and RECURRENCE-ID overrides and cuts to the window;
`freebusy` turns VFREEBUSY periods into busy occurrences.
Nothing outside this module parses iCalendar text.
*/

pub mod expand;
pub mod fine;
pub mod freebusy;
pub mod line;
pub mod recur;
pub mod splice;
pub mod tree;
pub mod value;
pub mod vevent;
pub mod windows_zones;
pub mod zone;

use crate::diag::{Diagnostic, Warnings};
use crate::events::{Occurrence, ReadOptions};
use tree::Component;
use vevent::TimeReader;
use zone::{CustomZone, ZoneBook};

/// Reads one file's bytes into occurrences in the window. Whatever cannot be read inside
/// the file is reported in `warnings` with its line, and the rest is kept; only a file
/// that is not iCalendar at all is an error.
pub fn read(
    file: &str,
    bytes: &[u8],
    opts: &ReadOptions,
    warnings: &mut Warnings,
) -> Result<Vec<Occurrence>, Diagnostic> {
    read_within(file, bytes, opts, opts.limits.max_total, warnings)
}

/// [`read`], with expansion stopped once more than `room` occurrences are in the window
/// (the caller then reports `--max-total-occurrences`): occurrences are counted while
/// they are made, so the limit fires before the memory grows.
pub fn read_within(
    file: &str,
    bytes: &[u8],
    opts: &ReadOptions,
    room: usize,
    warnings: &mut Warnings,
) -> Result<Vec<Occurrence>, Diagnostic> {
    let typed = parse(file, bytes, opts, warnings)?;
    Ok(expand(typed, file, opts, room, warnings))
}

/// A file read as far as typed events: its VEVENTs with their times resolved to zones and
/// their rules parsed (not yet expanded), and the busy periods of its VFREEBUSYs.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub events: Vec<vevent::Vevent>,
    pub busy_periods: Vec<Occurrence>,
}

/// The first half of [`read_within`]: text → typed events (what the README calls parsing).
pub fn parse(
    file: &str,
    bytes: &[u8],
    opts: &ReadOptions,
    warnings: &mut Warnings,
) -> Result<Typed, Diagnostic> {
    let mut local = Warnings::default();
    let roots = tree::parse(file, bytes, &opts.limits, &mut local);
    if roots.is_empty() {
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            warnings.push(
                file,
                None,
                "empty file; no events (check that this is the calendar you meant, or download it again)",
            );
            return Ok(Typed::default());
        }
        // Two encodings that look like garbage below: say what they are.
        let utf16 = bytes.starts_with(b"\xFF\xFE")
            || bytes.starts_with(b"\xFE\xFF")
            || bytes.iter().take(200).filter(|&&b| b == 0).count() > 20;
        if utf16 {
            return Err(Diagnostic::new(
                file,
                Some(1),
                "the file is UTF-16 text, not UTF-8; save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)",
            ));
        }
        if !bytes.contains(&b'\n') && bytes.contains(&b'\r') {
            return Err(Diagnostic::new(
                file,
                Some(1),
                "the lines end in CR only (old Mac line endings), so the file reads as one line; save it with CRLF or LF line endings",
            ));
        }
        return Err(Diagnostic::new(
            file,
            Some(1),
            format!(
                "not an iCalendar file: {}; pass a .ics calendar (one that starts with BEGIN:VCALENDAR)",
                what_it_is(bytes)
            ),
        ));
    }
    warnings.extend(local);
    let mut calendars: Vec<&Component> = Vec::new();
    let mut loose: Vec<&Component> = Vec::new();
    for root in &roots {
        if root.name == "VCALENDAR" {
            calendars.push(root);
        } else {
            loose.push(root);
        }
    }
    // The file's VTIMEZONEs serve every calendar in it.
    let mut zones = ZoneBook::default();
    let all_components = calendars
        .iter()
        .flat_map(|c| c.children.iter())
        .chain(loose.iter().copied());
    let mut onsets_left = opts.limits.max_tz_onsets;
    let mut over_budget = 0usize;
    for c in all_components.clone().filter(|c| c.name == "VTIMEZONE") {
        if onsets_left == 0 && over_budget > 0 {
            // One message for the VTIMEZONE that reached the limit; the rest are counted.
            over_budget += 1;
            continue;
        }
        match CustomZone::from_component(c, &opts.limits, &mut onsets_left) {
            Ok(z) => zones.add_vtimezone(z),
            Err((line, msg)) => {
                if msg.contains("--max-tz-onsets") {
                    onsets_left = 0;
                    over_budget = 1;
                }
                warnings.push(
                    file,
                    Some(line),
                    format!("{msg}; this VTIMEZONE is ignored (complete it, or use an IANA TZID like Europe/Stockholm)"),
                )
            }
        }
    }
    if over_budget > 1 {
        warnings.push(
            file,
            None,
            format!(
                "{} more VTIMEZONEs after the --max-tz-onsets limit are ignored",
                over_budget - 1
            ),
        );
    }
    let mut events = Vec::new();
    let mut busy_periods = Vec::new();
    let mut groups: Vec<(Option<&Component>, Vec<&Component>)> = calendars
        .iter()
        .map(|cal| (Some(*cal), cal.children.iter().collect()))
        .collect();
    if !loose.is_empty() {
        groups.push((None, loose));
    }
    for (cal, comps) in groups {
        let floating = cal
            .and_then(|c| c.prop("X-WR-TIMEZONE"))
            .and_then(|p| match zones.resolve(p.value.trim()) {
                Some((z, _)) => Some(z),
                None => {
                    warnings.push(
                        file,
                        Some(p.line),
                        format!(
                            "X-WR-TIMEZONE \"{}\" is not a known zone; floating times read in {} (use an IANA name like Europe/Stockholm)",
                            p.value.trim(),
                            opts.window.zone.name()
                        ),
                    );
                    None
                }
            })
            .unwrap_or_else(|| opts.window.zone.clone());
        // A big calendar's second half is typed on a second thread meanwhile, with its
        // own reader, and taken only if it warned of nothing: then it is exactly what
        // this reader would have made of it after the first half (the readers share no
        // state but caches and the warnings said once). Otherwise it is typed again here.
        let (first, second) = comps.split_at(
            if comps.len() >= HALVES_FROM_COMPONENTS
                && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
            {
                comps.len() / 2
            } else {
                comps.len()
            },
        );
        let mut book = zones.clone();
        let max_exdates = opts.limits.max_exdates;
        let mut reader = TimeReader::new(file, &mut zones, floating.clone(), warnings, max_exdates);
        let other = std::thread::scope(|scope| {
            let other = (!second.is_empty()).then(|| {
                let floating = floating.clone();
                let book = &mut book;
                scope.spawn(move || {
                    let mut w = Warnings::default();
                    let mut reader =
                        TimeReader::new(file, book, floating.clone(), &mut w, max_exdates);
                    let typed = type_components(second, &mut reader, file, &floating);
                    (typed, w)
                })
            });
            let typed = type_components(first, &mut reader, file, &floating);
            events.extend(typed.events);
            busy_periods.extend(typed.busy_periods);
            other.map(|h| h.join())
        });
        let rest = match other {
            Some(Ok((typed, w))) if w.is_empty() => typed,
            _ => type_components(second, &mut reader, file, &floating),
        };
        events.extend(rest.events);
        busy_periods.extend(rest.busy_periods);
    }
    Ok(Typed {
        events,
        busy_periods,
    })
}

/// Calendars with at least this many components are typed in two halves at once.
const HALVES_FROM_COMPONENTS: usize = 4_000;

/// The VEVENTs and VFREEBUSYs among `comps`, typed in order.
fn type_components(
    comps: &[&Component],
    reader: &mut TimeReader,
    file: &str,
    floating: &zone::Zone,
) -> Typed {
    let mut typed = Typed::default();
    for c in comps {
        if c.name == "VEVENT" {
            if let Some(ev) = vevent::read_vevent(c, reader) {
                typed.events.push(ev);
            }
        } else if c.name == "VFREEBUSY" {
            typed
                .busy_periods
                .extend(freebusy::read_vfreebusy(c, file, floating, reader.warnings));
        }
    }
    typed
}

/// The second half of [`read_within`]: typed events → occurrences in the window (at most
/// a little over `room`, see [`read_within`]), in file order.
pub fn expand(
    typed: Typed,
    file: &str,
    opts: &ReadOptions,
    room: usize,
    warnings: &mut Warnings,
) -> Vec<Occurrence> {
    let mut out = expand::expand_file(typed.events, file, opts, room, warnings);
    let bounds = opts.window.bounds();
    out.extend(
        typed
            .busy_periods
            .into_iter()
            .filter(|o| bounds.contains(o)),
    );
    out
}

/// What a file that is not iCalendar looks like, for the error. Quotes the first line
/// only when it is an iCalendar-style `BEGIN:` line (a vCard, a lone VEVENT), which helps
/// the user; anything else is described, never echoed (the path may name a secret file).
fn what_it_is(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + 1024)];
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let first = lower.lines().next().unwrap_or_default();
    if first.starts_with("begin:") {
        let line = String::from_utf8_lossy(head);
        let line = line.lines().next().unwrap_or_default().trim();
        return format!(
            "it starts with {}",
            tree::excerpt(&crate::safe_text::clean(line))
        );
    }
    if lower.starts_with('<')
        && ["<html", "<!doctype html", "<head", "<body"]
            .iter()
            .any(|t| lower.contains(t))
    {
        return "it is a web page (HTML), often a login page or the page that shows the calendar instead of its feed".to_string();
    }
    if lower.starts_with("<?xml") {
        return "it is XML".to_string();
    }
    if lower.starts_with('{') || lower.starts_with('[') {
        return "it looks like JSON".to_string();
    }
    let invalid_utf8 = matches!(std::str::from_utf8(head), Err(e) if e.error_len().is_some());
    if head.contains(&0) || invalid_utf8 {
        return "it is binary data".to_string();
    }
    "it starts with other text (not quoted, as it may be private)".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Window;
    use chrono::NaiveDate;

    /// A calendar typed in two halves gives the events in file order, and a warning said
    /// once per file stays said once (at its first line), whichever half it is in.
    #[test]
    fn halves_type_as_one_pass() {
        let n = HALVES_FROM_COMPONENTS + 1_000;
        let odd = |i: usize| i == 10 || i == n - 10;
        let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
        for i in 0..n {
            let tz = if odd(i) {
                "Mars/Olympus"
            } else {
                "Europe/Stockholm"
            };
            text.push_str(&format!(
                "BEGIN:VEVENT\r\nUID:u{i}\r\nDTSTART;TZID={tz}:20260105T100000\r\nEND:VEVENT\r\n"
            ));
        }
        text.push_str("END:VCALENDAR\r\n");
        let zone = zone::Zone::iana("Europe/Stockholm").unwrap();
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let opts = ReadOptions::new(Window::new(day(1, 1), day(2, 1), zone));
        for unknown_in_first in [true, false] {
            let text = if unknown_in_first {
                text.clone()
            } else {
                text.replace(
                    "Mars/Olympus:20260105T100000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:u11\r\n",
                    "Europe/Stockholm:20260105T100000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:u11\r\n",
                )
            };
            let mut w = Warnings::default();
            let typed = parse("t.ics", text.as_bytes(), &opts, &mut w).unwrap();
            let uids: Vec<String> = typed
                .events
                .iter()
                .map(|e| e.uid.as_deref().unwrap().to_string())
                .collect();
            let expected: Vec<String> = (0..n).map(|i| format!("u{i}")).collect();
            assert_eq!(uids, expected);
            assert_eq!(w.items.len(), 1, "{:?}", w.items);
            let first_odd = if unknown_in_first { 10 } else { n - 10 };
            assert_eq!(w.items[0].line, Some(2 + 4 * first_odd + 3));
        }
    }
}
