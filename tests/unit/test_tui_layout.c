/* test_tui_layout.c: matrix and screen arithmetic. */
#include "config.h"

#include <criterion/criterion.h>

#include "tui/lib/layout.h"

Test(layout, too_small)
{
   cr_assert(Layout_tooSmall(59, 24));
   cr_assert(Layout_tooSmall(80, 15));
   cr_assert_not(Layout_tooSmall(60, 16));
}

/* The Machine Learning Lens: six pillars and a totals column, phase names up
 * to 28 columns ("Business goal identification"). */
Test(layout, ml_lens_at_80)
{
   MatrixLayout m;
   Layout_matrixColumns(80, 6, 28, true, &m);
   cr_assert_eq(m.label_w, 16);
   cr_assert_eq(m.cell_w, 9);
   cr_assert_eq(m.total_w, 9);
   cr_assert_eq(m.visible_cols, 6);
   cr_assert_not(m.counts_inline);
   cr_assert_leq(m.x0 + m.label_w + 7 * m.cell_w, 80);
}

Test(layout, ml_lens_at_60)
{
   MatrixLayout m;
   Layout_matrixColumns(60, 6, 28, true, &m);
   cr_assert_eq(m.label_w, 10);
   cr_assert_eq(m.cell_w, 7);
   cr_assert_eq(m.visible_cols, 6);
   cr_assert_leq(m.x0 + m.label_w + 7 * m.cell_w, 60);
}

Test(layout, ml_lens_at_100)
{
   MatrixLayout m;
   Layout_matrixColumns(100, 6, 28, true, &m);
   cr_assert_eq(m.cell_w, 11);
   cr_assert_eq(m.label_w, 22);
   cr_assert_leq(m.x0 + m.label_w + 7 * m.cell_w, 100);
}

/* 200 columns (issue 18): the whole phase name and, widened, whole pillar
 * names ("Performance efficiency", 22 columns). */
Test(layout, ml_lens_at_200_widens)
{
   MatrixLayout m;
   Layout_matrixColumns(200, 6, 28, true, &m);
   cr_assert_eq(m.label_w, 29);
   cr_assert_eq(m.cell_w, LAYOUT_CELL_MAX);
   Layout_matrixWiden(&m, 200, 6, true, 22);
   cr_assert_eq(m.cell_w, 23);
   cr_assert_eq(m.total_w, 23);
   cr_assert_leq(m.x0 + m.label_w + 7 * m.cell_w, 200);
   /* at 80 columns there is nothing to spare: unchanged */
   Layout_matrixColumns(80, 6, 28, true, &m);
   Layout_matrixWiden(&m, 80, 6, true, 22);
   cr_assert_eq(m.cell_w, 9);
   /* 150 columns: as wide as the room allows */
   Layout_matrixColumns(150, 6, 28, true, &m);
   Layout_matrixWiden(&m, 150, 6, true, 22);
   cr_assert_eq(m.cell_w, (149 - 29) / 7);
}

Test(layout, few_pillars_get_wide_cells)
{
   MatrixLayout m;
   Layout_matrixColumns(80, 3, 10, true, &m);
   cr_assert_eq(m.cell_w, LAYOUT_CELL_MAX);
   cr_assert_eq(m.label_w, 11);
   cr_assert(m.counts_inline);
}

Test(layout, many_pillars_scroll)
{
   MatrixLayout m;
   Layout_matrixColumns(80, 12, 10, true, &m);
   cr_assert_eq(m.cell_w, LAYOUT_CELL_MIN);
   cr_assert_eq(m.label_w, 10);
   cr_assert_eq(m.visible_cols, 8);
   cr_assert_leq(m.x0 + m.label_w + (int)(m.visible_cols + 1) * m.cell_w, 80);
}

Test(layout, one_pillar_no_total)
{
   MatrixLayout m;
   Layout_matrixColumns(80, 1, 10, false, &m);
   cr_assert_eq(m.total_w, 0);
   cr_assert_eq(m.visible_cols, 1);
}

Test(layout, dashboard_ml_80x24)
{
   DashLayout d;
   Layout_dashboard(80, 24, 6, 6, 28, &d);
   cr_assert_eq(d.row_h, 2);
   cr_assert_eq(d.visible_rows, 6);
   cr_assert_eq(d.heads_y, 1);
   cr_assert_eq(d.matrix_y, 2);
   cr_assert_eq(d.totals_y, 14);
   cr_assert_eq(d.summary_y, 17);
   cr_assert_eq(d.summary_h, 2);
   cr_assert_eq(d.detail_y, 20);
   cr_assert_eq(d.detail_h, 3);
   cr_assert_leq(d.detail_y + d.detail_h, 23); /* the footer keeps line 23 */
}

