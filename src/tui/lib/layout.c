/* layout.c: screen arithmetic (see layout.h). */
#include "config.h"

#include "tui/lib/layout.h"

bool Layout_tooSmall(int cols, int lines)
{
   return cols < LAYOUT_MIN_COLS || lines < LAYOUT_MIN_LINES;
}

static int clampInt(int v, int lo, int hi)
{
   return v < lo ? lo : v > hi ? hi : v;
}

void Layout_matrixColumns(int width, size_t n_cols, int longest_label, bool with_total,
                          MatrixLayout *out)
{
   int shown = (int)n_cols + (with_total ? 1 : 0);
   int avail = width - 1;
   int label = clampInt(longest_label + 1, LAYOUT_LABEL_MIN, 20);
   int cell;

   if (shown < 1)
      shown = 1;
   out->x0 = 1;
   cell = (avail - label) / shown;
   /* Pillar names matter as much as phase names: shorten the labels before
    * the cells get narrower than a short pillar name. */
   if (cell < 9 && label > 14) {
      label = clampInt(avail - 9 * shown, 14, label);
      cell = (avail - label) / shown;
   }
   if (cell < LAYOUT_CELL_MIN && label > LAYOUT_LABEL_MIN) {
      label = clampInt(avail - LAYOUT_CELL_MIN * shown, LAYOUT_LABEL_MIN, label);
      cell = (avail - label) / shown;
   }
   if (cell > LAYOUT_CELL_MAX)
      cell = LAYOUT_CELL_MAX;
   if (cell >= LAYOUT_CELL_MIN) {
      int extra = avail - label - cell * shown;
      if (extra > 0 && label < longest_label + 1) {
         int grow = longest_label + 1 - label;
         label += extra < grow ? extra : grow;
         if (label > LAYOUT_LABEL_MAX)
            label = LAYOUT_LABEL_MAX;
      }
      out->visible_cols = n_cols;
   } else {
      int room = avail - label - (with_total ? LAYOUT_CELL_MIN : 0);
      cell = LAYOUT_CELL_MIN;
      out->visible_cols = room / cell < 1 ? 1 : (size_t)(room / cell);
      if (out->visible_cols > n_cols)
         out->visible_cols = n_cols;
   }
   out->label_w = label;
   out->cell_w = cell;
   out->total_w = with_total ? cell : 0;
   /* "▲ 12/14 ▲9◆3": glyph, blank, answered/total, blank, counts. */
   out->counts_inline = cell >= 12;
}

void Layout_matrixWiden(MatrixLayout *m, int width, size_t n_cols, bool with_total,
                        int longest_head)
{
   int shown = (int)n_cols + (with_total ? 1 : 0);
   int spare = width - 1 - m->label_w - m->cell_w * (shown < 1 ? 1 : shown);
   int want = longest_head + 1 - m->cell_w;

   if (m->cell_w < LAYOUT_CELL_MAX || m->visible_cols < n_cols || spare <= 0 || want <= 0 ||
       shown < 1)
      return;
   int grow = spare / shown < want ? spare / shown : want;
   m->cell_w += grow;
   if (with_total)
      m->total_w = m->cell_w;
}

typedef struct Candidate {
   int row_h, detail, gaps, summary;
} Candidate;

static void place(DashLayout *d, const Candidate *c, size_t vis, bool total_row)
{
   int y;

   d->heads_y = 1;
   d->matrix_y = 2;
   d->row_h = c->row_h;
   d->visible_rows = vis;
   y = d->matrix_y + (int)vis * c->row_h;
   d->totals_y = total_row ? y : -1;
   if (total_row)
      y += c->row_h;
   if (c->gaps >= 1)
      y++;
   d->summary_y = y;
   d->summary_h = c->summary;
   y += c->summary;
   if (c->gaps >= 2)
      y++;
   d->detail_y = y;
   d->detail_h = c->detail;
}

void Layout_dashboard(int width, int height, size_t n_rows, size_t n_cols, int longest_label,
                      DashLayout *out)
{
   static const Candidate cands[] = {
      {2, 3, 2, 2}, {2, 2, 1, 2}, {1, 3, 2, 2}, {1, 2, 1, 2}, {1, 1, 0, 2}, {1, 1, 0, 1},
   };
   size_t n = sizeof cands / sizeof cands[0];
   bool total_row = n_rows > 1;
   int body = height - 2; /* header and footer */
   const Candidate *last = &cands[n - 1];
   int spare;

   Layout_matrixColumns(width, n_cols, longest_label, n_cols > 1, &out->m);
   for (size_t i = 0; i < n; i++) {
      const Candidate *c = &cands[i];
      int need =
         1 + ((int)n_rows + (total_row ? 1 : 0)) * c->row_h + c->gaps + c->summary + c->detail;
      if (c->row_h == 2 && out->m.counts_inline)
         continue; /* the counts fit on the first line already */
      if (need <= body) {
         place(out, c, n_rows, total_row);
         return;
      }
   }
   /* Too many phases for the height: scroll the rows. */
   spare = body - 1 - (total_row ? 1 : 0) - last->summary - last->detail;
   place(out, last, spare < 1 ? 1 : (size_t)spare, total_row);
}

