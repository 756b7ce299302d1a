/* lens_yaml.c: YAML lens files -> document tree, with libyaml's event API.
 *
 * A plain (unquoted) scalar has the type the YAML 1.2 core schema gives its
 * spelling: `12`, `1.5`, `.nan` are numbers, `true` a boolean, an empty
 * value, `~` and `null` null; every other scalar is a string.  Every lens
 * field that takes a scalar takes text, so the builder refuses a number or
 * a boolean there, as it does in JSON, and says to quote it.  Anchors,
 * aliases, more than one document and nesting deeper than LENS_MAX_DEPTH
 * are errors; explicit tags are ignored with a warning. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/lens_build.h"
#include "core/xalloc.h"
#include "i18n.h"

typedef struct Level {
   LNode *node;
   char *key; /* in a mapping: the key waiting for its value */
   unsigned kline, kcol;
} Level;

typedef struct Yaml {
   const char *file;
   DiagList *diags;
   const char *buf;
   size_t len;
   Level stack[LENS_MAX_DEPTH];
   size_t depth;
   LNode *root;
   int documents;
   bool failed; /* an error was reported: the tree is not used */
   bool stop;   /* stop reading events */
} Yaml;

__attribute__((format(printf, 4, 5))) static void yerror(Yaml *y, unsigned line, unsigned col,
                                                         const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   DiagList_vadd(y->diags, DIAG_ERROR, y->file, line, col, NULL, fmt, ap);
   va_end(ap);
   y->failed = true;
}

#define LINE(m) ((unsigned)(m).line + 1)
#define COL(m) ((unsigned)(m).column + 1)

/* libyaml's reader reports its errors (bad UTF-8, control characters) with
 * a byte offset only; turn it into line:column as libyaml counts them
 * (columns in characters). */
static void offset_to_pos(const Yaml *y, size_t offset, unsigned *line, unsigned *col)
{
   *line = 1;
   *col = 1;
   if (offset > y->len)
      offset = y->len;
   for (size_t i = 0; i < offset; i++) {
      unsigned char c = (unsigned char)y->buf[i];
      if (c == '\n') {
         ++*line;
         *col = 1;
      } else if ((c & 0xC0) != 0x80) {
         ++*col;
      }
   }
}

static void syntax_error(Yaml *y, const yaml_parser_t *p)
{
   const char *problem = p->problem ? p->problem : _("syntax error");
   unsigned line, col;
   if (p->error == YAML_MEMORY_ERROR) {
      yerror(y, 0, 0, "%s", _("out of memory while reading YAML"));
   } else if (p->error == YAML_READER_ERROR) {
      offset_to_pos(y, p->problem_offset, &line, &col);
      if (p->problem_value != -1)
         yerror(y, line, col, "%s (0x%X)", problem, (unsigned)p->problem_value);
      else
         yerror(y, line, col, "%s", problem);
   } else if (p->context) {
      yerror(y, LINE(p->problem_mark), COL(p->problem_mark), _("%s %s (started at %u:%u)"), problem,
             p->context, LINE(p->context_mark), COL(p->context_mark));
   } else {
      yerror(y, LINE(p->problem_mark), COL(p->problem_mark), "%s", problem);
   }
   y->stop = true;
}

static void check_anchor_tag(Yaml *y, const yaml_event_t *ev, const yaml_char_t *anchor,
                             const yaml_char_t *tag, bool implicit)
{
   if (anchor)
      yerror(y, LINE(ev->start_mark), COL(ev->start_mark),
             _("YAML anchors are not supported ('&%s')"), (const char *)anchor);
   if (tag && !implicit)
      DiagList_add(y->diags, DIAG_WARNING, y->file, LINE(ev->start_mark), COL(ev->start_mark), NULL,
                   _("YAML tag '%s' is ignored"), (const char *)tag);
}

/* "condition: !Q5_auto" unquoted: YAML takes "!Q5_auto" for a tag and the
 * value for empty, which is never what a lens author meant. */
static bool is_bare_tag(const yaml_event_t *ev, bool implicit)
{
   const char *tag = (const char *)ev->data.scalar.tag;
   return tag && !implicit && tag[0] == '!' && tag[1] && ev->data.scalar.length == 0 &&
          ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.anchor;
}

/* True when the innermost open node is a mapping waiting for a key. */
static bool want_key(const Yaml *y)
{
   if (!y->depth)
      return false;
   const Level *l = &y->stack[y->depth - 1];
   return l->node->kind == LNODE_MAP && !l->key;
}

/* Hangs n under the innermost open node (or makes it the document root). */
static void attach(Yaml *y, LNode *n)
{
   if (!y->depth) {
      if (y->root)
         LNode_free(y->root); /* cannot happen: one root per document */
      y->root = n;
      return;
   }
   Level *l = &y->stack[y->depth - 1];
   LNode_add(l->node, l->key, l->kline, l->kcol, n);
   free(l->key);
   l->key = NULL;
}

