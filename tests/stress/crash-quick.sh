#!/bin/sh
# crash.sh with 40 kills: quick enough for every `make check` (and the ASan
# build).  The full run, 200 kills or more, is `make check-stress` / .ci/run.
STRESS_KILLS=${STRESS_KILLS:-40}
export STRESS_KILLS
exec "${SHELL:-/bin/sh}" "$top_srcdir/tests/stress/crash.sh"
