#!/bin/sh
# bench.sh: `make bench`.  Builds (or reuses) two databases with
# tests/perf/gen, then runs tests/perf/bench.py on them and prints its
# table.  Not part of `make check`.  See doc/PERFORMANCE.md.
#
#   WALENS_BENCH_WORKLOADS   workloads in the large database (default 1000)
#   WALENS_BENCH_SMALL       workloads in the small one (default 2: with one,
#                            walens opens it at once and shows no list)
#   WALENS_BENCH_MILESTONES  milestones per workload (default 20)
#   WALENS_BENCH_RUNS        runs per figure, the median is shown (default 7)
#   WALENS_BENCH_DIR         where the databases are kept between runs
#                            (default /dev/shm/walens-bench-UID when /dev/shm
#                            exists: the generator commits once per write)
set -eu
: "${top_srcdir:=.}" "${top_builddir:=.}"
: "${WALENS:=$top_builddir/src/walens}"
LARGE_N=${WALENS_BENCH_WORKLOADS:-1000}
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
mkdir -p "$WALENS_BENCH_DIR"

# make N: the database of N workloads, made again when the generator or
# so the store or the lens changed since (the stamp holds its checksum).
make_db() {
   db=$WALENS_BENCH_DIR/bench-$1x$MILES.db
   stamp=$(cksum < "$GEN")
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
# The keystroke test writes (toggles): run on copies, so the kept files stay as made.
work=$(mktemp -d "$WALENS_BENCH_DIR/run.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$small" "$work/small.db"
cp "$large" "$work/large.db"
python3 "$top_srcdir/tests/perf/bench.py" "$WALENS" "$LENSLOAD" "$work/small.db" \
   "$work/large.db" "$SMALL_N" "$LARGE_N" "$RUNS" "$top_builddir/tests/perf/runrss"