Test(layout, dashboard_ml_60x16)
{
   DashLayout d;
   Layout_dashboard(60, 16, 6, 6, 28, &d);
   cr_assert_eq(d.row_h, 1);
   cr_assert_eq(d.visible_rows, 6);
   cr_assert_eq(d.totals_y, 8);
   cr_assert_eq(d.summary_y, 10);
   cr_assert_eq(d.detail_y, 12);
   cr_assert_eq(d.detail_h, 2);
   cr_assert_leq(d.detail_y + d.detail_h, 15);
}

Test(layout, dashboard_small_lens)
{
   DashLayout d;
   Layout_dashboard(80, 24, 2, 3, 10, &d);
   cr_assert_eq(d.row_h, 1); /* the counts fit inline */
   cr_assert_eq(d.totals_y, 4);
   cr_assert_eq(d.detail_h, 3);
}

Test(layout, dashboard_no_phases)
{
   DashLayout d;
   Layout_dashboard(80, 24, 1, 4, 10, &d);
   cr_assert_eq(d.totals_y, -1);
   cr_assert_eq(d.visible_rows, 1);
}

Test(layout, dashboard_rows_scroll)
{
   DashLayout d;
   Layout_dashboard(80, 16, 20, 3, 10, &d);
   cr_assert_eq(d.row_h, 1);
   cr_assert_eq(d.visible_rows, 10);
   cr_assert_eq(d.detail_y + d.detail_h, 15);
}

Test(layout, stack)
{
   LayoutPart parts[] = {{1, 1}, {1, 3}, {0, 2}};
   int h[3];
   cr_assert_eq(Layout_stack(4, parts, 3, h), 4);
   cr_assert_eq(h[0], 1);
   cr_assert_eq(h[1], 3);
   cr_assert_eq(h[2], 0);
   cr_assert_eq(Layout_stack(10, parts, 3, h), 6);
   cr_assert_eq(h[2], 2);
   cr_assert_eq(Layout_stack(1, parts, 3, h), 1);
   cr_assert_eq(h[0], 1);
   cr_assert_eq(h[1], 0);
   cr_assert_eq(Layout_stack(-3, parts, 3, h), 0);
   cr_assert_eq(h[0], 0);
}

Test(layout, scroll)
{
   cr_assert_eq(Layout_scroll(10, 5, 20, 0), 6);
   cr_assert_eq(Layout_scroll(2, 5, 20, 6), 2);
   cr_assert_eq(Layout_scroll(7, 5, 20, 6), 6);
   cr_assert_eq(Layout_scroll(3, 5, 4, 2), 0);
   cr_assert_eq(Layout_scroll(19, 5, 20, 18), 15);
   cr_assert_eq(Layout_scroll(0, 0, 20, 3), 0);
}

Test(layout, move_cursor)
{
   size_t cur = 0;

   cr_assert_not(Layout_moveCursor(&cur, 10, 4, MOVE_UP), "no row above the first");
   cr_assert(Layout_moveCursor(&cur, 10, 4, MOVE_DOWN));
   cr_assert_eq(cur, 1);
   cr_assert(Layout_moveCursor(&cur, 10, 4, MOVE_PGDN));
   cr_assert_eq(cur, 5);
   cr_assert(Layout_moveCursor(&cur, 10, 4, MOVE_PGDN));
   cr_assert_eq(cur, 9);
   cr_assert(Layout_moveCursor(&cur, 10, 4, MOVE_PGDN) == false, "a page past the end stays");
   cr_assert_eq(cur, 9);
   cr_assert_not(Layout_moveCursor(&cur, 10, 4, MOVE_DOWN));
   cr_assert(Layout_moveCursor(&cur, 10, 4, MOVE_PGUP));
   cr_assert_eq(cur, 5);
   cr_assert(Layout_moveCursor(&cur, 10, 4, MOVE_HOME));
   cr_assert_eq(cur, 0);
   cr_assert(Layout_moveCursor(&cur, 10, 4, MOVE_END));
   cr_assert_eq(cur, 9);
   cr_assert_not(Layout_moveCursor(&cur, 10, 4, MOVE_LEFT), "left and right are not list moves");
   cr_assert(Layout_moveCursor(&cur, 10, 0, MOVE_PGUP), "page 0 jumps to the first row");
   cr_assert_eq(cur, 0);
   cr_assert(Layout_moveCursor(&cur, 10, 0, MOVE_PGDN));
   cr_assert_eq(cur, 9);
   cur = 0;
   cr_assert_not(Layout_moveCursor(&cur, 0, 4, MOVE_DOWN), "an empty list has no cursor to move");
   cr_assert_eq(cur, 0);
}

/* Every part lies inside the body and none overlaps the next one shown. */
static void assertStacked(int top, int height, const QuestionLayout *lo)
{
   int sum = 0, end = top;
   for (int i = 0; i < QPART_N; i++) {
      cr_assert_geq(lo->h[i], 0);
      sum += lo->h[i];
      if (lo->h[i] == 0)
         continue;
      cr_assert_geq(lo->y[i], end, "part %d starts at %d, over the part before (ends %d)", i,
                    lo->y[i], end);
      end = lo->y[i] + lo->h[i];
   }
   cr_assert_leq(sum, height);
   cr_assert_leq(end, top + height);
}

