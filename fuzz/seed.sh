#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (not committed) with the committed seeds in fuzz/seeds/ and
# the project's own inputs: ../shared/ics-corpus, tests/diff/cases, tests/fixtures.
set -euo pipefail
cd "$(dirname "$0")"
root=..
for t in ics_expand plan_parse invite_roundtrip; do
  mkdir -p "corpus/$t"
  cp seeds/$t/* "corpus/$t/" 2>/dev/null || true
done
shopt -s nullglob globstar
for f in "$root"/../shared/ics-corpus/*.ics "$root"/tests/diff/cases/*.ics "$root"/tests/fixtures/**/*.ics "$root"/calendars/**/*.ics; do
  cp "$f" "corpus/ics_expand/$(basename "$(dirname "$f")")-$(basename "$f")"
done
for f in "$root"/tests/fixtures/plans/*.toml "$root"/tests/fixtures/busy/*.toml "$root"/calendars/*.toml; do
  cp "$f" "corpus/plan_parse/$(basename "$(dirname "$f")")-$(basename "$f")"
done
# invite_roundtrip reads its input through `arbitrary`: any bytes are a start; names and
# places from the plans give it real Unicode to mutate.
for f in "$root"/tests/fixtures/plans/minimal.toml "$root"/calendars/*.toml; do
  cp "$f" "corpus/invite_roundtrip/$(basename "$f")"
done
for t in ics_expand plan_parse invite_roundtrip; do
  echo "$t: $(ls "corpus/$t" | wc -l) seeds"
done
