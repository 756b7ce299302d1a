#!/usr/bin/env python3
"""bench.py: walens's benchmark (run by tests/perf/bench.sh, `make bench`).

Every walens figure is measured from outside, on a pseudo-terminal of our
own (no human, no tmux): exec to the first complete frame (the footer's last
word has been written), bytes written per keystroke, and each process's peak
RSS (wait4's ru_maxrss).  The time walens spends on one keystroke comes
from WALENS_KEYLOG (see src/tui/loop.c): from the key read to the end of
its doupdate().  The round trip seen from the pty (key written -> last byte
of the redraw read) is printed beside it.

Beside each figure is a baseline measured in the same run on the same file:
the sqlite3 shell running the query that holds the same data, and the
time to parse the lens alone (tests/perf/lensload).

    bench.py WALENS LENSLOAD SMALL_DB LARGE_DB SMALL_N LARGE_N RUNS RUNRSS"""

import os
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import fcntl
import termios

COLS, ROWS = 80, 24
DASH_END = b" back"   # the dashboard footer's last word ("q back")
LIST_END = b" quit"   # the workloads footer's last word ("q quit")
QUIET_S = 0.03        # silence that ends a redraw
# 100 moves around the 6 x 7 matrix: every one moves the cursor.
MOVES = ((b"l" * 6 + b"j" * 5 + b"h" * 6 + b"k" * 5) * 4 + b"l" * 6 + b"j" * 5 + b"h")[:100]


def now():
    return time.monotonic()  # CLOCK_MONOTONIC, the clock runrss reads


RUNRSS = None  # tests/perf/runrss: fork, exec, wait4 (see runrss.c)


def runrss_argv(argv):
    fd, path = tempfile.mkstemp(prefix="walens-rss.")
    os.close(fd)
    return [RUNRSS, path] + argv, path


def runrss_result(path):
    """(T0, peak RSS KiB, wait status) that runrss wrote."""
    with open(path) as f:
        t0, rss, status = f.read().split()
    os.unlink(path)
    return float(t0), int(rss), int(status)


class Pty:
    """A program on a pty of our own, size COLS x ROWS."""

    def __init__(self, argv, env):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        name = os.ttyname(slave)
        actions = [(os.POSIX_SPAWN_CLOSE, 0),
                   (os.POSIX_SPAWN_OPEN, 0, name, os.O_RDWR, 0),
                   (os.POSIX_SPAWN_DUP2, 0, 1), (os.POSIX_SPAWN_DUP2, 0, 2)]
        argv, self.rssfile = runrss_argv(argv)
        self.pid = os.posix_spawn(argv[0], argv, env, file_actions=actions, setsid=True)
        os.close(slave)
        self.t0 = None  # the fork of walens, known once it has ended
        self.out = bytearray()
        self.last = now()  # when the last byte arrived

    def read(self, timeout):
        r, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not r:
            return False
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:
            data = b""
        if not data:
            raise EOFError("walens left: " + self.out[-300:].decode("utf-8", "replace"))
        self.out += data
        self.last = now()
        return True

    def until(self, needle, start, timeout=30.0):
        """Reads until needle shows after offset start; returns the time it arrived."""
        end = now() + timeout
        while self.out.find(needle, start) < 0:
            if now() > end:
                raise TimeoutError("no %r in %r" % (needle, bytes(self.out[-300:])))
            self.read(end - now())
        return self.last

    def quiet(self, secs=QUIET_S):
        while self.read(secs):
            pass

    def key(self, data):
        """Sends one key; returns (seconds to the last byte of the redraw, bytes)."""
        n = len(self.out)
        t = now()
        os.write(self.master, data)
        self.last = t
        self.quiet()
        return self.last - t, len(self.out) - n

    def finish(self, quit_key=b"Q"):
        try:
            os.write(self.master, quit_key)
        except OSError:
            pass
        end = now() + 10
        while now() < end:
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            if pid:
                os.close(self.master)
                self.t0, rss, status = runrss_result(self.rssfile)
                return rss
            try:
                self.read(0.05)
            except EOFError:
                time.sleep(0.01)
        os.kill(self.pid, 9)
        os.wait4(self.pid, 0)
        os.close(self.master)
        raise RuntimeError("walens did not quit")


