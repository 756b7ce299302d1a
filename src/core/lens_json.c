/* lens_json.c: AWS custom lens JSON -> document tree, with jansson.
 *
 * Strict RFC 8259: NaN, trailing commas and the like are syntax errors at
 * jansson's line:column; a duplicate key or a NUL in a key is reported at
 * the key, in our words.  jansson keeps no positions after parsing, so the
 * text it accepted is walked again, in document order, by a small cursor of
 * our own that gives every node the line and column of its value (and every
 * key its own).  Columns count characters, as jansson's and libyaml's do. */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/lens_build.h"
#include "core/xalloc.h"
#include "i18n.h"

/* ---- the cursor ---- */

/* A position in the text; line and col are those of *s. */
typedef struct Cur {
   const char *s, *end;
   unsigned line, col;
} Cur;

static void step(Cur *c)
{
   unsigned char ch = (unsigned char)*c->s++;
   if (ch == '\n') {
      c->line++;
      c->col = 1;
   } else if ((ch & 0xC0) != 0x80) { /* not a UTF-8 continuation byte */
      c->col++;
   }
}

static bool at(const Cur *c, char ch)
{
   return c->s < c->end && *c->s == ch;
}

static void skip_blanks(Cur *c)
{
   while (c->s < c->end && (*c->s == ' ' || *c->s == '\t' || *c->s == '\r' || *c->s == '\n'))
      step(c);
}

/* Past a string, from its opening quote to after its closing one.  A string
 * holds no raw line break, so only columns move. */
static void skip_string(Cur *c)
{
   step(c);
   while (c->s < c->end && *c->s != '"') {
      if (*c->s == '\\' && c->s + 1 < c->end)
         step(c);
      step(c);
   }
   if (c->s < c->end)
      step(c);
}

/* Past a number, true, false or null (at least one byte, so a walk over
 * text it does not expect still ends). */
static void skip_word(Cur *c)
{
   do
      step(c);
   while (c->s < c->end && !strchr(",:]}[{\" \t\r\n", *c->s));
}

/* Past the separator before the next item of a list or mapping. */
static void next_item(Cur *c)
{
   skip_blanks(c);
   if (at(c, ','))
      step(c);
   skip_blanks(c);
}

/* ---- jansson's tree -> ours, with positions ---- */

typedef struct Json {
   const char *file;
   DiagList *diags;
   Cur cur;
   bool lost; /* the text and jansson's tree disagree: no more positions */
   bool failed;
   /* The path to the node being converted, for the depth error. */
   const char *keys[LENS_MAX_DEPTH + 2];
   size_t index[LENS_MAX_DEPTH + 2];
} Json;

static char *path_of(const Json *c, size_t depth)
{
   char *path = xstrdup("");
   for (size_t i = 2; i <= depth; i++) { /* the root has no key */
      char *next = c->keys[i] ? xasprintf("%s%s%s", path, *path ? "." : "", c->keys[i])
                              : xasprintf("%s[%zu]", path, c->index[i]);
      free(path);
      path = next;
   }
   return path;
}

/* Steps over want, or gives up on positions when the text has something
 * else (which would mean jansson read it otherwise than we do). */
static void expect(Json *c, char want)
{
   if (c->lost)
      return;
   skip_blanks(&c->cur);
   if (at(&c->cur, want))
      step(&c->cur);
   else
      c->lost = true;
}

/* Where the next value (or key) starts: 0:0 once lost. */
static void here(Json *c, unsigned *line, unsigned *col)
{
   if (!c->lost)
      skip_blanks(&c->cur);
   if (c->lost || c->cur.s >= c->cur.end) {
      c->lost = true;
      *line = *col = 0;
      return;
   }
   *line = c->cur.line;
   *col = c->cur.col;
}

/* Steps over the key jansson gave as key.  A key written without escapes
 * must be the same bytes: a cheap check that the walk is in step. */
static void pass_key(Json *c, const char *key)
{
   if (c->lost || !at(&c->cur, '"')) {
      c->lost = true;
      return;
   }
   const char *start = c->cur.s + 1;
   skip_string(&c->cur);
   size_t n = (size_t)(c->cur.s - 1 - start);
   if (!memchr(start, '\\', n) && (strlen(key) != n || memcmp(start, key, n) != 0))
      c->lost = true;
   expect(c, ':');
}

static void pass_scalar(Json *c, json_t *j)
{
   if (c->lost)
      return;
   if (json_is_string(j) != at(&c->cur, '"')) {
      c->lost = true;
      return;
   }
   if (json_is_string(j))
      skip_string(&c->cur);
   else
      skip_word(&c->cur);
}

