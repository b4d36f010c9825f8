/*!
Swedish public holidays ("allmänna helgdagar") and de-facto days off, computed
from the rules for any year (no precomputed tables).

# What this module holds

* [`HolidayKind::Public`]: the named days of Lag (1989:253) om allmänna helgdagar
  and of the rules that preceded it, each with the years it applied.
* [`HolidayKind::DeFacto`]: Midsommarafton, Julafton and Nyårsafton. They are
  not helgdagar, but semesterlagen (1977:480) treats them like Sundays and
  practically every employer, school and municipality is closed.

# Edges

* Ordinary Sundays are **not** listed, although legally every Sunday is a
  helgdag. Påskdagen and Pingstdagen (always Sundays) are listed because the
  law names them. A named day that happens to fall on a Saturday or Sunday is
  still listed; check the weekday if you only care about lost working days.
* Påskafton and Pingstafton (always Saturdays) are not listed, nor are the
  "half days" (Trettondagsafton, Skärtorsdagen, Valborgsmässoafton, ...) or
  local/collective-agreement days off.
* Two names can share one date: Första maj and Kristi himmelsfärdsdag both fall
  on 1 May when Easter is 23 March (2008, 2160); Pingstdagen and Sveriges
  nationaldag both fall on 6 June when Easter is 18 April (2049, 2055, 2060).
  Both entries are returned; the list never holds the same (date, name) twice.
* History is modelled for 1900–2200. Earlier years get the 1900 rules, later
  years the current law (no future reform can be known). Years that chrono
  cannot represent give an empty list.

# Rules and their history (as far as verified)

Current law, SFS 1989:253 as amended by SFS 2004:1320 (in force 2005-04-01):

| Day | Date | Years here |
|---|---|---|
| Nyårsdagen | 1 Jan | all |
| Trettondedag jul | 6 Jan | all |
| Långfredagen | Friday before Easter | all |
| Påskdagen | Easter Sunday | all |
| Annandag påsk | Easter + 1 | all |
| Kristi himmelsfärdsdag | Easter + 39 (6th Thursday after) | all |
| Pingstdagen | Easter + 49 (7th Sunday after) | all |
| Annandag pingst | Easter + 50 | until 2004 |
| Första maj | 1 May | from 1939 |
| Sveriges nationaldag | 6 June | from 2005 |
| Midsommardagen | Saturday 20–26 June | from 1953; 24 June before |
| Alla helgons dag | Saturday 31 Oct–6 Nov | from 1953; none before |
| Juldagen / Annandag jul | 25 / 26 Dec | all |
| Jungfru Marie bebådelsedag | 25 March | until 1952 |

* 2005: SFS 2004:1320 (prop. 2004/05:23) replaced Annandag pingst with
  Nationaldagen. It entered into force 1 April 2005, so Annandag pingst 2005
  (16 May) was already a working day and 6 June 2005 the first holiday.
* 1953: the 1952 calendar reform moved Midsommardagen from 24 June to the
  Saturday 20–26 June (so Midsommarafton became the Friday; before it was
  23 June), created Alla helgons dag on the Saturday 31 Oct–6 Nov, and turned
  Marie bebådelsedag (25 March) into an ordinary Sunday observance. The
  1 November feast had lost its helgdag status in 1772 and was kept on a
  Sunday, so there is no weekday Alla helgons dag before 1953.
* 1939: Lag (1938:107), issued 8 April 1938, made 1 May equal to an allmän
  helgdag; every source found gives 1 May 1939 as the first such day.
* Trettondedag jul and Kristi himmelsfärdsdag stayed on their dates in Sweden
  throughout. (The 1973–1991 move of both to Saturdays was Finland's, not
  Sweden's; Swedish sources call Trettondagen a helgdag without a break.)

Sources checked: the statute texts of SFS 1989:253 and 2004:1320 (riksdagen.se,
lagen.nu) and of SFS 1938:107 (rkrattsbaser.gov.se); prop. 1988/89:114; the
Institutet för språk och folkminnen pages on Allhelgonadagen and Jungfru Marie
bebådelsedag; svenskahogtider.com on midsommar (23/24 June until 1953), Första
maj (1939) and Trettondagen. Not verified: how Marie bebådelsedag was handled
before 1953 when 25 March fell on an Easter day (1910, 1940, 1951): it is
simply listed on 25 March next to the Easter day. Nor is it verified when
Midsommarafton, Julafton and Nyårsafton became general days off; they are
listed as DeFacto for every year.
*/

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Whether a day is a holiday by law or only treated as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HolidayKind {
    /// Allmän helgdag by law (SFS 1989:253 or its predecessors).
    Public,
    /// Not a helgdag, but a general day off (Midsommarafton, Julafton, Nyårsafton).
    DeFacto,
}

