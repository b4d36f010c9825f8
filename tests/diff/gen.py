#!/usr/bin/env python3
"""Generate the differential-test calendars in tests/diff/cases/.

Each case is one RFC 5545 calendar (CRLF, folded at 75 octets, never inside a UTF-8
character) focused on one theme of recurrence expansion that calendar tools get wrong:
DST gaps and repeated hours, RRULE parts, RDATE/EXDATE, RECURRENCE-ID overrides, time
zones (IANA, Outlook/Windows names, custom VTIMEZONE, UTC, floating, X-WR-TIMEZONE),
all-day events, missing ends, status/transparency and text escaping.

Deterministic: the structure of every case is fixed; the seeded RNG only picks summaries,
times of day and a few counts/intervals.  Re-running writes byte-identical files.

usage: python3 tests/diff/gen.py [--out DIR] [--seed N]
Then `tests/diff/expect.sh` writes the oracle's *.expected.jsonl next to each case.

The expected outputs are made by the reference expander with window
[2026-01-01, 2027-01-01) in Europe/Stockholm.  Every RRULE'd DTSTART is checked to be an
instance of its own rule (the reference treats a mismatching DTSTART as an extra instance,
which RFC 5545 leaves undefined); the check needs python-dateutil and is skipped without it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys

SEED = 5545
DTSTAMP = "DTSTAMP:20260101T000000Z"
STHLM = "Europe/Stockholm"
NY = "America/New_York"
KOL = "Asia/Kolkata"
SYD = "Australia/Sydney"
WEU = "W. Europe Standard Time"
AMS = "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"
CUSTOM = "Kontorstid Atlantis"
FIXED = "Fast tid +0545"

# ---------------------------------------------------------------- VTIMEZONE blocks

def _tz(tzid, *parts):
    return ["BEGIN:VTIMEZONE", f"TZID:{tzid}", *parts, "END:VTIMEZONE"]


def _sub(kind, start, frm, to, name=None, rrule=None):
    out = [f"BEGIN:{kind}", f"DTSTART:{start}", f"TZOFFSETFROM:{frm}", f"TZOFFSETTO:{to}"]
    if name:
        out.append(f"TZNAME:{name}")
    if rrule:
        out.append(f"RRULE:{rrule}")
    out.append(f"END:{kind}")
    return out


_EU_DAY = "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"
_EU_STD = "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"
# Outlook writes its rules in this order and with INTERVAL=1.
_MS_DAY = "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3"
_MS_STD = "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10"

VTIMEZONES = {
    STHLM: _tz(STHLM,
               *_sub("DAYLIGHT", "19700329T020000", "+0100", "+0200", "CEST", _EU_DAY),
               *_sub("STANDARD", "19701025T030000", "+0200", "+0100", "CET", _EU_STD)),
    NY: _tz(NY,
            *_sub("DAYLIGHT", "19700308T020000", "-0500", "-0400", "EDT",
                  "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
            *_sub("STANDARD", "19701101T020000", "-0400", "-0500", "EST",
                  "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU")),
    KOL: _tz(KOL, *_sub("STANDARD", "19700101T000000", "+0530", "+0530", "IST")),
    SYD: _tz(SYD,
             *_sub("STANDARD", "19700405T030000", "+1100", "+1000", "AEST",
                   "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU"),
             *_sub("DAYLIGHT", "19701004T020000", "+1000", "+1100", "AEDT",
                   "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU")),
    WEU: _tz(WEU,
             *_sub("STANDARD", "16010101T030000", "+0200", "+0100", None, _MS_STD),
             *_sub("DAYLIGHT", "16010101T020000", "+0100", "+0200", None, _MS_DAY)),
    AMS: _tz(AMS,
             *_sub("STANDARD", "16010101T030000", "+0200", "+0100", None, _MS_STD),
             *_sub("DAYLIGHT", "16010101T020000", "+0100", "+0200", None, _MS_DAY)),
    # A zone no database knows: UTC+3, summer time UTC+4 from the 2nd Sunday of April
    # 03:00 to the 1st Sunday of November 04:00 (2026: 12 April and 1 November).
    CUSTOM: _tz(CUSTOM,
                *_sub("DAYLIGHT", "19700412T030000", "+0300", "+0400", "ATLS",
                      "FREQ=YEARLY;BYMONTH=4;BYDAY=2SU"),
                *_sub("STANDARD", "19701101T040000", "+0400", "+0300", "ATL",
                      "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU")),
    FIXED: _tz(FIXED, *_sub("STANDARD", "19700101T000000", "+0545", "+0545", "F545")),
}


def tzparam(tzid):
    """TZID parameter, quoted where the value has ',', ';' or ':' (RFC 5545 3.1)."""
    return f'"{tzid}"' if any(c in tzid for c in ",;:") else tzid


# ---------------------------------------------------------------- text helpers

def esc(s):
    return (s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line):
    """Fold at 75 octets, only between characters (RFC 5545 3.1)."""
    out, cur, limit = [], "", 75
    for ch in line:
        if len((cur + ch).encode("utf-8")) > limit:
            out.append(cur)
            cur, limit = " " + ch, 75
        else:
            cur += ch
    out.append(cur)
    return out


def tz_local(tzid, stamp):
    return f"TZID={tzparam(tzid)}:{stamp}"


# ---------------------------------------------------------------- building blocks

class Case:
    def __init__(self, name, doc, zones=(), props=()):
        self.name, self.doc = name, doc
        self.zones = list(zones)
        self.props = list(props)
        self.events = []

    def ev(self, uid, summary, *lines, first=False):
        body = ["BEGIN:VEVENT", f"UID:{uid}@krock.test", DTSTAMP]
        body += list(lines)
        if summary is not None:
            body.append(f"SUMMARY:{esc(summary)}")
        body.append("END:VEVENT")
        if first:
            self.events.insert(0, body)
        else:
            self.events.append(body)
        return self

    def lines(self):
        out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//krock//diff-fixtures//SV",
               "CALSCALE:GREGORIAN", f"X-KROCK-CASE:{esc(self.doc)}"]
        out += self.props
        for z in self.zones:
            out += VTIMEZONES[z]
        for e in self.events:
            out += e
        out.append("END:VCALENDAR")
        return out

    def text(self):
        folded = []
        for line in self.lines():
            folded += fold(line)
        return "".join(l + "\r\n" for l in folded)


def S(stamp, tzid=STHLM):
    """DTSTART in a zone."""
    return f"DTSTART;{tz_local(tzid, stamp)}"


def E(stamp, tzid=STHLM):
    return f"DTEND;{tz_local(tzid, stamp)}"


def SD(date):
    return f"DTSTART;VALUE=DATE:{date}"


def ED(date):
    return f"DTEND;VALUE=DATE:{date}"


# ---------------------------------------------------------------- the cases

WORDS = ["Styrgrupp", "Ledningsgrupp", "Avstämning", "Planering", "Uppföljning", "Fika",
         "Genomgång", "Workshop", "Beredning", "Samråd", "Nätverksträff", "Arbetsmöte",
         "Budgetmöte", "Referensgrupp", "Öppet hus", "Studiebesök", "Frukostmöte",
         "Återkoppling", "Kvartalsmöte", "Verksamhetsdialog"]


def build(rng):
    def word():
        return rng.choice(WORDS)

    def hour(choices=(8, 9, 10, 13, 14, 15)):
        return rng.choice(choices)

    def minute():
        return rng.choice((0, 0, 15, 30, 45))

    cases = []

    def case(name, doc, zones=(STHLM,), props=()):
        c = Case(name, doc, zones, props)
        cases.append(c)
        return c

    # -- DST ---------------------------------------------------------------------
    c = case("dst-spring-gap", "Europe/Stockholm 2026-03-29 02:00->03:00: local times in the gap")
    c.ev("gap-single", "I glappet 02:30", S("20260329T023000"), E("20260329T033000"))
    c.ev("gap-daily", f"{word()} dagligen 02:30", S("20260327T023000"), E("20260327T030000"),
         "RRULE:FREQ=DAILY;COUNT=5")
    c.ev("gap-weekly-dur", f"{word()} söndagar 02:15", S("20260315T021500"), "DURATION:PT45M",
         "RRULE:FREQ=WEEKLY;BYDAY=SU;COUNT=4")
    c.ev("gap-end-in-gap", "Slutar i glappet", S("20260329T013000"), E("20260329T023000"))
    c.ev("gap-at-0200", "Exakt 02:00", S("20260329T020000"), E("20260329T030000"))
    c.ev("gap-after", "Efter glappet 03:00", S("20260329T030000"), E("20260329T040000"))

    c = case("dst-autumn-ambiguous",
             "Europe/Stockholm 2026-10-25 03:00->02:00: local times in the repeated hour")
    c.ev("amb-single", "Dubbeltimmen 02:30", S("20261025T023000"), E("20261025T033000"))
    c.ev("amb-daily", f"{word()} dagligen 02:30", S("20261023T023000"), E("20261023T031500"),
         "RRULE:FREQ=DAILY;COUNT=4")
    c.ev("amb-weekly", f"{word()} söndagar 02:30", S("20261011T023000"), E("20261011T033000"),
         "RRULE:FREQ=WEEKLY;COUNT=3")
    c.ev("amb-dur-2h", "Två timmar från 01:30", S("20261025T013000"), "DURATION:PT2H")
    c.ev("amb-dtend-0300", "01:30 till 03:00", S("20261025T013000"), E("20261025T030000"))
    c.ev("amb-0200", "Exakt 02:00", S("20261025T020000"), E("20261025T025900"))

    c = case("dst-overnight-spring",
             "23:00-04:00 across the spring-forward night, with DTEND and with DURATION")
    c.ev("night-dtend", "Nattjobb (DTEND)", S("20260326T230000"), E("20260327T040000"),
         "RRULE:FREQ=DAILY;COUNT=5")
    c.ev("night-dur", "Nattjobb (DURATION)", S("20260326T230000"), "DURATION:PT5H",
         "RRULE:FREQ=DAILY;COUNT=5")
    c.ev("night-single", "Servicefönster", S("20260328T230000"), E("20260329T040000"))
    c.ev("day-dur-p1d", "Dygnspass P1D", S("20260328T120000"), "DURATION:P1D",
         "RRULE:FREQ=DAILY;COUNT=3")
    c.ev("day-dur-p1dt2h", "Dygnspass P1DT2H", S("20260328T220000"), "DURATION:P1DT2H")
    c.ev("day-dtend-24h", "Dygnspass DTEND", S("20260328T120000"), E("20260329T120000"))

    c = case("dst-overnight-autumn",
             "23:00-04:00 across the fall-back night, with DTEND and with DURATION")
    c.ev("night-dtend", "Nattjobb (DTEND)", S("20261023T230000"), E("20261024T040000"),
         "RRULE:FREQ=DAILY;COUNT=4")
    c.ev("night-dur", "Nattjobb (DURATION)", S("20261023T230000"), "DURATION:PT5H",
         "RRULE:FREQ=DAILY;COUNT=4")
    c.ev("night-single", "Servicefönster", S("20261024T230000"), E("20261025T040000"))
    c.ev("day-dur-p1d", "Dygnspass P1D", S("20261024T120000"), "DURATION:P1D",
         "RRULE:FREQ=DAILY;COUNT=3")
    c.ev("week-dur-p1w", "Veckopass P1W", S("20261019T080000"), "DURATION:P1W")

    c = case("dst-weekly-series", "Weekly Stockholm series spanning both 2026 transitions")
    h = hour()
    c.ev("monday", f"{word()} måndagar", S(f"20260302T{h:02d}0000"), E(f"20260302T{h + 1:02d}0000"),
         "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20260420T000000Z")
    c.ev("sunday-0230", "Söndag 02:30 hela året", S("20260104T023000"), E("20260104T033000"),
         "RRULE:FREQ=WEEKLY;BYDAY=SU")
    c.ev("saturday-late", "Lördag 22:00-05:00", S("20261017T220000"), E("20261018T050000"),
         "RRULE:FREQ=WEEKLY;COUNT=3")

    c = case("dst-new-york",
             "America/New_York transitions (2026-03-08, 2026-11-01) and the weeks US and EU differ",
             zones=(NY,))
    c.ev("ny-gap", "NY gap 02:30", S("20260308T023000", NY), E("20260308T033000", NY))
    c.ev("ny-amb", "NY repeated 01:30", S("20261101T013000", NY), E("20261101T023000", NY))
    c.ev("ny-standup", f"{word()} NY 09:00", S("20260302T090000", NY), E("20260302T093000", NY),
         "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10")
    c.ev("ny-night", "NY night 22:00 PT6H", S("20261031T220000", NY), "DURATION:PT6H",
         "RRULE:FREQ=DAILY;COUNT=2")
    c.ev("ny-autumn-gap-weeks", "NY autumn weeks", S("20261019T100000", NY),
         E("20261019T110000", NY), "RRULE:FREQ=WEEKLY;COUNT=4")

    c = case("dst-sydney",
             "Australia/Sydney: DST ends 2026-04-05 03:00, starts 2026-10-04 02:00", zones=(SYD,))
    c.ev("syd-weekly", f"{word()} Sydney", S("20260323T090000", SYD), E("20260323T100000", SYD),
         "RRULE:FREQ=WEEKLY;COUNT=4")
    c.ev("syd-amb", "Sydney repeated 02:30", S("20260405T023000", SYD), E("20260405T033000", SYD))
    c.ev("syd-gap", "Sydney gap 02:30", S("20261004T023000", SYD), E("20261004T033000", SYD))
    c.ev("syd-night", "Sydney night", S("20261003T230000", SYD), E("20261004T040000", SYD),
         "RRULE:FREQ=DAILY;COUNT=2")
    c.ev("syd-new-year", "Nyår i Sydney", S("20261231T230000", SYD), E("20270101T010000", SYD))

    # -- RRULE parts -------------------------------------------------------------
    c = case("daily-interval-count", "FREQ=DAILY with INTERVAL, COUNT, UNTIL, BYDAY, BYHOUR")
    h, m = hour(), minute()
    c.ev("every-3rd", f"{word()} var tredje dag", S(f"20260105T{h:02d}{m:02d}00"),
         E(f"20260105T{h + 1:02d}{m:02d}00"), f"RRULE:FREQ=DAILY;INTERVAL=3;COUNT={rng.randint(8, 14)}")
    c.ev("until-z", f"{word()} t.o.m. 20 feb", S("20260210T080000"), E("20260210T083000"),
         "RRULE:FREQ=DAILY;UNTIL=20260220T070000Z")
    c.ev("weekdays-mwf", "Mån/ons/fre", S("20260302T071500"), E("20260302T074500"),
         "RRULE:FREQ=DAILY;BYDAY=MO,WE,FR;COUNT=9")
    c.ev("byhour", "Två gånger om dagen", S("20260601T090000"), E("20260601T093000"),
         "RRULE:FREQ=DAILY;BYHOUR=9,14;BYMINUTE=0,30;COUNT=10")
    c.ev("until-before", "Slutade 2025", S("20251201T100000"), E("20251201T110000"),
         "RRULE:FREQ=DAILY;UNTIL=20251231T090000Z")
    c.ev("into-window", "Från december", S("20251228T100000"), E("20251228T110000"),
         "RRULE:FREQ=DAILY;COUNT=7")

    c = case("weekly-interval-byday", "FREQ=WEEKLY with INTERVAL, BYDAY lists, COUNT, UNTIL")
    c.ev("biweekly-tuth", f"{word()} varannan vecka", S("20260106T100000"), E("20260106T110000"),
         "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=12")
    c.ev("workdays", "Morgonmöte", S("20260831T083000"), E("20260831T084500"),
         "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20260918T063000Z")
    c.ev("every-3-weeks", f"{word()} var tredje vecka", S("20260116T130000"),
         E("20260116T143000"), f"RRULE:FREQ=WEEKLY;INTERVAL=3;COUNT={rng.randint(10, 16)}")
    c.ev("since-2019", "Sedan 2019", S("20190107T120000"), E("20190107T130000"),
         "RRULE:FREQ=WEEKLY;INTERVAL=4;BYDAY=MO")

    c = case("weekly-wkst",
             "FREQ=WEEKLY;INTERVAL=2 with BYDAY=TU,SU: WKST=SU and WKST=MO give different days")
    c.ev("wkst-su", "WKST=SU", S("20260804T090000"), E("20260804T100000"),
         "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6;BYDAY=TU,SU;WKST=SU")
    c.ev("wkst-mo", "WKST=MO", S("20260804T090000"), E("20260804T100000"),
         "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6;BYDAY=TU,SU;WKST=MO")
    c.ev("wkst-default", "WKST saknas", S("20260804T120000"), E("20260804T130000"),
         "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6;BYDAY=TU,SU")
    c.ev("wkst-su-sat", "WKST=SU lör/sön", S("20260103T100000"), E("20260103T110000"),
         "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU;WKST=SU;UNTIL=20260301T000000Z")

    c = case("monthly-byday-ordinal", "FREQ=MONTHLY;BYDAY with ordinals: -1FR, 2TU, 1MO,-1MO, 3WE")
    c.ev("last-friday", "Sista fredagen", S("20260130T150000"), E("20260130T160000"),
         "RRULE:FREQ=MONTHLY;BYDAY=-1FR")
    c.ev("second-tuesday", f"{word()} andra tisdagen", S("20260113T090000"), E("20260113T113000"),
         "RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=12")
    c.ev("first-last-monday", "Första och sista måndagen", S("20260105T080000"),
         E("20260105T090000"), "RRULE:FREQ=MONTHLY;BYDAY=1MO,-1MO;UNTIL=20261201T000000Z")
    c.ev("third-wed-bimonthly", "Tredje onsdagen varannan månad", S("20260218T130000"),
         E("20260218T140000"), "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=3WE")
    c.ev("fifth-thursday", "Femte torsdagen", S("20260129T100000"), E("20260129T110000"),
         "RRULE:FREQ=MONTHLY;BYDAY=5TH")

    c = case("monthly-bymonthday", "BYMONTHDAY 31 (skips short months), -1, -2, 1 and 15, 30")
    c.ev("day-31", "Den 31:a", S("20260131T100000"), E("20260131T110000"),
         "RRULE:FREQ=MONTHLY;BYMONTHDAY=31")
    c.ev("day-last", "Sista dagen", S("20260131T160000"), E("20260131T170000"),
         "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1")
    c.ev("day-second-last", "Näst sista dagen", S("20260130T120000"), E("20260130T123000"),
         "RRULE:FREQ=MONTHLY;BYMONTHDAY=-2;COUNT=12")
    c.ev("day-1-15", f"{word()} 1:a och 15:e", S("20260101T090000"), E("20260101T100000"),
         "RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1,15")
    c.ev("day-30", "Den 30:e", S("20260130T080000"), E("20260130T083000"),
         "RRULE:FREQ=MONTHLY;BYMONTHDAY=30;COUNT=11")
    c.ev("jan-31-plain", "31 jan utan BYMONTHDAY", S("20260131T130000"), E("20260131T140000"),
         "RRULE:FREQ=MONTHLY;COUNT=7")

    c = case("monthly-bysetpos", "BYSETPOS: last/first weekday of month, second-to-last, 1,-1")
    c.ev("last-weekday", "Sista vardagen", S("20260130T140000"), E("20260130T150000"),
         "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1")
    c.ev("first-weekday", "Första vardagen", S("20260101T090000"), E("20260101T093000"),
         "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1;COUNT=12")
    c.ev("second-last-weekday", "Näst sista vardagen", S("20260129T100000"),
         E("20260129T110000"), "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2;COUNT=12")
    c.ev("first-last-weekend", "Första och sista helgdagen", SD("20260103"), ED("20260104"),
         "RRULE:FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1,-1;COUNT=10")
    c.ev("yearly-last-workday", "Årets sista arbetsdag", S("20261231T120000"),
         E("20261231T130000"), "RRULE:FREQ=YEARLY;BYMONTH=12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1")

    c = case("yearly-bymonth", "FREQ=YEARLY with BYMONTH, BYDAY, BYMONTHDAY, INTERVAL")
    c.ev("anniversary", "Årsdag", S("20150315T180000"), E("20150315T200000"),
         "RRULE:FREQ=YEARLY")
    c.ev("midsommarafton", "Midsommarafton", SD("20260619"), ED("20260620"),
         "RRULE:FREQ=YEARLY;BYMONTH=6;BYDAY=FR;BYMONTHDAY=19,20,21,22,23,24,25",
         "TRANSP:TRANSPARENT")
    c.ev("quarterly-last-fri", "Kvartalets sista fredag", S("20260327T100000"),
         E("20260327T120000"), "RRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;BYDAY=-1FR")
    c.ev("jan-mondays", "Måndagar i januari", S("20260105T080000"), E("20260105T083000"),
         "RRULE:FREQ=YEARLY;BYMONTH=1;BYDAY=MO")
    c.ev("every-2-years", "Vartannat år", S("20220910T100000"), E("20220910T150000"),
         "RRULE:FREQ=YEARLY;INTERVAL=2")
    c.ev("thanksgiving-ny", "Thanksgiving", SD("20251127"), ED("20251128"),
         "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH")

    c = case("byweekno-byyearday", "YEARLY with BYWEEKNO (2026 has ISO week 53) and BYYEARDAY")
    c.ev("week-20-monday", "Vecka 20 måndag", S("20260511T090000"), E("20260511T100000"),
         "RRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO")
    c.ev("week-53-thursday", "Vecka 53 torsdag", S("20261231T100000"), E("20261231T110000"),
         "RRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH")
    c.ev("week-1-friday", "Vecka 1 fredag", S("20260102T080000"), E("20260102T090000"),
         "RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=FR")
    c.ev("yearday", "Dag 1, 100, 200 och sista", S("20260101T120000"), E("20260101T130000"),
         "RRULE:FREQ=YEARLY;BYYEARDAY=1,100,200,-1")
    c.ev("yearday-allday", "Dag 60", SD("20250301"), "RRULE:FREQ=YEARLY;BYYEARDAY=60")

    c = case("until-variants",
             "UNTIL: UTC equal to the last instance (inclusive), one second before it, "
             "date-only for all-day, floating for floating, across DST")
    c.ev("until-exact", "UNTIL = sista förekomsten", S("20260302T090000"), E("20260302T100000"),
         "RRULE:FREQ=WEEKLY;UNTIL=20260406T070000Z")
    c.ev("until-1s-before", "UNTIL en sekund före", S("20260302T110000"), E("20260302T120000"),
         "RRULE:FREQ=WEEKLY;UNTIL=20260406T085959Z")
    c.ev("until-date-allday", "Heldag t.o.m. datum", SD("20260601"), ED("20260602"),
         "RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20260611")
    c.ev("until-floating", "Flytande UNTIL", "DTSTART:20260901T080000", "DTEND:20260901T090000",
         "RRULE:FREQ=DAILY;UNTIL=20260905T080000")
    c.ev("until-autumn", "UNTIL efter omställningen", S("20261020T090000"), E("20261020T093000"),
         "RRULE:FREQ=DAILY;UNTIL=20261027T080000Z")

    c = case("count-exdate-rdate",
             "COUNT counts EXDATE'd instances; RDATEs are extra and do not count")
    c.ev("count-exdate", f"{word()} COUNT=6", S("20260202T100000"), E("20260202T110000"),
         "RRULE:FREQ=WEEKLY;COUNT=6", f"EXDATE;{tz_local(STHLM, '20260216T100000')}")
    c.ev("count-rdate", f"{word()} COUNT=3 + RDATE", S("20260203T100000"), E("20260203T110000"),
         "RRULE:FREQ=WEEKLY;COUNT=3", f"RDATE;{tz_local(STHLM, '20260305T140000')}")
    c.ev("count-1", "COUNT=1", S("20260204T100000"), E("20260204T110000"),
         "RRULE:FREQ=DAILY;COUNT=1")
    c.ev("rdate-exdated", "RDATE som EXDATE tar bort", S("20260205T100000"),
         E("20260205T110000"), f"RDATE;{tz_local(STHLM, '20260206T100000,20260207T100000')}",
         f"EXDATE;{tz_local(STHLM, '20260207T100000')}")

    c = case("multiple-rrules", "Several RRULE lines on one event, overlapping instances once")
    c.ev("mon-and-first", "Måndagar och den 1:a", S("20260601T100000"), E("20260601T110000"),
         "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=8", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=4")
    c.ev("two-weekly", "Två veckoregler", S("20260105T140000"), E("20260105T150000"),
         "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=5",
         "RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=MO;COUNT=5")
    c.ev("three-rules", "Tre regler", SD("20260901"),
         "RRULE:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=3", "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3",
         "RRULE:FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=15;COUNT=1")
    c.ev("rrules-exdate", "Regler och EXDATE", S("20261001T080000"), E("20261001T090000"),
         "RRULE:FREQ=DAILY;INTERVAL=5;COUNT=4", "RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=3",
         f"EXDATE;{tz_local(STHLM, '20261011T080000')}")

    # -- RDATE / EXDATE ------------------------------------------------------------
    c = case("rdate-datetime", "RDATE date-time lists with TZID, several lines, in UTC, "
             "duplicating an RRULE instance")
    c.ev("rdate-only", f"{word()} bara RDATE", S("20260310T100000"), E("20260310T113000"),
         f"RDATE;{tz_local(STHLM, '20260317T100000,20260331T100000,20260414T140000')}")
    c.ev("rdate-lines", "Flera RDATE-rader", S("20260505T090000"), E("20260505T100000"),
         "RRULE:FREQ=WEEKLY;COUNT=3", f"RDATE;{tz_local(STHLM, '20260507T090000')}",
         f"RDATE;{tz_local(STHLM, '20260509T150000')}")
    c.ev("rdate-utc", "RDATE i UTC", S("20260601T090000"), E("20260601T100000"),
         "RRULE:FREQ=DAILY;COUNT=2", "RDATE:20260610T120000Z,20261110T120000Z")
    c.ev("rdate-dup", "RDATE = RRULE-förekomst", S("20260701T090000"), E("20260701T100000"),
         "RRULE:FREQ=DAILY;COUNT=3", f"RDATE;{tz_local(STHLM, '20260702T090000')}")
    c.ev("rdate-gap", "RDATE i glappet", S("20260322T023000"), E("20260322T033000"),
         f"RDATE;{tz_local(STHLM, '20260329T023000')}")

    c = case("rdate-date-period", "RDATE;VALUE=DATE on all-day series; RDATE;VALUE=PERIOD "
             "with explicit end and with duration")
    c.ev("rdate-dates", "Heldagar via RDATE", SD("20260406"), ED("20260407"),
         "RDATE;VALUE=DATE:20260413,20260420", "RDATE;VALUE=DATE:20260601")
    c.ev("rdate-dates-rrule", "Heldag + RDATE", SD("20260102"),
         "RRULE:FREQ=MONTHLY;COUNT=3", "RDATE;VALUE=DATE:20260215")
    c.ev("period-utc", "PERIOD UTC", S("20260320T090000"), E("20260320T100000"),
         "RDATE;VALUE=PERIOD:20260321T120000Z/20260321T150000Z,20260322T080000Z/PT30M")
    c.ev("period-tzid", "PERIOD med TZID", S("20260915T130000"), E("20260915T140000"),
         f"RDATE;VALUE=PERIOD;{tz_local(STHLM, '20260916T090000/20260916T120000')}")
    c.ev("period-dst", "PERIOD över omställningen", S("20261020T100000"), E("20261020T110000"),
         "RDATE;VALUE=PERIOD:20261024T220000Z/20261025T030000Z")

    c = case("exdate-variants", "EXDATE with TZID, several values a line, several lines, in "
             "UTC for a zoned series, not matching anything, VALUE=DATE")
    c.ev("exdate-list", f"{word()} EXDATE-lista", S("20260112T100000"), E("20260112T110000"),
         "RRULE:FREQ=WEEKLY;COUNT=8",
         f"EXDATE;{tz_local(STHLM, '20260119T100000,20260202T100000')}")
    c.ev("exdate-lines", "EXDATE-rader", S("20260113T100000"), E("20260113T110000"),
         "RRULE:FREQ=WEEKLY;COUNT=6", f"EXDATE;{tz_local(STHLM, '20260120T100000')}",
         f"EXDATE;{tz_local(STHLM, '20260127T100000')}",
         f"EXDATE;{tz_local(STHLM, '20260210T100000')}")
    c.ev("exdate-utc", "EXDATE i UTC", S("20260323T100000"), E("20260323T110000"),
         "RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE:20260323T090000Z,20260406T080000Z")
    c.ev("exdate-miss", "EXDATE som missar", S("20260114T100000"), E("20260114T110000"),
         "RRULE:FREQ=WEEKLY;COUNT=3", f"EXDATE;{tz_local(STHLM, '20260121T100100')}")
    c.ev("exdate-allday", "Heldag EXDATE", SD("20260105"), ED("20260106"),
         "RRULE:FREQ=DAILY;COUNT=7", "EXDATE;VALUE=DATE:20260107,20260110")
    c.ev("exdate-first", "EXDATE på DTSTART", S("20260115T100000"), E("20260115T110000"),
         "RRULE:FREQ=WEEKLY;COUNT=3", f"EXDATE;{tz_local(STHLM, '20260115T100000')}")

    # -- RECURRENCE-ID overrides ----------------------------------------------------
    c = case("override-moved", "RECURRENCE-ID overrides: moved day, retimed, new duration, "
             "new summary, moved into the window")
    c.ev("weekly", "Tisdagsmöte", S("20260203T130000"), E("20260203T140000"),
         "RRULE:FREQ=WEEKLY;COUNT=6")
    c.ev("weekly", "Tisdagsmöte (flyttat till torsdag)", S("20260212T130000"),
         E("20260212T140000"), f"RECURRENCE-ID;{tz_local(STHLM, '20260210T130000')}",
         "SEQUENCE:1")
    c.ev("weekly", "Tisdagsmöte", S("20260217T100000"), E("20260217T110000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260217T130000')}", "SEQUENCE:1")
    c.ev("weekly", "Tisdagsmöte (långt)", S("20260224T130000"), E("20260224T170000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260224T130000')}", "SEQUENCE:1")
    c.ev("weekly", "Tisdagsmöte (efter omställningen)", S("20260331T150000"),
         "DURATION:PT30M", f"RECURRENCE-ID;{tz_local(STHLM, '20260303T130000')}", "SEQUENCE:1")
    c.ev("edge", "Från december", S("20251222T100000"), E("20251222T110000"),
         "RRULE:FREQ=WEEKLY;COUNT=3")
    c.ev("edge", "Flyttat in i januari", S("20260107T100000"), E("20260107T110000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20251222T100000')}", "SEQUENCE:1")
    c.ev("edge", "Flyttat ut ur januari", S("20251230T100000"), E("20251230T110000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260105T100000')}", "SEQUENCE:1")

    c = case("override-cancelled", "STATUS:CANCELLED on one instance and on a whole series")
    c.ev("weekly", "Veckomöte", S("20260504T090000"), E("20260504T100000"),
         "RRULE:FREQ=WEEKLY;COUNT=5", "STATUS:CONFIRMED")
    c.ev("weekly", "Veckomöte (inställt)", S("20260518T090000"), E("20260518T100000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260518T090000')}", "STATUS:CANCELLED",
         "SEQUENCE:2")
    c.ev("series-cancelled", "Inställd serie", S("20260506T120000"), E("20260506T130000"),
         "RRULE:FREQ=WEEKLY;COUNT=3", "STATUS:CANCELLED")
    c.ev("allday", "Heldagsserie", SD("20260601"), ED("20260602"),
         "RRULE:FREQ=WEEKLY;COUNT=4")
    c.ev("allday", "Heldagsserie (inställd)", SD("20260615"), ED("20260616"),
         "RECURRENCE-ID;VALUE=DATE:20260615", "STATUS:CANCELLED", "SEQUENCE:1")
    c.ev("moved-cancelled", "Flyttad och inställd", S("20260901T090000"), E("20260901T100000"),
         "RRULE:FREQ=DAILY;COUNT=3")
    c.ev("moved-cancelled", "Flyttad och inställd", S("20260910T150000"), E("20260910T160000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260902T090000')}", "STATUS:CANCELLED",
         "SEQUENCE:1")

    c = case("override-order-orphan", "Override listed before its master; orphan overrides "
             "(RECURRENCE-ID matching no instance, master missing)")
    c.ev("before", "Före mastern: flyttad", S("20260415T160000"), E("20260415T170000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260414T090000')}", "SEQUENCE:1")
    c.ev("before", "Master efter override", S("20260407T090000"), E("20260407T100000"),
         "RRULE:FREQ=WEEKLY;COUNT=4")
    c.ev("orphan-time", "Föräldralös (fel tid)", S("20260422T110000"), E("20260422T120000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260421T093000')}", "SEQUENCE:1")
    c.ev("orphan-time", "Serie för föräldralös", S("20260407T090000"), E("20260407T100000"),
         "RRULE:FREQ=WEEKLY;COUNT=3")
    c.ev("no-master", "Utan master", S("20260423T130000"), E("20260423T140000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260423T100000')}", "SEQUENCE:1")
    c.ev("no-master-2", "Utan master, flera", S("20260424T130000"), E("20260424T140000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260424T130000')}")
    c.ev("no-master-2", "Utan master, flera", S("20260501T130000"), E("20260501T140000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260501T130000')}")

    c = case("override-dst", "Overrides of a weekly series across DST; RECURRENCE-ID in UTC "
             "for a zoned master; override moved into the gap")
    c.ev("weekly", "Fredagsmöte", S("20260313T090000"), E("20260313T100000"),
         "RRULE:FREQ=WEEKLY;COUNT=5")
    c.ev("weekly", "Fredagsmöte (flyttad tid)", S("20260403T140000"), E("20260403T150000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260403T090000')}", "SEQUENCE:1")
    c.ev("weekly", "Fredagsmöte (UTC-id)", S("20260327T110000"), E("20260327T120000"),
         "RECURRENCE-ID:20260327T080000Z", "SEQUENCE:1")
    c.ev("weekly", "Fredagsmöte (i glappet)", S("20260329T023000"), E("20260329T033000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260320T090000')}", "SEQUENCE:1")

    # -- time zones -------------------------------------------------------------------
    c = case("tz-iana-mix", "IANA TZIDs with VTIMEZONE blocks: Stockholm, New York, Kolkata, "
             "Sydney, and UTC, in the weeks where their offsets change",
             zones=(STHLM, NY, KOL, SYD))
    c.ev("sthlm", "Stockholm 09:00", S("20260302T090000"), E("20260302T100000"),
         "RRULE:FREQ=WEEKLY;COUNT=6")
    c.ev("ny", "New York 09:00", S("20260302T090000", NY), E("20260302T100000", NY),
         "RRULE:FREQ=WEEKLY;COUNT=6")
    c.ev("kolkata", "Kolkata 09:30", S("20260302T093000", KOL), E("20260302T103000", KOL),
         "RRULE:FREQ=WEEKLY;COUNT=6")
    c.ev("sydney", "Sydney 09:00", S("20260302T090000", SYD), E("20260302T100000", SYD),
         "RRULE:FREQ=WEEKLY;COUNT=6")
    c.ev("utc", "UTC 09:00", "DTSTART:20260302T090000Z", "DTEND:20260302T100000Z",
         "RRULE:FREQ=WEEKLY;COUNT=6")
    c.ev("mixed-end", "Start NY, slut Stockholm", S("20260915T080000", NY),
         E("20260915T160000"))

    c = case("tz-kolkata", "Asia/Kolkata (+05:30, no DST) with EXDATE and RDATE in that zone",
             zones=(KOL,))
    c.ev("daily", f"{word()} Kolkata", S("20260105T093000", KOL), E("20260105T101500", KOL),
         "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=10",
         f"EXDATE;{tz_local(KOL, '20260107T093000,20260113T093000')}",
         f"RDATE;{tz_local(KOL, '20260110T120000')}")
    c.ev("midnight", "Midnatt i Kolkata", S("20260101T000000", KOL), "DURATION:PT1H",
         "RRULE:FREQ=MONTHLY;COUNT=3")
    c.ev("late", "Sent i Kolkata", S("20261231T233000", KOL), E("20270101T003000", KOL))

    c = case("tz-outlook-windows", "Outlook TZID 'W. Europe Standard Time' with its VTIMEZONE",
             zones=(WEU,))
    c.ev("weu-weekly", f"{word()} (Outlook)", S("20260316T100000", WEU), E("20260316T110000", WEU),
         "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4",
         f"EXDATE;{tz_local(WEU, '20260323T100000')}")
    c.ev("weu-weekly", f"{word()} (Outlook, flyttat)", S("20260331T100000", WEU),
         E("20260331T110000", WEU), f"RECURRENCE-ID;{tz_local(WEU, '20260330T100000')}",
         "SEQUENCE:1")
    c.ev("weu-autumn", "Outlook höst", S("20261023T230000", WEU), E("20261024T010000", WEU),
         "RRULE:FREQ=DAILY;COUNT=3")
    c.ev("weu-last-fri", "Outlook sista fredagen", S("20260130T080000", WEU),
         E("20260130T090000", WEU), "RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20260701T000000Z")

    c = case("tz-outlook-display", "Outlook display-name TZID '(UTC+01:00) Amsterdam, …' "
             "(quoted parameter) with its VTIMEZONE", zones=(AMS,))
    c.ev("ams-weekly", f"{word()} (Outlook)", S("20260318T083000", AMS), E("20260318T093000", AMS),
         "RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=WE;COUNT=4")
    c.ev("ams-single", "Enstaka", S("20261025T023000", AMS), E("20261025T033000", AMS))
    c.ev("ams-monthly", "Första måndagen", S("20260105T130000", AMS), E("20260105T140000", AMS),
         "RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=12", f"EXDATE;{tz_local(AMS, '20260706T130000')}")

    c = case("tz-custom-vtimezone", "Custom TZIDs known only from their VTIMEZONE: a DST zone "
             "with its own rules (UTC+3/+4), across both its changes, and a fixed UTC+05:45",
             zones=(CUSTOM, FIXED))
    c.ev("custom-weekly", "Atlantis söndagar", S("20260405T100000", CUSTOM),
         E("20260405T110000", CUSTOM), "RRULE:FREQ=WEEKLY;COUNT=3")
    # No local time inside this zone's gap: the reference resolves gap times in
    # VTIMEZONE-only zones with the offset *after* the gap (see README).
    c.ev("custom-night", "Atlantis natt", S("20260410T230000", CUSTOM),
         E("20260411T050000", CUSTOM), "RRULE:FREQ=DAILY;COUNT=3")
    c.ev("custom-amb", "Atlantis dubbeltimme", S("20261030T033000", CUSTOM),
         E("20261030T043000", CUSTOM), "RRULE:FREQ=DAILY;COUNT=3")
    c.ev("custom-autumn", "Atlantis höst", S("20261025T120000", CUSTOM),
         E("20261025T130000", CUSTOM), "RRULE:FREQ=WEEKLY;COUNT=3")
    c.ev("fixed", "Fast +0545", S("20260301T090000", FIXED), E("20260301T100000", FIXED),
         "RRULE:FREQ=MONTHLY;COUNT=4")

    c = case("tz-utc", "UTC (Z) series: fixed in UTC across both DST changes", zones=())
    c.ev("utc-weekly", f"{word()} UTC", "DTSTART:20260305T080000Z", "DTEND:20260305T090000Z",
         "RRULE:FREQ=WEEKLY;COUNT=6", "EXDATE:20260319T080000Z")
    c.ev("utc-autumn", "UTC höst", "DTSTART:20261020T230000Z", "DURATION:PT3H",
         "RRULE:FREQ=DAILY;COUNT=7")
    c.ev("utc-allnight", "UTC nyårsnatt", "DTSTART:20261231T220000Z", "DTEND:20270101T020000Z")
    c.ev("utc-rid", "UTC serie", "DTSTART:20260601T120000Z", "DTEND:20260601T130000Z",
         "RRULE:FREQ=DAILY;COUNT=3")
    c.ev("utc-rid", "UTC serie (flyttad)", "DTSTART:20260602T150000Z", "DTEND:20260602T160000Z",
         "RECURRENCE-ID:20260602T120000Z", "SEQUENCE:1")

    c = case("floating", "Floating local times (no TZID, no X-WR-TIMEZONE): read in the "
             "--tz zone, so they follow its DST", zones=())
    c.ev("daily-0900", "Flytande 09:00", "DTSTART:20260326T090000", "DTEND:20260326T100000",
         "RRULE:FREQ=DAILY;COUNT=6")
    c.ev("gap", "Flytande i glappet", "DTSTART:20260329T023000", "DTEND:20260329T033000")
    c.ev("amb", "Flytande dubbeltimme", "DTSTART:20261025T023000", "DTEND:20261025T033000")
    c.ev("overnight", "Flytande natt", "DTSTART:20261024T230000", "DTEND:20261025T040000",
         "RRULE:FREQ=WEEKLY;COUNT=2")
    c.ev("exdate", "Flytande med EXDATE", "DTSTART:20260601T120000", "DTEND:20260601T130000",
         "RRULE:FREQ=DAILY;COUNT=4", "EXDATE:20260602T120000")

    c = case("x-wr-timezone", "X-WR-TIMEZONE:America/New_York with floating times (read in New "
             "York); zoned and single UTC events are unaffected", zones=(STHLM,),
             props=("X-WR-CALNAME:Kalender med X-WR", "X-WR-TIMEZONE:America/New_York"))
    c.ev("floating", "Flytande i New York", "DTSTART:20260302T090000", "DTEND:20260302T100000",
         "RRULE:FREQ=WEEKLY;COUNT=5")
    c.ev("floating-gap", "Flytande NY-glapp", "DTSTART:20260308T023000", "DTEND:20260308T033000")
    c.ev("zoned", "Stockholm-zonad", S("20260302T090000"), E("20260302T100000"),
         "RRULE:FREQ=WEEKLY;COUNT=5")
    c.ev("utc-single", "UTC enstaka", "DTSTART:20260310T150000Z", "DTEND:20260310T160000Z")
    c.ev("allday", "Heldag", SD("20260309"))

    # -- all-day, missing ends, durations ---------------------------------------------------
    c = case("allday-single-multi", "VALUE=DATE single and multi-day, no DTEND (one day), "
             "DURATION P1D/P3D/P1W, on the DST days and spanning the window start")
    c.ev("single", "Heldag", SD("20260415"), ED("20260416"))
    c.ev("multi", "Konferens tre dagar", SD("20260520"), ED("20260523"))
    c.ev("no-end", "Heldag utan slut", SD("20260610"))
    c.ev("dur-p1d", "Heldag P1D", SD("20260329"), "DURATION:P1D")
    c.ev("dur-p3d", "Heldag P3D", SD("20261024"), "DURATION:P3D")
    c.ev("dur-p1w", "Heldag P1W", SD("20260803"), "DURATION:P1W")
    c.ev("across-start", "Över årsskiftet", SD("20251230"), ED("20260103"))
    c.ev("before-start", "Nyårsafton 2025", SD("20251231"), ED("20260101"))
    c.ev("last-day", "Nyårsafton 2026", SD("20261231"), ED("20270101"))

    c = case("allday-recurring", "Recurring all-day: yearly birthdays, weekly, monthly last "
             "day with date UNTIL, leap day, long multi-day instances across the window start")
    c.ev("birthday", "Födelsedag Åsa", SD("19800412"), ED("19800413"), "RRULE:FREQ=YEARLY",
         "TRANSP:TRANSPARENT")
    c.ev("leap-day", "Skottdagsbarn", SD("20240229"), ED("20240301"), "RRULE:FREQ=YEARLY")
    c.ev("weekly-friday", "Fredagar heldag", SD("20260904"), "RRULE:FREQ=WEEKLY;COUNT=5")
    c.ev("month-last", "Månadens sista dag", SD("20260131"), ED("20260201"),
         "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20260630")
    c.ev("ten-days", "Tio dagar varje månad", SD("20251125"), ED("20251205"),
         "RRULE:FREQ=MONTHLY;COUNT=3")
    c.ev("weekend", "Helg", SD("20260306"), ED("20260309"),
         "RRULE:FREQ=WEEKLY;INTERVAL=4;COUNT=4", "EXDATE;VALUE=DATE:20260403")

    c = case("no-end", "DTSTART without DTEND/DURATION: timed is zero-length, date is one day; "
             "zero-length at the window edges")
    c.ev("timed-single", "Påminnelse", S("20260220T120000"))
    c.ev("timed-weekly", "Veckopåminnelse", S("20260223T080000"), "RRULE:FREQ=WEEKLY;COUNT=4")
    c.ev("date-single", "Heldag utan slut", SD("20260224"))
    c.ev("date-monthly", "Månadsheldag", SD("20260225"), "RRULE:FREQ=MONTHLY;COUNT=3")
    c.ev("at-from", "Vid fönstrets början", S("20260101T000000"))
    c.ev("at-to", "Vid fönstrets slut", S("20270101T000000"))
    c.ev("zero-dur", "PT0S", S("20260226T100000"), "DURATION:PT0S")
    c.ev("zero-dtend", "DTEND = DTSTART", S("20260227T100000"), E("20260227T100000"))

    c = case("durations", "DURATION forms: PT90M, PT1H30M, PT24H, P1DT12H, P2W, P1D on a timed "
             "event across DST (nominal day = 23 h)")
    c.ev("pt90m", "PT90M", S("20260112T090000"), "DURATION:PT90M", "RRULE:FREQ=WEEKLY;COUNT=2")
    c.ev("pt1h30m", "PT1H30M", S("20260113T090000"), "DURATION:PT1H30M")
    c.ev("p1dt12h", "P1DT12H", S("20260327T180000"), "DURATION:P1DT12H")
    c.ev("p2w", "P2W", SD("20260706"), "DURATION:P2W")
    c.ev("p1d-timed", "P1D tidsatt", S("20260328T090000"), "DURATION:P1D",
         "RRULE:FREQ=DAILY;COUNT=2")
    # PT24H is exact (24 real hours) but the reference reads it as timedelta(days=1), i.e.
    # as P1D, so across a DST change it answers 23/25 h: kept to a week without a change.
    c.ev("pt24h", "PT24H tidsatt", S("20260114T090000"), "DURATION:PT24H",
         "RRULE:FREQ=DAILY;COUNT=2")
    c.ev("p1d-autumn", "P1D höst", S("20261024T090000"), "DURATION:P1D")

    c = case("window-edges", "Occurrences at and across the window bounds (local midnight in "
             "Europe/Stockholm): overlap counts, touching does not")
    c.ev("across-from", "Över starten", S("20251231T230000"), E("20260101T010000"))
    c.ev("ends-at-from", "Slutar vid starten", S("20251231T230000"), E("20260101T000000"))
    c.ev("starts-at-from", "Börjar vid starten", S("20260101T000000"), E("20260101T010000"))
    c.ev("across-to", "Över slutet", S("20261231T233000"), E("20270101T003000"))
    c.ev("starts-at-to", "Börjar vid slutet", S("20270101T000000"), E("20270101T010000"))
    c.ev("utc-at-from", "UTC vid starten", "DTSTART:20251231T230000Z", "DTEND:20251231T233000Z")
    c.ev("daily-since-2000", "Dagligen sedan 2000", S("20000103T073000"), E("20000103T074500"),
         "RRULE:FREQ=DAILY;INTERVAL=97")
    c.ev("night-series", "Nattserie", S("20251229T220000"), E("20251230T030000"),
         "RRULE:FREQ=DAILY;COUNT=5")

    c = case("status-transp", "STATUS TENTATIVE/CONFIRMED/CANCELLED, none; TRANSP TRANSPARENT")
    c.ev("tentative", "Preliminärt", S("20260415T100000"), E("20260415T110000"),
         "STATUS:TENTATIVE")
    c.ev("confirmed", "Bekräftat", S("20260415T120000"), E("20260415T130000"),
         "STATUS:CONFIRMED", "TRANSP:OPAQUE")
    c.ev("cancelled", "Inställt", S("20260415T140000"), E("20260415T150000"),
         "STATUS:CANCELLED")
    c.ev("free", "Ledig tid", S("20260416T080000"), E("20260416T170000"), "TRANSP:TRANSPARENT",
         "RRULE:FREQ=WEEKLY;COUNT=3")
    c.ev("tentative-series", "Preliminär serie", SD("20260420"), "STATUS:TENTATIVE",
         "TRANSP:TRANSPARENT", "RRULE:FREQ=DAILY;COUNT=2")
    c.ev("none", "Ingen status", S("20260417T100000"), E("20260417T110000"))
    c.ev("override-tentative", "Serie", S("20260420T130000"), E("20260420T140000"),
         "RRULE:FREQ=DAILY;COUNT=3", "STATUS:CONFIRMED")
    c.ev("override-tentative", "Serie (preliminär)", S("20260421T130000"), E("20260421T140000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260421T130000')}", "STATUS:TENTATIVE",
         "TRANSP:TRANSPARENT", "SEQUENCE:1")

    c = case("text-escaping", "Non-ASCII summaries (å ä ö, Å Ä Ö), escaped commas, semicolons, "
             "backslashes; long lines folded between characters")
    c.ev("swedish", "Årsmöte i Älvsjö – förhandlingar", S("20260212T180000"),
         E("20260212T200000"))
    c.ev("commas", "Budget, plan; uppföljning", S("20260213T090000"), E("20260213T100000"),
         "RRULE:FREQ=WEEKLY;COUNT=2")
    c.ev("backslash", "Sökväg C:\\möten\\protokoll", S("20260214T090000"), E("20260214T093000"))
    c.ev("long", "Gemensam beredning inför kommundirektörsmötet: ärenden, åtgärder, "
         "överenskommelser och återrapportering från samtliga elva kommuner",
         S("20260216T083000"), E("20260216T120000"))
    c.ev("long-oe", "Ö" * 30 + " å" * 20 + " ä" * 10, S("20260217T083000"),
         E("20260217T093000"))
    c.ev("no-summary", None, S("20260218T100000"), E("20260218T110000"))
    c.ev("quoted", 'Möte "Strategi" & plan <2026>', S("20260219T100000"), E("20260219T110000"))

    # -- combinations real feeds produce -------------------------------------------------
    c = case("google-style", "A Google-style feed: X-WR-TIMEZONE, VTIMEZONE, TZID series with "
             "EXDATE and overrides, UTC single events, all-day", zones=(STHLM,),
             props=("METHOD:PUBLISH", "X-WR-CALNAME:Regionalt råd", "X-WR-TIMEZONE:Europe/Stockholm"))
    c.ev("rr", "Regionalt råd", S("20260126T090000"), E("20260126T120000"),
         "RRULE:FREQ=MONTHLY;BYDAY=-1MO;UNTIL=20261231T225959Z",
         f"EXDATE;{tz_local(STHLM, '20260727T090000')}", "STATUS:CONFIRMED")
    c.ev("rr", "Regionalt råd (extra lång)", S("20260427T090000"), E("20260427T150000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20260427T090000')}", "SEQUENCE:1",
         "STATUS:CONFIRMED")
    c.ev("rr", "Regionalt råd", S("20261130T090000"), E("20261130T120000"),
         f"RECURRENCE-ID;{tz_local(STHLM, '20261130T090000')}", "SEQUENCE:1",
         "STATUS:CANCELLED")
    c.ev("lunch", "Lunch med NATO/UD", "DTSTART:20260508T100000Z", "DTEND:20260508T120000Z",
         "STATUS:TENTATIVE")
    c.ev("kristi", "Kristi himmelsfärd", SD("20260514"), ED("20260515"), "TRANSP:TRANSPARENT")

    c = case("outlook-style", "An Outlook-style feed: Windows TZIDs, EXDATE in that zone, "
             "cancelled and moved instances, all-day with VALUE=DATE, DTEND before SUMMARY",
             zones=(WEU, AMS))
    c.ev("board", "Styrelsemöte", S("20260211T130000", WEU), E("20260211T160000", WEU),
         "RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=2WE;COUNT=10",
         f"EXDATE;{tz_local(WEU, '20260708T130000')}", "TRANSP:OPAQUE")
    c.ev("board", "Styrelsemöte (flyttat)", S("20260415T090000", AMS), E("20260415T120000", AMS),
         f"RECURRENCE-ID;{tz_local(WEU, '20260408T130000')}", "SEQUENCE:3")
    c.ev("board", "Inställt: Styrelsemöte", S("20261014T130000", WEU), E("20261014T160000", WEU),
         f"RECURRENCE-ID;{tz_local(WEU, '20261014T130000')}", "STATUS:CANCELLED",
         "SEQUENCE:2")
    c.ev("holiday", "Semester", SD("20260706"), ED("20260801"), "TRANSP:TRANSPARENT")

    # -- THISANDFUTURE (the reference handles it: see README) ---------------------------
    c = case("override-thisandfuture", "RECURRENCE-ID;RANGE=THISANDFUTURE: the override's shift "
             "and duration apply to every later instance")
    c.ev("tf", "Veckomöte", S("20260907T100000"), E("20260907T110000"),
         "RRULE:FREQ=WEEKLY;COUNT=8")
    c.ev("tf", "Veckomöte (ny tid framöver)", S("20260928T130000"), E("20260928T150000"),
         f"RECURRENCE-ID;RANGE=THISANDFUTURE;{tz_local(STHLM, '20260928T100000')}",
         "SEQUENCE:1")

    return cases


# ---------------------------------------------------------------- DTSTART ∈ RRULE check

def check_dtstart_matches(case):
    try:
        from dateutil import rrule as du
    except ImportError:
        return []
    bad = []
    for ev in case.events:
        start = None
        rules = []
        for line in ev:
            name, _, value = line.partition(":")
            if name.split(";")[0] == "DTSTART":
                start = line.rsplit(":", 1)[1]
            elif name == "RRULE":
                rules.append(value)
        if not rules:
            continue
        v = start.rstrip("Z")
        s = (dt.datetime.strptime(v, "%Y%m%dT%H%M%S") if "T" in v
             else dt.datetime.strptime(v, "%Y%m%d"))
        hits = False
        for r in rules:
            parts = [p for p in r.split(";") if not p.startswith(("UNTIL=", "COUNT="))]
            rule = du.rrulestr(";".join(parts), dtstart=s)
            if rule.after(s, inc=True) == s:
                hits = True
        if not hits:
            bad.append(f"{case.name}: DTSTART {start} is not an instance of {rules}")
    return bad


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", default=os.path.join(here, "cases"))
    p.add_argument("--seed", type=int, default=SEED)
    a = p.parse_args(argv)
    cases = build(random.Random(a.seed))
    problems = [b for c in cases for b in check_dtstart_matches(c)]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    os.makedirs(a.out, exist_ok=True)
    names = set()
    for i, c in enumerate(cases, 1):
        fname = f"{i:02d}-{c.name}.ics"
        names.add(fname)
        with open(os.path.join(a.out, fname), "w", encoding="utf-8", newline="") as fh:
            fh.write(c.text())
    for old in os.listdir(a.out):  # drop cases that no longer exist
        if old.endswith(".ics") and old not in names:
            os.remove(os.path.join(a.out, old))
            exp = os.path.join(a.out, old[:-4] + ".expected.jsonl")
            if os.path.exists(exp):
                os.remove(exp)
    print(f"wrote {len(cases)} cases to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
