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

    bench.py WALENS LENSLOAD SMALL_DB LARGE_DB SMALL_N LARGE_N RUNS RUNRSS [HUGE_DB HUGE_N]

The third database (HUGE, 10,000 workloads) is measured in place: it is
too big to copy for every run.  Its keystroke test toggles a practice an
even number of times, so the answer ends as it began (its history gains
the toggles).  Where the large and the huge figures are both given, the
"10k/1k" column is the one over the other: a figure that does not grow
with the number of workloads stays near 1.0."""

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


CPU = {}  # label -> CPU seconds of each run (runrss), for the CPU lines


def runrss_result(path):
    """(T0, peak RSS KiB, wait status) that runrss wrote; its CPU time goes
    to CPU[CPU_LABEL]."""
    with open(path) as f:
        t0, rss, status, cpu = f.read().split()
    os.unlink(path)
    CPU.setdefault(CPU_LABEL[0], []).append(float(cpu))
    return float(t0), int(rss), int(status)


CPU_LABEL = [""]


def cpu_of(label):
    v = CPU.get(label)
    return statistics.median(v) if v else None


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

    def back(self, db):
        """q from a dashboard opened from the list back to that list (read
        before: only the row left is read again)."""
        def once():
            p = Pty([self.walens, "--db", db, "--user", "bench"], self.env)
            p.until(LIST_END, 0)
            p.quiet(0.3)
            p.key(b"\r")
            p.until(DASH_END, 0)
            p.quiet(0.3)
            n = len(p.out)
            t0 = now()
            os.write(p.master, b"q")
            p.last = t0
            p.until(LIST_END, n)
            t = p.last - t0
            p.quiet()
            return t, p.finish()
        return self.median(once)

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


# What the workloads list reads (Store_listWorkloadRows in
# src/store/store_count.c): every workload with its current review's kept
# counts and newest change (kept on the review row since schema step 10).
LIST_SQL = ("SELECT w.name, w.description, w.environment, w.owner, w.created_at, w.updated_at,"
            " w.updated_by, w.archived, r.id, r.lens_id, c.answers_gen = r.answers_gen,"
            " c.questions, c.answered, c.high, c.medium, r.last_at, r.last_by"
            " FROM workload w JOIN review r ON r.workload_id = w.id AND r.is_current"
            " LEFT JOIN review_count c ON c.review_id = r.id"
            " WHERE NOT w.archived ORDER BY w.name;")


def has_report_all(walens):
    """Whether this walens has the consolidated report (`report --all`)."""
    r = subprocess.run([walens, "report", "--help"], capture_output=True, text=True)
    return "--all" in r.stdout


def measure(b, walens, label, db, n, report_all):
    wl = "w%04d" % ((n + 1) // 2)
    r = {}
    CPU_LABEL[0] = label + " frame"
    r["frame"] = b.first_frame(db, [wl], DASH_END)
    CPU_LABEL[0] = label + " list"
    r["list"] = b.first_frame(db, [], LIST_END) if n > 1 else (None, None)
    CPU_LABEL[0] = label + " sql list"
    r["b_list_cpu"] = b.sql(db, LIST_SQL)
    CPU_LABEL[0] = label + " status"
    r["status"] = b.median(lambda: run([walens, "--db", db, "status", wl]))
    out = os.path.join(b.tmp, "report.html")
    CPU_LABEL[0] = label + " report"
    r["report"] = b.median(lambda: run([walens, "--db", db, "report", wl, "--format", "html",
                                        "-o", out, "--force"]))
    r["report_size"] = os.path.getsize(out)
    r["all"] = (None, None)
    if report_all:
        CPU_LABEL[0] = label + " all"
        out_all = os.path.join(b.tmp, "all.txt")
        r["all"] = b.median(lambda: run([walens, "--db", db, "report", "--all", "--format",
                                         "text", "-o", out_all, "--force"]))
    CPU_LABEL[0] = label + " back"
    r["back"] = b.back(db) if n > 1 else (None, None)
    CPU_LABEL[0] = label + " other"
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
    r["b_list"] = b.sql(db, LIST_SQL)
    # A full read of the file: seconds at 7 GB, so only where it is small.
    r["b_check"] = b.sql(db, "PRAGMA quick_check;") if n <= 1000 else (None, None)
    r["size"] = os.path.getsize(db)
    print("bench: %s measured" % label, file=sys.stderr)
    return r


def main():
    global RUNRSS
    walens, lensload, small, large, n_small, n_large, runs, RUNRSS = sys.argv[1:9]
    huge, n_huge = (sys.argv[9], int(sys.argv[10])) if len(sys.argv) > 10 else (None, 0)
    b = Bench(walens, lensload, int(runs))
    report_all = has_report_all(walens)
    lens_exec = b.median(lambda: run([lensload]))
    lens_us = float(subprocess.run([lensload, "200"], capture_output=True, text=True,
                                   check=True).stdout) / 1e6
    S = measure(b, walens, "small", small, int(n_small), report_all)
    L = measure(b, walens, "large", large, int(n_large), report_all)
    H = measure(b, walens, "huge", huge, n_huge, report_all) if huge else None
    E = {"frame": (None, None), "list": (None, None), "back": (None, None),
         "status": (None, None),
         "report": (None, None), "all": (None, None), "b_list": None, "b_frame": None,
         "b_status": None, "b_report": None, "b_check": None, "bytes_tmux": None,
         "keys": {"nav_in": [], "nav_rt": [], "tog_in": [], "tog_rt": [], "nav_bytes": None,
                  "list_key": None, "rss": None}, "size": 0}
    H = H or E

    print()
    print("walens benchmark: %s terminal %dx%d, median of %d runs, %d cores"
          % (os.uname().machine, COLS, ROWS, b.runs, os.cpu_count() or 0))
    print("databases: small %d workloads (%.1f MiB), large %d (%.1f MiB), huge %d (%.1f MiB)"
          % (int(n_small), S["size"] / 2**20, int(n_large), L["size"] / 2**20, n_huge,
             H["size"] / 2**20))
    print("lens parse alone (lensload): %.2f ms in process, %.1f ms exec to exit"
          % (lens_us * 1000, lens_exec[0] * 1000))
    if not report_all:
        print("(this walens has no `report --all`: the consolidated report is not measured)")
    print()
    hdr = "%-36s %11s %11s %11s %11s %11s %6s %6s  %-9s %s" % (
        "figure", "small", "large", "huge", "sqlite3 lg", "sqlite3 hg", "x base", "10k/1k",
        "budget", "")
    print(hdr)
    print("-" * len(hdr))
    verdicts = []

    def line(name, s, l, h, bl, bh, budget=None, limit=None, fmt=ms, ratio_limit=None):
        top = h if h is not None else l
        base = bh if h is not None else bl
        ratio = "%5.1fx" % (top / base) if (top is not None and base) else "%6s" % "-"
        flat = "%5.2f " % (h / l) if (h is not None and l) else "%6s" % "-"
        ok = ""
        if limit is not None and top is not None:
            ok = "ok" if top <= limit else "MISSED"
            if ratio_limit is not None and base:
                ok = ok if top / base <= ratio_limit else "MISSED"
            verdicts.append((name, ok))
        print("%-36s %s %s %s %s %s %s %s  %-9s %s" % (name, fmt(s), fmt(l), fmt(h), fmt(bl),
                                                        fmt(bh), ratio, flat, budget or "", ok))

    def t(x):
        return x[0] if x and x[0] is not None else None

    line("first frame, dashboard", t(S["frame"]), t(L["frame"]), t(H["frame"]), t(L["b_frame"]),
         t(H["b_frame"]), "< 50 ms", 0.050)
    line("first frame, workloads list", t(S["list"]), t(L["list"]), t(H["list"]),
         t(L["b_list"]), t(H["b_list"]), "<100ms,2x", 0.100, ratio_limit=2.0)
    line("q: dashboard -> workloads list", S["keys"]["list_key"], L["keys"]["list_key"],
         H["keys"]["list_key"], t(L["b_list"]), t(H["b_list"]))
    line("q: dashboard -> the list read before", t(S["back"]), t(L["back"]), t(H["back"]),
         None, None)
    line("walens status", t(S["status"]), t(L["status"]), t(H["status"]), t(L["b_status"]),
         t(H["b_status"]))
    line("walens report --format html", t(S["report"]), t(L["report"]), t(H["report"]),
         t(L["b_report"]), t(H["b_report"]))
    if report_all:
        line("walens report --all", t(S["all"]), t(L["all"]), t(H["all"]), None, None, "< 1 s",
             1.0)
    line("  CPU: first frame, dashboard", cpu_of("small frame"), cpu_of("large frame"),
         cpu_of("huge frame"), None, None)
    line("  CPU: first frame, workloads list", cpu_of("small list"), cpu_of("large list"),
         cpu_of("huge list"), cpu_of("large sql list"), cpu_of("huge sql list"))
    line("  CPU: walens status", cpu_of("small status"), cpu_of("large status"),
         cpu_of("huge status"), None, None)
    line("  CPU: walens report --format html", cpu_of("small report"), cpu_of("large report"),
         cpu_of("huge report"), None, None)
    if report_all:
        line("  CPU: walens report --all", cpu_of("small all"), cpu_of("large all"),
             cpu_of("huge all"), None, None)
    line("  (baseline: PRAGMA quick_check)", t(S["b_check"]), t(L["b_check"]), None, None, None)
    for key, name in (("nav", "navigation key"), ("tog", "choice toggle (a write)")):
        for p in (50, 99):
            def pc(d):
                return pct(d["keys"][key + "_in"], p) if d["keys"][key + "_in"] else None
            line("%s p%d, in walens" % (name, p), pc(S), pc(L), pc(H), None, None,
                 "< 2 ms" if p == 99 else None, 0.002 if p == 99 else None)
        for p in (50, 99):
            def pr(d):
                return pct(d["keys"][key + "_rt"], p) if d["keys"][key + "_rt"] else None
            line("%s p%d, pty round trip" % (name, p), pr(S), pr(L), pr(H), None, None)

    def byt(x):
        return "%8.0f B " % x if x is not None else "%11s" % "-"

    line("bytes per navigation key (100)", S["keys"]["nav_bytes"], L["keys"]["nav_bytes"],
         H["keys"]["nav_bytes"], None, None, "< 300 B", 300, fmt=byt)
    line("  the same, TERM=tmux-256color", S["bytes_tmux"], L["bytes_tmux"], H["bytes_tmux"],
         None, None, fmt=byt)
    print()
    print("%-36s %11s %11s %11s %11s %11s" % ("peak RSS", "small", "large", "huge", "sqlite3 lg",
                                              "sqlite3 hg"))

    def second(x):
        return x[1] if x else None

    def rss(name, s, l, h, bl=None, bh=None, budget=True):
        ok = ""
        top = h if h is not None else l
        if budget and top is not None:
            ok = "ok" if top <= 16 * 1024 else "MISSED"
            verdicts.append(("RSS " + name, ok))
        print("%-36s %s %s %s %s %s  %-9s %s" % (name, kib(s), kib(l), kib(h), kib(bl), kib(bh),
                                                 "< 16 MiB" if budget else "", ok))

    rss("TUI, first frame", S["frame"][1], L["frame"][1], H["frame"][1], second(L["b_frame"]),
        second(H["b_frame"]))
    rss("TUI, workloads list", S["list"][1] or S["keys"]["rss"], L["list"][1], H["list"][1],
        second(L["b_list"]), second(H["b_list"]))
    rss("TUI, list, a dashboard, the list", S["back"][1], L["back"][1], H["back"][1])
    rss("TUI, after the keystrokes", S["keys"]["rss"], L["keys"]["rss"], H["keys"]["rss"])
    rss("walens status", S["status"][1], L["status"][1], H["status"][1], second(L["b_status"]),
        second(H["b_status"]))
    rss("walens report --format html", S["report"][1], L["report"][1], H["report"][1],
        second(L["b_report"]), second(H["b_report"]))
    if report_all:
        rss("walens report --all", S["all"][1], L["all"][1], H["all"][1], budget=False)
    rss("lensload (parse only)", lens_exec[1], lens_exec[1], None, budget=False)
    print()
    missed = [n for n, v in verdicts if v != "ok"]
    print("budgets: %d met, %d missed%s" % (len(verdicts) - len(missed), len(missed),
                                             (": " + "; ".join(missed)) if missed else ""))
    shutil.rmtree(b.tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