/// One holiday on one date. `name` is the Swedish name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: &'static str,
    pub kind: HolidayKind,
}

/// First year Första maj is a public holiday.
const FIRST_MAY_FROM: i32 = 1939;
/// First year of the 1952 calendar reform (midsommar and alla helgons dag on
/// Saturdays, no Marie bebådelsedag on 25 March).
const REFORM_1953: i32 = 1953;
/// First year with Sveriges nationaldag and without Annandag pingst.
const NATIONAL_DAY_FROM: i32 = 2005;

/// Easter Sunday (Gregorian, anonymous/Meeus algorithm).
///
/// Valid for the proleptic Gregorian calendar; Euclidean division keeps it
/// correct for years before 1 AD too.
///
/// # Panics
/// If the resulting date is outside the range chrono's `NaiveDate` supports.
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    let (month, day) = (n / 31, n % 31 + 1);
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
        .expect("Easter Sunday of a year outside chrono's supported range")
}

/// The first `weekday` on or after `date`.
fn on_or_after(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date + Duration::days(i64::from(ahead))
}

/// Holidays of one year, sorted by date. Names in Swedish ("Långfredagen",
/// "Midsommarafton" ...).
///
/// Entries on the same date are ordered Public before DeFacto, then by name.
/// See the module documentation for the rules and their history.
pub fn swedish_holidays(year: i32) -> Vec<Holiday> {
    // Guard against years chrono cannot represent completely.
    if NaiveDate::from_ymd_opt(year, 1, 1).is_none()
        || NaiveDate::from_ymd_opt(year, 12, 31).is_none()
    {
        return Vec::new();
    }
    let ymd = |month, day| NaiveDate::from_ymd_opt(year, month, day).expect("valid date");
    let easter = easter_sunday(year);
    let after_easter = |days| easter + Duration::days(days);

    use HolidayKind::{DeFacto, Public};
    let mut out: Vec<Holiday> = Vec::with_capacity(20);
    let mut add = |date, name, kind| out.push(Holiday { date, name, kind });

    add(ymd(1, 1), "Nyårsdagen", Public);
    add(ymd(1, 6), "Trettondedag jul", Public);
    if year < REFORM_1953 {
        add(ymd(3, 25), "Jungfru Marie bebådelsedag", Public);
    }
    add(after_easter(-2), "Långfredagen", Public);
    add(easter, "Påskdagen", Public);
    add(after_easter(1), "Annandag påsk", Public);
    if year >= FIRST_MAY_FROM {
        add(ymd(5, 1), "Första maj", Public);
    }
    add(after_easter(39), "Kristi himmelsfärdsdag", Public);
    add(after_easter(49), "Pingstdagen", Public);
    if year < NATIONAL_DAY_FROM {
        add(after_easter(50), "Annandag pingst", Public);
    } else {
        add(ymd(6, 6), "Sveriges nationaldag", Public);
    }
    let midsummer_day = if year >= REFORM_1953 {
        on_or_after(ymd(6, 20), Weekday::Sat)
    } else {
        ymd(6, 24)
    };
    add(midsummer_day - Duration::days(1), "Midsommarafton", DeFacto);
    add(midsummer_day, "Midsommardagen", Public);
    if year >= REFORM_1953 {
        add(
            on_or_after(ymd(10, 31), Weekday::Sat),
            "Alla helgons dag",
            Public,
        );
    }
    add(ymd(12, 24), "Julafton", DeFacto);
    add(ymd(12, 25), "Juldagen", Public);
    add(ymd(12, 26), "Annandag jul", Public);
    add(ymd(12, 31), "Nyårsafton", DeFacto);

    out.sort_by(|x, y| (x.date, x.kind, x.name).cmp(&(y.date, y.kind, y.name)));
    out
}

