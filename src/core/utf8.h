/* utf8.h: walking UTF-8 and measuring how many columns text takes on a
 * fixed-width page or terminal, the same in every locale.
 *
 * The CLI lines its tables up with it and the report writers (src/report)
 * wrap and pad with it, so both read the same wherever they are run or
 * printed.  The TUI measures with the terminal's own wcwidth() instead
 * (src/tui/text.h), since there the terminal decides.  Nothing here
 * allocates. */
#ifndef WALENS_UTF8_H
#define WALENS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the UTF-8 sequence at s (at most the bytes before the NUL).
 * Returns the bytes consumed (>= 1 unless *s is NUL); an invalid byte is
 * consumed alone and gives U+FFFD. */
size_t Utf8_next(const char *s, uint32_t *cp);
/* Code points in s (invalid bytes count one each); NULL gives 0. */
size_t Utf8_chars(const char *s);

/* Columns a code point takes: 0 for combining marks and other zero-width
 * characters, 2 for East Asian wide and fullwidth forms, else 1. */
int Utf8_cpWidth(uint32_t cp);
/* Columns s takes; NULL gives 0. */
size_t Utf8_width(const char *s);
/* The bytes of the longest prefix of s at most width columns wide: whole
 * characters only, with the zero-width marks that follow the last one. */
size_t Utf8_fit(const char *s, size_t width);

#endif
