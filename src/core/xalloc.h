/* xalloc.h: allocation that never returns NULL.
 *
 * Out of memory is not recoverable for an interactive tool: the helpers call
 * the fatal hook (the TUI registers one that restores the terminal), print
 * "walens: out of memory" and abort.  Everything returned is owned by the
 * caller and released with free(). */
#ifndef WALENS_XALLOC_H
#define WALENS_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Grows an array of *cap elements of elsize bytes so that it holds at least need. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elsize);
char *xstrdup(const char *s); /* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The hook runs once before an abort caused by exhausted memory.  Set by the
 * program's entry point (the TUI), never by library code. */
void Xalloc_setFatalHook(void (*hook)(void));

#endif
