# src/tui: files of this module (included by Makefile.am).
libwalens_a_SOURCES += \
	src/tui/tui.c src/tui/tui.h \
	src/tui/app.c src/tui/app.h \
	src/tui/loop.c src/tui/loop.h \
	src/tui/actions.c src/tui/actions.h \
	src/tui/screenlist.h src/tui/screens.c src/tui/screens.h src/tui/chrome.c \
	src/tui/theme.c src/tui/theme.h \
	src/tui/text.c src/tui/text.h \
	src/tui/input.c src/tui/input.h \
	src/tui/search.c src/tui/undo.c \
	src/tui/contextq.c \
	src/tui/templates.c \
	src/tui/lib/wtext.c src/tui/lib/wtext.h \
	src/tui/lib/layout.c src/tui/lib/layout.h \
	src/tui/lib/when.c src/tui/lib/when.h \
	src/tui/lib/draft.c src/tui/lib/draft.h \
	src/tui/lib/edbuf.c src/tui/lib/edbuf.h \
	src/tui/lib/match.c src/tui/lib/match.h \
	src/tui/lib/chart.c src/tui/lib/chart.h \
	src/tui/lib/planfilter.c src/tui/lib/planfilter.h \
	src/tui/lib/complete.c src/tui/lib/complete.h \
	src/tui/screen/workloads.c src/tui/screen/portview.c src/tui/screen/dashboard.c src/tui/screen/milestonedash.c src/tui/screen/list.c \
	src/tui/screen/question.c src/tui/screen/editor.c src/tui/screen/help.c \
	src/tui/screen/prompt.c src/tui/screen/pager.c src/tui/screen/planview.c src/tui/screen/planedit.c \
	src/tui/screen/milestones.c src/tui/screen/history.c src/tui/screen/upgrade.c \
	src/tui/screen/writereport.c src/tui/screen/mergeview.c src/tui/screen/roster.c \
	src/tui/screen/clashes.c
# The facilitated workshop (issue 13): parking lot, silent poll, recap.
libwalens_a_SOURCES += src/tui/screen/parklot.c src/tui/screen/pollview.c src/tui/screen/recapview.c

if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_tui_text tests/unit/test_tui_layout tests/unit/test_tui_input \
	tests/unit/test_tui_edbuf tests/unit/test_tui_misc tests/unit/test_tui_plan
TESTS += tests/unit/test_tui_text tests/unit/test_tui_layout tests/unit/test_tui_input \
	tests/unit/test_tui_edbuf tests/unit/test_tui_misc tests/unit/test_tui_plan
tests_unit_test_tui_text_SOURCES = tests/unit/test_tui_text.c
tests_unit_test_tui_text_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_tui_text_LDADD = $(UNIT_LIBS)
tests_unit_test_tui_layout_SOURCES = tests/unit/test_tui_layout.c
tests_unit_test_tui_layout_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_tui_layout_LDADD = $(UNIT_LIBS)
tests_unit_test_tui_input_SOURCES = tests/unit/test_tui_input.c
tests_unit_test_tui_input_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_tui_input_LDADD = $(UNIT_LIBS)
tests_unit_test_tui_edbuf_SOURCES = tests/unit/test_tui_edbuf.c
tests_unit_test_tui_edbuf_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_tui_edbuf_LDADD = $(UNIT_LIBS)
tests_unit_test_tui_misc_SOURCES = tests/unit/test_tui_misc.c
tests_unit_test_tui_misc_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_tui_misc_LDADD = $(UNIT_LIBS)
tests_unit_test_tui_plan_SOURCES = tests/unit/test_tui_plan.c
tests_unit_test_tui_plan_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_tui_plan_LDADD = $(UNIT_LIBS)
endif

# Screen tests: walens in tmux, keys typed, the screen read back.
TUI_TESTS = tests/tui/basic.sh tests/tui/notes.sh tests/tui/multi.sh tests/tui/resize.sh \
	tests/tui/readonly.sh tests/tui/escape.sh tests/tui/plan.sh tests/tui/milestones.sh \
	tests/tui/upgrade.sh tests/tui/golden.sh tests/tui/evidence.sh \
	tests/tui/collab.sh tests/tui/roster.sh tests/tui/portfolio.sh tests/tui/clashes.sh tests/tui/quickwins.sh \
	tests/tui/template.sh tests/tui/profile.sh tests/tui/longlist.sh \
	tests/tui/narrow.sh
TESTS += $(TUI_TESTS)
TESTS += tests/tui/pollpark.sh
EXTRA_DIST += tests/tui/pollpark.sh
# The short text beside a not-applicable reason (issue 18).
TESTS += tests/tui/nanote.sh
EXTRA_DIST += tests/tui/nanote.sh
EXTRA_DIST += $(TUI_TESTS) tests/tui/golden tests/tui/tuilib.sh tests/fixtures/tui/fake-editor.sh \
	tests/fixtures/lenses/escapes.yaml tests/fixtures/tui/nophases.json

# The workshop in the terminal UI (issue 13): lead, follow, the agenda's clock.
libwalens_a_SOURCES += src/tui/lead.c src/tui/lead.h src/tui/lib/leadline.c src/tui/lib/leadline.h
TESTS += tests/tui/lead.sh
EXTRA_DIST += tests/tui/lead.sh
if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_tui_lead
TESTS += tests/unit/test_tui_lead
tests_unit_test_tui_lead_SOURCES = tests/unit/test_tui_lead.c
tests_unit_test_tui_lead_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_tui_lead_LDADD = $(UNIT_LIBS)
endif
# Back from a dashboard to the list read before (issue 14, 10,000 workloads).
TESTS += tests/tui/listback.sh
EXTRA_DIST += tests/tui/listback.sh
