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

# Bytes that are no UTF-8 lead byte (0xF5-0xFF) still give valid JSON.
printf 'Odd bytes\n\nShelling near Hrakove \xff\x80\x80 \xf8\x88\x80\x80\x80 went on.\n' > "$WORK/odd.txt"
expect_status 0 "index odd bytes" -- "$QI" --index "$WORK/ix4" "$WORK/odd.txt"
"$QS" --index "$WORK/ix4" --json Hrakove > "$WORK/out"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]' "$WORK/out" \
  && pass || fail "JSON output with invalid UTF-8 input is not valid"

# A Xapian database that quarry did not write is refused by name.
/usr/bin/python3 - "$WORK/foreign" <<'PY' 2>/dev/null || true
import sys
try:
    import xapian
except ImportError:
    sys.exit(0)
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_CREATE_OR_OPEN)
d = xapian.Document(); d.add_term("hello"); d.set_data("not ours"); db.add_document(d); db.commit()
PY
if [ -d "$WORK/foreign" ]; then
  expect_status 2 "foreign database" -- "$QS" --index "$WORK/foreign" hello
  expect_grep "not a quarry index" "$WORK/err" "foreign database is named as such"
fi

# A directory that holds other files, or a file, is never written into.
mkdir -p "$WORK/home"; printf 'notes\n' > "$WORK/home/notes.txt"
expect_status 2 "index into a non-index directory" -- "$QI" --index "$WORK/home" "$IN/good.txt"
expect_grep "refusing to write" "$WORK/err" "the refusal says why"
[ "$(ls "$WORK/home")" = notes.txt ] && pass || fail "files were written into a non-index directory"
expect_status 2 "index into a regular file" -- "$QI" --index "$WORK/home/notes.txt" "$IN/good.txt"

# --prune is skipped when some input could not be read: nothing is lost.
mkdir -p "$WORK/pr"; printf 'One\n\nVelykyi Burluk held.\n' > "$WORK/pr/a.txt"
gzip -c "$IN/good.txt" > "$WORK/pr/b.txt.gz"
expect_status 0 "index for prune" -- "$QI" --index "$WORK/ix5" "$WORK/pr"
head -c 30 "$WORK/pr/b.txt.gz" > "$WORK/pr/b2" && mv "$WORK/pr/b2" "$WORK/pr/b.txt.gz"
expect_status 1 "prune with a damaged file" -- "$QI" --index "$WORK/ix5" --prune "$WORK/pr"
expect_grep "prune skipped" "$WORK/err" "prune explains why it was skipped"
expect_status 0 "damaged file's article kept" -- "$QS" --index "$WORK/ix5" --json Velykoburlukske

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
