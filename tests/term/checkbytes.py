#!/usr/bin/env python3
"""checkbytes.py: is this what a terminal program may write, and nothing more?

    checkbytes.py utf8|ascii|latin1 FILE

Reads the bytes walens wrote to its terminal (tests/term/ptyrun.py --out)
and prints one line per problem; exits 1 when there is any.  Checked:

  - escape sequences: only the kinds curses draws with (CSI with a final
    byte that moves, erases, sets modes or attributes; charset designation;
    keypad modes; save/restore cursor).  Never OSC (titles, clipboard,
    hyperlinks), DCS, SOS/PM/APC, a status or attribute request (CSI n,
    CSI c), a reset (ESC c), blinking text, or a cursor move to row 99
    (which only the hostile lens asks for);
  - text: utf8, valid UTF-8 with no C1 control (U+0080..U+009F) and no bidi
    override, embedding or isolate; ascii, 7-bit only; latin1, no byte
    0x80..0x9F (the C1 controls of ISO 8859-1);
  - no BEL and no raw control bytes but those curses uses (BS, TAB, LF, CR,
    SO, SI, ESC)."""

import re
import sys

BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}
CONTROLS_OK = {0x08, 0x09, 0x0A, 0x0D, 0x0E, 0x0F, 0x1B}
# CSI finals that are requests or resets, never drawing.
CSI_DENY = set("ncxyw{|}~")


def escapes(data, problems):
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b != 0x1B:
            if b < 0x20 and b not in CONTROLS_OK:
                problems.append("control byte 0x%02x at %d" % (b, i))
            elif b == 0x7F:
                problems.append("DEL at %d" % i)
            i += 1
            continue
        if i + 1 >= n:
            problems.append("a lone ESC at the end")
            break
        c = chr(data[i + 1])
        ctx = data[max(0, i - 20):i + 30]
        if c == "[":
            m = re.match(rb"\x1b\[([0-?]*)([ -/]*)([@-~])", data[i:i + 64])
            if not m:
                problems.append("malformed CSI at %d: %r" % (i, ctx))
                i += 2
                continue
            params, inter, final = (m.group(1).decode(), m.group(2).decode(),
                                    m.group(3).decode())
            if final in CSI_DENY or (inter and final in "pq"):
                problems.append("a request or reset CSI %s%s%s at %d: %r"
                                % (params, inter, final, i, ctx))
            if final == "m" and "5" in params.split(";"):
                problems.append("blinking text (CSI 5m) at %d: %r" % (i, ctx))
            if final in "Hf" and params.startswith("99;"):
                problems.append("the lens's cursor move (CSI 99;..H) at %d: %r" % (i, ctx))
            i += m.end()
        elif c in "()*+":
            i += 3
        elif c in "78=>MDEH":
            i += 2
        else:
            kind = {"]": "OSC", "P": "DCS", "X": "SOS", "^": "PM", "_": "APC",
                    "c": "a reset (RIS)"}.get(c, "ESC %r" % c)
            problems.append("%s at %d: %r" % (kind, i, ctx))
            i += 2


def text(data, mode, problems):
    if mode == "ascii":
        high = [i for i, b in enumerate(data) if b >= 0x80]
        if high:
            problems.append("%d bytes above 0x7f, the first at %d: %r"
                            % (len(high), high[0], data[max(0, high[0] - 20):high[0] + 20]))
        return
    if mode == "latin1":
        c1 = [i for i, b in enumerate(data) if 0x80 <= b <= 0x9F]
        if c1:
            problems.append("%d C1 bytes (0x80..0x9f), the first at %d: %r"
                            % (len(c1), c1[0], data[max(0, c1[0] - 20):c1[0] + 20]))
        return
    try:
        s = data.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append("not UTF-8: %s: %r" % (e, data[max(0, e.start - 20):e.start + 20]))
        s = data.decode("utf-8", "replace")
    for i, ch in enumerate(s):
        cp = ord(ch)
        if 0x80 <= cp <= 0x9F:
            problems.append("C1 control U+%04X: %r" % (cp, s[max(0, i - 20):i + 20]))
        elif cp in BIDI:
            problems.append("bidi control U+%04X: %r" % (cp, s[max(0, i - 20):i + 20]))


def main():
    mode, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        data = f.read()
    problems = []
    if not data:
        problems.append("nothing was written")
    escapes(data, problems)
    text(data, mode, problems)
    for p in problems[:20]:
        print(p)
    if len(problems) > 20:
        print("... and %d more" % (len(problems) - 20))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
