/*!
`krock events`: the occurrence list as text (one line each, grouped by nothing) and as
JSON lines exactly as SPEC.md says.

Both are written for speed at the sizes of a regional office (hundreds of thousands of
occurrences): JSON goes straight into the caller's buffered writer, one reused row put
together by hand (escaped as serde_json escapes; a test holds them to it), with dates
written by integer formatting (no format string parsed per date); text is built
into one string with `write!`, never a `format!` per field.
*/

use super::{day_label, hm};
use crate::events::Occurrence;
use crate::ical::zone::Zone;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::{self, Write};

/// The object of one line (its shape; [`write_json`] writes it without serde).
#[derive(Serialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct JsonOccurrence<'a> {
    uid: Option<&'a str>,
    summary: Option<&'a str>,
    start: &'a str,
    end: &'a str,
    all_day: bool,
    status: Option<&'a str>,
    transp: &'a str,
    source: &'a str,
}

/// A date or UTC time as text, on the stack: `2026-04-24` or `2026-04-24T08:30:00Z`.
struct Stamp {
    buf: [u8; 20],
    len: usize,
    /// Years outside 0–9999 are written by chrono (sign and all), as before.
    other: Option<String>,
}

impl Stamp {
    #[cfg(test)]
    fn as_str(&self) -> &str {
        match &self.other {
            Some(s) => s,
            None => std::str::from_utf8(&self.buf[..self.len]).expect("ASCII digits"),
        }
    }

    /// The stamp as a JSON string (digits, `-`, `:`, `T`, `Z` and a sign: nothing to escape).
    fn put_json(&self, row: &mut Vec<u8>) {
        row.push(b'"');
        match &self.other {
            Some(s) => row.extend_from_slice(s.as_bytes()),
            None => row.extend_from_slice(&self.buf[..self.len]),
        }
        row.push(b'"');
    }

    fn date(d: NaiveDate) -> Stamp {
        let mut s = Stamp {
            buf: [0; 20],
            len: 10,
            other: None,
        };
        if !(0..=9999).contains(&d.year()) {
            s.other = Some(d.to_string());
            return s;
        }
        put_date(&mut s.buf, d);
        s
    }

    fn utc(t: DateTime<Utc>) -> Stamp {
        let mut s = Stamp {
            buf: [0; 20],
            len: 20,
            other: None,
        };
        let secs = t.timestamp();
        let (days, of_day) = (secs.div_euclid(86_400), secs.rem_euclid(86_400) as u32);
        let (y, m, d) = civil_from_days(days);
        if !(0..=9999).contains(&y) {
            s.other = Some(t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
            return s;
        }
        put_ymd(&mut s.buf, y as u32, m, d);
        s.buf[10] = b'T';
        put2(&mut s.buf[11..13], of_day / 3600);
        s.buf[13] = b':';
        put2(&mut s.buf[14..16], of_day / 60 % 60);
        s.buf[16] = b':';
        // A leap second (nanosecond ≥ 1e9) reads as :60, as chrono writes it.
        let sec = of_day % 60 + u32::from(t.nanosecond() >= 1_000_000_000);
        put2(&mut s.buf[17..19], sec);
        s.buf[19] = b'Z';
        s
    }
}

fn put_date(buf: &mut [u8; 20], d: NaiveDate) {
    put_ymd(buf, d.year() as u32, d.month(), d.day());
}

fn put_ymd(buf: &mut [u8; 20], y: u32, m: u32, d: u32) {
    put2(&mut buf[0..2], y / 100);
    put2(&mut buf[2..4], y % 100);
    buf[4] = b'-';
    put2(&mut buf[5..7], m);
    buf[7] = b'-';
    put2(&mut buf[8..10], d);
}

/// Year, month and day of a count of days since 1970-01-01 (proleptic Gregorian; Howard
/// Hinnant's `civil_from_days`): integer arithmetic instead of chrono's calendar tables.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn put2(out: &mut [u8], n: u32) {
    out[0] = b'0' + (n / 10) as u8;
    out[1] = b'0' + (n % 10) as u8;
}

/// One JSON object a line, written into `out` (give it a buffered writer).
///
/// Each line is put together in one reused buffer and written with one call. The objects
/// are those serde_json writes for [`JsonOccurrence`] (same keys, order and escaping; a
/// property test holds the two together), without serde's one small write per token.
pub fn write_json<W: Write + ?Sized>(occurrences: &[Occurrence], out: &mut W) -> io::Result<()> {
    let mut row: Vec<u8> = Vec::with_capacity(256);
    for o in occurrences {
        let (start, end) = match o.all_day {
            Some((s, e)) => (Stamp::date(s), Stamp::date(e)),
            None => (Stamp::utc(o.start), Stamp::utc(o.end)),
        };
        row.clear();
        row.extend_from_slice(b"{\"uid\":");
        json_opt(&mut row, o.uid.as_deref());
        row.extend_from_slice(b",\"summary\":");
        json_opt(&mut row, o.summary.as_deref());
        row.extend_from_slice(b",\"start\":");
        start.put_json(&mut row);
        row.extend_from_slice(b",\"end\":");
        end.put_json(&mut row);
        row.extend_from_slice(if o.all_day.is_some() {
            b",\"all_day\":true,\"status\":"
        } else {
            b",\"all_day\":false,\"status\":"
        });
        json_opt(&mut row, o.status.as_deref());
        row.extend_from_slice(b",\"transp\":");
        json_str(&mut row, &o.transp);
        row.extend_from_slice(b",\"source\":");
        json_str(&mut row, &o.source);
        row.extend_from_slice(b"}\n");
        out.write_all(&row)?;
    }
    Ok(())
}

