/* i18n.h: the gettext macros every user-visible string goes through. */
#ifndef WALENS_I18N_H
#define WALENS_I18N_H

#include "config.h"

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif
/* Marks a string for extraction where it is translated later (tables). */
#define N_(s) (s)

#endif
