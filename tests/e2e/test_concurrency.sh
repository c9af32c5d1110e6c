# test_concurrency.sh - the write lock, and a killed indexer leaving the
# last commit intact while searching goes on.
source "$(dirname "$0")/lib.sh"
IX="$WORK/ix"; IN="$WORK/in"
mkdir -p "$IN"
python3 - "$IN/big.jsonl" <<'PY'
import json, sys, random
random.seed(3)
vocab = "artillery convoy shelling village front offensive drone brigade river bridge".split()
with open(sys.argv[1], "w") as f:
    for i in range(20000):
        body = " ".join(random.choice(vocab) for _ in range(120)) + f" marker{i}"
        f.write(json.dumps({"id": f"a{i}", "title": f"report {i}", "body": body}) + "\n")
PY
expect_status 0 "first commit" -- "$QI" --index "$IX" "$QUARRY_SRC/fixtures/articles"
before=$("$QS" --index "$IX" --json --limit 100 --per-article 0 Kherson | wc -l)

# A second writer is refused with a clear message while the first runs.
"$QI" --index "$IX" --commit-every 500 "$IN/big.jsonl" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do [ -e "$IX/flintlock" ] && break; sleep 0.05; done
sleep 0.3
expect_status 2 "second indexer while locked" -- "$QI" --index "$IX" "$QUARRY_SRC/fixtures/articles"
expect_grep "locked" "$WORK/err" "lock error says locked"
# Searching goes on during indexing.
expect_status 0 "search during indexing" -- "$QS" --index "$IX" --json Kherson

# Kill -9 mid-run: the index opens and holds at least the first commit.
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
after=$("$QS" --index "$IX" --json --limit 100 --per-article 0 Kherson | wc -l)
[ "$after" -eq "$before" ] && pass || fail "after kill -9: $after Kherson passages, $before before"
expect_status 0 "index writable again after the kill" -- "$QI" --index "$IX" "$IN/big.jsonl"
expect_status 0 "last record searchable" -- "$QS" --index "$IX" --json marker19999

# --wait: a second indexer waits for the lock instead of failing.
"$QI" --index "$IX" --prune "$QUARRY_SRC/fixtures/articles" >/dev/null 2>&1 &
pid=$!
sleep 0.2
expect_status 0 "--wait waits for the lock" -- "$QI" --index "$IX" --wait "$QUARRY_SRC/fixtures/articles"
wait "$pid" || true
expect_status 1 "pruned articles are gone" -- "$QS" --index "$IX" --json marker19999
finish
