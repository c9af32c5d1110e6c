#!/usr/bin/env bash
# install-deps.sh - installs, with apt-get, the Debian 12 packages quarry needs
# to build, test, benchmark and evaluate.  Does nothing when all are present.
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools libstemmer-dev zlib1g-dev libutf8proc-dev
  libcmocka-dev
  python3 python3-xapian sqlite3
  clang libclang-rt-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
