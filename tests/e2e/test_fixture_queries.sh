# test_fixture_queries.sh - every query in fixtures/queries.tsv puts the
# expected passage first (article id and a substring of its text).
source "$(dirname "$0")/lib.sh"
IX="$WORK/ix"
expect_status 0 "index fixtures" -- "$QI" --index "$IX" "$QUARRY_SRC/fixtures/articles"

while IFS=$'\t' read -r query article substring; do
  case "$query" in ''|'#'*) continue ;; esac
  got=0
  "$QS" --index "$IX" --json --limit 1 "$query" >"$WORK/out" 2>"$WORK/err" || got=$?
  if [ "$got" -ne 0 ]; then fail "query [$query]: exit $got: $(cat "$WORK/err")"; continue; fi
  top=$(json_field 1 article)
  text=$(json_field 1 text)
  if [ "$top" != "$article" ]; then
    fail "query [$query]: first article $top, expected $article"
  elif [[ "$text" != *"$substring"* ]]; then
    fail "query [$query]: first passage of $article lacks '$substring'"
  else
    pass
  fi
done < "$QUARRY_SRC/fixtures/queries.tsv"
[ "$CHECKS" -ge 13 ] && pass || fail "fewer than 12 fixture queries ran"
finish
