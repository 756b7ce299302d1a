/* rtext.c: strings, UTF-8, widths, wrapping and escaping for the writers. */
#include "config.h"

#include "report/rtext.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"

/* ---- Sbuf ---- */

void Sbuf_addn(Sbuf *b, const char *s, size_t n)
{
   b->s = xgrow(b->s, &b->cap, b->len + n + 1, 1);
   memcpy(b->s + b->len, s, n);
   b->len += n;
   b->s[b->len] = '\0';
}

void Sbuf_add(Sbuf *b, const char *s)
{
   if (s)
      Sbuf_addn(b, s, strlen(s));
}

void Sbuf_addc(Sbuf *b, char c)
{
   Sbuf_addn(b, &c, 1);
}

void Sbuf_vprintf(Sbuf *b, const char *fmt, va_list ap)
{
   va_list again;
   va_copy(again, ap);
   char tmp[256];
   int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
   if (n >= 0 && (size_t)n < sizeof tmp) {
      Sbuf_addn(b, tmp, (size_t)n);
   } else if (n >= 0) {
      b->s = xgrow(b->s, &b->cap, b->len + (size_t)n + 1, 1);
      vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
      b->len += (size_t)n;
   }
   va_end(again);
}

void Sbuf_printf(Sbuf *b, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   Sbuf_vprintf(b, fmt, ap);
   va_end(ap);
}

void Sbuf_repeat(Sbuf *b, const char *s, size_t n)
{
   for (size_t i = 0; i < n; i++)
      Sbuf_add(b, s);
}

char *Sbuf_take(Sbuf *b)
{
   char *s = b->s ? b->s : xstrdup("");
   b->s = NULL;
   b->len = b->cap = 0;
   return s;
}

/* ---- width ---- */

/* The table lives in core/utf8.c, which the CLI's tables share. */
int Rtext_cpWidth(uint32_t cp)
{
   return Utf8_cpWidth(cp);
}

size_t Rtext_width(const char *s)
{
   return Utf8_width(s);
}

/* ---- cleaning ---- */

char *Rtext_clean(const char *s, bool one_line)
{
   Sbuf b = {0};
   Sbuf_add(&b, "");
   size_t n = s ? strlen(s) : 0;
   for (size_t i = 0, k; i < n; i += k) {
      uint32_t cp;
      bool valid;
      k = Utf8_decode(s + i, n - i, &cp, &valid);
      if (!valid)
         Sbuf_add(&b, "\xEF\xBF\xBD");
      else if (cp == '\r' && s[i + 1] == '\n')
         continue; /* the '\n' follows */
      else if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029)
         Sbuf_addc(&b, one_line ? ' ' : '\n');
      else if (cp == '\t')
         Sbuf_addc(&b, ' ');
      else if (Utf8_isUnsafe(cp))
         Sbuf_add(&b, "\xEF\xBF\xBD"); /* the same classes as every other output */
      else
         Sbuf_addn(&b, s + i, k);
   }
   return Sbuf_take(&b);
}

/* ---- wrapping ---- */

typedef struct Lines {
   char **v;
   size_t n, cap;
   bool keep_urls; /* Rtext_wrapKeepUrls */
} Lines;

static void pushLine(Lines *l, Sbuf *line)
{
   /* No trailing blanks: they would only push a printed line over the edge. */
   while (line->len && line->s[line->len - 1] == ' ')
      line->s[--line->len] = '\0';
   l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
   l->v[l->n++] = Sbuf_take(line);
}

/* Appends one piece of text between two break opportunities (a word, or
 * the part of one after a hyphen or slash, with the blank that may end
 * it), cutting it between characters when it is wider than a whole line. */
static bool isUrl(const char *word)
{
   return strncmp(word, "http://", 7) == 0 || strncmp(word, "https://", 8) == 0;
}

static void placeWord(Lines *l, Sbuf *line, size_t *col, const char *w, size_t wlen, size_t width)
{
   char *word = xstrndup(w, wlen);
   size_t blank = wlen > 0 && word[wlen - 1] == ' '; /* at most one: squeezed */
   word[wlen - blank] = '\0';
   size_t ww = Rtext_width(word);
   if (ww > width && l->keep_urls && isUrl(word)) {
      /* A URL is never cut: one typed from paper or clicked in a PDF must
       * be whole.  Wider than a line, it gets a line of its own. */
      if (*col > 0)
         pushLine(l, line);
      Sbuf_add(line, word);
      *col = width; /* full: the next word starts a line */
   } else if (*col + ww <= width) {
      Sbuf_add(line, word);
      *col += ww;
   } else if (ww <= width) {
      if (*col > 0)
         pushLine(l, line);
      Sbuf_add(line, word);
      *col = ww;
   } else {
      if (*col > 0)
         pushLine(l, line);
      *col = 0;
      uint32_t cp;
      for (const char *p = word; *p;) {
         size_t k = Utf8_next(p, &cp);
         size_t cw = (size_t)Rtext_cpWidth(cp);
         if (*col + cw > width && *col > 0) {
            pushLine(l, line);
            *col = 0;
         }
         Sbuf_addn(line, p, k);
         *col += cw;
         p += k;
      }
   }
   if (blank) { /* pushLine drops it when the line ends here */
      Sbuf_addc(line, ' ');
      (*col)++;
   }
   free(word);
}

