/*!
`FREQ=MINUTELY` and `FREQ=SECONDLY` rules with BY-filters, expanded day by day.

The `rrule` crate steps such a rule one minute (or second) at a time and gives up after
100,000 steps without a match, so `FREQ=MINUTELY;BYMONTH=12;BYDAY=MO;BYHOUR=9;BYMINUTE=0`
lost most of its instances without a word. Here the days that pass the day filters
(BYMONTH, BYMONTHDAY, BYYEARDAY, BYDAY) are found first, then the times in them that pass
BYHOUR, BYMINUTE and BYSECOND and lie on the rule's grid (DTSTART plus a multiple of
INTERVAL minutes or seconds), so the work is a few steps a day, whatever the filters.

RFC 5545 3.3.10 for these frequencies: every BY-part limits, except BYSECOND, which
expands a MINUTELY rule (without it, the second is DTSTART's). A number on a BYDAY
weekday is ignored (it is only defined for MONTHLY and YEARLY; `recur` warns). Rules with
BYSETPOS or BYWEEKNO, or without any filter, stay with the crate (`parse` returns None).
*/

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Weekday};

/// A MINUTELY or SECONDLY rule with day or time filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fine {
    secondly: bool,
    interval: i64,
    count: Option<u64>,
    months: Vec<u32>,
    month_days: Vec<i32>,
    year_days: Vec<i32>,
    weekdays: Vec<Weekday>,
    hours: Vec<u32>,
    minutes: Vec<u32>,
    seconds: Vec<u32>,
}

fn list<T: std::str::FromStr>(key: &str, v: &str) -> Result<Vec<T>, String> {
    v.split(',')
        .map(|x| {
            x.trim()
                .trim_start_matches('+')
                .parse()
                .map_err(|_| format!("{key}={v}: \"{x}\" is not a number"))
        })
        .collect()
}

fn weekday(text: &str) -> Result<Weekday, String> {
    let name = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
    Ok(match name {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return Err(format!("BYDAY \"{text}\" is not a weekday like MO")),
    })
}

/// Reads the `KEY=VALUE` parts (upper case, UNTIL removed) of a rule; `None` when the
/// crate expands it (another frequency, no filter, or BYSETPOS/BYWEEKNO).
pub fn parse(parts: &[String]) -> Result<Option<Fine>, String> {
    let mut f = Fine {
        secondly: false,
        interval: 1,
        count: None,
        months: vec![],
        month_days: vec![],
        year_days: vec![],
        weekdays: vec![],
        hours: vec![],
        minutes: vec![],
        seconds: vec![],
    };
    let mut filtered = false;
    for part in parts {
        let Some((key, v)) = part.split_once('=') else {
            continue;
        };
        match key {
            "FREQ" if v == "MINUTELY" => {}
            "FREQ" if v == "SECONDLY" => f.secondly = true,
            "FREQ" | "BYSETPOS" | "BYWEEKNO" => return Ok(None),
            "INTERVAL" => {
                f.interval = v
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or(format!("INTERVAL={v} is not a whole number from 1"))?
            }
            "COUNT" => {
                f.count = Some(
                    v.parse()
                        .map_err(|_| format!("COUNT={v} is not a whole number"))?,
                )
            }
            "BYMONTH" => f.months = list(key, v)?,
            "BYMONTHDAY" => f.month_days = list(key, v)?,
            "BYYEARDAY" => f.year_days = list(key, v)?,
            "BYDAY" => {
                f.weekdays = v
                    .split(',')
                    .map(|d| weekday(d.trim()))
                    .collect::<Result<_, _>>()?
            }
            "BYHOUR" => f.hours = list(key, v)?,
            "BYMINUTE" => f.minutes = list(key, v)?,
            "BYSECOND" => f.seconds = list(key, v)?,
            _ => continue,
        }
        filtered |= key.starts_with("BY");
    }
    Ok(filtered.then_some(f))
}

fn days_in_month(d: NaiveDate) -> i32 {
    let (y, m) = (d.year(), d.month());
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.map_or(31, |n| n.pred_opt().map_or(31, |l| l.day() as i32))
}

fn days_in_year(y: i32) -> i32 {
    if NaiveDate::from_ymd_opt(y, 2, 29).is_some() {
        366
    } else {
        365
    }
}

/// Whether `n` (1-based, negative from the end) names position `pos` of `len`.
fn names(n: i32, pos: i32, len: i32) -> bool {
    n == pos || (n < 0 && len + n + 1 == pos)
}

impl Fine {
    fn day_passes(&self, d: NaiveDate) -> bool {
        (self.months.is_empty() || self.months.contains(&d.month()))
            && (self.month_days.is_empty()
                || self
                    .month_days
                    .iter()
                    .any(|&n| names(n, d.day() as i32, days_in_month(d))))
            && (self.year_days.is_empty()
                || self
                    .year_days
                    .iter()
                    .any(|&n| names(n, d.ordinal() as i32, days_in_year(d.year()))))
            && (self.weekdays.is_empty() || self.weekdays.contains(&d.weekday()))
    }

