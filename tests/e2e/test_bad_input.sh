# test_bad_input.sh - hostile and broken input: each case gets a clear
# message naming the file (and line), and everything else is still indexed.
source "$(dirname "$0")/lib.sh"
IN="$WORK/in"; IX="$WORK/ix"
mkdir -p "$IN"

printf 'Good article\n\nThe garrison of Velykoburlukske held its ground on Tuesday.\n' > "$IN/good.txt"
printf 'Broken bytes\n\nShelling near Zhuravka \xff\xfe\xc3 continued overnight, officials said.\n' > "$IN/invalid_utf8.txt"
printf 'Nul bytes\n\nSappers cleared Oskilske\0 of mines before\0 the convoy passed.\n' > "$IN/nul.txt"
: > "$IN/empty.txt"
printf '{"id":"w1","title":"Wire one","body":"Drone strike on Pisochyn depot."}\nthis is not json\n{"id":"w2","title":"no body here"}\n{"id":"w3","title":"Wire three","body":"Ferry service to Zatoka resumed."}\n' > "$IN/wire.jsonl"
# A gzip stream cut in half: the first records survive, the damage is reported.
python3 - "$IN/cut.jsonl.gz" <<'PY'
import gzip, json, sys, random
random.seed(7)
lines = [json.dumps({"id": f"cut{i}", "title": f"t{i}",
         "body": f"Record {i} about Kupiansk. " + " ".join(str(random.random()) for _ in range(400))})
         for i in range(40)]
data = gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0)
open(sys.argv[1], "wb").write(data[: len(data) // 2])
PY
# One 1 MB line, and a 300-byte token (over Xapian's 245-byte term limit).
python3 - "$IN/huge_line.txt" "$IN/long_token.txt" <<'PY'
import sys
words = ["Mykolaivka", "artillery", "positions", "reported", "convoy"]
open(sys.argv[1], "w").write("Huge line " + " ".join(words[i % 5] for i in range(110000)) + " Bilohorivka.\n")
open(sys.argv[2], "w").write("Long token\n\nThe token " + "x" * 300 + " sits beside Tymofiivka here.\n")
PY

expect_status 1 "index a directory with bad files" -- "$QI" --index "$IX" "$IN"
expect_grep "empty.txt" "$WORK/err" "empty file is named"
expect_grep "wire.jsonl:2" "$WORK/err" "non-JSON line is named with its line"
expect_grep "wire.jsonl:3" "$WORK/err" "record without body is named with its line"
expect_grep "cut.jsonl.gz" "$WORK/err" "truncated gzip is named"
expect_grep "rejected" "$WORK/out" "summary counts rejected records"

for word in Velykoburlukske Zhuravka Oskilske Pisochyn Zatoka Bilohorivka Tymofiivka; do
  expect_status 0 "article with $word still indexed" -- "$QS" --index "$IX" --json "$word"
done
expect_status 0 "records before the gzip damage indexed" -- "$QS" --index "$IX" --json "article:cut0"
# A 300-byte query word is not an error that hides the rest of the query.
got=0; "$QS" --index "$IX" --json "$(printf 'x%.0s' $(seq 300)) Tymofiivka" >"$WORK/out" 2>"$WORK/err" || got=$?
[ "$got" -le 2 ] && pass || fail "300-byte query word crashed ($got)"

expect_status 2 "nonexistent path only" -- "$QI" --index "$WORK/ix2" "$WORK/does-not-exist"
expect_grep "does-not-exist" "$WORK/err" "nonexistent path is named"
expect_status 1 "nonexistent path beside a good one" -- "$QI" --index "$WORK/ix3" "$WORK/does-not-exist" "$IN/good.txt"
expect_status 0 "good file indexed despite the bad path" -- "$QS" --index "$WORK/ix3" Velykoburlukske

# Permissions: root reads everything, so these run as nobody.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  AS_NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chmod 755 "$WORK"; chmod -R a+rX "$IN"; mkdir -p "$WORK/pub"; chmod 777 "$WORK/pub"
  cp "$IN/good.txt" "$WORK/pub/good.txt"; printf 'Secret\n\nHidden.\n' > "$WORK/pub/secret.txt"
  chmod 000 "$WORK/pub/secret.txt"; chmod a+r "$WORK/pub/good.txt"
  expect_status 1 "unreadable file" -- "${AS_NOBODY[@]}" "$QI" --index "$WORK/pub/ix" "$WORK/pub"
  expect_grep "secret.txt" "$WORK/err" "unreadable file is named"
  expect_status 0 "readable neighbour indexed" -- "${AS_NOBODY[@]}" "$QS" --index "$WORK/pub/ix" Velykoburlukske
  mkdir -p "$WORK/ro"; chmod 555 "$WORK/ro"
  expect_status 2 "read-only index directory" -- "${AS_NOBODY[@]}" "$QI" --index "$WORK/ro/ix" "$IN/good.txt"
  expect_grep "ro/ix" "$WORK/err" "read-only index path is named"
else
  echo "note: permission cases need root and setpriv; skipped"
fi
finish
