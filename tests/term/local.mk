# tests/term: what walens writes to the terminal, byte for byte (a pty of
# our own), and terminals that are odd: tiny, dumb, unknown, not UTF-8.
TESTS += tests/term/bytes.sh tests/term/screens.sh
EXTRA_DIST += tests/term/bytes.sh tests/term/screens.sh tests/term/ptyrun.py \
	tests/term/checkbytes.py tests/term/hostile.yaml
