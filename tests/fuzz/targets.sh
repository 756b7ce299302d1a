# tests/fuzz/targets.sh: the harnesses and their seeds (sourced by regress.sh
# and run.sh).  seeds TARGET prints the seed files, one a line: the fixtures,
# the public corpus when it is there, tests/fuzz/seeds/TARGET and every input
# that once crashed (tests/fuzz/crashes/TARGET).
FUZZ_TARGETS="yaml json cond bundle import"

seeds() {
   fz=$top_srcdir/tests/fuzz
   corpus=$top_srcdir/../shared/corpus/custom-lenses
   case $1 in
   yaml) ls "$top_srcdir"/tests/fixtures/lenses/*.yaml "$top_srcdir"/data/lenses/*.yaml ;;
   json) ls "$top_srcdir"/tests/fixtures/lenses/*.json
         [ -d "$corpus" ] && ls "$corpus"/*.json ;;
   esac 2>/dev/null
   for d in "$fz/seeds/$1" "$fz/crashes/$1"; do
      [ -d "$d" ] && find "$d" -type f ! -name README.md | LC_ALL=C sort
   done
   return 0
}
