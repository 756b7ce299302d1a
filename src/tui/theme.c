/* theme.c: the role table (see theme.h). */
#include "config.h"

#include "tui/theme.h"

#include <stdlib.h>

#include "core/review.h"

typedef struct RoleDef {
   short fg, bg; /* -1: the terminal's default */
   attr_t color; /* extra attributes with colours */
   attr_t mono;  /* attributes without colours */
} RoleDef;

/* Indexed by Role.  Colour pair n+1 belongs to role n. */
static const RoleDef roles[ROLE_COUNT] = {
   [ROLE_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
   [ROLE_HEADER] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
   [ROLE_FOOTER] = {-1, -1, A_NORMAL, A_NORMAL},
   [ROLE_KEY] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
   [ROLE_SELECTED] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
   [ROLE_TITLE] = {-1, -1, A_BOLD, A_BOLD},
   [ROLE_DIM] = {-1, -1, A_DIM, A_DIM},
   [ROLE_HIGH] = {COLOR_RED, -1, A_BOLD, A_BOLD},
   [ROLE_MEDIUM] = {COLOR_YELLOW, -1, A_NORMAL, A_NORMAL},
   [ROLE_NONE] = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
   [ROLE_UNANSWERED] = {-1, -1, A_DIM, A_DIM},
   [ROLE_NA] = {COLOR_BLUE, -1, A_NORMAL, A_DIM},
   [ROLE_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD},
   [ROLE_NOTICE] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
   [ROLE_READONLY] = {COLOR_WHITE, COLOR_MAGENTA, A_BOLD, A_BOLD},
   [ROLE_OVERDUE] = {COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE},
   [ROLE_DONE] = {COLOR_GREEN, -1, A_NORMAL, A_DIM},
   [ROLE_CHART] = {COLOR_CYAN, -1, A_NORMAL, A_NORMAL},
};

void Theme_setup(Theme *t, bool color, bool utf8)
{
   t->color = color;
   t->utf8 = utf8;
   for (int i = 0; i < ROLE_COUNT; i++)
      t->attr[i] = color ? (roles[i].color | (attr_t)COLOR_PAIR(i + 1)) : roles[i].mono;
   if (color)
      t->attr[ROLE_NORMAL] = A_NORMAL;
}

bool Theme_noColorEnv(void)
{
   const char *v = getenv("NO_COLOR");
   return v && v[0];
}

void Theme_start(Theme *t)
{
   bool color = t->color && has_colors() && start_color() == OK;

   if (color) {
      bool defaults = use_default_colors() == OK;
      for (int i = 0; i < ROLE_COUNT; i++) {
         short fg = roles[i].fg, bg = roles[i].bg;
         if (!defaults) {
            fg = fg < 0 ? COLOR_WHITE : fg;
            bg = bg < 0 ? COLOR_BLACK : bg;
         }
         if (init_pair((short)(i + 1), fg, bg) != OK)
            color = false;
      }
   }
   Theme_setup(t, color, t->utf8);
}

attr_t Theme_attr(const Theme *t, Role r)
{
   return t->attr[r];
}

Role Theme_riskRole(Risk r)
{
   switch (r) {
   case RISK_HIGH: return ROLE_HIGH;
   case RISK_MEDIUM: return ROLE_MEDIUM;
   case RISK_NONE: return ROLE_NONE;
   case RISK_NOT_APPLICABLE: return ROLE_NA;
   case RISK_UNANSWERED:
   default: return ROLE_UNANSWERED;
   }
}

const char *Theme_riskGlyph(const Theme *t, Risk r)
{
   static const char *const utf8[RISK_COUNT] = {
      [RISK_UNANSWERED] = "\xc2\xb7",         /* · */
      [RISK_HIGH] = "\xe2\x96\xb2",           /* ▲ */
      [RISK_MEDIUM] = "\xe2\x97\x86",         /* ◆ */
      [RISK_NONE] = "\xe2\x9c\x93",           /* ✓ */
      [RISK_NOT_APPLICABLE] = "\xe2\x80\x93", /* – */
   };
   static const char *const ascii[RISK_COUNT] = {
      [RISK_UNANSWERED] = ".", [RISK_HIGH] = "H",           [RISK_MEDIUM] = "M",
      [RISK_NONE] = "+",       [RISK_NOT_APPLICABLE] = "-",
   };
   if ((int)r < 0 || r >= RISK_COUNT)
      r = RISK_UNANSWERED;
   return t->utf8 ? utf8[r] : ascii[r];
}

const char *Theme_riskWord(Risk r)
{
   return Risk_label(r);
}

const char *Theme_glyph(const Theme *t, Glyph g)
{
   static const char *const utf8[GLYPH_COUNT] = {
      [GLYPH_CHECK_ON] = "[x]",
      [GLYPH_CHECK_OFF] = "[ ]",
      [GLYPH_CHECK_NA] = "[-]",
      [GLYPH_CURSOR] = ">",
      [GLYPH_DOT] = " \xc2\xb7 ",
      [GLYPH_DASH] = " \xe2\x80\x94 ",
      [GLYPH_HLINE] = "\xe2\x94\x80",
      [GLYPH_MORE_UP] = "\xe2\x86\x91",
      [GLYPH_MORE_DOWN] = "\xe2\x86\x93",
      [GLYPH_REVIEW] = "*",
      [GLYPH_OVERDUE] = "!",
      [GLYPH_ARROW] = " \xe2\x86\x92 ",
      [GLYPH_MARK] = "\xe2\x80\xa2",
      [GLYPH_PRIORITY] = "\xe2\x98\x85",
   };
   static const char *const ascii[GLYPH_COUNT] = {
      [GLYPH_CHECK_ON] = "[x]", [GLYPH_CHECK_OFF] = "[ ]", [GLYPH_CHECK_NA] = "[-]",
      [GLYPH_CURSOR] = ">",     [GLYPH_DOT] = " - ",       [GLYPH_DASH] = " - ",
      [GLYPH_HLINE] = "-",      [GLYPH_MORE_UP] = "^",     [GLYPH_MORE_DOWN] = "v",
      [GLYPH_REVIEW] = "*",     [GLYPH_OVERDUE] = "!",     [GLYPH_ARROW] = " -> ",
      [GLYPH_MARK] = "*",       [GLYPH_PRIORITY] = "P",
   };
   return t->utf8 ? utf8[g] : ascii[g];
}
