/* test_tui_edbuf.c: the notes editor's buffer: editing, wrapping, cursor. */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>

#include "tui/edbuf.h"

static void utf8(void)
{
   setlocale(LC_ALL, "C.UTF-8");
}

static void expectText(const EdBuf *b, const char *want)
{
   char *t = EdBuf_text(b);
   cr_assert_str_eq(t, want);
   free(t);
}

Test(edbuf, insert_and_delete, .init = utf8)
{
   EdBuf b;

   EdBuf_init(&b, "hello");
   cr_assert_eq(b.cur, 5);
   cr_assert_not(b.modified);
   EdBuf_insert(&b, L'!');
   expectText(&b, "hello!");
   cr_assert(b.modified);
   EdBuf_left(&b);
   EdBuf_left(&b);
   EdBuf_backspace(&b);
   expectText(&b, "helo!");
   EdBuf_delete(&b);
   expectText(&b, "hel!");
   EdBuf_insert(&b, L'\n');
   expectText(&b, "hel\n!");
   EdBuf_insert(&b, 0x1b); /* not text: ignored */
   expectText(&b, "hel\n!");
   EdBuf_free(&b);
}

Test(edbuf, ends_are_safe, .init = utf8)
{
   EdBuf b;

   EdBuf_init(&b, NULL);
   EdBuf_backspace(&b);
   EdBuf_delete(&b);
   EdBuf_left(&b);
   EdBuf_right(&b);
   expectText(&b, "");
   cr_assert_eq(b.cur, 0);
   EdBuf_free(&b);
}

Test(edbuf, combining_marks_stay_with_their_letter, .init = utf8)
{
   EdBuf b;

   EdBuf_init(&b, "e\xcc\x81x");
   cr_assert_eq(b.len, 3);
   EdBuf_left(&b);
   cr_assert_eq(b.cur, 2);
   EdBuf_left(&b);
   cr_assert_eq(b.cur, 0);
   EdBuf_right(&b);
   cr_assert_eq(b.cur, 2);
   EdBuf_backspace(&b);
   expectText(&b, "x");
   EdBuf_insert(&b, 0x301); /* nothing to attach to at the start */
   expectText(&b, "x");
   EdBuf_free(&b);
}

Test(edbuf, utf8_round_trip, .init = utf8)
{
   EdBuf b;

   EdBuf_init(&b, "n\xc3\xa9\n\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80");
   expectText(&b, "n\xc3\xa9\n\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80");
   EdBuf_free(&b);
}

/* What the user does not touch goes back byte for byte: tabs, CRs,
 * controls, bidi characters, lone marks and invalid UTF-8 stay in the
 * buffer, only what is drawn is cleaned. */
static const char raw[] = "col1\tcol2\r\nline2 \xe2\x80\xaertl \x1b[1m \xcc\x81"
                          "\xff\xe2\x82x\xc0\xaf\xed\xa0\x80 \r end";

Test(edbuf, raw_text_round_trip, .init = utf8)
{
   EdBuf b;

   EdBuf_init(&b, raw);
   expectText(&b, raw);
   cr_assert_not(b.modified);
   EdBuf_insert(&b, L'X');
   expectText(&b, "col1\tcol2\r\nline2 \xe2\x80\xaertl \x1b[1m \xcc\x81"
                  "\xff\xe2\x82x\xc0\xaf\xed\xa0\x80 \r endX");
   b.cur = 0;
   EdBuf_insert(&b, L'>');
   EdBuf_delete(&b);
   expectText(&b, ">ol1\tcol2\r\nline2 \xe2\x80\xaertl \x1b[1m \xcc\x81"
                  "\xff\xe2\x82x\xc0\xaf\xed\xa0\x80 \r endX");
   EdBuf_free(&b);
}

