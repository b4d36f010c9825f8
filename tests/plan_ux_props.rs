//! Rules of issue 12 as properties: the window fitted to today never reaches before today
//! (nor does anything proposed in it), and "unchanged" means unchanged but for DTSTAMP.

mod common;
use common::{d, meeting, person, Builder};

use chrono::Duration;
use krock::invite::{same_but_dtstamp, Writer};
use krock::today::{fit, Origin, Today};
use proptest::prelude::*;

fn message(summary: &str, stamp: &str, sequence: u32) -> String {
    let mut w = Writer::default();
    w.line("BEGIN:VCALENDAR");
    w.line("METHOD:REQUEST");
    w.line("BEGIN:VEVENT");
    w.line("UID:x@example.se");
    w.line(&format!("DTSTAMP:{stamp}"));
    w.line(&format!("SEQUENCE:{sequence}"));
    w.text_prop("SUMMARY", summary);
    w.line("END:VEVENT");
    w.line("END:VCALENDAR");
    w.text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn nothing_before_today_is_looked_at_or_proposed(
        start in 0i64..60,
        len in 5i64..25,
        today_at in -10i64..40,
        count in 1u32..3,
    ) {
        let from = d(2026, 9, 1) + Duration::days(start);
        let to = from + Duration::days(len);
        let today = Today { date: from + Duration::days(today_at), origin: Origin::Flag };
        let mut m = meeting("m", &["a", "b"]);
        m.count = Some(count);
        let mut world = Builder::new(from, to, vec![person("a"), person("b")], vec![m]).world();
        match fit(&mut world, today) {
            Err(e) => prop_assert!(to < today.date, "refused a window that is not past: {e}"),
            Ok(note) => {
                prop_assert!(to >= today.date);
                prop_assert_eq!(world.plan.from, from.max(today.date));
                prop_assert_eq!(world.plan.to, to);
                prop_assert_eq!(note.is_some(), from < today.date);
                prop_assert!(world.holidays.iter().all(|h| h.date >= world.plan.from));
                let p = common::propose(&world);
                for plan in &p.plans {
                    for o in &plan.occurrences {
                        prop_assert!(o.date >= today.date, "proposed {} before today {}", o.date, today.date);
                    }
                }
                for c in &p.candidates {
                    prop_assert!(c.date >= today.date);
                }
            }
        }
    }

    #[test]
    fn unchanged_means_the_same_but_for_dtstamp(
        summary in "[a-zA-ZåäöÅÄÖ ,;\\\\]{0,120}",
        other in "[a-zA-ZåäöÅÄÖ ,;\\\\]{0,120}",
        s1 in 0u32..99999,
        s2 in 0u32..99999,
        sequence in 0u32..5,
    ) {
        let a = message(&summary, &format!("20260101T{s1:06}Z"), sequence);
        let b = message(&summary, &format!("20260202T{s2:06}Z"), sequence);
        prop_assert!(same_but_dtstamp(&a, &b));
        let c = message(&summary, &format!("20260101T{s1:06}Z"), sequence + 1);
        prop_assert!(!same_but_dtstamp(&a, &c));
        let e = message(&other, &format!("20260101T{s1:06}Z"), sequence);
        prop_assert_eq!(same_but_dtstamp(&a, &e), summary == other);
    }
}
