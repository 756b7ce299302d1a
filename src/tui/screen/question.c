/* question.c: one question: its text, its practices as a checklist, the
 * live risk, not applicable, notes, who changed it last.  Every change is
 * committed at once. */
#include "config.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "store/template.h"
#include "tui/lib/draft.h"
#include "tui/lib/layout.h"
#include "tui/screens.h"
#include "tui/text.h"
#include "tui/lib/when.h"

/* The newest changes the screen lists where there is room (H shows all). */
#define QUESTION_CHANGES 3

static const Question *current(const App *app)
{
   return &app->doc.lens->questions[app->q];
}

/* A wrapped, cleaned text: the string and its lines. */
typedef struct Wrapped {
   wchar_t *s;
   size_t n, nl;
   TextLine *lines;
} Wrapped;

static void wrap(Wrapped *w, const char *text, int width)
{
   w->s = WText_cleanStr(text, TEXT_MULTILINE, &w->n);
   while (w->n > 0 && (w->s[w->n - 1] == L'\n' || w->s[w->n - 1] == L' '))
      w->n--; /* YAML block scalars end in a newline */
   w->s[w->n] = L'\0';
   w->nl = w->n ? WText_wrap(w->s, w->n, width, &w->lines) : 0;
   if (!w->n)
      w->lines = NULL;
}

static void unwrap(Wrapped *w)
{
   free(w->s);
   free(w->lines);
}

/* Draws lines [first, first+h) of w at y; the last shown line gets an
 * ellipsis when text follows and more_glyph is false. */
static void drawWrapped(const Wrapped *w, size_t first, int h, int y, int x, int width, attr_t a)
{
   for (int i = 0; i < h && first + (size_t)i < w->nl; i++) {
      const TextLine *l = &w->lines[first + (size_t)i];
      Text_drawW(stdscr, y + i, x, width, w->s + l->start, l->len, a, false);
   }
}

static char *detailText(const App *app, const Choice *c);

/* The question's wrapped title and description and the wrapped details of
 * the practice under the cursor, kept between frames: wrapping them was
 * two fifths of drawing the screen, which every toggle redraws, and they
 * change only with the question, the practice, the width or the lens
 * (named by its text's hash, which survives no reload of another text). */
struct QuestionWraps {
   char lens[65];
   size_t q, choice;
   int width;
   bool have_detail;
   Wrapped title, desc, detail;
   bool have_hist;
   unsigned hist_gen;
   char *hist[QUESTION_CHANGES]; /* its newest changes as shown, newest first */
   size_t n_hist;
   char *source; /* the template the answer came from, while unchanged since; or NULL */
};

static void forgetChanges(struct QuestionWraps *c)
{
   for (size_t i = 0; i < c->n_hist; i++)
      free(c->hist[i]);
   c->n_hist = 0;
   free(c->source);
   c->source = NULL;
   c->have_hist = false;
}

void Question_forget(App *app)
{
   struct QuestionWraps *c = app->qwraps;

   if (!c)
      return;
   unwrap(&c->title);
   unwrap(&c->desc);
   if (c->have_detail)
      unwrap(&c->detail);
   forgetChanges(c);
   free(c);
   app->qwraps = NULL;
}

/* Columns kept free before a scroll marker at the right edge.  In ASCII the
 * marker is a letter ("v"), which read as a word of the text ("This v")
 * one blank after it; two blanks set it apart.  The arrow of UTF-8 needs
 * none. */
static int markRoom(const App *app)
{
   return app->theme.utf8 ? 0 : 2;
}

static struct QuestionWraps *wrapsFor(App *app, const Question *q, int width)
{
   struct QuestionWraps *c = app->qwraps;
   const char *lens = app->doc.lens->sha256;

