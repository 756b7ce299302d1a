# src/cli: the non-interactive subcommands (included by Makefile.am).
libwalens_a_SOURCES += \
	src/cli/args.c src/cli/args.h \
	src/cli/cli.c src/cli/cli.h \
	src/cli/output.c src/cli/output.h \
	src/cli/cmd_lens.c \
	src/cli/cmd_workload.c \
	src/cli/cmd_answer.c \
	src/cli/cmd_status.c
