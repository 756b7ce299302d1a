# tests: shell and tmux scripts; Criterion suites are listed in each module's local.mk.
EXTRA_DIST += tests/lib.sh

# What every Criterion test links: tests/unit/support.{c,h} (temporary
# directories, tree removal, source paths), then the real code.
UNIT_LIBS = tests/unit/libsupport.a $(WALENS_LIBS) $(CRITERION_LIBS)
if HAVE_CRITERION
check_LIBRARIES = tests/unit/libsupport.a
tests_unit_libsupport_a_SOURCES = tests/unit/support.c tests/unit/support.h
tests_unit_libsupport_a_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
endif
TESTS += tests/cli/cli.sh tests/cli/hostile.sh tests/cli/outfile.sh tests/cli/oneline.sh tests/cli/merge.sh
EXTRA_DIST += tests/cli/cli.sh tests/cli/hostile.sh tests/cli/outfile.sh tests/cli/oneline.sh tests/cli/merge.sh \
	tests/cli/golden

# Proof under stress: fuzz harnesses and stress tests.
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
tests_unit_test_store_shared_LDADD = $(UNIT_LIBS)
endif
TESTS += tests/cli/plan.sh
EXTRA_DIST += tests/cli/plan.sh tests/plan/golden
# The facilitated workshop: lead, agenda, parking lot, polls.
TESTS += tests/cli/workshop.sh
EXTRA_DIST += tests/cli/workshop.sh tests/workshop/golden tests/workshop/agenda
TESTS += tests/cli/impact.sh tests/cli/template.sh
EXTRA_DIST += tests/cli/impact.sh tests/impact/golden tests/cli/template.sh tests/template/golden
# Review profiles: files, workloads, reports and bundles.
TESTS += tests/cli/profile.sh
EXTRA_DIST += tests/cli/profile.sh
# The short text beside a not-applicable reason (issue 18).
TESTS += tests/cli/nanote.sh
EXTRA_DIST += tests/cli/nanote.sh tests/nanote/golden

# Reports, bundles and lens export (src/report).
TESTS += tests/report/report.sh tests/report/escape.sh tests/report/bundle.sh \
	tests/report/lens-export.sh tests/report/pdf.sh tests/report/bundle-trust.sh \
	tests/report/portfolio.sh tests/report/merge-into.sh tests/report/portkeep.sh
EXTRA_DIST += tests/report/report.sh tests/report/escape.sh tests/report/bundle.sh \
	tests/report/bundle-trust.sh tests/report/portfolio.sh tests/report/merge-into.sh \
	tests/report/portkeep.sh \
	tests/report/lens-export.sh tests/report/pdf.sh tests/report/fixture.sh \
	tests/report/check_text.py tests/report/check_csv.py tests/report/check_html.py \
	tests/report/golden tests/fixtures/report

# The AWS Well-Architected Tool, offline (export --format aws, import --from-aws).
TESTS += tests/aws/aws.sh tests/aws/into.sh
EXTRA_DIST += tests/aws/aws.sh tests/aws/into.sh tests/aws/awslib.sh tests/aws/validate.py tests/aws/reshape.py tests/aws/aws-stub \
	tests/aws/golden
TESTS += tests/aws/nanote.sh
EXTRA_DIST += tests/aws/nanote.sh
