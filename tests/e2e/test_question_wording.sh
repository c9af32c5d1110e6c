# test_question_wording.sh - a question put with a question mark is ranked
# by its wording too: word vectors for the words a passage lacks, and its
# word pairs (docs/ranking.md); the vectors are read only when needed.
source "$(dirname "$0")/lib.sh"
IX="$WORK/ix"

# Two of five passages hold "bridge"; only the longer one answers "who captured
# the bridge", in other words ("seized").  BM25 prefers the short one.
cat > "$WORK/a.jsonl" <<'JSON'
{"id":"short","title":"Notes","body":"Bridge works: the bridge by the old bridge is shut."}
{"id":"seized","title":"Report","body":"After a long battle near the river, rebel units seized the old railway bridge and raised their flag over the town hall."}
{"id":"rain","title":"Weather","body":"Rain is expected across the region on Tuesday, with strong winds in the hills."}
{"id":"market","title":"Prices","body":"Grain prices rose again at the market as farmers held back their harvest."}
{"id":"school","title":"Schools","body":"Schools in the district will reopen next week after the holidays."}
JSON
expect_status 0 "index the five articles" -- "$QI" --index "$IX" "$WORK/a.jsonl"

expect_status 0 "keywords" -- "$QS" --index "$IX" --json "who captured the bridge"
[ "$(json_field 1 article)" = short ] && pass || fail "without '?': first is $(json_field 1 article), BM25 should prefer 'short'"
expect_status 0 "question" -- "$QS" --index "$IX" --json "who captured the bridge?"
[ "$(json_field 1 article)" = seized ] && pass || fail "with '?': first is $(json_field 1 article), expected 'seized' (captured ~ seized)"
expect_status 0 "question, blank after the mark" -- "$QS" --index "$IX" --json "who captured the bridge ?  "
[ "$(json_field 1 article)" = seized ] && pass || fail "'? ' with blanks: first is $(json_field 1 article)"

# The table is read at the first question that needs it: without it,
# keywords still work and the question fails with the file named.
mkdir -p "$WORK/data"
cp "$QUARRY_SRC"/data/*.tsv "$WORK/data/"
QUARRY_DATA="$WORK/data" expect_status 0 "keywords without the vector table" -- "$QS" --index "$IX" "who captured the bridge"
QUARRY_DATA="$WORK/data" expect_status 2 "question without the vector table" -- "$QS" --index "$IX" "who captured the bridge?"
expect_grep "stem_vectors.bin" "$WORK/err" "the missing table is named"
head -c 5000 "$QUARRY_SRC/data/stem_vectors.bin" > "$WORK/data/stem_vectors.bin"
QUARRY_DATA="$WORK/data" expect_status 2 "question with a truncated table" -- "$QS" --index "$IX" "who captured the bridge?"
expect_grep "stem_vectors.bin: truncated" "$WORK/err" "a truncated table is reported as such"

# On real questions (SQuAD dev, the first 400), putting the question mark
# must answer more of them in the first passage than leaving it off.
if [ -d "$SHARED/data/qa" ]; then
  QA="$WORK/qa"
  expect_status 0 "index SQuAD paragraphs" -- "$QI" --index "$QA" "$SHARED/data/qa/passages.jsonl"
  python3 - "$QS" "$QA" "$SHARED/data/qa" "$QUARRY_SRC/bench" <<'PY' && pass || fail "the question mark did not raise SQuAD answers at 1"
import json, subprocess, sys
qs_bin, index, d = sys.argv[1:4]
sys.path.insert(0, sys.argv[4])
from eval import squad_norm as norm  # the evaluation's own answer matching
qs = [json.loads(l) for _, l in zip(range(400), open(d + "/questions.jsonl"))]
body = {}
for l in open(d + "/passages.jsonl"):
    r = json.loads(l)
    body[r["id"]] = r["body"]
def answered(mark):
    text = "\n".join(q["question"].rstrip("?").strip() + mark for q in qs) + "\n"
    out = subprocess.run([qs_bin, "--index", index, "--json", "--limit", "1", "--per-article", "1",
                          "--batch"], input=text, capture_output=True, text=True, check=False).stdout
    first = {}
    for line in out.splitlines():
        r = json.loads(line)
        if r.get("kind") == "passage" and r["query"] not in first:
            first[r["query"]] = r["article"]
    return sum(1 for i, q in enumerate(qs)
               if i in first and any(norm(a) in norm(body[first[i]]) for a in q["answers"]))
plain, asked = answered(""), answered("?")
print("answered at 1: %d without '?', %d with" % (plain, asked))
sys.exit(0 if asked > plain else 1)
PY
fi
finish
