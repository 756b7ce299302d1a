/* utf8.h: walking UTF-8, measuring how many columns text takes on a
 * fixed-width page or terminal and finding where its lines may break, the
 * same in every locale (widths and breaks by libunistring).
 *
 * The CLI lines its tables up with it and the report writers (src/report)
 * wrap and pad with it, so both read the same wherever they are run or
 * printed.  The TUI measures with the terminal's own wcwidth() instead
 * (src/tui/text.h), since there the terminal decides, but breaks its lines
 * where these say.
 *
 * It also makes foreign text (a lens file's, a user's) safe to write:
 * Utf8_sanitize and Utf8_write.  Only Utf8_sanitize, Utf8_sanitizeStr,
 * Utf8_format (and utf8.c's utf8Vformat) allocate. */
#ifndef WALENS_CORE_UTF8_H
#define WALENS_CORE_UTF8_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Decodes the UTF-8 sequence at s (at most the bytes before the NUL).
 * Returns the bytes consumed (>= 1 unless *s is NUL); an invalid byte is
 * consumed alone and gives U+FFFD. */
size_t Utf8_next(const char *s, uint32_t *cp);
/* Code points in s (invalid bytes count one each); NULL gives 0. */
size_t Utf8_chars(const char *s);

/* Columns a code point takes, as libunistring's uc_width() counts them for
 * UTF-8 (whatever the locale): 0 for combining marks and other zero-width
 * characters, 2 for East Asian wide and fullwidth forms, else 1.  An
 * unsafe character (Utf8_isUnsafe) takes 1: the U+FFFD it is written as. */
int Utf8_cpWidth(uint32_t cp);
/* Columns s takes; NULL gives 0. */
size_t Utf8_width(const char *s);
/* The bytes of the longest prefix of s at most width columns wide: whole
 * characters only, with the zero-width marks that follow the last one. */
size_t Utf8_fit(const char *s, size_t width);

/* ---- line breaks ----
 *
 * Where a wrapper may end a line: the break opportunities of Unicode's
 * line breaking algorithm (UAX #14, libunistring's possible_linebreaks):
 * after a blank, a hyphen or a slash, between two ideographs, never before
 * a closing bracket or a full stop.  walens adds two rules: a URL (from
 * http:// or https:// to the next blank) is never broken, and a full stop,
 * comma, colon or semicolon stays with a letter right after it ("e.g.").
 * The wrappers keep their own rules on top: a line ends at every '\n',
 * and a word wider than the line is cut between characters. */

/* brk[i] (n of them, filled here) becomes 1 when a line may end just
 * before byte i of s[0..n), else 0; s is valid UTF-8 (cleaned text). */
void Utf8_breaks(const char *s, size_t n, char *brk);
/* The same for n code points, brk[i] before s[i]. */
void Utf8_breaksCp(const uint32_t *s, size_t n, char *brk);

/* ---- safe text ----
 *
 * A lens file from a stranger, a note or a name may hold characters that a
 * terminal or a printer takes as commands: an escape sequence (plain or in
 * its C1 form) sets the window title, writes the clipboard or moves the
 * cursor; a bidi override shows text in an order other than the stored
 * one.  Every text output but JSON (which jansson escapes) writes such text
 * through these, so that each of those characters arrives as one visible
 * U+FFFD instead.  The TUI decodes and judges with these too, and draws a
 * replacement glyph of its own (src/tui/text.h). */

/* The code points never written as they are: C0 controls (among them
 * '\n', '\t' and '\f', which a caller may keep), DEL, the C1 controls
 * U+0080..U+009F, and the bidi embeddings, overrides, isolates and marks
 * (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C). */
bool Utf8_isUnsafe(uint32_t cp);

/* The layout characters a caller keeps (or-ed together); 0 keeps none. */
enum {
   UTF8_KEEP_NL = 1u << 0,  /* '\n'; a CR just before one is dropped */
   UTF8_KEEP_TAB = 1u << 1, /* '\t' */
   UTF8_KEEP_FF = 1u << 2,  /* '\f', a printer's page break */
   /* One record, one line: every line break (LF, CR, CRLF, VT, FF, NEL
    * U+0085, LINE SEPARATOR U+2028, PARAGRAPH SEPARATOR U+2029) is shown as
    * Utf8_lineMark(), whatever UTF8_KEEP_NL and UTF8_KEEP_FF say.  For
    * Utf8_vfprintf it applies to the arguments (%s) only: the format's own
    * line ends are the caller's layout and follow the other flags. */
   UTF8_ONE_LINE = 1u << 3,
};

/* The visible mark of a line break inside a field: U+23CE RETURN SYMBOL
 * when the locale's character set is UTF-8, else the two characters "\n". */
const char *Utf8_lineMark(void);
/* True for the code points UTF8_ONE_LINE shows as the mark. */
bool Utf8_isLineBreak(uint32_t cp);

/* Decodes one character of s[0..n) (n >= 1; a NUL byte is a character).
 * Returns the bytes it takes and sets *valid; an invalid sequence gives
 * U+FFFD and the length of its longest start that could still have been
 * valid (1 to 3 bytes), so that one broken sequence is one replacement,
 * as Unicode recommends (an overlong form: one a byte). */
size_t Utf8_decode(const char *s, size_t n, uint32_t *cp, bool *valid);

/* True when s[0..n) is valid UTF-8 holding no unsafe character but the
 * ones keep names: Utf8_sanitize would return it unchanged. */
bool Utf8_isSafe(const char *s, size_t n, unsigned keep);

/* s[0..n) with every unsafe character (but the kept ones) and every invalid
 * sequence replaced by U+FFFD.  Returns a new NUL-terminated string that
 * the caller frees; *len (when not NULL) gets its length.  NULL s gives "". */
char *Utf8_sanitize(const char *s, size_t n, unsigned keep, size_t *len);
/* The same for a NUL-terminated s. */
char *Utf8_sanitizeStr(const char *s, unsigned keep);

/* Writes s[0..n) to f as Utf8_sanitize would return it, without copying.
 * False on a write error. */
bool Utf8_write(FILE *f, const char *s, size_t n, unsigned keep);
/* The same for a NUL-terminated s (NULL writes nothing). */
bool Utf8_fputs(const char *s, FILE *f, unsigned keep);
/* Formats, then writes the result as Utf8_write does.  False when the
 * format or the write fails.  With UTF8_ONE_LINE, every %s argument is put
 * on one line before it is formatted (see above); the format may then use
 * the conversions of C11's printf (no %n, no positional arguments). */
bool Utf8_vfprintf(FILE *f, unsigned keep, const char *fmt, va_list ap)
   __attribute__((format(printf, 3, 0)));
char *Utf8_format(unsigned keep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
