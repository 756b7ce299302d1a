/* test_tui_text.c: the safe-text function and width arithmetic. */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <wchar.h>

#include "tui/text.h"

static void utf8(void)
{
   cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
}

static void ascii(void)
{
   cr_assert_not_null(setlocale(LC_ALL, "C"));
}

/* Cleans s and compares with the wide string want. */
static void expectClean(const char *s, unsigned flags, const wchar_t *want)
{
   size_t n;
   wchar_t *got = WText_cleanStr(s, flags, &n);
   cr_assert_eq(n, wcslen(want), "length of \"%s\": %zu, want %zu", s, n, wcslen(want));
   cr_assert(wcscmp(got, want) == 0, "clean(\"%s\") = \"%ls\", want \"%ls\"", s, got, want);
   free(got);
}

Test(text, plain_ascii_unchanged, .init = utf8)
{
   expectClean("Automate builds", 0, L"Automate builds");
   cr_assert_eq(WText_widthStr("Automate builds"), 15);
}

Test(text, null_and_empty, .init = utf8)
{
   expectClean(NULL, 0, L"");
   expectClean("", 0, L"");
   cr_assert_eq(WText_widthStr(NULL), 0);
}

Test(text, escape_sequences_are_neutralised, .init = utf8)
{
   expectClean("a\x1b[31mred\x1b[0m", 0, L"a\xFFFD[31mred\xFFFD[0m");
   expectClean("\x1b]0;title\x07", 0, L"\xFFFD]0;title\xFFFD");
}

Test(text, c0_controls_and_del, .init = utf8)
{
   expectClean("a\x01"
               "b\x08"
               "c\x7f"
               "d\x00",
               0,
               L"a\xFFFD"
               L"b\xFFFD"
               L"c\xFFFD"
               L"d");
   expectClean("bell\a", 0, L"bell\xFFFD");
}

Test(text, c1_controls, .init = utf8)
{
   /* U+0085 NEL and U+009B CSI, encoded in UTF-8. */
   expectClean("x\xc2\x85y\xc2\x9bz", 0, L"x\xFFFDy\xFFFDz");
}

Test(text, carriage_return, .init = utf8)
{
   expectClean("one\r\ntwo", TEXT_MULTILINE, L"one\ntwo");
   expectClean("one\rtwo", TEXT_MULTILINE, L"one\xFFFDtwo");
   expectClean("one\r\ntwo", 0, L"one two");
}

Test(text, newline_and_tab, .init = utf8)
{
   expectClean("a\nb", 0, L"a b");
   expectClean("a\nb", TEXT_MULTILINE, L"a\nb");
   expectClean("a\tb", TEXT_MULTILINE, L"a b");
}

Test(text, bidi_overrides_and_isolates, .init = utf8)
{
   expectClean("abc\xe2\x80\xae"
               "def",
               0,
               L"abc\xFFFD"
               L"def"); /* U+202E */
   expectClean("\xe2\x80\xaa"
               "x",
               0, L"\xFFFDx"); /* U+202A */
   expectClean("\xe2\x81\xa6"
               "x\xe2\x81\xa9",
               0, L"\xFFFDx\xFFFD"); /* U+2066, U+2069 */
   expectClean("a\xe2\x80\x8f"
               "b",
               0,
               L"a\xFFFD"
               L"b"); /* U+200F RLM */
}

Test(text, wide_characters, .init = utf8)
{
   size_t n;
   int used;
   wchar_t *w = WText_cleanStr("日本語", 0, &n);

   cr_assert_eq(n, 3);
   cr_assert_eq(WText_width(w, n), 6);
   cr_assert_eq(WText_fit(w, n, 5, &used), 2);
   cr_assert_eq(used, 4);
   cr_assert_eq(WText_fit(w, n, 1, &used), 0);
   cr_assert_eq(used, 0);
   free(w);
}

