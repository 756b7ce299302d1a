/* test_utf8.c: UTF-8 walking and display widths (core/utf8.h), which the
 * CLI's tables and the report writers line their columns up by. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/names.h"
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

/* The widths come from libunistring (uc_width, asked for "UTF-8").  Where
 * they differ from the table walens kept before, libunistring follows
 * Unicode's EastAsianWidth.txt and general categories, which terminals
 * and printers follow too; the old table was a coarse range list. */
Test(utf8, widths_follow_unicode)
{
   /* Wide in EastAsianWidth.txt, missed by the old table's emoji ranges. */
   cr_assert_eq(Utf8_cpWidth(0x1F680), 2, "rocket");
   cr_assert_eq(Utf8_cpWidth(0x231A), 2, "watch");
   /* Neutral (text presentation by default): one column, although the old
    * table counted all of U+1F300..U+1F64F as wide. */
   cr_assert_eq(Utf8_cpWidth(0x1F321), 1, "thermometer");
   /* Hangul vowel and final jamo join the syllable before: no column. */
   cr_assert_eq(Utf8_cpWidth(0x1161), 0);
   cr_assert_eq(Utf8_width("\xE1\x84\x80\xE1\x85\xA1"), 2, "one syllable of two jamo");
   /* Combining marks the old table did not list (Devanagari, Hebrew). */
   cr_assert_eq(Utf8_cpWidth(0x093C), 0);
   cr_assert_eq(Utf8_cpWidth(0x05BF), 0);
   cr_assert_eq(Utf8_cpWidth(0x00AD), 0, "soft hyphen: shows only where a line breaks");
   /* East Asian ambiguous: one column whatever the locale says, since the
    * encoding asked for is UTF-8, not the locale's. */
   cr_assert_eq(Utf8_cpWidth(0x2460), 1, "circled one");
   cr_assert_eq(Utf8_cpWidth(0x3248), 1, "circled ten on a black square");
   cr_assert_eq(Utf8_cpWidth(0x00B1), 1, "plus-minus");
}

/* An unsafe character is written as one U+FFFD, so it takes one column,
 * not what libunistring says of it (-1 for a control, 0 for a bidi mark). */
