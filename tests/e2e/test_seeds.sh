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

# Entities (issue 3): other spellings and other names find the same place.
expect_status 0 "Dzerzhinsk" -- "$QS" --index "$IX" --json --limit 50 --per-article 0 Dzerzhinsk
arts=$(python3 -c 'import json,sys; print(" ".join(sorted({json.loads(l)["article"][:3] for l in open(sys.argv[1])})))' "$WORK/out")
[ "$arts" = "002 003" ] && pass || fail "Dzerzhinsk finds articles [$arts], expected the two Toretsk seeds"
expect_status 0 "Lisichansk" -- "$QS" --index "$IX" --json Lisichansk
[ "$(json_field 1 article)" = 004_076b1af19eaa0b4a ] && pass || fail "Lisichansk: first is $(json_field 1 article)"
expect_status 0 "Sievierodonetsk" -- "$QS" --index "$IX" --json Sievierodonetsk
[ "$(json_field 1 article)" = 001_0cc1f2dd106bd901 ] && pass || fail "Sievierodonetsk: first is $(json_field 1 article)"
for q in Lisichansk Лисичанськ Lysychansk place:Lysychansk; do
  "$QS" --index "$IX" --json --limit 100 --per-article 0 "$q" | python3 -c 'import json,sys; print(" ".join(sorted({r["article"] for r in map(json.loads, sys.stdin)})))' > "$WORK/set.$q"
done
cmp -s "$WORK/set.Lisichansk" "$WORK/set.Lysychansk" && cmp -s "$WORK/set.Лисичанськ" "$WORK/set.Lysychansk" \
  && cmp -s "$WORK/set.place:Lysychansk" "$WORK/set.Lysychansk" && pass || fail "Lysychansk spellings find different article sets"

# A city and its oblast are told apart: "Luhansk region" is the oblast, "Lugansk" the city.
"$QS" --index "$IX" --json --limit 100 --per-article 0 'place:"Luhansk region"' > "$WORK/oblast" || true
"$QS" --index "$IX" --json --limit 100 --per-article 0 'place:Lugansk' > "$WORK/city" || true
python3 - "$WORK/oblast" "$WORK/city" <<'PY' && pass || fail "city and oblast not told apart"
import json, sys
ob = {(r["article"], r["passage"]) for r in map(json.loads, open(sys.argv[1]))}
ci = {(r["article"], r["passage"]) for r in map(json.loads, open(sys.argv[2]))}
sys.exit(not ob or ob == ci)
PY

# Re-indexing the same files is a no-op.
expect_status 0 "re-index seeds" -- "$QI" --index "$IX" "$SHARED/seeds"
expect_grep "0 articles added, 0 replaced, 5 unchanged" "$WORK/out" "unchanged seeds are skipped"
finish
