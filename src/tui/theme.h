/* theme.h: colours and glyphs by role, from one table.
 *
 * Meaning never rests on colour alone: every risk has a glyph, and the
 * monochrome attributes (used under NO_COLOR and on terminals without
 * colours) keep selection and emphasis readable.  Outside a UTF-8 locale
 * the glyphs fall back to ASCII. */
#ifndef WALENS_TUI_THEME_H
#define WALENS_TUI_THEME_H

#include <curses.h>
#include <stdbool.h>

#include "core/lens.h"

typedef enum {
   ROLE_NORMAL,
   ROLE_HEADER,   /* the top bar */
   ROLE_FOOTER,   /* the key hints */
   ROLE_KEY,      /* a key in the hints */
   ROLE_SELECTED, /* the cursor line or cell */
   ROLE_TITLE,    /* headings */
   ROLE_DIM,      /* secondary text */
   ROLE_HIGH,
   ROLE_MEDIUM,
   ROLE_NONE, /* no risk */
   ROLE_UNANSWERED,
   ROLE_NA,
   ROLE_ERROR,    /* a refused change, a failure */
   ROLE_NOTICE,   /* news: someone else changed this, saved */
   ROLE_READONLY, /* the read-only badge */
   ROLE_OVERDUE,  /* a plan item past its due date (with a '!' for monochrome) */
   ROLE_DONE,     /* a plan item done, resolved or accepted */
   ROLE_CHART,    /* trend bars */
   ROLE_COUNT
} Role;

typedef enum {
   GLYPH_CHECK_ON,  /* "[x]" */
   GLYPH_CHECK_OFF, /* "[ ]" */
   GLYPH_CHECK_NA,  /* "[-]" a practice marked not applicable */
   GLYPH_CURSOR,    /* ">" before the selected line */
   GLYPH_DOT,       /* " · " between words in a title */
   GLYPH_DASH,      /* " — " */
   GLYPH_HLINE,     /* one column of a horizontal rule */
   GLYPH_MORE_UP,   /* text continues above */
   GLYPH_MORE_DOWN, /* text continues below */
   GLYPH_REVIEW,    /* "*" a question marked for re-review after a lens upgrade */
   GLYPH_OVERDUE,   /* "!" a plan item past its due date */
   GLYPH_ARROW,     /* " → " from one value to the next */
   GLYPH_MARK,      /* "•" the milestone marked as the start of a diff */
   GLYPH_PRIORITY,  /* "★" a priority question of the workload's profile; ASCII "P" */
   GLYPH_COUNT
} Glyph;

typedef struct Theme {
   bool color; /* colours in use (terminal has them, NO_COLOR unset) */
   bool utf8;  /* UTF-8 glyphs */
   attr_t attr[ROLE_COUNT];
} Theme;

/* Fills the attributes from the table (no curses call; usable in tests). */
void Theme_setup(Theme *t, bool color, bool utf8);
/* Starts curses colours and defines the pairs; call after initscr().  Falls
 * back to monochrome when the terminal has no colours. */
void Theme_start(Theme *t);
/* True when $NO_COLOR is set and not empty (https://no-color.org). */
bool Theme_noColorEnv(void);

attr_t Theme_attr(const Theme *t, Role r);
Role Theme_riskRole(Risk r);
/* "▲" HIGH, "◆" MEDIUM, "✓" none, "·" unanswered, "–" N/A; ASCII H M + . - */
const char *Theme_riskGlyph(const Theme *t, Risk r);
/* A short word: "HIGH", "MEDIUM", "OK", "unanswered", "n/a" (translated):
 * Risk_label (core/review.h), the one table of them. */
const char *Theme_riskWord(Risk r);
const char *Theme_glyph(const Theme *t, Glyph g);

#endif
