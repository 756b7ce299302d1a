/* diag.c: the list of diagnostics a lens load produces (see diag.h). */
#include "config.h"

#include "core/diag.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"

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

void DiagList_print(const DiagList *d, FILE *out)
{
   for (size_t i = 0; i < d->count; i++) {
      char *s = Diag_format(&d->items[i]);
      /* Messages quote the lens file, which may be a stranger's. */
      Utf8_fputs(s, out, 0);
      fputc('\n', out);
      free(s);
   }
}
