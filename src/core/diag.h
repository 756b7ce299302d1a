/* diag.h: diagnostics about lens files ("FILE:LINE:COL: error: message").
 *
 * A DiagList owns its entries and every string in them. */
#ifndef WALENS_CORE_DIAG_H
#define WALENS_CORE_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { DIAG_WARNING, DIAG_ERROR } DiagLevel;

typedef struct Diag {
   DiagLevel level;
   char *file;         /* as the user named it */
   unsigned line, col; /* 1-based; 0 when there is no position (a file that cannot be read) */
   char *path;         /* "pillars[1].questions[3]" (JSON files, exports) or NULL */
   char *message;      /* translated, no trailing newline */
} Diag;

typedef struct DiagList {
   Diag *items;
   size_t count, cap;
   size_t errors, warnings;
} DiagList;

void DiagList_init(DiagList *d);
void DiagList_free(DiagList *d);
void DiagList_add(DiagList *d, DiagLevel level, const char *file, unsigned line, unsigned col,
                  const char *path, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void DiagList_vadd(DiagList *d, DiagLevel level, const char *file, unsigned line, unsigned col,
                   const char *path, const char *fmt, va_list ap)
   __attribute__((format(printf, 7, 0)));

/* "FILE:LINE:COL: error: message", "FILE:LINE:COL: error: PATH: message"
 * with a path, or "FILE: error: PATH: message" without a position.  The
 * words error and warning stay untranslated so that editors and scripts can
 * parse them.  Returns a string the caller frees. */
char *Diag_format(const Diag *d);
/* Prints every diagnostic, one a line, by file and position (those without
 * a position first), with the control characters and bidi overrides a lens
 * file may hold replaced (Utf8_fputs in core/utf8.h).  Warnings with the
 * same message about the same file print once, at the first position, with
 * their count: a lens that puts one unknown key on every question should
 * say so once, not ninety times. */
void DiagList_print(const DiagList *d, FILE *out);
/* The same, with every warning printed as an error (lens check --strict). */
void DiagList_printAs(const DiagList *d, FILE *out, bool warningsAsErrors);

#endif