/// Holidays overlapping [from, to] inclusive, sorted by date.
///
/// Every holiday is a single day, so this is the holidays whose date lies in
/// the range. Returns an empty list if `from > to`.
pub fn swedish_holidays_between(from: NaiveDate, to: NaiveDate) -> Vec<Holiday> {
    if from > to {
        return Vec::new();
    }
    (from.year()..=to.year())
        .flat_map(swedish_holidays)
        .filter(|h| from <= h.date && h.date <= to)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn find(year: i32, name: &str) -> Option<NaiveDate> {
        swedish_holidays(year)
            .into_iter()
            .find(|h| h.name == name)
            .map(|h| h.date)
    }

    #[test]
    fn easter_known_dates() {
        // Checked against a published table of Gregorian Easter dates
        // 1700-2299 and against python-dateutil's independent easter().
        let known = [
            (1900, 4, 15),
            (1913, 3, 23),
            (1943, 4, 25),
            (1954, 4, 18),
            (2000, 4, 23),
            (2008, 3, 23),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2038, 4, 25),
            (2100, 3, 28),
            (2160, 3, 23),
            (2200, 4, 6),
        ];
        for (y, m, day) in known {
            assert_eq!(easter_sunday(y), d(y, m, day), "Easter {y}");
        }
    }

    #[test]
    fn easter_is_a_sunday_between_22_march_and_25_april() {
        for y in (-500..=5000).chain([1, 0, -1]) {
            let e = easter_sunday(y);
            assert_eq!(e.weekday(), Weekday::Sun, "{y}");
            assert!(d(y, 3, 22) <= e && e <= d(y, 4, 25), "{y}: {e}");
        }
    }

    #[test]
    fn full_list_2026() {
        use HolidayKind::{DeFacto, Public};
        let expected = [
            (d(2026, 1, 1), "Nyårsdagen", Public),
            (d(2026, 1, 6), "Trettondedag jul", Public),
            (d(2026, 4, 3), "Långfredagen", Public),
            (d(2026, 4, 5), "Påskdagen", Public),
            (d(2026, 4, 6), "Annandag påsk", Public),
            (d(2026, 5, 1), "Första maj", Public),
            (d(2026, 5, 14), "Kristi himmelsfärdsdag", Public),
            (d(2026, 5, 24), "Pingstdagen", Public),
            (d(2026, 6, 6), "Sveriges nationaldag", Public),
            (d(2026, 6, 19), "Midsommarafton", DeFacto),
            (d(2026, 6, 20), "Midsommardagen", Public),
            (d(2026, 10, 31), "Alla helgons dag", Public),
            (d(2026, 12, 24), "Julafton", DeFacto),
            (d(2026, 12, 25), "Juldagen", Public),
            (d(2026, 12, 26), "Annandag jul", Public),
            (d(2026, 12, 31), "Nyårsafton", DeFacto),
        ];
        let expected: Vec<Holiday> = expected
            .into_iter()
            .map(|(date, name, kind)| Holiday { date, name, kind })
            .collect();
        assert_eq!(swedish_holidays(2026), expected);
    }

    #[test]
    fn reform_2005_whit_monday_and_national_day() {
        assert_eq!(find(2004, "Annandag pingst"), Some(d(2004, 5, 31)));
        assert_eq!(find(2005, "Annandag pingst"), None);
        assert_eq!(find(2004, "Sveriges nationaldag"), None);
        assert_eq!(find(2005, "Sveriges nationaldag"), Some(d(2005, 6, 6)));
    }

    #[test]
    fn reform_1953_and_first_of_may() {
        assert_eq!(find(1952, "Midsommarafton"), Some(d(1952, 6, 23)));
        assert_eq!(find(1952, "Midsommardagen"), Some(d(1952, 6, 24)));
        assert_eq!(find(1953, "Midsommarafton"), Some(d(1953, 6, 19)));
        assert_eq!(find(1953, "Midsommardagen"), Some(d(1953, 6, 20)));
        assert_eq!(find(1952, "Alla helgons dag"), None);
        assert_eq!(find(1953, "Alla helgons dag"), Some(d(1953, 10, 31)));
        assert_eq!(
            find(1952, "Jungfru Marie bebådelsedag"),
            Some(d(1952, 3, 25))
        );
        assert_eq!(find(1953, "Jungfru Marie bebådelsedag"), None);
        assert_eq!(find(1938, "Första maj"), None);
        assert_eq!(find(1939, "Första maj"), Some(d(1939, 5, 1)));
    }

    #[test]
    fn midsummer_and_all_saints_are_saturdays_from_1953() {
        for y in 1953..=2200 {
            let day = find(y, "Midsommardagen").unwrap();
            assert_eq!(day.weekday(), Weekday::Sat, "{y}");
            assert!(d(y, 6, 20) <= day && day <= d(y, 6, 26), "{y}: {day}");
            let eve = find(y, "Midsommarafton").unwrap();
            assert_eq!(eve.weekday(), Weekday::Fri, "{y}");
            assert_eq!(eve.succ_opt(), Some(day), "{y}");
            let saints = find(y, "Alla helgons dag").unwrap();
            assert_eq!(saints.weekday(), Weekday::Sat, "{y}");
            assert!(
                d(y, 10, 31) <= saints && saints <= d(y, 11, 6),
                "{y}: {saints}"
            );
        }
    }

    #[test]
    fn every_year_sorted_unique_and_complete() {
        for y in 1900..=2200 {
            let list = swedish_holidays(y);
            assert!(list.windows(2).all(|w| w[0].date <= w[1].date), "{y}");
            let keys: HashSet<_> = list.iter().map(|h| (h.date, h.name)).collect();
            assert_eq!(keys.len(), list.len(), "{y} has a duplicate");
            assert!(list.iter().all(|h| h.date.year() == y), "{y}");
            let public = list.iter().filter(|h| h.kind == HolidayKind::Public);
            let expected_public = if y < FIRST_MAY_FROM { 12 } else { 13 };
            assert_eq!(public.count(), expected_public, "{y}");
            let de_facto = list.iter().filter(|h| h.kind == HolidayKind::DeFacto);
            assert_eq!(de_facto.count(), 3, "{y}");
        }
    }

    #[test]
    fn shared_dates_keep_both_names() {
        let may_first: Vec<_> = swedish_holidays_between(d(2008, 5, 1), d(2008, 5, 1))
            .into_iter()
            .map(|h| h.name)
            .collect();
        assert_eq!(may_first, ["Första maj", "Kristi himmelsfärdsdag"]);
        assert_eq!(find(2049, "Pingstdagen"), Some(d(2049, 6, 6)));
        assert_eq!(find(2049, "Sveriges nationaldag"), Some(d(2049, 6, 6)));
    }

    #[test]
    fn between_spans_years_and_handles_empty_ranges() {
        let names: Vec<_> = swedish_holidays_between(d(2025, 12, 20), d(2026, 1, 10))
            .into_iter()
            .map(|h| h.name)
            .collect();
        assert_eq!(
            names,
            [
                "Julafton",
                "Juldagen",
                "Annandag jul",
                "Nyårsafton",
                "Nyårsdagen",
                "Trettondedag jul"
            ]
        );
        assert!(swedish_holidays_between(d(2026, 1, 2), d(2026, 1, 5)).is_empty());
        assert!(swedish_holidays_between(d(2026, 2, 1), d(2026, 1, 1)).is_empty());
        let whole = swedish_holidays_between(d(2026, 1, 1), d(2026, 12, 31));
        assert_eq!(whole, swedish_holidays(2026));
    }

    #[test]
    fn unrepresentable_years_are_empty_not_panics() {
        assert!(swedish_holidays(i32::MAX).is_empty());
        assert!(swedish_holidays(i32::MIN).is_empty());
        assert!(!swedish_holidays(NaiveDate::MAX.year()).is_empty());
        assert!(!swedish_holidays(NaiveDate::MIN.year()).is_empty());
    }
}
