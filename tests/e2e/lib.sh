# lib.sh - shared helpers for the end-to-end tests (sourced, not run).
# Each test runs the real programs on real files in a fresh temp dir.
set -euo pipefail
: "${QUARRY_BIN:?run through ctest}"
: "${QUARRY_SRC:?run through ctest}"
QI="$QUARRY_BIN/quarry-index"
QS="$QUARRY_BIN/quarry-search"
SHARED="$QUARRY_SRC/../shared"
WORK=$(mktemp -d /tmp/quarry-e2e.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
FAILS=0
CHECKS=0

pass() { CHECKS=$((CHECKS + 1)); }
fail() { CHECKS=$((CHECKS + 1)); FAILS=$((FAILS + 1)); echo "FAIL: $*" >&2; }

# expect_status WANT DESCRIPTION -- CMD...   (stdout -> $WORK/out, stderr -> $WORK/err)
expect_status() {
  local want=$1 what=$2; shift 3
  local got=0
  "$@" >"$WORK/out" 2>"$WORK/err" || got=$?
  if [ "$got" -eq "$want" ]; then pass; else
    fail "$what: exit $got, expected $want"; sed 's/^/  stderr: /' "$WORK/err" | head -5 >&2; fi
}

# expect_grep PATTERN FILE DESCRIPTION
expect_grep() {
  if grep -q -- "$1" "$2"; then pass; else fail "$3: '$1' not in $(basename "$2")"; head -5 "$2" | sed 's/^/  /' >&2; fi
}

need_shared() {
  if [ ! -d "$SHARED/$1" ]; then echo "SKIP: $SHARED/$1 not present"; exit 77; fi
}

# json_field N FIELD: FIELD of the Nth passage line of $WORK/out (JSON Lines)
json_field() {
  python3 -c '
import json, sys
n, field = int(sys.argv[1]), sys.argv[2]
rows = [json.loads(l) for l in open(sys.argv[3]) if l.strip()]
rows = [r for r in rows if r.get("kind") == "passage"]
print(rows[n - 1].get(field) if len(rows) >= n else "")' "$1" "$2" "$WORK/out"
}

finish() {
  echo "$((CHECKS - FAILS)) passed, $FAILS failed"
  [ "$FAILS" -eq 0 ]
}
