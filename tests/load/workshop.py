#!/usr/bin/env python3
"""workshop.py: the writers of the workshop load test (run by workshop.sh).

    workshop.py WALENS DB LENS_YAML SECONDS ANSWER_WRITERS PLAN_WRITERS RESULTS

ANSWER_WRITERS reviewers each run `walens answer W Q --select C --notes
TOKEN` in a loop for SECONDS, on two workloads, picking questions and
practices at random (so several of them often change the same question at
once); PLAN_WRITERS each run `walens plan set vision Q C --note TOKEN` on
ten plan items of their own.  Every command's exit status, stderr and wall
time are kept.  Afterwards it checks, and writes one "ok - NAME" or
"not ok - NAME" line a check (details on "# " lines after it) to RESULTS:

  - every command exited 0 with nothing on stderr (no user saw an error,
    "database is locked" or any other);
  - every acknowledged change (exit 0) is in the history, exactly once,
    by the user who made it;
  - the final state holds every acknowledged change: each practice a
    writer selected is selected (writers only select, so none may be
    missing), each question's notes are those of its last history entry,
    each plan item's note is its owner's last acknowledged one.

Then it prints the latency lines (p50/p99 of one command's wall time)."""

import json
import os
import random
import re
import subprocess
import sys
import threading
import time

WORKLOADS = ("vision", "forecast")


def lens_pairs(path):
    """(question, choice) for every practice of the lens, "None of these" left out."""
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*- id: ([A-Z]+[0-9]+)_(BP[0-9]+)\s*$", line)
            if m:
                pairs.append((m.group(1), m.group(1) + "_" + m.group(2)))
    return pairs


class Writer(threading.Thread):
    def __init__(self, walens, db, user, jobs, deadline):
        super().__init__()
        self.walens, self.db, self.user = walens, db, user
        self.jobs, self.deadline = jobs, deadline
        self.log = []  # (argv-ish key, rc, stderr, seconds)

    def run(self):
        env = dict(os.environ, LC_ALL="C.UTF-8")
        env.pop("WALENS_NOW", None)  # real time stamps: the history is ordered by id anyway
        n = 0
        while time.monotonic() < self.deadline:
            key, args = self.jobs(n)
            n += 1
            argv = [self.walens, "--db", self.db, "--user", self.user] + args
            t = time.monotonic()
            p = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True)
            self.log.append((key, p.returncode, p.stderr.decode("utf-8", "replace"),
                             time.monotonic() - t))


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))] if v else 0.0


