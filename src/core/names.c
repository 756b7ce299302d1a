/* names.c: normal forms of workload, milestone and user names (names.h). */
#include "config.h"

#include "core/names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "i18n.h"

/* The most characters (code points, after normalising) a name may have. */
static size_t namesMaxChars(NameKind kind);

static size_t namesMaxChars(NameKind kind)
{
   switch (kind) {
   case NAME_WORKLOAD: return 100;
   case NAME_MILESTONE: return 100;
   case NAME_USER: return 64;
   case NAME_TEMPLATE: return 100; /* read like a workload's name */
   }
   return 64;
}

/* A blank that separates words: after NFKC the no-break and ideographic
 * spaces are U+0020 already; the rest of Unicode's Zs stays visible as a
 * gap and is treated the same. */
static bool isBlank(ucs4_t c)
{
   return c == ' ' || uc_is_property_space(c);
}

/* Checks every character of s[0..n) (in NFKC) and writes it to out with
 * blanks trimmed and squeezed; returns the number of characters. */
static NameProblem squeeze(const uint8_t *s, size_t n, char *out, size_t *chars)
{
   size_t o = 0, count = 0;
   bool gap = false;
   for (size_t i = 0; i < n;) {
      ucs4_t c;
      int k = u8_mbtouc(&c, s + i, n - i);
      if (k <= 0)
         return NAME_BAD_UTF8;
      if (Utf8_isUnsafe(c) || Utf8_isLineBreak(c) || uc_is_general_category(c, UC_CONTROL))
         return NAME_CONTROL;
      if (uc_is_property_default_ignorable_code_point(c))
         return NAME_INVISIBLE;
      if (isBlank(c)) {
         gap = o > 0;
      } else {
         if (gap) {
            out[o++] = ' ';
            count++;
            gap = false;
         }
         memcpy(out + o, s + i, (size_t)k);
         o += (size_t)k;
         count++;
      }
      i += (size_t)k;
   }
   out[o] = '\0';
   *chars = count;
   return o ? NAME_OK : NAME_EMPTY;
}

NameProblem Names_normalize(NameKind kind, const char *name, char **out)
{
   *out = NULL;
   if (!name)
      return NAME_EMPTY;
   size_t n = strlen(name);
   if (u8_check((const uint8_t *)name, n))
      return NAME_BAD_UTF8;
   size_t len = 0;
   uint8_t *nf = u8_normalize(UNINORM_NFKC, (const uint8_t *)name, n, NULL, &len);
   if (!nf)
      return NAME_BAD_UTF8; /* out of memory, or invalid */
   char *res = xmalloc(len + 1);
   size_t chars = 0;
   NameProblem p = squeeze(nf, len, res, &chars);
   free(nf);
   if (p == NAME_OK && chars > namesMaxChars(kind))
      p = NAME_TOO_LONG;
   if (p != NAME_OK) {
      free(res);
      return p;
   }
   *out = res;
   return NAME_OK;
}

bool Names_isNormal(NameKind kind, const char *name)
{
   char *n = NULL;
   bool same = Names_normalize(kind, name, &n) == NAME_OK && strcmp(n, name) == 0;
   free(n);
   return same;
}

static const char *kindWord(NameKind kind)
{
   switch (kind) {
   case NAME_WORKLOAD: return _("workload name");
   case NAME_MILESTONE: return _("milestone name");
   case NAME_USER: return _("user name");
   case NAME_TEMPLATE: return _("template name");
   }
   return "";
}

char *Names_check(NameKind kind, const char *name, char **out)
{
   NameProblem p = Names_normalize(kind, name, out);
   if (p == NAME_OK)
      return NULL;
   char *why = Names_problemText(kind, p);
   char *msg = xasprintf(_("invalid %s '%s': %s"), kindWord(kind), name ? name : "", why);
   free(why);
   return msg;
}

char *Names_problemText(NameKind kind, NameProblem p)
{
   switch (p) {
   case NAME_OK: return xstrdup(_("no problem"));
   case NAME_BAD_UTF8: return xstrdup(_("not valid UTF-8"));
   case NAME_EMPTY: return xstrdup(_("empty, or only blanks"));
   case NAME_CONTROL:
      return xstrdup(_("holds a line break, a control character or a bidi control"));
   case NAME_INVISIBLE:
      return xstrdup(_("holds an invisible character (a zero-width space or joiner, a soft "
                       "hyphen, a variation selector)"));
   case NAME_TOO_LONG: return xasprintf(_("longer than %zu characters"), namesMaxChars(kind));
   }
   return xstrdup("?");
}

char *Names_allowedText(NameKind kind)
{
   return xasprintf(_("a %s is 1 to %zu characters in any script (letters, digits, blanks, "
                      "punctuation); no line breaks, control or invisible characters; blanks "
                      "at either end are dropped"),
                    kindWord(kind), namesMaxChars(kind));
}