   if (c && (c->q != app->q || c->width != width || strcmp(c->lens, lens) != 0))
      Question_forget(app);
   if (!app->qwraps) {
      c = app->qwraps = xcalloc(1, sizeof *c);
      snprintf(c->lens, sizeof c->lens, "%s", lens);
      c->q = app->q;
      c->width = width;
      wrap(&c->title, q->title, width);
      wrap(&c->desc, q->description, width - markRoom(app));
   }
   if (c->have_detail && c->choice != app->choice) {
      unwrap(&c->detail);
      c->have_detail = false;
   }
   if (!c->have_detail) {
      char *dt = q->n_choices ? detailText(app, &q->choices[app->choice]) : xstrdup("");
      wrap(&c->detail, dt, width - markRoom(app));
      free(dt);
      c->choice = app->choice;
      c->have_detail = true;
   }
   if (c->have_hist && c->hist_gen != app->hist_gen)
      forgetChanges(c);
   if (!c->have_hist) {
      /* Read and formatted once per question and per change, not per
       * frame; a failed read lists nothing (H says why). */
      HistoryEntry *e = NULL;
      size_t n = 0;
      if (Store_historyRecent(app->store, app->doc.workload.review_id, q->id, QUESTION_CHANGES, &e,
                              &n) == STORE_OK)
         for (size_t i = n; i-- > 0;)
            c->hist[c->n_hist++] = History_line(&e[i]);
      HistoryEntry_freeArray(e, n);
      /* Read with the history: a failed read shows no origin. */
      if (StoreTemplate_source(app->store, app->doc.workload.review_id, q->id, &c->source) !=
          STORE_OK)
         c->source = NULL;
      c->hist_gen = app->hist_gen;
      c->have_hist = true;
   }
   return c;
}

/* The newest changes, newest first, under a dim heading. */
static void drawChanges(App *app, const struct QuestionWraps *c, int y, int h)
{
   attr_t dim = Theme_attr(&app->theme, ROLE_DIM);

   if (h <= 0)
      return;
   Text_draw(stdscr, y, 1, app->cols - 2, _("Changes  (H all)"), dim);
   for (int i = 1; i < h && (size_t)i <= c->n_hist; i++)
      Text_draw(stdscr, y + i, 1, app->cols - 2, c->hist[i - 1], A_NORMAL);
}

static char *detailText(const App *app, const Choice *c)
{
   char *out = xstrdup(c->description ? c->description : "");
   const char *nl = *out ? "\n" : "";
   char *t;

   if (c->improvement.text || c->improvement.url) {
      t = xasprintf(_("%s%sImprovement plan: %s%s%s"), out, nl,
                    c->improvement.text ? c->improvement.text : "",
                    c->improvement.text && c->improvement.url ? " " : "",
                    c->improvement.url ? c->improvement.url : "");
      free(out);
      out = t;
      nl = "\n";
   }
   if (c->helpful.url || c->helpful.text) {
      t = xasprintf(_("%s%sLink: %s%s%s"), out, nl, c->helpful.text ? c->helpful.text : "",
                    c->helpful.text && c->helpful.url ? " " : "",
                    c->helpful.url ? c->helpful.url : "");
      free(out);
      out = t;
      nl = "\n";
   }
   for (size_t i = 0; i < c->n_more_helpful + c->n_more_improvement; i++) {
      const Link *l =
         i < c->n_more_helpful ? &c->more_helpful[i] : &c->more_improvement[i - c->n_more_helpful];
      t = xasprintf(_("%s%sSee also: %s%s%s"), out, nl, l->text ? l->text : "",
                    l->text && l->url ? " " : "", l->url ? l->url : "");
      free(out);
      out = t;
      nl = "\n";
   }
   if (!*out) {
      free(out);
      out = xstrdup(_("No description, improvement plan or link for this practice."));
   }
   (void)app;
   return out;
}