/* ---- the YAML 1.2 core schema, for plain scalars ---- */

static bool one_of(const char *v, const char *const *words)
{
   for (; *words; words++)
      if (strcmp(v, *words) == 0)
         return true;
   return false;
}

/* Steps p over digits of the set; returns how many. */
static size_t digits(const char **p, const char *end, const char *set)
{
   const char *start = *p;
   while (*p < end && **p && strchr(set, **p))
      ++*p;
   return (size_t)(*p - start);
}

/* [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?, which
 * takes in the decimal integers; 0o17 and 0x1F; [-+]?.inf; .nan. */
static bool is_number(const char *v, size_t len)
{
   static const char *const special[] = {".inf",  ".Inf",  ".INF",  "+.inf", "+.Inf",
                                         "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
                                         ".NaN",  ".NAN",  NULL};
   const char *p = v, *end = v + len;
   if (one_of(v, special))
      return true;
   if (len > 2 && v[0] == '0' && (v[1] == 'o' || v[1] == 'x')) {
      p += 2;
      return digits(&p, end, v[1] == 'o' ? "01234567" : "0123456789abcdefABCDEF") == len - 2;
   }
   if (p < end && (*p == '-' || *p == '+'))
      p++;
   size_t whole = digits(&p, end, "0123456789"), frac = 0;
   if (p < end && *p == '.') {
      p++;
      frac = digits(&p, end, "0123456789");
   }
   if (!whole && !frac)
      return false;
   if (p < end && (*p == 'e' || *p == 'E')) {
      p++;
      if (p < end && (*p == '-' || *p == '+'))
         p++;
      if (!digits(&p, end, "0123456789"))
         return false;
   }
   return p == end;
}

static LNodeKind scalar_kind(const yaml_event_t *ev)
{
   static const char *const nulls[] = {"~", "null", "Null", "NULL", NULL};
   static const char *const bools[] = {"true", "True", "TRUE", "false", "False", "FALSE", NULL};
   const char *v = (const char *)ev->data.scalar.value;
   size_t len = ev->data.scalar.length;
   if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
      return LNODE_STRING;
   if (len == 0 || one_of(v, nulls))
      return LNODE_NULL;
   if (one_of(v, bools))
      return LNODE_BOOL;
   return is_number(v, len) ? LNODE_NUMBER : LNODE_STRING;
}

static void on_scalar(Yaml *y, const yaml_event_t *ev)
{
   const char *v = (const char *)ev->data.scalar.value;
   size_t len = ev->data.scalar.length;
   bool implicit = ev->data.scalar.plain_implicit || ev->data.scalar.quoted_implicit;
   if (is_bare_tag(ev, implicit))
      DiagList_add(y->diags, DIAG_WARNING, y->file, LINE(ev->start_mark), COL(ev->start_mark), NULL,
                   _("YAML reads '%s' as a tag with an empty value; to write it as text (a "
                     "negated condition), quote it: \"%s\""),
                   (const char *)ev->data.scalar.tag, (const char *)ev->data.scalar.tag);
   else
      check_anchor_tag(y, ev, ev->data.scalar.anchor, ev->data.scalar.tag, implicit);
   if (want_key(y)) {
      Level *l = &y->stack[y->depth - 1];
      if (memchr(v, '\0', len))
         yerror(y, LINE(ev->start_mark), COL(ev->start_mark), "%s",
                _("a key contains a NUL character"));
      l->key = xstrndup(v, len);
      l->kline = LINE(ev->start_mark);
      l->kcol = COL(ev->start_mark);
      return;
   }
   attach(y, LNode_newText(scalar_kind(ev), LINE(ev->start_mark), COL(ev->start_mark), v, len));
}

static void on_alias(Yaml *y, const yaml_event_t *ev)
{
   yerror(y, LINE(ev->start_mark), COL(ev->start_mark), _("YAML aliases are not supported ('*%s')"),
          (const char *)ev->data.alias.anchor);
   if (want_key(y))
      y->stop = true; /* no sensible key to go on with */
   else
      attach(y, LNode_new(LNODE_NULL, LINE(ev->start_mark), COL(ev->start_mark)));
}

static void on_start(Yaml *y, const yaml_event_t *ev, LNodeKind kind)
{
   if (want_key(y)) {
      yerror(y, LINE(ev->start_mark), COL(ev->start_mark), "%s",
             _("a mapping key must be text, not a mapping or a list"));
      y->stop = true;
      return;
   }
   if (y->depth == LENS_MAX_DEPTH) {
      yerror(y, LINE(ev->start_mark), COL(ev->start_mark),
             _("nesting deeper than %d levels; no lens needs that"), LENS_MAX_DEPTH);
      y->stop = true;
      return;
   }
   if (kind == LNODE_MAP)
      check_anchor_tag(y, ev, ev->data.mapping_start.anchor, ev->data.mapping_start.tag,
                       ev->data.mapping_start.implicit);
   else
      check_anchor_tag(y, ev, ev->data.sequence_start.anchor, ev->data.sequence_start.tag,
                       ev->data.sequence_start.implicit);
   LNode *n = LNode_new(kind, LINE(ev->start_mark), COL(ev->start_mark));
   attach(y, n);
   y->stack[y->depth++] = (Level){.node = n};
}

