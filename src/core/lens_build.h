/* lens_build.h: private to the lens loader (lens*.c); the agenda reader
 * (agendafile.c) and the profile loader (profile.c) read their YAML through
 * LensYaml_parse too.
 *
 * Both syntaxes are first read into one small document tree (LNode); a single
 * builder then turns the tree into a Lens and runs every check, so YAML and
 * JSON files get the same model and the same diagnostics.  A tree owns all
 * its nodes and strings; LNode_free() releases it. */
#ifndef WALENS_CORE_LENS_BUILD_H
#define WALENS_CORE_LENS_BUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/lens.h"

/* A YAML plain (unquoted) scalar has the kind the YAML 1.2 core schema
 * gives its spelling; every other YAML scalar is a string. */
typedef enum {
   LNODE_NULL, /* YAML empty, ~, null; JSON null */
   LNODE_STRING,
   LNODE_NUMBER, /* YAML 12, 1.5e3, 0x1F, .inf, .nan; any JSON number */
   LNODE_BOOL,   /* YAML true/True/TRUE/false...; JSON true, false */
   LNODE_MAP,
   LNODE_SEQ,
} LNodeKind;

typedef struct LNode LNode;

/* A mapping entry (key set) or a sequence item (key NULL). */
typedef struct LEntry {
   char *key;
   unsigned line, col; /* of the key; 0 in sequences */
   LNode *value;
} LEntry;

struct LNode {
   LNodeKind kind;
   unsigned line, col; /* 1-based, where the value starts; 0 only if the JSON
                          walk lost its way (lens_json.c) */
   char *text;         /* strings, and YAML's other scalars as spelt (for a
                          hint to quote them); NULL for JSON's.  NUL-terminated,
                          may hold NULs before len */
   size_t len;
   LEntry *items; /* mappings and sequences, in file order */
   size_t n, cap;
};

LNode *LNode_new(LNodeKind kind, unsigned line, unsigned col);
LNode *LNode_newText(LNodeKind kind, unsigned line, unsigned col, const char *text, size_t len);
/* Appends child (owned by parent from now on); key is copied, NULL in sequences. */
void LNode_add(LNode *parent, const char *key, unsigned line, unsigned col, LNode *child);
void LNode_free(LNode *n);
/* The first entry with this key, or NULL. */
const LEntry *LNode_find(const LNode *map, const char *key);
/* "a string", "a number", ... for messages (translated). */
const char *LNode_kindName(LNodeKind kind);

/* The syntax layers: NULL after reporting an error (syntax, duplicate key,
 * anchor, too deep ...).  file is only used in diagnostics. */
LNode *LensYaml_parse(const char *file, const char *buf, size_t len, DiagList *diags);
LNode *LensJson_parse(const char *file, const char *buf, size_t len, DiagList *diags);

/* Tree -> Lens, with every check.  NULL when an error was reported. */
Lens *LensBuild_run(const LNode *root, const char *file, LensFormat format, unsigned flags,
                    DiagList *diags);

/* Shared by the builder and the checks. */
typedef struct Build {
   const char *file;
   DiagList *diags;
   Lens *lens;
   size_t cap_questions; /* of lens->questions */
   bool stored;          /* text walens accepted before (LENS_LOAD_STORED) */
} Build;

void Build_diagAt(Build *b, DiagLevel level, const SrcPos *pos, const char *fmt, ...)
   __attribute__((format(printf, 4, 5)));
/* At the value that names the object of pos (key: "id", "condition"), or at
 * the object when it has none. */
void Build_diagId(Build *b, DiagLevel level, const SrcPos *pos, const char *key, const char *fmt,
                  ...) __attribute__((format(printf, 5, 6)));
/* "12:5", where the value naming pos is (else the object), or its path when
 * there is no position; caller frees. */
char *Build_where(const SrcPos *pos);

/* lens_check.c: cross-reference checks on the built model (duplicate ids,
 * conditions, derived rules, default rules). */
void LensCheck_run(Build *b);

#endif
