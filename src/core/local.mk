# src/core: files of this module (included by Makefile.am).
libwalens_a_SOURCES += \
	src/core/xalloc.c src/core/xalloc.h \
	src/core/str.c src/core/str.h \
	src/core/diag.c src/core/diag.h \
	src/core/sha256.c src/core/sha256.h \
	src/core/utf8.c src/core/utf8.h \
	src/core/names.c src/core/names.h \
	src/core/suggest.c src/core/suggest.h \
	src/core/lens.c src/core/lens.h \
	src/core/lens_build.h src/core/lens_tree.c src/core/lens_build.c \
	src/core/lens_check.c src/core/lens_yaml.c src/core/lens_json.c

# The improvement plan with tracking, snapshots (milestones) and their
# differences, lens-version differences (upgrades).
libwalens_a_SOURCES += src/core/plan.c src/core/plan.h \
	src/core/snapshot.c src/core/snapshot_json.c src/core/snapshot.h \
	src/core/lensdiff.c src/core/lensdiff.h
# A workshop agenda file, read through the lens's YAML layer.
libwalens_a_SOURCES += src/core/agendafile.c src/core/agendafile.h
# UTF-8 and display widths: the CLI's tables, the report writers.
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_utf8 tests/unit/test_diag tests/unit/test_suggest
TESTS += tests/unit/test_utf8 tests/unit/test_diag tests/unit/test_suggest
tests_unit_test_diag_SOURCES = tests/unit/test_diag.c
tests_unit_test_diag_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_diag_LDADD = $(UNIT_LIBS)
tests_unit_test_suggest_SOURCES = tests/unit/test_suggest.c
tests_unit_test_suggest_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_suggest_LDADD = $(UNIT_LIBS)
tests_unit_test_utf8_SOURCES = tests/unit/test_utf8.c
tests_unit_test_utf8_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_utf8_LDADD = $(UNIT_LIBS)
endif

if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_plan
TESTS += tests/unit/test_plan
tests_unit_test_plan_SOURCES = tests/unit/test_plan.c
tests_unit_test_plan_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_plan_LDADD = $(UNIT_LIBS)
endif

# The default lens is compiled in, so walens runs with no data files installed.
nodist_libwalens_a_SOURCES = src/core/lens_default.c
BUILT_SOURCES += src/core/lens_default.c
CLEANFILES += src/core/lens_default.c
src/core/lens_default.c: $(top_srcdir)/data/lenses/machine-learning.yaml \
		$(top_srcdir)/build-aux/embed.sh
	$(AM_V_GEN)$(MKDIR_P) src/core && \
	$(SHELL) $(top_srcdir)/build-aux/embed.sh walens_default_lens \
		$(top_srcdir)/data/lenses/machine-learning.yaml > $@.tmp && mv $@.tmp $@
dist_lens_DATA += data/lenses/machine-learning.yaml

if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_lens tests/unit/test_corpus tests/unit/test_mllens
TESTS += tests/unit/test_lens tests/unit/test_corpus tests/unit/test_mllens
tests_unit_test_lens_SOURCES = tests/unit/test_lens.c
tests_unit_test_lens_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_lens_LDADD = $(UNIT_LIBS)
tests_unit_test_corpus_SOURCES = tests/unit/test_corpus.c
tests_unit_test_corpus_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_corpus_LDADD = $(UNIT_LIBS)
tests_unit_test_mllens_SOURCES = tests/unit/test_mllens.c
tests_unit_test_mllens_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_mllens_LDADD = $(UNIT_LIBS)
endif
EXTRA_DIST += tests/fixtures/lenses

# Paths, the lens catalog and checked JSON output.
libwalens_a_SOURCES += src/core/paths.c src/core/paths.h
libwalens_a_SOURCES += src/core/catalog.c src/core/catalog.h
libwalens_a_SOURCES += src/core/json.c src/core/json.h

# Profiles: context questions that mark a lens's priority questions.  The
# Machine Learning Lens's profile is compiled in and installed, like the lens.
libwalens_a_SOURCES += src/core/profile.c src/core/profile.h \
	src/core/profiles.c src/core/profiles.h
nodist_libwalens_a_SOURCES += src/core/profile_default.c
BUILT_SOURCES += src/core/profile_default.c
CLEANFILES += src/core/profile_default.c
src/core/profile_default.c: $(top_srcdir)/data/profiles/machine-learning.yaml \
		$(top_srcdir)/build-aux/embed.sh
	$(AM_V_GEN)$(MKDIR_P) src/core && \
	$(SHELL) $(top_srcdir)/build-aux/embed.sh walens_default_profile \
		$(top_srcdir)/data/profiles/machine-learning.yaml > $@.tmp && mv $@.tmp $@
profiledir = $(pkgdatadir)/profiles
dist_profile_DATA = data/profiles/machine-learning.yaml

if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_profile
TESTS += tests/unit/test_profile
tests_unit_test_profile_SOURCES = tests/unit/test_profile.c
tests_unit_test_profile_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_profile_LDADD = $(UNIT_LIBS)
endif
EXTRA_DIST += tests/fixtures/profiles
