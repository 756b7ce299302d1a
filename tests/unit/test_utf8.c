/* test_utf8.c: UTF-8 walking and display widths (core/utf8.h), which the
 * CLI's tables and the report writers line their columns up by. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/utf8.h"

#define E_ACUTE "\xC3\xA9"         /* é: one column */
#define NICHI "\xE6\x97\xA5"       /* 日: two columns */
#define HON "\xE6\x9C\xAC"         /* 本: two columns */
#define COMBINING_ACUTE "\xCC\x81" /* no column of its own */

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

/* ---- safe text ---- */

#define REPL "\xEF\xBF\xBD" /* U+FFFD */

/* s sanitized with keep, compared with want; also through Utf8_write. */
static void expectClean(const char *s, unsigned keep, const char *want)
{
   size_t len = 0;
   char *got = Utf8_sanitize(s, strlen(s), keep, &len);
   cr_assert_str_eq(got, want, "sanitize(%s)", s);
   cr_assert_eq(len, strlen(want));
   cr_assert_eq(Utf8_isSafe(s, strlen(s), keep), strcmp(s, want) == 0,
                "isSafe agrees with sanitize for %s", s);
   free(got);

   char *buf = NULL;
   size_t size = 0;
   FILE *mem = open_memstream(&buf, &size);
   cr_assert(Utf8_fputs(s, mem, keep));
   fclose(mem);
   cr_assert_str_eq(buf, want, "write(%s)", s);
   free(buf);
}

Test(utf8, unsafe_classes)
{
   static const uint32_t bad[] = {0x00,   0x07,   0x08,   0x09,   0x0A,   0x0C,   0x0D,
                                  0x1B,   0x1F,   0x7F,   0x80,   0x85,   0x9B,   0x9F,
                                  0x061C, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069};
   static const uint32_t good[] = {' ',    'a',    '~',    0xA0,   0xE9,   0x0301, 0x200B,
                                   0x2029, 0x202F, 0x2065, 0x206A, 0x65E5, 0xFFFD, 0x1F600};
   for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
      cr_assert(Utf8_isUnsafe(bad[i]), "U+%04X is unsafe", (unsigned)bad[i]);
   for (size_t i = 0; i < sizeof good / sizeof *good; i++)
      cr_assert_not(Utf8_isUnsafe(good[i]), "U+%04X is safe", (unsigned)good[i]);
}

Test(utf8, sanitize_replaces_each_control)
{
   expectClean("a\033]2;title\007b", 0, "a" REPL "]2;title" REPL "b"); /* ESC, BEL */
   expectClean("over\rwrite", UTF8_KEEP_NL, "over" REPL "write");      /* lone CR */
   expectClean("back\bspace", 0, "back" REPL "space");                 /* BS */
   expectClean("del\177x", 0, "del" REPL "x");                         /* DEL */
   expectClean("csi\xC2\x9B"
               "2J",
               0, "csi" REPL "2J"); /* C1 CSI */
   expectClean("nel\xC2\x85", 0, "nel" REPL);
   expectClean("\xE2\x80\xAE"
               "evil",
               0, REPL "evil"); /* RLO */
   expectClean("\xE2\x81\xA6"
               "iso\xE2\x81\xA9",
               0, REPL "iso" REPL); /* LRI, PDI */
   expectClean("\xE2\x80\x8F"
               "mark",
               0, REPL "mark"); /* RLM */
}

Test(utf8, sanitize_replaces_invalid_sequences)
{
   expectClean("a\xFF"
               "b",
               0, "a" REPL "b");
   expectClean("\x80\x80", 0, REPL REPL);                   /* lone continuations */
   expectClean("\xC0\xAF", 0, REPL REPL);                   /* overlong '/' */
   expectClean("\xE0\x80\xAF", 0, REPL REPL REPL);          /* overlong, three bytes */
   expectClean("\xC1\x9B", 0, REPL REPL);                   /* overlong C1 CSI */
   expectClean("\xED\xA0\x80", 0, REPL REPL REPL);          /* a surrogate */
   expectClean("\xF4\x90\x80\x80", 0, REPL REPL REPL REPL); /* past U+10FFFF */
   expectClean("end\xE6\x97", 0, "end" REPL);               /* cut at the end: one */
   expectClean("\xF0\x9F\x98"
               "x",
               0, REPL "x"); /* cut in the middle: one */
}

Test(utf8, sanitize_keeps_text)
{
   const char *s = "caf" E_ACUTE " " NICHI HON " \xF0\x9F\x98\x80 e" COMBINING_ACUTE
                   " \xC2\xA0nbsp \xEF\xBF\xBD";
   expectClean(s, 0, s);
   expectClean("", 0, "");
   char *n = Utf8_sanitizeStr(NULL, 0);
   cr_assert_str_eq(n, "");
   free(n);
}

Test(utf8, sanitize_keeps_layout_by_flag)
{
   expectClean("a\nb\tc\fd", 0, "a" REPL "b" REPL "c" REPL "d");
   expectClean("a\nb\tc\fd", UTF8_KEEP_NL, "a\nb" REPL "c" REPL "d");
   expectClean("a\nb\tc\fd", UTF8_KEEP_NL | UTF8_KEEP_TAB, "a\nb\tc" REPL "d");
   expectClean("a\nb\tc\fd", UTF8_KEEP_NL | UTF8_KEEP_TAB | UTF8_KEEP_FF, "a\nb\tc\fd");
   expectClean("dos\r\nline", UTF8_KEEP_NL, "dos\nline");
   expectClean("dos\r\nline", 0, "dos" REPL REPL "line");
   expectClean("cr at end\r", UTF8_KEEP_NL, "cr at end" REPL);
}

Test(utf8, sanitize_counts_bytes_not_nuls)
{
   size_t len;
   char *s = Utf8_sanitize("a\0b", 3, 0, &len);
   cr_assert_eq(len, 5);
   cr_assert_eq(memcmp(s, "a" REPL "b", 6), 0, "a NUL within the length is replaced");
   free(s);
   s = Utf8_sanitize("\033[2J", 2, 0, &len);
   cr_assert_str_eq(s, REPL "[", "only the bytes asked for");
   free(s);
}

Test(utf8, decode_takes_whole_broken_sequences)
{
   uint32_t cp;
   bool valid;

   cr_assert_eq(Utf8_decode("\xE6\x97\xA5", 3, &cp, &valid), 3);
   cr_assert(valid);
   cr_assert_eq(cp, 0x65E5);
   cr_assert_eq(Utf8_decode("\xE6\x97\xA5", 2, &cp, &valid), 2, "cut by the length");
   cr_assert_not(valid);
   cr_assert_eq(cp, 0xFFFD);
   cr_assert_eq(Utf8_decode("\xF0\x9F\x98x", 4, &cp, &valid), 3);
   cr_assert_not(valid);
   cr_assert_eq(Utf8_decode("\xE0\x80", 2, &cp, &valid), 1, "overlong: the lead alone");
   cr_assert_eq(Utf8_decode("\0", 1, &cp, &valid), 1);
   cr_assert(valid);
   cr_assert_eq(cp, 0);
   /* Utf8_next keeps its one byte a replacement, which widths count by. */
   cr_assert_eq(Utf8_next("\xF0\x9F\x98x", &cp), 1);
}