typedef struct KeyRef {
   const char *key;
   size_t index;
} KeyRef;

static int keyref_cmp(const void *a, const void *b)
{
   const KeyRef *x = a, *z = b;
   int c = strcmp(x->key, z->key);
   if (c)
      return c;
   return x->index < z->index ? -1 : x->index > z->index;
}

static int dup_cmp(const void *a, const void *b)
{
   const size_t *x = a, *z = b;
   return x[0] < z[0] ? -1 : x[0] > z[0];
}

/* Reports every repeated key of a mapping in file order.  Sorting keeps this
 * O(n log n) on hostile files with huge mappings. */
static void check_duplicates(Yaml *y, const LNode *map)
{
   if (map->n < 2)
      return;
   KeyRef *refs = xcalloc(map->n, sizeof *refs);
   size_t(*dups)[2] = xcalloc(map->n, sizeof *dups), ndup = 0;
   for (size_t i = 0; i < map->n; i++)
      refs[i] = (KeyRef){map->items[i].key, i};
   qsort(refs, map->n, sizeof *refs, keyref_cmp);
   for (size_t i = 1, first = 0; i < map->n; i++) {
      if (strcmp(refs[i].key, refs[first].key) != 0) {
         first = i;
         continue;
      }
      dups[ndup][0] = refs[i].index;
      dups[ndup][1] = refs[first].index;
      ndup++;
   }
   qsort(dups, ndup, sizeof *dups, dup_cmp);
   for (size_t i = 0; i < ndup; i++) {
      const LEntry *e = &map->items[dups[i][0]], *f = &map->items[dups[i][1]];
      yerror(y, e->line, e->col, _("duplicate key '%s' (first at %u:%u)"), e->key, f->line, f->col);
   }
   free(dups);
   free(refs);
}

static void on_end(Yaml *y)
{
   if (!y->depth)
      return;
   Level *l = &y->stack[--y->depth];
   if (l->node->kind == LNODE_MAP)
      check_duplicates(y, l->node);
   free(l->key);
   l->key = NULL;
}

static void on_document(Yaml *y, const yaml_event_t *ev)
{
   if (++y->documents > 1) {
      yerror(y, LINE(ev->start_mark), COL(ev->start_mark), "%s",
             _("a lens file holds one YAML document; this is a second one"));
      y->stop = true;
   }
}

static void on_event(Yaml *y, const yaml_event_t *ev)
{
   switch (ev->type) {
   case YAML_DOCUMENT_START_EVENT: on_document(y, ev); break;
   case YAML_SCALAR_EVENT: on_scalar(y, ev); break;
   case YAML_ALIAS_EVENT: on_alias(y, ev); break;
   case YAML_MAPPING_START_EVENT: on_start(y, ev, LNODE_MAP); break;
   case YAML_SEQUENCE_START_EVENT: on_start(y, ev, LNODE_SEQ); break;
   case YAML_MAPPING_END_EVENT:
   case YAML_SEQUENCE_END_EVENT: on_end(y); break;
   case YAML_STREAM_END_EVENT:
      if (!y->documents)
         yerror(y, 0, 0, "%s", _("the file is empty (nothing but blanks and comments)"));
      y->stop = true;
      break;
   default: break;
   }
}

static void read_events(Yaml *y, yaml_parser_t *p)
{
   while (!y->stop) {
      yaml_event_t ev;
      if (!yaml_parser_parse(p, &ev)) {
         syntax_error(y, p);
         break;
      }
      on_event(y, &ev);
      yaml_event_delete(&ev);
   }
}

LNode *LensYaml_parse(const char *file, const char *buf, size_t len, DiagList *diags)
{
   /* libyaml skips a byte-order mark only when it guesses the encoding,
    * which we do not let it do (below).  Positions stay the same: libyaml
    * does not count the mark as a column either. */
   if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
      buf += 3;
      len -= 3;
   }
   Yaml y = {.file = file, .diags = diags, .buf = buf, .len = len};
   yaml_parser_t p;
   if (!yaml_parser_initialize(&p)) {
      yerror(&y, 0, 0, "%s", _("out of memory while reading YAML"));
      return NULL;
   }
   /* Never guess UTF-16 from a byte-order mark: lens files are UTF-8. */
   yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
   yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
   read_events(&y, &p);
   yaml_parser_delete(&p);
   while (y.depth)
      free(y.stack[--y.depth].key);
   if (y.failed) {
      LNode_free(y.root);
      return NULL;
   }
   return y.root;
}
