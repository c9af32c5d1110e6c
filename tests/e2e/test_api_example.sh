# test_api_example.sh - docs/example.c, compiled against an installed copy
# of libquarry through pkg-config (as an embedding program would be), runs.
source "$(dirname "$0")/lib.sh"
PREFIX="$WORK/prefix"
expect_status 0 "install libquarry" -- cmake --install "$QUARRY_BIN" --prefix "$PREFIX"
pcdir=$(dirname "$(find "$PREFIX" -name quarry.pc | head -1)")
export PKG_CONFIG_PATH="$pcdir"
# A sanitized libquarry needs a sanitized program around it.
SAN=""
[ "${QUARRY_SANITIZE:-OFF}" = ON ] && SAN="-fsanitize=address,undefined"
# The shared library, as an embedding program would normally use.
expect_status 0 "compile example (shared)" -- \
  sh -c "cc -std=c11 -Wall -Wextra -Werror $SAN $QUARRY_SRC/docs/example.c \$(pkg-config --cflags --libs quarry) -o $WORK/example"
expect_status 0 "run example" -- env LD_LIBRARY_PATH="$(pkg-config --variable=libdir quarry)" "$WORK/example" "$WORK/ix"
expect_grep "ex-1" "$WORK/out" "example finds the Klishchiivka article"
[ "$(head -1 "$WORK/out" | cut -f2)" = ex-1 ] && pass || fail "ex-1 is not first"
# Only quarry_* symbols are exported from the shared library.
lib=$(find "$PREFIX" -name 'libquarry.so.*' | head -1)
bad=$(nm -D --defined-only "$lib" | awk '$2 ~ /[TDB]/ {print $3}' | grep -v '^quarry_' | head -5 || true)
[ -z "$bad" ] && pass || fail "non-quarry symbols exported: $bad"
finish
