/* utf8.c: UTF-8 and display widths independent of the locale (see utf8.h). */
#include "config.h"

#include "core/utf8.h"

#include <stdbool.h>

size_t Utf8_next(const char *str, uint32_t *cp)
{
   const unsigned char *p = (const unsigned char *)str;
   if (p[0] < 0x80) {
      *cp = p[0];
      return p[0] ? 1 : 0;
   }
   size_t len = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
   if (len == 0 || p[0] > 0xF4)
      goto bad;
   for (size_t i = 1; i < len; i++)
      if ((p[i] & 0xC0) != 0x80)
         goto bad;
   /* Overlong forms, surrogates and values past U+10FFFF. */
   if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) ||
       (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
      goto bad;
   if (len == 2)
      *cp = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
   else if (len == 3)
      *cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
   else
      *cp = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
            (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
   return len;
bad:
   *cp = 0xFFFD;
   return 1;
}

size_t Utf8_chars(const char *s)
{
   size_t n = 0;
   uint32_t cp;
   for (size_t k; s && (k = Utf8_next(s, &cp)) > 0; s += k)
      n++;
   return n;
}

/* ---- width ---- */

typedef struct Range {
   uint32_t lo, hi;
} Range;

static const Range zeroWidth[] = {
   { 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD }, { 0x0610, 0x061A },
   { 0x064B, 0x065F }, { 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A }, { 0x1AB0, 0x1AFF },
   { 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x2028, 0x202E }, { 0x2060, 0x2064 },
   { 0x20D0, 0x20FF }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF },
   { 0xE0100, 0xE01EF },
};

static const Range wide[] = {
   { 0x1100, 0x115F },   { 0x2E80, 0x303E },   { 0x3041, 0x33FF },   { 0x3400, 0x4DBF },
   { 0x4E00, 0x9FFF },   { 0xA000, 0xA4CF },   { 0xA960, 0xA97F },   { 0xAC00, 0xD7A3 },
   { 0xF900, 0xFAFF },   { 0xFE10, 0xFE19 },   { 0xFE30, 0xFE6F },   { 0xFF00, 0xFF60 },
   { 0xFFE0, 0xFFE6 },   { 0x1F300, 0x1F64F }, { 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD },
   { 0x30000, 0x3FFFD },
};

static bool inRanges(uint32_t cp, const Range *r, size_t n)
{
   for (size_t i = 0; i < n; i++)
      if (cp >= r[i].lo && cp <= r[i].hi)
         return true;
   return false;
}

int Utf8_cpWidth(uint32_t cp)
{
   if (inRanges(cp, zeroWidth, sizeof zeroWidth / sizeof *zeroWidth))
      return 0;
   if (inRanges(cp, wide, sizeof wide / sizeof *wide))
      return 2;
   return 1;
}

size_t Utf8_width(const char *s)
{
   size_t w = 0;
   uint32_t cp;
   for (size_t k; s && (k = Utf8_next(s, &cp)) > 0; s += k)
      w += (size_t)Utf8_cpWidth(cp);
   return w;
}

size_t Utf8_fit(const char *s, size_t width)
{
   size_t used = 0, bytes = 0;
   uint32_t cp;
   for (size_t k; s && (k = Utf8_next(s + bytes, &cp)) > 0; bytes += k) {
      size_t cw = (size_t)Utf8_cpWidth(cp);
      if (used + cw > width)
         break;
      used += cw;
   }
   return bytes;
}
