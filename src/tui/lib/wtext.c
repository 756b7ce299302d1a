/* wtext.c: safe wide text, measured and wrapped, with no curses (see wtext.h). */
#include "config.h"

#include "tui/lib/wtext.h"

#include <stdlib.h>
#include <langinfo.h>
#include <stdint.h>
#include <string.h>
#include <wctype.h>

#include "core/utf8.h"
#include "core/xalloc.h"

/* Decodes n bytes of s (UTF-8; NULL reads as "") into a safe wide string.
 * Tabs become a blank, "\r\n" becomes "\n", zero-width characters with
 * nothing to attach to are dropped, and anything the locale cannot show
 * becomes the replacement.  *len (may be NULL) gets the length. */
static wchar_t *wTextClean(const char *s, size_t n, unsigned flags, size_t *len);

#define REPLACEMENT_UTF8 0xFFFD

bool WText_utf8Locale(void)
{
   const char *cs = nl_langinfo(CODESET);
   return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

wchar_t WText_replacement(void)
{
   if (WText_utf8Locale() && wcwidth(REPLACEMENT_UTF8) == 1)
      return REPLACEMENT_UTF8;
   return L'?';
}

long WText_decode(const char *str, size_t n, size_t *used)
{
   uint32_t cp;
   bool valid;

   *used = Utf8_decode(str, n, &cp, &valid);
   return valid ? (long)cp : -1;
}

wchar_t WText_shown(wchar_t c)
{
   long cp = (long)c;
   int w;

   if (cp >= 0x20 && cp < 0x7F)
      return c; /* the common case, without asking the locale */
   if (cp == '\t')
      return L' ';
   if (cp < 0 || Utf8_isUnsafe((uint32_t)cp)) /* the one list, src/core/utf8.h */
      return WText_replacement();
   if (cp >= 0x80 && !WText_utf8Locale())
      return L'?';
   w = wcwidth(c);
   return w < 0 ? WText_replacement() : c;
}

int WText_charWidth(wchar_t c)
{
   int w = wcwidth(c);
   return w < 0 ? 1 : w; /* cleaned text holds no unprintable character */
}

static wchar_t *wTextClean(const char *s, size_t n, unsigned flags, size_t *len)
{
   wchar_t repl = WText_replacement();
   wchar_t *out;
   size_t o = 0;

   if (!s)
      n = 0;
   out = xmalloc((n + 1) * sizeof *out);
   for (size_t i = 0; i < n;) {
      size_t used;
      long cp = WText_decode(s + i, n - i, &used);
      wchar_t c;

      i += used;
      if (cp < 0) {
         c = repl;
      } else if (cp == '\n') {
         c = (flags & TEXT_MULTILINE) ? L'\n' : L' ';
      } else if (cp == '\r' && i < n && s[i] == '\n') {
         continue; /* a CRLF line end reads as LF */
      } else {
         c = WText_shown((wchar_t)cp);
         if (c == (wchar_t)cp && cp >= 0x80 && wcwidth(c) == 0 && (o == 0 || out[o - 1] == L'\n'))
            continue; /* a mark with nothing to attach to */
      }
      out[o++] = c;
   }
   out[o] = L'\0';
   if (len)
      *len = o;
   return out;
}

wchar_t *WText_cleanStr(const char *s, unsigned flags, size_t *len)
{
   return wTextClean(s, s ? strlen(s) : 0, flags, len);
}

int WText_width(const wchar_t *s, size_t n)
{
   int w = 0;
   for (size_t i = 0; i < n; i++)
      w += WText_charWidth(s[i]);
   return w;
}

int WText_widthStr(const char *s)
{
   size_t n;
   wchar_t *w = WText_cleanStr(s, 0, &n);
   int width = WText_width(w, n);
   free(w);
   return width;
}

size_t WText_fit(const wchar_t *s, size_t n, int width, int *used)
{
   size_t i = 0;
   int w = 0;

   while (i < n) {
      int cw = WText_charWidth(s[i]);
      if (cw > 0 && w + cw > width)
         break;
      w += cw;
      i++;
   }
   if (used)
      *used = w;
   return i;
}

wchar_t WText_ellipsis(void)
{
   if (WText_utf8Locale() && wcwidth(0x2026) == 1)
      return 0x2026;
   return L'~';
}

wchar_t *WText_truncate(const char *s, int width, size_t *len)
{
   size_t n, k;
   wchar_t *w = WText_cleanStr(s, 0, &n);

   if (width < 0)
      width = 0;
   k = WText_fit(w, n, width, NULL);
   if (k < n && width > 0) {
      k = WText_fit(w, n, width - 1, NULL);
      w[k++] = WText_ellipsis();
   }
   w[k] = L'\0';
   if (len)
      *len = k;
   return w;
}

/* The vowels of the Latin alphabets: where they are, a cut after a
 * consonant that one of them follows reads as an abbreviation. */
static bool isVowel(wchar_t c)
{
   static const wchar_t vowels[] =
      L"aeiouy\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe8\xe9\xea\xeb"
      L"\xec\xed\xee\xef\xf2\xf3\xf4\xf5\xf6\xf8\xf9\xfa\xfb\xfc\xfd\xff";
   c = (wchar_t)towlower((wint_t)c);
   return c != L'\0' && wcschr(vowels, c) != NULL;
}

/* How many characters of the word w[0..n) a syllable cut keeps so that
 * they and the full stop take at most width columns: the most, three at
 * least, letters all, the last a consonant and the next a vowel, and three
 * fewer than the word at most (so that "Operational" does not read as
 * "Operation."); 0 when there is no such cut. */
static size_t syllableCut(const wchar_t *w, size_t n, int width)
{
   size_t best = 0;
   int used = 0;

   for (size_t m = 1; m < n && iswalpha((wint_t)w[m - 1]); m++) {
      used += WText_charWidth(w[m - 1]);
      if (used + 1 > width)
         break;
      if (m >= 3 && m + 3 <= n && !isVowel(w[m - 1]) && iswalpha((wint_t)w[m]) && isVowel(w[m]))
         best = m;
   }
   return best;
}

wchar_t *WText_abbrev(const char *s, int width, size_t *len)
{
   size_t n, nw = 0, keep = 0;
   wchar_t *w = WText_cleanStr(s, 0, &n);
   size_t *starts, *ends;
   bool cut = false;

   if (WText_width(w, n) <= width) {
      if (len)
         *len = n;
      return w;
   }
   starts = xmalloc((n / 2 + 1) * sizeof *starts);
   ends = xmalloc((n / 2 + 1) * sizeof *ends);
   for (size_t i = 0; i < n;) {
      while (i < n && w[i] == L' ')
         i++;
      if (i >= n)
         break;
      starts[nw] = i;
      while (i < n && w[i] != L' ')
         i++;
      ends[nw++] = i;
   }
   /* The most words that fit: the last of them whole (when words follow
    * it, so that it is not the name cut short) or cut at a syllable. */
   for (size_t k = nw; k > 0 && keep == 0; k--) {
      size_t first = starts[k - 1], word = ends[k - 1] - first;
      size_t m;
      if (k < nw && word >= 4 && WText_width(w, ends[k - 1]) <= width) {
         keep = ends[k - 1];
      } else if ((m = syllableCut(w + first, word, width - WText_width(w, first))) > 0) {
         keep = first + m;
         cut = true;
      }
   }
   free(starts);
   free(ends);
   if (keep == 0) {
      free(w);
      return WText_truncate(s, width, len);
   }
   if (cut)
      w[keep++] = L'.';
   w[keep] = L'\0';
   if (len)
      *len = keep;
   return w;
}

static void pushLine(TextLine **lines, size_t *count, size_t *cap, const wchar_t *s, size_t start,
                     size_t end)
{
   while (end > start && s[end - 1] == L' ')
      end--;
   *lines = xgrow(*lines, cap, *count + 1, sizeof **lines);
   (*lines)[*count].start = start;
   (*lines)[*count].len = end - start;
   (*lines)[*count].width = WText_width(s + start, end - start);
   (*count)++;
}

/* Where a line of s[0..n) may end (core/utf8.h: UAX #14 with walens's
 * rules): brk[i] before s[i].  Cleaned wide text holds code points
 * (__STDC_ISO_10646__), which libunistring takes as uint32_t.  Caller frees. */
static char *breaks(const wchar_t *s, size_t n)
{
   uint32_t *cps = xmalloc((n + 1) * sizeof *cps);
   char *brk = xmalloc(n + 1);

   for (size_t i = 0; i < n; i++)
      cps[i] = (uint32_t)s[i];
   Utf8_breaksCp(cps, n, brk);
   free(cps);
   return brk;
}

/* The last place in start+1..at where a line of s[0..n) may end with
 * something not blank on it, else SIZE_MAX.  The breaks of the whole text
 * are found the first time a line overflows (*brk), so that a text that
 * fits, as most do, costs nothing more. */
static size_t lastBreak(const wchar_t *s, size_t n, size_t start, size_t at, char **brk)
{
   size_t k = at;

   if (!*brk)
      *brk = breaks(s, n);
   while (k > start && !(*brk)[k])
      k--;
   for (size_t j = start; j < k; j++)
      if (s[j] != L' ')
         return k;
   return SIZE_MAX;
}

size_t WText_wrap(const wchar_t *s, size_t n, int width, TextLine **lines)
{
   size_t count = 0, cap = 0, i = 0;
   char *brk = NULL;

   *lines = NULL;
   if (width < 1)
      width = 1;
   for (;;) {
      size_t start = i;
      int w = 0;
      bool ended = false;

      for (; i < n; i++) {
         wchar_t c = s[i];
         int cw;
         if (c == L'\n') {
            pushLine(lines, &count, &cap, s, start, i);
            i++;
            ended = true;
            break;
         }
         cw = WText_charWidth(c);
         /* Blanks never overflow: they hang at the end of the line. */
         if (cw > 0 && c != L' ' && w + cw > width && i > start) {
            size_t last = lastBreak(s, n, start, i, &brk);
            if (last != SIZE_MAX)
               i = last;
            pushLine(lines, &count, &cap, s, start, i); /* else cut inside a word */
            while (i < n && s[i] == L' ')
               i++; /* a wrapped line starts with its first word */
            ended = true;
            break;
         }
         w += cw;
      }
      if (!ended) {
         pushLine(lines, &count, &cap, s, start, n);
         break;
      }
      if (i >= n && s[n - 1] != L'\n')
         break; /* wrapped exactly at the end: no empty line follows */
      if (i >= n) {
         pushLine(lines, &count, &cap, s, n, n); /* text ended in '\n' */
         break;
      }
   }
   free(brk);
   return count;
}
