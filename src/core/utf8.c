/* utf8.c: UTF-8 and display widths independent of the locale (see utf8.h). */
#include "config.h"

#include "core/utf8.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

size_t Utf8_decode(const char *str, size_t n, uint32_t *cp, bool *valid)
{
   const unsigned char *p = (const unsigned char *)str;
   unsigned char lo = 0x80, hi = 0xBF; /* the second byte's bounds */
   size_t len;
   uint32_t v;

   *valid = false;
   *cp = 0xFFFD;
   if (p[0] < 0x80) {
      *cp = p[0];
      *valid = true;
      return 1;
   }
   if (p[0] >= 0xC2 && p[0] <= 0xDF) {
      len = 2;
      v = p[0] & 0x1F;
   } else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
      len = 3;
      v = p[0] & 0x0F;
      if (p[0] == 0xE0)
         lo = 0xA0; /* overlong */
      else if (p[0] == 0xED)
         hi = 0x9F; /* surrogates */
   } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
      len = 4;
      v = p[0] & 0x07;
      if (p[0] == 0xF0)
         lo = 0x90; /* overlong */
      else if (p[0] == 0xF4)
         hi = 0x8F; /* past U+10FFFF */
   } else {
      return 1; /* a continuation byte, C0, C1 (overlong) or F5..FF */
   }
   for (size_t i = 1; i < len; i++) {
      if (i >= n || p[i] < (i == 1 ? lo : 0x80) || p[i] > (i == 1 ? hi : 0xBF))
         return i;
      v = v << 6 | (p[i] & 0x3F);
   }
   *cp = v;
   *valid = true;
   return len;
}

size_t Utf8_next(const char *s, uint32_t *cp)
{
   bool valid;
   if (!*s) {
      *cp = 0;
      return 0;
   }
   /* No bound needed: the NUL is no continuation byte, so decoding stops
    * there. */
   size_t k = Utf8_decode(s, SIZE_MAX, cp, &valid);
   return valid ? k : 1;
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
   {0x0300, 0x036F}, {0x0483, 0x0489},   {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
   {0x0E31, 0x0E31}, {0x0E34, 0x0E3A},   {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
   {0x2028, 0x202E}, {0x2060, 0x2064},   {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
   {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

static const Range wide[] = {
   {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF}, {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
   {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF},
   {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
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

/* ---- safe text ---- */

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

bool Utf8_isUnsafe(uint32_t cp)
{
   return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
          (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

static bool kept(uint32_t cp, unsigned keep)
{
   return (cp == '\n' && (keep & UTF8_KEEP_NL)) || (cp == '\t' && (keep & UTF8_KEEP_TAB)) ||
          (cp == '\f' && (keep & UTF8_KEEP_FF));
}

bool Utf8_isSafe(const char *s, size_t n, unsigned keep)
{
   for (size_t i = 0; i < n;) {
      uint32_t cp;
      bool valid;
      i += Utf8_decode(s + i, n - i, &cp, &valid);
      if (!valid || (Utf8_isUnsafe(cp) && !kept(cp, keep)))
         return false;
   }
   return true;
}

/* Hands the sanitized text of s[0..n) to put, run by run; stops at the
 * first false put returns. */
typedef bool (*PutFn)(void *ctx, const char *s, size_t n);

static bool walk(const char *s, size_t n, unsigned keep, PutFn put, void *ctx)
{
   size_t run = 0, i = 0;
   while (i < n) {
      uint32_t cp;
      bool valid;
      size_t k = Utf8_decode(s + i, n - i, &cp, &valid);
      if (valid && (!Utf8_isUnsafe(cp) || kept(cp, keep))) {
         i += k;
         continue;
      }
      if (i > run && !put(ctx, s + run, i - run))
         return false;
      /* A CRLF line end reads as the LF alone, not as a stray mark. */
      bool crlf = cp == '\r' && (keep & UTF8_KEEP_NL) && i + 1 < n && s[i + 1] == '\n';
      if (!crlf && !put(ctx, REPLACEMENT, sizeof REPLACEMENT - 1))
         return false;
      i += k;
      run = i;
   }
   return i == run || put(ctx, s + run, i - run);
}

typedef struct Buf {
   char *s;
   size_t len;
} Buf;

static bool putBuf(void *ctx, const char *s, size_t n)
{
   Buf *b = ctx;
   memcpy(b->s + b->len, s, n);
   b->len += n;
   return true;
}

char *Utf8_sanitize(const char *s, size_t n, unsigned keep, size_t *len)
{
   if (!s)
      n = 0;
   /* One replacement (3 bytes) a byte at most. */
   Buf b = {xmalloc(3 * n + 1), 0};
   walk(s, n, keep, putBuf, &b);
   b.s[b.len] = '\0';
   if (len)
      *len = b.len;
   return b.s;
}

char *Utf8_sanitizeStr(const char *s, unsigned keep)
{
   return Utf8_sanitize(s, s ? strlen(s) : 0, keep, NULL);
}

static bool putFile(void *ctx, const char *s, size_t n)
{
   return fwrite(s, 1, n, (FILE *)ctx) == n;
}

bool Utf8_write(FILE *f, const char *s, size_t n, unsigned keep)
{
   return !s || walk(s, n, keep, putFile, f);
}

bool Utf8_fputs(const char *s, FILE *f, unsigned keep)
{
   return !s || Utf8_write(f, s, strlen(s), keep);
}

bool Utf8_vfprintf(FILE *f, unsigned keep, const char *fmt, va_list ap)
{
   char small[512], *text = small;
   va_list again;
   bool ok;

   va_copy(again, ap);
   int n = vsnprintf(small, sizeof small, fmt, ap);
   if (n >= (int)sizeof small) {
      text = xmalloc((size_t)n + 1);
      vsnprintf(text, (size_t)n + 1, fmt, again);
   }
   va_end(again);
   ok = n >= 0 && Utf8_write(f, text, (size_t)n, keep);
   if (text != small)
      free(text);
   return ok;
}