static char *shownText(const EdBuf *b, size_t from, size_t to)
{
   wchar_t *w = calloc(to - from + 1, sizeof *w);
   EdBuf one;
   char *s;
   size_t n = EdBuf_shown(b, from, to, w);

   EdBuf_init(&one, NULL);
   for (size_t i = 0; i < n; i++) {
      one.text = realloc(one.text, (one.len + 1) * sizeof *one.text);
      one.text[one.len++] = w[i];
   }
   s = EdBuf_text(&one);
   EdBuf_free(&one);
   free(w);
   return s;
}

Test(edbuf, only_what_is_drawn_is_cleaned, .init = utf8)
{
   EdBuf b;
   EdLine *l;
   size_t n;
   char *s;

   EdBuf_init(&b, raw);
   n = EdBuf_layout(&b, 200, &l);
   cr_assert_eq(n, 2, "a \"\\r\\n\" ends a line");
   s = shownText(&b, l[0].start, l[0].start + l[0].len);
   cr_assert_str_eq(s, "col1 col2", "a tab shows as a blank, the CR of CRLF not at all");
   free(s);
   s = shownText(&b, l[1].start, l[1].start + l[1].len);
   /* bidi, ESC, a mark after a blank (kept), invalid bytes one each, a lone CR */
   cr_assert_str_eq(s, "line2 \xef\xbf\xbdrtl \xef\xbf\xbd[1m \xcc\x81"
                       "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx\xef\xbf\xbd\xef\xbf\xbd"
                       "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd \xef\xbf\xbd end");
   free(s);
   cr_assert_eq(l[0].width, 9);
   cr_assert_eq(EdBuf_width(&b, l[1].start, l[1].start + l[1].len), 31);
   free(l);
   EdBuf_free(&b);

   /* A mark with nothing to attach to shows as the replacement, and is kept. */
   EdBuf_init(&b, "\xcc\x81"
                  "a\n\xcc\x81");
   s = shownText(&b, 0, b.len);
   cr_assert_str_eq(s, "\xef\xbf\xbd"
                       "a \xef\xbf\xbd");
   free(s);
   expectText(&b, "\xcc\x81"
                  "a\n\xcc\x81");
   EdBuf_free(&b);
}

Test(edbuf, crlf_is_one_line_end, .init = utf8)
{
   EdBuf b;
   int row, col;

   EdBuf_init(&b, "ab\r\ncd");
   EdBuf_left(&b);
   EdBuf_left(&b);
   cr_assert_eq(b.cur, 4, "after the line end");
   EdBuf_left(&b);
   cr_assert_eq(b.cur, 2, "the cursor never sits inside \"\\r\\n\"");
   EdBuf_cursorXY(&b, 20, &row, &col);
   cr_assert_eq(row, 0);
   cr_assert_eq(col, 2);
   EdBuf_right(&b);
   cr_assert_eq(b.cur, 4);
   EdBuf_end(&b, 20);
   EdBuf_up(&b, 20, 1);
   cr_assert_eq(b.cur, 2, "up from the end of \"cd\" ends before the CR");
   EdBuf_down(&b, 20, 1);
   cr_assert_eq(b.cur, 6);
   b.cur = 4;
   EdBuf_backspace(&b);
   expectText(&b, "abcd");
   EdBuf_free(&b);

   EdBuf_init(&b, "a\rX\nb");
   b.cur = 3;
   EdBuf_backspace(&b); /* the CR and the LF meet */
   expectText(&b, "a\r\nb");
   cr_assert_eq(b.cur, 1, "the cursor goes before them");
   EdBuf_free(&b);
}

