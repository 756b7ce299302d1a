# tests/fuzz: libFuzzer harnesses (included by tests/local.mk).
#
# ./configure --enable-fuzz CC=clang links them with libFuzzer; otherwise
# driver.c is their main(), and tests/fuzz/regress.sh feeds them the seeds
# and every input that ever crashed (tests/fuzz/crashes/) in `make check`.
# How to fuzz: tests/fuzz/README.md.
#
# A new harness: tests/fuzz/fuzz_NAME.c, three lines here and one in the
# ENABLE_FUZZ branch, seeds in tests/fuzz/seeds/NAME/, and NAME in
# FUZZ_TARGETS of tests/fuzz/targets.sh (regress.sh and run.sh read it).
check_PROGRAMS += tests/fuzz/fuzz_yaml tests/fuzz/fuzz_json tests/fuzz/fuzz_cond \
	tests/fuzz/fuzz_bundle tests/fuzz/fuzz_import
TESTS += tests/fuzz/regress.sh
EXTRA_DIST += tests/fuzz/README.md tests/fuzz/regress.sh tests/fuzz/run.sh \
	tests/fuzz/targets.sh tests/fuzz/dict tests/fuzz/seeds tests/fuzz/crashes

tests_fuzz_fuzz_yaml_SOURCES = tests/fuzz/fuzz_yaml.c tests/fuzz/exercise.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_json_SOURCES = tests/fuzz/fuzz_json.c tests/fuzz/exercise.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_cond_SOURCES = tests/fuzz/fuzz_cond.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_yaml_LDADD = $(WALENS_LIBS)
tests_fuzz_fuzz_json_LDADD = $(WALENS_LIBS)
tests_fuzz_fuzz_cond_LDADD = $(WALENS_LIBS)
tests_fuzz_fuzz_bundle_SOURCES = tests/fuzz/fuzz_bundle.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_bundle_LDADD = $(WALENS_LIBS)
tests_fuzz_fuzz_import_SOURCES = tests/fuzz/fuzz_import.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_import_LDADD = $(WALENS_LIBS)
if ENABLE_FUZZ
tests_fuzz_fuzz_yaml_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_json_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_cond_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_bundle_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_import_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
else
tests_fuzz_fuzz_yaml_SOURCES += tests/fuzz/driver.c
tests_fuzz_fuzz_json_SOURCES += tests/fuzz/driver.c
tests_fuzz_fuzz_cond_SOURCES += tests/fuzz/driver.c
tests_fuzz_fuzz_bundle_SOURCES += tests/fuzz/driver.c
tests_fuzz_fuzz_import_SOURCES += tests/fuzz/driver.c
endif
