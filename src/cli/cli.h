/* cli.h: the non-interactive subcommands (walens lens|workload|answer|status ...).
 *
 * One table lists every subcommand with its usage and options; it drives the
 * dispatch, `walens --help`, each `walens CMD --help` and the man page. */
#ifndef WALENS_CLI_CLI_H
#define WALENS_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "cli/args.h"
#include "core/names.h"
#include "store/store.h"

/* Exit statuses: 0 success, 1 the work failed, 2 the command line was wrong. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* The most databases one command reads (report --all --db A --db B ...). */
#define CLI_MAX_DBS 64

/* Global options, valid before the subcommand and after it. */
typedef struct CliEnv {
   const char *db_path;  /* --db, or NULL for the default */
   const char *lens_arg; /* --lens */
   const char *user;     /* --user; Cli_user() fills the default */
   bool read_only;
   bool no_mouse;
   bool lead; /* --lead: the terminal UI leads the workload's session */
   bool help;
   char *user_default; /* owned: the login name when --user is absent */
   bool login_refused; /* the login name is not a valid user name (said once) */
   /* Every --db given, in order (report --all reads them all); borrowed. */
   const char *db_all[CLI_MAX_DBS];
   size_t n_db_all;
} CliEnv;

/* Option ids below 100 are global; commands number theirs from 100. */
enum {
   OPT_DB = 1,
   OPT_LENS,
   OPT_USER,
   OPT_READ_ONLY,
   OPT_NO_MOUSE,
   OPT_HELP,
   OPT_VERSION,
   OPT_LEAD
};
extern const OptSpec Cli_globalOptions[];

/* Handles a global option id; false when id is not global. */
bool Cli_globalOption(CliEnv *env, int id, const char *value);

typedef int (*CliCommandFn)(CliEnv *env, int argc, char **argv);

typedef struct CliCommand {
   const char *name;  /* "lens", "workload", ... */
   const char *usage; /* N_(): arguments after the name */
   const char *help;  /* N_(): one line */
   CliCommandFn run;  /* argv[0] is the command name */
} CliCommand;

/* The command table, ending with a NULL name. */
extern const CliCommand Cli_commands[];
const CliCommand *Cli_find(const char *name);
void Cli_printUsage(void);

/* Shared by commands. */
/* --user, else the login name in its normal form (core/names.h); NULL, with
 * the error printed once, when the login name cannot be a user name (the
 * store then refuses to write). */
const char *Cli_user(CliEnv *env);
/* Opens the database (default path when env->db_path is NULL); prints the
 * error and returns NULL on failure. */
Store *Cli_openStore(CliEnv *env, unsigned flags);
struct ReviewDoc;
/* Opens the database and loads the workload's review into *doc, printing
 * what went wrong.  Returns the store (the caller closes it and frees doc),
 * or NULL when either step failed. */
Store *Cli_openReview(CliEnv *env, unsigned flags, const char *workload, struct ReviewDoc *doc);
/* Every text the CLI writes goes through the functions below, never
 * through printf or fputs: each is formatted first, then written with every
 * control character, bidi override and invalid UTF-8 sequence replaced by
 * U+FFFD (Utf8_sanitize in core/utf8.h), so that a lens file, a note, a
 * name or a word on the command line cannot set the terminal's title, write
 * its clipboard, move its cursor or reorder what it shows.  Cli_printf and
 * Cli_fprintf keep '\n' and '\t' (the caller's layout); the table cells
 * keep neither.  JSON output (Json_print) stays as it is: jansson escapes
 * every control character, and scripts need the data exact. */
void Cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void Cli_fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Text tables, lined up by the columns text takes on the screen, not by its
 * bytes (core/utf8.h): "é" takes one column, "日" two.
 *
 * Cli_cell prints s, the blanks that bring it to width columns and the one
 * blank between columns; an s wider than that is printed whole and pushes
 * the rest of the row along, as printf's "%-*s" does.  Cli_cellRight puts
 * the blanks before s.  Cli_clip prints s cut to width columns (whole
 * characters) and padded to width, with no blank after.  NULL prints as
 * "".  Cli_width measures s, to size a column.  Each cleans s as above and
 * measures what it prints, the replacements included. */
void Cli_cell(const char *s, int width);
void Cli_cellRight(const char *s, int width);
void Cli_clip(const char *s, int width);
int Cli_width(const char *s);

