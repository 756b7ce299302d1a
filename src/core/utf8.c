/* utf8.c: UTF-8, display widths and line breaks independent of the locale,
 * the last two by libunistring (see utf8.h). */
#include "config.h"

#include "core/utf8.h"

#include <errno.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unilbrk.h>
#include <uniwidth.h>

#include "core/xalloc.h"

/* Formats as Utf8_vfprintf does and returns the cleaned text, which the
 * caller frees (*len, when not NULL, gets its length); NULL on a bad
 * format.  Utf8_format adds UTF8_ONE_LINE to keep. */
static char *utf8Vformat(unsigned keep, size_t *len, const char *fmt, va_list ap)
   __attribute__((format(printf, 3, 0)));

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

int Utf8_cpWidth(uint32_t cp)
{
   int w;

   if (cp >= 0x20 && cp < 0x7F)
      return 1; /* the common case, without a table */
   if (Utf8_isUnsafe(cp))
      return 1; /* written as one U+FFFD */
   /* "UTF-8", not the locale's codeset: East Asian ambiguous characters
    * take one column for every user, as they do in a UTF-8 locale. */
   w = uc_width(cp, "UTF-8");
   return w < 0 ? 1 : w;
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

/* ---- line breaks ---- */

/* The unit at i of a text of code points (wide) or of UTF-8 bytes, as far
 * as ASCII goes: a byte of a longer UTF-8 sequence is never ASCII. */
static uint32_t unitAt(const void *s, bool wide, size_t i)
{
   return wide ? ((const uint32_t *)s)[i] : ((const unsigned char *)s)[i];
}

/* The whole character at i. */
static uint32_t charAt(const void *s, bool wide, size_t n, size_t i)
{
   uint32_t cp;
   bool valid;
   if (wide)
      return ((const uint32_t *)s)[i];
   Utf8_decode((const char *)s + i, n - i, &cp, &valid);
   return cp;
}

/* True when the units before i spell word (ASCII, in any case). */
static bool spelledBefore(const void *s, bool wide, size_t i, const char *word)
{
   size_t len = strlen(word);
   if (i < len)
      return false;
   for (size_t k = 0; k < len; k++) {
      uint32_t c = unitAt(s, wide, i - len + k);
      if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != (unsigned char)word[k])
         return false;
   }
   return true;
}

/* walens's rules on top of UAX #14.  A URL (http:// or https:// up to the
 * next blank) is never broken, so that it can be typed from paper or
 * clicked in a PDF.  And a full stop, comma, colon or semicolon stays with
 * the letter right after it ("e.g.", "z.B.", "config.yaml"): UAX #14 says
 * so (LB29), but libunistring 1.0 offers a break there.  Both look at
 * ASCII first, so that text without them costs one compare a unit. */
static void tailor(const void *s, bool wide, size_t n, char *brk)
{
   for (size_t i = 1; i < n; i++) {
      uint32_t c = unitAt(s, wide, i);
      if (brk[i]) {
         uint32_t prev = unitAt(s, wide, i - 1);
         if ((prev == '.' || prev == ',' || prev == ':' || prev == ';') &&
             uc_is_alpha(charAt(s, wide, n, i)))
            brk[i] = 0;
      }
      if (c == ':' && i + 2 < n && unitAt(s, wide, i + 1) == '/' && unitAt(s, wide, i + 2) == '/') {
         size_t start = spelledBefore(s, wide, i, "https")  ? i - 5
                        : spelledBefore(s, wide, i, "http") ? i - 4
                                                            : i;
         size_t end = i;
         if (start == i)
            continue; /* not a scheme walens knows: UAX #14 decides */
         while (end < n && unitAt(s, wide, end) > ' ')
            end++;
         for (size_t j = start + 1; j < end; j++)
            brk[j] = 0;
         i = end;
      }
   }
}

/* libunistring's answer as walens reads it: a break is possible before a
 * character, or it is not ('\n', its mandatory break, is the wrappers'). */
static void possible(char *brk, size_t n)
{
   for (size_t i = 0; i < n; i++)
      brk[i] = brk[i] == UC_BREAK_POSSIBLE || brk[i] == UC_BREAK_HYPHENATION;
}

void Utf8_breaks(const char *s, size_t n, char *brk)
{
   if (n == 0)
      return;
   u8_possible_linebreaks((const uint8_t *)s, n, "UTF-8", brk);
   possible(brk, n);
   tailor(s, false, n, brk);
}

