# src/store: files of this module (included by Makefile.am).

# ReviewDoc: the loading and write rules shared by the CLI and the TUI.
libwalens_a_SOURCES += src/store/reviewdoc.c src/store/reviewdoc.h
# The portfolio's figures of each review, kept at write time (report --all).
libwalens_a_SOURCES += src/store/portkeep.c src/store/portkeep.h src/store/store_portkeep.c
# Profiles stored with workloads and the priority marks they give.
libwalens_a_SOURCES += src/store/store_profile.c src/store/profiledoc.c src/store/profiledoc.h

# The SQLite store (store.h): schema, migrations, queries, change detection.
libwalens_a_SOURCES += src/store/store.h src/store/store_internal.h \
	src/store/store.c src/store/store_sql.c src/store/store_schema.c \
	src/store/store_time.c src/store/store_history.c src/store/store_presence.c \
	src/store/store_lens.c src/store/store_workload.c src/store/store_answer.c \
	src/store/store_plan.c src/store/store_milestone.c src/store/store_upgrade.c \
	src/store/store_merge.c \
	src/store/store_portfolio.c \
	src/store/store_workshop.c

# The plan with tracking, milestones, lens upgrades, readable history.
libwalens_a_SOURCES += src/store/plan.c src/store/plan.h \
	src/store/upgrade.c src/store/upgrade.h \
	src/store/histfmt.c src/store/histfmt.h \
	src/store/workshop.c src/store/workshop.h

# Review templates: named answers pre-filled into new workloads.
libwalens_a_SOURCES += src/store/store_template.c src/store/template.h
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_store
TESTS += tests/unit/test_store
tests_unit_test_store_SOURCES = tests/unit/test_store.c
tests_unit_test_store_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_store_LDADD = $(UNIT_LIBS)
endif
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_reviewdoc
TESTS += tests/unit/test_reviewdoc
tests_unit_test_reviewdoc_SOURCES = tests/unit/test_reviewdoc.c
tests_unit_test_reviewdoc_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_reviewdoc_LDADD = $(UNIT_LIBS)
endif
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_store_plan
TESTS += tests/unit/test_store_plan
tests_unit_test_store_plan_SOURCES = tests/unit/test_store_plan.c tests/unit/store_fixture.h
tests_unit_test_store_plan_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_store_plan_LDADD = $(UNIT_LIBS)
check_PROGRAMS += tests/unit/test_store_schema
TESTS += tests/unit/test_store_schema
tests_unit_test_store_schema_SOURCES = tests/unit/test_store_schema.c tests/unit/store_fixture.h
tests_unit_test_store_schema_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_store_schema_LDADD = $(UNIT_LIBS)
check_PROGRAMS += tests/unit/test_store_nanote
TESTS += tests/unit/test_store_nanote
tests_unit_test_store_nanote_SOURCES = tests/unit/test_store_nanote.c tests/unit/store_fixture.h
tests_unit_test_store_nanote_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_store_nanote_LDADD = $(UNIT_LIBS)
check_PROGRAMS += tests/unit/test_store_upgrade
TESTS += tests/unit/test_store_upgrade
tests_unit_test_store_upgrade_SOURCES = tests/unit/test_store_upgrade.c tests/unit/store_fixture.h
tests_unit_test_store_upgrade_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_store_upgrade_LDADD = $(UNIT_LIBS)
check_PROGRAMS += tests/unit/test_histfmt
TESTS += tests/unit/test_histfmt
tests_unit_test_histfmt_SOURCES = tests/unit/test_histfmt.c tests/unit/store_fixture.h
tests_unit_test_histfmt_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_histfmt_LDADD = $(UNIT_LIBS)
endif

# The store's side of a bundle import: one transaction that keeps original
# times and users, which the public write API cannot do.
libwalens_a_SOURCES += src/store/store_import.c src/store/import.h

# Merging writes of concurrent editors (issue 12).
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_store_merge
TESTS += tests/unit/test_store_merge
tests_unit_test_store_merge_SOURCES = tests/unit/test_store_merge.c
tests_unit_test_store_merge_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_store_merge_LDADD = $(UNIT_LIBS)
endif

# Each review's kept risk counts (the workloads list at 10,000 workloads).
libwalens_a_SOURCES += src/store/store_count.c src/store/count.h
libwalens_a_SOURCES += src/store/store_bring.c
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_store_workshop
TESTS += tests/unit/test_store_workshop
tests_unit_test_store_workshop_SOURCES = tests/unit/test_store_workshop.c
tests_unit_test_store_workshop_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_store_workshop_LDADD = $(UNIT_LIBS)
endif

# Bundles waiting for decisions on their clashes (import --into, issue 14).
libwalens_a_SOURCES += src/store/store_pending.c src/store/pending.h
