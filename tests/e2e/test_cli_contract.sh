# test_cli_contract.sh - options, exit codes and the JSON Lines schema.
source "$(dirname "$0")/lib.sh"
IX="$WORK/ix"
expect_status 0 "index fixtures" -- "$QI" --index "$IX" "$QUARRY_SRC/fixtures/articles"

for prog in "$QI" "$QS"; do
  expect_status 0 "$(basename "$prog") --help" -- "$prog" --help
  expect_grep "usage:" "$WORK/out" "--help prints usage"
  expect_status 0 "$(basename "$prog") --version" -- "$prog" --version
  expect_grep "0\.1" "$WORK/out" "--version prints the version"
  expect_status 2 "$(basename "$prog") bad option" -- "$prog" --no-such-option
done

# JSON Lines: every line parses and carries the documented fields.
expect_status 0 "json search" -- "$QS" --index "$IX" --json --limit 5 Kherson
python3 - "$WORK/out" <<'PY' && pass || fail "JSON schema"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert 1 <= len(rows) <= 5, len(rows)
for i, r in enumerate(rows, 1):
    for k in ("kind", "rank", "score", "article", "passage", "title", "date", "text"):
        assert k in r, k
    assert r["kind"] == "passage" and r["rank"] == i
    assert r["date"] is None or len(r["date"]) == 10
    assert all(set(e) == {"type", "id", "name"} for e in r["entities"])
    for s, e in r["highlights"]:
        assert 0 <= s < e <= len(r["text"].encode())
PY

# --limit, --offset: the second page starts where the first ended.
"$QS" --index "$IX" --json --limit 4 Russian > "$WORK/p1"
"$QS" --index "$IX" --json --limit 2 --offset 2 Russian > "$WORK/p2"
[ "$(sed -n 3p "$WORK/p1" | python3 -c 'import json,sys;r=json.load(sys.stdin);print(r["article"],r["passage"])')" = \
  "$(sed -n 1p "$WORK/p2" | python3 -c 'import json,sys;r=json.load(sys.stdin);print(r["article"],r["passage"])')" ] \
  && pass || fail "--offset 2 does not continue --limit 4"

# --per-article 1: no article twice.
"$QS" --index "$IX" --json --limit 50 --per-article 1 Russian > "$WORK/out"
python3 -c 'import json,sys; a=[json.loads(l)["article"] for l in open(sys.argv[1])]; sys.exit(len(a)!=len(set(a)) or not a)' "$WORK/out" \
  && pass || fail "--per-article 1 repeated an article"

# Dates: --since/--until keep only dated articles in range.
"$QS" --index "$IX" --json --limit 50 --since 2023-01-01 --until 2023-12-31 Russian > "$WORK/out" || true
python3 -c '
import json,sys
d=[json.loads(l)["date"] for l in open(sys.argv[1])]
sys.exit(not d or any(x is None or not ("2023-01-01" <= x <= "2023-12-31") for x in d))' "$WORK/out" \
  && pass || fail "--since/--until let through an article out of range"
expect_status 2 "bad --since" -- "$QS" --index "$IX" --since yesterday Kherson
expect_grep "since" "$WORK/err" "bad date names the option"

# Exit codes: 1 when nothing matches, 2 for errors.
expect_status 1 "no match" -- "$QS" --index "$IX" zzyzxqwv
expect_status 1 "stopword-only query" -- "$QS" --index "$IX" "the of and"
expect_grep "stopword" "$WORK/err" "stopword-only query explains itself"
expect_status 2 "empty query" -- "$QS" --index "$IX" ""
expect_status 2 "no query" -- "$QS" --index "$IX"
expect_status 2 "unbalanced quote" -- "$QS" --index "$IX" '"Kherson city'
expect_grep "quote" "$WORK/err" "parse error names the fault"
expect_status 2 "missing index" -- "$QS" --index "$WORK/nowhere" Kherson
expect_grep "nowhere" "$WORK/err" "missing index is named"

# Plain text on a pipe: no escape codes; --color always: bold highlights.
"$QS" --index "$IX" Kherson > "$WORK/out"
! grep -q $'\033' "$WORK/out" && pass || fail "escape codes on a pipe"
"$QS" --index "$IX" --color always Kherson > "$WORK/out"
grep -q $'\033\\[1m' "$WORK/out" && pass || fail "--color always did not bold"

# --batch: one query per stdin line, each output line tagged with its query.
printf 'Kherson\nthe of\n"broken\nzzyzxqwv\nSoledar\n' | "$QS" --index "$IX" --batch --limit 2 > "$WORK/out"
python3 - "$WORK/out" <<'PY' && pass || fail "--batch output"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
by = {}
for r in rows:
    by.setdefault(r["query"], []).append(r["kind"])
assert by[0] == ["passage", "passage"], by
assert by[1] == ["error"] and by[2] == ["error"], by
assert 3 not in by, by
assert by[4] == ["passage", "passage"], by
PY

# Field filters and boolean operators.
expect_status 0 "title: field" -- "$QS" --index "$IX" --json 'title:Kherson'
expect_status 1 "NOT excludes" -- "$QS" --index "$IX" --json 'zzyzxqwv OR (Kherson NOT Kherson)'
finish