Test(text, combining_characters, .init = utf8)
{
   size_t n;
   int used;
   wchar_t *w = WText_cleanStr("e\xcc\x81x", 0, &n); /* e + U+0301, x */

   cr_assert_eq(n, 3);
   cr_assert_eq(WText_width(w, n), 2);
   /* The mark stays with its letter. */
   cr_assert_eq(WText_fit(w, n, 1, &used), 2);
   cr_assert_eq(used, 1);
   free(w);
   /* A mark with nothing before it is dropped. */
   expectClean("\xcc\x81x", 0, L"x");
   expectClean("a\n\xcc\x81x", TEXT_MULTILINE, L"a\nx");
}

Test(text, invalid_utf8, .init = utf8)
{
   expectClean("a\xff"
               "b",
               0,
               L"a\xFFFD"
               L"b");
   /* A truncated sequence is one replacement; the byte after it survives. */
   expectClean("a\xe2\x82"
               "b",
               0,
               L"a\xFFFD"
               L"b");
   /* Overlong encodings and surrogates are invalid. */
   expectClean("\xc0\xaf", 0, L"\xFFFD\xFFFD");
   expectClean("\xed\xa0\x80", 0, L"\xFFFD\xFFFD\xFFFD");
   expectClean("\xf4\x90\x80\x80", 0, L"\xFFFD\xFFFD\xFFFD\xFFFD");
   /* Valid 2-, 3- and 4-byte sequences. */
   expectClean("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 0, L"\xe9\x20ac\x1f600");
   expectClean("end\xe2", 0, L"end\xFFFD");
}

Test(text, truncation, .init = utf8)
{
   size_t n;
   wchar_t *w;

   w = WText_truncate("abcdef", 4, &n);
   cr_assert(wcscmp(w, L"abc\x2026") == 0, "%ls", w);
   free(w);
   w = WText_truncate("abcd", 4, &n);
   cr_assert(wcscmp(w, L"abcd") == 0);
   free(w);
   w = WText_truncate("日本語", 5, &n);
   cr_assert(wcscmp(w, L"日本\x2026") == 0, "%ls", w);
   free(w);
   w = WText_truncate("日本語", 4, &n);
   cr_assert(wcscmp(w, L"日\x2026") == 0, "%ls", w);
   cr_assert_eq(n, 2);
   free(w);
   w = WText_truncate("abc", 0, &n);
   cr_assert_eq(n, 0);
   free(w);
}

static void expectAbbrev(const char *s, int width, const wchar_t *want)
{
   size_t n;
   wchar_t *got = WText_abbrev(s, width, &n);
   cr_assert(wcscmp(got, want) == 0, "abbrev(\"%s\", %d) = \"%ls\", want \"%ls\"", s, width, got,
             want);
   cr_assert_eq(n, wcslen(want));
   cr_assert_leq(WText_width(got, n), width < 0 ? 0 : width);
   free(got);
}

/* The six Well-Architected pillars over the matrix's columns of 8 (80
 * columns) and of 13. */
Test(text, abbreviation_of_pillars, .init = utf8)
{
   expectAbbrev("Operational excellence", 8, L"Operat.");
   expectAbbrev("Security", 8, L"Security");
   expectAbbrev("Reliability", 8, L"Reliab.");
   expectAbbrev("Performance efficiency", 8, L"Perform.");
   expectAbbrev("Cost optimization", 8, L"Cost");
   expectAbbrev("Sustainability", 8, L"Sustain.");
   expectAbbrev("Operational excellence", 13, L"Operational");
   expectAbbrev("Cost optimization", 13, L"Cost optimiz.");
   expectAbbrev("Sustainability", 13, L"Sustainabil.");
   expectAbbrev("Security", 5, L"Sec.");
   /* A cut leaves out three characters at least: never a word in itself. */
   expectAbbrev("Operational excellence", 10, L"Operat.");
   expectAbbrev("Security", 7, L"Secur.");
}

Test(text, abbreviation_keeps_meaning, .init = utf8)
{
   /* Two words that fit, not one that says little. */
   expectAbbrev("AI Risk Management", 8, L"AI Risk");
   /* A short word is not left alone: "Cost" but not "AI", "01" or "and". */
   expectAbbrev("AI Oversight", 8, L"AI Over\x2026");
   expectAbbrev("01 - Architecture", 8, L"01 - Ar\x2026");
   expectAbbrev("Cost and Performance", 8, L"Cost");
   expectAbbrev("Monitoring and Observability", 8, L"Monitor.");
   /* Accented vowels count; a cut keeps three letters at least. */
   expectAbbrev("\xc3\x9c"
                "berwachung",
                7,
                L"\xdc"
                L"berw.");
   expectAbbrev("Xyzzyx", 4, L"Xyz\x2026");
   /* Scripts without these vowels, and non-letters, are cut with "…". */
   expectAbbrev("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xa7\xe3\x81\x99", 7,
                L"\x65e5\x672c\x8a9e\x2026");
   expectAbbrev("R2D2R2D2R2", 8, L"R2D2R2D\x2026");
   expectAbbrev("Fits", 4, L"Fits");
   expectAbbrev("", 0, L"");
   expectAbbrev("abc", 0, L"");
}

static size_t wrapLines(const wchar_t *s, int width, TextLine **lines)
{
   return WText_wrap(s, wcslen(s), width, lines);
}

static void expectLine(const wchar_t *s, const TextLine *l, const wchar_t *want)
{
   cr_assert_eq(l->len, wcslen(want), "line \"%.*ls\", want \"%ls\"", (int)l->len, s + l->start,
                want);
   cr_assert(wcsncmp(s + l->start, want, l->len) == 0, "line \"%.*ls\", want \"%ls\"", (int)l->len,
             s + l->start, want);
}

Test(text, wrap_at_blanks, .init = utf8)
{
   const wchar_t *s = L"the quick brown fox";
   TextLine *l;
   size_t n = wrapLines(s, 10, &l);

   cr_assert_eq(n, 2);
   expectLine(s, &l[0], L"the quick");
   expectLine(s, &l[1], L"brown fox");
   cr_assert_eq(l[0].width, 9);
   free(l);
}

Test(text, wrap_long_word_and_newlines, .init = utf8)
{
   const wchar_t *s = L"abcdefghijkl", *t = L"a\n\nb\n";
   TextLine *l;
   size_t n = wrapLines(s, 5, &l);

   cr_assert_eq(n, 3);
   expectLine(s, &l[0], L"abcde");
   expectLine(s, &l[1], L"fghij");
   expectLine(s, &l[2], L"kl");
   free(l);
   n = wrapLines(t, 5, &l);
   cr_assert_eq(n, 4);
   expectLine(t, &l[0], L"a");
   expectLine(t, &l[1], L"");
   expectLine(t, &l[2], L"b");
   expectLine(t, &l[3], L"");
   free(l);
}

Test(text, wrap_wide_and_empty, .init = utf8)
{
   const wchar_t *s = L"日本語の文", *e = L"";
   TextLine *l;
   size_t n = wrapLines(s, 5, &l);

   cr_assert_eq(n, 3);
   expectLine(s, &l[0], L"日本");
   expectLine(s, &l[1], L"語の");
   expectLine(s, &l[2], L"文");
   cr_assert_eq(l[0].width, 4);
   free(l);
   n = wrapLines(e, 5, &l);
   cr_assert_eq(n, 1);
   cr_assert_eq(l[0].len, 0);
   free(l);
}

Test(text, ascii_locale_fallbacks, .init = ascii)
{
   size_t n;
   wchar_t *w;

   cr_assert_not(WText_utf8Locale());
   cr_assert_eq(WText_replacement(), L'?');
   expectClean("caf\xc3\xa9 \x1b[1m", 0, L"caf? ?[1m");
   w = WText_truncate("abcdef", 4, &n);
   cr_assert(wcscmp(w, L"abc~") == 0, "%ls", w);
   free(w);
   w = WText_abbrev("Reliability", 8, &n);
   cr_assert(wcscmp(w, L"Reliab.") == 0, "%ls", w);
   free(w);
}
