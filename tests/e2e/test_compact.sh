# test_compact.sh - quarry-index --compact: a smaller index, the same
# answers, swapped in atomically, and still writable afterwards.
source "$(dirname "$0")/lib.sh"
ARTS="$QUARRY_SRC/fixtures/articles"
expect_status 0 "plain build" -- "$QI" --index "$WORK/plain" "$ARTS"
expect_status 0 "compacted build" -- "$QI" --index "$WORK/compact" --compact "$ARTS"
plain=$(du -sb "$WORK/plain" | cut -f1); compact=$(du -sb "$WORK/compact" | cut -f1)
[ "$compact" -lt "$plain" ] && pass || fail "compacted index ($compact B) not smaller than plain ($plain B)"
[ -z "$(ls -d "$WORK"/compact.compact-* 2>/dev/null)" ] && pass || fail "temporary copy left behind"
for q in "who controls Lysychansk" Kherson '"under Russian control"' 'place:Bakhmut actor:wagner'; do
  "$QS" --index "$WORK/plain" --json --limit 20 "$q" > "$WORK/a" || true
  "$QS" --index "$WORK/compact" --json --limit 20 "$q" > "$WORK/b" || true
  cmp -s "$WORK/a" "$WORK/b" && pass || fail "[$q] differs after compaction"
done
expect_status 0 "update and compact again" -- "$QI" --index "$WORK/compact" --compact --prune "$ARTS/grain-deal-exit.txt"
expect_status 1 "pruned articles gone after compaction" -- "$QS" --index "$WORK/compact" --json 'article:w-kherson-recapture'
expect_status 0 "kept article found" -- "$QS" --index "$WORK/compact" --json 'article:grain-deal-exit'
finish
