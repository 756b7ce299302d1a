# tests/stress: proof under stress (included by tests/local.mk).
#
# In `make check` (each well under 20 s): the store with 8 concurrent
# writers and with a writer holding the lock, a full disk (max_page_count everywhere, a private tmpfs as root),
# damaged and wrong database files, 40 SIGKILLs of walens, and a few rounds of
# 24 processes creating, or migrating, one database at once (firstopen).
# `make check-stress` (and .ci/run): 200+ SIGKILLs, 40 openers x 20 rounds, the workshop
# permissions as real users (it creates users: never part of `make check`),
# and huge orphan plans with a busy dashboard killed (tests/stress/hostage.sh).
# `make check-valgrind` (and .ci/run): the suite under valgrind memcheck.
check_PROGRAMS += tests/stress/concurrent tests/stress/firstopen
tests_stress_concurrent_SOURCES = tests/stress/concurrent.c
tests_stress_concurrent_LDADD = $(WALENS_LIBS)
tests_stress_firstopen_SOURCES = tests/stress/firstopen.c
tests_stress_firstopen_LDADD = $(WALENS_LIBS)
TESTS += tests/stress/concurrent tests/stress/firstopen.sh tests/stress/corrupt.sh tests/stress/diskfull.sh \
	tests/stress/crash-quick.sh
if HAVE_CRITERION
check_PROGRAMS += tests/stress/test_full tests/stress/test_busy
TESTS += tests/stress/test_full tests/stress/test_busy
tests_stress_test_full_SOURCES = tests/stress/test_full.c
tests_stress_test_full_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) -I$(top_srcdir)/tests/unit
tests_stress_test_full_LDADD = $(UNIT_LIBS)
tests_stress_test_busy_SOURCES = tests/stress/test_busy.c
tests_stress_test_busy_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS) -I$(top_srcdir)/tests/unit
tests_stress_test_busy_LDADD = $(UNIT_LIBS)
endif
EXTRA_DIST += tests/stress/crash.sh tests/stress/crash-quick.sh tests/stress/corrupt.sh \
	tests/stress/diskfull.sh tests/stress/perms.sh tests/stress/valgrind.sh \
	tests/stress/lsan.supp tests/stress/hostage.sh tests/stress/firstopen.sh \
	tests/stress/firstopen-long.sh

# One log per script in stress-logs/ (outside tests/, so that the summary of
# `./quickstart check` does not count them).
STRESS_LONG = tests/stress/crash.sh tests/stress/perms.sh tests/stress/hostage.sh \
	tests/stress/firstopen-long.sh
check-stress: $(bin_PROGRAMS)
	@$(MKDIR_P) stress-logs; st=0; \
	for t in $(STRESS_LONG); do \
	  log=stress-logs/`basename $$t .sh`.log; \
	  ( $(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/$$t ) > $$log 2>&1; rc=$$?; \
	  case $$rc in 0) r=PASS;; 77) r=SKIP;; *) r=FAIL; st=1;; esac; \
	  echo "$$r: $$t: `grep -h '^# SKIP' $$log | head -n 1``tail -n 1 $$log`"; \
	  test $$r != FAIL || grep -A 5 '^not ok' $$log | head -n 40; \
	done; exit $$st

check-valgrind: $(bin_PROGRAMS) $(check_PROGRAMS)
	@$(MKDIR_P) stress-logs; \
	( $(AM_TESTS_ENVIRONMENT) VGLOG=stress-logs/valgrind; export VGLOG; \
	  $(SHELL) $(top_srcdir)/tests/stress/valgrind.sh ) > stress-logs/valgrind.log 2>&1; st=$$?; \
	if test $$st -eq 0; then grep -E '^ok ' stress-logs/valgrind.log; \
	else grep -v '^[0-9]* passed, [0-9]* failed$$' stress-logs/valgrind.log | head -n 120; fi; \
	tail -n 1 stress-logs/valgrind.log; exit $$st
.PHONY: check-stress check-valgrind
clean-local: clean-stress-logs
clean-stress-logs:
	-rm -rf stress-logs
.PHONY: clean-stress-logs
