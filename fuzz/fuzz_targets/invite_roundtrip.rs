//! Invite text survives the writer and the reader: a VEVENT with an arbitrary (Unicode)
//! summary, location and attendee name, written the way `krock export` writes it
//! (escape_text, quote_param, fold at 75 octets, CRLF), read back with
//! `krock::ical::read`, gives the same summary and location (less `\r`, which the writer
//! drops) and the attendee name less what quote_param removes; no physical line is longer
//! than 75 octets.
#![no_main]

use arbitrary::Arbitrary;
use chrono::NaiveDate;
use krock::diag::Warnings;
use krock::events::{ReadOptions, Window};
use krock::ical::zone::Zone;
use krock::invite::{escape_text, quote_param, Writer};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    summary: String,
    location: String,
    name: String,
}

fuzz_target!(|input: Input| {
    let mut w = Writer::default();
    w.line("BEGIN:VCALENDAR");
    w.line("PRODID:-//krock//fuzz//EN");
    w.line("VERSION:2.0");
    w.line("METHOD:REQUEST");
    w.line("BEGIN:VEVENT");
    w.line("UID:fuzz-1@example.se");
    w.line("DTSTAMP:20260101T000000Z");
    w.line("DTSTART:20260315T090000Z");
    w.line("DTEND:20260315T100000Z");
    w.line(&format!("SUMMARY:{}", escape_text(&input.summary)));
    w.text_prop("LOCATION", &input.location);
    w.line(&format!(
        "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:a@example.se",
        quote_param(&input.name)
    ));
    w.line("END:VEVENT");
    w.line("END:VCALENDAR");
    let text = w.text;

    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains('\n'), "a bare LF inside a line: {line:?}");
    }

    let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let zone = Zone::iana("Europe/Stockholm").unwrap();
    let opts = ReadOptions::new(Window::new(day(1, 1), day(12, 31), zone));
    let mut warnings = Warnings::default();
    let occ = krock::ical::read("invite.ics", text.as_bytes(), &opts, &mut warnings)
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(warnings.is_empty(), "{:?}\n{text}", warnings.items);
    assert_eq!(occ.len(), 1, "{text}");
    let o = &occ[0];
    let same = |s: &str| Some(s.replace('\r', ""));
    assert_eq!(o.summary, same(&input.summary), "summary\n{text}");
    assert_eq!(o.info.location, same(&input.location), "location\n{text}");
    let name: String = input
        .name
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    let attendee = &o.info.attendees[..];
    assert_eq!(attendee.len(), 1, "{text}");
    assert_eq!(
        attendee[0].name.as_deref(),
        Some(name.as_str()),
        "CN\n{text}"
    );
    assert_eq!(attendee[0].email, "a@example.se", "{text}");
});
