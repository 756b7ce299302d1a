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
   wchar_t *got = Text_cleanStr(s, flags, &n);
   cr_assert_eq(n, wcslen(want), "length of \"%s\": %zu, want %zu", s, n, wcslen(want));
   cr_assert(wcscmp(got, want) == 0, "clean(\"%s\") = \"%ls\", want \"%ls\"", s, got, want);
   free(got);
}

Test(text, plain_ascii_unchanged, .init = utf8)
{
   expectClean("Automate builds", 0, L"Automate builds");
   cr_assert_eq(Text_widthStr("Automate builds"), 15);
}

Test(text, null_and_empty, .init = utf8)
{
   expectClean(NULL, 0, L"");
   expectClean("", 0, L"");
   cr_assert_eq(Text_widthStr(NULL), 0);
}

Test(text, escape_sequences_are_neutralised, .init = utf8)
{
   expectClean("a\x1b[31mred\x1b[0m", 0, L"a\xFFFD[31mred\xFFFD[0m");
   expectClean("\x1b]0;title\x07", 0, L"\xFFFD]0;title\xFFFD");
}

Test(text, c0_controls_and_del, .init = utf8)
{
   expectClean("a\x01" "b\x08" "c\x7f" "d\x00", 0, L"a\xFFFD" L"b\xFFFD" L"c\xFFFD" L"d");
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
   expectClean("abc\xe2\x80\xae" "def", 0, L"abc\xFFFD" L"def");   /* U+202E */
   expectClean("\xe2\x80\xaa" "x", 0, L"\xFFFDx");                  /* U+202A */
   expectClean("\xe2\x81\xa6" "x\xe2\x81\xa9", 0, L"\xFFFDx\xFFFD"); /* U+2066, U+2069 */
   expectClean("a\xe2\x80\x8f" "b", 0, L"a\xFFFD" L"b");             /* U+200F RLM */
}

Test(text, wide_characters, .init = utf8)
{
   size_t n;
   int used;
   wchar_t *w = Text_cleanStr("日本語", 0, &n);

   cr_assert_eq(n, 3);
   cr_assert_eq(Text_width(w, n), 6);
   cr_assert_eq(Text_fit(w, n, 5, &used), 2);
   cr_assert_eq(used, 4);
   cr_assert_eq(Text_fit(w, n, 1, &used), 0);
   cr_assert_eq(used, 0);
   free(w);
}

Test(text, combining_characters, .init = utf8)
{
   size_t n;
   int used;
   wchar_t *w = Text_cleanStr("e\xcc\x81x", 0, &n); /* e + U+0301, x */

   cr_assert_eq(n, 3);
   cr_assert_eq(Text_width(w, n), 2);
   /* The mark stays with its letter. */
   cr_assert_eq(Text_fit(w, n, 1, &used), 2);
   cr_assert_eq(used, 1);
   free(w);
   /* A mark with nothing before it is dropped. */
   expectClean("\xcc\x81x", 0, L"x");
   expectClean("a\n\xcc\x81x", TEXT_MULTILINE, L"a\nx");
}

Test(text, invalid_utf8, .init = utf8)
{
   expectClean("a\xff" "b", 0, L"a\xFFFD" L"b");
   /* A truncated sequence is one replacement; the byte after it survives. */
   expectClean("a\xe2\x82" "b", 0, L"a\xFFFD" L"b");
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

   w = Text_truncate("abcdef", 4, &n);
   cr_assert(wcscmp(w, L"abc\x2026") == 0, "%ls", w);
   free(w);
   w = Text_truncate("abcd", 4, &n);
   cr_assert(wcscmp(w, L"abcd") == 0);
   free(w);
   w = Text_truncate("日本語", 5, &n);
   cr_assert(wcscmp(w, L"日本\x2026") == 0, "%ls", w);
   free(w);
   w = Text_truncate("日本語", 4, &n);
   cr_assert(wcscmp(w, L"日\x2026") == 0, "%ls", w);
   cr_assert_eq(n, 2);
   free(w);
   w = Text_truncate("abc", 0, &n);
   cr_assert_eq(n, 0);
   free(w);
}

static size_t wrapLines(const wchar_t *s, int width, TextLine **lines)
{
   return Text_wrap(s, wcslen(s), width, lines);
}

static void expectLine(const wchar_t *s, const TextLine *l, const wchar_t *want)
{
   cr_assert_eq(l->len, wcslen(want), "line \"%.*ls\", want \"%ls\"", (int)l->len, s + l->start,
                want);
   cr_assert(wcsncmp(s + l->start, want, l->len) == 0, "line \"%.*ls\", want \"%ls\"",
             (int)l->len, s + l->start, want);
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

   cr_assert_not(Text_utf8Locale());
   cr_assert_eq(Text_replacement(), L'?');
   expectClean("caf\xc3\xa9 \x1b[1m", 0, L"caf? ?[1m");
   w = Text_truncate("abcdef", 4, &n);
   cr_assert(wcscmp(w, L"abc~") == 0, "%ls", w);
   free(w);
}