static LNode *convert(Json *c, json_t *j, size_t depth);

static LNode *convert_object(Json *c, json_t *j, size_t depth, unsigned line, unsigned col)
{
   LNode *n = LNode_new(LNODE_MAP, line, col);
   const char *key;
   json_t *value;
   expect(c, '{');
   /* jansson (>= 2.8) iterates in insertion order, which is file order, and
    * duplicate keys were refused: one entry for each key in the text. */
   json_object_foreach(j, key, value)
   {
      unsigned kline, kcol;
      if (n->n)
         next_item(&c->cur);
      here(c, &kline, &kcol);
      pass_key(c, key);
      c->keys[depth + 1] = key;
      LNode *child = convert(c, value, depth + 1);
      if (!child)
         break;
      LNode_add(n, key, kline, kcol, child);
   }
   expect(c, '}');
   return n;
}

static LNode *convert_array(Json *c, json_t *j, size_t depth, unsigned line, unsigned col)
{
   LNode *n = LNode_new(LNODE_SEQ, line, col);
   expect(c, '[');
   for (size_t i = 0; i < json_array_size(j); i++) {
      if (i)
         next_item(&c->cur);
      c->keys[depth + 1] = NULL;
      c->index[depth + 1] = i;
      LNode *child = convert(c, json_array_get(j, i), depth + 1);
      if (!child)
         break;
      LNode_add(n, NULL, 0, 0, child);
   }
   expect(c, ']');
   return n;
}

static LNode *convert(Json *c, json_t *j, size_t depth)
{
   unsigned line, col;
   here(c, &line, &col);
   bool container = json_is_object(j) || json_is_array(j);
   if (container && depth > LENS_MAX_DEPTH) {
      char *path = path_of(c, depth);
      DiagList_add(c->diags, DIAG_ERROR, c->file, line, col, path,
                   _("nesting deeper than %d levels; no lens needs that"), LENS_MAX_DEPTH);
      free(path);
      c->failed = true;
      return NULL;
   }
   if (container)
      return json_is_object(j) ? convert_object(c, j, depth, line, col)
                               : convert_array(c, j, depth, line, col);
   pass_scalar(c, j);
   switch (json_typeof(j)) {
   case JSON_STRING:
      return LNode_newText(LNODE_STRING, line, col, json_string_value(j), json_string_length(j));
   case JSON_INTEGER:
   case JSON_REAL: return LNode_new(LNODE_NUMBER, line, col);
   case JSON_TRUE:
   case JSON_FALSE: return LNode_new(LNODE_BOOL, line, col);
   default: break;
   }
   return LNode_new(LNODE_NULL, line, col);
}

/* ---- a bad key, in our words ---- */

/* A key's text between its quotes, and where its opening quote is. */
typedef struct Key {
   const char *s;
   size_t len;
   unsigned line, col;
} Key;

/* The decoded key (jansson reads the escapes); caller frees.  NULL if it
 * does not decode, which cannot happen in text jansson has read. */