fn json_opt(row: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => json_str(row, s),
        None => row.extend_from_slice(b"null"),
    }
}

/// A JSON string, escaped exactly as serde_json escapes it: `"` and `\\` with a backslash,
/// the C0 controls as `\b \t \n \f \r` or `\u00xx`, everything else as it is.
fn json_str(row: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    row.reserve(bytes.len() + 2);
    row.push(b'"');
    // No early exit: the check runs over whole vectors of bytes.
    let special = bytes.iter().fold(0u8, |any, &b| {
        any | u8::from(b < 0x20) | u8::from(b == b'"') | u8::from(b == b'\\')
    });
    if special == 0 {
        row.extend_from_slice(bytes);
    } else {
        let mut from = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let short: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                0x08 => b"\\b",
                0x0C => b"\\f",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x00..=0x1F => b"",
                _ => continue,
            };
            row.extend_from_slice(&bytes[from..i]);
            from = i + 1;
            if short.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                row.extend_from_slice(b"\\u00");
                row.push(HEX[usize::from(b >> 4)]);
                row.push(HEX[usize::from(b & 0xF)]);
            } else {
                row.extend_from_slice(short);
            }
        }
        row.extend_from_slice(&bytes[from..]);
    }
    row.push(b'"');
}

/// One JSON object a line, as one string.
pub fn json(occurrences: &[Occurrence]) -> String {
    let mut out = Vec::with_capacity(occurrences.len() * 160);
    write_json(occurrences, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// A readable list: date, ISO week, weekday, local time, summary, source.
pub fn text(occurrences: &[Occurrence], zone: &Zone) -> String {
    let mut out = String::with_capacity(occurrences.len() * 80);
    if occurrences.is_empty() {
        out.push_str("No events in the window.\n");
        return out;
    }
    let mut time = String::new();
    for o in occurrences {
        time.clear();
        let day = match o.all_day {
            Some((s, e)) => {
                let days = (e - s).num_days();
                if days > 1 {
                    let _ = write!(time, "all day ×{days}");
                } else {
                    time.push_str("all day");
                }
                s
            }
            None => {
                let local_start = zone.to_local(o.start);
                let local_end = zone.to_local(o.end);
                if o.start == o.end {
                    time.push_str(&hm(o.start, zone));
                } else {
                    let _ = write!(time, "{}–{}", hm(o.start, zone), hm(o.end, zone));
                }
                let extra = (local_end.date() - local_start.date()).num_days();
                if extra > 0 {
                    let _ = write!(time, "+{extra}");
                }
                local_start.date()
            }
        };
        let mut flags = "";
        if o.is_cancelled() {
            flags = " (cancelled)";
        } else if o.is_tentative() {
            flags = " (tentative)";
        }
        let free = if o.is_transparent() { " (free)" } else { "" };
        let summary = o.summary.as_deref().unwrap_or("(no title)");
        let _ = write!(out, "{}  {:<13} ", day_label(day), time);
        if summary.contains('\n') {
            out.push_str(&summary.replace('\n', " "));
        } else {
            out.push_str(summary);
        }
        let _ = writeln!(out, "{flags}{free}  [{}]", o.source);
    }
    let _ = writeln!(out, "{} occurrences", occurrences.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::EventInfo;
    use chrono::TimeZone;
    use proptest::prelude::*;
    use std::sync::Arc;

    /// What serde_json writes for one occurrence (the writer's reference).
    fn by_serde(o: &Occurrence) -> String {
        let (start, end) = match o.all_day {
            Some((s, e)) => (Stamp::date(s), Stamp::date(e)),
            None => (Stamp::utc(o.start), Stamp::utc(o.end)),
        };
        let row = JsonOccurrence {
            uid: o.uid.as_deref(),
            summary: o.summary.as_deref(),
            start: start.as_str(),
            end: end.as_str(),
            all_day: o.all_day.is_some(),
            status: o.status.as_deref(),
            transp: &o.transp,
            source: &o.source,
        };
        serde_json::to_string(&row).unwrap() + "\n"
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "\\PC{0,12}",
            "[\\x00-\\x7f]{0,12}",
            "[\\x00-\\x20\"\\\\aå]{0,40}",
            Just(String::new())
        ]
    }

    proptest! {
        #[test]
        fn rows_are_what_serde_json_writes(
            uid in proptest::option::of(text()),
            summary in proptest::option::of(text()),
            status in proptest::option::of(text()),
            transp in text(),
            source in text(),
            secs in -70_000_000_000i64..300_000_000_000,
            len in 0i64..10_000_000,
            all_day in any::<bool>(),
        ) {
            let start = Utc.timestamp_opt(secs, 0).unwrap();
            let end = start + chrono::Duration::seconds(len);
            let o = Occurrence {
                uid,
                summary,
                start,
                end,
                all_day: all_day.then(|| (start.date_naive(), end.date_naive())),
                status,
                transp,
                source: Arc::from(source.as_str()),
                recurrence_id: None,
                info: Arc::new(EventInfo::default()),
            };
            let mut ours = Vec::new();
            write_json(std::slice::from_ref(&o), &mut ours).unwrap();
            prop_assert_eq!(String::from_utf8(ours).unwrap(), by_serde(&o));
        }
    }
}
