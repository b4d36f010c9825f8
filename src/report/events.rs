/*!
`krock events`: the occurrence list as text (one line each, grouped by nothing) and as
JSON lines exactly as SPEC.md says.
*/

use super::{day_label, hm};
use crate::events::Occurrence;
use crate::ical::zone::Zone;
use serde::Serialize;

#[derive(Serialize)]
struct JsonOccurrence<'a> {
    uid: Option<&'a str>,
    summary: Option<&'a str>,
    start: String,
    end: String,
    all_day: bool,
    status: Option<&'a str>,
    transp: &'a str,
    source: &'a str,
}

/// One JSON object a line.
pub fn json(occurrences: &[Occurrence]) -> String {
    let mut out = String::new();
    for o in occurrences {
        let (start, end) = match o.all_day {
            Some((s, e)) => (s.to_string(), e.to_string()),
            None => (
                o.start.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                o.end.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            ),
        };
        let row = JsonOccurrence {
            uid: o.uid.as_deref(),
            summary: o.summary.as_deref(),
            start,
            end,
            all_day: o.all_day.is_some(),
            status: o.status.as_deref(),
            transp: &o.transp,
            source: &o.source,
        };
        out.push_str(&serde_json::to_string(&row).expect("plain data serializes"));
        out.push('\n');
    }
    out
}

/// A readable list: date, ISO week, weekday, local time, summary, source.
pub fn text(occurrences: &[Occurrence], zone: &Zone) -> String {
    let mut out = String::new();
    if occurrences.is_empty() {
        out.push_str("No events in the window.\n");
        return out;
    }
    for o in occurrences {
        let (day, time) = match o.all_day {
            Some((s, e)) => {
                let days = (e - s).num_days();
                let t = if days > 1 {
                    format!("all day ×{days}")
                } else {
                    "all day".to_string()
                };
                (s, t)
            }
            None => {
                let local_start = zone.to_local(o.start);
                let local_end = zone.to_local(o.end);
                let mut t = if o.start == o.end {
                    hm(o.start, zone)
                } else {
                    format!("{}–{}", hm(o.start, zone), hm(o.end, zone))
                };
                let extra = (local_end.date() - local_start.date()).num_days();
                if extra > 0 {
                    t.push_str(&format!("+{extra}"));
                }
                (local_start.date(), t)
            }
        };
        let mut flags = String::new();
        if o.is_cancelled() {
            flags.push_str(" (cancelled)");
        } else if o.is_tentative() {
            flags.push_str(" (tentative)");
        }
        if o.is_transparent() {
            flags.push_str(" (free)");
        }
        let summary = o
            .summary
            .as_deref()
            .unwrap_or("(no title)")
            .replace('\n', " ");
        out.push_str(&format!(
            "{}  {:<13} {}{}  [{}]\n",
            day_label(day),
            time,
            summary,
            flags,
            o.source
        ));
    }
    out.push_str(&format!("{} occurrences\n", occurrences.len()));
    out
}
