/* layout.h: screen arithmetic, kept pure so that it can be unit-tested
 * (no curses here: sizes in, positions out). */
#ifndef WALENS_TUI_LIB_LAYOUT_H
#define WALENS_TUI_LIB_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

/* A cursor move, as keys and the mouse wheel ask for it. */
typedef enum {
   MOVE_UP,
   MOVE_DOWN,
   MOVE_LEFT,
   MOVE_RIGHT,
   MOVE_PGUP,
   MOVE_PGDN,
   MOVE_HOME,
   MOVE_END
} Move;

/* Moves a list cursor *cur among n rows (as htop's Panel_onKey does for
 * every list): up and down by one, page up and down by page rows (page 0:
 * to the first and last row), home and end; left and right do nothing.
 * Returns true when *cur changed; with n == 0 nothing moves. */
bool Layout_moveCursor(size_t *cur, size_t n, size_t page, Move m);

/* Below this the screens show a short message instead of a layout. */
#define LAYOUT_MIN_COLS 60
#define LAYOUT_MIN_LINES 16

bool Layout_tooSmall(int cols, int lines);

/* Columns of the phase x pillar matrix.  Widths include one trailing blank. */
typedef struct MatrixLayout {
   int x0;              /* left margin */
   int label_w;         /* the phase names */
   int cell_w;          /* each pillar column */
   int total_w;         /* the totals column, 0 when not shown */
   size_t visible_cols; /* pillar columns that fit; fewer than n_cols means scrolling */
   bool counts_inline;  /* HIGH/MEDIUM counts fit beside answered/total */
} MatrixLayout;

#define LAYOUT_CELL_MIN 7
#define LAYOUT_CELL_MAX 14
#define LAYOUT_LABEL_MIN 10
#define LAYOUT_LABEL_MAX 32

/* width: columns of the screen; longest_label: widest phase name in columns;
 * with_total: a totals column is shown (more than one pillar). */
void Layout_matrixColumns(int width, size_t n_cols, int longest_label, bool with_total,
                          MatrixLayout *out);

/* Wide screens: columns at LAYOUT_CELL_MAX grow with the room left, up to
 * longest_head + 1 (the widest pillar name and a blank), so that a wide
 * terminal shows whole names instead of "Cost optimiz.".  Narrower
 * columns, or none to spare, are left as they are. */
void Layout_matrixWiden(MatrixLayout *m, int width, size_t n_cols, bool with_total,
                        int longest_head);

/* The whole dashboard, for a screen of width x height (header on line 0 and
 * footer on the last line included). */
typedef struct DashLayout {
   MatrixLayout m;
   int heads_y;         /* pillar names */
   int matrix_y;        /* first phase row */
   int row_h;           /* 1, or 2 when the counts take a line of their own */
   size_t visible_rows; /* phase rows shown; fewer than n_rows means scrolling */
   int totals_y;        /* the totals row, -1 when not shown */
   int summary_y, summary_h;
   int detail_y, detail_h; /* the selected cell in words */
} DashLayout;

void Layout_dashboard(int width, int height, size_t n_rows, size_t n_cols, int longest_label,
                      DashLayout *out);

/* Vertical stacking: every part first gets its min (in order, while lines
 * remain), then what it wants beyond that, again in order.  heights[] gets
 * the result; returns the lines used. */
typedef struct LayoutPart {
   int min, want;
} LayoutPart;

int Layout_stack(int height, const LayoutPart *parts, size_t n, int *heights);

/* The first visible item of a list of count items showing visible of them,
 * moved as little as possible from first so that cursor is visible. */
size_t Layout_scroll(size_t cursor, size_t visible, size_t count, size_t first);

/* The question screen's parts, top to bottom. */
typedef enum {
   QPART_CONTEXT, /* pillar, phase, risk, counts */
   QPART_TITLE,
   QPART_DESC,
   QPART_GAP1,
   QPART_CHOICES,
   QPART_GAP2,
   QPART_DETAIL, /* the practice under the cursor: its notes, then its details */
   QPART_NOTES,  /* the question's notes */
   QPART_CHANGES,
   QPART_STATUS,
   QPART_N
} QuestionPart;

/* What the question screen holds, measured in wrapped lines. */
typedef struct QuestionSizes {
   size_t title, desc, detail; /* the wrapped title, description, practice details */
   size_t practice_note;       /* the practice's notes line(s), 0 when none */
   size_t notes;               /* the question's notes; 1 when none ("(none)") */
   size_t changes;             /* recent changes listed (at most QUESTION_CHANGES) */
   size_t n_choices;
   bool details;                     /* i: the practice's details in full */
   size_t choice;                    /* the practice under the cursor */
   size_t desc_first, choices_first; /* the scroll positions before this layout */
} QuestionSizes;

typedef struct QuestionLayout {
   int y[QPART_N], h[QPART_N]; /* line and height of each part (height 0: not shown) */
   size_t desc_first;          /* the scroll positions kept in range and the */
   size_t choices_first;       /* cursor's practice in view */
} QuestionLayout;

/* Lays the question screen out in height lines from line top: every part
 * gets its least (the context, the practices, the status line, then the
 * title, ...) and then what it wants in that order; lines left over go to
 * the description; the status line keeps to the bottom, with the changes,
 * the notes and the practice's details stacked above it. */
void Layout_question(int top, int height, const QuestionSizes *in, QuestionLayout *out);

#endif