/* p[0..n) with every run of blanks made one and none at either end. */
static char *squeeze(const char *p, size_t n)
{
   Sbuf b = {0};
   Sbuf_add(&b, "");
   for (size_t i = 0; i < n; i++)
      if (p[i] != ' ' || (b.len > 0 && i + 1 < n && p[i + 1] != ' '))
         Sbuf_addc(&b, p[i]);
   return Sbuf_take(&b);
}

/* text[0..n) onto the lines, piece by piece between the places where
 * Utf8_breaks allows a line to end. */
static void placeWords(Lines *l, Sbuf *line, size_t *col, const char *text, size_t n, size_t width)
{
   char *brk = xmalloc(n + 1);

   Utf8_breaks(text, n, brk);
   for (size_t i = 0; i < n;) {
      size_t j = i + 1;
      while (j < n && !brk[j])
         j++;
      placeWord(l, line, col, text + i, j - i, width);
      i = j;
   }
   free(brk);
}

/* One paragraph (no '\n') onto the lines. */
static void wrapPara(Lines *l, const char *p, size_t plen, size_t width)
{
   char *text = squeeze(p, plen);
   Sbuf line = {0};
   size_t col = 0;

   Sbuf_add(&line, "");
   if (Rtext_width(text) <= width)
      Sbuf_add(&line, text); /* most do: no breaks to find */
   else
      placeWords(l, &line, &col, text, strlen(text), width);
   pushLine(l, &line);
   free(text);
}

static void wrapLines(const char *s, size_t width, bool keep_urls, char ***lines, size_t *n)
{
   if (width < 2)
      width = 2; /* room for one wide character */
   char *text = Rtext_clean(s, false);
   Lines l = {.keep_urls = keep_urls};
   const char *p = text;
   for (;;) {
      const char *end = strchr(p, '\n');
      wrapPara(&l, p, end ? (size_t)(end - p) : strlen(p), width);
      if (!end)
         break;
      p = end + 1;
   }
   free(text);
   *lines = l.v;
   *n = l.n;
}

void Rtext_wrap(const char *s, size_t width, char ***lines, size_t *n)
{
   wrapLines(s, width, false, lines, n);
}

void Rtext_wrapKeepUrls(const char *s, size_t width, char ***lines, size_t *n)
{
   wrapLines(s, width, true, lines, n);
}

void Rtext_freeLines(char **lines, size_t n)
{
   for (size_t i = 0; i < n; i++)
      free(lines[i]);
   free(lines);
}

char *Rtext_cut(const char *s, size_t width)
{
   size_t w = 0, at = 0;
   uint32_t cp;
   for (size_t k; (k = Utf8_next(s + at, &cp)) > 0; at += k) {
      size_t cw = (size_t)Rtext_cpWidth(cp);
      if (w + cw > width)
         break;
      w += cw;
   }
   return xstrndup(s, at);
}

char *Rtext_shorten(const char *s, size_t max)
{
   if (Utf8_chars(s) <= max)
      return xstrdup(s);
   if (max == 0)
      return xstrdup("");
   /* Keep max-1 characters, then back up to a space within the last fifth. */
   size_t at = 0, chars = 0, space = 0;
   uint32_t cp;
   for (size_t k; chars < max - 1 && (k = Utf8_next(s + at, &cp)) > 0; at += k, chars++)
      if (cp == ' ')
         space = at;
   if (space > 0 && space * 5 >= at * 4)
      at = space;
   while (at > 0 && s[at - 1] == ' ')
      at--;
   Sbuf b = {0};
   Sbuf_addn(&b, s, at);
   Sbuf_add(&b, "\xE2\x80\xA6");
   return Sbuf_take(&b);
}

/* ---- escaping ---- */

char *Rtext_html(const char *s, bool one_line)
{
   char *clean = Rtext_clean(s, one_line);
   Sbuf b = {0};
   Sbuf_add(&b, "");
   for (const char *p = clean; *p; p++) {
      switch (*p) {
      case '&': Sbuf_add(&b, "&amp;"); break;
      case '<': Sbuf_add(&b, "&lt;"); break;
      case '>': Sbuf_add(&b, "&gt;"); break;
      case '"': Sbuf_add(&b, "&quot;"); break;
      case '\'': Sbuf_add(&b, "&#39;"); break;
      default: Sbuf_addc(&b, *p); break;
      }
   }
   free(clean);
   return Sbuf_take(&b);
}

