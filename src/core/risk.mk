# src/core: risk conditions and review logic.
libwalens_a_SOURCES += src/core/cond.c src/core/cond.h \
	src/core/review.c src/core/review.h

if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_cond tests/unit/test_review
TESTS += tests/unit/test_cond tests/unit/test_review
tests_unit_test_cond_SOURCES = tests/unit/test_cond.c
tests_unit_test_cond_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_cond_LDADD = $(UNIT_LIBS)
tests_unit_test_review_SOURCES = tests/unit/test_review.c
tests_unit_test_review_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_review_LDADD = $(UNIT_LIBS)
endif
