/* chrome.c: what frames every screen: the top bar, the footer, the notice
 * for a terminal that is too small. */
#include "config.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/actions.h"
#include "tui/lead.h"
#include "tui/lib/layout.h"
#include "tui/lib/when.h"
#include "tui/screens.h"
#include "tui/text.h"

char *Chrome_changedBy(const App *app, const StoredAnswer *s)
{
   char ago[64];

   if (s->version <= 0)
      return xstrdup(_("not answered yet"));
   return xasprintf(_("changed by %s%s%s"), s->updated_by ? s->updated_by : "?",
                    Theme_glyph(&app->theme, GLYPH_DOT),
                    When_ago(s->updated_at, app->now, ago, sizeof ago));
}

int Chrome_risk(App *app, int y, int x, int width, Risk r, bool word)
{
   attr_t a = Theme_attr(&app->theme, Theme_riskRole(r));
   int used = Text_draw(stdscr, y, x, width, Theme_riskGlyph(&app->theme, r), a);

   /* The blank in the word's attributes too: one run, no change between. */
   if (word && width > used + 1) {
      used += Text_draw(stdscr, y, x + used, 1, " ", a);
      used += Text_draw(stdscr, y, x + used, width - used, Theme_riskWord(r), a);
   }
   return used;
}

/* "bob@Q3, carol@Q1 (payments), dave (read-only) | 3 here": who else has
 * the database open, and where, observers marked; then how many people are
 * on this workload, this session included (the count is always there, "1
 * here" alone).  With elsewhere false, the questions of other workloads are
 * left out ("carol (payments)"), for a narrow bar. */
static char *presenceText(App *app, bool elsewhere)
{
   const char *here = app->have_doc ? app->doc.workload.name : NULL;
   char **items = xcalloc(app->n_others + 1, sizeof *items);
   size_t n = 0;
   char *out = NULL;

   for (size_t i = 0; i < app->n_others; i++) {
      const Presence *p = &app->others[i];
      char *item;
      bool dup = false;
      if (here && p->workload && strcmp(p->workload, here) == 0)
         item = p->question ? xasprintf("%s@%s", p->user, p->question) : xstrdup(p->user);
      else if (p->workload && p->question && elsewhere)
         item = xasprintf("%s@%s (%s)", p->user, p->question, p->workload);
      else if (p->workload)
         item = xasprintf("%s (%s)", p->user, p->workload);
      else
         item = xstrdup(p->user);
      if (p->read_only) { /* an observer is here too, but only watches */
         char *ro = xasprintf(_("%s (read-only)"), item);
         free(item);
         item = ro;
      }
      for (size_t k = 0; k < n; k++) /* one process per user and place is enough */
         dup = dup || strcmp(items[k], item) == 0;
      if (dup)
         free(item);
      else
         items[n++] = item;
   }
   for (size_t k = 0; k < n; k++) {
      char *joined = out ? xasprintf("%s, %s", out, items[k]) : xstrdup(items[k]);
      free(out);
      free(items[k]);
      out = joined;
   }
   free(items);
   if (out) { /* the names, then always how many are on this workload */
      char *t = xasprintf(_("%s | %zu here"), out, Roster_hereCount(app));
      free(out);
      out = t;
   } else {
      out = xasprintf(_("%zu here"), Roster_hereCount(app));
   }
   return out;
}