static char *decode_key(const Key *k, size_t *len)
{
   if (!memchr(k->s, '\\', k->len)) {
      *len = k->len;
      return xstrndup(k->s, k->len);
   }
   json_t *j = json_loadb(k->s - 1, k->len + 2, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
   char *s = NULL;
   if (j && json_is_string(j)) {
      *len = json_string_length(j);
      s = xmalloc(*len + 1);
      memcpy(s, json_string_value(j), *len + 1);
   }
   json_decref(j);
   return s;
}

/* Reads the key at c (an opening quote). */
static Key read_key(Cur *c)
{
   Key k = {c->s + 1, 0, c->line, c->col};
   skip_string(c);
   k.len = (size_t)(c->s - 1 - k.s);
   return k;
}

typedef struct Open {
   Cur start;     /* at the '{' of an object */
   bool want_key; /* the next string is a key */
   bool object;
} Open;

/* Walks the text up to offset stop (where jansson stopped, just past the
 * bad key) and returns that key and the start of the object holding it.
 * The text before stop is JSON jansson has read. */
static bool find_key(const char *buf, size_t len, size_t stop, Key *key, Cur *object)
{
   Cur c = {buf, buf + len, 1, 1};
   Open *open = NULL;
   size_t depth = 0, cap = 0;
   bool found = false;
   while (!found && c.s < c.end && (size_t)(c.s - buf) < stop) {
      Open *top = depth ? &open[depth - 1] : NULL;
      switch (*c.s) {
      case '{':
      case '[':
         open = xgrow(open, &cap, depth + 1, sizeof *open);
         open[depth++] = (Open){c, *c.s == '{', *c.s == '{'};
         step(&c);
         break;
      case '}':
      case ']':
         depth -= depth > 0;
         step(&c);
         break;
      case ',':
         if (top && top->object)
            top->want_key = true;
         step(&c);
         break;
      case ':':
         if (top)
            top->want_key = false;
         step(&c);
         break;
      case '"':
         if (top && top->object && top->want_key) {
            *key = read_key(&c);
            *object = top->start;
            found = (size_t)(c.s - buf) >= stop;
         } else {
            skip_string(&c);
         }
         break;
      case ' ':
      case '\t':
      case '\r':
      case '\n': step(&c); break;
      default: skip_word(&c); break;
      }
   }
   free(open);
   return found;
}

/* The first key of the object at obj (its '{') that decodes to name: the
 * earlier twin of dup, one of its keys. */
static bool first_key(Cur obj, const Key *dup, const char *name, size_t nlen, Key *first)
{
   size_t depth = 0;
   bool want_key = false; /* only of the object itself, at depth 1 */
   while (obj.s < dup->s) {
      char ch = *obj.s;
      if (ch == '"' && depth == 1 && want_key) {
         Key k = read_key(&obj);
         size_t klen;
         char *text = decode_key(&k, &klen);
         bool same = text && klen == nlen && memcmp(text, name, nlen) == 0;
         free(text);
         if (same) {
            *first = k;
            return true;
         }
      } else if (ch == '"') {
         skip_string(&obj);
      } else if (ch == '{' || ch == '[') {
         want_key = ++depth == 1;
         step(&obj);
      } else if (ch == '}' || ch == ']') {
         depth -= depth > 0;
         step(&obj);
      } else if (ch == ',' || ch == ':') {
         if (depth == 1)
            want_key = ch == ',';
         step(&obj);
      } else if (ch && strchr(" \t\r\n", ch)) {
         step(&obj);
      } else {
         skip_word(&obj);
      }
   }
   return false;
}

/* A duplicate key or a NUL in a key: jansson stopped just past the key. */
static bool key_error(const char *file, const char *buf, size_t len, const json_error_t *err,
                      DiagList *diags)
{
   Key key = {0}, first = {0};
   Cur obj;
   if (err->position <= 0 || !find_key(buf, len, (size_t)err->position, &key, &obj))
      return false;
   if (json_error_code(err) == json_error_null_byte_in_key) {
      DiagList_add(diags, DIAG_ERROR, file, key.line, key.col, NULL, "%s",
                   _("a key contains a NUL character"));
      return true;
   }
   size_t nlen;
   char *name = decode_key(&key, &nlen);
   bool ok = name && first_key(obj, &key, name, nlen, &first);
   if (ok)
      DiagList_add(diags, DIAG_ERROR, file, key.line, key.col, NULL,
                   _("duplicate key '%s' (first at %u:%u)"), name, first.line, first.col);
   free(name);
   return ok;
}

static void syntax_error(const char *file, const char *buf, size_t len, const json_error_t *err,
                         DiagList *diags)
{
   enum json_error_code code = json_error_code(err);
   if ((code == json_error_duplicate_key || code == json_error_null_byte_in_key) &&
       key_error(file, buf, len, err, diags))
      return;
   unsigned line = err->line > 0 ? (unsigned)err->line : 1;
   unsigned col = err->column > 0 ? (unsigned)err->column : 1;
   DiagList_add(diags, DIAG_ERROR, file, line, col, NULL, "%s", err->text);
}

LNode *LensJson_parse(const char *file, const char *buf, size_t len, DiagList *diags)
{
   /* jansson refuses a UTF-8 byte-order mark; skip it (editors do not show
    * it, so it counts in no column). */
   size_t bom = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
   buf += bom;
   len -= bom;
   json_error_t err;
   /* A \u0000 in a string is read, so that the builder says which text
    * holds it, as it does for YAML. */
   json_t *j = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
   if (!j) {
      syntax_error(file, buf, len, &err, diags);
      return NULL;
   }
   Json c = {.file = file, .diags = diags, .cur = {buf, buf + len, 1, 1}};
   LNode *root = convert(&c, j, 1);
   json_decref(j);
   if (c.failed) {
      LNode_free(root);
      return NULL;
   }
   return root;
}
