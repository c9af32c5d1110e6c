# test_sites.sh - a plant, a dam or a river is its own place: "who controls
# the Zaporizhzhia nuclear power plant" answers about the plant, not about the
# city of Zaporizhzhia, and "across the Dnipro" is the river (docs/gazetteer.md).
source "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/corpus"
# A toy corpus written for this test: the plant falls, the city holds.
cat >"$WORK/corpus/wire.jsonl" <<'JSON'
{"id": "plant-taken", "title": "Russian troops seize nuclear plant", "date": "2022-03-04", "body": "Russian forces took control of the Zaporizhzhia nuclear power plant on Friday, Ukraine's nuclear regulator said. Russia's defence ministry said its troops were guarding the plant."}
{"id": "city-holds", "title": "Zaporizhzhia stays in Ukrainian hands", "date": "2022-03-05", "body": "Ukraine's army said the city of Zaporizhzhia remained under Ukrainian control. Russian forces have not entered Zaporizhzhia, the regional governor said."}
{"id": "river-crossing", "title": "Russian troops pull back in the south", "date": "2022-11-11", "body": "Russian troops withdrew across the Dnipro overnight, Russia's defence ministry said, leaving the right bank to Ukraine."}
JSON
IX="$WORK/ix"
expect_status 0 "index the toy corpus" -- "$QI" --index "$IX" "$WORK/corpus"

# answer_is ID CONTROLLER: the answer line of $WORK/out is about ID with that verdict
answer_is() {
  python3 - "$WORK/out" "$@" <<'PY'
import json, sys
path, want_id, want_ctl = sys.argv[1:4]
a = json.loads(open(path).readline())
ok = a["kind"] == "answer" and a["entity"]["id"] == want_id and str(a["controller"]) == want_ctl
if not ok:
    print("got", a.get("entity"), a.get("controller"), file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}

expect_status 0 "who controls the plant" -- "$QS" --index "$IX" --json \
  "who controls the Zaporizhzhia nuclear power plant"
answer_is zaporizhzhia-npp Russia && pass || fail "the plant: not a Russian-held zaporizhzhia-npp"
grep -q '"article":"city-holds"' <(head -1 "$WORK/out") \
  && fail "the plant: the city's article gave a claim" || pass

expect_status 0 "who controls the city" -- "$QS" --index "$IX" --json "who controls Zaporizhzhia"
answer_is zaporizhzhia Ukraine && pass || fail "the city: not a Ukrainian-held zaporizhzhia"
head -1 "$WORK/out" | grep -q 'nuclear' && fail "the city: a claim quotes the plant" || pass

expect_status 0 "the river" -- "$QS" --index "$IX" --json "did Russia withdraw across the Dnipro"
python3 -c 'import json,sys; a=json.loads(open(sys.argv[1]).readline()); sys.exit(a["entity"]["id"] != "dnipro-river")' \
  "$WORK/out" && pass || fail "across the Dnipro: not the river"
finish
