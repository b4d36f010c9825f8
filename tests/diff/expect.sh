#!/usr/bin/env bash
# Writes the oracle's expected outputs for the differential tests:
#   tests/diff/cases/NAME.expected.jsonl   window [2026-01-01, 2027-01-01), Europe/Stockholm
#   tests/diff/corpus/BASE.expected.jsonl  window [1995-01-01, 2030-01-01), Europe/Stockholm,
#                                          --skip-bad-series, for every corpus file it expands
#   tests/diff/corpus/README.md            which corpus files it could not expand, and why
# usage (from the crate root): python3 tests/diff/gen.py && tests/diff/expect.sh
# env: ORACLE_DIR (default ../shared/oracle), CORPUS_DIR (default ../shared/ics-corpus),
#      ORACLE_VENV (default ~/.cache/krock-oracle/venv; made by $ORACLE_DIR/setup.sh)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ORACLE_DIR="${ORACLE_DIR:-$ROOT/../shared/oracle}"
CORPUS_DIR="${CORPUS_DIR:-$ROOT/../shared/ics-corpus}"
PY="${ORACLE_VENV:-$HOME/.cache/krock-oracle/venv}/bin/python"
ZONE=Europe/Stockholm
[ -x "$PY" ] || { echo "expect.sh: run $ORACLE_DIR/setup.sh first" >&2; exit 2; }

cd "$ROOT"
total=0
for f in tests/diff/cases/*.ics; do
  out="${f%.ics}.expected.jsonl"
  if ! "$PY" "$ORACLE_DIR/expand.py" --tz "$ZONE" --source "$f" "$f" 2026-01-01 2027-01-01 > "$out.tmp"; then
    rm -f "$out.tmp"; echo "expect.sh: the oracle cannot expand $f" >&2; exit 1
  fi
  mv "$out.tmp" "$out"
  total=$((total + $(wc -l < "$out")))
done
echo "cases: $(ls tests/diff/cases/*.ics | wc -l) files, $total expected occurrences"

mkdir -p tests/diff/corpus
rm -f tests/diff/corpus/*.expected.jsonl
skipped="" partial="" ctotal=0 n=0
for f in "$CORPUS_DIR"/*.ics; do
  base="$(basename "$f")"
  out="tests/diff/corpus/$base.expected.jsonl"
  if "$PY" "$ORACLE_DIR/expand.py" --tz "$ZONE" --skip-bad-series --source "$base" \
       "$f" 1995-01-01 2030-01-01 > "$out.tmp" 2> "$out.err"; then
    mv "$out.tmp" "$out"; n=$((n + 1)); ctotal=$((ctotal + $(wc -l < "$out")))
    # Strict run: does --skip-bad-series hide a series?
    if ! "$PY" "$ORACLE_DIR/expand.py" --tz "$ZONE" "$f" 1995-01-01 2030-01-01 > /dev/null 2> "$out.err"; then
      partial+="| \`$base\` | $(wc -l < "$out") | $(sed 's/|/\\|/g; s/^expand.py: [^:]*: //' "$out.err" | head -c 300 | tr '\n' ' ') |"$'\n'
    fi
  else
    rm -f "$out.tmp"
    skipped+="| \`$base\` | $(sed 's/|/\\|/g; s/^expand.py: [^:]*: //' "$out.err" | head -c 300 | tr '\n' ' ') |"$'\n'
  fi
  rm -f "$out.err"
done
echo "corpus: $n files expanded, $ctotal expected occurrences"

cat > tests/diff/corpus/README.md <<EOF
# Expected outputs for the real-world corpus

Written by \`tests/diff/expect.sh\` (do not edit by hand): for every
\`../shared/ics-corpus/*.ics\` that the oracle (\`../shared/oracle/expand.py --skip-bad-series\`)
expands, \`<basename>.expected.jsonl\` holds its occurrences in the window
[1995-01-01, 2030-01-01), zone Europe/Stockholm, with \`"source":"<basename>"\`. Compare as a set
over uid, summary, start, end, all_day, status, transp (see ../README.md).

$n files expanded, $ctotal occurrences in all.

## Files the oracle could not expand (no expected output)

Its stderr, one file a line. A correct krock may reject these with exit status 2 (they are
invalid input) — or read them leniently; there is nothing to compare against.

| file | oracle error |
| --- | --- |
${skipped}
## Files expanded only in part

\`--skip-bad-series\` dropped a series the oracle cannot expand (the strict run's error is
shown); the expected output has only the other series. krock must either skip the same
series or reject the file; a tool that expands the bad series will show "+ tool only" lines.

| file | occurrences kept | strict oracle error |
| --- | --- | --- |
${partial}
EOF
