/*!
The RFC 5545 / RFC 5546 (iTIP) writer: text escaping, parameter quoting, line folding at 75
octets on UTF-8 character boundaries with CRLF, and VTIMEZONE blocks generated from the tz
database for the years an invite covers.

It writes what `export.rs` decided; it decides nothing about the schedule.
*/

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetName, Tz};

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma, newline.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value, always quoted; `"` cannot appear inside (RFC 5545 3.2), so it is
/// removed, and control characters with it.
pub fn quote_param(s: &str) -> String {
    let clean: String = s.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    format!("\"{clean}\"")
}

/// Folds one content line at 75 octets, never inside a UTF-8 character, and ends every
/// physical line with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    let mut limit = 75;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > limit {
            out.push_str("\r\n ");
            width = 0;
            limit = 74; // the leading space counts
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

/// Collects content lines and folds them.
#[derive(Debug, Default, Clone)]
pub struct Writer {
    pub text: String,
}

impl Writer {
    pub fn line(&mut self, l: &str) {
        self.text.push_str(&fold(l));
    }
    /// `NAME:escaped text`.
    pub fn text_prop(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape_text(value)));
    }
}

/// Whether two messages are the same but for their DTSTAMP lines (the time a message
/// was made says nothing about the meeting).
pub fn same_but_dtstamp(a: &str, b: &str) -> bool {
    let rest = |t: &str| {
        t.replace("\r\n ", "")
            .split("\r\n")
            .filter(|l| !l.starts_with("DTSTAMP:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    rest(a) == rest(b)
}

/// `YYYYMMDDTHHMMSS`.
pub fn local_stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// `YYYYMMDDTHHMMSSZ`.
pub fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn offset_text(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.abs();
    if a % 60 != 0 {
        format!("{sign}{:02}{:02}{:02}", a / 3600, a / 60 % 60, a % 60)
    } else {
        format!("{sign}{:02}{:02}", a / 3600, a / 60 % 60)
    }
}

/// The offset changes of a zone in `[from, to)`: (instant, offset before, offset after,
/// abbreviation after), found by scanning hours and bisecting to the second.
pub fn transitions(
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, i32, i32, String)> {
    let off = |t: DateTime<Utc>| {
        tz.offset_from_utc_datetime(&t.naive_utc())
            .fix()
            .local_minus_utc()
    };
    let mut out = Vec::new();
    let mut t = from;
    let mut cur = off(t);
    while t < to {
        let next = t + Duration::hours(6);
        let o = off(next);
        if o != cur {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if off(mid) == cur {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let abbr = tz
                .offset_from_utc_datetime(&hi.naive_utc())
                .abbreviation()
                .unwrap_or("")
                .to_string();
            out.push((hi, cur, o, abbr));
            cur = o;
        }
        t = next;
    }
    out
}

/// A VTIMEZONE named `tzid` with the rules of `tz` from the year before `first` to the
/// year after `last`: one observance per change, with its exact local onset (no RRULE, so
/// every client reads the same offsets, whatever the rules did in other years).
pub fn vtimezone(tzid: &str, tz: Tz, first: DateTime<Utc>, last: DateTime<Utc>) -> String {
    let from = Utc
        .with_ymd_and_hms(first.year() - 1, 1, 1, 0, 0, 0)
        .unwrap();
    let to = Utc
        .with_ymd_and_hms(last.year() + 2, 1, 1, 0, 0, 0)
        .unwrap();
    let mut w = Writer::default();
    w.line("BEGIN:VTIMEZONE");
    w.line(&format!("TZID:{tzid}"));
    let changes = transitions(tz, from, to);
    if changes.is_empty() {
        let o = tz.offset_from_utc_datetime(&from.naive_utc());
        let secs = o.fix().local_minus_utc();
        w.line("BEGIN:STANDARD");
        w.line(&format!(
            "DTSTART:{}",
            local_stamp(from.naive_utc() + Duration::seconds(secs as i64))
        ));
        w.line(&format!("TZOFFSETFROM:{}", offset_text(secs)));
        w.line(&format!("TZOFFSETTO:{}", offset_text(secs)));
        if let Some(a) = o.abbreviation() {
            w.line(&format!("TZNAME:{a}"));
        }
        w.line("END:STANDARD");
    }
    for (at, before, after, abbr) in changes {
        let kind = if after > before {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        // The onset is written in the local time in force before the change.
        let onset = at.naive_utc() + Duration::seconds(before as i64);
        w.line(&format!("BEGIN:{kind}"));
        w.line(&format!("DTSTART:{}", local_stamp(onset)));
        w.line(&format!("TZOFFSETFROM:{}", offset_text(before)));
        w.line(&format!("TZOFFSETTO:{}", offset_text(after)));
        if !abbr.is_empty() && !abbr.starts_with(['+', '-']) {
            w.line(&format!("TZNAME:{abbr}"));
        }
        w.line(&format!("END:{kind}"));
    }
    w.line("END:VTIMEZONE");
    w.text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let line = format!("SUMMARY:{}", "å".repeat(60));
        let folded = fold(&line);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        assert!(folded.ends_with("\r\n"));
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
        assert_eq!(fold("UID:x"), "UID:x\r\n");
    }

    #[test]
    fn escapes_text_and_quotes_params() {
        assert_eq!(escape_text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        assert_eq!(quote_param("Kommun \"X\", chef"), "\"Kommun X, chef\"");
    }

    #[test]
    fn vtimezone_has_both_sides_of_each_change() {
        let t = Utc.with_ymd_and_hms(2026, 4, 21, 11, 0, 0).unwrap();
        let v = vtimezone("Europe/Stockholm", chrono_tz::Europe::Stockholm, t, t);
        assert!(v.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT"), "{v}");
        assert!(v.contains("BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD"), "{v}");
        // 2025 to 2027: six changes.
        assert_eq!(v.matches("BEGIN:DAYLIGHT").count(), 3);
        let kolkata = vtimezone("Asia/Kolkata", chrono_tz::Asia::Kolkata, t, t);
        assert!(
            kolkata.contains("TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530"),
            "{kolkata}"
        );
    }
}
