# tests: shell and tmux scripts; Criterion suites are listed in each module's local.mk.
EXTRA_DIST += tests/lib.sh
TESTS += tests/cli/cli.sh tests/cli/hostile.sh tests/cli/merge.sh
EXTRA_DIST += tests/cli/cli.sh tests/cli/hostile.sh tests/cli/merge.sh tests/cli/golden

# Proof under stress (issue 7): fuzz harnesses and stress tests.
include tests/fuzz/local.mk
include tests/stress/local.mk
# Terminal byte-stream tests (make check), the workshop load test
# (make check-load, .ci/run) and the benchmark (make bench).
include tests/term/local.mk
include tests/load/local.mk
include tests/perf/local.mk
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_store_shared
TESTS += tests/unit/test_store_shared
tests_unit_test_store_shared_SOURCES = tests/unit/test_store_shared.c
tests_unit_test_store_shared_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_store_shared_LDADD = $(WALENS_LIBS) $(CRITERION_LIBS)
endif
TESTS += tests/cli/plan.sh
EXTRA_DIST += tests/cli/plan.sh tests/plan/golden

# Reports, bundles and lens export (src/report).
TESTS += tests/report/report.sh tests/report/escape.sh tests/report/bundle.sh \
	tests/report/lens-export.sh tests/report/pdf.sh
EXTRA_DIST += tests/report/report.sh tests/report/escape.sh tests/report/bundle.sh \
	tests/report/lens-export.sh tests/report/pdf.sh tests/report/fixture.sh \
	tests/report/check_text.py tests/report/check_csv.py tests/report/check_html.py \
	tests/report/golden tests/fixtures/report
# Merging writes of concurrent editors (issue 12).
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_store_merge
TESTS += tests/unit/test_store_merge
tests_unit_test_store_merge_SOURCES = tests/unit/test_store_merge.c
tests_unit_test_store_merge_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_store_merge_LDADD = $(WALENS_LIBS) $(CRITERION_LIBS)
endif
