# test_shards.sh - an index split with quarry-index --shard, served by
# xapian-tcpsrv and searched through a Xapian stub file, answers exactly as
# the one index built from the same articles (docs/sharding.md).
source "$(dirname "$0")/lib.sh"
for tool in xapian-tcpsrv xapian-delve; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed (Debian xapian-tools)"; exit 77; }
done
FIX="$QUARRY_SRC/fixtures/articles"
PIDS=()

# Servers run under `timeout` so that they end by themselves even when this
# script is killed with no chance to run its trap.
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# serve DIR: xapian-tcpsrv for DIR on a free loopback port, which it sets
# in PORT; a port already taken makes the server exit, so try another.
serve() {
  local dir=$1 pid log
  for _ in $(seq 20); do
    PORT=$((20000 + RANDOM % 20000))
    log="$WORK/tcpsrv.$PORT.log"
    timeout -k 5 300 xapian-tcpsrv --port "$PORT" --interface 127.0.0.1 "$dir" >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 200); do
      if grep -qs '^Listening' "$log"; then PIDS+=("$pid"); return 0; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.05
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  echo "could not start xapian-tcpsrv for $dir" >&2
  return 1
}

# article_ids DIR: the article ids an index holds, one a line, sorted.
article_ids() {
  xapian-delve -a -1 "$1" | sed -n 's/^XA//p' | sort
}

# compare KIND REF OTHER: passage lines of two --json outputs. KIND "ranked":
# same (article, passage) in the same order, scores within 1e-6, same text
# and same answer line; "set": the same passages in any order (pure filters
# rank every match 0, and ties go by document id, which sharding changes).
compare() {
  python3 - "$@" <<'PY'
import json, sys
kind, a, b = sys.argv[1:4]
def load(p):
    rows = [json.loads(l) for l in open(p) if l.strip()]
    return ([r for r in rows if r["kind"] == "passage"],
            [json.dumps(r, sort_keys=True) for r in rows if r["kind"] == "answer"])
(pa, aa), (pb, ab) = load(a), load(b)
key = lambda r: (r["article"], r["passage"])
if not pa:
    sys.exit("reference found no passages")
if kind == "set":
    if sorted(map(key, pa)) != sorted(map(key, pb)):
        sys.exit(f"different passages: {sorted(map(key, pa))} vs {sorted(map(key, pb))}")
    sys.exit(0)
if [key(r) for r in pa] != [key(r) for r in pb]:
    sys.exit(f"different ranking: {[key(r) for r in pa]} vs {[key(r) for r in pb]}")
for x, y in zip(pa, pb):
    if abs(x["score"] - y["score"]) > 1e-6 or x["text"] != y["text"]:
        sys.exit(f"passage {key(x)}: score {x['score']} vs {y['score']}")
if aa != ab:
    sys.exit(f"different answer: {aa} vs {ab}")
PY
}

# ---- 1. building shards --------------------------------------------------
expect_status 0 "reference index" -- "$QI" --index "$WORK/ref" "$FIX"
expect_status 0 "shard 0/2" -- "$QI" --index "$WORK/s0" --shard 0/2 "$FIX"
expect_status 0 "shard 1/2" -- "$QI" --index "$WORK/s1" --shard 1/2 "$FIX"
article_ids "$WORK/ref" >"$WORK/ids.ref"
article_ids "$WORK/s0" >"$WORK/ids.0"
article_ids "$WORK/s1" >"$WORK/ids.1"
n_ref=$(wc -l <"$WORK/ids.ref"); n0=$(wc -l <"$WORK/ids.0"); n1=$(wc -l <"$WORK/ids.1")
[ "$n_ref" -ge 10 ] && pass || fail "reference index holds only $n_ref articles"
[ "$n0" -gt 0 ] && [ "$n1" -gt 0 ] && pass || fail "a shard is empty: $n0 and $n1 articles"
[ $((n0 + n1)) -eq "$n_ref" ] && pass || fail "shards hold $n0 + $n1 articles, the index $n_ref"
[ -z "$(comm -12 "$WORK/ids.0" "$WORK/ids.1")" ] && pass || fail "an article is in both shards"
sort "$WORK/ids.0" "$WORK/ids.1" | cmp -s - "$WORK/ids.ref" && pass || fail "shards' articles differ from the index's"
passages() { xapian-delve "$1" | sed -n 's/^number of documents = //p'; }
[ $(($(passages "$WORK/s0") + $(passages "$WORK/s1"))) -eq "$(passages "$WORK/ref")" ] && pass ||
  fail "shards' passages do not add up to the index's"