void Chrome_header(App *app)
{
   attr_t bar = Theme_attr(&app->theme, ROLE_HEADER);
   int x = 1, cols = app->cols;
   char *right = presenceText(app, true);
   int right_w = right ? WText_widthStr(right) : 0;
   int limit;
   char *poll = PollView_header(app); /* "poll: 2 of 3 voted", first on the right */
   /* Alone, "1 here" takes only the room the rest leaves: it never cuts the
    * workload, the lens or a badge.  A poll or the workshop's words are
    * never alone: they keep their room. */
   bool alone = app->n_others == 0 && !poll;

   Text_fill(stdscr, 0, 0, cols, bar);
   if (right_w > cols / 2) { /* the questions elsewhere give way first */
      free(right);
      right = presenceText(app, false);
      right_w = right ? WText_widthStr(right) : 0;
   }
   if (right_w > cols / 2) { /* too many to name: how many, and W lists them */
      free(right);
      right = xasprintf(_("%zu here (W: who)"), Roster_hereCount(app));
      right_w = WText_widthStr(right);
   }
   if (poll) {
      char *both = right ? xasprintf("%s%s%s", poll, Theme_glyph(&app->theme, GLYPH_DOT), right)
                         : xstrdup(poll);
      free(right);
      free(poll);
      right = both;
      right_w = WText_widthStr(right);
   }
   if (right_w > cols / 2)
      right_w = cols / 2;
   {
      /* The workshop's words (lead.c) come before who is here. */
      char *with = Lead_header(app, right, cols - 24);
      if (with != right) {
         right = with;
         alone = false;
         right_w = with ? WText_widthStr(with) : 0;
         if (right_w > cols - 24)
            right_w = cols - 24;
      }
   }
   limit = cols - 1 - (right_w && !alone ? right_w + 2 : 0);
   x += Text_draw(stdscr, 0, x, limit - x, "walens", bar | A_BOLD);
   if (app->read_only) {
      x += 1;
      x += Text_draw(stdscr, 0, x, limit - x, _(" read-only "),
                     Theme_attr(&app->theme, ROLE_READONLY));
   }
   if (app->have_doc && App_screen(app) != SCREEN_WORKLOADS) {
      const Lens *l = app->doc.lens;
      char *lens = l->version ? xasprintf("%s %s", l->name, l->version) : xstrdup(l->name);
      x += 2;
      x += Text_draw(stdscr, 0, x, limit - x, app->doc.workload.name, bar | A_BOLD);
      x += 2;
      if (app->sv.active) { /* a milestone on screen: say so, whatever is above it */
         const Snapshot *sn = &app->sv.ms.snap;
         char *badge = xasprintf(_(" milestone %s (read-only) "), app->sv.ms.row.name);
         char *then = sn->lens_name
                         ? (sn->lens_version ? xasprintf("%s %s", sn->lens_name, sn->lens_version)
                                             : xstrdup(sn->lens_name))
                         : xstrdup(lens);
         /* The lens it was taken on (an upgrade may have changed it since),
          * cut before the badge is. */
         int room = limit - x - WText_widthStr(badge) - 2;
         if (room >= 4)
            x += Text_draw(stdscr, 0, x, room, then, bar) + 2;
         x += Text_draw(stdscr, 0, x, limit - x, badge, Theme_attr(&app->theme, ROLE_READONLY));
         free(then);
         free(badge);
      } else if (app->doc.lens_from_bundle) {
         /* Not a lens anyone here chose: the badge stays, the name is cut. */
         const char *badge = _(" from a bundle ");
         int room = limit - x - WText_widthStr(badge) - 1;
         if (room >= 4)
            x += Text_draw(stdscr, 0, x, room, lens, bar) + 1;
         x += Text_draw(stdscr, 0, x, limit - x, badge, Theme_attr(&app->theme, ROLE_READONLY));
      } else {
         x += Text_draw(stdscr, 0, x, limit - x, lens, bar);
      }
      free(lens);
   } else {
      x += 2;
      x += Text_draw(stdscr, 0, x, limit - x, app->opts->db_path, bar);
   }
   if (right && (!alone || x + 2 + right_w <= cols - 1))
      Text_draw(stdscr, 0, cols - 1 - right_w, right_w, right, bar);
   free(right);
}

/* "k word" for one action; returns the columns it takes (0 when it does not
 * fit before limit). */
static int drawHint(App *app, int y, int x, int limit, const Action *a, ScreenId s)
{
   attr_t key = Theme_attr(&app->theme, ROLE_KEY), txt = Theme_attr(&app->theme, ROLE_FOOTER);
   char label[64];
   const char *hint = _(a->hint);
   int w;

   Input_keyName(a->keys[0], app->theme.utf8, label, sizeof label);
   if (strcmp(a->name, "previous-question") == 0) { /* the left/right pair reads as one hint */
      char next[16];
      size_t n;
      Input_keyName(KFN(KEY_LEFT), app->theme.utf8, label, sizeof label);
      n = strlen(label);
      snprintf(label + n, sizeof label - n, "/%s",
               Input_keyName(KFN(KEY_RIGHT), app->theme.utf8, next, sizeof next));
      /* "Left/Right" is too long to keep its place on a narrow screen:
       * outside UTF-8 the footer names the other keys of the pair. */
      if (!app->theme.utf8)
         snprintf(label, sizeof label, "h/l");
   }
   if (s == SCREEN_WORKLOADS && strcmp(a->name, "back") == 0)
      hint = _("quit");
   w = WText_widthStr(label) + 1 + WText_widthStr(hint);
   if (x + w > limit)
      return 0;
   Text_draw(stdscr, y, x, limit - x, label, key);
   Text_draw(stdscr, y, x + WText_widthStr(label) + 1, limit - x, hint, txt);
   return w;
}