static void drawContext(App *app, int y)
{
   const Lens *l = app->doc.lens;
   const Question *q = current(app);
   const Answer *a = &app->doc.review.answers[app->q];
   Risk r = App_risk(app, app->q);
   char *where, buf[64];
   size_t sel = 0, total = 0;
   int right = 34, x;

   for (size_t i = 0; i < q->n_choices; i++)
      if (!q->choices[i].is_none) {
         total++;
         sel += a->choices[i] == CHOICE_SELECTED;
      }
   where = q->phase >= 0 ? xasprintf("%s%s%s", l->pillars[q->pillar].name,
                                     Theme_glyph(&app->theme, GLYPH_DOT), l->phases[q->phase].name)
                         : xstrdup(l->pillars[q->pillar].name);
   int room = app->cols - right - 2;
   int phase_w = q->phase >= 0 ? WText_widthStr(l->phases[q->phase].name) : 0;
   if (q->phase >= 0 && WText_widthStr(where) > room && room - phase_w >= 9) {
      /* The pillar shortened as on the dashboard, so that the phase reads
       * whole ("Operational · Business goal identification"). */
      const char *dot = Theme_glyph(&app->theme, GLYPH_DOT);
      int pw = room - WText_widthStr(dot) - phase_w;
      x = 1 + Text_drawName(stdscr, y, 1, pw, l->pillars[q->pillar].name,
                            Theme_attr(&app->theme, ROLE_DIM));
      Text_draw(stdscr, y, x, room - (x - 1), dot, Theme_attr(&app->theme, ROLE_DIM));
      x += WText_widthStr(dot);
      Text_draw(stdscr, y, x, room - (x - 1), l->phases[q->phase].name,
                Theme_attr(&app->theme, ROLE_DIM));
   } else if (q->phase >= 0 && WText_widthStr(where) > room) {
      /* Too narrow for the phase whole (60 columns): both shortened, the
       * pillar to a third, rather than the phase cut away
       * ("Operat. · Business goal", not "Operational excellence …"). */
      const char *dot = Theme_glyph(&app->theme, GLYPH_DOT);
      x = 1 + Text_drawName(stdscr, y, 1, room / 3, l->pillars[q->pillar].name,
                            Theme_attr(&app->theme, ROLE_DIM));
      Text_draw(stdscr, y, x, room - (x - 1), dot, Theme_attr(&app->theme, ROLE_DIM));
      x += WText_widthStr(dot);
      Text_drawName(stdscr, y, x, room - (x - 1), l->phases[q->phase].name,
                    Theme_attr(&app->theme, ROLE_DIM));
   } else {
      Text_draw(stdscr, y, 1, room, where, Theme_attr(&app->theme, ROLE_DIM));
   }
   free(where);
   x = app->cols - right;
   x += Chrome_risk(app, y, x, 14, r, true);
   x = app->cols - right + 15;
   snprintf(buf, sizeof buf, "%zu/%zu", sel, total);
   Text_draw(stdscr, y, x, 7, buf, A_NORMAL);
   snprintf(buf, sizeof buf, "(%zu/%zu)", app->rank[app->q] + 1, l->n_questions);
   Text_draw(stdscr, y, app->cols - 1 - WText_widthStr(buf), 12, buf,
             Theme_attr(&app->theme, ROLE_DIM));
}

static void drawChoice(App *app, int y, size_t i, int id_w)
{
   const Question *q = current(app);
   const Choice *c = &q->choices[i];
   unsigned char st = app->doc.review.answers[app->q].choices[i];
   bool cur = i == app->choice;
   attr_t base = cur ? Theme_attr(&app->theme, ROLE_SELECTED) : A_NORMAL;
   attr_t dim = cur ? base : Theme_attr(&app->theme, ROLE_DIM);
   char num[8];

   Text_fill(stdscr, y, 0, app->cols, base);
   if (cur)
      Text_draw(stdscr, y, 0, 1, Theme_glyph(&app->theme, GLYPH_CURSOR), base);
   if (i < 9) {
      snprintf(num, sizeof num, "%zu", i + 1);
      Text_draw(stdscr, y, 1, 1, num, dim);
   }
   Text_draw(stdscr, y, 3, 3,
             Theme_glyph(&app->theme, st == CHOICE_SELECTED ? GLYPH_CHECK_ON
                                      : st == CHOICE_NA     ? GLYPH_CHECK_NA
                                                            : GLYPH_CHECK_OFF),
             base | (st == CHOICE_SELECTED ? A_BOLD : 0));
   if (c->weight != WEIGHT_NONE)
      Text_draw(stdscr, y, 7, 1, c->weight == WEIGHT_HIGH ? "H" : "M",
                cur ? base
                    : Theme_attr(&app->theme, c->weight == WEIGHT_HIGH ? ROLE_HIGH : ROLE_MEDIUM));
   if (ReviewDoc_choiceNote(&app->doc, app->q, i)) /* the practice has notes (V) */
      Text_draw(stdscr, y, 8, 1, "+", cur ? base : Theme_attr(&app->theme, ROLE_NOTICE));
   Text_draw(stdscr, y, 10, app->cols - 11 - (id_w ? id_w + 1 : 0), c->title,
             st == CHOICE_NA ? dim : base);
   if (id_w)
      Text_draw(stdscr, y, app->cols - 1 - id_w, id_w, c->id, dim);
}

