# src/tui: files of this module (included by Makefile.am).
libwalens_a_SOURCES += \
	src/tui/tui.c src/tui/tui.h \
	src/tui/app.c src/tui/app.h \
	src/tui/loop.c src/tui/loop.h \
	src/tui/actions.c src/tui/actions.h \
	src/tui/screens.h src/tui/chrome.c \
	src/tui/theme.c src/tui/theme.h \
	src/tui/text.c src/tui/text.h \
	src/tui/layout.c src/tui/layout.h \
	src/tui/input.c src/tui/input.h \
	src/tui/when.c src/tui/when.h \
	src/tui/draft.c src/tui/draft.h \
	src/tui/edbuf.c src/tui/edbuf.h \
	src/tui/match.c src/tui/match.h \
	src/tui/workloads.c src/tui/dashboard.c src/tui/cell.c src/tui/question.c \
	src/tui/editor.c src/tui/help.c src/tui/prompt.c src/tui/search.c \
	src/tui/chart.c src/tui/chart.h src/tui/planfilter.c src/tui/planfilter.h \
	src/tui/pager.c src/tui/planview.c src/tui/milestones.c src/tui/history.c \
	src/tui/upgradeview.c src/tui/mergeview.c src/tui/undo.c src/tui/roster.c src/tui/writereport.c

if HAVE_CRITERION
check_PROGRAMS += tests/unit/test_tui_text tests/unit/test_tui_layout tests/unit/test_tui_input \
	tests/unit/test_tui_edbuf tests/unit/test_tui_misc tests/unit/test_tui_plan
TESTS += tests/unit/test_tui_text tests/unit/test_tui_layout tests/unit/test_tui_input \
	tests/unit/test_tui_edbuf tests/unit/test_tui_misc tests/unit/test_tui_plan
tests_unit_test_tui_text_SOURCES = tests/unit/test_tui_text.c
tests_unit_test_tui_text_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_tui_text_LDADD = $(WALENS_LIBS) $(CRITERION_LIBS)
tests_unit_test_tui_layout_SOURCES = tests/unit/test_tui_layout.c
tests_unit_test_tui_layout_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_tui_layout_LDADD = $(WALENS_LIBS) $(CRITERION_LIBS)
tests_unit_test_tui_input_SOURCES = tests/unit/test_tui_input.c
tests_unit_test_tui_input_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_tui_input_LDADD = $(WALENS_LIBS) $(CRITERION_LIBS)
tests_unit_test_tui_edbuf_SOURCES = tests/unit/test_tui_edbuf.c
tests_unit_test_tui_edbuf_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_tui_edbuf_LDADD = $(WALENS_LIBS) $(CRITERION_LIBS)
tests_unit_test_tui_misc_SOURCES = tests/unit/test_tui_misc.c
tests_unit_test_tui_misc_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_tui_misc_LDADD = $(WALENS_LIBS) $(CRITERION_LIBS)
tests_unit_test_tui_plan_SOURCES = tests/unit/test_tui_plan.c
tests_unit_test_tui_plan_CFLAGS = $(AM_CFLAGS) $(CRITERION_CFLAGS)
tests_unit_test_tui_plan_LDADD = $(WALENS_LIBS) $(CRITERION_LIBS)
endif

# Screen tests: walens in tmux, keys typed, the screen read back.
TUI_TESTS = tests/tui/basic.sh tests/tui/notes.sh tests/tui/multi.sh tests/tui/resize.sh \
	tests/tui/readonly.sh tests/tui/escape.sh tests/tui/plan.sh tests/tui/milestones.sh \
	tests/tui/upgrade.sh tests/tui/collab.sh tests/tui/roster.sh
TESTS += $(TUI_TESTS)
EXTRA_DIST += $(TUI_TESTS) tests/tui/tuilib.sh tests/fixtures/tui/fake-editor.sh \
	tests/fixtures/lenses/escapes.yaml tests/fixtures/tui/nophases.json