def main():
    walens, db, lens, secs, n_ans, n_plan, results = sys.argv[1:8]
    secs, n_ans, n_plan = float(secs), int(n_ans), int(n_plan)
    pairs = lens_pairs(lens)
    deadline = time.monotonic() + secs
    writers = []
    for i in range(n_ans):
        rng = random.Random(1000 + i)
        user = "rev%02d" % i

        def job(n, rng=rng, i=i):
            w = rng.choice(WORKLOADS)
            q, c = rng.choice(pairs)
            tok = "a%02d-%04d" % (i, n)
            return ("answer", w, q, c, tok), ["answer", w, q, "--select", c, "--notes", tok]
        writers.append(Writer(walens, db, user, job, deadline))
    for j in range(n_plan):
        rng = random.Random(2000 + j)
        items = pairs[j::n_plan][:10]
        user = "lead%d" % j

        def job(n, rng=rng, j=j, items=items, user=user):
            q, c = rng.choice(items)
            tok = "p%d-%04d" % (j, n)
            return ("plan", "vision", q, c, tok), ["plan", "set", "vision", q, c, "--note", tok,
                                                  "--owner", user]
        writers.append(Writer(walens, db, user, job, deadline))
    t0 = time.monotonic()
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    elapsed = time.monotonic() - t0

    out = open(results, "w", encoding="utf-8")

    def check(name, problems):
        if problems:
            out.write("not ok - %s\n" % name)
            for p in problems[:8]:
                out.write("# %s\n" % p.replace("\n", "\n# "))
            if len(problems) > 8:
                out.write("# ... and %d more\n" % (len(problems) - 8))
        else:
            out.write("ok - %s\n" % name)

    cmds = [(w.user, e) for w in writers for e in w.log]
    acked = [(u, e[0]) for u, e in cmds if e[1] == 0]
    check("%d commands by %d writers, every one exited 0" % (len(cmds), len(writers)),
          ["%s %s: exit %d: %s" % (u, " ".join(e[0][:4]), e[1], e[2].strip())
           for u, e in cmds if e[1] != 0])
    check("no error or warning on any writer's stderr",
          ["%s %s: %s" % (u, " ".join(e[0][:4]), e[2].strip()) for u, e in cmds if e[2].strip()])
    check("no writer was told the database was busy or locked",
          ["%s: %s" % (u, e[2].strip()) for u, e in cmds
           if re.search(r"locked|busy", e[2], re.I)])

    def run_json(args):
        p = subprocess.run([walens, "--db", db] + args, capture_output=True, check=True)
        return json.loads(p.stdout)

    history, status, plan = {}, {}, {}
    for w in WORKLOADS:
        history[w] = run_json(["history", w, "--format", "json"])["history"]
        status[w] = {q["id"]: q for q in run_json(["status", w, "--format", "json"])["questions"]}
    plan = {(i["question"], i["choice"]): i
            for i in run_json(["plan", "vision", "--format", "json"])["items"]}

    # Every acknowledged token: in the history once, by its writer.
    seen = {}
    for w in WORKLOADS:
        for h in history[w]:
            after = h.get("after") or {}
            before = h.get("before") or {}
            key = "notes" if h["kind"] == "answer" else "note"
            tok = after.get(key)
            # An intent write (issue 12) that changed only the practices
            # carries the notes it found; the change is the entry that set them.
            if before.get(key) == tok:
                continue
            if isinstance(tok, str):
                seen.setdefault(tok, []).append((w, h["kind"], h["object"], h["user"]))
    problems = []
    for user, (kind, w, q, c, tok) in acked:
        got = seen.get(tok, [])
        obj = q if kind == "answer" else q + "/" + c
        if got != [(w, kind, obj, user)]:
            problems.append("%s by %s on %s %s: history has %r" % (tok, user, w, obj, got))
    check("all %d acknowledged changes are in the history, once each, by their writer"
          % len(acked), problems)

    # The final state.
    problems = []
    for user, (kind, w, q, c, tok) in acked:
        if kind == "answer" and c not in status[w][q]["selected"]:
            problems.append("%s selected %s in %s (%s), now: %s"
                            % (user, c, w, tok, status[w][q]["selected"]))
    check("every practice a writer selected is selected", problems)
    problems = []
    for w in WORKLOADS:
        last = {}
        for h in history[w]:
            if h["kind"] == "answer":
                last[h["object"]] = (h.get("after") or {}).get("notes")
        for q, notes in last.items():
            if status[w][q]["notes"] != notes:
                problems.append("%s %s: notes %r, the last change wrote %r"
                                % (w, q, status[w][q]["notes"], notes))
    check("every question's notes are those of its last change", problems)
    problems, last = [], {}
    for user, (kind, w, q, c, tok) in acked:
        if kind == "plan":
            last[(q, c)] = (tok, user)
    for (q, c), (tok, user) in last.items():
        item = plan.get((q, c))
        if not item or item.get("note") != tok or item.get("owner") != user:
            problems.append("%s/%s: want note %s by %s, have %r" % (q, c, tok, user,
                            item and (item.get("note"), item.get("owner"))))
    check("every plan item holds its owner's last note (%d items)" % len(last), problems)
    out.close()

    for kind in ("answer", "plan"):
        t = [e[3] for u, e in cmds if e[0][0] == kind and e[1] == 0]
        print("latency %s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d commands, %.1f a second)"
              % (kind, pct(t, 50) * 1000, pct(t, 99) * 1000, max(t or [0]) * 1000, len(t),
                 len(t) / elapsed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