int Layout_stack(int height, const LayoutPart *parts, size_t n, int *heights)
{
   int left = height < 0 ? 0 : height;

   for (size_t i = 0; i < n; i++) {
      int h = parts[i].min < left ? parts[i].min : left;
      heights[i] = h < 0 ? 0 : h;
      left -= heights[i];
   }
   for (size_t i = 0; i < n; i++) {
      int more = parts[i].want - heights[i];
      if (more <= 0)
         continue;
      if (more > left)
         more = left;
      heights[i] += more;
      left -= more;
   }
   return (height < 0 ? 0 : height) - left;
}

size_t Layout_scroll(size_t cursor, size_t visible, size_t count, size_t first)
{
   if (visible == 0 || count <= visible)
      return 0;
   if (cursor >= count)
      cursor = count - 1;
   if (cursor < first)
      first = cursor;
   else if (cursor >= first + visible)
      first = cursor - visible + 1;
   if (first > count - visible)
      first = count - visible;
   return first;
}

bool Layout_moveCursor(size_t *cur, size_t n, size_t page, Move m)
{
   size_t old = *cur, last = n ? n - 1 : 0;

   if (n == 0)
      return false;
   switch (m) {
   case MOVE_UP: *cur = *cur ? *cur - 1 : 0; break;
   case MOVE_DOWN: *cur = *cur < last ? *cur + 1 : last; break;
   case MOVE_PGUP: *cur = page && *cur > page ? *cur - page : 0; break;
   case MOVE_PGDN: *cur = page && *cur + page < last ? *cur + page : last; break;
   case MOVE_HOME: *cur = 0; break;
   case MOVE_END: *cur = last; break;
   default: break;
   }
   return *cur != old;
}

static int atMost(size_t n, int cap)
{
   return n < (size_t)cap ? (int)n : cap;
}

static void questionWants(int height, const QuestionSizes *in, LayoutPart *parts)
{
   int desc_cap = height / 4 > 2 ? height / 4 : 2;
   parts[QPART_CONTEXT] = (LayoutPart){1, 1};
   parts[QPART_TITLE] = (LayoutPart){1, atMost(in->title, 3)};
   parts[QPART_DESC] = (LayoutPart){in->desc ? 1 : 0, atMost(in->desc, desc_cap)};
   parts[QPART_GAP1] = (LayoutPart){0, 1};
   parts[QPART_CHOICES] = (LayoutPart){atMost(in->n_choices, 3), (int)in->n_choices};
   parts[QPART_GAP2] = (LayoutPart){0, 1};
   parts[QPART_DETAIL] = (LayoutPart){1, in->details ? atMost(in->detail, 6) : 1};
   parts[QPART_DETAIL].want += atMost(in->practice_note, 4);
   parts[QPART_NOTES] = (LayoutPart){1, 1 + atMost(in->notes, 3)};
   parts[QPART_CHANGES] = (LayoutPart){0, in->changes ? 1 + (int)in->changes : 0};
   parts[QPART_STATUS] = (LayoutPart){1, 1};
}

void Layout_question(int top, int height, const QuestionSizes *in, QuestionLayout *out)
{
   static const int prio[QPART_N] = {QPART_CONTEXT, QPART_CHOICES, QPART_STATUS, QPART_TITLE,
                                     QPART_DESC,    QPART_NOTES,   QPART_DETAIL, QPART_GAP1,
                                     QPART_GAP2,    QPART_CHANGES};
   LayoutPart parts[QPART_N], ordered[QPART_N];
   int hp[QPART_N], *h = out->h, *y = out->y;

   questionWants(height, in, parts);
   for (int i = 0; i < QPART_N; i++)
      ordered[i] = parts[prio[i]];
   int used = Layout_stack(height, ordered, QPART_N, hp);
   for (int i = 0; i < QPART_N; i++)
      h[prio[i]] = hp[i];
   /* Lines nobody wanted go to the rest of the description. */
   int more = (int)in->desc - h[QPART_DESC];
   if (more > height - used)
      more = height - used;
   if (more > 0)
      h[QPART_DESC] += more;
   y[0] = top;
   for (int i = 1; i < QPART_N; i++)
      y[i] = y[i - 1] + h[i - 1];
   y[QPART_STATUS] = top + height - 1; /* the status line keeps to the bottom */
   if (h[QPART_CHANGES])
      y[QPART_CHANGES] = y[QPART_STATUS] - h[QPART_CHANGES];
   if (h[QPART_NOTES])
      y[QPART_NOTES] = y[QPART_STATUS] - h[QPART_CHANGES] - h[QPART_NOTES];
   if (h[QPART_DETAIL])
      y[QPART_DETAIL] = y[QPART_NOTES] - h[QPART_DETAIL];
   size_t shown = (size_t)h[QPART_DESC];
   out->desc_first = in->desc_first;
   if (in->desc > shown && out->desc_first > in->desc - shown)
      out->desc_first = in->desc - shown;
   if (in->desc <= shown)
      out->desc_first = 0;
   out->choices_first =
      Layout_scroll(in->choice, (size_t)h[QPART_CHOICES], in->n_choices, in->choices_first);
}
