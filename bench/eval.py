#!/usr/bin/python3
"""Ranking evaluation of quarry against plain Xapian BM25 and SQLite FTS5.

Collections: Cranfield 1400 (MAP, nDCG@10, MRR@10, Recall@100), SQuAD v1.1
dev as passage retrieval (top-1/5/20 accuracy, MRR@20) and quarry's own
fixtures (top-1/top-3 accuracy, expected substring in the top hit's text).
Every engine indexes the same text (title + body of each record) and gets the
same query strings, cleaned of quarry's query syntax by clean_query().

Runs with /usr/bin/python3 (python3-xapian, sqlite3 with FTS5); stdlib + xapian.
See bench/README.md.
"""
import argparse
import concurrent.futures
import gzip
import json
import math
import os
import random
import re
import shutil
import sqlite3
import string
import subprocess
import sys
import tempfile
import time

DATA = os.environ.get("QUARRY_SHARED_DATA",
                      os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data"))
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ---------------------------------------------------------------- queries

# Operators of quarry's query language (and Xapian's, whose QueryParser also
# knows NEAR/ADJ/XOR); dropped so that every engine sees plain words.
OPERATOR_WORDS = {"AND", "OR", "NOT", "NEAR", "ADJ", "XOR"}
SYNTAX_CHARS = re.compile(r'["\u201c\u201d\u201e()\[\]{}:]')


def clean_query(text):
    """Return text as plain OR-ed words: no phrases, groups, fields,
    +/- prefixes or boolean operators, which quarry (and Xapian's
    QueryParser) would otherwise interpret."""
    words = []
    for w in SYNTAX_CHARS.sub(" ", text).split():
        w = w.lstrip("+-")
        if w and w not in OPERATOR_WORDS:
            words.append(w)
    return " ".join(words)


# ---------------------------------------------------------------- data

def open_text(path):
    with open(path, "rb") as f:
        magic = f.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, "rt", encoding="utf-8", errors="replace")


def read_jsonl(path):
    with open_text(path) as f:
        for line in f:
            line = line.strip()
            if line:
                yield json.loads(line)


def record_text(rec):
    title = rec.get("title") or ""
    body = rec.get("body") or ""
    return title + "\n\n" + body if title else body


def load_records(paths):
    """Records from JSONL(.gz) files, or plain-text files / directories of
    them (id = file name without extension, text = whole file)."""
    out = []
    for path in paths:
        files = [path]
        if os.path.isdir(path):
            files = sorted(os.path.join(d, n) for d, _, ns in os.walk(path)
                           for n in ns if not n.startswith("."))
        for fn in files:
            with open_text(fn) as f:
                head = f.read(1).lstrip()
            if head == "{" or fn.endswith((".jsonl", ".jsonl.gz")):
                for rec in read_jsonl(fn):
                    rec["id"] = str(rec["id"])
                    out.append(rec)
            else:
                with open_text(fn) as f:
                    body = f.read()
                stem = os.path.basename(fn).split(".")[0]
                out.append({"id": stem, "title": "", "body": body})
    return out


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows


# ---------------------------------------------------------------- engines

def dir_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, n))
               for d, _, ns in os.walk(path) for n in ns)


class Engine:
    """index(records) once, then search(queries, k) -> per query a list of
    (article id, text of the hit) best first."""
    name = "?"

    def __init__(self, workdir):
        self.workdir = workdir
        self.index_bytes = 0
        self.errors = 0
        self.texts = {}

    def hit_text(self, aid):
        return self.texts.get(aid, "")


