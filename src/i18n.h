/* i18n.h: the gettext macros every user-visible string goes through.
 *
 *   _("text")              translated here
 *   N_("text")             marked for translation in a static table; _() where used
 *   ngettext(one, many, n) a count in the text: the plural form for n
 *   C_("ctx", s)           translated in a context, for one English word that
 *                          other languages say in two ways (a footer's "open"
 *                          the verb, a plan status "open" the adjective); s may
 *                          be a variable holding a string marked with NC_()
 *   NC_("ctx", "text")     marked with its context in a static table
 *
 * xgettext finds them through the keywords in po/Makevars. */
#ifndef WALENS_I18N_H
#define WALENS_I18N_H

#include "config.h"

#if ENABLE_NLS
#include <libintl.h>
#include <string.h>
#define _(s) gettext(s)

/* gettext's pgettext(): the catalogue key is "CONTEXT\004TEXT"; without a
 * translation the text itself comes back. */
static inline const char *walens_pgettext(const char *ctx, const char *s)
{
   char key[256];
   size_t c = strlen(ctx), n = strlen(s);
   if (c + 1 + n + 1 > sizeof key)
      return s; /* no context is this long: nothing to look up */
   memcpy(key, ctx, c);
   key[c] = '\004';
   memcpy(key + c + 1, s, n + 1);
   const char *t = gettext(key);
   return t == key ? s : t;
}
#define C_(ctx, s) walens_pgettext(ctx, s)
#else
#define _(s) (s)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#define C_(ctx, s) (s)
#endif
/* Marks a string for extraction where it is translated later (tables). */
#define N_(s) (s)
#define NC_(ctx, s) (s)

#endif
