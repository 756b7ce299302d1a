# tests/perf: the benchmark (`make bench`), never part of `make check`.
# See doc/PERFORMANCE.md for what it measures and the figures.
EXTRA_PROGRAMS = tests/perf/gen tests/perf/lensload tests/perf/runrss
tests_perf_gen_SOURCES = tests/perf/gen.c
tests_perf_gen_LDADD = $(WALENS_LIBS)
tests_perf_lensload_SOURCES = tests/perf/lensload.c
tests_perf_lensload_LDADD = $(WALENS_LIBS)
tests_perf_runrss_SOURCES = tests/perf/runrss.c
CLEANFILES += $(EXTRA_PROGRAMS)
EXTRA_DIST += tests/perf/bench.sh tests/perf/bench.py

# WALENS_BENCH_WORKLOADS, WALENS_BENCH_MILESTONES, WALENS_BENCH_DIR and
# WALENS_BENCH_RUNS tune it (bench.sh says how).
bench: $(bin_PROGRAMS) $(EXTRA_PROGRAMS)
	@WALENS="$(abs_top_builddir)/src/walens" top_srcdir="$(abs_top_srcdir)" \
	  top_builddir="$(abs_top_builddir)" $(SHELL) $(top_srcdir)/tests/perf/bench.sh
.PHONY: bench
EXTRA_DIST += doc/PERFORMANCE.md
