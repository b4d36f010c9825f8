#!/usr/bin/env python3
"""An independent CP-SAT pipeline for a krock plan: read the plan and its ICS files,
build krock's busy model and candidates, build krock's integer program as a CP-SAT model,
solve it stage by stage (krock's lexicographic objective) and print timings and the score.

usage: season.py PLAN.toml [--workers N] [--json] [--log]

A development tool (issue #10: compare krock's default build against OR-Tools CP-SAT on the
same plan, reading included). See README.md beside this file for what it models.

Nothing here reads krock's output: the rules are ported from krock's documentation and
source (docs/busy-model.md, docs/plan.md, docs/solver.md, src/solve/criterion.rs,
model.rs, constraints.rs, spread.rs, src/candidates.rs, src/busy.rs, src/check.rs,
src/holidays.rs); the iCalendar reading is shared/oracle/expand.py's approach.
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import os
import re
import sys
import time
import tomllib
from zoneinfo import ZoneInfo

T0 = time.perf_counter()

import icalendar  # noqa: E402
import recurring_ical_events  # noqa: E402
from ortools.sat.python import cp_model  # noqa: E402

T_IMPORT = time.perf_counter() - T0

UTC = dt.timezone.utc
PAD = dt.timedelta(days=3)
MARGIN_BEFORE = 3  # world.rs
MARGIN_AFTER = 32  # world.rs
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


# --------------------------------------------------------------------------------------
# The plan (docs/plan.md)
# --------------------------------------------------------------------------------------

def parse_duration(s: str) -> dt.timedelta:
    """"3h30m", "90m", "1h" (plan.rs parse_duration)."""
    m = re.fullmatch(r"(?:(\d{1,4})h)?(?:(\d{1,4})m)?", s)
    if not m or (m.group(1) is None and m.group(2) is None):
        raise SystemExit(f"bad duration {s!r}")
    return dt.timedelta(minutes=int(m.group(1) or 0) * 60 + int(m.group(2) or 0))


def parse_time(s: str) -> dt.time:
    if not re.fullmatch(r"\d\d:\d\d", s):
        raise SystemExit(f"bad time {s!r}")
    return dt.time(int(s[:2]), int(s[3:]))


def parse_date(v) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(v)


def parse_weekdays(v) -> list[int]:
    out = set()
    for d in v:
        k = d.strip().lower()[:3]
        if k not in WEEKDAYS:
            raise SystemExit(f"bad weekday {d!r}")
        out.add(WEEKDAYS.index(k))
    return sorted(out)


def person_list(v, people_ids: list[str]) -> list[str]:
    """A person list in the plan's order of [[person]] tables."""
    if v == "all":
        return list(people_ids)
    if isinstance(v, str):
        v = [v]
    wanted = set(v)
    return [p for p in people_ids if p in wanted]


class Plan:
    def __init__(self, path: str):
        self.path = os.path.abspath(path)
        self.dir = os.path.dirname(self.path)
        with open(path, "rb") as f:
            raw = tomllib.load(f)
        p = raw.get("plan", {})
        self.tzname = p.get("timezone", "Europe/Stockholm")
        self.zone = ZoneInfo(self.tzname)
        self.from_ = parse_date(p["from"])
        self.to = parse_date(p["to"])
        self.holidays = p.get("holidays", "SE")
        self.today = parse_date(p["today"]) if "today" in p else None
        self.people = []
        for q in raw.get("person", []):
            if q.get("freebusy"):
                raise SystemExit("season.py: person.freebusy is not supported")
            self.people.append({
                "id": q["id"],
                "email": q["email"].lower() if q.get("email") else None,
                "calendar": q.get("calendar"),
                "remote": bool(q.get("remote", False)),
                "travel": parse_duration(q.get("travel", "0m")),
            })
        ids = [q["id"] for q in self.people]
        self.feeds = []
        for f in raw.get("feed", []):
            self.feeds.append({
                "id": f["id"],
                "source": f["source"],
                "blocks": person_list(f.get("blocks", []), ids),
            })
        self.meetings = []
        for m in raw.get("meeting", []):
            optional = person_list(m.get("optional", []), ids)
            att = m.get("attendees", "all")
            attendees = [a for a in person_list(att, ids) if a not in optional]
            starts = []
            for t in m["start"]:
                t = parse_time(t)
                if t not in starts:
                    starts.append(t)
            per = m.get("per")
            self.meetings.append({
                "id": m["id"],
                "duration": parse_duration(m["duration"]),
                "attendees": attendees,
                "required": person_list(m.get("required", []), ids),
                "quorum": int(m.get("quorum", len(attendees))),
                "days": parse_weekdays(m.get("days", WEEKDAYS[:5])),
                "start": starts,
                "prefer_start": bool(m.get("prefer_start", True)),
                "count": int(m["count"]) if "count" in m else None,
                "per_month": per == "month",
                "min_gap_days": int(m.get("min_gap_days", 0)),
                "prefer_days": parse_weekdays(m.get("prefer_days", [])),
                "series": m.get("series"),
            })
        self.rules = []
        for r in raw.get("rule", []):
            before = "before" in r
            self.rules.append({
                "meeting": r["meeting"],
                "feed": r["feed"],
                "before": before,
                "text": r["before"] if before else r["after"],
                "days": int(r["days"]),
            })

    def resolve(self, source: str) -> str:
        if re.match(r"^[a-z+]+://", source) or source == "-":
            raise SystemExit(f"season.py: only local files and directories: {source!r}")
        return source if os.path.isabs(source) else os.path.join(self.dir, source)


