#!/bin/sh
# run_all.sh - smoke run: every fuzz target for a few seconds, one at a time.
#
# Usage: fuzz/run_all.sh [SECONDS [BUILD_DIR]]
#   SECONDS    time per target (default 30)
#   BUILD_DIR  a build configured with -DQUARRY_FUZZ=ON (default ./build)
# New inputs go to a scratch corpus ($FUZZ_WORK, default a temporary
# directory); the seeds in fuzz/corpus/ are only read.  Crash, leak and
# timeout inputs are written to $FUZZ_WORK/artifacts/<target>/.  Exits 1
# when any target fails.
set -u
secs=${1:-30}
build=${2:-build}
here=$(cd "$(dirname "$0")" && pwd)
work=${FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/quarry-fuzz.XXXXXX")}
status=0
found=0

for bin in "$build"/fuzz_*; do
	[ -x "$bin" ] || continue
	found=1
	name=$(basename "$bin")
	target=${name#fuzz_}
	mkdir -p "$work/corpus/$target" "$work/artifacts/$target"
	printf '%-16s ' "$name"
	if "$bin" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=25 \
		-print_final_stats=1 -artifact_prefix="$work/artifacts/$target/" \
		"$work/corpus/$target" "$here/corpus/$target" >"$work/$target.log" 2>&1; then
		# The last status line gives executions and coverage.
		grep -E '^#[0-9]+' "$work/$target.log" | tail -n 1
	else
		status=1
		echo "FAILED: see $work/$target.log and $work/artifacts/$target/"
		grep -E 'ERROR|SUMMARY' "$work/$target.log" | head -n 3
	fi
done
if [ "$found" = 0 ]; then
	echo "no fuzz_* binaries in $build (configure with CC=clang CXX=clang++ -DQUARRY_FUZZ=ON)" >&2
	exit 2
fi
echo "logs and corpora in $work"
exit $status
