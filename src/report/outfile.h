/* outfile.h: where reports, bundles and exported lenses are written.
 *
 * A named file is written to a new temporary file beside it (created with
 * O_EXCL | O_NOFOLLOW through a descriptor of its directory) and renamed
 * into place within that directory only once everything was written and
 * synced: an error leaves no partial file and an existing file intact.
 * "-" or NULL is stdout.
 *
 * In a folder others may write to (a workshop), the name may have been
 * planted.  So the target is refused when it is a symbolic link (it is
 * never followed), a directory, a device, a FIFO or a socket, a file with
 * other hard links, or the database (or its -wal, -shm, -journal) that
 * rules->db_path names, under any name.  An existing regular file is
 * replaced only with rules->force (the CLI's --force; the TUI asks first).
 * The rename never follows a link swapped in after the checks: it replaces
 * the name, not what a link points to.  A new file is created 0600; a
 * replaced file keeps its mode.  The one place in walens that writes output
 * files. */
#ifndef WALENS_REPORT_OUTFILE_H
#define WALENS_REPORT_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* What may be replaced. */
typedef struct OutFileRules {
   bool force;          /* an existing regular file may be replaced */
   const char *db_path; /* the database in use (may be NULL): never written */
   /* More databases in use (report --all --db A --db B): never written either. */
   const char *const *more_dbs;
   size_t n_more_dbs;
} OutFileRules;

typedef struct OutFile {
   FILE *fp;     /* write here between open and finish */
   char *path;   /* the name as given, NULL for stdout */
   char *base;   /* its last component */
   char *tmp;    /* the temporary file's name in the directory */
   int dirfd;    /* the target's directory, -1 for stdout */
   bool existed; /* the target existed when opened (it may be replaced) */
} OutFile;

/* True when path names stdout ("-" or NULL). */
bool OutFile_isStdout(const char *path);
/* Checks the target and opens the temporary file (or takes stdout).  rules
 * may be NULL (no --force, no database).  On failure returns false with
 * *err (caller frees) naming the file and the reason. */
bool OutFile_open(OutFile *f, const char *path, const OutFileRules *rules, char **err);
/* ok: flushes, syncs and renames into place (stdout: flushes and checks for
 * write errors).  !ok: removes the temporary file and returns false (err
 * is not touched and may be NULL).  Returns false with *err when the output
 * could not be completed; the target is then untouched.  A target that did
 * not exist at open and appeared meanwhile is not replaced. */
bool OutFile_finish(OutFile *f, bool ok, char **err);
/* "cannot write FILE: reason" or "cannot write to standard output: reason"
 * (caller frees), for a writer that failed between open and finish. */
char *OutFile_writeError(const char *path, int errnum);
/* open + write + finish. */
bool OutFile_writeBuffer(const char *path, const char *buf, size_t len, const OutFileRules *rules,
                         char **err);

#endif
