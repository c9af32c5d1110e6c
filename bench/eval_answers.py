#!/usr/bin/env python3
"""eval_answers.py - scores quarry's answer blocks on fixtures/questions.tsv.

Indexes fixtures/articles with quarry-index, asks every question with
quarry-search --json --batch (one process), and scores:

  actor+stance   some claim of the answer block has the expected stance and
                 an actor (party) that one of the expected actor slugs maps
                 to in fixtures/actor_map.tsv (also reported: the same with
                 the claim drawn from one of the expected articles)
  speaker        the same, but the claim must also name the slug itself: its
                 speaker id is one of the slug's speaker ids, or its
                 attribution matches the slug's attribution pattern
  controller     the answer's controller equals the expected one ("none"
                 expects null or no answer block)
  top-1, top-3   an expected article owns the first passage, or one of the
                 first three

Prints a Markdown table and the failures per question; exits 0 (2 when
quarry cannot be run).

    python3 bench/eval_answers.py --bin build [--index DIR] [--keep] [--verbose]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def load_questions(path):
    out = []
    for r in read_tsv(path):
        q, arts, actors, stance, ctl = (r + [""] * 5)[:5]
        out.append({
            "question": q,
            "articles": [a.strip() for a in arts.split(",") if a.strip()],
            "actors": [a.strip() for a in actors.split(",") if a.strip()],
            "stance": stance.strip(),
            "controller": ctl.strip(),
        })
    return out


def load_map(path):
    m = {}
    for r in read_tsv(path):
        slug, party, speakers, attrib = (r + ["-"] * 4)[:4]
        m[slug] = {
            "party": party,
            "speakers": set() if speakers in ("", "-") else set(speakers.split("|")),
            "attrib": None if attrib in ("", "-") else re.compile(attrib, re.I),
        }
    return m


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if p.returncode == 2:
        sys.exit("eval_answers: %s failed: %s" % (cmd[0], p.stderr.strip()))
    return p.stdout


def ask_all(search, index, questions):
    """Per question: (answer dict or None, [passage article ids])."""
    answers = [None] * len(questions)
    passages = [[] for _ in questions]
    out = run([search, "--index", index, "--json", "--batch"],
              "".join(q["question"] + "\n" for q in questions))
    for line in out.splitlines():
        obj = json.loads(line)
        n = obj.get("query")
        if not isinstance(n, int) or n >= len(questions):
            continue
        if obj.get("kind") == "answer":
            answers[n] = obj
        elif obj.get("kind") == "passage":
            passages[n].append(obj["article"])
    # An older quarry-search prints no answer line in --batch mode: ask
    # one question per process then.
    if not any(answers):
        for n, q in enumerate(questions):
            out = run([search, "--index", index, "--json", q["question"]])
            passages[n] = []
            for line in out.splitlines():
                obj = json.loads(line)
                if obj.get("kind") == "answer":
                    answers[n] = obj
                elif obj.get("kind") == "passage":
                    passages[n].append(obj["article"])
    return answers, passages


def speaker_names(claim, slug, amap):
    m = amap.get(slug)
    if not m or claim.get("actor") != m["party"]:
        return False
    if claim.get("speaker") in m["speakers"]:
        return True
    att = claim.get("attribution") or ""
    return bool(m["attrib"] and m["attrib"].search(att))


def score(q, ans, arts, amap):
    claims = ans["claims"] if ans else []
    parties = {amap[s]["party"] for s in q["actors"] if s in amap}
    r = {}
    r["actor"] = any(c["stance"] == q["stance"] and c["actor"] in parties for c in claims)
    r["actor_art"] = any(c["stance"] == q["stance"] and c["actor"] in parties and
                         c["article"] in q["articles"] for c in claims)
    r["speaker"] = any(c["stance"] == q["stance"] and speaker_names(c, s, amap)
                       for c in claims for s in q["actors"])
    want = None if q["controller"] == "none" else q["controller"]
    got = ans.get("controller") if ans else None
    r["controller"] = got == want
    r["top1"] = bool(arts) and arts[0] in q["articles"]
    r["top3"] = any(a in q["articles"] for a in arts[:3])
    r["got_controller"] = got
    r["claims"] = claims
    r["parties"] = parties
    return r


def describe(c):
    return "%s %s (speaker %s, %s #%s)" % (c["actor"], c["stance"], c.get("speaker"),
                                          c["article"], c["passage"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build"),
                    help="directory holding quarry-index and quarry-search")
    ap.add_argument("--index", help="index directory to (re)build (default: a temporary one)")
    ap.add_argument("--questions", default=os.path.join(ROOT, "fixtures", "questions.tsv"))
    ap.add_argument("--map", default=os.path.join(ROOT, "fixtures", "actor_map.tsv"))
    ap.add_argument("--articles", default=os.path.join(ROOT, "fixtures", "articles"))
    ap.add_argument("--verbose", action="store_true", help="list the claims of failed questions")
    a = ap.parse_args()

    qidx = os.path.join(a.bin, "quarry-index")
    qsearch = os.path.join(a.bin, "quarry-search")
    for p in (qidx, qsearch):
        if not os.access(p, os.X_OK):
            sys.exit("eval_answers: no %s (build first, or pass --bin)" % p)
    questions = load_questions(a.questions)
    amap = load_map(a.map)
    unknown = sorted({s for q in questions for s in q["actors"]} - set(amap))
    if unknown:
        print("warning: slugs missing from %s: %s" % (a.map, ", ".join(unknown)), file=sys.stderr)

    tmp = None
    index = a.index
    if not index:
        tmp = tempfile.mkdtemp(prefix="quarry-eval-answers-")
        index = os.path.join(tmp, "ix")
    elif os.path.exists(index):
        shutil.rmtree(index)
    try:
        run([qidx, "--index", index, a.articles])
        answers, passages = ask_all(qsearch, index, questions)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    results = [score(q, ans, arts, amap) for q, ans, arts in zip(questions, answers, passages)]
    n = len(questions)
    ctl_qs = [r for q, r in zip(questions, results) if q["controller"] != "none"]

    def frac(k, rs=results):
        hit = sum(1 for r in rs if r[k])
        return "%d/%d (%.1f%%)" % (hit, len(rs), 100.0 * hit / len(rs) if rs else 0.0)

    print("## Fixture questions (%d)\n" % n)
    print("| metric | score |")
    print("|---|---|")
    print("| actor+stance (party) | %s |" % frac("actor"))
    print("| actor+stance (party), claim from an expected article | %s |" % frac("actor_art"))
    print("| actor+stance (speaker) | %s |" % frac("speaker"))
    print("| controller, all questions | %s |" % frac("controller"))
    print("| controller, control questions | %s |" % frac("controller", ctl_qs))
    print("| answer block present | %d/%d |" % (sum(1 for x in answers if x), n))
    print("| top-1 article | %s |" % frac("top1"))
    print("| top-3 article | %s |" % frac("top3"))

    print("\n## Failures\n")
    for q, r, ans in zip(questions, results, answers):
        bad = [k for k in ("actor", "actor_art", "speaker", "controller", "top1", "top3")
               if not r[k]]
        if not bad:
            continue
        print("- `%s`: %s" % (q["question"], ", ".join(bad)))
        if "actor" in bad or "actor_art" in bad or "speaker" in bad:
            print("  - want %s %s (parties %s); %s" % (
                ",".join(q["actors"]), q["stance"], ",".join(sorted(r["parties"])),
                "no answer block" if not ans else "%d claims" % len(r["claims"])))
        if "controller" in bad:
            print("  - controller: want %s, got %s" % (q["controller"], r["got_controller"]))
        if a.verbose:
            for c in r["claims"]:
                print("    - " + describe(c))
    return 0


if __name__ == "__main__":
    sys.exit(main())
