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
