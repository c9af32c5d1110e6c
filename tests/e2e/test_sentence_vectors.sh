# test_sentence_vectors.sh - quarry-index --sentence-vectors: passages carry
# the sentence encoder's vectors, a question or other sentence (not
# keywords) is reranked by them, the index remembers the choice, switching
# it on re-indexes, and a missing encoder is named (docs/ranking.md,
# "Meaning of the whole sentence").
source "$(dirname "$0")/lib.sh"
PLAIN="$WORK/plain"
VEC="$WORK/vec"

# "stadium" repeats the question's words; "captain" answers it.
cat > "$WORK/a.jsonl" <<'JSON'
{"id":"stadium","title":"Match day","body":"The team walked onto the field of the stadium, and the team's fans filled the stands around the field."}
{"id":"captain","title":"Match day","body":"On the field, the side was captained by Peyton Manning, who threw two touchdowns."}
{"id":"rain","title":"Weather","body":"Rain is expected across the region on Tuesday, with strong winds in the hills."}
{"id":"market","title":"Prices","body":"Grain prices rose again at the market as farmers held back their harvest."}
{"id":"school","title":"Schools","body":"Schools in the district will reopen next week after the holidays."}
JSON
Q="who captained the team on the field?"

expect_status 0 "index without vectors" -- "$QI" --index "$PLAIN" "$WORK/a.jsonl"
expect_status 0 "index with vectors" -- "$QI" --index "$VEC" --sentence-vectors "$WORK/a.jsonl"
expect_grep "5 articles added" "$WORK/out" "every article indexed"

expect_status 0 "question, no vectors" -- "$QS" --index "$PLAIN" --json "$Q"
[ "$(json_field 1 article)" = stadium ] && pass || fail "without vectors: first is $(json_field 1 article), the word-level rerank should prefer 'stadium'"
expect_status 0 "question, vectors" -- "$QS" --index "$VEC" --json "$Q"
[ "$(json_field 1 article)" = captain ] && pass || fail "with vectors: first is $(json_field 1 article), expected 'captain'"
# Without the question mark a sentence still has its meaning part (not the
# wording parts): the scores move.  Keywords (fewer than four words) have
# none: the same passages and scores as without vectors.
passages() { grep '"kind":"passage"' "$WORK/out" > "$1"; }
expect_status 0 "sentence, no vectors" -- "$QS" --index "$PLAIN" --json "who captained the team on the field"
passages "$WORK/sentence_plain"
expect_status 0 "sentence, vectors" -- "$QS" --index "$VEC" --json "who captained the team on the field"
passages "$WORK/sentence_vec"
[ "$(json_field 1 article)" = stadium ] && pass || fail "sentence with vectors: first is $(json_field 1 article), expected 'stadium' (no wording parts)"
cmp -s "$WORK/sentence_plain" "$WORK/sentence_vec" && fail "a sentence without '?' got no meaning part" || pass
expect_status 0 "keywords, no vectors" -- "$QS" --index "$PLAIN" --json "team field captained"
passages "$WORK/keywords_plain"
expect_status 0 "keywords, vectors" -- "$QS" --index "$VEC" --json "team field captained"
passages "$WORK/keywords_vec"
[ -s "$WORK/keywords_vec" ] && cmp -s "$WORK/keywords_plain" "$WORK/keywords_vec" && pass || fail "keywords ranked differently with vectors"
# Nor does a query with an exclusion: the encoder would read "-rain" as a word.
expect_status 0 "exclusion, no vectors" -- "$QS" --index "$PLAIN" --json "who captained the team on the field -rain"
passages "$WORK/exclusion_plain"
expect_status 0 "exclusion, vectors" -- "$QS" --index "$VEC" --json "who captained the team on the field -rain"
passages "$WORK/exclusion_vec"
[ -s "$WORK/exclusion_vec" ] && cmp -s "$WORK/exclusion_plain" "$WORK/exclusion_vec" && pass || fail "a query with an exclusion ranked differently with vectors"

# The index remembers: a later run without the option finds nothing changed
# (so it keeps adding vectors); switching the option on re-indexes.
expect_status 0 "re-run without the option" -- "$QI" --index "$VEC" "$WORK/a.jsonl"
expect_grep "0 replaced, 5 unchanged" "$WORK/out" "vectors are remembered, articles unchanged"
expect_status 0 "switch vectors on" -- "$QI" --index "$PLAIN" --sentence-vectors "$WORK/a.jsonl"
expect_grep "5 replaced" "$WORK/out" "switching vectors on re-indexes every article"
expect_status 0 "question after the switch" -- "$QS" --index "$PLAIN" --json "$Q"
[ "$(json_field 1 article)" = captain ] && pass || fail "after the switch: first is $(json_field 1 article), expected 'captain'"
echo '{"id":"late","title":"Late","body":"The captain of the team thanked the fans on the field."}' > "$WORK/b.jsonl"
expect_status 0 "add to the vector index without the option" -- "$QI" --index "$VEC" "$WORK/b.jsonl"
expect_grep "1 articles added" "$WORK/out" "the new article is added"

# The encoder is read only when needed, and a missing one is named.
mkdir -p "$WORK/data"
cp "$QUARRY_SRC"/data/*.tsv "$QUARRY_SRC"/data/stem_vectors.bin "$WORK/data/"
QUARRY_DATA="$WORK/data" expect_status 0 "keywords without the encoder" -- "$QS" --index "$VEC" "captain"
QUARRY_DATA="$WORK/data" expect_status 0 "index without vectors, no encoder" -- "$QI" --index "$WORK/plain2" "$WORK/a.jsonl"
QUARRY_DATA="$WORK/data" expect_status 0 "question on an index without vectors, no encoder" -- "$QS" --index "$WORK/plain2" "$Q"
QUARRY_DATA="$WORK/data" expect_status 2 "question without the encoder" -- "$QS" --index "$VEC" "$Q"
expect_grep "sentence_encoder.bin" "$WORK/err" "the missing encoder is named"
QUARRY_DATA="$WORK/data" expect_status 2 "index with vectors, no encoder" -- "$QI" --index "$VEC" "$WORK/b.jsonl"
expect_grep "sentence_encoder.bin" "$WORK/err" "the indexer names the missing encoder"
head -c 100000 "$QUARRY_SRC/data/sentence_encoder.bin" > "$WORK/data/sentence_encoder.bin"
QUARRY_DATA="$WORK/data" expect_status 2 "question with a truncated encoder" -- "$QS" --index "$VEC" "$Q"
expect_grep "sentence_encoder.bin: truncated" "$WORK/err" "a truncated encoder is reported as such"

finish
