## krock's English messages. Every id here is also in sv.ftl, with the same variables
## (tests/i18n.rs). Only prose: JSON keys, ISO dates in tables and calendar data are not
## translated.

## Dates and times in prose (src/i18n/dates.rs).
weekday = { $n ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}
weekday-short = { $n ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
}
month = { $n ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
date-long = { $weekday } { $day } { $month } { $year }
date-long-no-year = { $weekday } { $day } { $month }
month-year = { $month } { $year }
week = week { $week }
time = { $hh }:{ $mm }

## Counts.
present-of = { $present } of { $total } present
n-people = { $n ->
    [one] { $n } person
   *[other] { $n } people
}