/* The normal form of a name given on the command line (core/names.h):
 * "rich " is "rich", NFD is NFC, full-width letters are plain ones.
 * Returns it (the caller frees it), or prints why the name is refused and
 * returns NULL (a usage error). */
char *Cli_name(NameKind kind, const char *name);
/* Prints "walens: " and a formatted message to stderr, cleaned as above. */
void Cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An error whose details are a list, one record a line: "walens: HEAD",
 * then each line of details as it is (each one line, as Cli_error's
 * arguments are). */
void Cli_errorLines(const char *head, const char *details);
/* The usage error of a command, from the table: "usage: walens CMD FORM"
 * with the forms of its usage whose first word is form (every form when
 * form is NULL), so no command writes its usage by hand. */
void Cli_usageError(const char *command, const char *form);
/* Parses options of a subcommand that has specs (global ones are accepted
 * too).  Returns false after printing a usage error. */
bool Cli_parse(CliEnv *env, int argc, char **argv, const OptSpec *specs, OptHandler fn, void *ctx,
               char ***pos, size_t *npos);
/* Prints a subcommand's help from its table entry and options. */
void Cli_printCommandHelp(const char *name, const OptSpec *specs);

/* "HIGH 1, MEDIUM 2, OK 3, n/a 0, unanswered 4": counts by risk in the
 * words the TUI and the reports use (Risk_label), not the API tokens, so
 * that no risk reads like the "None of these" practice.  Allocated. */
char *Cli_riskWords(const size_t by_risk[]);

/* After an unknown word: "did you mean 'X'?" on stderr when one of cands
 * (n of them) is near enough (core/suggest.h); nothing otherwise. */
void Cli_suggest(const char *word, const char *const *cands, size_t n);

/* A workshop step only the leader takes (what: "open a poll"): true when
 * nobody leads w's session or user does; else prints who leads. */
bool Cli_mayLead(Store *s, const Workload *w, const char *user, const char *what);

/* A positive id as typed (a history id, a parked point's number): false for
 * anything else, a number out of range included.  Says nothing. */
bool Cli_parseId(const char *text, int64_t *id);
/* What a command acting on one recorded change runs once its arguments hold. */
typedef int (*CliHistoryRun)(CliEnv *env, const char *workload, int64_t id, void *ctx);
/* The arguments of such a command, WORKLOAD HISTORY_ID and specs (revert,
 * restore): parses them (fn and ctx as Cli_parse), prints the help or the
 * usage error from the table, refuses an id that is not one, else returns
 * run(env, workload, id, ctx). */
int Cli_historyCommand(CliEnv *env, const char *name, int argc, char **argv, const OptSpec *specs,
                       OptHandler fn, void *ctx, CliHistoryRun run);

int Cmd_session(CliEnv *env, int argc, char **argv);
int Cmd_park(CliEnv *env, int argc, char **argv);
int Cmd_poll(CliEnv *env, int argc, char **argv);
int Cmd_lens(CliEnv *env, int argc, char **argv);
int Cmd_workload(CliEnv *env, int argc, char **argv);
int Cmd_answer(CliEnv *env, int argc, char **argv);
int Cmd_status(CliEnv *env, int argc, char **argv);
int Cmd_plan(CliEnv *env, int argc, char **argv);
int Cmd_milestone(CliEnv *env, int argc, char **argv);
int Cmd_history(CliEnv *env, int argc, char **argv);
int Cmd_revert(CliEnv *env, int argc, char **argv);
int Cmd_restore(CliEnv *env, int argc, char **argv);
int Cmd_who(CliEnv *env, int argc, char **argv);
int Cmd_upgrade(CliEnv *env, int argc, char **argv);
int Cmd_report(CliEnv *env, int argc, char **argv);
int Cmd_export(CliEnv *env, int argc, char **argv);
int Cmd_import(CliEnv *env, int argc, char **argv);
int Cmd_doctor(CliEnv *env, int argc, char **argv);
int Cmd_template(CliEnv *env, int argc, char **argv);
int Cmd_profile(CliEnv *env, int argc, char **argv);
/* walens lens export (in cmd_export.c; dispatched by Cmd_lens). */
int Cmd_lensExport(CliEnv *env, int argc, char **argv);

#endif
