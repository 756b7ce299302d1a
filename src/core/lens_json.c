/* lens_json.c: AWS custom lens JSON -> document tree, with jansson.
 *
 * Strict RFC 8259: duplicate keys, NaN, trailing commas and the like are
 * syntax errors at jansson's line:column.  jansson keeps no positions after
 * parsing, so the tree's nodes have none and diagnostics name a JSON path. */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/lens_build.h"
#include "core/xalloc.h"
#include "i18n.h"

typedef struct Json {
   const char *file;
   DiagList *diags;
   bool failed;
   /* The path to the node being converted, for the depth error. */
   const char *keys[LENS_MAX_DEPTH + 2];
   size_t index[LENS_MAX_DEPTH + 2];
} Json;

static char *path_of(const Json *c, size_t depth) {
   char *path = xstrdup("");
   for (size_t i = 2; i <= depth; i++) { /* the root has no key */
      char *next = c->keys[i] ? xasprintf("%s%s%s", path, *path ? "." : "", c->keys[i])
                              : xasprintf("%s[%zu]", path, c->index[i]);
      free(path);
      path = next;
   }
   return path;
}

static LNode *convert(Json *c, json_t *j, size_t depth);

static LNode *convert_object(Json *c, json_t *j, size_t depth) {
   LNode *n = LNode_new(LNODE_MAP, 0, 0);
   const char *key;
   json_t *value;
   /* jansson (>= 2.8) iterates in insertion order, which is file order. */
   json_object_foreach(j, key, value) {
      c->keys[depth + 1] = key;
      LNode *child = convert(c, value, depth + 1);
      if (!child)
         break;
      LNode_add(n, key, 0, 0, child);
   }
   return n;
}

static LNode *convert_array(Json *c, json_t *j, size_t depth) {
   LNode *n = LNode_new(LNODE_SEQ, 0, 0);
   for (size_t i = 0; i < json_array_size(j); i++) {
      c->keys[depth + 1] = NULL;
      c->index[depth + 1] = i;
      LNode *child = convert(c, json_array_get(j, i), depth + 1);
      if (!child)
         break;
      LNode_add(n, NULL, 0, 0, child);
   }
   return n;
}

static LNode *convert(Json *c, json_t *j, size_t depth) {
   bool container = json_is_object(j) || json_is_array(j);
   if (container && depth > LENS_MAX_DEPTH) {
      char *path = path_of(c, depth);
      DiagList_add(c->diags, DIAG_ERROR, c->file, 0, 0, path,
                   _("nesting deeper than %d levels; no lens needs that"), LENS_MAX_DEPTH);
      free(path);
      c->failed = true;
      return NULL;
   }
   switch (json_typeof(j)) {
   case JSON_OBJECT:
      return convert_object(c, j, depth);
   case JSON_ARRAY:
      return convert_array(c, j, depth);
   case JSON_STRING:
      return LNode_newText(LNODE_STRING, 0, 0, json_string_value(j), json_string_length(j));
   case JSON_INTEGER:
   case JSON_REAL:
      return LNode_new(LNODE_NUMBER, 0, 0);
   case JSON_TRUE:
   case JSON_FALSE:
      return LNode_new(LNODE_BOOL, 0, 0);
   case JSON_NULL:
      break;
   }
   return LNode_new(LNODE_NULL, 0, 0);
}

LNode *LensJson_parse(const char *file, const char *buf, size_t len, DiagList *diags) {
   /* jansson refuses a UTF-8 byte-order mark; skip it (editors do not show
    * it, so it counts in no column). */
   size_t bom = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
   json_error_t err;
   json_t *j = json_loadb(buf + bom, len - bom, JSON_REJECT_DUPLICATES, &err);
   if (!j) {
      unsigned line = err.line > 0 ? (unsigned)err.line : 1;
      unsigned col = err.column > 0 ? (unsigned)err.column : 1;
      DiagList_add(diags, DIAG_ERROR, file, line, col, NULL, "%s", err.text);
      return NULL;
   }
   Json c = { .file = file, .diags = diags };
   LNode *root = convert(&c, j, 1);
   json_decref(j);
   if (c.failed) {
      LNode_free(root);
      return NULL;
   }
   return root;
}
