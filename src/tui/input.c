/* input.c: UTF-8 decoding of keyboard input (see input.h). */
#include "config.h"

#include "tui/input.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"

void Input_init(InputDecoder *d, bool utf8)
{
   memset(d, 0, sizeof *d);
   d->utf8 = utf8;
}

static size_t seqLength(unsigned char c)
{
   if (c >= 0xC2 && c <= 0xDF)
      return 2;
   if (c >= 0xE0 && c <= 0xEF)
      return 3;
   if (c >= 0xF0 && c <= 0xF4)
      return 4;
   return 0;
}

/* Whether b may be the k-th byte (k >= 1) of a sequence that began with lead. */
static bool continues(unsigned char lead, size_t k, unsigned char b)
{
   unsigned char lo = 0x80, hi = 0xBF;
   if (k == 1) {
      if (lead == 0xE0)
         lo = 0xA0;
      else if (lead == 0xED)
         hi = 0x9F;
      else if (lead == 0xF0)
         lo = 0x90;
      else if (lead == 0xF4)
         hi = 0x8F;
   }
   return b >= lo && b <= hi;
}

static int assemble(const unsigned char *b, size_t n)
{
   int cp = b[0] & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
   for (size_t i = 1; i < n; i++)
      cp = (cp << 6) | (b[i] & 0x3F);
   return cp;
}

/* Outside UTF-8 (Latin-1, say) a byte above 127 is a character of the
 * locale's codeset; the C library knows it, and wchar_t is Unicode here. */
static bool decodeLocale(InputDecoder *d, int c, int *key)
{
   char ch = (char)c;
   wchar_t wc;
   size_t r = mbrtowc(&wc, &ch, 1, &d->mbs);
   if (r == (size_t)-2)
      return false; /* more bytes to come (a multibyte codeset) */
   if (r == (size_t)-1 || wc <= 0) {
      memset(&d->mbs, 0, sizeof d->mbs);
      return false; /* not a character of this codeset: dropped */
   }
   *key = (int)wc;
   return true;
}

bool Input_feed(InputDecoder *d, int c, int *key)
{
   if (c > 0xFF || c < 0) {
      d->have = 0; /* a function key ends any broken sequence */
      *key = KFN(c);
      return true;
   }
   if (d->have > 0) {
      if (continues(d->buf[0], d->have, (unsigned char)c)) {
         d->buf[d->have++] = (unsigned char)c;
         if (d->have < d->need)
            return false;
         d->have = 0;
         *key = assemble(d->buf, d->need);
         return true;
      }
      d->have = 0; /* drop the broken sequence; c starts afresh */
   }
   if (c < 0x80) {
      *key = c;
      return true;
   }
   if (!d->utf8)
      return decodeLocale(d, c, key);
   d->need = seqLength((unsigned char)c);
   if (d->need == 0)
      return false; /* a stray continuation or an invalid lead byte */
   d->buf[0] = (unsigned char)c;
   d->have = 1;
   return false;
}

bool Input_isText(int key)
{
   if (key & KEY_FN_FLAG)
      return false;
   if (key < 0x20 || key == KDEL || (key >= 0x80 && key <= 0x9F))
      return false;
   return wcwidth((wchar_t)key) >= 0;
}

const char *Input_keyName(int key, bool utf8, char *buf, size_t size)
{
   static const struct {
      int key;
      const char *utf8, *ascii;
   } names[] = {
      {KFN(KEY_UP), "\xe2\x86\x91", "Up"},
      {KFN(KEY_DOWN), "\xe2\x86\x93", "Down"},
      {KFN(KEY_LEFT), "\xe2\x86\x90", "Left"},
      {KFN(KEY_RIGHT), "\xe2\x86\x92", "Right"},
      {KFN(KEY_PPAGE), "PgUp", "PgUp"},
      {KFN(KEY_NPAGE), "PgDn", "PgDn"},
      {KFN(KEY_HOME), "Home", "Home"},
      {KFN(KEY_END), "End", "End"},
      {KFN(KEY_DC), "Del", "Del"},
      {KFN(KEY_BACKSPACE), "Backspace", "Backspace"},
      {KFN(KEY_ENTER), "Enter", "Enter"},
      {KFN(KEY_BTAB), "S-Tab", "S-Tab"},
      {'\n', "Enter", "Enter"},
      {'\r', "Enter", "Enter"},
      {KESC, "Esc", "Esc"},
      {' ', "Space", "Space"},
      {'\t', "Tab", "Tab"},
      {KDEL, "Backspace", "Backspace"},
   };
   for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
      if (names[i].key == key) {
         snprintf(buf, size, "%s", utf8 ? names[i].utf8 : names[i].ascii);
         return buf;
      }
   if (key & KEY_FN_FLAG) {
      int k = key & ~KEY_FN_FLAG;
      if (k >= KEY_F(1) && k <= KEY_F(12))
         snprintf(buf, size, "F%d", k - KEY_F(0));
      else
         snprintf(buf, size, "%s", _("key"));
   } else if (key < 0x20) {
      snprintf(buf, size, "^%c", key + '@');
   } else if (key < 0x80) {
      snprintf(buf, size, "%c", key);
   } else {
      snprintf(buf, size, "U+%04X", (unsigned)key);
   }
   return buf;
}
