# tests: shell and tmux scripts; Criterion suites are listed in each module's local.mk.
EXTRA_DIST += tests/lib.sh
TESTS += tests/cli/cli.sh
EXTRA_DIST += tests/cli/cli.sh tests/cli/golden