static void drawNotes(App *app, int y, int h, bool draft)
{
   const StoredAnswer *s = &app->doc.stored[app->q];
   attr_t dim = Theme_attr(&app->theme, ROLE_DIM);
   Wrapped w;

   if (h <= 0)
      return;
   if (draft)
      Text_draw(stdscr, y, 1, app->cols - 2,
                _("Notes: an unsaved draft is waiting (e resumes it, D discards it)"),
                Theme_attr(&app->theme, ROLE_NOTICE));
   else
      Text_draw(stdscr, y, 1, app->cols - 2, _("Notes  (e edit, E $EDITOR)"), dim);
   if (h < 2)
      return;
   if (!s->notes || !*s->notes) {
      Text_draw(stdscr, y + 1, 1, app->cols - 2, _("(none)"), dim);
      return;
   }
   wrap(&w, s->notes,
        app->cols - 2 - (markRoom(app) ? markRoom(app) + 1 : 0)); /* marker at cols - 2 */
   drawWrapped(&w, 0, h - 1, y + 1, 1, app->cols - 2, A_NORMAL);
   if (w.nl > (size_t)(h - 1))
      Text_draw(stdscr, y + h - 1, app->cols - 2, 1, Theme_glyph(&app->theme, GLYPH_MORE_DOWN),
                dim);
   unwrap(&w);
}

static void drawStatus(App *app, int y)
{
   const StoredAnswer *s = &app->doc.stored[app->q];
   const Answer *a = &app->doc.review.answers[app->q];
   attr_t dim = Theme_attr(&app->theme, ROLE_DIM);
   int x = 1;
   char *line;

   if (ProfileDoc_isPriority(&app->profile, app->q)) {
      char *p =
         xasprintf(_("%s priority for this workload"), Theme_glyph(&app->theme, GLYPH_PRIORITY));
      x += Text_draw(stdscr, y, x, app->cols - 2, p, Theme_attr(&app->theme, ROLE_NOTICE)) + 3;
      free(p);
   }
   if (app->doc.needs_review && app->doc.needs_review[app->q])
      x += Text_draw(stdscr, y, x, app->cols - 2,
                     _("The lens changed: review this answer, then c confirms it"),
                     Theme_attr(&app->theme, ROLE_NOTICE)) +
           3;
   if (a->not_applicable) {
      const char *text = app->doc.stored[app->q].na_note;
      char *na = text ? xasprintf(_("Not applicable: %s — %s"), NaReason_label(a->reason), text)
                      : xasprintf(_("Not applicable: %s"), NaReason_label(a->reason));
      x += Text_draw(stdscr, y, x, app->cols - 2, na, Theme_attr(&app->theme, ROLE_NA)) + 3;
      free(na);
   }
   if (app->qwraps && app->qwraps->source) {
      char *from = xasprintf(_("from template %s"), app->qwraps->source);
      x +=
         Text_draw(stdscr, y, x, app->cols - x - 1, from, Theme_attr(&app->theme, ROLE_NOTICE)) + 3;
      free(from);
   }
   line = Chrome_changedBy(app, s);
   Text_draw(stdscr, y, x, app->cols - x - 1, line, dim);
   free(line);
}

/* What shows under the practices for the one under the cursor: its notes,
 * and whether a draft of them waits (typed, not stored: V resumes it), as
 * the question's notes say of theirs.  NULL when there is neither; *note
 * gets the stored notes, or the draft's notice when there are none. */
static char *practiceNoteText(App *app, const Question *q, const char **note)
{
   char *key = xasprintf("%s#%s", q->id, q->choices[app->choice].id);
   bool draft = Draft_known(app->db_key, app->doc.workload.id, key);
   free(key);
   *note = ReviewDoc_choiceNote(&app->doc, app->q, app->choice);
   if (draft && *note)
      return xasprintf(_("Practice notes (V; an unsaved draft is waiting): %s"), *note);
   if (*note)
      return xasprintf(_("Practice notes (V): %s"), *note);
   if (!draft)
      return NULL;
   *note = _("Practice notes: an unsaved draft is waiting (V resumes it)");
   return xstrdup(*note);
}

/* Where the last draw put things, for the keys that scroll the description
 * and the clicks on a practice: the one state a draw leaves behind, all of
 * it from Layout_question. */
static void keepLayout(App *app, const QuestionLayout *lo)
{
   app->desc_first = lo->desc_first;
   app->desc_h = lo->h[QPART_DESC];
   app->choices_first = lo->choices_first;
   app->choices_y = lo->y[QPART_CHOICES];
   app->choices_h = lo->h[QPART_CHOICES];
}

/* The width of the practice-id column: none below 80 columns, or where
 * generated ids are long enough to crowd out the titles. */
static int idWidth(const App *app, const Question *q)
{
   int id_w = 0;
   if (app->cols >= 80)
      for (size_t i = 0; i < q->n_choices; i++) {
         int w = WText_widthStr(q->choices[i].id);
         id_w = w > id_w ? w : id_w;
      }
   return id_w > 16 ? 0 : id_w;
}

