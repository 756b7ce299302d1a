/* test_tui_input.c: key decoding, invalid UTF-8 input, key names. */
#include "config.h"

#include <criterion/criterion.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
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

static void cLocale(void)
{
   setlocale(LC_ALL, "C");
}

/* The C locale is 7-bit: bytes above 127 are no characters and are dropped. */
Test(input, without_utf8, .init = cLocale)
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

/* A Latin-1 locale, built with localedef into a temporary LOCPATH; NULL
 * when the machine cannot build one. */
static bool latin1(char *dir, size_t size)
{
   snprintf(dir, size, "/tmp/walens-latin1-XXXXXX");
   if (!mkdtemp(dir))
      return false;
   char cmd[512];
   snprintf(cmd, sizeof cmd, "localedef -i de_DE -f ISO-8859-1 %s/de_DE.ISO-8859-1 >/dev/null 2>&1",
            dir);
   if (system(cmd) != 0)
      return false;
   setenv("LOCPATH", dir, 1);
   return setlocale(LC_ALL, "de_DE.ISO-8859-1") != NULL;
}

/* Typed in a Latin-1 terminal, e-acute is the byte 0xE9: a character, kept. */
Test(input, latin1_bytes_are_characters)
{
   char dir[64], cmd[128];
   if (!latin1(dir, sizeof dir))
      cr_skip_test("no Latin-1 locale could be built (localedef)");
   InputDecoder d;
   int in[] = {0xE9, 'a', 0xFC}, keys[4];

   Input_init(&d, false);
   cr_assert_eq(feed(&d, in, 3, keys), 3);
   cr_assert_eq(keys[0], 0xE9);
   cr_assert_eq(keys[1], 'a');
   cr_assert_eq(keys[2], 0xFC);
   cr_assert(Input_isText(keys[0]));
   setlocale(LC_ALL, "C");
   snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
   cr_assert_eq(system(cmd), 0);
}
