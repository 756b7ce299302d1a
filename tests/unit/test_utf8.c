/* test_utf8.c: UTF-8 walking and display widths (core/utf8.h), which the
 * CLI's tables and the report writers line their columns up by. */
#include "config.h"

#include <string.h>

#include <criterion/criterion.h>

#include "core/utf8.h"

#define E_ACUTE "\xC3\xA9"          /* é: one column */
#define NICHI "\xE6\x97\xA5"        /* 日: two columns */
#define HON "\xE6\x9C\xAC"          /* 本: two columns */
#define COMBINING_ACUTE "\xCC\x81"  /* no column of its own */

Test(utf8, next_decodes_and_refuses)
{
   uint32_t cp;

   cr_assert_eq(Utf8_next("a", &cp), 1);
   cr_assert_eq(cp, 'a');
   cr_assert_eq(Utf8_next(E_ACUTE, &cp), 2);
   cr_assert_eq(cp, 0xE9);
   cr_assert_eq(Utf8_next(NICHI, &cp), 3);
   cr_assert_eq(cp, 0x65E5);
   cr_assert_eq(Utf8_next("\xF0\x9F\x98\x80", &cp), 4);
   cr_assert_eq(cp, 0x1F600);
   cr_assert_eq(Utf8_next("", &cp), 0);
   /* Overlong, a surrogate, a lone continuation, a cut sequence. */
   cr_assert_eq(Utf8_next("\xC0\xAF", &cp), 1);
   cr_assert_eq(cp, 0xFFFD);
   cr_assert_eq(Utf8_next("\xED\xA0\x80", &cp), 1);
   cr_assert_eq(cp, 0xFFFD);
   cr_assert_eq(Utf8_next("\x80", &cp), 1);
   cr_assert_eq(Utf8_next("\xE6\x97", &cp), 1);
   cr_assert_eq(cp, 0xFFFD);
}

Test(utf8, widths)
{
   cr_assert_eq(Utf8_width(NULL), 0);
   cr_assert_eq(Utf8_width(""), 0);
   cr_assert_eq(Utf8_width("caf" E_ACUTE), 4);
   cr_assert_eq(strlen("caf" E_ACUTE), 5, "one byte more than it shows");
   cr_assert_eq(Utf8_width(NICHI HON), 4);
   cr_assert_eq(Utf8_width("e" COMBINING_ACUTE), 1);
   cr_assert_eq(Utf8_width("\xFF"), 1, "an invalid byte shows as one replacement");
   cr_assert_eq(Utf8_cpWidth(0xFF21), 2, "fullwidth A");
   cr_assert_eq(Utf8_cpWidth(0x200B), 0, "zero-width space");
   cr_assert_eq(Utf8_chars(NICHI HON "!"), 3);
   cr_assert_eq(Utf8_chars(NULL), 0);
}

Test(utf8, fit_keeps_whole_characters)
{
   const char *s = "a" NICHI "b";

   cr_assert_eq(Utf8_fit(s, 0), 0);
   cr_assert_eq(Utf8_fit(s, 1), 1);
   cr_assert_eq(Utf8_fit(s, 2), 1, "half of a wide character is not kept");
   cr_assert_eq(Utf8_fit(s, 3), 4);
   cr_assert_eq(Utf8_fit(s, 4), 5);
   cr_assert_eq(Utf8_fit(s, 99), 5);
   cr_assert_eq(Utf8_fit("e" COMBINING_ACUTE "x", 1), 3, "the mark stays with its letter");
   cr_assert_eq(Utf8_fit("S" E_ACUTE "curit" E_ACUTE, 3), 4);
   cr_assert_eq(Utf8_fit(NULL, 3), 0);
}
