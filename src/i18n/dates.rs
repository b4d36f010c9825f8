/*!
Dates and times in prose, in the output language: "fredag 24 april 2026" / "Friday 24 April
2026", "vecka 17" / "week 17", "08.30" / "08:30", and the short day labels of tables
("2026-04-24 v17 fre"). Names of days and months come from the message files, never from
tables in code. Tables keep ISO dates; these are for sentences and headings.
*/

use super::{Arg, Lang};
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};

fn wd(d: Weekday) -> Arg {
    Arg::Count(d.number_from_monday() as i64)
}

/// `fredag` / `Friday`.
pub fn weekday(lang: Lang, d: Weekday) -> String {
    lang.tr("weekday", &[("n", wd(d))])
}

/// `fre` / `Fri`.
pub fn weekday_short(lang: Lang, d: Weekday) -> String {
    lang.tr("weekday-short", &[("n", wd(d))])
}

/// `april` / `April`.
pub fn month(lang: Lang, m: u32) -> String {
    lang.tr("month", &[("n", Arg::Count(m as i64))])
}

/// `fredag 24 april 2026` / `Friday 24 April 2026`.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    lang.tr(
        "date-long",
        &[
            ("weekday", Arg::Text(weekday(lang, d.weekday()))),
            ("day", Arg::Count(d.day() as i64)),
            ("month", Arg::Text(month(lang, d.month()))),
            ("year", Arg::Text(d.year().to_string())),
        ],
    )
}

/// `fredag 24 april` / `Friday 24 April`: within a year the reader already knows.
pub fn date_no_year(lang: Lang, d: NaiveDate) -> String {
    lang.tr(
        "date-long-no-year",
        &[
            ("weekday", Arg::Text(weekday(lang, d.weekday()))),
            ("day", Arg::Count(d.day() as i64)),
            ("month", Arg::Text(month(lang, d.month()))),
        ],
    )
}

/// `april 2026` / `April 2026`: a month heading.
pub fn month_year(lang: Lang, year: i32, m: u32) -> String {
    lang.tr(
        "month-year",
        &[
            ("month", Arg::Text(month(lang, m))),
            ("year", Arg::Text(year.to_string())),
        ],
    )
}

/// `vecka 17` / `week 17`: the ISO week.
pub fn week(lang: Lang, d: NaiveDate) -> String {
    lang.tr("week", &[("week", Arg::Count(d.iso_week().week() as i64))])
}

/// `08.30` / `08:30`: 24-hour time in prose.
pub fn time(lang: Lang, t: NaiveTime) -> String {
    lang.tr(
        "time",
        &[
            ("hh", Arg::Text(format!("{:02}", t.hour()))),
            ("mm", Arg::Text(format!("{:02}", t.minute()))),
        ],
    )
}

/// `tisdag 21 april 2026, 13.00–16.30 (vecka 17)` / `Tuesday 21 April 2026, 13:00–16:30
/// (week 17)`: an occurrence in a sentence (local times; the end's date is its start's).
pub fn span(lang: Lang, start: chrono::NaiveDateTime, end: chrono::NaiveDateTime) -> String {
    lang.tr(
        "span-long",
        &[
            ("date", Arg::Text(date(lang, start.date()))),
            ("from", Arg::Text(time(lang, start.time()))),
            ("to", Arg::Text(time(lang, end.time()))),
            ("week", Arg::Text(week(lang, start.date()))),
        ],
    )
}

/// `2026-04-24 v17 fre` / `2026-04-24 v17 Fri`: a table's day label, ISO date first.
pub fn day_label(lang: Lang, d: NaiveDate) -> String {
    format!(
        "{} v{:02} {}",
        d.format("%Y-%m-%d"),
        d.iso_week().week(),
        weekday_short(lang, d.weekday())
    )
}

/// `2026-10-27 tis 13:00` / `2026-10-27 Tue 13:00`: a date and time in a reason, both
/// sides of a comparison written alike.
pub fn date_time(lang: Lang, t: chrono::NaiveDateTime) -> String {
    format!(
        "{} {} {}",
        t.date().format("%Y-%m-%d"),
        weekday_short(lang, t.date().weekday()),
        t.format("%H:%M")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn swedish_prose() {
        assert_eq!(date(Lang::Sv, d(2026, 4, 24)), "fredag 24 april 2026");
        assert_eq!(date_no_year(Lang::Sv, d(2026, 4, 24)), "fredag 24 april");
        assert_eq!(week(Lang::Sv, d(2026, 4, 24)), "vecka 17");
        assert_eq!(
            time(Lang::Sv, NaiveTime::from_hms_opt(8, 30, 0).unwrap()),
            "08.30"
        );
        assert_eq!(day_label(Lang::Sv, d(2026, 4, 24)), "2026-04-24 v17 fre");
        assert_eq!(month_year(Lang::Sv, 2026, 5), "maj 2026");
        let at = |h, m| d(2026, 4, 21).and_hms_opt(h, m, 0).unwrap();
        assert_eq!(
            span(Lang::Sv, at(13, 0), at(16, 30)),
            "tisdag 21 april 2026, 13.00–16.30 (vecka 17)"
        );
        assert_eq!(
            span(Lang::En, at(13, 0), at(16, 30)),
            "Tuesday 21 April 2026, 13:00–16:30 (week 17)"
        );
    }

    #[test]
    fn english_prose() {
        assert_eq!(date(Lang::En, d(2026, 4, 24)), "Friday 24 April 2026");
        assert_eq!(week(Lang::En, d(2026, 4, 24)), "week 17");
        assert_eq!(
            time(Lang::En, NaiveTime::from_hms_opt(13, 5, 0).unwrap()),
            "13:05"
        );
        assert_eq!(day_label(Lang::En, d(2026, 4, 24)), "2026-04-24 v17 Fri");
    }

    #[test]
    fn every_day_and_month_has_a_name_in_both() {
        for lang in Lang::ALL {
            let mut seen = std::collections::BTreeSet::new();
            for i in 0..7 {
                let day = d(2026, 4, 20 + i); // Monday 20 April …
                let name = weekday(lang, day.weekday());
                assert!(seen.insert(name.clone()), "{lang}: {name} twice");
                assert!(!weekday_short(lang, day.weekday()).is_empty());
            }
            let months: std::collections::BTreeSet<String> =
                (1..=12).map(|m| month(lang, m)).collect();
            assert_eq!(months.len(), 12, "{lang}: {months:?}");
        }
    }
}
