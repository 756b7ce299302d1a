/* xalloc.c: allocation helpers that never return NULL (see xalloc.h). */
#include "config.h"

#include "core/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set once by the program's entry point before anything allocates; read only
 * on the way to abort(). */
static void (*fatal_hook)(void);

void Xalloc_setFatalHook(void (*hook)(void))
{
   fatal_hook = hook;
}

static void fail(void)
{
   if (fatal_hook) {
      void (*hook)(void) = fatal_hook;
      fatal_hook = NULL; /* never re-enter if the hook itself runs out */
      hook();
   }
   fputs("walens: out of memory\n", stderr);
   abort();
}

void *xmalloc(size_t size)
{
   void *p = malloc(size ? size : 1);
   if (!p)
      fail();
   return p;
}

void *xcalloc(size_t n, size_t size)
{
   void *p = calloc(n ? n : 1, size ? size : 1);
   if (!p)
      fail();
   return p;
}

void *xrealloc(void *p, size_t size)
{
   void *q = realloc(p, size ? size : 1);
   if (!q)
      fail();
   return q;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t elsize)
{
   if (need <= *cap)
      return p;
   size_t n = *cap ? *cap : 8;
   while (n < need) {
      if (n > SIZE_MAX / 2)
         fail();
      n *= 2;
   }
   if (elsize && n > SIZE_MAX / elsize)
      fail();
   p = xrealloc(p, n * elsize);
   *cap = n;
   return p;
}

char *xstrdup(const char *s)
{
   if (!s)
      return NULL;
   return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
   size_t len = strnlen(s, n);
   char *p = xmalloc(len + 1);
   memcpy(p, s, len);
   p[len] = '\0';
   return p;
}

char *xasprintf(const char *fmt, ...)
{
   va_list ap, ap2;
   va_start(ap, fmt);
   va_copy(ap2, ap);
   int n = vsnprintf(NULL, 0, fmt, ap);
   va_end(ap);
   if (n < 0) {
      va_end(ap2);
      fail();
   }
   char *s = xmalloc((size_t)n + 1);
   vsnprintf(s, (size_t)n + 1, fmt, ap2);
   va_end(ap2);
   return s;
}
