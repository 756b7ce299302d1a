#!/usr/bin/env python3
"""ptyrun.py: runs a program on a pseudo-terminal of our own and keeps every
byte it writes to the terminal, so that a test can check the byte stream
itself (what tmux's screen would hide: a title set, a clipboard write, a
status request, a raw C1 control).

    ptyrun.py [--cols N] [--rows N] [--timeout S] --out FILE --script FILE -- ARGV...

The script has one step a line:
    wait TEXT      read until TEXT (UTF-8, Python escapes allowed) has been
                   written since the previous wait; fails after --timeout
    quiet MS       read until the program has been silent for MS ms
    send TEXT      write TEXT (Python escapes: \\x1b, \\r, \\xff ...) as bytes
    resize C R     set the window size and send SIGWINCH (TIOCSWINSZ does)
    storm N        N resizes as fast as they go, alternating sizes
    hangup         close our side of the terminal: the program gets SIGHUP
    sleep S        sleep S seconds, reading meanwhile
    # ...          a comment
At the end (or after hangup) it waits up to --timeout for the program to
exit and prints "exit N" (or "signal N", or "running" after killing it).
A failed wait prints "timeout waiting for TEXT" and exits 1.  The whole
output is written to --out."""

import codecs
import os
import select
import signal
import struct
import sys
import termios
import time
import fcntl


def winsize(fd, cols, rows):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def unescape(text):
    return codecs.escape_decode(text.encode("utf-8"))[0]


class Pty:
    def __init__(self, argv, cols, rows, env=None):
        self.master, slave = os.openpty()
        winsize(slave, cols, rows)
        name = os.ttyname(slave)
        # setsid, then open the terminal: it becomes the controlling one.
        actions = [(os.POSIX_SPAWN_CLOSE, 0),
                   (os.POSIX_SPAWN_OPEN, 0, name, os.O_RDWR, 0),
                   (os.POSIX_SPAWN_DUP2, 0, 1), (os.POSIX_SPAWN_DUP2, 0, 2)]
        self.pid = os.posix_spawnp(argv[0], argv, env if env is not None else os.environ,
                                   file_actions=actions, setsid=True)
        os.close(slave)
        self.out = bytearray()
        self.mark = 0
        self.status = None
        self.rusage = None

    def read(self, timeout):
        """Reads what is there within timeout seconds; False at EOF."""
        if self.master < 0:
            return False
        r, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not r:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the program closed the terminal
            return False
        if not data:
            return False
        self.out += data
        return True

    def wait_for(self, needle, timeout):
        end = time.monotonic() + timeout
        while needle not in self.out[self.mark:]:
            left = end - time.monotonic()
            if left <= 0 or not self.read(left):
                return needle in self.out[self.mark:]
        self.mark = self.out.index(needle, self.mark) + len(needle)
        return True

    def quiet(self, ms, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            n = len(self.out)
            if not self.read(ms / 1000.0):
                return
            if len(self.out) == n:
                return

    def send(self, data):
        os.write(self.master, data)

    def resize(self, cols, rows):
        winsize(self.master, cols, rows)

    def hangup(self):
        os.close(self.master)
        self.master = -1

    def finish(self, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            pid, status, ru = os.wait4(self.pid, os.WNOHANG)
            if pid:
                self.status, self.rusage = status, ru
                break
            if self.master >= 0:
                if not self.read(0.05):
                    os.close(self.master)
                    self.master = -1
            else:
                time.sleep(0.02)
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            _, self.status, self.rusage = os.wait4(self.pid, 0)
            return "running"
        if self.master >= 0:
            while self.read(0.05):
                pass
            os.close(self.master)
            self.master = -1
        if os.WIFSIGNALED(self.status):
            return "signal %d" % os.WTERMSIG(self.status)
        return "exit %d" % os.WEXITSTATUS(self.status)


def main():
    args = sys.argv[1:]
    cols, rows, timeout, out, script = 80, 24, 10.0, None, None
    while args and args[0] != "--":
        opt, val = args[0], args[1]
        args = args[2:]
        if opt == "--cols":
            cols = int(val)
        elif opt == "--rows":
            rows = int(val)
        elif opt == "--timeout":
            timeout = float(val)
        elif opt == "--out":
            out = val
        elif opt == "--script":
            script = val
        else:
            sys.exit("ptyrun: unknown option " + opt)
    argv = args[1:]
    if not argv or not out or not script:
        sys.exit(__doc__)
    p = Pty(argv, cols, rows)
    ok = True
    size = (cols, rows)
    with open(script, encoding="utf-8") as f:
        steps = [line.rstrip("\n") for line in f]
    for step in steps:
        word, _, arg = step.strip().partition(" ")
        if not word or word.startswith("#"):
            continue
        if word == "wait":
            if not p.wait_for(unescape(arg), timeout):
                print("timeout waiting for " + arg)
                ok = False
                break
        elif word == "quiet":
            p.quiet(float(arg), timeout)
        elif word == "send":
            p.send(unescape(arg))
        elif word == "resize":
            c, r = arg.split()
            size = (int(c), int(r))
            p.resize(*size)
        elif word == "storm":
            sizes = [(60, 16), (120, 40), (20, 5), (200, 60), (80, 24), (1, 1)]
            for i in range(int(arg)):
                p.resize(*sizes[i % len(sizes)])
                p.read(0)
            p.resize(*size)
        elif word == "hangup":
            p.hangup()
            break
        elif word == "sleep":
            end = time.monotonic() + float(arg)
            while time.monotonic() < end and p.read(end - time.monotonic()):
                pass
        else:
            sys.exit("ptyrun: unknown step " + word)
    print(p.finish(timeout))
    with open(out, "wb") as f:
        f.write(p.out)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
