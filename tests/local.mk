# tests: shell and tmux scripts; Criterion suites are listed in each module's local.mk.
EXTRA_DIST += tests/lib.sh
