/* test_tui_input.c: key decoding, invalid UTF-8 input, key names. */
#include "config.h"

#include <criterion/criterion.h>
#include <curses.h>
#include <locale.h>
#include <string.h>

#include "tui/input.h"

static void utf8(void)
{
   setlocale(LC_ALL, "C.UTF-8");
}

/* Feeds bytes; returns how many keys came out, in keys[]. */
static size_t feed(InputDecoder *d, const int *in, size_t n, int *keys)
{
   size_t k = 0;
   for (size_t i = 0; i < n; i++) {
      int key;
      if (Input_feed(d, in[i], &key))
         keys[k++] = key;
   }
   return k;
}

Test(input, ascii_and_utf8, .init = utf8)
{
   InputDecoder d;
   int in[] = {'a', 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80}, keys[8];

   Input_init(&d, true);
   cr_assert_eq(feed(&d, in, 10, keys), 4);
   cr_assert_eq(keys[0], 'a');
   cr_assert_eq(keys[1], 0xE9);
   cr_assert_eq(keys[2], 0x20AC);
   cr_assert_eq(keys[3], 0x1F600);
}

Test(input, invalid_bytes_do_not_eat_keys, .init = utf8)
{
   InputDecoder d;
   int in[] = {0xFF, 'q', 0xE2, 'x', 0x80, 'y', 0xE0, 0x80, 'z', 0xC3, 0xC3, 0xA9}, keys[8];

   Input_init(&d, true);
   cr_assert_eq(feed(&d, in, 9, keys), 4);
   cr_assert_eq(keys[0], 'q');
   cr_assert_eq(keys[1], 'x');
   cr_assert_eq(keys[2], 'y');
   cr_assert_eq(keys[3], 'z');
   /* A lead byte that breaks a sequence starts its own: é survives. */
   Input_init(&d, true);
   cr_assert_eq(feed(&d, in + 9, 3, keys), 1);
   cr_assert_eq(keys[0], 0xE9);
}

Test(input, function_keys, .init = utf8)
{
   InputDecoder d;
   int in[] = {0xE2, KEY_UP, 0x82, 'a'}, keys[4];

   Input_init(&d, true);
   cr_assert_eq(feed(&d, in, 4, keys), 2);
   cr_assert_eq(keys[0], KFN(KEY_UP));
   cr_assert_eq(keys[1], 'a');
   /* U+0102 is a character, never KEY_DOWN (0402). */
   cr_assert_neq(KFN(KEY_DOWN), 0x102);
}

Test(input, without_utf8, .init = utf8)
{
   InputDecoder d;
   int in[] = {0xC3, 0xA9, 'a'}, keys[4];

   Input_init(&d, false);
   cr_assert_eq(feed(&d, in, 3, keys), 1);
   cr_assert_eq(keys[0], 'a');
}

Test(input, text_keys, .init = utf8)
{
   cr_assert(Input_isText('a'));
   cr_assert(Input_isText(0x65E5));
   cr_assert(Input_isText(0x301)); /* a combining mark is text */
   cr_assert_not(Input_isText(KESC));
   cr_assert_not(Input_isText(KDEL));
   cr_assert_not(Input_isText(0x85));
   cr_assert_not(Input_isText(KFN(KEY_UP)));
}

Test(input, key_names, .init = utf8)
{
   char b[32];
   cr_assert_str_eq(Input_keyName(KESC, true, b, sizeof b), "Esc");
   cr_assert_str_eq(Input_keyName(KCTRL('S'), true, b, sizeof b), "^S");
   cr_assert_str_eq(Input_keyName(KFN(KEY_F(1)), true, b, sizeof b), "F1");
   cr_assert_str_eq(Input_keyName(KFN(KEY_UP), true, b, sizeof b), "\xe2\x86\x91");
   cr_assert_str_eq(Input_keyName(KFN(KEY_UP), false, b, sizeof b), "Up");
   cr_assert_str_eq(Input_keyName(' ', true, b, sizeof b), "Space");
   cr_assert_str_eq(Input_keyName('\r', true, b, sizeof b), "Enter");
   cr_assert_str_eq(Input_keyName('q', true, b, sizeof b), "q");
}
