/* support.h: what the Criterion tests share: a private temporary
 * directory, removing it again without a shell, and paths into the source
 * tree (tests run from the build tree; `make check` exports top_srcdir).
 * Linked into every unit and stress test (see tests/local.mk). */
#ifndef WALENS_TESTS_SUPPORT_H
#define WALENS_TESTS_SUPPORT_H

#include <stddef.h>

/* Makes a new directory /tmp/walens-TAG-XXXXXX and writes its path into
 * buf (size bytes); fails the running test when it cannot. */
void Support_tempDir(char *buf, size_t size, const char *tag);

/* Removes path and everything below it, never following symbolic links;
 * a path that does not exist is not an error.  Fails the running test when
 * something stays behind. */
void Support_removeTree(const char *path);

/* Copies the file from to a new file to (mode 0644); fails the running
 * test when it cannot. */
void Support_copyFile(const char *from, const char *to);

/* The source tree: $top_srcdir, or "." when it is not set. */
const char *Support_topSrcdir(void);

/* top_srcdir/rel, newly allocated (the caller frees). */
char *Support_srcPath(const char *rel);

/* top_srcdir/tests/fixtures/lenses/name, newly allocated (the caller frees). */
char *Support_lensPath(const char *name);

#endif
