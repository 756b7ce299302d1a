/* wtext.h: text from lenses and users made safe for the screen, measured
 * and wrapped, with no curses (drawing it: tui/text.h).
 *
 * Every string of foreign origin (a lens, a user, the database) passes
 * through wtext.c's wTextClean() before curses sees it: control characters (C0, C1,
 * DEL, ESC, backspace, a CR that does not end a line) and bidirectional
 * overrides and isolates are shown as one harmless replacement character,
 * invalid UTF-8 as well; widths come from wcwidth().  Text_draw() is the only
 * function in walens that hands text to curses.
 *
 * Wide strings returned here are owned by the caller (free()). */
#ifndef WALENS_TUI_LIB_WTEXT_H
#define WALENS_TUI_LIB_WTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum {
   TEXT_MULTILINE = 1 << 0, /* keep '\n' (else it reads as a blank) */
};

/* The mark of a cut: "…" when the locale shows it in one column, else "~". */
wchar_t WText_ellipsis(void);

/* What replaces anything unsafe: U+FFFD when the locale can show it, else '?'. */
wchar_t WText_replacement(void);
/* True when the locale's codeset is UTF-8 (glyphs, borders, ellipsis). */
bool WText_utf8Locale(void);

/* One UTF-8 sequence at s[0..n) (n >= 1): its code point with *used its
 * bytes, or -1 with *used the bytes of the longest invalid prefix (>= 1),
 * so that one broken sequence counts once. */
long WText_decode(const char *s, size_t n, size_t *used);

/* How one character of raw text shows when it stands alone: a tab as a
 * blank, a control or bidi character, and anything unprintable, as the
 * replacement; outside a UTF-8 locale anything not ASCII as '?'.  '\n' and
 * '\r' read as controls here: line ends are the caller's to handle. */
wchar_t WText_shown(wchar_t c);

wchar_t *WText_cleanStr(const char *s, unsigned flags, size_t *len);

/* Columns of one cleaned character (0 for combining marks) and of a run. */
int WText_charWidth(wchar_t c);
int WText_width(const wchar_t *s, size_t n);
/* Display width of a UTF-8 string once cleaned. */
int WText_widthStr(const char *s);

/* How many characters of s[0..n) fit in width columns, never splitting a
 * character from the combining marks that follow it.  *used (may be NULL)
 * gets the columns they take. */
size_t WText_fit(const wchar_t *s, size_t n, int width, int *used);

/* The cleaned string cut to width columns; when it is cut, its last column
 * becomes an ellipsis ("…", or "~" outside UTF-8).  Caller frees. */
wchar_t *WText_truncate(const char *s, int width, size_t *len);

/* A short label for a name (a pillar's, over a narrow column): the name
 * when it fits width columns; else as many of its first words as fit, the
 * last of them cut after a consonant that a vowel follows (three characters
 * short at least) and marked with a full stop: "Cost optimization" ->
 * "Cost optimiz." or "Cost", "Reliability" -> "Reliab.", "AI Risk
 * Management" -> "AI Risk".  A word kept whole before dropped ones has four
 * characters at least, a cut one keeps three letters.  When none of that
 * fits, the cut of WText_truncate().  Caller frees. */
wchar_t *WText_abbrev(const char *s, int width, size_t *len);

/* Wrapping: lines break where Unicode's line breaking allows (after a blank,
 * a hyphen, between ideographs; never inside a URL: Utf8_breaksCp in
 * core/utf8.h), inside a word where it is longer than the width, and at
 * every '\n'.  Blanks at the end of a line hang past the width; lines hold
 * no trailing blank and no '\n'. */
typedef struct TextLine {
   size_t start, len; /* into the wrapped string */
   int width;
} TextLine;

/* Fills *lines (caller frees) and returns their count; an empty string is
 * one empty line.  width < 1 reads as 1. */
size_t WText_wrap(const wchar_t *s, size_t n, int width, TextLine **lines);

#endif
