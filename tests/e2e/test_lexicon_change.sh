# test_lexicon_change.sh - editing data/ re-indexes: an article's hash
# covers the lexicons, so a new alias reaches articles indexed before it.
source "$(dirname "$0")/lib.sh"
need_shared seeds
export QUARRY_DATA="$WORK/data" QUARRY_CACHE="$WORK/cache"
cp -r "$QUARRY_SRC/data" "$QUARRY_DATA"
expect_status 0 "first run" -- "$QI" --index "$WORK/ix" "$SHARED/seeds"
expect_status 0 "same input, same lexicons" -- "$QI" --index "$WORK/ix" "$SHARED/seeds"
expect_grep "5 unchanged" "$WORK/out" "unchanged lexicons skip every article"
# "Orcs" (seed 000's slur for Russian troops) becomes an alias of actor russia.
python3 - "$QUARRY_DATA/actors.tsv" <<'PY'
import sys
path = sys.argv[1]
rows = open(path, encoding="utf-8").read().split("\n")
for i, r in enumerate(rows):
    f = r.split("\t")
    if len(f) >= 4 and f[0] == "russia":
        f[3] = f[3] + "|Orcs"
        rows[i] = "\t".join(f)
open(path, "w", encoding="utf-8").write("\n".join(rows))
PY
expect_status 0 "edited lexicons" -- "$QI" --index "$WORK/ix" "$SHARED/seeds"
expect_grep "5 replaced" "$WORK/out" "an edited lexicon re-indexes every article"
expect_status 0 "same lexicons again" -- "$QI" --index "$WORK/ix" "$SHARED/seeds"
expect_grep "5 unchanged" "$WORK/out" "and once re-indexed, they are stable again"
finish