/* How many lines each part would take (the layout's input); cnote gets the
 * practice's wrapped note when *choice_note is set (the caller unwraps). */
static QuestionSizes measure(App *app, const Question *q, const struct QuestionWraps *wraps,
                             int width, Wrapped *cnote, const char **choice_note)
{
   const StoredAnswer *s = &app->doc.stored[app->q];
   size_t notes_lines = 1;
   if (s->notes && *s->notes) {
      Wrapped n;
      wrap(&n, s->notes, width - (markRoom(app) ? markRoom(app) + 1 : 0));
      notes_lines = n.nl;
      unwrap(&n);
   }
   *choice_note = NULL;
   if (q->n_choices) { /* the practice's own notes, wrapped so a link shows whole */
      char *t = practiceNoteText(app, q, choice_note);
      if (t) {
         wrap(cnote, t, width);
         free(t);
      }
   }
   return (QuestionSizes){
      .title = wraps->title.nl,
      .desc = wraps->desc.nl,
      .detail = wraps->detail.nl,
      .practice_note = *choice_note ? cnote->nl : 0,
      .notes = notes_lines,
      .changes = wraps->n_hist < QUESTION_CHANGES ? wraps->n_hist : QUESTION_CHANGES,
      .n_choices = q->n_choices,
      .details = app->details,
      .choice = app->choice,
      .desc_first = app->desc_first,
      .choices_first = app->choices_first,
   };
}

/* The description from its first shown line, with a mark at each end that
 * has more beyond it. */
static void drawDescription(App *app, const Wrapped *desc, int y, int h, int width)
{
   attr_t dim = Theme_attr(&app->theme, ROLE_DIM);
   drawWrapped(desc, app->desc_first, h, y, 1, width, A_NORMAL);
   if (h && app->desc_first + (size_t)h < desc->nl)
      Text_draw(stdscr, y + h - 1, app->cols - 1, 1, Theme_glyph(&app->theme, GLYPH_MORE_DOWN),
                dim);
   if (h && app->desc_first > 0)
      Text_draw(stdscr, y, app->cols - 1, 1, Theme_glyph(&app->theme, GLYPH_MORE_UP), dim);
}

/* Under the practices: the practice's own notes first, then its details
 * (i) or its one-line description. */
static void drawDetail(App *app, const Question *q, const Wrapped *detail, const Wrapped *cnote,
                       bool has_note, int y, int h, int width)
{
   if (has_note && h) {
      int note_h = (int)cnote->nl < h ? (int)cnote->nl : h;
      drawWrapped(cnote, 0, note_h, y, 1, width, Theme_attr(&app->theme, ROLE_NOTICE));
      y += note_h;
      h -= note_h;
   }
   if (!h || !q->n_choices)
      return;
   if (app->details) {
      drawWrapped(detail, 0, h, y, 1, width, A_NORMAL);
      if (detail->nl > (size_t)h) /* the rest: at a larger size */
         Text_draw(stdscr, y + h - 1, app->cols - 1, 1, Theme_glyph(&app->theme, GLYPH_MORE_DOWN),
                   Theme_attr(&app->theme, ROLE_DIM));
      return;
   }
   const Choice *c = &q->choices[app->choice];
   int used = Text_draw(stdscr, y, 1, width - 14, c->description ? c->description : c->title,
                        Theme_attr(&app->theme, ROLE_DIM));
   Text_draw(stdscr, y, 2 + used, width - used - 1, _("(i: details)"),
             Theme_attr(&app->theme, ROLE_DIM));
}

/* Measure, lay out (Layout_question, pure), keep where things went, then
 * draw each part where the layout put it. */
