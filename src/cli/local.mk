# src/cli: the non-interactive subcommands (included by Makefile.am).
libwalens_a_SOURCES += \
	src/cli/args.c src/cli/args.h \
	src/cli/cli.c src/cli/cli.h \
	src/cli/cmd_lens.c \
	src/cli/cmd_workload.c \
	src/cli/cmd_answer.c \
	src/cli/cmd_status.c \
	src/cli/cmd_plan.c \
	src/cli/cmd_milestone.c \
	src/cli/cmd_history.c \
	src/cli/cmd_revert.c \
	src/cli/cmd_who.c \
	src/cli/cmd_upgrade.c

# The facilitated workshop: lead and agenda, parking lot, silent polls.
libwalens_a_SOURCES += src/cli/cmd_session.c src/cli/cmd_park.c src/cli/cmd_poll.c

# Reports, review bundles and lens export (src/report).
libwalens_a_SOURCES += src/cli/cmd_report.c src/cli/cmd_export.c src/cli/cmd_template.c

# What walens status --format json writes.
EXTRA_DIST += doc/status-json.md

# walens doctor: the kept counts checked and repaired.
libwalens_a_SOURCES += src/cli/cmd_doctor.c
# Review profiles: walens profile, workload add --profile.
libwalens_a_SOURCES += src/cli/cmd_profile.c src/cli/profileopt.c src/cli/profileopt.h

# walens restore: notes (of a question or a practice) as a change left them.
libwalens_a_SOURCES += src/cli/cmd_restore.c
