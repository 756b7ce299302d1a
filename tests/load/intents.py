#!/usr/bin/env python3
"""intents.py: 30 reviewers making intent writes on the same five questions.

    intents.py WALENS DB LENS_YAML SECONDS

Each of 30 clients owns one practice of one of the five questions with the
most practices (spread over them as their practices allow) and toggles it for SECONDS with
`walens answer W Q --select C` / `--unselect C`: the TUI's writes, as
intents made against what the client last saw.  No two clients change the
same practice, so nothing may be refused.  Checks (one "ok"/"not ok" line
each): no command failed or printed anything on stderr (no busy error, no
clash); every acknowledged toggle is in the history once, by its client;
each practice ends as its owner last set it.  Then prints the latency
p50/p99 of one write and the refusals by cause."""

import collections
import json
import os
import re
import subprocess
import sys
import threading
import time


def questions(path, n=5, per=14):
    by_q = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*- id: ([A-Z]+[0-9]+)_(BP[0-9]+)\s*$", line)
            if m:
                by_q.setdefault(m.group(1), []).append(m.group(1) + "_" + m.group(2))
    best = sorted(by_q.items(), key=lambda kv: -len(kv[1]))[:n]
    return [(q, cs[:per]) for q, cs in best]


class Client(threading.Thread):
    def __init__(self, walens, db, user, q, c, deadline):
        super().__init__()
        self.walens, self.db, self.user, self.q, self.c = walens, db, user, q, c
        self.deadline = deadline
        self.log = []  # (on, rc, stderr, seconds)

    def run(self):
        env = dict(os.environ, LC_ALL="C.UTF-8")
        env.pop("WALENS_NOW", None)
        on = True
        while time.monotonic() < self.deadline:
            flag = "--select" if on else "--unselect"
            t0 = time.monotonic()
            p = subprocess.run([self.walens, "--db", self.db, "--user", self.user, "answer",
                                "workshop", self.q, flag, self.c],
                               capture_output=True, text=True, env=env)
            self.log.append((on, p.returncode, p.stderr, time.monotonic() - t0))
            on = not on


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))] if v else 0.0


def main():
    walens, db, lens, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    qs = questions(lens)
    deadline = time.monotonic() + seconds
    # 30 distinct (question, practice) pairs, round robin over the five
    # questions while each has a practice left.
    pairs, used = [], [0] * len(qs)
    while len(pairs) < 30:
        for k, (q, cs) in enumerate(qs):
            if used[k] < len(cs) and len(pairs) < 30:
                pairs.append((q, cs[used[k]]))
                used[k] += 1
    clients = [Client(walens, db, "r%02d" % i, q, c, deadline) for i, (q, c) in enumerate(pairs)]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    failed = [(c.user, rc, err.strip()) for c in clients for (_, rc, err, _) in c.log
              if rc != 0 or err.strip()]
    causes = collections.Counter()
    for _, rc, err in failed:
        cause = ("busy" if "locked" in err or "busy" in err else
                 "clash" if "changed meanwhile" in err else "other")
        causes[cause] += 1
    total = sum(len(c.log) for c in clients)
    res = []
    res.append(("no write refused or failed (%d writes)" % total, not failed,
                ["%s exit %d: %s" % f for f in failed[:10]]))
    hist = json.loads(subprocess.run([walens, "--db", db, "history", "workshop", "--format", "json"],
                                     capture_output=True, text=True, check=True).stdout)["history"]
    by_user = collections.Counter(h["user"] for h in hist if h["kind"] == "answer")
    lost = [(c.user, sum(1 for e in c.log if e[1] == 0), by_user[c.user]) for c in clients
            if sum(1 for e in c.log if e[1] == 0) != by_user[c.user]]
    res.append(("every acknowledged toggle is in the history once", not lost,
                ["%s: %d acknowledged, %d in the history" % l for l in lost[:10]]))
    status = json.loads(subprocess.run([walens, "--db", db, "status", "workshop", "--format", "json"],
                                       capture_output=True, text=True, check=True).stdout)
    sel = {}
    for q in status["questions"]:
        sel[q["id"]] = set(q.get("selected") or [])
    wrong = []
    for c in clients:
        acked = [e[0] for e in c.log if e[1] == 0]
        if acked and (c.c in sel.get(c.q, set())) != acked[-1]:
            wrong.append("%s %s %s: last set %s" % (c.user, c.q, c.c, acked[-1]))
    res.append(("each practice ends as its owner last set it", not wrong, wrong[:10]))
    for name, ok, details in res:
        print(("ok - " if ok else "not ok - ") + name)
        for d in details:
            print("# " + d)
    lat = [e[3] for c in clients for e in c.log]
    print("latency of one intent write (30 clients, 5 questions): p50 %.0f ms, p99 %.0f ms, %d writes"
          % (pct(lat, 50) * 1000, pct(lat, 99) * 1000, total))
    print("refusals by cause: busy %d, clash %d, other %d" % (causes["busy"], causes["clash"],
                                                               causes["other"]))
    return 0 if all(ok for _, ok, _ in res) else 1


if __name__ == "__main__":
    sys.exit(main())
