# test_per_article.sh - --per-article caps the final order: an article is
# shown by the passage the rerank puts first, not by the one BM25 alone
# likes best (searcher/per_article.h).
source "$(dirname "$0")/lib.sh"
IX="$WORK/ix"

# "report" has two passages: the first repeats "bridge" (BM25's favourite),
# the second answers "who captured the bridge?" in other words ("seized").
cat > "$WORK/a.jsonl" <<'JSON'
{"id":"report","title":"Report","body":"Bridge repairs: the bridge deck, the bridge lamps and the bridge railings were checked by the bridge crew this week, and the bridge will reopen to traffic on Monday once the last bridge inspection is done.\n\nAfter a long battle near the river, rebel units seized the old railway bridge and raised their flag over the town hall, witnesses told reporters by telephone on Sunday evening."}
{"id":"short","title":"Notes","body":"Bridge works: the bridge by the old bridge is shut."}
{"id":"rain","title":"Weather","body":"Rain is expected across the region on Tuesday, with strong winds in the hills."}
{"id":"market","title":"Prices","body":"Grain prices rose again at the market as farmers held back their harvest."}
JSON
expect_status 0 "index" -- "$QI" --index "$IX" "$WORK/a.jsonl"

first() { echo "$(json_field 1 article)#$(json_field 1 passage)"; }

expect_status 0 "keywords, any number per article" -- "$QS" --index "$IX" --json --per-article 0 "bridge"
python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
order = [r["passage"] for r in rows if r["article"] == "report"]
sys.exit(0 if order == [0, 1] else 1)' "$WORK/out" \
  && pass || fail "BM25 alone should rank report#0 above report#1"

expect_status 0 "question, any number per article" -- "$QS" --index "$IX" --json --per-article 0 "who captured the bridge?"
[ "$(first)" = "report#1" ] && pass || fail "the rerank should put report#1 first, got $(first)"

expect_status 0 "question, one per article" -- "$QS" --index "$IX" --json --per-article 1 "who captured the bridge?"
[ "$(first)" = "report#1" ] && pass || fail "--per-article 1 should show report by #1, got $(first)"
python3 -c '
import json, sys
arts = [json.loads(l)["article"] for l in open(sys.argv[1]) if l.strip()]
sys.exit(0 if len(arts) == len(set(arts)) == 2 else 1)' "$WORK/out" \
  && pass || fail "--per-article 1: expected report and short once each"

expect_status 0 "question, two per article" -- "$QS" --index "$IX" --json --per-article 2 "who captured the bridge?"
[ "$(json_field 1 passage)/$(json_field 2 article)#$(json_field 2 passage)" = "1/report#0" ] \
  && pass || fail "--per-article 2 should show report#1 then report#0"

# Pages are cut from one order: the second page of one equals the second
# line of a page of two.
expect_status 0 "page of two" -- "$QS" --index "$IX" --json --per-article 1 --limit 2 "who captured the bridge?"
second=$(json_field 2 article)
expect_status 0 "second page of one" -- "$QS" --index "$IX" --json --per-article 1 --limit 1 --offset 1 "who captured the bridge?"
[ -n "$second" ] && [ "$(json_field 1 article)" = "$second" ] && pass || fail "page 2 is not the second of a page of two"

finish
