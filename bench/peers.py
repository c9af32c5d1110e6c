#!/usr/bin/python3
"""Peer engines for bench_index.sh and bench_search.sh: a python3-xapian
indexer (positions, English stemmer) and an SQLite FTS5 bulk loader
("porter unicode61"), their query latency, and input statistics.

  peers.py stats INPUT                      records, input and text bytes (JSON)
  peers.py index-xapian INPUT DIR           one Xapian document per record
  peers.py index-fts5 INPUT DBFILE          one FTS5 row per record
  peers.py latency xapian|fts5 INDEX QUERIES [--repeat R] [--limit K]
                                            median in-process seconds per query (JSON)
  peers.py proc-latency [--repeat R] QUERIES -- ARGV...
                                            median wall seconds of running ARGV + [query]
                                            per query (JSON; bench_search.sh without hyperfine)

Every engine indexes title + "\\n\\n" + body of each JSON Lines record (input
may be gzip), as bench/eval.py does.
"""
import argparse
import gzip
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval import clean_query, Fts5Engine, open_text, record_text  # noqa: E402


def records(path):
    with open_text(path) as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def cmd_stats(a):
    n = raw = text = 0
    with open(a.input, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    with (gzip.open(a.input, "rb") if gz else open(a.input, "rb")) as f:
        for line in f:
            raw += len(line)
            if line.strip():
                n += 1
                text += len(record_text(json.loads(line)).encode("utf-8"))
    json.dump({"records": n, "input_bytes": raw, "text_bytes": text}, sys.stdout)
    print()


def cmd_index_xapian(a):
    import xapian
    db = xapian.WritableDatabase(a.out, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    for rec in records(a.input):
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(record_text(rec))
        # The record is the document data, so that the index, like quarry's,
        # can print a result without the original files.
        doc.set_data(json.dumps(rec, ensure_ascii=False))
        doc.add_boolean_term("Q" + str(rec["id"]))
        db.replace_document("Q" + str(rec["id"]), doc)
    db.commit()
    db.close()


def cmd_index_fts5(a):
    if os.path.exists(a.out):
        os.remove(a.out)
    db = sqlite3.connect(a.out)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5("
               "id UNINDEXED, text, tokenize='porter unicode61')")
    with db:
        db.executemany("INSERT INTO docs(id, text) VALUES (?, ?)",
                       ((str(r["id"]), record_text(r)) for r in records(a.input)))
    db.close()


def cmd_latency(a):
    queries = read_queries(a.queries)
    if a.engine == "xapian":
        import xapian
        db = xapian.Database(a.index)
        qp = xapian.QueryParser()
        qp.set_stemmer(xapian.Stem("english"))
        qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        qp.set_database(db)
        qp.set_default_op(xapian.Query.OP_OR)
        enq = xapian.Enquire(db)
        enq.set_weighting_scheme(xapian.BM25Weight())

        def run(q):
            enq.set_query(qp.parse_query(q))
            # Fetching the data is part of showing a result.
            return [m.document.get_data() for m in enq.get_mset(0, a.limit)]
    else:
        db = sqlite3.connect(a.index)

        def run(q):
            return db.execute("SELECT id, text FROM docs WHERE docs MATCH ? "
                              "ORDER BY bm25(docs) LIMIT ?",
                              (Fts5Engine.match_expr(q), a.limit)).fetchall()
    out = []
    for q in queries:
        hits = len(run(q))  # warm-up
        times = []
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            run(q)
            times.append(time.perf_counter() - t0)
        out.append({"query": q, "hits": hits, "median_s": statistics.median(times)})
    json.dump(out, sys.stdout, indent=1)
    print()


def read_queries(path):
    with open(path, encoding="utf-8") as f:
        return [clean_query(q) for q in f.read().splitlines()
                if q.strip() and not q.startswith("#")]


def cmd_proc_latency(a):
    argv = a.argv[1:] if a.argv[:1] == ["--"] else a.argv
    out = []
    for q in read_queries(a.queries):
        times = []
        for i in range(a.repeat + 1):
            t0 = time.perf_counter()
            p = subprocess.run(argv + [q], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
            if i:  # the first run is a warm-up
                times.append(time.perf_counter() - t0)
        if p.returncode not in (0, 1):
            sys.exit("peers.py: %s exited %d" % (argv[0], p.returncode))
        hits = sum(1 for line in p.stdout.splitlines()
                   if line.startswith(b"{") and json.loads(line).get("kind") == "passage")
        out.append({"query": q, "exit": p.returncode, "hits": hits,
                    "median_s": statistics.median(times)})
    json.dump(out, sys.stdout, indent=1)
    print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("stats")
    p.add_argument("input")
    p.set_defaults(fn=cmd_stats)
    for name, fn in (("index-xapian", cmd_index_xapian), ("index-fts5", cmd_index_fts5)):
        p = sub.add_parser(name)
        p.add_argument("input")
        p.add_argument("out")
        p.set_defaults(fn=fn)
    p = sub.add_parser("latency")
    p.add_argument("engine", choices=["xapian", "fts5"])
    p.add_argument("index")
    p.add_argument("queries")
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--limit", type=int, default=10)
    p.set_defaults(fn=cmd_latency)
    p = sub.add_parser("proc-latency")
    p.add_argument("queries")
    p.add_argument("--repeat", type=int, default=10)
    p.add_argument("argv", nargs=argparse.REMAINDER)
    p.set_defaults(fn=cmd_proc_latency)
    a = ap.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()
