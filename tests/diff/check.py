#!/usr/bin/env python3
"""Compare a tool's `events --json` output with the stored expected outputs.

usage (from the crate root):
  python3 tests/diff/check.py [--only cases|corpus] [-m K] \
      'target/release/krock events {file} --from {from} --to {to} --json'

{file}, {from}, {to}, {tz} in the command are replaced (shell-quoted path, window dates,
zone Europe/Stockholm).  Same semantics as ../shared/oracle/compare.sh, but against the
fixtures in tests/diff/ instead of a live oracle run (no Python packages needed):

* cases/NAME.ics   vs cases/NAME.expected.jsonl   window [2026-01-01, 2027-01-01)
* corpus/BASE.expected.jsonl vs tests/diff/corpus/BASE (a copy of ../shared/ics-corpus; CORPUS_DIR), window
  [1995-01-01, 2030-01-01); corpus files without an expected output are not run.

Each line is reduced to the keys uid, summary, start, end, all_day, status, transp
(`source` and `oracle_note` are ignored) and the two sides are compared as multisets.
Exit 0 if everything matches, 1 otherwise.
"""
import argparse
import collections
import glob
import json
import os
import shlex
import subprocess
import sys

KEYS = ("uid", "summary", "start", "end", "all_day", "status", "transp")
ZONE = "Europe/Stockholm"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def rows(text):
    out, bad = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            o = json.loads(line)
            out.append(json.dumps({k: o.get(k) for k in KEYS}, ensure_ascii=False, sort_keys=True))
        except ValueError as e:
            bad.append(f"line {n}: {e}: {line.strip()[:120]}")
    return out, bad


def pairs(only):
    if only in (None, "cases"):
        for exp in sorted(glob.glob(os.path.join(HERE, "cases", "*.expected.jsonl"))):
            yield exp[: -len(".expected.jsonl")] + ".ics", exp, "2026-01-01", "2027-01-01"
    if only in (None, "corpus"):
        corpus = os.environ.get("CORPUS_DIR", os.path.join(HERE, "corpus"))
        for exp in sorted(glob.glob(os.path.join(HERE, "corpus", "*.expected.jsonl"))):
            base = os.path.basename(exp)[: -len(".expected.jsonl")]
            yield os.path.join(corpus, base), exp, "1995-01-01", "2030-01-01"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("command")
    p.add_argument("--only", choices=("cases", "corpus"))
    p.add_argument("-m", type=int, default=5, help="mismatching files shown")
    a = p.parse_args()
    passed = failed = occ = 0
    for ics, exp, d_from, d_to in pairs(a.only):
        rel = os.path.relpath(ics, ROOT)
        cmd = (a.command.replace("{file}", shlex.quote(rel)).replace("{from}", d_from)
               .replace("{to}", d_to).replace("{tz}", ZONE))
        r = subprocess.run(cmd, shell=True, cwd=ROOT, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL)
        want, _ = rows(open(exp, encoding="utf-8").read())
        got, bad = rows(r.stdout)
        occ += len(want)
        problems = [f"exit status {r.returncode}: {r.stderr.strip()[:300]}"] if r.returncode else []
        problems += [f"unparsable output {b}" for b in bad[:3]]
        cw, cg = collections.Counter(want), collections.Counter(got)
        missing, extra = list((cw - cg).elements()), list((cg - cw).elements())
        if missing or extra or problems:
            failed += 1
            if failed <= a.m:
                print(f"FAIL {rel}: {len(missing)} missing, {len(extra)} unexpected "
                      f"(expected {len(want)}, tool {len(got)})")
                for x in problems[:3]:
                    print(f"  ! {x}")
                for x in missing[:4]:
                    print(f"  - expected only: {x}")
                for x in extra[:4]:
                    print(f"  + tool only:     {x}")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed; {occ} expected occurrences")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
