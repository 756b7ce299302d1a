/* milestonedash.c: a milestone on a dashboard of its own, read-only: the
 * matrix of the risks its snapshot froze, drawn by dashboard.c; Enter lists
 * a cell's questions as they were on the pager. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/screens.h"
#include "tui/text.h"

static void snapDash(App *app, Dash *d)
{
   d->app = app;
   d->m = &app->sv.matrix;
   d->snap = &app->sv.ms.snap;
   d->row = &app->sv.row;
   d->col = &app->sv.col;
   d->first_row = &app->sv.first_row;
   d->first_col = &app->sv.first_col;
}

void MilestoneDash_close(App *app)
{
   SnapView *sv = &app->sv;

   if (sv->active) {
      Matrix_free(&sv->matrix);
      MilestoneSnap_free(&sv->ms);
   }
   memset(sv, 0, sizeof *sv);
}

Stale MilestoneDash_enter(App *app, const char *name)
{
   char *err = NULL;

   MilestoneDash_close(app);
   if (StorePlan_milestone(app->store, &app->doc, name, &app->sv.ms, &err) != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Cannot open the milestone: %s"), err ? err : "?");
      free(err);
      return STALE_FOOTER;
   }
   app->sv.active = true;
   Snapshot_matrix(&app->sv.ms.snap, &app->sv.matrix);
   App_push(app, SCREEN_SNAPSHOT);
   App_message(app, ROLE_NOTICE, _("Milestone '%s' as it was: read-only (Enter lists a cell)"),
               app->sv.ms.row.name);
   return STALE_ALL;
}

void MilestoneDash_draw(App *app, int top, int height)
{
   Dash d;

   (void)height;
   if (!app->sv.active)
      return;
   snapDash(app, &d);
   Dashboard_drawDash(&d, top);
}

Stale MilestoneDash_move(App *app, Move m)
{
   Dash d;

   snapDash(app, &d);
   return Dashboard_moveDash(&d, m);
}

Stale MilestoneDash_open(App *app)
{
   Dash d;

   snapDash(app, &d);
   return Dashboard_openDash(&d);
}

Stale MilestoneDash_click(App *app, int y, int x, bool again)
{
   Dash d;

   snapDash(app, &d);
   return Dashboard_clickDash(&d, y, x, again);
}

static const char *orDash(const char *s)
{
   return s && *s ? s : "-";
}

Stale MilestoneDash_openCell(App *app, size_t row, size_t col)
{
   const Snapshot *s = &app->sv.ms.snap;
   const Matrix *m = &app->sv.matrix;
   char *title;
   size_t shown = 0;

   title = xasprintf(_("Milestone '%s' (read-only)"), app->sv.ms.row.name);
   Pager_begin(app, title);
   free(title);
   for (size_t i = 0; i < s->n_questions; i++) {
      const SnapQuestion *q = &s->questions[i];
      size_t r = q->phase >= 0 && (size_t)q->phase < m->rows ? (size_t)q->phase : 0;
      if ((row < m->rows && r != row) || (col < m->cols && q->pillar != col))
         continue;
      if (shown++)
         Pager_addText(app, ROLE_NORMAL, 0, "");
      Pager_add(app, Theme_riskRole(q->risk), 0, "%s %s  %s  %s",
                Theme_riskGlyph(&app->theme, q->risk), Theme_riskWord(q->risk), q->id,
                orDash(q->title));
      if (q->not_applicable)
         Pager_add(app, ROLE_NA, 2, _("Not applicable: %s"), NaReason_label(q->reason));
      for (size_t c = 0; c < q->n_choices; c++) {
         const SnapChoice *ch = &q->choices[c];
         Pager_add(app, ch->state == CHOICE_NA ? ROLE_DIM : ROLE_NORMAL, 2, "%s %s  %s",
                   Theme_glyph(&app->theme, ch->state == CHOICE_SELECTED ? GLYPH_CHECK_ON
                                            : ch->state == CHOICE_NA     ? GLYPH_CHECK_NA
                                                                         : GLYPH_CHECK_OFF),
                   ch->weight == WEIGHT_HIGH     ? "H"
                   : ch->weight == WEIGHT_MEDIUM ? "M"
                                                 : " ",
                   orDash(ch->title));
      }
      if (q->notes && *q->notes)
         Pager_add(app, ROLE_NORMAL, 2, _("Notes: %s"), q->notes);
   }
   if (shown == 0)
      Pager_addText(app, ROLE_DIM, 0, _("No questions here."));
   Pager_show(app, SCREEN_PAGER);
   return STALE_ALL;
}
