#!/usr/bin/env python3
"""Compares `krock propose --plan P --json` (plans[0]) with `season.py P --json`.

usage: compare.py KROCK.json CPSAT.json

Prints the score field by field and the dates that differ per meeting. Exit 0 when the
scores agree (the dates may still differ where the full objective, tie-break included,
ties), 1 otherwise. Reads both outputs only to compare them; season.py never reads krock's.
"""
import json
import sys


def main():
    k = json.load(open(sys.argv[1]))
    c = json.load(open(sys.argv[2]))
    kp = k["plans"][0]
    keys = ["present", "in_person", "moves", "moved_days", "smallest_gap_days",
            "not_preferred_days", "start_rank"]
    same = True
    print(f"{'part':<20} {'krock':>8} {'cp-sat':>8}")
    for key in keys:
        a, b = kp["score_parts"][key], c["score_parts"][key]
        same &= a == b
        print(f"{key:<20} {a:>8} {b:>8} {'' if a == b else '  <-- differs'}")
    print(f"krock score  {kp['score']}  proven_optimal {kp['proven_optimal']}")
    print(f"cp-sat score {c['score']}  proven_optimal {c['proven_optimal']}")
    kd, cd = {}, {}
    for o in kp["occurrences"]:
        kd.setdefault(o["meeting"], set()).add(o["start"])
    for o in c["occurrences"]:
        cd.setdefault(o["meeting"], set()).add(o["start"])
    diff = 0
    for m in sorted(set(kd) | set(cd)):
        a, b = kd.get(m, set()), cd.get(m, set())
        if a != b:
            diff += 1
            print(f"{m}: krock only {sorted(a - b)}; cp-sat only {sorted(b - a)}")
    print(f"meetings with different dates: {diff} of {len(set(kd) | set(cd))}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