/* ASCII punctuation that opens or closes Markdown syntax anywhere in a
 * line: emphasis and strikethrough, code, links and images (every one
 * needs a '[' or '<'), raw HTML and entities, table cells, math (GitHub's
 * $...$) and the backslash itself; "://" and "www." are escaped where
 * they occur (Rtext_md).  CommonMark lets any ASCII punctuation
 * be escaped, so escaping one too many would be harmless; escaping only
 * these keeps the raw file readable. */
static bool mdSpecial(char c)
{
   return c && strchr("\\`*_[]<>|~&$", c) != NULL;
}

/* Characters that are syntax only at the start of a line: headings, list
 * bullets, thematic breaks and setext underlines ('-', '+', '=', '#'). */
static bool mdLineStart(char c)
{
   return c && strchr("#-+=", c) != NULL;
}

char *Rtext_md(const char *s, bool one_line)
{
   char *clean = Rtext_clean(s, one_line);
   size_t n = strlen(clean);
   while (n && (clean[n - 1] == ' ' || clean[n - 1] == '\n'))
      clean[--n] = '\0';
   Sbuf b = {0};
   Sbuf_add(&b, "");
   bool line_start = true;
   for (const char *p = clean; *p; p++) {
      if (line_start && (*p == ' ' || *p == '\n'))
         continue; /* blank lines and indentation would end a list or open a code block */
      if (line_start) {
         line_start = false;
         if (mdLineStart(*p)) {
            Sbuf_addc(&b, '\\');
         } else if (*p >= '0' && *p <= '9') {
            /* "1." or "1)" would start an ordered list. */
            const char *d = p;
            while (*d >= '0' && *d <= '9')
               d++;
            Sbuf_addn(&b, p, (size_t)(d - p));
            if (*d == '.' || *d == ')')
               Sbuf_addc(&b, '\\');
            p = d - 1;
            continue;
         }
      }
      if (*p == '\n') {
         /* A hard line break, never a paragraph break, so that the text stays
          * one paragraph wherever it is placed (list item, table, quote). */
         while (b.len && b.s[b.len - 1] == ' ')
            b.s[--b.len] = '\0';
         Sbuf_add(&b, "\\\n");
         line_start = true;
         continue;
      }
      /* GitHub turns "scheme://..." and "www." into links that can swallow
       * the markup around them; an escape keeps them text. */
      bool autolink = (*p == ':' && p[1] == '/' && p[2] == '/') ||
                      (*p == '.' && p - clean >= 3 && strncasecmp(p - 3, "www", 3) == 0);
      if (mdSpecial(*p) || autolink)
         Sbuf_addc(&b, '\\');
      Sbuf_addc(&b, *p);
   }
   free(clean);
   return Sbuf_take(&b);
}

char *Rtext_csv(const char *s)
{
   char *clean = Rtext_clean(s, false);
   bool quote = strpbrk(clean, ",\"\r\n") != NULL;
   bool formula = strchr("=+-@", clean[0]) && clean[0];
   Sbuf b = {0};
   Sbuf_add(&b, "");
   if (formula)
      quote = true;
   if (quote)
      Sbuf_addc(&b, '"');
   if (formula)
      Sbuf_addc(&b, '\'');
   for (const char *p = clean; *p; p++) {
      if (*p == '"')
         Sbuf_addc(&b, '"');
      Sbuf_addc(&b, *p);
   }
   if (quote)
      Sbuf_addc(&b, '"');
   free(clean);
   return Sbuf_take(&b);
}

bool Rtext_put(FILE *f, const char *s)
{
   size_t n = strlen(s);
   return fwrite(s, 1, n, f) == n;
}

bool Rtext_csvRecord(FILE *f, const char *const *fields, size_t n)
{
   bool ok = true;
   for (size_t i = 0; i < n && ok; i++) {
      char *e = Rtext_csv(fields[i] ? fields[i] : "");
      ok = (i == 0 || fputc(',', f) != EOF) && Rtext_put(f, e);
      free(e);
   }
   return ok && fputs("\r\n", f) != EOF;
}

char *Rtext_sides(const char *left, const char *right, size_t width)
{
   size_t rw = Rtext_width(right);
   char *clean = Rtext_clean(left, true);
   char *l = Rtext_cut(clean, width > rw + 2 ? width - rw - 2 : 0);
   Sbuf s = {0};
   Sbuf_add(&s, l);
   Sbuf_repeat(&s, " ", width - Rtext_width(l) - rw);
   Sbuf_add(&s, right);
   free(l);
   free(clean);
   return Sbuf_take(&s);
}

bool Rtext_putLine(FILE *f, const char *line, const char *end)
{
   return Utf8_fputs(line, f, 0) && fputs(end, f) != EOF;
}

void Rout_put(Rout *o, const char *fmt, ...)
{
   va_list ap;
   if (!o->ok)
      return;
   /* What reaches the file is cleaned once more: a text that missed its
    * escaper still cannot carry an escape sequence to a terminal or a
    * printer. */
   va_start(ap, fmt);
   if (!Utf8_vfprintf(o->f, UTF8_KEEP_NL | UTF8_KEEP_TAB, fmt, ap))
      o->ok = false;
   va_end(ap);
}
