/* outfile.h: where reports, bundles and exported lenses are written.
 *
 * A named file is written to a temporary file beside it and renamed into
 * place only once everything was written and synced: an error leaves no
 * partial file and an existing file intact.  "-" or NULL is stdout; an
 * existing target that is not a regular file (/dev/null, a FIFO) is written
 * directly.  The one place in walens that writes output files. */
#ifndef WALENS_OUTFILE_H
#define WALENS_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct OutFile {
   FILE *fp;   /* write here between open and finish */
   char *path; /* the final name (symbolic links resolved), NULL for stdout */
   char *tmp;  /* the temporary name, NULL for stdout and non-regular targets */
} OutFile;

/* True when path names stdout ("-" or NULL). */
bool OutFile_isStdout(const char *path);
/* Opens the temporary file (or takes stdout).  On failure returns false with
 * *err (caller frees) naming the file and the reason. */
bool OutFile_open(OutFile *f, const char *path, char **err);
/* ok: flushes, syncs and renames into place (stdout: flushes and checks for
 * write errors).  !ok: removes the temporary file and returns false (err
 * is not touched and may be NULL).  Returns false with *err when the output
 * could not be completed; the target is then untouched.
 * The new file gets the mode of the file it replaces, else 0666 less the
 * umask, as a shell redirection would. */
bool OutFile_finish(OutFile *f, bool ok, char **err);
/* "cannot write FILE: reason" or "cannot write to standard output: reason"
 * (caller frees), for a writer that failed between open and finish. */
char *OutFile_writeError(const char *path, int errnum);
/* open + write + finish. */
bool OutFile_writeBuffer(const char *path, const char *buf, size_t len, char **err);

#endif