# --------------------------------------------------------------------------------------
# Reading and expanding the calendars (shared/oracle/expand.py's approach)
# --------------------------------------------------------------------------------------

def lenient(data: bytes) -> bytes:
    """expand.py: spaces after RRULE commas, `RDATE:20131210Z` as a date."""
    text = re.sub(rb"\r?\n[ \t]", b"", data)  # unfold
    text = re.sub(rb"(?m)^(RRULE:[^\r\n]*)", lambda m: re.sub(rb",\s+", b",", m.group(1)), text)
    text = re.sub(rb"(?m)^RDATE:(\d{8})Z(\r?)$", rb"RDATE;VALUE=DATE:\1\2", text)
    return text


def is_datetime(v):
    return isinstance(v, dt.datetime)


def to_utc(v: dt.datetime, tz) -> dt.datetime:
    if v.tzinfo is None:
        v = v.replace(tzinfo=tz)
    if not isinstance(v.tzinfo, (ZoneInfo, dt.timezone)):
        from dateutil import tz as _dtz
        v = _dtz.resolve_imaginary(v)
    return v.astimezone(UTC)


def rfc_end(occ, start, rie_end, tz):
    """expand.py: the RFC 5545 exact-duration end where the library's wall-clock end differs."""
    comp = occ._adapter._component
    if not is_datetime(start):
        return None
    start_utc = to_utc(start, tz)
    rdates = comp.get("RDATE", [])
    for r in rdates if isinstance(rdates, list) else [rdates]:
        for p in getattr(r, "dts", []):
            if isinstance(p.dt, tuple) and is_datetime(p.dt[0]) and to_utc(p.dt[0], tz) == start_utc:
                return None
    dur = comp.get("DURATION")
    if dur is not None and comp.get("DTEND") is None:
        d = dur.dt
        if not isinstance(d, dt.timedelta) or d < dt.timedelta(0):
            return None
        local = start if start.tzinfo is not None else start.replace(tzinfo=tz)
        nominal = local + dt.timedelta(days=d.days)
        end = to_utc(nominal, tz) + dt.timedelta(seconds=d.seconds, microseconds=d.microseconds)
    else:
        dtend, dtstart = comp.get("DTEND"), comp.get("DTSTART")
        if dtend is None or dtstart is None:
            return None
        s0, e0 = dtstart.dt, dtend.dt
        if not (is_datetime(s0) and is_datetime(e0)):
            return None
        if to_utc(s0, tz) == start_utc:
            return None
        end = start_utc + (to_utc(e0, tz) - to_utc(s0, tz))
    if end == to_utc(rie_end, tz):
        return None
    return end


def text(v):
    if v is None:
        return None
    if isinstance(v, list):
        v = v[0] if v else None
        if v is None:
            return None
    return str(v)


def address(v) -> str:
    s = str(v).strip()
    if s[:7].lower() == "mailto:":
        s = s[7:]
    return s.strip().lower()


class Occ:
    """One occurrence: times as UTC epoch seconds, all-day dates, status, transp, attendees."""
    __slots__ = ("uid", "summary", "start", "end", "all_day", "status", "transp", "attendees")

    def __init__(self, uid, summary, start, end, all_day, status, transp, attendees):
        self.uid, self.summary, self.start, self.end = uid, summary, start, end
        self.all_day, self.status, self.transp, self.attendees = all_day, status, transp, attendees

    def cancelled(self):
        return self.status == "CANCELLED"

    def blocks(self):
        return self.status != "CANCELLED" and self.transp != "TRANSPARENT"


def expand_file(path, d_from, d_to, tz) -> list[Occ]:
    w_start = dt.datetime.combine(d_from, dt.time(0), tz)
    w_stop = dt.datetime.combine(d_to, dt.time(0), tz)
    ws, we = int(w_start.timestamp()), int(w_stop.timestamp())
    with open(path, "rb") as f:
        data = lenient(f.read())
    out = []
    for cal in icalendar.Calendar.from_ical(data, multiple=True):
        query = recurring_ical_events.of(cal, keep_recurrence_attributes=True)
        for occ in query._occurrences_between(w_start - PAD, w_stop + PAD):
            comp = occ.as_component(True)
            start = comp["DTSTART"].dt
            end = comp["DTEND"].dt if "DTEND" in comp else start
            if is_datetime(start):
                s_utc = to_utc(start, tz)
                e_utc = to_utc(end, tz) if is_datetime(end) else to_utc(
                    dt.datetime.combine(end, dt.time(0)), tz)
                fixed = rfc_end(occ, start, end, tz)
                if fixed is not None:
                    e_utc = fixed
                e_utc = max(e_utc, s_utc)
                s, e = int(s_utc.timestamp()), int(e_utc.timestamp())
                inside = (ws <= s < we) if e == s else (s < we and e > ws)
                if not inside:
                    continue
                all_day = None
            else:
                if is_datetime(end):
                    end = end.date()
                inside = (d_from <= start < d_to) if end == start else (start < d_to and end > d_from)
                if not inside:
                    continue
                all_day = (start, end)
                s = int(dt.datetime.combine(start, dt.time(0), tz).timestamp())
                e = int(dt.datetime.combine(end, dt.time(0), tz).timestamp())
            status = text(comp.get("STATUS"))
            transp = text(comp.get("TRANSP"))
            atts = comp.get("ATTENDEE")
            if atts is None:
                atts = []
            elif not isinstance(atts, list):
                atts = [atts]
            attendees = []
            for a in atts:
                ps = getattr(a, "params", {}).get("PARTSTAT")
                attendees.append((address(a), ps.upper() if ps else "NEEDS-ACTION"))
            out.append(Occ(text(comp.get("UID")), text(comp.get("SUMMARY")), s, e, all_day,
                           status.strip().upper() if status else None,
                           transp.strip().upper() if transp else "OPAQUE", attendees))
    return out


