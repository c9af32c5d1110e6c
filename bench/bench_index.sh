#!/usr/bin/env bash
# bench_index.sh - times building an index of real articles with quarry-index and the peer engines.
#
# Usage: bench/bench_index.sh [--bin DIR] [--runs N] [--engines quarry,xapian,fts5]
#                             [--input FILE]... [--gutenberg N] [--markdown-out FILE] [--no-hyperfine]
# Default input: the news articles (JSON Lines, gzip).  --gutenberg N adds the first N records of
# the Gutenberg sample (uncompressed first, so decompression is not timed for that input).
# Each engine rebuilds its index from nothing RUNS times (hyperfine if installed, else a timed
# loop); the median is reported with articles/s, MB/s of uncompressed input, and index size.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
data=${QUARRY_SHARED_DATA:-$here/../../shared/data}
bin=build
runs=3
engines=quarry,xapian,fts5
gutenberg=0
md_out=
use_hyperfine=false
command -v hyperfine >/dev/null && use_hyperfine=true
inputs=()

usage() { sed -n '2,9s/^# \{0,1\}//p' "$0"; exit "${1:-0}"; }
while [[ $# -gt 0 ]]; do
	case $1 in
	--bin) bin=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--engines) engines=$2; shift 2 ;;
	--input) inputs+=("$(realpath "$2")"); shift 2 ;;
	--gutenberg) gutenberg=$2; shift 2 ;;
	--markdown-out) md_out=$2; shift 2 ;;
	--no-hyperfine) use_hyperfine=false; shift ;;
	-h|--help) usage 0 ;;
	*) echo "bench_index.sh: unknown argument $1" >&2; usage 2 >&2 ;;
	esac
done
bin=$(realpath "$bin" 2>/dev/null || echo "$bin")
[[ ${#inputs[@]} -gt 0 ]] || inputs=("$data/news/articles.jsonl.gz")

tmp=$(mktemp -d /tmp/quarry-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

if [[ $gutenberg -gt 0 ]]; then
	gut=$tmp/gutenberg-$gutenberg.jsonl
	# head closes the pipe early; zcat's SIGPIPE is expected, not an error.
	{ zcat "$data/big/gutenberg_sample.jsonl.gz" || true; } | head -n "$gutenberg" >"$gut"
	inputs+=("$gut")
fi

# median_seconds PREPARE COMMAND: median wall time of RUNS runs of COMMAND, PREPARE before each.
median_seconds() {
	local prep=$1 cmd=$2
	if $use_hyperfine; then
		hyperfine --style none --runs "$runs" --prepare "$prep" \
			--export-json "$tmp/h.json" "$cmd" >/dev/null || return 1
		"$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' \
			"$tmp/h.json"
	else
		local i t0 t1 times=()
		for ((i = 0; i < runs; i++)); do
			bash -c "$prep"
			t0=$(date +%s.%N)
			bash -c "$cmd" >/dev/null 2>&1 || return 1
			t1=$(date +%s.%N)
			times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
		done
		printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {
			print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
	fi
}

timer=$($use_hyperfine && echo "hyperfine $(hyperfine --version | cut -d' ' -f2)" \
	|| echo "a bash loop")
{
echo "## Indexing speed ($runs runs each, median; timed with $timer; $(nproc) cores)"
echo
for input in "${inputs[@]}"; do
	read -r nrec in_bytes text_bytes < <("$py" "$here/peers.py" stats "$input" |
		"$py" -c 'import json,sys; d=json.load(sys.stdin); print(d["records"], d["input_bytes"], d["text_bytes"])')
	echo "### $(basename "$input"): $nrec records, $(awk "BEGIN{printf \"%.2f\", $in_bytes/1e6}") MB uncompressed input, $(awk "BEGIN{printf \"%.2f\", $text_bytes/1e6}") MB title+body text"
	echo
	echo "| engine | median s | articles/s | MB/s | index MB | index / input | index / text |"
	echo "|---|---|---|---|---|---|---|"
	for engine in ${engines//,/ }; do
		idx=$tmp/idx-$engine
		case $engine in
		quarry)
			if [[ ! -x $bin/quarry-index ]]; then
				echo "| quarry | not built ($bin/quarry-index missing) ||||||"
				continue
			fi
			# Exit 1 = some records skipped, the rest indexed: still a valid build.
			cmd="$(printf '%q --index %q %q' "$bin/quarry-index" "$idx" "$input") 2>/dev/null; [ \$? -le 1 ]" ;;
		xapian) cmd="$(printf '%q %q index-xapian %q %q' "$py" "$here/peers.py" "$input" "$idx")" ;;
		fts5) cmd="$(printf '%q %q index-fts5 %q %q' "$py" "$here/peers.py" "$input" "$idx")" ;;
		*) echo "bench_index.sh: unknown engine $engine" >&2; exit 2 ;;
		esac
		if ! secs=$(median_seconds "rm -rf $(printf %q "$idx")" "$cmd"); then
			echo "| $engine | failed: $cmd ||||||"
			continue
		fi
		size=$(du -sb "$idx" | cut -f1)
		awk -v e="$engine" -v s="$secs" -v n="$nrec" -v b="$in_bytes" -v t="$text_bytes" -v z="$size" \
			'BEGIN { printf "| %s | %.2f | %.0f | %.2f | %.2f | %.2f | %.2f |\n",
				e, s, n / s, b / 1e6 / s, z / 1e6, z / b, z / t }'
	done
	echo
done
echo "Peers: python3-xapian $("$py" -c 'import xapian; print(xapian.version_string())')" \
	"(TermGenerator, English stemmer, positions, record JSON as document data, 1 process);" \
	"SQLite $("$py" -c 'import sqlite3; print(sqlite3.sqlite_version)') FTS5 'porter unicode61'" \
	"(one transaction, text stored in the table)."
} | tee "${md_out:-/dev/null}"
