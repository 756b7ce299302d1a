/* rtext.h: text handling shared by the report writers, the bundle and the
 * lens export: a growable string, UTF-8 walking, display width, cleaning
 * of control characters, word wrapping, and the escaping each output
 * format needs.
 *
 * Private to src/report (the TUI has its own drawing rules).  Every
 * returned string is allocated and owned by the caller. */
#ifndef WALENS_REPORT_RTEXT_H
#define WALENS_REPORT_RTEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/utf8.h"

/* A growable NUL-terminated string; zero-initialise, then release .s with free(). */
typedef struct Sbuf {
   char *s;
   size_t len, cap;
} Sbuf;

void Sbuf_addn(Sbuf *b, const char *s, size_t n);
void Sbuf_add(Sbuf *b, const char *s); /* NULL adds nothing */
void Sbuf_addc(Sbuf *b, char c);
void Sbuf_printf(Sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void Sbuf_vprintf(Sbuf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void Sbuf_repeat(Sbuf *b, const char *s, size_t n);
/* Hands over the string ("" when nothing was added); b is empty afterwards. */
char *Sbuf_take(Sbuf *b);

/* Utf8_next() and Utf8_chars() walk UTF-8: core/utf8.h. */

/* Columns a code point or a string takes on a fixed-width page: 0 for
 * combining marks, 2 for East Asian wide and fullwidth forms, else 1
 * (Utf8_cpWidth, Utf8_width).  Independent of the locale, so that a report
 * reads the same everywhere. */
int Rtext_cpWidth(uint32_t cp);
size_t Rtext_width(const char *s);

/* The text safe to print: "\r\n", a lone '\r', U+2028 and U+2029 become
 * '\n', a tab becomes a space; every other character that Utf8_isUnsafe
 * names (C0 controls, DEL, C1 controls, bidi controls) and every invalid
 * UTF-8 sequence becomes U+FFFD (core/utf8.h).  With one_line, newlines
 * become spaces too.  NULL gives "".  Every writer passes lens and user
 * text through this first, through the escapers below or Rtext_wrap. */
char *Rtext_clean(const char *s, bool one_line);

/* Word-wraps s (cleaned first) to width columns: paragraphs break at '\n',
 * lines where Unicode's line breaking allows (after a space, a hyphen,
 * between ideographs; never inside a URL: Utf8_breaks in core/utf8.h), runs
 * of spaces become one, a word wider than the width is cut between
 * characters.  No line is wider than width (>= 1), none ends in a space.
 * An empty text gives one empty line.  *lines is an array of *n strings. */
void Rtext_wrap(const char *s, size_t width, char ***lines, size_t *n);
/* Rtext_wrap for paper: a URL (http:// or https://) wider than the width
 * is never cut but gets a line of its own, the one line that may be wider,
 * so that it can be typed from a printout or clicked in a PDF. */
void Rtext_wrapKeepUrls(const char *s, size_t width, char ***lines, size_t *n);
void Rtext_freeLines(char **lines, size_t n);

/* The longest prefix of s at most width columns wide (a copy). */
char *Rtext_cut(const char *s, size_t width);
/* Shortens s to at most max code points, at a word boundary when one is
 * near, ending in "…"; an s within the limit is copied unchanged. */
char *Rtext_shorten(const char *s, size_t max);

/* Escapers; each cleans its input first. */
/* HTML text and attribute values: & < > " ' become entities; newlines kept
 * (pass one_line to turn them into spaces). */
char *Rtext_html(const char *s, bool one_line);
/* CommonMark inline text that renders literally: every Markdown special
 * is backslash-escaped, so no emphasis, link, HTML tag, heading, list or
 * table cell boundary can come from lens or user text.  Newlines become
 * hard line breaks (a backslash at the end of the line), or spaces when
 * one_line (table cells). */
char *Rtext_md(const char *s, bool one_line);
/* One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes
 * doubled).  A field a spreadsheet would run as a formula (starting with
 * '=', '+', '-', '@' or a tab) gets a leading apostrophe, so that imported
 * text stays text. */
char *Rtext_csv(const char *s);

/* Writes s to f; false on a write error. */
bool Rtext_put(FILE *f, const char *s);
/* One CSV record of n fields (NULL is an empty field), each through
 * Rtext_csv, ended by CRLF; false on a write error. */
bool Rtext_csvRecord(FILE *f, const char *const *fields, size_t n);

/* Paged plain text (the text report and the portfolio's): */
/* left and right on one line of exactly width columns, left cleaned to one
 * line and cut to leave two blanks before right. */
char *Rtext_sides(const char *left, const char *right, size_t width);
/* Every line of a paged text leaves through here, cleaned once more
 * (Utf8_fputs): a text that missed Rtext_clean still cannot carry a control
 * character to the printer.  end (a line end or form feed) is added after. */
bool Rtext_putLine(FILE *f, const char *line, const char *end);

/* A stream that remembers its first write error, so that a writer prints
 * straight through and asks once at the end (ok && !ferror(f)).
 * Initialise as { f, true }. */
typedef struct Rout {
   FILE *f;
   bool ok;
} Rout;

/* printf to o->f, cleaned like Utf8_write (keeping '\n' and '\t'); nothing
 * more once a write has failed. */
void Rout_put(Rout *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