void Utf8_breaksCp(const uint32_t *s, size_t n, char *brk)
{
   if (n == 0)
      return;
   u32_possible_linebreaks(s, n, "UTF-8", brk);
   possible(brk, n);
   tailor(s, true, n, brk);
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

bool Utf8_isLineBreak(uint32_t cp)
{
   return (cp >= 0x0A && cp <= 0x0D) || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

const char *Utf8_lineMark(void)
{
   /* Asked each time: the caller may set the locale after the first use. */
   const char *set = nl_langinfo(CODESET);
   return set && (strcmp(set, "UTF-8") == 0 || strcmp(set, "utf8") == 0) ? "\xE2\x8F\x8E" : "\\n";
}

/* Hands the sanitized text of s[0..n) to put, run by run; stops at the
 * first false put returns. */
typedef bool (*PutFn)(void *ctx, const char *s, size_t n);

static bool walk(const char *s, size_t n, unsigned keep, PutFn put, void *ctx)
{
   bool one_line = keep & UTF8_ONE_LINE;
   const char *mark = one_line ? Utf8_lineMark() : NULL;
   size_t run = 0, i = 0;
   while (i < n) {
      uint32_t cp;
      bool valid;
      size_t k = Utf8_decode(s + i, n - i, &cp, &valid);
      bool brk = valid && one_line && Utf8_isLineBreak(cp);
      if (valid && !brk && (!Utf8_isUnsafe(cp) || kept(cp, keep))) {
         i += k;
         continue;
      }
      if (i > run && !put(ctx, s + run, i - run))
         return false;
      /* A CRLF line end reads as the LF alone, not as a stray mark. */
      bool crlf =
         cp == '\r' && (one_line || (keep & UTF8_KEEP_NL)) && i + 1 < n && s[i + 1] == '\n';
      if (brk && !crlf && !put(ctx, mark, strlen(mark)))
         return false;
      if (!brk && !crlf && !put(ctx, REPLACEMENT, sizeof REPLACEMENT - 1))
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

/* ---- formatting with every argument on one line ---- */

typedef struct Str {
   char *s;
   size_t len, cap;
} Str;

static void strAdd(Str *b, const char *s, size_t n)
{
   if (b->len + n + 1 > b->cap) {
      b->cap = (b->len + n + 1) * 2;
      b->s = xrealloc(b->s, b->cap);
   }
   memcpy(b->s + b->len, s, n);
   b->len += n;
   b->s[b->len] = '\0';
}

/* Appends one conversion, spec holding no '*'. */
__attribute__((format(printf, 2, 3))) static bool strAddf(Str *b, const char *spec, ...)
{
   char small[128];
   va_list ap, again;
   va_start(ap, spec);
   va_copy(again, ap);
   int n = vsnprintf(small, sizeof small, spec, ap);
   va_end(ap);
   if (n >= 0 && (size_t)n < sizeof small) {
      strAdd(b, small, (size_t)n);
   } else if (n >= 0) {
      char *big = xmalloc((size_t)n + 1);
      vsnprintf(big, (size_t)n + 1, spec, again);
      strAdd(b, big, (size_t)n);
      free(big);
   }
   va_end(again);
   return n >= 0;
}

/* A %s argument: put on one line (and cleaned), then padded as printf pads. */
static void addField(Str *b, const char *arg, int prec, int width, bool left, unsigned keep)
{
   if (!arg)
      arg = "(null)";
   size_t n = prec >= 0 ? strnlen(arg, (size_t)prec) : strlen(arg);
   size_t len;
   char *t = Utf8_sanitize(arg, n, UTF8_ONE_LINE | (keep & UTF8_KEEP_TAB), &len);
   size_t pad = width > 0 && (size_t)width > len ? (size_t)width - len : 0;
   for (size_t i = 0; !left && i < pad; i++)
      strAdd(b, " ", 1);
   strAdd(b, t, len);
   for (size_t i = 0; left && i < pad; i++)
      strAdd(b, " ", 1);
   free(t);
}

typedef enum { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_LD } LenMod;

static LenMod lenMod(const char **p)
{
   static const struct {
      const char *text;
      LenMod mod;
   } mods[] = {{"hh", LEN_HH}, {"h", LEN_H}, {"ll", LEN_LL}, {"l", LEN_L},
               {"j", LEN_J},   {"z", LEN_Z}, {"t", LEN_T},   {"L", LEN_LD}};
   for (size_t i = 0; i < sizeof mods / sizeof *mods; i++) {
      size_t n = strlen(mods[i].text);
      if (strncmp(*p, mods[i].text, n) == 0) {
         *p += n;
         return mods[i].mod;
      }
   }
   return LEN_NONE;
}

/* Appends one number conversion (spec ends in its letter) of the argument's
 * type.  The va_list is passed by pointer so that the caller's moves on.
 * spec is rebuilt from one conversion of the caller's format, which the
 * compiler checked where Utf8_vfprintf was called (format attribute). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static bool addNumber(Str *b, const char *spec, char conv, LenMod mod, va_list *ap)
{
   if (strchr("di", conv)) {
      switch (mod) {
      case LEN_L: return strAddf(b, spec, va_arg(*ap, long));
      case LEN_LL: return strAddf(b, spec, va_arg(*ap, long long));
      case LEN_J: return strAddf(b, spec, va_arg(*ap, intmax_t));
      case LEN_Z: return strAddf(b, spec, va_arg(*ap, ptrdiff_t));
      case LEN_T: return strAddf(b, spec, va_arg(*ap, ptrdiff_t));
      default: return strAddf(b, spec, va_arg(*ap, int));
      }
   }
   if (strchr("ouxX", conv)) {
      switch (mod) {
      case LEN_L: return strAddf(b, spec, va_arg(*ap, unsigned long));
      case LEN_LL: return strAddf(b, spec, va_arg(*ap, unsigned long long));
      case LEN_J: return strAddf(b, spec, va_arg(*ap, uintmax_t));
      case LEN_Z: return strAddf(b, spec, va_arg(*ap, size_t));
      case LEN_T: return strAddf(b, spec, va_arg(*ap, size_t));
      default: return strAddf(b, spec, va_arg(*ap, unsigned));
      }
   }
   if (strchr("eEfFgGaA", conv))
      return mod == LEN_LD ? strAddf(b, spec, va_arg(*ap, long double))
                           : strAddf(b, spec, va_arg(*ap, double));
   if (conv == 'c')
      return strAddf(b, spec, va_arg(*ap, int));
   if (conv == 'p')
      return strAddf(b, spec, va_arg(*ap, void *));
   return false; /* %n and anything unknown */
}
#pragma GCC diagnostic pop

/* Reads a width or precision at *p: digits, or '*' taken from the
 * arguments.  False when there is none. */
static bool fieldNumber(const char **p, va_list *ap, int *out)
{
   if (**p == '*') {
      (*p)++;
      *out = va_arg(*ap, int);
      return true;
   }
   if (**p < '0' || **p > '9')
      return false;
   long v = strtol(*p, (char **)p, 10);
   *out = v > INT32_MAX ? INT32_MAX : (int)v;
   return true;
}

/* One conversion at *p (just past its '%'); advances *p past it. */
static bool addConversion(Str *b, const char **p, unsigned keep, int saved_errno, va_list *ap)
{
   const char *q = *p;
   char flags[8];
   size_t nflags = 0;
   while (*q && strchr("-+ #0'", *q) && nflags < sizeof flags - 1)
      flags[nflags++] = *q++;
   flags[nflags] = '\0';
   int width = 0, prec = -1;
   bool left = strchr(flags, '-') != NULL;
   if (fieldNumber(&q, ap, &width) && width < 0) { /* a negative '*': left-justified */
      left = true;
      width = width == INT32_MIN ? INT32_MAX : -width;
   }
   if (*q == '.') {
      q++;
      if (!fieldNumber(&q, ap, &prec))
         prec = 0; /* "%.s" */
      /* a negative '*' precision is no precision */
   }
   LenMod mod = lenMod(&q);
   char conv = *q;
   if (!conv)
      return false;
   *p = q + 1;
   if (conv == '%') {
      strAdd(b, "%", 1);
      return true;
   }
   if (conv == 's' || conv == 'm') {
      const char *arg = conv == 'm' ? strerror(saved_errno) : va_arg(*ap, const char *);
      addField(b, arg, prec, width, left, keep);
      return true;
   }
   char spec[64];
   char lm[3] = "";
   static const char *const lmText[] = {"", "hh", "h", "l", "ll", "j", "z", "t", "L"};
   strcpy(lm, lmText[mod]);
   int n;
   if (prec >= 0)
      n = snprintf(spec, sizeof spec, "%%%s%s%d.%d%s%c", flags, left ? "-" : "",
                   width > 0 ? width : 0, prec, lm, conv);
   else
      n = snprintf(spec, sizeof spec, "%%%s%s%d%s%c", flags, left ? "-" : "", width > 0 ? width : 0,
                   lm, conv);
   return n > 0 && (size_t)n < sizeof spec && addNumber(b, spec, conv, mod, ap);
}

/* fmt formatted, each %s argument on one line; false on a bad format. */
static bool formatOneLine(Str *b, unsigned keep, const char *fmt, va_list *ap)
{
   int saved_errno = errno;
   const char *p = fmt;
   strAdd(b, "", 0);
   while (*p) {
      const char *pct = strchr(p, '%');
      if (!pct) {
         strAdd(b, p, strlen(p));
         break;
      }
      strAdd(b, p, (size_t)(pct - p));
      p = pct + 1;
      if (!addConversion(b, &p, keep, saved_errno, ap))
         return false;
   }
   return true;
}

static char *utf8Vformat(unsigned keep, size_t *len, const char *fmt, va_list ap)
{
   Str b = {0};
   va_list copy;
   va_copy(copy, ap);
   bool ok = formatOneLine(&b, keep, fmt, &copy);
   va_end(copy);
   if (!ok) {
      free(b.s);
      return NULL;
   }
   char *out = Utf8_sanitize(b.s, b.len, keep & ~(unsigned)UTF8_ONE_LINE, len);
   free(b.s);
   return out;
}

char *Utf8_format(unsigned keep, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   char *out = utf8Vformat(keep | UTF8_ONE_LINE, NULL, fmt, ap);
   va_end(ap);
   return out;
}

bool Utf8_vfprintf(FILE *f, unsigned keep, const char *fmt, va_list ap)
{
   if (keep & UTF8_ONE_LINE) {
      size_t len;
      char *text = utf8Vformat(keep, &len, fmt, ap);
      bool ok = text && fwrite(text, 1, len, f) == len;
      free(text);
      return ok;
   }

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