    /// The start times from `dtstart` up to and including `bound`, at most `max`;
    /// `true` when `max` cut them short.
    pub fn expand(
        &self,
        dtstart: NaiveDateTime,
        bound: NaiveDateTime,
        max: usize,
    ) -> (Vec<NaiveDateTime>, bool) {
        let mut out = Vec::new();
        let mut left = self.count;
        let all = |v: &Vec<u32>, n: u32| -> Vec<u32> {
            if v.is_empty() {
                (0..n).collect()
            } else {
                let mut v: Vec<u32> = v.iter().copied().filter(|x| *x < n).collect();
                v.sort_unstable();
                v.dedup();
                v
            }
        };
        let hours = all(&self.hours, 24);
        let minutes = all(&self.minutes, 60);
        let seconds: Vec<u32> = if self.seconds.is_empty() {
            vec![]
        } else {
            all(&self.seconds, 60)
        };
        // The grid: MINUTELY counts whole minutes from DTSTART's minute, SECONDLY seconds.
        let base = if self.secondly {
            dtstart
        } else {
            dtstart.with_second(0).unwrap_or(dtstart)
        };
        let step = if self.secondly { 1 } else { 60 } * self.interval;
        let on_grid = |t: NaiveDateTime| {
            let since = (t - base).num_seconds();
            let unit = if self.secondly {
                since
            } else {
                since.div_euclid(60) * 60
            };
            since >= 0 && unit % step == 0
        };
        let mut day = dtstart.date();
        while day <= bound.date() {
            if self.day_passes(day) {
                for &h in &hours {
                    for &m in &minutes {
                        let Some(minute) = day.and_hms_opt(h, m, 0) else {
                            continue;
                        };
                        let times: Vec<NaiveDateTime> = if !seconds.is_empty() {
                            seconds
                                .iter()
                                .map(|s| minute + Duration::seconds(*s as i64))
                                .filter(|t| on_grid(*t))
                                .collect()
                        } else if self.secondly {
                            // Every grid second in this minute.
                            let since = (minute - base).num_seconds();
                            let first = if since <= 0 {
                                -since
                            } else {
                                (step - since % step) % step
                            };
                            (first..60)
                                .step_by(step as usize)
                                .map(|s| minute + Duration::seconds(s))
                                .collect()
                        } else {
                            let t = minute + Duration::seconds(dtstart.second() as i64);
                            if on_grid(t) {
                                vec![t]
                            } else {
                                vec![]
                            }
                        };
                        for t in times {
                            if t < dtstart {
                                continue;
                            }
                            if t > bound || left == Some(0) {
                                return (out, false);
                            }
                            if out.len() >= max {
                                return (out, true);
                            }
                            out.push(t);
                            if let Some(n) = &mut left {
                                *n -= 1;
                            }
                        }
                    }
                }
            }
            let Some(next) = day.succ_opt() else { break };
            day = next;
        }
        (out, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(text: &str) -> Fine {
        let parts: Vec<String> = text.split(';').map(str::to_string).collect();
        parse(&parts).unwrap().unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, s)
            .unwrap()
    }

    #[test]
    fn december_mondays_at_nine() {
        let f = rule("FREQ=MINUTELY;BYMONTH=12;BYDAY=MO;BYHOUR=9;BYMINUTE=0");
        let (v, cut) = f.expand(at(2026, 1, 1, 9, 0, 0), at(2036, 1, 1, 0, 0, 0), 1000);
        assert!(!cut);
        // 44 December Mondays in 2026–2035 (the reference says 45 with DTSTART).
        assert_eq!(v.len(), 44);
        assert!(v
            .iter()
            .all(|t| t.month() == 12 && t.weekday() == Weekday::Mon && t.hour() == 9));
    }

    #[test]
    fn grid_count_and_seconds() {
        // Every 7 minutes from 08:03 (08:59 is minute 56), only in hour 9.
        let f = rule("FREQ=MINUTELY;INTERVAL=7;BYHOUR=9;COUNT=3");
        let (v, _) = f.expand(at(2026, 1, 1, 8, 3, 30), at(2027, 1, 1, 0, 0, 0), 100);
        assert_eq!(
            v,
            vec![
                at(2026, 1, 1, 9, 6, 30),
                at(2026, 1, 1, 9, 13, 30),
                at(2026, 1, 1, 9, 20, 30)
            ]
        );
        let f = rule("FREQ=SECONDLY;INTERVAL=20;BYMINUTE=1;BYHOUR=0");
        let (v, _) = f.expand(at(2026, 1, 1, 0, 0, 10), at(2026, 1, 2, 0, 0, 0), 100);
        assert_eq!(
            v,
            vec![
                at(2026, 1, 1, 0, 1, 10),
                at(2026, 1, 1, 0, 1, 30),
                at(2026, 1, 1, 0, 1, 50)
            ]
        );
        // Last day of February, by BYMONTHDAY=-1.
        let f = rule("FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=-1;BYHOUR=12;BYMINUTE=0");
        let (v, _) = f.expand(at(2027, 1, 1, 0, 0, 0), at(2029, 1, 1, 0, 0, 0), 100);
        assert_eq!(
            v,
            vec![at(2027, 2, 28, 12, 0, 0), at(2028, 2, 29, 12, 0, 0)]
        );
    }

    #[test]
    fn what_stays_with_the_crate() {
        let p = |t: &str| parse(&t.split(';').map(str::to_string).collect::<Vec<_>>()).unwrap();
        assert_eq!(p("FREQ=MINUTELY"), None);
        assert_eq!(p("FREQ=DAILY;BYHOUR=9"), None);
        assert_eq!(p("FREQ=MINUTELY;BYHOUR=9;BYSETPOS=1"), None);
    }
}