class XapianEngine(Engine):
    name = "xapian"

    def index(self, records, sources=None):
        import xapian
        self.xapian = xapian
        path = os.path.join(self.workdir, "xapian")
        db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
        tg = xapian.TermGenerator()
        tg.set_stemmer(xapian.Stem("english"))
        for rec in records:
            doc = xapian.Document()
            tg.set_document(doc)
            text = record_text(rec)
            tg.index_text(text)
            doc.set_data(rec["id"])
            doc.add_boolean_term("Q" + rec["id"])
            db.replace_document("Q" + rec["id"], doc)
            self.texts[rec["id"]] = text
        db.commit()
        db.close()
        self.index_bytes = dir_bytes(path)
        self.db = xapian.Database(path)

    def search(self, queries, k):
        xapian = self.xapian
        qp = xapian.QueryParser()
        qp.set_stemmer(xapian.Stem("english"))
        qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        qp.set_database(self.db)
        qp.set_default_op(xapian.Query.OP_OR)
        enq = xapian.Enquire(self.db)
        enq.set_weighting_scheme(xapian.BM25Weight())
        out = []
        for q in queries:
            try:
                enq.set_query(qp.parse_query(q))
                mset = enq.get_mset(0, k)
                ids = [m.document.get_data().decode("utf-8") for m in mset]
            except xapian.Error:
                self.errors += 1
                ids = []
            out.append([(i, None) for i in ids])
        return out


class Fts5Engine(Engine):
    name = "fts5"

    def index(self, records, sources=None):
        path = os.path.join(self.workdir, "fts5.db")
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5("
                        "id UNINDEXED, text, tokenize='porter unicode61')")
        rows = []
        for rec in records:
            text = record_text(rec)
            self.texts[rec["id"]] = text
            rows.append((rec["id"], text))
        self.db.executemany("INSERT INTO docs(id, text) VALUES (?, ?)", rows)
        self.db.commit()
        self.index_bytes = dir_bytes(path)

    @staticmethod
    def match_expr(q):
        # Each word becomes an FTS5 string ("..." with "" escaping), which the
        # tokenizer splits like the text; words with no letter or digit would
        # be empty phrases, so they are left out.
        terms = ['"' + w.replace('"', '""') + '"' for w in q.split()
                 if any(c.isalnum() for c in w)]
        return " OR ".join(terms)

    def search(self, queries, k):
        out = []
        for q in queries:
            expr = self.match_expr(q)
            ids = []
            if expr:
                try:
                    cur = self.db.execute(
                        "SELECT id FROM docs WHERE docs MATCH ? "
                        "ORDER BY bm25(docs) LIMIT ?", (expr, k))
                    ids = [r[0] for r in cur]
                except sqlite3.Error:
                    self.errors += 1
            out.append([(i, None) for i in ids])
        return out


