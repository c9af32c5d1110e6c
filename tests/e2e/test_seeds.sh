# test_seeds.sh - the five real seed articles: ids, dates, and "Soledar".
source "$(dirname "$0")/lib.sh"
need_shared seeds
IX="$WORK/ix"

expect_status 0 "index seeds" -- "$QI" --index "$IX" "$SHARED/seeds"
expect_grep "5 articles added" "$WORK/out" "summary line counts the seeds"

expect_status 0 "search Soledar" -- "$QS" --index "$IX" --json Soledar
[ "$(json_field 1 article)" = 000_fe5436120b95fceb ] && pass || fail "Soledar: first article is $(json_field 1 article)"
[ "$(json_field 1 date)" = 2023-01-13 ] && pass || fail "Soledar: date of seed 000 is $(json_field 1 date)"

expect_status 0 "search Lysychansk" -- "$QS" --index "$IX" --json --limit 20 Lysychansk
grep -q 004_076b1af19eaa0b4a "$WORK/out" && pass || fail "Lysychansk: seed 004 not found"

# The Cyrillic 'а' inside seed 000's "аre" must not break the word apart.
expect_status 0 "phrase with the mixed-script word" -- "$QS" --index "$IX" --json '"now we аre just abandoned"'
[ "$(json_field 1 article)" = 000_fe5436120b95fceb ] && pass || fail "mixed-script phrase: $(json_field 1 article)"

# Re-indexing the same files is a no-op.
expect_status 0 "re-index seeds" -- "$QI" --index "$IX" "$SHARED/seeds"
expect_grep "0 articles added, 0 replaced, 5 unchanged" "$WORK/out" "unchanged seeds are skipped"
finish