Test(layout, question_roomy_80x24)
{
   QuestionSizes in = {
      .title = 2, .desc = 5, .detail = 1, .notes = 1, .changes = 2, .n_choices = 4};
   QuestionLayout lo;
   Layout_question(1, 22, &in, &lo);
   assertStacked(1, 22, &lo);
   cr_assert_eq(lo.h[QPART_TITLE], 2);
   cr_assert_eq(lo.h[QPART_DESC], 5, "the whole description fits");
   cr_assert_eq(lo.h[QPART_CHOICES], 4, "every practice shows");
   cr_assert_eq(lo.h[QPART_NOTES], 2, "a heading and '(none)'");
   cr_assert_eq(lo.h[QPART_CHANGES], 3, "a heading and two changes");
   cr_assert_eq(lo.y[QPART_STATUS], 22, "the status line keeps to the bottom");
   cr_assert_eq(lo.y[QPART_CHANGES], 22 - 3, "the changes sit on it");
   cr_assert_eq(lo.y[QPART_NOTES], 22 - 3 - 2, "the notes above them");
   cr_assert_eq(lo.y[QPART_DETAIL], lo.y[QPART_NOTES] - lo.h[QPART_DETAIL]);
   cr_assert_eq(lo.y[QPART_CHOICES], 1 + 1 + 2 + 5 + 1, "context, title, description, a gap");
}

Test(layout, question_cramped_keeps_the_practices)
{
   /* 60x16: 14 lines for a long description and eight practices. */
   QuestionSizes in = {.title = 3, .desc = 20, .detail = 4, .notes = 1, .n_choices = 8};
   QuestionLayout lo;
   Layout_question(1, 14, &in, &lo);
   assertStacked(1, 14, &lo);
   cr_assert_eq(lo.h[QPART_CHOICES], 8, "the practices come before the description");
   cr_assert_eq(lo.h[QPART_DESC], 1, "the description keeps one line");
   cr_assert_eq(lo.h[QPART_STATUS], 1);
   cr_assert_eq(lo.h[QPART_CONTEXT], 1);
   cr_assert_eq(lo.h[QPART_GAP1] + lo.h[QPART_GAP2] + lo.h[QPART_CHANGES], 0);
}

Test(layout, question_spare_lines_go_to_the_description)
{
   QuestionSizes in = {.title = 1, .desc = 30, .detail = 1, .notes = 1, .n_choices = 2};
   QuestionLayout lo;
   Layout_question(1, 40, &in, &lo);
   assertStacked(1, 40, &lo);
   cr_assert_gt(lo.h[QPART_DESC], 40 / 4, "more than its share when nobody else wants the lines");
   cr_assert_eq(lo.h[QPART_DESC] + lo.h[QPART_CONTEXT] + lo.h[QPART_TITLE] + lo.h[QPART_GAP1] +
                   lo.h[QPART_CHOICES] + lo.h[QPART_GAP2] + lo.h[QPART_DETAIL] + lo.h[QPART_NOTES] +
                   lo.h[QPART_STATUS],
                40, "every line used");
}

Test(layout, question_scroll_positions)
{
   QuestionSizes in = {.title = 1, .desc = 12, .detail = 1, .notes = 1, .n_choices = 8};
   QuestionLayout lo;
   in.desc_first = 100; /* scrolled past the end (the screen grew) */
   in.choice = 7;
   Layout_question(1, 14, &in, &lo);
   cr_assert_eq(lo.desc_first, in.desc - (size_t)lo.h[QPART_DESC], "the last page of it");
   cr_assert_leq(lo.choices_first, in.choice);
   cr_assert_gt(lo.choices_first + (size_t)lo.h[QPART_CHOICES], in.choice,
                "the cursor's practice in view");
   in.desc = 2; /* all of it fits */
   in.desc_first = 1;
   Layout_question(1, 22, &in, &lo);
   cr_assert_eq(lo.desc_first, 0);
   in.choice = 0;
   in.choices_first = 5;
   Layout_question(1, 22, &in, &lo);
   cr_assert_eq(lo.choices_first, 0, "back up to the cursor");
}

Test(layout, question_practice_notes_widen_the_details)
{
   QuestionSizes in = {.title = 1, .desc = 1, .detail = 1, .notes = 1, .n_choices = 3};
   QuestionLayout lo;
   Layout_question(1, 22, &in, &lo);
   int without = lo.h[QPART_DETAIL];
   in.practice_note = 3;
   Layout_question(1, 22, &in, &lo);
   cr_assert_eq(lo.h[QPART_DETAIL], without + 3);
   assertStacked(1, 22, &lo);
}
