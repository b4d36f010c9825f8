#!/usr/bin/env bash
# Renders the bundled scenario's `krock propose --html` page in a real browser (Debian's
# headless Chromium) to a PNG, and checks that a picture came out: the file exists, is a
# PNG of the window's size (1200×1800), and is not a blank page.
#
#   scripts/render-html.sh OUT.png                           # builds krock (debug) first
#   KROCK=target/debug/krock scripts/render-html.sh docs/scenario.png
#
# Installs Debian's chromium when it is missing (apt-get: needs root, as CI has). Chromium
# runs with a fresh profile and the flags that keep it off the network (no background
# networking, component updates, sync or QUIC); the page itself fetches nothing.
# `tests/browser.rs` runs this with KROCK_BROWSER_TESTS=1 and decodes the picture.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:?usage: scripts/render-html.sh OUT.png}
width=1200
height=1800

if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

krock=${KROCK:-}
if [ -z "$krock" ]; then
  cargo build --quiet
  krock=target/debug/krock
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$krock" propose --plan calendars/familjen-helsingborg.toml --html "$work/scenario.html" >/dev/null

mkdir -p "$(dirname "$out")"
png=$(realpath -m "$out")
rm -f "$png"
if ! timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$(mktemp -d -p "$work")" --hide-scrollbars \
  --screenshot="$png" --window-size="$width,$height" \
  "file://$work/scenario.html" >"$work/chromium.log" 2>&1; then
  cat "$work/chromium.log" >&2
  echo "render-html: chromium failed" >&2
  exit 1
fi

# A PNG (signature), of the window's size (IHDR), not blank: the pixel rows, inflated,
# hold many distinct byte values (a blank page holds a handful) — Python's standard
# library only.
python3 - "$png" "$width" "$height" <<'PY'
import struct, sys, zlib
path, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"render-html: {path} is not a PNG")
w, h = struct.unpack(">II", data[16:24])
if (w, h) != (width, height):
    sys.exit(f"render-html: {path} is {w}x{h}, expected {width}x{height}")
idat, i = b"", 8
while i < len(data):
    n, kind = struct.unpack(">I4s", data[i:i + 8])
    if kind == b"IDAT":
        idat += data[i + 8:i + 8 + n]
    i += 12 + n
rows = zlib.decompress(idat)
distinct = len(set(rows))
if distinct < 64:
    sys.exit(f"render-html: {path} looks blank ({distinct} distinct byte values)")
print(f"render-html: {path}: {w}x{h} PNG, {len(data)} bytes, {distinct} distinct byte values")
PY