static bool isLast(const Action *a)
{
   return strcmp(a->name, "help") == 0 || strcmp(a->name, "back") == 0;
}

/* The message in the footer; one that does not fit one line wraps upwards
 * over the body's last lines (half the body at most, the rest cut), so
 * that an undo's or a clash's words read whole until the next key.  The
 * loop redraws the body under it once it goes (app->msg_rows). */
static void drawMessage(App *app)
{
   attr_t a = Theme_attr(&app->theme, app->msg_role);
   int width = app->cols - 2, most = (app->lines - 2) / 2, rows;
   size_t n, nl;
   wchar_t *ws = WText_cleanStr(app->msg, 0, &n);
   TextLine *tl;

   nl = WText_wrap(ws, n, width, &tl);
   rows = nl < (size_t)most ? (int)nl : most;
   if (rows < 1)
      rows = 1;
   for (int i = 0; i < rows; i++) {
      int y = app->lines - rows + i;
      /* The last line it has room for takes the rest, cut with an ellipsis. */
      size_t len = i == rows - 1 ? n - tl[i].start : tl[i].len;
      Text_fill(stdscr, y, 0, app->cols, a);
      Text_drawW(stdscr, y, 1, width, ws + tl[i].start, len, a, true);
   }
   app->msg_rows = rows;
   free(tl);
   free(ws);
}

void Chrome_footer(App *app)
{
   int y = app->lines - 1, x = 1, tail = 0, limit;
   ScreenId s = App_screen(app);

   Text_fill(stdscr, y, 0, app->cols, A_NORMAL);
   if (app->prompt.active) {
      Prompt_draw(app, y);
      return;
   }
   app->msg_rows = 0;
   if (app->msg) {
      drawMessage(app);
      return;
   }
   /* The screen's own keys first; help and back always keep their place at
    * the end. */
   for (size_t i = 0; i < Actions_count(); i++) {
      const Action *a = Actions_get(i);
      if ((a->flags & ACTION_FOOTER) && (a->screens & SCREEN_BIT(s)) && isLast(a))
         tail += WText_widthStr(_(a->hint)) + 4;
   }
   limit = app->cols - 1 - tail;
   for (int pass = 0; pass < 2; pass++) {
      for (size_t i = 0; i < Actions_count(); i++) {
         const Action *a = Actions_get(i);
         int w;
         if (!(a->flags & ACTION_FOOTER) || !(a->screens & SCREEN_BIT(s)) || !a->hint ||
             isLast(a) != (pass == 1))
            continue;
         if ((a->flags & ACTION_WRITES) && app->read_only)
            continue;
         w = drawHint(app, y, x, pass ? app->cols - 1 : limit, a, s);
         if (w)
            x += w + 2;
      }
   }
}

void Chrome_tooSmall(App *app)
{
   char *msg = xasprintf(_("walens needs %dx%d; this terminal is %dx%d"), LAYOUT_MIN_COLS,
                         LAYOUT_MIN_LINES, app->cols, app->lines);
   int w = WText_widthStr(msg), y = app->lines / 2;
   int x = w < app->cols ? (app->cols - w) / 2 : 0;

   Text_draw(stdscr, y > 0 ? y - 1 : 0, x, app->cols - x, msg, A_BOLD);
   free(msg);
   msg = xstrdup(_("Enlarge it, or press q to quit"));
   w = WText_widthStr(msg);
   x = w < app->cols ? (app->cols - w) / 2 : 0;
   Text_draw(stdscr, y + 1 < app->lines ? y + 1 : y, x, app->cols - x, msg, A_NORMAL);
   free(msg);
}