def read_source(path, d_from, d_to, tz) -> list[Occ]:
    if os.path.isdir(path):
        files = []
        for root, _, names in os.walk(path):
            files += [os.path.join(root, n) for n in names if n.endswith(".ics")]
        out = []
        for f in sorted(files):
            out += expand_file(f, d_from, d_to, tz)
        return out
    return expand_file(path, d_from, d_to, tz)


# --------------------------------------------------------------------------------------
# Swedish holidays (src/holidays.rs, current law: 2005 on)
# --------------------------------------------------------------------------------------

def easter(y: int) -> dt.date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    n = h + l - 7 * m + 114
    return dt.date(y, n // 31, n % 31 + 1)


def on_or_after(d: dt.date, wd: int) -> dt.date:
    return d + dt.timedelta(days=(wd - d.weekday()) % 7)


def swedish_holidays(y: int) -> dict[dt.date, str]:
    if y < 2005:
        raise SystemExit("season.py: holidays before 2005 are not modelled")
    e = easter(y)
    days = {
        dt.date(y, 1, 1): "Nyårsdagen",
        dt.date(y, 1, 6): "Trettondedag jul",
        e - dt.timedelta(days=2): "Långfredagen",
        e: "Påskdagen",
        e + dt.timedelta(days=1): "Annandag påsk",
        e + dt.timedelta(days=39): "Kristi himmelsfärdsdag",
        e + dt.timedelta(days=49): "Pingstdagen",
        dt.date(y, 5, 1): "Första maj",
        dt.date(y, 6, 6): "Sveriges nationaldag",
        on_or_after(dt.date(y, 6, 19), 4): "Midsommarafton",
        on_or_after(dt.date(y, 6, 20), 5): "Midsommardagen",
        on_or_after(dt.date(y, 10, 31), 5): "Alla helgons dag",
        dt.date(y, 12, 24): "Julafton",
        dt.date(y, 12, 25): "Juldagen",
        dt.date(y, 12, 26): "Annandag jul",
        dt.date(y, 12, 31): "Nyårsafton",
    }
    return days


# --------------------------------------------------------------------------------------
# The world: sources read, window fitted to today, busy model, candidates
# --------------------------------------------------------------------------------------

def _read_one(args):
    path, d_from, d_to, tzname = args
    return read_source(path, d_from, d_to, ZoneInfo(tzname))


class World:
    def __init__(self, plan: Plan, read_jobs: int = 1):
        self.plan = plan
        tz = plan.zone
        read_from = plan.from_ - dt.timedelta(days=MARGIN_BEFORE)
        read_to = plan.to + dt.timedelta(days=1 + MARGIN_AFTER)
        cache: dict[str, list[Occ]] = {}
        if read_jobs > 1:
            # every distinct source once, in parallel processes (the reference parser is
            # pure Python: threads would not help)
            import multiprocessing
            srcs = [p["calendar"] for p in plan.people if p["calendar"]]
            srcs += [f["source"] for f in plan.feeds] + [m["series"] for m in plan.meetings if m["series"]]
            srcs = list(dict.fromkeys(srcs))
            with multiprocessing.get_context("fork").Pool(read_jobs) as pool:
                got = pool.map(_read_one, [(plan.resolve(s), read_from, read_to, plan.tzname)
                                           for s in srcs], chunksize=max(1, len(srcs) // (4 * read_jobs)))
            cache.update(zip(srcs, got))

        def read(src):
            if src not in cache:
                cache[src] = read_source(plan.resolve(src), read_from, read_to, tz)
            return cache[src]

        self.calendars = {p["id"]: read(p["calendar"]) for p in plan.people if p["calendar"]}
        self.feeds = {f["id"]: read(f["source"]) for f in plan.feeds}
        self.series = {m["id"]: read(m["series"]) for m in plan.meetings if m["series"]}
        self.occurrences_read = sum(len(v) for v in cache.values())
        self.files_read = len(cache)
        # today (src/today.rs): the plan's, else the clock's (then nothing already begun)
        self.not_before = None
        if plan.today is not None:
            today = plan.today
        else:
            now = dt.datetime.now(tz)
            today = now.date()
            self.not_before = int(now.timestamp())
        if plan.to < today:
            raise SystemExit("season.py: the window ends before today")
        self.from_ = max(plan.from_, today)
        self.to = plan.to
        self.holidays = {}
        if plan.holidays == "SE":
            for y in range(self.from_.year, self.to.year + 1):
                self.holidays.update({d: n for d, n in swedish_holidays(y).items()
                                      if self.from_ <= d <= self.to})
        self.window_start = self.local_ts(self.from_, dt.time(0))
        self.window_end = self.local_ts(self.to + dt.timedelta(days=1), dt.time(0))

    def local_ts(self, day: dt.date, t: dt.time) -> int:
        return int(dt.datetime.combine(day, t, self.plan.zone).timestamp())

    def local_date(self, ts: int) -> dt.date:
        return dt.datetime.fromtimestamp(ts, self.plan.zone).date()

    def planned(self, mid: str) -> list[Occ]:
        """check::planned: not cancelled, starting inside the window."""
        return [o for o in self.series.get(mid, [])
                if not o.cancelled() and self.window_start <= o.start < self.window_end]


class Busy:
    """docs/busy-model.md / src/busy.rs: busy intervals per person, and presence."""

    def __init__(self, world: World):
        plan = world.plan
        series_uids = {o.uid for occs in world.series.values() for o in occs if o.uid}
        lists: dict[str, set] = {p["id"]: set() for p in plan.people}
        email_of = {p["id"]: p["email"] for p in plan.people}

        def add(pid, o):
            if not o.blocks():
                return
            em = email_of[pid]
            if em and any(a == em and ps == "DECLINED" for a, ps in o.attendees):
                return
            if o.uid is not None and o.uid in series_uids:
                return
            lists[pid].add((o.start, o.end))

        for p in plan.people:
            for o in world.calendars.get(p["id"], []):
                add(p["id"], o)
        for f in plan.feeds:
            for o in world.feeds.get(f["id"], []):
                for pid in f["blocks"]:
                    add(pid, o)
        by_email: dict[str, list[str]] = {}
        for p in plan.people:
            if p["email"]:
                by_email.setdefault(p["email"], []).append(p["id"])
        for occs in list(world.calendars.values()) + list(world.feeds.values()):
            for o in occs:
                for a, ps in o.attendees:
                    if ps != "DECLINED":
                        for pid in by_email.get(a, []):
                            add(pid, o)
        self.starts, self.ends, self.longest = {}, {}, {}
        for pid, s in lists.items():
            iv = sorted(s)
            self.starts[pid] = [a for a, _ in iv]
            self.ends[pid] = [b for _, b in iv]
            self.longest[pid] = max((b - a for a, b in iv), default=0)
        self.intervals = sum(len(v) for v in lists.values())

    def overlaps(self, pid, start, end) -> bool:
        """BusyMap::overlapping is non-empty: touching edges do not clash, a zero-length
        event inside the span does."""
        st, en = self.starts[pid], self.ends[pid]
        i = bisect.bisect_left(st, start - self.longest[pid])
        n = len(st)
        while i < n and st[i] < end:
            if en[i] > start or (st[i] == en[i] and st[i] >= start):
                return True
            i += 1
        return False

    def presence(self, person, start, end) -> str:
        """'in_person', 'remote' or 'absent'."""
        pid = person["id"]
        if self.overlaps(pid, start, end):
            return "absent"
        tr = int(person["travel"].total_seconds())
        if tr <= 0:
            return "in_person"
        if self.overlaps(pid, start - tr, end + tr):
            return "remote" if person["remote"] else "absent"
        return "in_person"


class Cand:
    """One candidate (candidates.rs Candidate): meeting, local date, start index, start and
    end (UTC epoch seconds), attendance counts, absent people, holiday, original."""


def candidates(world: World, busy: Busy) -> list[Cand]:
    """src/candidates.rs."""
    plan = world.plan
    person = {p["id"]: p for p in plan.people}
    out = []

    def make(mi, day, si, start, end):
        m = plan.meetings[mi]
        c = Cand()
        c.meeting, c.date, c.start_index, c.start, c.end = mi, day, si, start, end
        pres = [busy.presence(person[a], start, end) for a in m["attendees"]]
        c.in_person = pres.count("in_person")
        c.present = c.in_person + pres.count("remote")
        c.absent = {a for a, x in zip(m["attendees"], pres) if x == "absent"}
        c.holiday = world.holidays.get(day)
        c.original, c.original_clashes = None, False
        c._all_in_person = c.in_person == len(m["attendees"])
        return c

    for mi, m in enumerate(plan.meetings):
        dur = int(m["duration"].total_seconds())
        mine = []
        day = world.from_
        while day <= world.to:
            if day.weekday() in m["days"]:
                for si, t in enumerate(m["start"]):
                    start = world.local_ts(day, t)
                    if world.not_before is not None and start < world.not_before:
                        continue
                    mine.append(make(mi, day, si, start, start + dur))
            day += dt.timedelta(days=1)
        by_span = {(c.start, c.end): c for c in reversed(mine)}
        for k, o in enumerate(world.planned(m["id"])):
            c = by_span.get((o.start, o.end))
            if c is None:
                c = make(mi, world.local_date(o.start), len(m["start"]), o.start, o.end)
                mine.append(c)
                by_span[(o.start, o.end)] = c
            c.original = k
            # check_span: a clash is a holiday or any attendee not fully present in person
            c.original_clashes = c.holiday is not None or not c._all_in_person
        mine.sort(key=lambda c: (c.start, c.start_index))
        out.extend(mine)
    return out


# --------------------------------------------------------------------------------------
# Costs (src/solve/criterion.rs)
# --------------------------------------------------------------------------------------

def costs(world: World, cands: list[Cand]) -> list[list[int]]:
    plan = world.plan
    clashing: dict[int, list[dt.date]] = {}
    series: set[int] = set()
    for c in cands:
        if c.original is not None:
            series.add(c.meeting)
            if c.original_clashes:
                clashing.setdefault(c.meeting, []).append(c.date)
    for v in clashing.values():
        v.sort()
    out = []
    for c in cands:
        m = plan.meetings[c.meeting]
        if c.original is not None:
            moves, days = 0, 0
        elif c.meeting in clashing:
            dates = clashing[c.meeting]
            i = bisect.bisect_left(dates, c.date)
            near = [abs((dates[k] - c.date).days) for k in (i - 1, i) if 0 <= k < len(dates)]
            moves, days = 1, min(near, default=0)
        elif c.meeting in series:
            moves, days = 1, 0
        else:
            moves, days = 0, 0
        off = bool(m["prefer_days"]) and c.date.weekday() not in m["prefer_days"]
        out.append([-c.present, -c.in_person, moves, days, int(off),
                    c.start_index if m["prefer_start"] else 0,
                    (c.date - world.from_).days])
    return out


# (criterion, entries of the cost) in krock's order; the spread has no entry
STAGES = [("present", [0]), ("in_person", [1]), ("moves", [2, 3]), ("spread", []),
          ("preferred_days", [4]), ("start_rank", [5]), ("tie_break", [6])]


# --------------------------------------------------------------------------------------
# The model (src/solve/model.rs, constraints.rs, rules.rs) in CP-SAT
# --------------------------------------------------------------------------------------

def months(a: dt.date, b: dt.date):
    y, m = a.year, a.month
    out = []
    while (y, m) <= (b.year, b.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def needed(world: World, mi: int) -> int:
    m = world.plan.meetings[mi]
    if m["per_month"]:
        return len(months(world.from_, world.to))
    if m["count"] is not None:
        return m["count"]
    return len(world.planned(m["id"])) if m["series"] else 0


def rule_events(world: World, r):
    """constraints::rule_events: (start date, end date, summary), sorted, deduplicated."""
    needle = r["text"].lower()
    out = set()
    for o in world.feeds.get(r["feed"], []):
        if o.cancelled() or not (o.start < world.window_end and o.end > world.window_start):
            continue
        if o.summary is None or needle not in o.summary.lower():
            continue
        if o.all_day:
            s, e = o.all_day[0], o.all_day[1] - dt.timedelta(days=1)
        else:
            s, e = world.local_date(o.start), world.local_date(o.end)
        out.add((s, e, o.summary))
    return sorted(out)


def serves(world, c: Cand, r, events, k) -> bool:
    c_start, c_end = world.local_date(c.start), world.local_date(c.end)
    e_start, e_end, _ = events[k]
    if r["before"]:
        prev_ok = k == 0 or c_start > events[k - 1][1]
        return (e_start - c_end).days >= r["days"] and prev_ok
    nxt_ok = k + 1 >= len(events) or c_end < events[k + 1][0]
    return (c_start - e_end).days >= r["days"] and nxt_ok


def overlap_cliques(cands, live: list[int]) -> list[tuple]:
    """constraints::overlap_cliques: the candidates running at each candidate's start."""
    live = sorted(live, key=lambda c: (cands[c].start, c))
    if not live:
        return []
    longest = max(cands[c].end - cands[c].start for c in live)
    out = []
    n = len(live)
    upto = 0
    for i, c in enumerate(live):
        t = cands[c].start
        upto = max(upto, i)
        while upto < n and cands[live[upto]].start <= t:
            upto += 1
        group = []
        j = upto - 1
        while j >= 0 and cands[live[j]].start + longest > t:
            o = live[j]
            if cands[o].start <= t < cands[o].end:
                group.append(o)
            j -= 1
        if len(group) >= 2:
            out.append(tuple(sorted(group)))
    return out


class Model:
    def __init__(self, world: World, cands: list[Cand], cost: list[list[int]]):
        self.world, self.cands, self.cost = world, cands, cost
        plan = world.plan
        md = cp_model.CpModel()
        self.md = md
        holidays_on = plan.holidays == "SE"
        self.x = {}
        self.unfit = {"holiday": 0, "required": 0, "quorum": 0}
        for i, c in enumerate(cands):
            m = plan.meetings[c.meeting]
            # rules::unfit, in its order: holidays, required, quorum
            if holidays_on and c.holiday is not None:
                self.unfit["holiday"] += 1
                continue
            if m["required"] and any(r in c.absent for r in m["required"]):
                self.unfit["required"] += 1
                continue
            if c.present < m["quorum"]:
                self.unfit["quorum"] += 1
                continue
            self.x[i] = md.new_bool_var(f"x{i}")
        self.live = sorted(self.x)
        self.rows = 0
        of_meeting = {}
        for i, c in enumerate(cands):
            of_meeting.setdefault(c.meeting, []).append(i)
        self.of_meeting = of_meeting
        seen_cliques = set()

        def clique_rows(group_list):
            for g in group_list:
                if g not in seen_cliques:
                    seen_cliques.add(g)
                    md.add_at_most_one([self.x[c] for c in g])
                    self.rows += 1

        for mi, m in enumerate(plan.meetings):
            mine = of_meeting.get(mi, [])
            live = [c for c in mine if c in self.x]
            # Rule::Occurrences: the count (per month: one a month), never overlapping itself
            if m["per_month"]:
                for (y, mo) in months(world.from_, world.to):
                    md.add(sum(self.x[c] for c in live
                               if cands[c].date.year == y and cands[c].date.month == mo) == 1)
                    self.rows += 1
            else:
                md.add(sum(self.x[c] for c in live) == needed(world, mi))
                self.rows += 1
            clique_rows(overlap_cliques(cands, live))
            # Rule::Gap: any min_gap_days consecutive days hold at most one
            self.gap_rows(mi, m["min_gap_days"])
            # Rule::KeepSeries: the originals that do not clash stay
            if m["series"]:
                for c in live:
                    if cands[c].original is not None and not cands[c].original_clashes:
                        md.add(self.x[c] == 1)
                        self.rows += 1
            # an original that does not clash but is unfit: the ILP has no variable and no
            # row for it (constraints::keep_series filters on ctx.x), mirrored here.
        # Rule::Order
        for r in plan.rules:
            mi = next((k for k, m in enumerate(plan.meetings) if m["id"] == r["meeting"]), None)
            if mi is None:
                continue
            events = rule_events(world, r)
            for k in range(len(events)):
                lits = [self.x[c] for c in of_meeting.get(mi, [])
                        if c in self.x and serves(world, cands[c], r, events, k)]
                if lits:
                    md.add(sum(lits) >= 1)
                else:
                    md.add_bool_or([])  # no occurrence can serve this event: infeasible
                self.rows += 1
        # Rule::OneMeetingAtATime
        if len(plan.meetings) > 1:
            for p in plan.people:
                mine = [c for c in self.live if p["id"] in plan.meetings[cands[c].meeting]["attendees"]]
                if len({cands[c].meeting for c in mine}) >= 2:
                    clique_rows(overlap_cliques(cands, mine))
        self.gap_vars = {}  # spread meeting -> its smallest-gap variable, made at its stage

    def gap_rows(self, mi, g):
        if g < 1:
            return
        cands = self.cands
        mine = [c for c in self.of_meeting.get(mi, [])]
        if not mine:
            return
        first = min(cands[c].date for c in mine)
        by_day = {}
        for c in mine:
            if c in self.x:
                by_day.setdefault((cands[c].date - first).days, []).append(self.x[c])
        last = max((cands[c].date - first).days for c in mine)
        for t in range(last + 1):
            lits = [v for d in range(max(0, t - g + 1), t + 1) for v in by_day.get(d, [])]
            if len(lits) >= 2:
                self.md.add_at_most_one(lits)
                self.rows += 1

    def spread_var(self, mi):
        """The smallest gap of meeting mi as an integer G with G <= d for every two chosen
        days d apart (G <= 0 for two on one day)."""
        cands, md, world = self.cands, self.md, self.world
        m = world.plan.meetings[mi]
        mine = self.of_meeting.get(mi, [])
        dates = [cands[c].date for c in mine]
        first, last = min(dates), max(dates)
        need = max(m["count"] or 2, 2)
        hi = (last - first).days // (need - 1)   # spread.rs: the window's length / (count - 1)
        G = md.new_int_var(0, hi, f"gap_{m['id']}")
        by_day = {}
        for c in mine:
            if c in self.x:
                by_day.setdefault((cands[c].date - first).days, []).append(self.x[c])
        day_lit = {}
        for d, lits in by_day.items():
            if len(lits) == 1:
                day_lit[d] = lits[0]
            else:
                a = md.new_bool_var(f"day_{mi}_{d}")
                md.add_max_equality(a, lits)
                day_lit[d] = a
                if m["min_gap_days"] < 1:
                    # two on one day (not overlapping): the smallest gap is 0
                    b = md.new_bool_var(f"two_{mi}_{d}")
                    md.add(sum(lits) <= 1 + len(lits) * b)
                    md.add(G <= hi * (1 - b))
        days = sorted(day_lit)
        lo_d = max(1, m["min_gap_days"])
        n = 0
        for i, d1 in enumerate(days):
            for d2 in days[i + 1:]:
                d = d2 - d1
                if d >= hi:
                    break
                if d < lo_d:
                    continue
                # both days chosen -> G <= d
                md.add(G <= d).only_enforce_if([day_lit[d1], day_lit[d2]])
                n += 1
        self.rows += n
        self.gap_vars[mi] = G
        return G, hi


# --------------------------------------------------------------------------------------
# Solving in stages
# --------------------------------------------------------------------------------------

def spread_meetings(plan) -> list[int]:
    return [i for i, m in enumerate(plan.meetings)
            if not m["per_month"] and m["count"] is not None and m["count"] >= 2]


def stage_weights(cost, live, entries, n):
    """model.rs stage_weights: the more significant entry weighted above all the less
    significant ones together."""
    w = {c: 0 for c in live}
    scale = 1
    for e in reversed(entries):
        lo = min(cost[c][e] for c in live)
        hi = max(cost[c][e] for c in live)
        for c in live:
            w[c] += (cost[c][e] - lo) * scale
        scale *= (hi - lo) * n + 1
    return w


def solve(world, cands, cost, model: Model, workers, log):
    md, x, live = model.md, model.x, model.live
    n = sum(needed(world, m) for m in range(len(world.plan.meetings))) or 1
    stages = []
    proven = True
    values = None
    first = True

    def run(name, sense_min, expr, constant=False):
        nonlocal values, proven
        solver = cp_model.CpSolver()
        if workers:
            solver.parameters.num_workers = workers
        solver.parameters.log_search_progress = log
        if constant:
            md.clear_objective()
        elif sense_min:
            md.minimize(expr)
        else:
            md.maximize(expr)
        t = time.perf_counter()
        if log:
            print(f"--- stage {name}", file=sys.stderr, flush=True)
        st = solver.solve(md)
        el = time.perf_counter() - t
        status = solver.status_name(st)
        rec = {"stage": name, "status": status, "seconds": round(el, 4),
               "wall_time_solver": round(solver.wall_time, 4)}
        if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            rec["objective"] = None
            stages.append(rec)
            return None
        if st != cp_model.OPTIMAL:
            proven = False
            print(f"stage {name}: {status}, NOT proven optimal", file=sys.stderr)
        val = 0 if constant else int(round(solver.objective_value))
        rec["objective"] = val
        stages.append(rec)
        values = {c: solver.boolean_value(x[c]) for c in live}
        # fix the stage's optimum, hint its plan to the next stage
        if constant:
            pass
        elif sense_min:
            md.add(expr <= val)
        else:
            md.add(expr >= val)
        md.clear_objective()
        md.clear_hints()
        for c in live:
            md.add_hint(x[c], values[c])
        return val

    spread = spread_meetings(world.plan)
    gaps = {}
    for name, entries in STAGES:
        if name == "spread":
            for mi in spread:
                G, hi = model.spread_var(mi)
                # hint a value consistent with the current plan
                dates = sorted(cands[c].date for c in live if values and values[c] and cands[c].meeting == mi)
                if dates and len(dates) >= 2:
                    g0 = min((b - a).days for a, b in zip(dates, dates[1:]))
                    md.add_hint(G, max(0, min(g0, hi)))
                v = run(f"spread:{world.plan.meetings[mi]['id']}", False, G)
                if v is None:
                    return None, stages, proven, gaps
                gaps[world.plan.meetings[mi]["id"]] = v
            continue
        w = stage_weights(cost, live, entries, n) if live else {}
        if not first and len(set(w.values())) <= 1:
            continue
        first = False
        terms = [(x[c], w[c]) for c in live if w[c] != 0]
        expr = cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [k for _, k in terms])
        v = run(name, True, expr, constant=not terms)
        if v is None:
            return None, stages, proven, gaps
    chosen = sorted((c for c in live if values[c]), key=lambda c: (cands[c].start, cands[c].meeting, c))
    return chosen, stages, proven, gaps


# --------------------------------------------------------------------------------------
# The score, as krock's JSON prints it (criterion.rs Score, plans.rs found/pair)
# --------------------------------------------------------------------------------------

def pair(a, b, days):
    if a == 0 or b == 0:
        return []
    swap = a > b
    s, l = (b, a) if swap else (a, b)
    d = (lambda i, j: days(j, i)) if swap else days
    NONE = 1 << 60
    f = [[NONE] * (l + 1) for _ in range(s + 1)]
    f[0] = [0] * (l + 1)
    for i in range(1, s + 1):
        for j in range(i, l + 1):
            f[i][j] = min(f[i][j - 1], f[i - 1][j - 1] + d(i - 1, j - 1))
    out = []
    i, j = s, l
    while i > 0:
        if j > i and f[i][j - 1] == f[i][j]:
            j -= 1
        else:
            out.append((i - 1, j - 1))
            i -= 1
            j -= 1
    out.reverse()
    if swap:
        out = [(q, p) for p, q in out]
    return out


def score(world, cands, cost, chosen):
    plan = world.plan
    present = sum(cands[c].present for c in chosen)
    in_person = sum(cands[c].in_person for c in chosen)
    not_pref = sum(cost[c][4] for c in chosen)
    start_rank = sum(cost[c][5] for c in chosen)
    gap = 0
    for mi in spread_meetings(plan):
        ds = sorted(cands[c].date for c in chosen if cands[c].meeting == mi)
        if len(ds) >= 2:
            gap += min((b - a).days for a, b in zip(ds, ds[1:]))
    moves = moved_days = 0
    for mi in range(len(plan.meetings)):
        mine = sorted((c for c in chosen if cands[c].meeting == mi), key=lambda c: (cands[c].start, c))
        kept = {cands[c].start for c in mine if cands[c].original is not None}
        open_ = [c for c in cands if c.meeting == mi and c.original is not None and c.start not in kept]
        new = [c for c in mine if cands[c].original is None]
        pairs = pair(len(open_), len(new), lambda o, k: abs((open_[o].date - cands[new[k]].date).days))
        moves += len(pairs)
        moved_days += sum(abs((open_[o].date - cands[new[k]].date).days) for o, k in pairs)
    parts = {"present": present, "in_person": in_person, "moves": moves, "moved_days": moved_days,
             "smallest_gap_days": gap, "not_preferred_days": not_pref, "start_rank": start_rank}
    signed = [present, in_person, -moves, -moved_days, gap, -not_pref, -start_rank]
    return signed, parts


# --------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("plan")
    ap.add_argument("--workers", type=int, default=0,
                    help="CP-SAT num_workers (default 0: CP-SAT's own default)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--log", action="store_true", help="CP-SAT search log on stdout")
    ap.add_argument("--read-jobs", type=int, default=1,
                    help="processes reading the ICS files (default 1)")
    a = ap.parse_args(argv)
    t_start = time.perf_counter()
    plan = Plan(a.plan)
    world = World(plan, a.read_jobs)
    t_read = time.perf_counter()
    busy = Busy(world)
    cands = candidates(world, busy)
    cost = costs(world, cands)
    t_cands = time.perf_counter()
    model = Model(world, cands, cost)
    t_model = time.perf_counter()
    chosen, stages, proven, gaps = solve(world, cands, cost, model, a.workers, a.log)
    t_solve = time.perf_counter()
    out = {
        "plan": a.plan,
        "workers": a.workers or "default",
        "read_jobs": a.read_jobs,
        "timings_s": {
            "import_python_packages": round(T_IMPORT, 4),
            "read_and_expand": round(t_read - t_start, 4),
            "busy_and_candidates": round(t_cands - t_read, 4),
            "build_model": round(t_model - t_cands, 4),
            "solve_total": round(t_solve - t_model, 4),
            "solve_stages": stages,
            "total_wall_in_process": round(time.perf_counter() - T0, 4),
        },
        "files_read": world.files_read,
        "occurrences_read": world.occurrences_read,
        "busy_intervals": busy.intervals,
        "window": [str(world.from_), str(world.to)],
        "candidates": len(cands),
        "fit_candidates": len(model.live),
        "unfit": model.unfit,
        "rows": model.rows,
        "occurrences_needed": sum(needed(world, m) for m in range(len(plan.meetings))),
    }
    if chosen is None:
        out["feasible"] = False
        out["proven_optimal"] = proven
    else:
        signed, parts = score(world, cands, cost, chosen)
        out["feasible"] = True
        out["proven_optimal"] = proven
        out["score"] = signed
        out["score_parts"] = parts
        out["spread_gaps"] = gaps
        occ = []
        for c in chosen:
            cd = cands[c]
            occ.append({
                "meeting": plan.meetings[cd.meeting]["id"],
                "start": dt.datetime.fromtimestamp(cd.start, plan.zone).isoformat(),
                "original": cd.original is not None,
                "present": cd.present,
                "in_person": cd.in_person,
            })
        out["occurrences"] = occ
    if a.json:
        print(json.dumps(out, ensure_ascii=False))
        return 0 if chosen is not None else 1
    tm = out["timings_s"]
    print(f"plan: {a.plan}  window {out['window'][0]} – {out['window'][1]}")
    print(f"read+expand {tm['read_and_expand']:.3f} s ({world.files_read} files, "
          f"{world.occurrences_read} occurrences; python imports {T_IMPORT:.3f} s before)")
    print(f"busy model + candidates {tm['busy_and_candidates']:.3f} s "
          f"({busy.intervals} busy intervals, {len(cands)} candidates, {len(model.live)} fit)")
    print(f"build model {tm['build_model']:.3f} s ({model.rows} rows)")
    for s in stages:
        print(f"  stage {s['stage']:<22} {s['status']:<9} {s['seconds']:.3f} s  objective {s['objective']}")
    print(f"solve {tm['solve_total']:.3f} s; total wall in process {tm['total_wall_in_process']:.3f} s")
    if chosen is None:
        print("no plan (infeasible)")
        return 1
    print(f"occurrences: {len(chosen)} (needed {out['occurrences_needed']})"
          f"{'' if proven else '  NOT PROVEN OPTIMAL'}")
    print(f"score {out['score']}")
    print(f"score_parts {json.dumps(out['score_parts'], sort_keys=True)}")
    for o in out["occurrences"]:
        print(f"  {o['meeting']:<12} {o['start']}  present {o['present']}, in person {o['in_person']}"
              f"{'  (original)' if o['original'] else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
