/* diag.c: the list of diagnostics a lens load produces (see diag.h). */
#include "config.h"

#include "core/diag.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "i18n.h"

void DiagList_init(DiagList *d)
{
   memset(d, 0, sizeof *d);
}

void DiagList_free(DiagList *d)
{
   for (size_t i = 0; i < d->count; i++) {
      free(d->items[i].file);
      free(d->items[i].path);
      free(d->items[i].message);
   }
   free(d->items);
   DiagList_init(d);
}

__attribute__((format(printf, 1, 0))) static char *vformat(const char *fmt, va_list ap)
{
   va_list ap2;
   va_copy(ap2, ap);
   int n = vsnprintf(NULL, 0, fmt, ap2);
   va_end(ap2);
   if (n < 0)
      return xstrdup(fmt);
   char *s = xmalloc((size_t)n + 1);
   vsnprintf(s, (size_t)n + 1, fmt, ap);
   return s;
}

void DiagList_vadd(DiagList *d, DiagLevel level, const char *file, unsigned line, unsigned col,
                   const char *path, const char *fmt, va_list ap)
{
   d->items = xgrow(d->items, &d->cap, d->count + 1, sizeof *d->items);
   Diag *g = &d->items[d->count++];
   g->level = level;
   g->file = xstrdup(file ? file : "");
   g->line = line;
   /* A position always names a real column, even when a parser says 0. */
   g->col = line && !col ? 1 : col;
   g->path = path && *path ? xstrdup(path) : NULL;
   g->message = vformat(fmt, ap);
   if (level == DIAG_ERROR)
      d->errors++;
   else
      d->warnings++;
}

void DiagList_add(DiagList *d, DiagLevel level, const char *file, unsigned line, unsigned col,
                  const char *path, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   DiagList_vadd(d, level, file, line, col, path, fmt, ap);
   va_end(ap);
}

char *Diag_format(const Diag *d)
{
   const char *level = d->level == DIAG_ERROR ? "error" : "warning";
   if (d->line && d->path)
      return xasprintf("%s:%u:%u: %s: %s: %s", d->file, d->line, d->col, level, d->path,
                       d->message);
   if (d->line)
      return xasprintf("%s:%u:%u: %s: %s", d->file, d->line, d->col, level, d->message);
   if (d->path)
      return xasprintf("%s: %s: %s: %s", d->file, level, d->path, d->message);
   return xasprintf("%s: %s: %s", d->file, level, d->message);
}

/* Reading order: by file, then position; a diagnostic without a position
 * (a file that cannot be read) first; ties keep the order of addition. */
typedef struct Ref {
   const Diag *g;
   size_t i; /* index in the list: ties keep the order of addition */
} Ref;

static int byPosition(const void *a, const void *b)
{
   const Ref *p = a, *q = b;
   const Diag *x = p->g, *y = q->g;
   size_t i = p->i, j = q->i;
   int c = strcmp(x->file, y->file);
   if (c)
      return c;
   if (x->line != y->line)
      return x->line < y->line ? -1 : 1;
   if (x->col != y->col)
      return x->col < y->col ? -1 : 1;
   return i < j ? -1 : i > j;
}

/* Warnings that say the same thing about the same file fold together;
 * errors never do, as each one names a place that must change. */
static int bySameWarning(const void *a, const void *b)
{
   const Ref *p = a, *q = b;
   const Diag *x = p->g, *y = q->g;
   size_t i = p->i, j = q->i;
   if (x->level != y->level)
      return x->level < y->level ? -1 : 1;
   int c = x->level == DIAG_WARNING ? strcmp(x->file, y->file) : 0;
   if (!c && x->level == DIAG_WARNING)
      c = strcmp(x->message, y->message);
   if (c)
      return c;
   return i < j ? -1 : i > j;
}

static bool sameWarning(const Diag *x, const Diag *y)
{
   return x->level == DIAG_WARNING && y->level == DIAG_WARNING && strcmp(x->file, y->file) == 0 &&
          strcmp(x->message, y->message) == 0;
}

/* repeats[i]: how many diagnostics item i stands for when printed (0: it
 * is folded into an earlier one).  rank[] is the reading order. */
static void foldRepeats(const DiagList *d, const size_t *rank, size_t *repeats)
{
   Ref *group = xcalloc(d->count, sizeof *group);
   for (size_t i = 0; i < d->count; i++)
      group[i] = (Ref){&d->items[i], i};
   qsort(group, d->count, sizeof *group, bySameWarning);
   for (size_t start = 0; start < d->count;) {
      size_t end = start + 1;
      while (end < d->count && sameWarning(group[start].g, group[end].g))
         end++;
      size_t first = group[start].i;
      for (size_t k = start; k < end; k++) {
         repeats[group[k].i] = 0;
         if (rank[group[k].i] < rank[first])
            first = group[k].i;
      }
      repeats[first] = end - start;
      start = end;
   }
   free(group);
}

static void printOne(const Diag *g, size_t repeats, bool warningsAsErrors, FILE *out)
{
   Diag shown = *g;
   if (warningsAsErrors)
      shown.level = DIAG_ERROR;
   char *fold = NULL;
   if (repeats > 1) {
      fold = xasprintf(ngettext("%s (%zu time; the first is shown)",
                                "%s (%zu times; the first is shown)", repeats),
                       g->message, repeats);
      shown.message = fold;
   }
   char *s = Diag_format(&shown);
   /* Messages quote the lens file, which may be a stranger's: one
    * diagnostic, one line, whatever line breaks an id or title holds. */
   Utf8_fputs(s, out, UTF8_ONE_LINE);
   fputc('\n', out);
   free(s);
   free(fold);
}

void DiagList_printAs(const DiagList *d, FILE *out, bool warningsAsErrors)
{
   if (!d->count)
      return;
   Ref *order = xcalloc(d->count, sizeof *order);
   size_t *rank = xcalloc(d->count, sizeof *rank);
   size_t *repeats = xcalloc(d->count, sizeof *repeats);
   for (size_t i = 0; i < d->count; i++)
      order[i] = (Ref){&d->items[i], i};
   qsort(order, d->count, sizeof *order, byPosition);
   for (size_t i = 0; i < d->count; i++)
      rank[order[i].i] = i;
   foldRepeats(d, rank, repeats);
   for (size_t i = 0; i < d->count; i++)
      if (repeats[order[i].i])
         printOne(order[i].g, repeats[order[i].i], warningsAsErrors, out);
   free(order);
   free(rank);
   free(repeats);
}

void DiagList_print(const DiagList *d, FILE *out)
{
   DiagList_printAs(d, out, false);
}
