# src/report: the report model and its writers, review bundles, lens export
# (included by Makefile.am).
libwalens_a_SOURCES += \
	src/report/rtext.c src/report/rtext.h \
	src/report/outfile.c src/report/outfile.h \
	src/report/workload_json.c src/report/workload_json.h \
	src/report/lens_export.c src/report/lens_export.h

# The portfolio (walens report --all): the model and its writers.
libwalens_a_SOURCES += src/report/portfolio.c src/report/portfolio.h \
	src/report/portfolio_text.c src/report/portfolio_out.c src/report/portfolio_json.c

# Review bundles (walens export / import); the store's side of an import is
# src/store/store_import.c.
libwalens_a_SOURCES += src/report/bundle.c src/report/bundle.h \
	src/report/bundle_merge.c src/report/bundle_merge.h

# The AWS Well-Architected Tool, offline: CLI inputs written (export
# --format aws), CLI outputs read (import --from-aws).
libwalens_a_SOURCES += src/report/aws.h src/report/aws_export.c src/report/aws_import.c

# The report: model (report.c) and one writer a format.
libwalens_a_SOURCES += src/report/report.c src/report/report.h src/report/writers.h \
	src/report/report_text.c src/report/report_md.c src/report/report_html.c \
	src/report/report_csv.c src/report/report_json.c

if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_report tests/unit/test_lens_export tests/unit/test_bundle
TESTS += tests/unit/test_report tests/unit/test_lens_export tests/unit/test_bundle
tests_unit_test_report_SOURCES = tests/unit/test_report.c
tests_unit_test_report_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_report_LDADD = $(UNIT_LIBS)
tests_unit_test_lens_export_SOURCES = tests/unit/test_lens_export.c
tests_unit_test_lens_export_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_lens_export_LDADD = $(UNIT_LIBS)
tests_unit_test_bundle_SOURCES = tests/unit/test_bundle.c
tests_unit_test_bundle_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_bundle_LDADD = $(UNIT_LIBS)
endif

if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_portfolio
TESTS += tests/unit/test_portfolio
tests_unit_test_portfolio_SOURCES = tests/unit/test_portfolio.c
tests_unit_test_portfolio_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_portfolio_LDADD = $(UNIT_LIBS)
endif

EXTRA_DIST += doc/report-json.md doc/report-csv.md doc/bundle.md

# The workshop recap (walens report --recap): its model and four writers.
libwalens_a_SOURCES += src/report/recap.c src/report/recap.h src/report/recap_write.c
EXTRA_DIST += doc/recap-json.md
