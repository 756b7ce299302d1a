/* lens_tree.c: the document tree both lens syntaxes are read into. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/lens_build.h"
#include "core/xalloc.h"
#include "i18n.h"

LNode *LNode_new(LNodeKind kind, unsigned line, unsigned col)
{
   LNode *n = xcalloc(1, sizeof *n);
   n->kind = kind;
   n->line = line;
   n->col = col;
   return n;
}

LNode *LNode_newText(LNodeKind kind, unsigned line, unsigned col, const char *text, size_t len)
{
   LNode *n = LNode_new(kind, line, col);
   n->text = xmalloc(len + 1);
   if (len)
      memcpy(n->text, text, len);
   n->text[len] = '\0';
   n->len = len;
   return n;
}

void LNode_add(LNode *parent, const char *key, unsigned line, unsigned col, LNode *child)
{
   parent->items = xgrow(parent->items, &parent->cap, parent->n + 1, sizeof *parent->items);
   LEntry *e = &parent->items[parent->n++];
   e->key = xstrdup(key);
   e->line = line;
   e->col = col;
   e->value = child;
}

/* Depth is bounded by LENS_MAX_DEPTH when the trees are built, so recursing
 * here is safe. */
void LNode_free(LNode *n)
{
   if (!n)
      return;
   for (size_t i = 0; i < n->n; i++) {
      free(n->items[i].key);
      LNode_free(n->items[i].value);
   }
   free(n->items);
   free(n->text);
   free(n);
}

const LEntry *LNode_find(const LNode *map, const char *key)
{
   if (!map || map->kind != LNODE_MAP)
      return NULL;
   for (size_t i = 0; i < map->n; i++)
      if (strcmp(map->items[i].key, key) == 0)
         return &map->items[i];
   return NULL;
}

const char *LNode_kindName(LNodeKind kind)
{
   switch (kind) {
   case LNODE_NULL: return _("null");
   case LNODE_STRING: return _("a string");
   case LNODE_NUMBER: return _("a number");
   case LNODE_BOOL: return _("true or false");
   case LNODE_MAP: return _("a mapping");
   case LNODE_SEQ: return _("a list");
   }
   return "?";
}