def run(argv, env=None):
    """Runs argv to its end, output to /dev/null: (seconds, peak RSS in KiB)."""
    full, path = runrss_argv(argv)
    pid = os.posix_spawn(full[0], full, env or os.environ,
                         file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
    os.wait4(pid, 0)
    end = now()
    t0, rss, status = runrss_result(path)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        raise RuntimeError("%s: status %d" % (" ".join(argv), status))
    return end - t0, rss


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


class Bench:
    def __init__(self, walens, lensload, runs):
        self.walens, self.lensload, self.runs = walens, lensload, runs
        self.sqlite3 = shutil.which("sqlite3")
        # xterm-256color: what an SSH client usually says it is.
        self.env = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8", TZ="UTC")
        self.env.pop("NO_COLOR", None)
        self.tmp = tempfile.mkdtemp(prefix="walens-bench.")

    def median(self, fn):
        times, rss = [], []
        for _ in range(self.runs):
            t, r = fn()
            times.append(t)
            rss.append(r)
        return statistics.median(times), max(rss)

    def sql(self, db, query):
        if not self.sqlite3:
            return None
        return self.median(lambda: run([self.sqlite3, "-readonly", db, query]))

    # --- walens on a pty ---

    def first_frame(self, db, args, needle, env=None):
        def once():
            p = Pty([self.walens, "--db", db, "--user", "bench"] + args, env or self.env)
            t = p.until(needle, 0)
            p.quiet()
            rss = p.finish()
            return t - p.t0, rss
        return self.median(once)

    def nav_bytes(self, db, workload, term):
        """Bytes a navigation key costs on another terminal type."""
        p = Pty([self.walens, "--db", db, "--user", "bench", workload],
                dict(self.env, TERM=term))
        p.until(DASH_END, 0)
        p.quiet(0.2)
        total = sum(p.key(bytes([k]))[1] for k in MOVES)
        p.finish()
        return total / len(MOVES)

    def keys(self, db, workload):
        """100 moves on the dashboard, 50 toggles on a question."""
        log = os.path.join(self.tmp, "keylog")
        if os.path.exists(log):
            os.unlink(log)
        env = dict(self.env, WALENS_KEYLOG=log)
        p = Pty([self.walens, "--db", db, "--user", "bench", workload], env)
        p.until(DASH_END, 0)
        p.quiet(0.2)
        with open(log, "a"):
            pass
        start = os.path.getsize(log)
        moves = MOVES
        nav_rt, nav_bytes = [], 0
        for k in moves:
            t, n = p.key(bytes([k]))
            nav_rt.append(t)
            nav_bytes += n
        with open(log) as f:
            f.seek(start)
            nav_in = [int(line.split()[1]) / 1e6 for line in f if line.strip()]
        # Into the cell's first question, toggling its first practice 50 times.
        p.key(b"\r")
        p.key(b"\r")
        start = os.path.getsize(log)
        tog_rt = []
        for _ in range(50):
            t, _ = p.key(b" ")
            tog_rt.append(t)
        with open(log) as f:
            f.seek(start)
            tog_in = [int(line.split()[1]) / 1e6 for line in f if line.strip()]
        # And the workloads list from the dashboard: q leads back to it.
        p.key(b"\x1b")
        p.key(b"\x1b")
        t0 = now()
        os.write(p.master, b"q")
        p.last = t0
        p.until(LIST_END, len(p.out))
        list_t = p.last - t0
        p.quiet()
        rss = p.finish()
        return {"nav_in": nav_in, "nav_rt": nav_rt, "nav_bytes": nav_bytes / len(moves),
                "tog_in": tog_in, "tog_rt": tog_rt, "list_key": list_t, "rss": rss}


def ms(x):
    return "%8.1f ms" % (x * 1000) if x is not None else "%11s" % "-"


def kib(x):
    return "%7.1f MiB" % (x / 1024.0) if x is not None else "%11s" % "-"


def main():
    global RUNRSS
    walens, lensload, small, large, n_small, n_large, runs, RUNRSS = sys.argv[1:9]
    b = Bench(walens, lensload, int(runs))
    dbs = [("small", small, int(n_small)), ("large", large, int(n_large))]
    rows = []  # (name, {db: (value, rss)}, {db: baseline}, unit, budget)

    def add(name, vals, base, fmt, budget=None, check=None):
        rows.append((name, vals, base, fmt, budget, check))

    lens_exec = b.median(lambda: run([lensload]))
    lens_us = float(subprocess.run([lensload, "200"], capture_output=True, text=True,
                                   check=True).stdout) / 1e6
    results = {}
    for label, db, n in dbs:
        wl = "w%04d" % ((n + 1) // 2)
        r = {}
        r["frame"] = b.first_frame(db, [wl], DASH_END)
        r["list"] = b.first_frame(db, [], LIST_END) if n > 1 else (None, None)
        r["status"] = b.median(lambda: run([walens, "--db", db, "status", wl]))
        out = os.path.join(b.tmp, "report.html")
        r["report"] = b.median(lambda: run([walens, "--db", db, "report", wl, "--format", "html",
                                            "-o", out]))
        r["report_size"] = os.path.getsize(out)
        r["keys"] = b.keys(db, wl)
        r["bytes_tmux"] = b.nav_bytes(db, wl, "tmux-256color")
        rv = "(SELECT r.id FROM review r JOIN workload w ON w.id = r.workload_id " \
             "WHERE w.name = '%s' AND r.is_current)" % wl
        answers = "SELECT a.question_id, a.version, a.notes, c.choice_id FROM answer a " \
                  "LEFT JOIN answer_choice c ON c.answer_id = a.id WHERE a.review_id = %s;" % rv
        lens = "SELECT length(l.text) FROM lens l JOIN review r ON r.lens_id = l.id " \
               "WHERE r.id = %s;" % rv
        plan = "SELECT * FROM plan_item WHERE review_id = %s;" % rv
        miles = "SELECT name, snapshot FROM milestone WHERE review_id = %s;" % rv
        r["b_status"] = b.sql(db, lens + answers)
        r["b_frame"] = b.sql(db, lens + answers + plan + miles)
        r["b_report"] = r["b_frame"]
        r["b_list"] = b.sql(db, "SELECT w.name, w.updated_at, count(a.id), max(a.updated_at) "
                                "FROM workload w JOIN review r ON r.workload_id = w.id "
                                "AND r.is_current LEFT JOIN answer a ON a.review_id = r.id "
                                "WHERE NOT w.archived GROUP BY w.id ORDER BY w.name;")
        r["b_check"] = b.sql(db, "PRAGMA quick_check;")
        r["size"] = os.path.getsize(db)
        results[label] = r

    S, L = results["small"], results["large"]
    print()
    print("walens benchmark: %s terminal %dx%d, median of %d runs, %d cores"
          % (os.uname().machine, COLS, ROWS, b.runs, os.cpu_count() or 0))
    print("databases: small %d workloads (%.1f MiB), large %d workloads (%.1f MiB)"
          % (int(n_small), S["size"] / 2**20, int(n_large), L["size"] / 2**20))
    print("lens parse alone (lensload): %.2f ms in process, %.1f ms exec to exit"
          % (lens_us * 1000, lens_exec[0] * 1000))
    print()
    hdr = "%-40s %11s %11s %11s %11s %7s  %-9s %s" % (
        "figure", "small", "large", "sqlite3 sm", "sqlite3 lg", "x base", "budget", "")
    print(hdr)
    print("-" * len(hdr))
    verdicts = []

    def line(name, s, l, bs, bl, budget=None, limit=None, fmt=ms):
        ratio = "%6.1fx" % (l / bl) if (l is not None and bl) else "%7s" % "-"
        ok = ""
        if limit is not None and l is not None:
            ok = "ok" if l <= limit else "MISSED"
            verdicts.append((name, ok))
        print("%-40s %s %s %s %s %s  %-9s %s" % (name, fmt(s), fmt(l), fmt(bs), fmt(bl), ratio,
                                                 budget or "", ok))

    def t(x):
        return x[0] if x and x[0] is not None else None

    line("first frame, dashboard", t(S["frame"]), t(L["frame"]), t(S["b_frame"]),
         t(L["b_frame"]), "< 50 ms", 0.050)
    line("first frame, workloads list", t(S["list"]), t(L["list"]), t(S["b_list"]),
         t(L["b_list"]))
    line("q: dashboard -> workloads list", S["keys"]["list_key"], L["keys"]["list_key"],
         None, t(L["b_list"]))
    line("walens status", t(S["status"]), t(L["status"]), t(S["b_status"]), t(L["b_status"]))
    line("walens report --format html", t(S["report"]), t(L["report"]), t(S["b_report"]),
         t(L["b_report"]))
    line("  (baseline: PRAGMA quick_check)", None, None, t(S["b_check"]), t(L["b_check"]))
    for key, name in (("nav", "navigation key"), ("tog", "choice toggle (a write)")):
        for p in (50, 99):
            line("%s p%d, in walens" % (name, p), pct(S["keys"][key + "_in"], p),
                 pct(L["keys"][key + "_in"], p), None, None,
                 "< 2 ms" if p == 99 else None, 0.002 if p == 99 else None)
        for p in (50, 99):
            line("%s p%d, pty round trip" % (name, p), pct(S["keys"][key + "_rt"], p),
                 pct(L["keys"][key + "_rt"], p), None, None)

    def byt(x):
        return "%8.0f B " % x if x is not None else "%11s" % "-"

    line("bytes per navigation key (100)", S["keys"]["nav_bytes"], L["keys"]["nav_bytes"],
         None, None, "< 300 B", 300, fmt=byt)
    line("  the same, TERM=tmux-256color", S["bytes_tmux"], L["bytes_tmux"], None, None,
         fmt=byt)
    print()
    print("%-40s %11s %11s %11s %11s" % ("peak RSS", "small", "large", "sqlite3 sm", "sqlite3 lg"))

    def rss(name, s, l, bs=None, bl=None, budget=True):
        ok = ""
        if budget:
            ok = "ok" if l <= 16 * 1024 else "MISSED"
            verdicts.append(("RSS " + name, ok))
        print("%-40s %s %s %s %s  %-9s %s" % (name, kib(s), kib(l), kib(bs), kib(bl),
                                              "< 16 MiB" if budget else "", ok))

    rss("TUI, first frame", S["frame"][1], L["frame"][1], S["b_frame"] and S["b_frame"][1],
        L["b_frame"] and L["b_frame"][1])
    if L["list"][1]:
        rss("TUI, workloads list", S["list"][1] or S["keys"]["rss"], L["list"][1],
            S["b_list"] and S["b_list"][1], L["b_list"] and L["b_list"][1])
    rss("TUI, after the keystrokes", S["keys"]["rss"], L["keys"]["rss"])
    rss("walens status", S["status"][1], L["status"][1], S["b_status"] and S["b_status"][1],
        L["b_status"] and L["b_status"][1])
    rss("walens report --format html", S["report"][1], L["report"][1],
        S["b_report"] and S["b_report"][1], L["b_report"] and L["b_report"][1])
    rss("lensload (parse only)", lens_exec[1], lens_exec[1], budget=False)
    print()
    missed = [n for n, v in verdicts if v != "ok"]
    print("budgets: %d met, %d missed%s" % (len(verdicts) - len(missed), len(missed),
                                             (": " + "; ".join(missed)) if missed else ""))
    shutil.rmtree(b.tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