static void expectLayout(const char *text, int width, const char *const *want, size_t n)
{
   EdBuf b;
   EdLine *l;
   size_t got;

   EdBuf_init(&b, text);
   got = EdBuf_layout(&b, width, &l);
   cr_assert_eq(got, n, "%s at %d: %zu lines, want %zu", text, width, got, n);
   for (size_t i = 0; i < n; i++) {
      EdBuf one;
      char *s;
      EdBuf_init(&one, NULL);
      one.text = realloc(one.text, (l[i].len + 1) * sizeof *one.text);
      for (size_t k = 0; k < l[i].len; k++)
         one.text[one.len++] = b.text[l[i].start + k];
      s = EdBuf_text(&one);
      cr_assert_str_eq(s, want[i], "line %zu of \"%s\"", i, text);
      free(s);
      EdBuf_free(&one);
   }
   free(l);
   EdBuf_free(&b);
}

Test(edbuf, layout, .init = utf8)
{
   static const char *const a[] = {"hello ", "world"};
   static const char *const b[] = {"aaa ", "bbb ", "ccc"};
   static const char *const c[] = {"abc", "def", "gh"};
   static const char *const d[] = {"ab", "cd", ""};
   static const char *const e[] = {"\xe6\x97\xa5\xe6\x9c\xac", "\xe8\xaa\x9e"};
   static const char *const f[] = {""};

   expectLayout("hello world", 5, a, 2);
   expectLayout("aaa bbb ccc", 6, b, 3);
   expectLayout("abcdefgh", 3, c, 3);
   expectLayout("ab\ncd\n", 5, d, 3);
   expectLayout("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5, e, 2);
   expectLayout("", 5, f, 1);
}

Test(edbuf, cursor_position, .init = utf8)
{
   EdBuf b;
   int row, col;

   EdBuf_init(&b, "hello world");
   EdBuf_cursorXY(&b, 5, &row, &col);
   cr_assert_eq(row, 1);
   cr_assert_eq(col, 5);
   b.cur = 6;
   EdBuf_cursorXY(&b, 5, &row, &col);
   cr_assert_eq(row, 1);
   cr_assert_eq(col, 0);
   b.cur = 5;
   EdBuf_cursorXY(&b, 5, &row, &col);
   cr_assert_eq(row, 0);
   cr_assert_eq(col, 5);
   EdBuf_free(&b);
}

Test(edbuf, up_and_down_keep_the_column, .init = utf8)
{
   EdBuf b;

   EdBuf_init(&b, "abcdef\nxy\nlmnopq");
   b.cur = 6;
   EdBuf_down(&b, 20, 1);
   cr_assert_eq(b.cur, 9);
   EdBuf_down(&b, 20, 1);
   cr_assert_eq(b.cur, 16);
   EdBuf_up(&b, 20, 2);
   cr_assert_eq(b.cur, 6);
   EdBuf_up(&b, 20, 1);
   cr_assert_eq(b.cur, 0);
   EdBuf_down(&b, 20, 5);
   cr_assert_eq(b.cur, b.len);
   EdBuf_free(&b);
}

Test(edbuf, wide_characters_by_column, .init = utf8)
{
   EdBuf b;

   /* Column 3 falls inside the second wide character: the cursor stays before it. */
   EdBuf_init(&b, "abcd\n\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
   b.cur = 3;
   EdBuf_down(&b, 20, 1);
   cr_assert_eq(b.cur, 6);
   EdBuf_free(&b);
}

Test(edbuf, home_and_end_on_wrapped_lines, .init = utf8)
{
   EdBuf b;

   EdBuf_init(&b, "hello world");
   b.cur = 2;
   EdBuf_end(&b, 5);
   cr_assert_eq(b.cur, 5);
   EdBuf_home(&b, 5);
   cr_assert_eq(b.cur, 0);
   b.cur = 8;
   EdBuf_home(&b, 5);
   cr_assert_eq(b.cur, 6);
   EdBuf_end(&b, 5);
   cr_assert_eq(b.cur, 11);
   EdBuf_free(&b);
}

Test(edbuf, a_tab_is_a_place_to_wrap, .init = utf8)
{
   static const char *const a[] = {"hello\t", "world"};

   expectLayout("hello\tworld", 7, a, 2);
}
