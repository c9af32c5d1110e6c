#!/usr/bin/env bash
# quickstart.sh - from a fresh checkout: install what is missing, build,
# index the bundled fixtures and answer a sample question.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
rm -rf build/fixtures-index
build/quarry-index --index build/fixtures-index fixtures/articles
echo
echo '$ quarry-search --index build/fixtures-index "who controls Lysychansk"'
build/quarry-search --index build/fixtures-index --limit 3 "who controls Lysychansk"