# The documented rule, computed independently: FNV-1a 64 of the id, mod N.
python3 - "$WORK" <<'PY' && pass || fail "an article is not in the shard FNV-1a(id) mod 2 names"
import sys
work = sys.argv[1]
def fnv1a(s):
    h = 0xcbf29ce484222325
    for c in s.encode():
        h = ((h ^ c) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h
for k in (0, 1):
    for i in open(f"{work}/ids.{k}").read().split():
        if fnv1a(i) % 2 != k:
            sys.exit(f"{i} is in shard {k}")
PY
for bad in 2/2 0/0 1 -1/2 a/b 1/2x; do
  expect_status 2 "--shard $bad refused" -- "$QI" --index "$WORK/bad" --shard "$bad" "$FIX"
done
expect_grep "--shard" "$WORK/err" "bad --shard message names the option"

# --prune keeps a shard to its own articles: those of other shards already
# in it go, and of its own only those gone from the input.
# in_shard0 ID: whether shard 0 holds the article.
in_shard0() { grep -qx -- "$1" "$WORK/ids.0"; }
mkdir "$WORK/in"
cp "$FIX"/*.txt "$WORK/in/"
own=0 other=0 gone="" moved=""
for f in "$WORK"/in/*.txt; do
  id=$(basename "$f" .txt)
  if in_shard0 "$id"; then own=$((own + 1)); gone=$id; else other=$((other + 1)); moved=$id; fi
done
[ "$own" -gt 1 ] && [ "$other" -gt 0 ] && pass || fail "fixtures' .txt files: $own in shard 0, $other not"
expect_status 0 "unsharded index to prune" -- "$QI" --index "$WORK/p" "$WORK/in"
expect_status 0 "--shard 0/2 --prune" -- "$QI" --index "$WORK/p" --shard 0/2 --prune "$WORK/in"
expect_grep " $other pruned" "$WORK/out" "--prune removes the other shard's articles"
rm "$WORK/in/$gone.txt" "$WORK/in/$moved.txt"
expect_status 0 "--shard 0/2 --prune after deleting two files" -- "$QI" --index "$WORK/p" --shard 0/2 --prune "$WORK/in"
expect_grep " 1 pruned" "$WORK/out" "--prune removes only the shard's own deleted article"
article_ids "$WORK/p" >"$WORK/ids.p"
[ "$(wc -l <"$WORK/ids.p")" -eq $((own - 1)) ] && pass || fail "pruned shard holds $(wc -l <"$WORK/ids.p") articles, not $((own - 1))"
if grep -qx -- "$gone" "$WORK/ids.p"; then fail "$gone was not pruned"; else pass; fi
if comm -23 "$WORK/ids.p" "$WORK/ids.0" | grep -q .; then fail "pruned shard holds another shard's article"; else pass; fi

# ---- 2. searching the shards through a stub file ------------------------
serve "$WORK/s0"; P0=$PORT
serve "$WORK/s1"; P1=$PORT
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$P0" "$P1" >"$WORK/remote.stub"
printf 'auto %s\nremote 127.0.0.1:%s\n' "$WORK/s0" "$P1" >"$WORK/mixed.stub"

# Identical scores need exact term frequencies for the feedback terms
# (docs/sharding.md, "What is and is not identical").
queries=$(grep -v '^#' "$QUARRY_SRC/fixtures/queries.tsv" | cut -f1 | awk 'NR % 4 == 1')
queries+=$'\n"Severodonetsk pocket"\nsource:Reuters hardware right bank\nwho controls Lysychansk'
n_queries=0
while IFS= read -r q; do
  n_queries=$((n_queries + 1))
  "$QS" --index "$WORK/ref" --json "$q" >"$WORK/ref.json" 2>"$WORK/err" || fail "reference: $q"
  for stub in remote mixed; do
    expect_status 0 "$stub stub: $q" -- timeout 60 "$QS" --index "$WORK/$stub.stub" --json "$q"
    if compare ranked "$WORK/ref.json" "$WORK/out" 2>"$WORK/why"; then pass; else
      fail "$stub stub ranks '$q' unlike one index: $(cat "$WORK/why")"; fi
  done
done <<<"$queries"
[ "$n_queries" -ge 8 ] && pass || fail "only $n_queries queries compared"

# The whole text output of a question, answer block included.
"$QS" --index "$WORK/ref" "who controls Lysychansk" >"$WORK/ref.txt"
expect_grep "^Lysychansk: " "$WORK/ref.txt" "the question has an answer block"
expect_status 0 "question over remote shards" -- timeout 60 "$QS" --index "$WORK/remote.stub" "who controls Lysychansk"
cmp -s "$WORK/ref.txt" "$WORK/out" && pass || fail "question's text output differs over remote shards"

# A pure filter: every match weighs 0, so compare the full sets.
"$QS" --index "$WORK/ref" --json --limit 500 --per-article 0 place:lysychansk >"$WORK/ref.json"
expect_status 0 "filter over remote shards" -- timeout 60 "$QS" --index "$WORK/remote.stub" --json --limit 500 --per-article 0 place:lysychansk
compare set "$WORK/ref.json" "$WORK/out" 2>"$WORK/why" && pass || fail "filter: $(cat "$WORK/why")"

# ---- 3. shards that cannot be reached ------------------------------------
# A port nobody listens on: refused at once.
dead=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$P0" "$dead" >"$WORK/dead.stub"
expect_status 2 "stub with a dead shard" -- timeout 60 "$QS" --index "$WORK/dead.stub" Akhmat
expect_grep "dead.stub" "$WORK/err" "dead shard error names the stub"
expect_grep "127.0.0.1:$dead" "$WORK/err" "dead shard error names the host and port"
# A shard that accepts and never answers: Xapian's timeout (10 s) ends it.
# The listener ends by itself after 45 s.
python3 - "$WORK/silent.port" <<'PY' &
import os, socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
s.settimeout(1)
held, end = [], time.time() + 45
while time.time() < end:
    try:
        held.append(s.accept()[0])
    except socket.timeout:
        pass
PY
PIDS+=("$!")
for _ in $(seq 100); do [ -e "$WORK/silent.port" ] && break; sleep 0.05; done
printf 'remote 127.0.0.1:%s\n' "$(cat "$WORK/silent.port")" >"$WORK/silent.stub"
t0=$(date +%s)
expect_status 2 "stub with a silent shard" -- timeout 60 "$QS" --index "$WORK/silent.stub" Akhmat
elapsed=$(($(date +%s) - t0))
echo "silent shard failed after $elapsed s"
[ "$elapsed" -lt 30 ] && pass || fail "silent shard took $elapsed s to fail"
expect_grep "silent.stub" "$WORK/err" "silent shard error names the stub"
expect_grep "Timeout" "$WORK/err" "silent shard error says it timed out"
finish