Test(utf8, unsafe_characters_take_one_column)
{
   static const uint32_t unsafe[] = {0x00, 0x01,   0x1B,   0x7F,   0x85,
                                     0x9F, 0x061C, 0x200E, 0x202E, 0x2066};
   for (size_t i = 0; i < sizeof unsafe / sizeof *unsafe; i++)
      cr_assert_eq(Utf8_cpWidth(unsafe[i]), 1, "U+%04X", (unsigned)unsafe[i]);
   cr_assert_eq(Utf8_width("a\x1B[2Jb"), 6);
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

/* ---- line breaks ---- */

/* s with a '|' where Utf8_breaks allows a line to end. */
static char *marked(const char *s)
{
   size_t n = strlen(s), o = 0;
   char *brk = malloc(n + 1), *out = malloc(2 * n + 1);
   Utf8_breaks(s, n, brk);
   for (size_t i = 0; i < n; i++) {
      if (brk[i])
         out[o++] = '|';
      out[o++] = s[i];
   }
   out[o] = '\0';
   free(brk);
   return out;
}

static void expectBreaks(const char *s, const char *want)
{
   char *got = marked(s);
   cr_assert_str_eq(got, want, "breaks of %s", s);
   free(got);

   /* The code-point form agrees with the UTF-8 one. */
   size_t n = strlen(s), k = 0, m = 0;
   uint32_t *cps = malloc((n + 1) * sizeof *cps);
   size_t *at = malloc((n + 1) * sizeof *at);
   for (size_t len; (len = Utf8_next(s + k, &cps[m])) > 0; k += len)
      at[m++] = k;
   char *b8 = malloc(n + 1), *b32 = malloc(m + 1);
   Utf8_breaks(s, n, b8);
   Utf8_breaksCp(cps, m, b32);
   for (size_t i = 0; i < m; i++)
      cr_assert_eq(b32[i], b8[at[i]], "code point %zu of %s", i, s);
   free(cps);
   free(at);
   free(b8);
   free(b32);
}

Test(utf8, breaks_follow_uax14)
{
   expectBreaks("the quick fox", "the |quick |fox");
   expectBreaks("well-architected", "well-|architected");
   expectBreaks("read/write", "read/|write");
   expectBreaks("word !", "word !");                      /* never before '!' */
   expectBreaks("(Datenschutz) ok", "(Datenschutz) |ok"); /* nor before ')' */
   expectBreaks("10-20% 3.5", "10-20% |3.5");             /* numbers whole */
   /* Between ideographs, but never before the full stop 。 */
   expectBreaks(NICHI HON "\xE3\x80\x82", NICHI "|" HON "\xE3\x80\x82");
   expectBreaks("", "");
}

Test(utf8, breaks_keep_walens_rules)
{
   /* Punctuation stays with the letter after it (UAX #14 LB29), where
    * libunistring 1.0 would break. */
   expectBreaks("e.g. z.B. config.yaml a,b a:b a;b", "e.g. |z.B. |config.yaml |a,b |a:b |a;b");
   /* A URL is never broken, in any case of its scheme; text around it is. */
   expectBreaks("see https://docs.example.com/ml-lens/sec01-bp01.html now",
                "see |https://docs.example.com/ml-lens/sec01-bp01.html |now");
   expectBreaks("(HTTP://a.b/c?d=e) x/y", "(HTTP://a.b/c?d=e) |x/|y");
   expectBreaks("http:/a/b", "http:/|a/|b"); /* not a URL */
}

/* ---- one record, one line ---- */

/* The mark is U+23CE in a UTF-8 locale: the tests set one (or skip). */
static void utf8Locale(void)
{
   if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8"))
      cr_skip_test("no UTF-8 locale");
}

#define MARK "\xE2\x8F\x8E"

Test(oneline, every_line_break_is_the_mark)
{
   utf8Locale();
   cr_assert_str_eq(Utf8_lineMark(), MARK);
   static const char in[] = "a\nb\rc\r\nd\ve\ff\xC2\x85g\xE2\x80\xA8h\xE2\x80\xA9i";
   char *out = Utf8_sanitizeStr(in, UTF8_ONE_LINE | UTF8_KEEP_NL | UTF8_KEEP_FF);
   cr_assert_str_eq(out,
                    "a" MARK "b" MARK "c" MARK "d" MARK "e" MARK "f" MARK "g" MARK "h" MARK "i");
   free(out);
   /* The other unsafe characters stay U+FFFD. */
   out = Utf8_sanitizeStr("x\033y", UTF8_ONE_LINE);
   cr_assert_str_eq(out, "x\xEF\xBF\xBDy");
   free(out);
}

Test(oneline, ascii_mark_outside_utf8)
{
   setlocale(LC_ALL, "C");
   cr_assert_str_eq(Utf8_lineMark(), "\\n");
   char *out = Utf8_sanitizeStr("a\nb", UTF8_ONE_LINE);
   cr_assert_str_eq(out, "a\\nb");
   free(out);
}

Test(oneline, format_keeps_its_own_line_ends)
{
   utf8Locale();
   char *out =
      Utf8_format(UTF8_KEEP_NL | UTF8_KEEP_TAB, "%s: %s\n\t%s\n", "QB1", "t\nQB1 NONE", "ok");
   cr_assert_str_eq(out, "QB1: t" MARK "QB1 NONE\n\tok\n");
   free(out);
   /* Without UTF8_KEEP_NL the format's own line end is unsafe too. */
   out = Utf8_format(0, "%s\n", "a\nb");
   cr_assert_str_eq(out, "a" MARK "b\xEF\xBF\xBD");
   free(out);
}

/* Every conversion the sources use formats as printf does. */
Test(oneline, format_matches_printf)
{
   utf8Locale();
   char want[512];
   size_t z = 42;
   long long ll = -1234567890123LL;
   snprintf(want, sizeof want,
            "%5s|%-5s|%.2s|%zu|%4zu|%d|%lld|%02X|%c|%%|%*s|%-*s|%.*s|%u|%ld|%6.2f", "ab", "cd",
            "efgh", z, z, -7, ll, 10u, 'q', 6, "r", 4, "s", 3, "tuvw", 9u, 77L, 3.14159);
   char *got = Utf8_format(
      0, "%5s|%-5s|%.2s|%zu|%4zu|%d|%lld|%02X|%c|%%|%*s|%-*s|%.*s|%u|%ld|%6.2f", "ab", "cd", "efgh",
      z, z, -7, ll, 10u, 'q', 6, "r", 4, "s", 3, "tuvw", 9u, 77L, 3.14159);
   cr_assert_str_eq(got, want);
   free(got);
   /* A negative '*' width left-justifies. */
   got = Utf8_format(0, "[%*s]", -4, "x");
   cr_assert_str_eq(got, "[x   ]");
   free(got);
   /* A precision bounds the bytes read, before the line is made one. */
   got = Utf8_format(0, "[%.3s]", "a\nbcdef");
   cr_assert_str_eq(got, "[a" MARK "b]");
   free(got);
}

/* ---- names ---- */

static void normal(NameKind k, const char *in, const char *want)
{
   char *out = NULL;
   cr_assert_eq(Names_normalize(k, in, &out), NAME_OK, "'%s' should normalise", in);
   cr_assert_str_eq(out, want);
   cr_assert(Names_isNormal(k, out));
   free(out);
}

static void refused(NameKind k, const char *in, NameProblem why)
{
   char *out = (char *)1;
   cr_assert_eq(Names_normalize(k, in, &out), why, "'%s'", in);
   cr_assert_null(out);
   cr_assert_not(Names_isNormal(k, in));
}

Test(names, look_alikes_are_one_name)
{
   normal(NAME_WORKLOAD, "rich", "rich");
   normal(NAME_WORKLOAD, "rich ", "rich");
   normal(NAME_WORKLOAD, "  rich", "rich");
   normal(NAME_WORKLOAD, "rich   fraud", "rich fraud");
   normal(NAME_WORKLOAD, "rich\xC2\xA0", "rich");     /* NBSP */
   normal(NAME_WORKLOAD, "\xE3\x80\x80rich", "rich"); /* ideographic */
   normal(NAME_WORKLOAD, "\xEF\xBD\x92\xEF\xBD\x89\xEF\xBD\x83\xEF\xBD\x88", "rich"); /* full */
   normal(NAME_MILESTONE, "e\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9"); /* NFD -> NFC */
   normal(NAME_USER, "\xEF\xBC\xA2ob", "Bob");
   normal(NAME_WORKLOAD, "\xE6\x97\xA5\xE6\x9C\xAC", "\xE6\x97\xA5\xE6\x9C\xAC"); /* CJK stays */
   cr_assert_not(Names_isNormal(NAME_WORKLOAD, "rich "));
}

Test(names, refusals)
{
   refused(NAME_WORKLOAD, NULL, NAME_EMPTY);
   refused(NAME_WORKLOAD, "", NAME_EMPTY);
   refused(NAME_WORKLOAD, "   ", NAME_EMPTY);
   refused(NAME_WORKLOAD, "a\nb", NAME_CONTROL);
   refused(NAME_WORKLOAD, "a\tb", NAME_CONTROL);
   refused(NAME_WORKLOAD, "a\xC2\x85", NAME_CONTROL); /* NEL */
   refused(NAME_WORKLOAD,
           "a\xE2\x80\xA8"
           "b",
           NAME_CONTROL);                                   /* LINE SEPARATOR */
   refused(NAME_MILESTONE, "m\xE2\x80\xAEx", NAME_CONTROL); /* RLO */
   refused(NAME_USER,
           "ri\xE2\x80\x8B"
           "ch",
           NAME_INVISIBLE); /* ZWSP */
   refused(NAME_USER,
           "bo\xE2\x80\x8D"
           "b",
           NAME_INVISIBLE); /* ZWJ */
   refused(NAME_USER,
           "bo\xC2\xAD"
           "b",
           NAME_INVISIBLE);                               /* soft hyphen */
   refused(NAME_USER, "bob\xEF\xBB\xBF", NAME_INVISIBLE); /* BOM */
   refused(NAME_WORKLOAD, "a\xFF", NAME_BAD_UTF8);
}

Test(names, lengths)
{
   char name[200];
   memset(name, 'x', sizeof name);
   name[100] = '\0';
   normal(NAME_WORKLOAD, name, name);
   normal(NAME_MILESTONE, name, name);
   refused(NAME_USER, name, NAME_TOO_LONG);
   name[64] = '\0';
   normal(NAME_USER, name, name);
   memset(name, 'x', sizeof name);
   name[101] = '\0';
   refused(NAME_WORKLOAD, name, NAME_TOO_LONG);
   char *msg = Names_problemText(NAME_WORKLOAD, NAME_TOO_LONG);
   cr_assert_str_eq(msg, "longer than 100 characters");
   free(msg);
   /* Counted after normalising: 100 full-width letters are 100 characters. */
   char wide[400] = "";
   for (int i = 0; i < 100; i++)
      strcat(wide, "\xEF\xBD\x98");
   char *out = NULL;
   cr_assert_eq(Names_normalize(NAME_WORKLOAD, wide, &out), NAME_OK);
   cr_assert_eq(strlen(out), 100);
   free(out);
}
