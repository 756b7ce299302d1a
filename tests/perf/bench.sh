#!/bin/sh
# bench.sh: `make bench`.  Builds (or reuses) three databases with
# tests/perf/gen, then runs tests/perf/bench.py on them and prints its
# table.  Not part of `make check`, nor of CI.  See doc/PERFORMANCE.md.
#
#   WALENS_BENCH_WORKLOADS   workloads in the large database (default 1000)
#   WALENS_BENCH_HUGE        workloads in the huge one (default 10000; 0
#                            leaves it out)
#   WALENS_BENCH_SMALL       workloads in the small one (default 2: with one,
#                            walens opens it at once and shows no list)
#   WALENS_BENCH_MILESTONES  milestones per workload (default 20)
#   WALENS_BENCH_RUNS        runs per figure, the median is shown (default 7)
#   WALENS_BENCH_DIR         where the small and large databases are kept
#                            between runs (default /dev/shm/walens-bench-UID
#                            when /dev/shm exists)
#   WALENS_BENCH_HUGE_DIR    where the huge one is kept (default
#                            tests/perf/data in the build tree: about 7 GB,
#                            too much for memory)
set -eu
: "${top_srcdir:=.}" "${top_builddir:=.}"
: "${WALENS:=$top_builddir/src/walens}"
LARGE_N=${WALENS_BENCH_WORKLOADS:-1000}
HUGE_N=${WALENS_BENCH_HUGE:-10000}
SMALL_N=${WALENS_BENCH_SMALL:-2}
MILES=${WALENS_BENCH_MILESTONES:-20}
RUNS=${WALENS_BENCH_RUNS:-7}
if [ -z "${WALENS_BENCH_DIR:-}" ]; then
   if [ -d /dev/shm ] && [ -w /dev/shm ]; then
      WALENS_BENCH_DIR=/dev/shm/walens-bench-$(id -u)
   else
      WALENS_BENCH_DIR=$top_builddir/tests/perf/data
   fi
fi
GEN=$top_builddir/tests/perf/gen
LENSLOAD=$top_builddir/tests/perf/lensload
: "${WALENS_BENCH_HUGE_DIR:=$top_builddir/tests/perf/data}"
mkdir -p "$WALENS_BENCH_DIR" "$WALENS_BENCH_HUGE_DIR"
# The stamp: the generator's source and the schema version.  A change of
# the store's code alone keeps the files (10,000 workloads take minutes to
# make): an older file is migrated when walens opens it, as a user's is.
STAMP="$(cksum < "$top_srcdir/tests/perf/gen.c") schema \
$(sed -n 's/^#define STORE_SCHEMA_VERSION //p' "$top_srcdir/src/store/store_internal.h")"

# make_db N [DIR]: the database of N workloads, made again when the
# generator or the schema changed since (see STAMP).
make_db() {
   db=${2:-$WALENS_BENCH_DIR}/bench-$1x$MILES.db
   stamp=$STAMP
   if [ -f "$db" ] && [ "$(cat "$db.stamp" 2> /dev/null)" = "$stamp" ]; then
      echo "$db"
      return
   fi
   rm -f "$db" "$db.new" "$db.new-wal" "$db.new-shm" "$db.stamp"
   echo "bench: generating $1 workloads x $MILES milestones in $db" >&2
   t0=$(date +%s)
   "$GEN" "$db.new" "$1" "$MILES" >&2
   mv "$db.new" "$db"
   printf '%s\n' "$stamp" > "$db.stamp"
   echo "bench: generated in $(( $(date +%s) - t0 )) s" >&2
   echo "$db"
}

small=$(make_db "$SMALL_N")
large=$(make_db "$LARGE_N")
huge=
[ "$HUGE_N" -gt 0 ] && huge=$(make_db "$HUGE_N" "$WALENS_BENCH_HUGE_DIR")
# The keystroke test writes (toggles): run on copies, so the kept files stay as made.
work=$(mktemp -d "$WALENS_BENCH_DIR/run.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$small" "$work/small.db"
cp "$large" "$work/large.db"
# The huge one is measured in place (bench.py says how it stays as made).
python3 "$top_srcdir/tests/perf/bench.py" "$WALENS" "$LENSLOAD" "$work/small.db" \
   "$work/large.db" "$SMALL_N" "$LARGE_N" "$RUNS" "$top_builddir/tests/perf/runrss" \
   ${huge:+"$huge" "$HUGE_N"}
