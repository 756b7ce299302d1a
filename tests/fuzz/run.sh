#!/bin/sh
# tests/fuzz/run.sh TARGET SECONDS [OUTDIR]: fuzzes one harness of a build
# configured with --enable-fuzz CC=clang (run it from that build directory,
# or set top_builddir).  The corpus grows in OUTDIR/corpus-TARGET (default
# OUTDIR: ./fuzz-out); crashes, leaks and hangs land in OUTDIR/artifacts-TARGET.
# Prints one line "fuzz_TARGET: ..." with the executions, the coverage and
# what was found; exits 1 when something was found.
set -u
target=${1:?usage: run.sh TARGET SECONDS [OUTDIR]}
secs=${2:?usage: run.sh TARGET SECONDS [OUTDIR]}
out=${3:-fuzz-out}
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}" "${top_builddir:=.}"
. "$top_srcdir/tests/fuzz/targets.sh"

bin=$top_builddir/tests/fuzz/fuzz_$target
[ -x "$bin" ] || { echo "run.sh: $bin not built (./configure --enable-fuzz CC=clang && make check)" >&2; exit 2; }
corpus=$out/corpus-$target seeddir=$out/seeds-$target art=$out/artifacts-$target
mkdir -p "$corpus" "$seeddir" "$art"
# libFuzzer reads seed directories, not lists: copy the seeds into one.
seeds "$target" | while IFS= read -r f; do cp "$f" "$seeddir/"; done
dict=$top_srcdir/tests/fuzz/dict/$target.dict
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# -max_len: the default is the largest seed (300 KiB of public lens), which
# makes every mutation slow; 32 KiB holds every fixture whole.  Conditions
# are one line.
case $target in
cond) extra="-max_len=512" ;;
*) extra="-max_len=32768" ;;
esac
"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
   -dict="$dict" -artifact_prefix="$art/" $extra "$corpus" "$seeddir" > "$out/fuzz_$target.log" 2>&1
rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz_$target.log" | tail -n 1)
cov=$(grep -o 'cov: [0-9]*' "$out/fuzz_$target.log" | tail -n 1)
ft=$(grep -o 'ft: [0-9]*' "$out/fuzz_$target.log" | tail -n 1)
found=$(find "$art" -type f | wc -l)
units=$(find "$corpus" -type f | wc -l)
echo "fuzz_$target: ${execs:-0} execs in ${secs}s, ${cov:-cov: ?}, ${ft:-ft: ?}, corpus $units, found $found (exit $rc)"
if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
   find "$art" -type f | sed 's/^/  artifact: /'
   grep -m 3 -E 'ERROR|SUMMARY|runtime error|Timeout|leak' "$out/fuzz_$target.log" | sed 's/^/  /'
   exit 1
fi
exit 0
