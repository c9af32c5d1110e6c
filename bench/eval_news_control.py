#!/usr/bin/env python3
"""eval_news_control.py - scores quarry's controller verdicts on real news.

Indexes ../shared/data/news (three JSON Lines files of real war reporting),
asks every question of fixtures/news_control.tsv with quarry-search --json
--as-of DATE (one process per question, since the date differs), and scores
the answer line's controller against the expected one. A question with no
answer line, or a null controller, counts as wrong.

Prints a Markdown table and the misses; exits 0 (2 when quarry cannot run,
77 when the news data is missing).

    python3 bench/eval_news_control.py --bin build [--news DIR] [--index DIR]
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_answers import ROOT, read_tsv, run  # noqa: E402


def load(path):
    return [{"question": r[0], "as_of": r[1], "want": r[2], "basis": r[3] if len(r) > 3 else ""}
            for r in read_tsv(path)]


def verdict(search, index, q):
    """(controller or None, claim count) of q's answer line; (None, -1) without one."""
    out = run([search, "--index", index, "--json", "--limit", "0", "--as-of", q["as_of"],
               q["question"]])
    for line in out.splitlines():
        obj = json.loads(line)
        if obj.get("kind") == "answer":
            return obj.get("controller"), len(obj.get("claims", []))
    return None, -1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build"))
    data = os.environ.get("QUARRY_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--news", default=os.path.join(data, "news"))
    ap.add_argument("--questions", default=os.path.join(ROOT, "fixtures", "news_control.tsv"))
    ap.add_argument("--index", help="an index of --news to reuse (default: build a temporary one)")
    a = ap.parse_args()

    qidx, qsearch = os.path.join(a.bin, "quarry-index"), os.path.join(a.bin, "quarry-search")
    if not os.path.isdir(a.news):
        print("eval_news_control: no news data at %s" % a.news, file=sys.stderr)
        return 77
    questions = load(a.questions)
    tmp = None
    index = a.index
    try:
        if not index:
            tmp = tempfile.mkdtemp(prefix="quarry-eval-news-")
            index = os.path.join(tmp, "ix")
            # the data files only, not the folder's README
            files = sorted(os.path.join(a.news, f) for f in os.listdir(a.news)
                           if f.endswith(".jsonl.gz"))
            run([qidx, "--index", index] + files)
        got = [verdict(qsearch, index, q) for q in questions]
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    right = [str(g[0]) == q["want"] for q, g in zip(questions, got)]
    n = len(questions)
    print("## News control questions (%d, corpus: ../shared/data/news)\n" % n)
    print("| expected | questions | right |")
    print("|---|---|---|")
    for want in ("Russia", "Ukraine", "contested"):
        rs = [r for q, r in zip(questions, right) if q["want"] == want]
        if rs:
            print("| %s | %d | %d |" % (want, len(rs), sum(rs)))
    print("| **all** | %d | **%d (%.1f%%)** |" % (n, sum(right), 100.0 * sum(right) / n))
    print("\nNo verdict (no claim says who holds the place): %d of %d."
          % (sum(1 for g in got if g[0] is None), n))
    print("\n## Misses\n")
    for q, g, ok in zip(questions, got, right):
        if not ok:
            print("- `%s` as of %s: want %s, got %s (%s)" % (
                q["question"], q["as_of"], q["want"], g[0] or "null",
                "no answer line" if g[1] < 0 else "%d claims" % g[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