class QuarryEngine(Engine):
    name = "quarry"

    def __init__(self, workdir, bindir, threads=2, batch=False, index_args=()):
        super().__init__(workdir)
        self.index_args = list(index_args)
        self.index_prog = os.path.join(bindir, "quarry-index")
        self.search_prog = os.path.join(bindir, "quarry-search")
        for p in (self.index_prog, self.search_prog):
            if not os.access(p, os.X_OK):
                raise RuntimeError("%s not found or not executable "
                                   "(build quarry or use --engines xapian,fts5)" % p)
        self.threads = threads
        self.index_warnings = 0
        self.batch = batch
        self.err_samples = []

    def index(self, records, sources):
        # quarry reads the collection's own files (JSON Lines, or the
        # fixtures' plain text), as a user would give them.
        self.index_dir = os.path.join(self.workdir, "quarry")
        p = subprocess.run([self.index_prog, "--index", self.index_dir] + self.index_args
                           + sources,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True)
        # Exit 1: some records were skipped (reported on stderr), the rest
        # is indexed; the run goes on, with the count of complaints noted.
        if p.returncode == 1:
            sys.stderr.write(p.stderr)
            self.index_warnings = sum(1 for l in p.stderr.splitlines() if l.strip())
        elif p.returncode != 0:
            sys.stderr.write(p.stderr)
            last = (p.stderr.strip().splitlines() or [""])[-1]
            raise RuntimeError("quarry-index failed (exit %d): %s"
                               % (p.returncode, last[:300]))
        self.index_bytes = dir_bytes(self.index_dir)

    def argv(self, k):
        return [self.search_prog, "--index", self.index_dir, "--json",
                "--limit", str(k), "--per-article", "1"]

    @staticmethod
    def parse_hits(lines):
        hits, seen = [], set()
        for line in lines:
            line = line.strip()
            if not line.startswith("{"):
                continue
            obj = json.loads(line)
            if obj.get("kind") != "passage":
                continue
            aid = str(obj.get("article"))
            if aid not in seen:
                seen.add(aid)
                hits.append((aid, obj.get("text") or ""))
        return hits

    def one(self, q, k):
        if not q:
            return []
        # One argv element; clean_query() left no leading '-', so it cannot
        # be taken for an option.
        p = subprocess.run(self.argv(k) + [q], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        if p.returncode not in (0, 1):
            self.errors += 1
            if len(self.err_samples) < 3:
                self.err_samples.append("%r: exit %d: %s" % (
                    q, p.returncode, p.stderr.strip()[:300]))
            return []
        return self.parse_hits(p.stdout.splitlines())[:k]

    def search_batch(self, queries, k):
        # Provisional protocol (see README): one query per stdin line; every
        # output line carries "query": <0-based input line>.
        p = subprocess.run(self.argv(k) + ["--batch"], input="\n".join(
            q.replace("\n", " ") for q in queries) + "\n",
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode not in (0, 1):
            raise RuntimeError("quarry-search --batch failed: " + p.stderr[-2000:])
        groups = [[] for _ in queries]
        for line in p.stdout.splitlines():
            if line.startswith("{"):
                n = json.loads(line).get("query")
                if isinstance(n, int) and 0 <= n < len(groups):
                    groups[n].append(line)
        return [self.parse_hits(g)[:k] for g in groups]

    def search(self, queries, k):
        if self.batch:
            return self.search_batch(queries, k)
        with concurrent.futures.ThreadPoolExecutor(self.threads) as pool:
            return list(pool.map(lambda q: self.one(q, k), queries))


# quarry on an index built with --sentence-vectors (docs/ranking.md).
VECTORS_ENGINE = "quarry --sentence-vectors"


def make_engine(name, args, workdir):
    if name == "xapian":
        return XapianEngine(workdir)
    if name == "fts5":
        return Fts5Engine(workdir)
    if name == "quarry":
        return QuarryEngine(workdir, args.bin, args.threads, args.quarry_batch)
    if name == VECTORS_ENGINE:
        return QuarryEngine(workdir, args.bin, args.threads, args.quarry_batch,
                            ["--sentence-vectors"])
    raise SystemExit("unknown engine %r (quarry, %s, xapian, fts5)" % (name, VECTORS_ENGINE))


# ---------------------------------------------------------------- metrics

def average_precision(ranked, rel):
    relevant = {d for d, g in rel.items() if g > 0}
    if not relevant:
        return 0.0
    found, total = 0, 0.0
    for i, d in enumerate(ranked, 1):
        if d in relevant:
            found += 1
            total += found / i
    return total / len(relevant)


def ndcg(ranked, rel, k):
    # trec_eval's ndcg_cut: linear gain = grade, discount log2(rank + 1).
    dcg = sum(rel.get(d, 0) / math.log2(i + 1)
              for i, d in enumerate(ranked[:k], 1))
    ideal = sorted((g for g in rel.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 1) for i, g in enumerate(ideal, 1))
    return dcg / idcg if idcg else 0.0


def reciprocal_rank(ranked, good, k):
    for i, d in enumerate(ranked[:k], 1):
        if d in good:
            return 1.0 / i
    return 0.0


def recall(ranked, good, k):
    return len(good.intersection(ranked[:k])) / len(good) if good else 0.0


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


# ---------------------------------------------------------------- tasks

class Task:
    """A collection, its queries and how to score one ranked list."""

    def __init__(self, name, title, sources, queries, depth, metrics, score,
                 records=None):
        self.name, self.title = name, title
        self.sources = sources
        self.records = records if records is not None else load_records(sources)
        self.queries = queries
        self.depth, self.metrics, self.score = depth, metrics, score


def cranfield_task(args):
    d = os.path.join(DATA, "cranfield")
    sources = [os.path.join(d, "docs.jsonl")]
    records = load_records(sources)
    queries = [(qid, text) for qid, text in read_tsv(os.path.join(d, "queries.tsv"))]
    qrels = {}
    for row in read_tsv(os.path.join(d, "qrels.tsv")):
        qid, _, doc, grade = row[0].split() if len(row) == 1 else row
        qrels.setdefault(qid, {})[doc] = int(grade)

    def score(qid, hits):
        ranked = [a for a, _ in hits]
        rel = qrels.get(qid, {})
        good = {x for x, g in rel.items() if g > 0}
        return {"MAP": average_precision(ranked, rel),
                "nDCG@10": ndcg(ranked, rel, 10),
                "MRR@10": reciprocal_rank(ranked, good, 10),
                "R@100": recall(ranked, good, 100)}
    return Task("cranfield", "Cranfield 1400 (%d docs, %d queries, depth %d)"
                % (len(records), len(queries), args.depth), sources, queries,
                args.depth, ["MAP", "nDCG@10", "MRR@10", "R@100"], score, records)


PUNCT = set(string.punctuation)


def squad_norm(s):
    """SQuAD's answer normalisation: lowercase, no punctuation, no articles."""
    s = "".join(c for c in s.lower() if c not in PUNCT)
    return " ".join(re.sub(r"\b(a|an|the)\b", " ", s).split())


def qa_task(args):
    d = os.path.join(DATA, "qa")
    sources = [os.path.join(d, "passages.jsonl")]
    records = load_records(sources)
    qs = list(read_jsonl(os.path.join(d, "questions.jsonl")))
    if args.sample and args.sample < len(qs):
        qs = random.Random(args.seed).sample(qs, args.sample)
    gold = {q["id"]: set(q["gold_passage_ids"]) for q in qs}
    answers = {q["id"]: [a for a in map(squad_norm, q["answers"]) if a] for q in qs}
    queries = [(q["id"], q["question"]) for q in qs]
    bodies = {r["id"]: squad_norm(r.get("body") or "") for r in records}

    def score(qid, hits):
        ranked = [a for a, _ in hits]
        g = gold[qid]
        # ans@k: a normalised gold answer is a substring of one of the top k
        # normalised passages (the record body for every engine, so all are
        # judged alike; whole-word matching would miss gold spans such as
        # "1990" in "1990s").
        has = [any(a in bodies.get(d, "") for a in answers[qid]) for d in ranked]
        return {"top-1": float(bool(g.intersection(ranked[:1]))),
                "top-5": float(bool(g.intersection(ranked[:5]))),
                "top-20": float(bool(g.intersection(ranked[:20]))),
                "MRR@20": reciprocal_rank(ranked, g, 20),
                "ans@1": float(any(has[:1])), "ans@5": float(any(has[:5])),
                "ans@20": float(any(has[:20]))}
    return Task("qa", "SQuAD v1.1 dev passages (%d passages, %d questions%s)"
                % (len(records), len(queries),
                   ", sample seed %d" % args.seed if args.sample else ""),
                sources, queries, 20,
                ["top-1", "top-5", "top-20", "MRR@20", "ans@1", "ans@5", "ans@20"],
                score, records)


def fixture_tasks(args):
    """fixtures/queries.tsv (query, expected article id, verbatim substring
    of the passage expected first) and fixtures/questions.tsv (question,
    comma-separated expected article ids, actors, stance, controller)."""
    tasks = []
    corpus = args.fixtures_corpus or [os.path.join(REPO, "fixtures", "articles")]
    for fn in ("queries.tsv", "questions.tsv"):
        path = os.path.join(REPO, "fixtures", fn)
        if not os.path.exists(path):
            print("fixtures: %s absent, skipped" % path, file=sys.stderr)
            continue
        expect, queries = {}, []
        for i, r in enumerate(read_tsv(path)):
            if len(r) < 2:
                continue
            qid = "%s:%d" % (fn, i + 1)
            sub = r[2].strip() if fn == "queries.tsv" and len(r) > 2 else ""
            expect[qid] = (set(r[1].strip().split(",")), sub)
            queries.append((qid, r[0]))

        def score(qid, hits, expect=expect):
            want, sub = expect[qid]
            ranked = [a for a, _ in hits]
            first = bool(ranked) and ranked[0] in want
            row = {"top-1": float(first),
                   "top-3": float(bool(want.intersection(ranked[:3])))}
            if sub:
                row["substr@1"] = float(first and sub.lower() in hits[0][1].lower())
            return row
        metrics = ["top-1", "top-3"] + (["substr@1"] if fn == "queries.tsv" else [])
        tasks.append(Task("fixtures-" + fn.split(".")[0],
                          "quarry fixtures/%s (%d queries, corpus: %s)"
                          % (fn, len(queries), ", ".join(
                              os.path.relpath(c, REPO) for c in corpus)),
                          corpus, queries, 10, metrics, score))
    return tasks


# ---------------------------------------------------------------- running

def run_task(task, engine_names, args):
    results = {}
    texts = [q for _, q in task.queries]
    cleaned = [clean_query(q) for q in texts]
    raw = texts if args.raw_queries else cleaned
    for name in engine_names:
        workdir = tempfile.mkdtemp(prefix="quarry-eval-", dir=args.tmpdir)
        try:
            eng = make_engine(name, args, workdir)
            t0 = time.monotonic()
            eng.index(task.records, task.sources)
            t1 = time.monotonic()
            # --raw-queries: quarry and Xapian's QueryParser both read
            # "phrases", AND/OR/NOT and +/-; FTS5 always gets plain words.
            runs = eng.search(cleaned if name == "fts5" else raw, task.depth)
            t2 = time.monotonic()
        except RuntimeError as e:
            print("%s/%s: %s" % (task.name, name, e), file=sys.stderr)
            results[name] = {"error": str(e)}
            continue
        finally:
            if not args.keep:
                shutil.rmtree(workdir, ignore_errors=True)
        per_q = {}
        for (qid, _), hits in zip(task.queries, runs):
            hits = [(a, t if t is not None else eng.hit_text(a)) for a, t in hits]
            per_q[qid] = task.score(qid, hits)
        row = {m: mean([s.get(m, 0.0) for s in per_q.values()]) for m in task.metrics}
        row.update({"index_s": t1 - t0, "search_s": t2 - t1,
                    "qps": len(cleaned) / (t2 - t1) if t2 > t1 else 0.0,
                    "index_MB": eng.index_bytes / 1e6, "errors": eng.errors,
                    "queries": len(cleaned)})
        if getattr(eng, "index_warnings", 0):
            row["index_warnings"] = eng.index_warnings
        if getattr(eng, "err_samples", None):
            row["error_samples"] = eng.err_samples
            for s in eng.err_samples:
                print("%s/%s: %s" % (task.name, name, s), file=sys.stderr)
        if args.per_query:
            row["per_query"] = per_q
        results[name] = row
        print("%s/%s: %s" % (task.name, name, " ".join(
            "%s=%.4f" % (m, row[m]) for m in task.metrics)), file=sys.stderr)
    return results


def markdown(tasks, results, wall):
    out = []
    for t in tasks:
        out.append("### %s\n" % t.title)
        cols = t.metrics + ["index s", "search s", "queries/s", "index MB"]
        out.append("| engine | " + " | ".join(cols) + " |")
        out.append("|---" * (len(cols) + 1) + "|")
        for name, row in results[t.name].items():
            if "error" in row:
                out.append("| %s | %s |" % (name, "failed: " + row["error"][:200]
                                            .replace("|", "/").replace("\n", " ")))
                continue
            cells = ["%.4f" % row[m] for m in t.metrics]
            cells += ["%.2f" % row["index_s"], "%.2f" % row["search_s"],
                      "%.0f" % row["qps"], "%.2f" % row["index_MB"]]
            note = " (%d query errors)" % row["errors"] if row["errors"] else ""
            if row.get("index_warnings"):
                note += " (%d indexing complaints)" % row["index_warnings"]
            out.append("| %s%s | %s |" % (name, note, " | ".join(cells)))
        out.append("\nwall time: %.1f s\n" % wall[t.name])
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="build",
                    help="directory holding quarry-index and quarry-search")
    ap.add_argument("--engines", default="quarry,xapian,fts5",
                    help="comma-separated: quarry, xapian, fts5")
    ap.add_argument("--cranfield", action="store_true")
    ap.add_argument("--qa", action="store_true")
    ap.add_argument("--fixtures", action="store_true")
    ap.add_argument("--all", action="store_true", help="all three collections")
    ap.add_argument("--sample", type=int, default=0,
                    help="QA: evaluate N random questions (default: all 10,570)")
    ap.add_argument("--seed", type=int, default=42, help="QA sample seed")
    ap.add_argument("--depth", type=int, default=1000,
                    help="Cranfield: results per query (MAP depth)")
    ap.add_argument("--fixtures-corpus", action="append",
                    help="files/dirs the fixtures refer to (repeatable; "
                    "default fixtures/articles)")
    ap.add_argument("--raw-queries", action="store_true",
                    help="give quarry and xapian the query text unchanged "
                    "(phrases, operators, field:value); fts5 still gets plain words")
    ap.add_argument("--threads", type=int, default=2,
                    help="concurrent quarry-search processes")
    ap.add_argument("--quarry-batch", action="store_true",
                    help="one quarry-search --batch process per collection")
    ap.add_argument("--sentence-vectors", default="",
                    help="comma-separated collections (cranfield, qa, fixtures) on which "
                    "quarry also runs on an index built with --sentence-vectors")
    ap.add_argument("--markdown-out")
    ap.add_argument("--json-out")
    ap.add_argument("--per-query", action="store_true",
                    help="include per-query scores in --json-out")
    ap.add_argument("--tmpdir", default=None)
    ap.add_argument("--keep", action="store_true", help="keep temp indexes")
    args = ap.parse_args()

    if args.all:
        args.cranfield = args.qa = args.fixtures = True
    if not (args.cranfield or args.qa or args.fixtures):
        ap.error("choose at least one of --cranfield --qa --fixtures (or --all)")
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    vector_tasks = {t.strip() for t in args.sentence_vectors.split(",") if t.strip()}

    tasks = []
    if args.cranfield:
        tasks.append(cranfield_task(args))
    if args.qa:
        tasks.append(qa_task(args))
    if args.fixtures:
        tasks += fixture_tasks(args)

    results, wall = {}, {}
    for t in tasks:
        t0 = time.monotonic()
        extra = [VECTORS_ENGINE] if any(t.name == v or t.name.startswith(v + "-")
                                        for v in vector_tasks) else []
        results[t.name] = run_task(t, engines[:1] + extra + engines[1:], args)
        wall[t.name] = time.monotonic() - t0
    md = markdown(tasks, results, wall)
    print(md)
    if args.markdown_out:
        with open(args.markdown_out, "w", encoding="utf-8") as f:
            f.write(md + "\n")
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump({"tasks": {t.name: {"title": t.title, "wall_s": wall[t.name],
                                          "engines": results[t.name]} for t in tasks}},
                      f, indent=1)
            f.write("\n")
    rows = [r for res in results.values() for r in res.values()]
    if any("error" in r for r in rows):
        return 2
    return 1 if any(r.get("errors") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
