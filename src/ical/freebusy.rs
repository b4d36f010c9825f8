/*!
VFREEBUSY → busy intervals (RFC 5545 3.6.4 and 3.8.2.6).

Free/busy is what a person shares when they share only their availability: Outlook's
"Internet Free/Busy" `.vfb`/`.ifb` files, and the answer of a CalDAV `free-busy-query`.
Each FREEBUSY period becomes one occurrence that the busy model treats like any other
opaque event:

| FBTYPE | becomes |
| --- | --- |
| `BUSY` (the default), or an unknown type (RFC 5545: treat as BUSY) | "Busy" |
| `BUSY-TENTATIVE` | "Busy", STATUS TENTATIVE (labelled tentative, still blocks) |
| `BUSY-UNAVAILABLE` | "Unavailable" |
| `FREE` | nothing: free time never blocks |

Periods are `start/end` or `start/duration`; RFC 5545 wants them in UTC, a floating time
is read in the calendar's floating zone. A period that cannot be read is warned about with
its line and skipped; the rest of the component is kept.
*/

use super::tree::{excerpt, Component};
use super::value::{self, PeriodEnd, RawDateTime};
use super::zone::Zone;
use crate::diag::Warnings;
use crate::events::{EventInfo, Occurrence};
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;

/// The busy occurrences of one VFREEBUSY component. `floating` reads times without `Z`.
pub fn read_vfreebusy(
    c: &Component,
    file: &str,
    floating: &Zone,
    warnings: &mut Warnings,
) -> Vec<Occurrence> {
    let source: Arc<str> = Arc::from(file);
    let uid: Option<Arc<str>> = c.prop("UID").map(|p| Arc::from(p.value.trim()));
    let opaque: Arc<str> = Arc::from("OPAQUE");
    let organizer = c
        .prop("ORGANIZER")
        .map(|p| p.value.trim().trim_start_matches("mailto:").to_lowercase());
    let instant = |raw: RawDateTime| -> DateTime<Utc> {
        if raw.utc {
            Zone::Utc.to_utc(raw.local)
        } else {
            floating.to_utc(raw.local)
        }
    };
    let mut out = Vec::new();
    for p in c.props_named("FREEBUSY") {
        let fbtype = p.param("FBTYPE").unwrap_or("BUSY").to_ascii_uppercase();
        let (summary, status) = match fbtype.as_str() {
            "FREE" => continue,
            "BUSY-TENTATIVE" => ("Busy", Some("TENTATIVE")),
            "BUSY-UNAVAILABLE" => ("Unavailable", None),
            _ => ("Busy", None),
        };
        let info = Arc::new(EventInfo {
            organizer: organizer.clone(),
            line: p.line,
            ..EventInfo::default()
        });
        for item in value::split_list(&p.value) {
            let Some((start, end)) = value::parse_period(item) else {
                warnings.push(
                    file,
                    Some(p.line),
                    format!(
                        "FREEBUSY period {} is not start/end or start/duration; skipped (write it like 20260424T063000Z/20260424T100000Z or 20260424T063000Z/PT3H30M)",
                        excerpt(item)
                    ),
                );
                continue;
            };
            let s = instant(start);
            let e = match end {
                PeriodEnd::End(e) => instant(e),
                PeriodEnd::Duration(d) => s + Duration::days(d.days) + Duration::seconds(d.seconds),
            };
            if e <= s {
                warnings.push(
                    file,
                    Some(p.line),
                    format!(
                        "FREEBUSY period {} does not end after it starts; skipped (swap or fix the two times)",
                        excerpt(item)
                    ),
                );
                continue;
            }
            out.push(Occurrence {
                uid: uid.clone(),
                summary: Some(Arc::from(summary)),
                start: s,
                end: e,
                all_day: None,
                status: status.map(Arc::from),
                transp: opaque.clone(),
                source: source.clone(),
                recurrence_id: None,
                info: info.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Limits;

    fn read(text: &str) -> (Vec<Occurrence>, Warnings) {
        let mut w = Warnings::default();
        let roots = super::super::tree::parse("f.vfb", text.as_bytes(), &Limits::default(), &mut w);
        let vfb = roots[0]
            .children
            .iter()
            .find(|c| c.name == "VFREEBUSY")
            .unwrap();
        let occ = read_vfreebusy(
            vfb,
            "f.vfb",
            &Zone::iana("Europe/Stockholm").unwrap(),
            &mut w,
        );
        (occ, w)
    }

    #[test]
    fn busy_types_block_and_free_does_not() {
        let (occ, w) = read(
            "BEGIN:VCALENDAR\r\nBEGIN:VFREEBUSY\r\nUID:fb1\r\n\
             FREEBUSY:20260424T070000Z/20260424T100000Z,20260425T070000Z/PT1H\r\n\
             FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260426T070000Z/PT30M\r\n\
             FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20260427T070000Z/PT2H\r\n\
             FREEBUSY;FBTYPE=FREE:20260428T070000Z/PT8H\r\n\
             FREEBUSY;FBTYPE=X-OUT-OF-OFFICE:20260429T080000/PT1H\r\n\
             FREEBUSY:nonsense\r\n\
             END:VFREEBUSY\r\nEND:VCALENDAR\r\n",
        );
        let got: Vec<String> = occ
            .iter()
            .map(|o| {
                format!(
                    "{} {} {} {:?}",
                    o.start.format("%m-%d %H:%M"),
                    o.end.format("%H:%M"),
                    o.summary.as_deref().unwrap(),
                    o.status
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                "04-24 07:00 10:00 Busy None",
                "04-25 07:00 08:00 Busy None",
                "04-26 07:00 07:30 Busy Some(\"TENTATIVE\")",
                "04-27 07:00 09:00 Unavailable None",
                // floating 08:00 in Stockholm (CEST) is 06:00 UTC; an unknown type is BUSY
                "04-29 06:00 07:00 Busy None",
            ]
        );
        assert_eq!(w.items.len(), 1, "{:?}", w.items);
        assert!(
            w.items[0].message.starts_with("FREEBUSY period")
                && w.items[0].message.contains("nonsense"),
            "{}",
            w.items[0].message
        );
        assert_eq!(w.items[0].line, Some(9));
    }
}