void Question_draw(App *app, int top, int height)
{
   const Question *q = current(app);
   int width = app->cols - 2;
   Wrapped cnote = {0};
   const char *choice_note;
   QuestionLayout lo;

   if (app->choice >= q->n_choices)
      app->choice = q->n_choices ? q->n_choices - 1 : 0;
   bool draft = Draft_known(app->db_key, app->doc.workload.id, q->id);
   const struct QuestionWraps *wraps = wrapsFor(app, q, width); /* kept: not freed here */
   QuestionSizes sizes = measure(app, q, wraps, width, &cnote, &choice_note);
   Layout_question(top, height, &sizes, &lo);
   keepLayout(app, &lo);
   const int *h = lo.h, *y = lo.y;

   drawContext(app, y[QPART_CONTEXT]);
   drawWrapped(&wraps->title, 0, h[QPART_TITLE], y[QPART_TITLE], 1, width,
               Theme_attr(&app->theme, ROLE_TITLE));
   drawDescription(app, &wraps->desc, y[QPART_DESC], h[QPART_DESC], width);
   int id_w = idWidth(app, q);
   for (int i = 0; i < h[QPART_CHOICES] && app->choices_first + (size_t)i < q->n_choices; i++)
      drawChoice(app, y[QPART_CHOICES] + i, app->choices_first + (size_t)i, id_w);
   drawDetail(app, q, &wraps->detail, &cnote, choice_note != NULL, y[QPART_DETAIL], h[QPART_DETAIL],
              width);
   if (choice_note)
      unwrap(&cnote);
   drawNotes(app, y[QPART_NOTES], h[QPART_NOTES], draft);
   drawChanges(app, wraps, y[QPART_CHANGES], h[QPART_CHANGES]);
   drawStatus(app, y[QPART_STATUS]);
}

Stale Question_move(App *app, Move m)
{
   /* The practices fit on the screen: a page jumps to an end. */
   return Layout_moveCursor(&app->choice, current(app)->n_choices, 0, m) ? STALE_BODY : STALE_NONE;
}

static Stale toggle(App *app, size_t i)
{
   const Question *q = current(app);
   Answer a;

   if (i >= q->n_choices)
      return STALE_NONE;
   app->choice = i;
   App_copyAnswer(app, app->q, &a);
   Answer_toggle(q, &a, i);
   App_putAnswer(app, app->q, &a, NULL);
   free(a.choices);
   return STALE_ALL;
}

Stale Question_toggle(App *app, const char *arg)
{
   if (arg) {
      int n = atoi(arg);
      if (n < 1 || (size_t)n > current(app)->n_choices) {
         App_message(app, ROLE_ERROR, _("No practice number %s"), arg);
         return STALE_FOOTER;
      }
      return toggle(app, (size_t)n - 1);
   }
   return toggle(app, app->choice);
}

Stale Question_toggleNumber(App *app, const char *arg)
{
   int n = arg ? atoi(arg) : app->last_key - '0';

   if (n < 1 || (size_t)n > current(app)->n_choices)
      return STALE_NONE;
   return toggle(app, (size_t)n - 1);
}

/* Moves to question q, keeping the list below in step. */
static void goTo(App *app, size_t q)
{
   const Question *qq = &app->doc.lens->questions[q];

   app->q = q;
   app->choice = 0;
   app->desc_first = 0;
   app->choices_first = 0;
   if (app->scope == LIST_CELL) {
      app->row = Matrix_rowOf(app->doc.lens, qq);
      app->col = qq->pillar;
   }
   List_refill(app);
   for (size_t i = 0; i < app->n_list; i++)
      if (app->list[i] == q)
         app->list_cur = i;
}

static Stale step(App *app, int dir)
{
   size_t n = app->doc.lens->n_questions;
   long pos = (long)app->rank[app->q];

   for (long p = pos + dir; p >= 0 && p < (long)n; p += dir) {
      size_t q = app->order[p];
      if (App_filterMatch(app, q)) {
         goTo(app, q);
         return STALE_ALL;
      }
   }
   App_message(app, ROLE_NOTICE, "%s",
               dir > 0 ? _("This is the last question") : _("This is the first question"));
   return STALE_FOOTER;
}

Stale Question_next(App *app, const char *arg)
{
   return step(app, 1);
}

Stale Question_prev(App *app, const char *arg)
{
   return step(app, -1);
}

static Stale gotReasonText(App *app, const char *text);

/* The optional text beside the reason, offered as it is now: Enter keeps
 * it, typing replaces it, Ctrl-U then Enter removes it, Esc leaves it. */
static void askReasonText(App *app, const char *typed, const char *why)
{
   const char *label = _("Reason text (optional; Esc skips): ");
   if (typed)
      Prompt_openTyped(app, label, typed, gotReasonText);
   else
      Prompt_open(app, label, app->doc.stored[app->q].na_note, gotReasonText);
   if (why)
      Prompt_setError(app, why);
}

