# test_answers.sh - questions over the seeds get an answer block that says
# who claims what, when, and from which passage (issue 4's seed cases).
source "$(dirname "$0")/lib.sh"
need_shared seeds
IX="$WORK/ix"
expect_status 0 "index seeds" -- "$QI" --index "$IX" "$SHARED/seeds"

# has_claim SIDE STANCE ARTICLE_PREFIX [DATE] [PASSAGE]: the answer line of $WORK/out holds such a claim
has_claim() {
  python3 - "$WORK/out" "$@" <<'PY'
import json, sys
path, side, stance, art = sys.argv[1:5]
date = sys.argv[5] if len(sys.argv) > 5 else ""
passage = int(sys.argv[6]) if len(sys.argv) > 6 else None
first = json.loads(open(path).readline())
assert first["kind"] == "answer", first["kind"]
ok = any(c["side"] == side and c["stance"] == stance and c["article"].startswith(art)
         and (not date or c["date"] == date) and (passage is None or c["passage"] == passage)
         for c in first["claims"])
sys.exit(0 if ok else 1)
PY
}

expect_status 0 "who controls Lysychansk" -- "$QS" --index "$IX" --json "who controls Lysychansk"
has_claim russia claims 004_ 2022-07-03 && pass || fail "Lysychansk: no pro-Russian claim from 004 dated 2022-07-03"
has_claim ukraine denies 004_ 2022-07-03 && pass || fail "Lysychansk: no Ukrainian denial from 004 dated 2022-07-03"
python3 -c 'import json,sys; a=json.loads(open(sys.argv[1]).readline()); sys.exit(a["entity"]["id"] != "lysychansk" or a["family"] != "control")' "$WORK/out" \
  && pass || fail "Lysychansk: wrong entity or family"
[ "$(json_field 1 article)" = 004_076b1af19eaa0b4a ] && pass || fail "Lysychansk: first passage is from $(json_field 1 article)"

expect_status 0 "who controls Soledar" -- "$QS" --index "$IX" --json "who controls Soledar"
has_claim russia claims 000_ && pass || fail "Soledar: Russia's claim missing"
has_claim ukraine denies 000_ && pass || fail "Soledar: Ukraine's dispute missing"
[ "$(json_field 1 article)" = 000_fe5436120b95fceb ] && pass || fail "Soledar: first passage is from $(json_field 1 article)"

expect_status 0 "who controls Toretsk" -- "$QS" --index "$IX" --json "who controls Toretsk"
grep -q '"article":"002_' "$WORK/out" && grep -q '"article":"003_' "$WORK/out" && pass \
  || fail "Toretsk: answer does not draw on both 002 and 003"
case "$(json_field 1 article)" in 002_*|003_*) pass ;; *) fail "Toretsk: first passage is from $(json_field 1 article)" ;; esac
python3 - "$WORK/out" <<'PY' && pass || fail "Toretsk: the Dzerzhinsk passage gives no claim"
import json, sys
a = json.loads(open(sys.argv[1]).readline())
sys.exit(not any("Dzerzhinsk" in c["quote"] and c["side"] == "russia" for c in a["claims"]))
PY

# The answer block in text, and the timeline: a row per actor, 80 columns at most.
expect_status 0 "timeline" -- "$QS" --index "$IX" --timeline --color never "who controls Lysychansk"
expect_grep "Lysychansk" "$WORK/out" "text answer names the place"
python3 - "$WORK/out" <<'PY' && pass || fail "timeline missing, or wider than 80 columns"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = next(i for i, l in enumerate(lines) if "over time" in l)
end = next(i for i in range(start, len(lines)) if "claims" in lines[i] and "denies" in lines[i])
rows = lines[start:end + 1]
sys.exit(len(rows) < 4 or any(len(l) > 80 for l in rows))
PY
expect_grep "claims" "$WORK/out" "timeline legend"

# --as-of before anything was said: no claims survive, no verdict.
expect_status 1 "as of 2020" -- "$QS" --index "$IX" --json --as-of 2020-01-01 "who controls Soledar"
# Keyword queries keep working with no answer line.
expect_status 0 "keyword query" -- "$QS" --index "$IX" --json Soledar
python3 -c 'import json,sys; sys.exit(json.loads(open(sys.argv[1]).readline())["kind"] != "passage")' "$WORK/out" \
  && pass || fail "keyword query printed an answer line"
# --facets: the places and actors of the matches.
expect_status 0 "facets" -- "$QS" --index "$IX" --json --facets Soledar
python3 -c '
import json,sys
f=[json.loads(l) for l in open(sys.argv[1]) if "\"facets\"" in l][0]["facets"]
sys.exit(not any(p["id"]=="soledar" for p in f["place"]) or not f["actor"])' "$WORK/out" \
  && pass || fail "facets lack Soledar or actors"
finish
