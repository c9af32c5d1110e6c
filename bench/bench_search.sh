#!/usr/bin/env bash
# bench_search.sh - median query latency of quarry-search and the peer engines on a fixed query list.
#
# Usage: bench/bench_search.sh [--bin DIR] [--runs N] [--engines quarry,xapian,fts5]
#                              [--input FILE] [--queries FILE] [--limit K] [--markdown-out FILE] [--no-hyperfine]
# Builds each engine's index of INPUT (default: the news articles) once, then times every query of
# QUERIES (default: bench/queries_news.txt) RUNS times after a warm-up and reports the median over
# the queries of each query's median.  quarry is timed as a whole process (exec, opening the index,
# searching, printing --json), with hyperfine if installed; the peers in-process (python, index
# already open), which favours them: read the two columns accordingly.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
data=${QUARRY_SHARED_DATA:-$here/../../shared/data}
bin=build
runs=10
engines=quarry,xapian,fts5
input=$data/news/articles.jsonl.gz
queries=$here/queries_news.txt
limit=10
md_out=
use_hyperfine=false
command -v hyperfine >/dev/null && use_hyperfine=true

usage() { sed -n '2,10s/^# \{0,1\}//p' "$0"; exit "${1:-0}"; }
while [[ $# -gt 0 ]]; do
	case $1 in
	--bin) bin=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--engines) engines=$2; shift 2 ;;
	--input) input=$(realpath "$2"); shift 2 ;;
	--queries) queries=$(realpath "$2"); shift 2 ;;
	--limit) limit=$2; shift 2 ;;
	--markdown-out) md_out=$2; shift 2 ;;
	--no-hyperfine) use_hyperfine=false; shift ;;
	-h|--help) usage 0 ;;
	*) echo "bench_search.sh: unknown argument $1" >&2; usage 2 >&2 ;;
	esac
done
bin=$(realpath "$bin" 2>/dev/null || echo "$bin")

tmp=$(mktemp -d /tmp/quarry-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# summarize JSONFILE ENGINE HOW: one table row from a list of {"query","median_s"}.
summarize() {
	"$py" - "$@" <<'PY'
import json, statistics, sys
rows = json.load(open(sys.argv[1]))
ms = [r["median_s"] * 1000 for r in rows]
slow = max(rows, key=lambda r: r["median_s"])
hits = sum(1 for r in rows if r.get("hits"))
print("| %s | %s | %d | %d | %.2f | %.2f | %.2f (%s) |" % (
    sys.argv[2], sys.argv[3], len(ms), hits, statistics.median(ms), statistics.mean(ms),
    slow["median_s"] * 1000, slow["query"]))
PY
}

# quarry_latency INDEX: per-query medians of whole quarry-search processes, as JSON on stdout.
quarry_latency() {
	local idx=$1
	local argv=("$bin/quarry-search" --index "$idx" --json --limit "$limit")
	if $use_hyperfine; then
		local cmds=() q
		while IFS= read -r q; do
			cmds+=("$(printf '%q ' "${argv[@]}" "$q")")
		done < <("$py" -c 'import sys; sys.path.insert(0, sys.argv[1]); import peers
for q in peers.read_queries(sys.argv[2]): print(q)' "$here" "$queries")
		# -i: exit 1 (nothing found) is a valid answer; exit 2 is caught below.
		hyperfine --style none -i --warmup 1 --runs "$runs" \
			--export-json "$tmp/hq.json" "${cmds[@]}" >/dev/null 2>"$tmp/hyperfine.err"
		"$py" -c 'import json, sys, shlex
res = json.load(open(sys.argv[1]))["results"]
json.dump([{"query": shlex.split(r["command"])[-1], "median_s": r["median"]} for r in res], sys.stdout)' \
			"$tmp/hq.json" >"$tmp/hq-medians.json"
		# One more run of each query for its exit status and number of hits.
		"$py" - "$tmp/hq-medians.json" "${argv[@]}" <<'PY'
import json, subprocess, sys
rows = json.load(open(sys.argv[1]))
for r in rows:
    p = subprocess.run(sys.argv[2:] + [r["query"]], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit("quarry-search exited %d on %r: %s" % (p.returncode, r["query"], p.stderr.strip()[:300]))
    r["hits"] = sum(1 for l in p.stdout.splitlines()
                    if l.startswith("{") and json.loads(l).get("kind") == "passage")
json.dump(rows, sys.stdout)
PY
	else
		"$py" "$here/peers.py" proc-latency --repeat "$runs" "$queries" -- "${argv[@]}"
	fi
}

timer=$($use_hyperfine && echo "hyperfine $(hyperfine --version | cut -d' ' -f2)" \
	|| echo "peers.py proc-latency")
{
echo "## Search latency: $(basename "$input"), $(grep -cv '^\(#\|$\)' "$queries") queries from $(basename "$queries"), top $limit, $runs runs each"
echo
echo "| engine | measured as | queries | with hits | median ms | mean ms | slowest ms (query) |"
echo "|---|---|---|---|---|---|---|"
for engine in ${engines//,/ }; do
	idx=$tmp/idx-$engine
	case $engine in
	quarry)
		if [[ ! -x $bin/quarry-index || ! -x $bin/quarry-search ]]; then
			echo "| quarry | not built ($bin/quarry-search missing) ||||||"
			continue
		fi
		rc=0
		"$bin/quarry-index" --index "$idx" "$input" >/dev/null 2>"$tmp/err" || rc=$?
		if [[ $rc -gt 1 ]]; then  # 1 = some records skipped, the rest indexed
			echo "| quarry | quarry-index failed: $(tail -1 "$tmp/err") ||||||"
			continue
		fi
		quarry_latency "$idx" >"$tmp/$engine.json" ||
			{ echo "| quarry | quarry-search failed (see stderr) ||||||"; continue; }
		summarize "$tmp/$engine.json" quarry "process ($timer)" ;;
	xapian|fts5)
		"$py" "$here/peers.py" "index-$engine" "$input" "$idx"
		"$py" "$here/peers.py" latency "$engine" "$idx" "$queries" \
			--repeat "$runs" --limit "$limit" >"$tmp/$engine.json"
		summarize "$tmp/$engine.json" "$engine" "in-process (python)" ;;
	*) echo "bench_search.sh: unknown engine $engine" >&2; exit 2 ;;
	esac
done
} | tee "${md_out:-/dev/null}"