/* A refused text is offered again as typed, with why: nothing typed is lost. */
static Stale gotReasonText(App *app, const char *text)
{
   Answer a;
   char *why = text && *text ? NaNote_problem(text) : NULL;

   if (!text || !app->doc.review.answers[app->q].not_applicable) {
      free(why);
      return STALE_FOOTER;
   }
   if (why) {
      askReasonText(app, text, why);
      free(why);
      return STALE_ALL;
   }
   App_copyAnswer(app, app->q, &a);
   App_putAnswerNa(app, app->q, &a, NULL, text);
   free(a.choices);
   return STALE_ALL;
}

static Stale gotReason(App *app, const char *key)
{
   Answer a;

   if (!key || !*key || key[0] < '1' || key[0] > '4')
      return STALE_FOOTER;
   App_copyAnswer(app, app->q, &a);
   a.not_applicable = true;
   a.reason = (NaReason)(NA_OUT_OF_SCOPE + (key[0] - '1'));
   StoreStatus st = App_putAnswer(app, app->q, &a, NULL);
   free(a.choices);
   if (st == STORE_OK && app->doc.review.answers[app->q].not_applicable)
      askReasonText(app, NULL, NULL);
   return STALE_ALL;
}

Stale Question_notApplicable(App *app, const char *arg)
{
   char *label;

   if (app->doc.review.answers[app->q].not_applicable) {
      Answer a;
      App_copyAnswer(app, app->q, &a);
      a.not_applicable = false;
      a.reason = NA_NONE;
      App_putAnswer(app, app->q, &a, NULL);
      free(a.choices);
      return STALE_ALL;
   }
   if (arg) {
      NaReason r;
      char k[2] = {0, 0};
      if (!NaReason_parse(arg, &r) || r == NA_NONE) {
         App_message(app, ROLE_ERROR, _("Unknown reason %s"), arg);
         return STALE_FOOTER;
      }
      k[0] = (char)('1' + (r - NA_OUT_OF_SCOPE));
      return gotReason(app, k);
   }
   {
      char *items[4];
      for (int i = 0; i < 4; i++)
         items[i] = xasprintf("%d  %s", i + 1, NaReason_label((NaReason)(NA_OUT_OF_SCOPE + i)));
      label = xstrdup(_("Not applicable because (1-4, Esc cancels): "));
      Prompt_openMenu(app, label, "1234", gotReason);
      Prompt_setItems(app, (const char *const *)items, 4);
      for (int i = 0; i < 4; i++)
         free(items[i]);
      free(label);
      return STALE_FOOTER;
   }
}

Stale Question_choiceNotApplicable(App *app, const char *arg)
{
   const Question *q = current(app);
   Answer a;

   if (app->choice >= q->n_choices)
      return STALE_NONE;
   if (q->choices[app->choice].is_none) {
      App_message(app, ROLE_ERROR, "%s", _("None of these cannot be marked not applicable"));
      return STALE_FOOTER;
   }
   App_copyAnswer(app, app->q, &a);
   a.choices[app->choice] = a.choices[app->choice] == CHOICE_NA ? CHOICE_UNSELECTED : CHOICE_NA;
   App_putAnswer(app, app->q, &a, NULL);
   free(a.choices);
   return STALE_ALL;
}

Stale Question_details(App *app, const char *arg)
{
   app->details = !app->details;
   return STALE_BODY;
}

Stale Question_scrollDescription(App *app, const char *arg)
{
   app->desc_first += app->desc_h > 1 ? (size_t)app->desc_h - 1 : 1;
   return STALE_BODY; /* the draw clamps it */
}

Stale Question_scrollDescriptionUp(App *app, const char *arg)
{
   size_t by = app->desc_h > 1 ? (size_t)app->desc_h - 1 : 1;
   app->desc_first = app->desc_first > by ? app->desc_first - by : 0;
   return STALE_BODY;
}

Stale Question_editChoice(App *app, const char *arg)
{
   if (!current(app)->n_choices)
      return STALE_NONE;
   Editor_openChoice(app, app->q, app->choice);
   return STALE_ALL;
}

Stale Question_edit(App *app, const char *arg)
{
   const Question *q = current(app);
   char *base = NULL;
   char *draft = Draft_loadBase(app->db_key, app->doc.workload.id, q->id, NULL, &base);

   if (draft)
      Editor_openFrom(app, app->q, draft, base); /* no base (old draft): "" */
   else
      Editor_open(app, app->q, NULL);
   if (draft)
      App_message(app, ROLE_NOTICE, "%s", _("Your unsaved draft is back; ^S stores it"));
   free(draft);
   free(base);
   return STALE_ALL;
}

