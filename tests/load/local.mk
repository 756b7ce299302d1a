# tests/load: the workshop load test, 30 reviewers on one database for about
# a minute (make check-load; .ci/run runs it, make check does not).
EXTRA_DIST += tests/load/workshop.sh tests/load/workshop.py \
	tests/load/intents.sh tests/load/intents.py
# Then 30 clients making intent writes on the same five questions (issue 12).
check-load: $(bin_PROGRAMS)
	@$(MKDIR_P) load-logs; \
	( $(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/tests/load/workshop.sh ) \
	  > load-logs/workshop.log 2>&1; st=$$?; \
	grep -E '^(not ok|# )' load-logs/workshop.log | head -n 60; \
	grep -E '^(latency|[0-9]+ passed)' load-logs/workshop.log; \
	( $(AM_TESTS_ENVIRONMENT) $(SHELL) $(top_srcdir)/tests/load/intents.sh ) \
	  > load-logs/intents.log 2>&1; st2=$$?; \
	grep -E '^(not ok|# )' load-logs/intents.log | head -n 60; \
	grep -E '^(latency|refusals|[0-9]+ passed)' load-logs/intents.log; \
	test $$st = 0 && exit $$st2; exit $$st
clean-local: clean-load-logs
clean-load-logs:
	-rm -rf load-logs
.PHONY: check-load clean-load-logs
