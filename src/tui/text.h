/* text.h: the one way text from lenses and users reaches the screen.
 *
 * Every string of foreign origin is cleaned by tui/lib/wtext.h before curses
 * sees it; Text_draw() is the only function in walens that hands text to
 * curses. */
#ifndef WALENS_TUI_TEXT_H
#define WALENS_TUI_TEXT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "tui/lib/wtext.h"

/* Draws s (UTF-8, cleaned here) at y,x in at most width columns with attr,
 * truncated with an ellipsis when it does not fit.  Returns the columns
 * drawn.  Nothing is drawn outside the window. */
int Text_draw(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
/* The same for an already cleaned wide string (n characters); cut without
 * an ellipsis when ellipsis is false. */
int Text_drawW(WINDOW *w, int y, int x, int width, const wchar_t *s, size_t n, attr_t attr,
               bool ellipsis);
/* A pillar's or a phase's name in width columns: whole when it fits, else
 * shortened by WText_abbrev ("Cost optimiz.", "Operational"), the one
 * shortening every screen uses for these names. */
int Text_drawName(WINDOW *w, int y, int x, int width, const char *s, attr_t attr);
/* Fills width columns from x with blanks in attr (padding, bars). */
void Text_fill(WINDOW *w, int y, int x, int width, attr_t attr);

#endif
