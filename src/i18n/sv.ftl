## krocks svenska meddelanden. Varje id här finns också i en.ftl, med samma variabler
## (tests/i18n.rs). Bara löptext: JSON-nycklar, ISO-datum i tabeller och kalenderdata
## översätts inte.

## Datum och tider i löptext (src/i18n/dates.rs).
weekday = { $n ->
    [1] måndag
    [2] tisdag
    [3] onsdag
    [4] torsdag
    [5] fredag
    [6] lördag
   *[7] söndag
}
weekday-short = { $n ->
    [1] mån
    [2] tis
    [3] ons
    [4] tor
    [5] fre
    [6] lör
   *[7] sön
}
month = { $n ->
    [1] januari
    [2] februari
    [3] mars
    [4] april
    [5] maj
    [6] juni
    [7] juli
    [8] augusti
    [9] september
    [10] oktober
    [11] november
   *[12] december
}
date-long = { $weekday } { $day } { $month } { $year }
date-long-no-year = { $weekday } { $day } { $month }
month-year = { $month } { $year }
week = vecka { $week }
time = { $hh }.{ $mm }

## Antal.
present-of = { $present } av { $total } närvarande
n-people = { $n ->
    [one] { $n } person
   *[other] { $n } personer
}
