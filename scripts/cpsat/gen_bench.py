#!/usr/bin/env python3
"""Writes a bench-like 15-group season as files (benches/propose.rs's shape, its own random
numbers): OUTDIR/season.toml and OUTDIR/people/p*.ics.

usage: gen_bench.py OUTDIR [--groups G] [--seed S]
"""
import argparse
import datetime as dt
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--groups", type=int, default=15)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    r = random.Random(a.seed)
    g_n = a.groups
    n = max(g_n * 10, 12)
    fr, to = dt.date(2026, 1, 5), dt.date(2026, 6, 30)
    days = (to - fr).days
    os.makedirs(os.path.join(a.out, "people"), exist_ok=True)
    toml = ["[plan]", 'name = "bench-like season"', 'timezone = "Europe/Stockholm"',
            f'from = "{fr}"', f'to = "{to}"', 'today = "2026-01-01"', ""]
    for i in range(n):
        toml += ["[[person]]", f'id = "p{i}"', f'email = "p{i}@example.se"',
                 f'calendar = "people/p{i}.ics"', f'remote = {"true" if i % 5 == 0 else "false"}',
                 f'travel = "{30 if i % 3 == 0 else 0}m"', ""]
        ev = []
        for k in range(days // 7 * 2):  # about twice a week
            d = fr + dt.timedelta(days=r.randrange(days))
            s = dt.datetime(d.year, d.month, d.day, 8 + r.randrange(9), 0)
            e = s + dt.timedelta(hours=1 + r.randrange(3))
            ev.append(f"BEGIN:VEVENT\r\nUID:p{i}-{k}\r\nDTSTAMP:20260101T000000Z\r\n"
                      f"DTSTART;TZID=Europe/Stockholm:{s:%Y%m%dT%H%M%S}\r\n"
                      f"DTEND;TZID=Europe/Stockholm:{e:%Y%m%dT%H%M%S}\r\n"
                      "SUMMARY:Upptagen\r\nEND:VEVENT\r\n")
        with open(os.path.join(a.out, "people", f"p{i}.ics"), "w") as f:
            f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//gen//EN\r\n" + "".join(ev)
                    + "END:VCALENDAR\r\n")
    for g in range(g_n):
        att = [f"p{(g * 10 + k) % n}" for k in range(12)]
        toml += ["[[meeting]]", f'id = "g{g}"', 'duration = "3h"',
                 "attendees = [" + ", ".join(f'"{x}"' for x in att) + "]",
                 f'required = ["{att[0]}"]', "quorum = 9", 'start = ["09:00", "13:00"]',
                 "count = 10", "min_gap_days = 10", 'prefer_days = ["tue", "thu"]', ""]
    with open(os.path.join(a.out, "season.toml"), "w") as f:
        f.write("\n".join(toml))


if __name__ == "__main__":
    main()
