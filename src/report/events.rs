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

/// Rows put together per block: a block is formatted in memory, then written with one
/// call; two blocks are formatted at a time, one on each of two cores.
const BLOCK_ROWS: usize = 16_384;

/// One JSON object a line, written into `out`.
///
/// The objects are those serde_json writes for [`JsonOccurrence`] (same keys, order and
/// escaping; a property test holds the two together), put together by hand: blocks of
/// [`BLOCK_ROWS`] rows are formatted into memory, two at a time on two threads when the
/// machine has two cores, and written in order with one call each (the output is never
/// held whole: at most two blocks, a few MB).
pub fn write_json<W: Write + ?Sized>(occurrences: &[Occurrence], out: &mut W) -> io::Result<()> {
    let two = occurrences.len() > BLOCK_ROWS
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    let mut a: Vec<u8> = Vec::new();
    let mut b: Vec<u8> = Vec::new();
    let mut rest = occurrences;
    while !rest.is_empty() {
        let (first, after) = rest.split_at(rest.len().min(BLOCK_ROWS));
        let (second, after) = if two {
            after.split_at(after.len().min(BLOCK_ROWS))
        } else {
            (&after[..0], after)
        };
        rest = after;
        a.clear();
        b.clear();
        if second.is_empty() {
            rows(first, &mut a);
        } else {
            let mut theirs = std::mem::take(&mut b);
            let joined = std::thread::scope(|scope| {
                let other = scope.spawn(move || {
                    rows(second, &mut theirs);
                    theirs
                });
                rows(first, &mut a);
                other.join()
            });
            b = joined.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
        out.write_all(&a)?;
        out.write_all(&b)?;
    }
    Ok(())
}

/// The rows of `occurrences` appended to `buf`. A stamp is written once per distinct
/// instant in a run (rows are sorted by start, so neighbours often share it).
fn rows(occurrences: &[Occurrence], buf: &mut Vec<u8>) {
    buf.reserve(occurrences.len() * 200);
    let mut last_start: Option<(DateTime<Utc>, Stamp)> = None;
    for o in occurrences {
        let start_buf;
        let (start, end) = match o.all_day {
            Some((s, e)) => {
                start_buf = Stamp::date(s);
                (&start_buf, Stamp::date(e))
            }
            None => {
                if last_start.as_ref().is_none_or(|(t, _)| *t != o.start) {
                    last_start = Some((o.start, Stamp::utc(o.start)));
                }
                let start = &last_start.as_ref().expect("set just above").1;
                (start, Stamp::utc(o.end))
            }
        };
        buf.extend_from_slice(b"{\"uid\":");
        json_opt(buf, o.uid.as_deref());
        buf.extend_from_slice(b",\"summary\":");
        json_opt(buf, o.summary.as_deref());
        buf.extend_from_slice(b",\"start\":");
        start.put_json(buf);
        buf.extend_from_slice(b",\"end\":");
        end.put_json(buf);
        buf.extend_from_slice(if o.all_day.is_some() {
            b",\"all_day\":true,\"status\":"
        } else {
            b",\"all_day\":false,\"status\":"
        });
        json_opt(buf, o.status.as_deref());
        buf.extend_from_slice(b",\"transp\":");
        json_str(buf, &o.transp);
        buf.extend_from_slice(b",\"source\":");
        json_str(buf, &o.source);
        buf.extend_from_slice(b"}\n");
    }
}

fn json_opt(row: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => json_str(row, s),
        None => row.extend_from_slice(b"null"),
    }
}

/// The index of the first byte at or after `from` that JSON escapes (a `"`, a `\\` or a
/// C0 control), else `bytes.len()`. Eight bytes at a time: in the test word, the lowest
/// byte with its top bit set is the first such byte (the tricks below can also flag bytes
/// above a true match, through a borrow, but never below one).
fn next_special(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    let mut i = from;
    while i + 8 <= bytes.len() {
        let w = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
        // Bytes below 0x20 (their top bit clear) borrow into their top bit.
        let low = w.wrapping_sub(0x20 * ONES) & !w & HIGH;
        let quote = zero_byte(w ^ (u64::from(b'"') * ONES));
        let backslash = zero_byte(w ^ (u64::from(b'\\') * ONES));
        let hits = low | quote | backslash;
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x20 || b == b'"' || b == b'\\' {
            return i;
        }
        i += 1;
    }
    i
}

/// A JSON string, escaped exactly as serde_json escapes it: `"` and `\\` with a backslash,
/// the C0 controls as `\b \t \n \f \r` or `\u00xx`, everything else as it is. Runs
/// without anything to escape are copied whole.
fn json_str(row: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    row.reserve(bytes.len() + 2);
    row.push(b'"');
    let mut from = 0;
    loop {
        let i = next_special(bytes, from);
        row.extend_from_slice(&bytes[from..i]);
        let Some(&b) = bytes.get(i) else { break };
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0C => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            _ => b"",
        };
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            row.extend_from_slice(b"\\u00");
            row.push(HEX[usize::from(b >> 4)]);
            row.push(HEX[usize::from(b & 0xF)]);
        } else {
            row.extend_from_slice(short);
        }
        from = i + 1;
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
                uid: uid.map(Arc::from),
                summary: summary.map(Arc::from),
                start,
                end,
                all_day: all_day.then(|| (start.date_naive(), end.date_naive())),
                status: status.map(Arc::from),
                transp: Arc::from(transp),
                source: Arc::from(source.as_str()),
                recurrence_id: None,
                info: Arc::new(EventInfo::default()),
            };
            let mut ours = Vec::new();
            write_json(std::slice::from_ref(&o), &mut ours).unwrap();
            prop_assert_eq!(String::from_utf8(ours).unwrap(), by_serde(&o));
        }

        /// The word-at-a-time search finds the first byte to escape, as a plain loop does.
        #[test]
        fn next_special_is_the_first_byte_to_escape(
            bytes in proptest::collection::vec(prop_oneof![
                Just(b'"'), Just(b'\\'), 0u8..0x20, 0x20u8..=0xff, Just(b'a')
            ], 0..40),
            from in 0usize..40,
        ) {
            let from = from.min(bytes.len());
            let plain = (from..bytes.len())
                .find(|&i| bytes[i] < 0x20 || bytes[i] == b'"' || bytes[i] == b'\\')
                .unwrap_or(bytes.len());
            prop_assert_eq!(next_special(&bytes, from), plain);
        }
    }

    /// Many rows (more than a block, written two blocks at a time) are the rows one by one.
    #[test]
    fn blocks_are_the_rows_in_order() {
        let base = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap();
        let list: Vec<Occurrence> = (0..BLOCK_ROWS * 3 + 17)
            .map(|i| {
                let start = base + chrono::Duration::minutes((i / 3) as i64);
                Occurrence {
                    uid: Some(format!("u{i}").into()),
                    summary: (i % 5 != 0).then(|| format!("m\"{i}\"").into()),
                    start,
                    end: start + chrono::Duration::hours(1),
                    all_day: (i % 11 == 0).then(|| (start.date_naive(), start.date_naive())),
                    status: None,
                    transp: "OPAQUE".into(),
                    source: Arc::from("a.ics"),
                    recurrence_id: None,
                    info: Arc::new(EventInfo::default()),
                }
            })
            .collect();
        let mut whole = Vec::new();
        write_json(&list, &mut whole).unwrap();
        let one_by_one: String = list.iter().map(by_serde).collect();
        assert_eq!(String::from_utf8(whole).unwrap(), one_by_one);
    }
}
