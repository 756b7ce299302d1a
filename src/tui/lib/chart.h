/* chart.h: small column charts drawn with block characters (pure: no
 * curses, unit-tested).
 *
 * A chart of n values is n columns, height rows tall, scaled so that max
 * fills the height.  Each row is a string of one character per value: the
 * eighth blocks ▁▂▃▄▅▆▇█ in UTF-8, or " .:-=+*%#" outside it (both read
 * low to high).  A zero is blank; any other value shows at least the
 * lowest block, so that "a little" never reads as "none". */
#ifndef WALENS_TUI_LIB_CHART_H
#define WALENS_TUI_LIB_CHART_H

#include <stdbool.h>
#include <stddef.h>

/* Eighths of a column filled for v (0 .. 8 * height). */
int Chart_level(size_t v, size_t max, int height);

/* Row `row` of the chart (0 is the top row), as UTF-8 or ASCII; the
 * caller frees it. */
char *Chart_row(const size_t *values, size_t n, size_t max, int height, int row, bool utf8);

/* The largest of the values (at least 1, so that it can scale). */
size_t Chart_max(const size_t *values, size_t n);

#endif