/* The text comes back from $EDITOR as an edit of what it started from: the
 * notes shown, or a waiting draft's own base (not the notes stored now,
 * which may hold someone else's change the draft never saw).  It is stored
 * the way the notes editor stores (Editor_save): merged, the merge view on
 * a clash, the draft kept until the user chooses. */
Stale Question_editExternal(App *app, const char *arg)
{
   const Question *q = current(app);
   const StoredAnswer *s = &app->doc.stored[app->q];
   char *base = NULL;
   char *draft = Draft_loadBase(app->db_key, app->doc.workload.id, q->id, NULL, &base);
   const char *shown = s->notes ? s->notes : "";
   char *out = NULL;

   if (!Editor_runExternal(app, draft ? draft : shown, &out)) {
      free(draft);
      free(base);
      return STALE_ALL | STALE_REPAINT;
   }
   if (!draft && strcmp(out, shown) == 0) {
      App_message(app, ROLE_NOTICE, "%s", _("Notes unchanged"));
   } else {
      /* A draft of unknown base counts as started from nothing (as e does). */
      Editor_openFrom(app, app->q, out, draft ? (base ? base : "") : shown);
      Editor_save(app, NULL);
   }
   free(out);
   free(draft);
   free(base);
   return STALE_ALL | STALE_REPAINT;
}

static Stale gotDiscard(App *app, const char *key)
{
   const Question *q = current(app);

   if (!key || key[0] != 'y') {
      App_message(app, ROLE_NOTICE, "%s", _("The draft is kept"));
      return STALE_FOOTER;
   }
   Draft_remove(app->db_key, app->doc.workload.id, q->id);
   App_message(app, ROLE_NOTICE, "%s", _("Draft discarded"));
   return STALE_ALL;
}

/* Deleting typed text asks first. */
Stale Question_discardDraft(App *app, const char *arg)
{
   const Question *q = current(app);

   if (!Draft_exists(app->db_key, app->doc.workload.id, q->id)) {
      App_message(app, ROLE_NOTICE, "%s", _("There is no draft to discard"));
      return STALE_FOOTER;
   }
   if (!arg || strcmp(arg, "yes") != 0) {
      Prompt_openMenu(app, _("Discard the draft of these notes? y/n "), "yn", gotDiscard);
      return STALE_FOOTER;
   }
   Draft_remove(app->db_key, app->doc.workload.id, q->id);
   App_message(app, ROLE_NOTICE, "%s", _("Draft discarded"));
   return STALE_ALL;
}

Stale Question_goto(App *app, const char *arg)
{
   size_t index;
   const Lens *l = app->doc.lens;

   if (!arg || !*arg) {
      App_message(app, ROLE_ERROR, "%s", _("Usage: :goto QUESTION-ID"));
      return STALE_FOOTER;
   }
   if (!Lens_findQuestion(l, arg, &index)) {
      bool found = false;
      for (size_t i = 0; i < l->n_questions && !found; i++)
         if (strcasecmp(l->questions[i].id, arg) == 0) {
            index = i;
            found = true;
         }
      if (!found) {
         App_message(app, ROLE_ERROR, _("No question %s in this lens"), arg);
         return STALE_FOOTER;
      }
   }
   Question_openAt(app, index);
   return STALE_ALL;
}

Stale Question_click(App *app, int y, int x, bool again)
{
   size_t i;

   if (y < app->choices_y || y >= app->choices_y + app->choices_h)
      return STALE_NONE;
   i = app->choices_first + (size_t)(y - app->choices_y);
   if (i >= current(app)->n_choices)
      return STALE_NONE;
   if (i == app->choice || again)
      return app->read_only ? (App_refuseReadOnly(app), STALE_FOOTER) : toggle(app, i);
   app->choice = i;
   return STALE_BODY;
}

void Question_openAt(App *app, size_t q)
{
   const Question *qq = &app->doc.lens->questions[q];

   app->row = Matrix_rowOf(app->doc.lens, qq);
   app->col = qq->pillar;
   app->scope = LIST_CELL;
   List_refill(app);
   for (size_t i = 0; i < app->n_list; i++)
      if (app->list[i] == q)
         app->list_cur = i;
   app->q = q;
   app->choice = 0;
   app->desc_first = 0;
   app->choices_first = 0;
   while (app->depth > 2)
      app->depth--;
   if (App_screen(app) != SCREEN_DASHBOARD)
      App_push(app, SCREEN_DASHBOARD);
   App_push(app, SCREEN_LIST);
   App_push(app, SCREEN_QUESTION);
}
