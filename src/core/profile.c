/* profile.c: profile files -> Profile, with every check of one field or
 * object, then the cross-checks against a lens and the priority marks.
 *
 * The YAML is read by the lens loader's syntax layer (LensYaml_parse in
 * lens_build.h): the same libyaml reading, the same limits (depth, anchors,
 * duplicate keys) and positions, so a profile's syntax errors read like a
 * lens file's.  The checks of a field are our own, smaller than the lens
 * builder's: a profile has fewer kinds of value. */
#include "config.h"

#include "core/profile.h"

#include <stdint.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/lens_build.h"
#include "core/lensdiff.h"
#include "core/sha256.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "i18n.h"

enum { MAX_TITLE = 256, MAX_TEXT = 4096, MAX_ID = 64 };

static const char *const TOP_KEYS[] = {"id",   "version",   "title", "description",
                                       "lens", "questions", NULL};
static const char *const LENS_KEYS[] = {"id", "minVersion", "maxVersion", NULL};
static const char *const QUESTION_KEYS[] = {"id", "title", "description", "choices", NULL};
static const char *const CHOICE_KEYS[] = {"id", "title", "priorities", NULL};

/* The reading of one file: where diagnostics go. */
typedef struct PB {
   const char *file;
   DiagList *diags;
} PB;

__attribute__((format(printf, 5, 6))) static void pdiag(PB *b, DiagLevel level, unsigned line,
                                                        unsigned col, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   DiagList_vadd(b->diags, level, b->file, line, col, NULL, fmt, ap);
   va_end(ap);
}

static bool validUtf8(const char *s, size_t n)
{
   for (size_t i = 0; i < n;) {
      uint32_t cp;
      bool ok;
      i += Utf8_decode(s + i, n - i, &cp, &ok);
      if (!ok)
         return false;
   }
   return true;
}

static bool listed(const char *const *keys, const char *key)
{
   for (; *keys; keys++)
      if (strcmp(*keys, key) == 0)
         return true;
   return false;
}

static void checkKeys(PB *b, const LNode *map, const char *const *keys, const char *what)
{
   for (size_t i = 0; i < map->n; i++)
      if (!listed(keys, map->items[i].key))
         pdiag(b, DIAG_WARNING, map->items[i].line, map->items[i].col,
               _("unknown key '%s' in %s is ignored"), map->items[i].key, what);
}

/* The node under key when it has kind want; NULL when absent or null (an
 * error when required) or of another kind (always an error, *bad set). */
static const LNode *field(PB *b, const LNode *map, const char *key, LNodeKind want, bool required,
                          const char *what, bool *bad)
{
   const LEntry *e = LNode_find(map, key);
   const LNode *v = e ? e->value : NULL;
   if (!v || (v->kind == LNODE_NULL && want != LNODE_NULL)) {
      if (required) {
         if (e)
            pdiag(b, DIAG_ERROR, v->line, v->col, _("'%s' has no value"), key);
         else
            pdiag(b, DIAG_ERROR, map->line, map->col, _("missing required key '%s' in %s"), key,
                  what);
         *bad = true;
      }
      return NULL;
   }
   if (v->kind != want) {
      if (want == LNODE_STRING && v->text)
         pdiag(b, DIAG_ERROR, v->line, v->col, _("'%s': expected text, found %s; quote it: \"%s\""),
               key, LNode_kindName(v->kind), v->text);
      else
         pdiag(b, DIAG_ERROR, v->line, v->col, _("'%s' must be %s, not %s"), key,
               LNode_kindName(want), LNode_kindName(v->kind));
      *bad = true;
      return NULL;
   }
   return v;
}

/* Text under key, checked: no NUL, not empty, valid UTF-8, at most max
 * characters.  NULL when absent or refused. */
static char *text(PB *b, const LNode *map, const char *key, bool required, size_t max,
                  const char *what, bool *bad)
{
   const LNode *v = field(b, map, key, LNODE_STRING, required, what, bad);
   if (!v)
      return NULL;
   if (strlen(v->text) != v->len) {
      pdiag(b, DIAG_ERROR, v->line, v->col, _("'%s' contains a NUL character"), key);
   } else if (!validUtf8(v->text, v->len)) {
      pdiag(b, DIAG_ERROR, v->line, v->col, _("'%s' is not valid UTF-8"), key);
   } else if (v->len == 0 && required) {
      pdiag(b, DIAG_ERROR, v->line, v->col, _("'%s' is empty"), key);
   } else if (Utf8_chars(v->text) > max) {
      pdiag(b, DIAG_ERROR, v->line, v->col, _("'%s' is longer than %zu characters"), key, max);
   } else {
      return xstrdup(v->text);
   }
   *bad = true;
   return NULL;
}

bool Profile_isId(const char *s)
{
   size_t n = s ? strlen(s) : 0;
   if (n < 1 || n > MAX_ID)
      return false;
   for (; *s; s++)
      if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-", *s))
         return false;
   return true;
}

/* An id under "id": required, [A-Za-z0-9_.-]{1,64}.  pos gets its place. */
static char *ident(PB *b, const LNode *map, const char *what, SrcPos *pos, bool *bad)
{
   char *id = text(b, map, "id", true, MAX_ID, what, bad);
   const LEntry *e = LNode_find(map, "id");
   if (e) {
      pos->id_line = e->value->line;
      pos->id_col = e->value->col;
   }
   if (id && !Profile_isId(id)) {
      pdiag(b, DIAG_ERROR, pos->id_line, pos->id_col,
            _("id '%s' does not match [A-Za-z0-9_.-]{1,64}"), id);
      free(id);
      *bad = true;
      return NULL;
   }
   return id;
}

/* A list under key: required, not empty, at most max items. */
static const LNode *list(PB *b, const LNode *map, const char *key, size_t max, const char *what,
                         bool *bad)
{
   const LNode *seq = field(b, map, key, LNODE_SEQ, true, what, bad);
   if (!seq)
      return NULL;
   if (seq->n == 0 || seq->n > max) {
      if (seq->n == 0)
         pdiag(b, DIAG_ERROR, seq->line, seq->col, _("'%s' is an empty list"), key);
      else
         pdiag(b, DIAG_ERROR, seq->line, seq->col, _("'%s' has %zu items; at most %zu are allowed"),
               key, seq->n, max);
      *bad = true;
      return NULL;
   }
   return seq;
}

static bool isMap(PB *b, const LNode *n, const char *what)
{
   if (n->kind == LNODE_MAP)
      return true;
   pdiag(b, DIAG_ERROR, n->line, n->col, _("%s must be a mapping, not %s"), what,
         LNode_kindName(n->kind));
   return false;
}

static void setPos(SrcPos *pos, const LNode *n)
{
   pos->line = n->line;
   pos->col = n->col;
}

/* ---- building ---- */

static void readPriorities(PB *b, const LNode *map, ProfileChoice *c, bool *bad)
{
   const LNode *seq = field(b, map, "priorities", LNODE_SEQ, false, _("a choice"), bad);
   if (!seq)
      return;
   if (seq->n > PROFILE_MAX_PRIORITIES) {
      pdiag(b, DIAG_ERROR, seq->line, seq->col, _("'%s' has %zu items; at most %zu are allowed"),
            "priorities", seq->n, (size_t)PROFILE_MAX_PRIORITIES);
      *bad = true;
      return;
   }
   c->priorities = xcalloc(seq->n ? seq->n : 1, sizeof *c->priorities);
   c->prio_pos = xcalloc(seq->n ? seq->n : 1, sizeof *c->prio_pos);
   for (size_t i = 0; i < seq->n; i++) {
      const LNode *v = seq->items[i].value;
      if (v->kind != LNODE_STRING || strlen(v->text) != v->len || v->len == 0 ||
          !Utf8_isSafe(v->text, v->len, 0)) {
         pdiag(b, DIAG_ERROR, v->line, v->col, "%s",
               _("a priority must be the id of a lens question, as text"));
         *bad = true;
         continue;
      }
      for (size_t k = 0; k < c->n_priorities; k++)
         if (strcmp(c->priorities[k], v->text) == 0)
            pdiag(b, DIAG_WARNING, v->line, v->col, _("question '%s' is listed twice"), v->text);
      c->prio_pos[c->n_priorities].line = c->prio_pos[c->n_priorities].id_line = v->line;
      c->prio_pos[c->n_priorities].col = c->prio_pos[c->n_priorities].id_col = v->col;
      c->priorities[c->n_priorities++] = xstrdup(v->text);
   }
}

static void readChoice(PB *b, const LNode *n, ProfileChoice *c, bool *bad)
{
   setPos(&c->pos, n);
   if (!isMap(b, n, _("a choice"))) {
      *bad = true;
      return;
   }
   checkKeys(b, n, CHOICE_KEYS, _("a choice"));
   c->id = ident(b, n, _("a choice"), &c->pos, bad);
   c->title = text(b, n, "title", true, MAX_TITLE, _("a choice"), bad);
   readPriorities(b, n, c, bad);
}

static void readQuestion(PB *b, const LNode *n, ProfileQuestion *q, bool *bad)
{
   setPos(&q->pos, n);
   if (!isMap(b, n, _("a context question"))) {
      *bad = true;
      return;
   }
   checkKeys(b, n, QUESTION_KEYS, _("a context question"));
   q->id = ident(b, n, _("a context question"), &q->pos, bad);
   q->title = text(b, n, "title", true, MAX_TITLE, _("a context question"), bad);
   q->description = text(b, n, "description", false, MAX_TEXT, _("a context question"), bad);
   const LNode *seq = list(b, n, "choices", PROFILE_MAX_CHOICES, _("a context question"), bad);
   if (!seq)
      return;
   q->choices = xcalloc(seq->n, sizeof *q->choices);
   for (size_t i = 0; i < seq->n; i++) {
      ProfileChoice *c = &q->choices[q->n_choices++];
      readChoice(b, seq->items[i].value, c, bad);
      for (size_t k = 0; c->id && k + 1 < q->n_choices; k++)
         if (q->choices[k].id && strcmp(q->choices[k].id, c->id) == 0) {
            pdiag(b, DIAG_ERROR, c->pos.id_line, c->pos.id_col,
                  _("duplicate choice id '%s' (first at %u:%u)"), c->id, q->choices[k].pos.id_line,
                  q->choices[k].pos.id_col);
            *bad = true;
         }
   }
}

static void readLens(PB *b, const LNode *top, Profile *p, bool *bad)
{
   const LNode *n = field(b, top, "lens", LNODE_MAP, true, _("the profile"), bad);
   if (!n)
      return;
   setPos(&p->lens_pos, n);
   checkKeys(b, n, LENS_KEYS, _("the lens a profile is for"));
   const LEntry *e = LNode_find(n, "id");
   if (e) {
      p->lens_pos.id_line = e->value->line;
      p->lens_pos.id_col = e->value->col;
   }
   p->lens_key = text(b, n, "id", true, 128, _("the lens a profile is for"), bad);
   p->lens_min = text(b, n, "minVersion", false, MAX_ID, _("the lens a profile is for"), bad);
   p->lens_max = text(b, n, "maxVersion", false, MAX_ID, _("the lens a profile is for"), bad);
}

static void readQuestions(PB *b, const LNode *top, Profile *p, bool *bad)
{
   const LNode *seq = list(b, top, "questions", PROFILE_MAX_QUESTIONS, _("the profile"), bad);
   if (!seq)
      return;
   p->questions = xcalloc(seq->n, sizeof *p->questions);
   for (size_t i = 0; i < seq->n; i++) {
      ProfileQuestion *q = &p->questions[p->n_questions++];
      readQuestion(b, seq->items[i].value, q, bad);
      for (size_t k = 0; q->id && k + 1 < p->n_questions; k++)
         if (p->questions[k].id && strcmp(p->questions[k].id, q->id) == 0) {
            pdiag(b, DIAG_ERROR, q->pos.id_line, q->pos.id_col,
                  _("duplicate context question id '%s' (first at %u:%u)"), q->id,
                  p->questions[k].pos.id_line, p->questions[k].pos.id_col);
            *bad = true;
         }
   }
}

static Profile *build(PB *b, const LNode *root)
{
   if (!isMap(b, root, _("a profile")))
      return NULL;
   bool bad = false;
   Profile *p = xcalloc(1, sizeof *p);
   checkKeys(b, root, TOP_KEYS, _("the profile"));
   p->key = ident(b, root, _("the profile"), &(SrcPos){0}, &bad);
   p->version = text(b, root, "version", false, MAX_ID, _("the profile"), &bad);
   p->title = text(b, root, "title", true, MAX_TITLE, _("the profile"), &bad);
   p->description = text(b, root, "description", false, MAX_TEXT, _("the profile"), &bad);
   readLens(b, root, p, &bad);
   readQuestions(b, root, p, &bad);
   if (bad) {
      Profile_free(p);
      return NULL;
   }
   return p;
}

Profile *Profile_loadBuffer(const char *name, const char *buf, size_t len, DiagList *diags)
{
   PB b = {name, diags};
   if (len > PROFILE_MAX_FILE_SIZE) {
      pdiag(&b, DIAG_ERROR, 0, 0,
            _("the file is larger than 1 MiB (%u bytes), the limit for a profile"),
            PROFILE_MAX_FILE_SIZE);
      return NULL;
   }
   size_t errors = diags->errors;
   LNode *root = LensYaml_parse(name, buf ? buf : "", buf ? len : 0, diags);
   if (!root) {
      if (diags->errors == errors)
         pdiag(&b, DIAG_ERROR, 0, 0, "%s", _("no profile found"));
      return NULL;
   }
   Profile *p = build(&b, root);
   LNode_free(root);
   if (p)
      Sha256_hex(buf ? buf : "", buf ? len : 0, p->sha256);
   return p;
}

Profile *Profile_loadFile(const char *path, DiagList *diags)
{
   char *err = NULL;
   size_t len = 0;
   char *buf = File_readLens(path, PROFILE_MAX_FILE_SIZE, &len, &err);
   if (!buf) {
      DiagList_add(diags, DIAG_ERROR, path, 0, 0, NULL, _("cannot read the file: %s"), err);
      free(err);
      return NULL;
   }
   Profile *p = Profile_loadBuffer(path, buf, len, diags);
   free(buf);
   return p;
}

static void freePos(SrcPos *pos)
{
   free(pos->path);
}

static void choiceFree(ProfileChoice *c)
{
   free(c->id);
   free(c->title);
   for (size_t i = 0; i < c->n_priorities; i++) {
      free(c->priorities[i]);
      freePos(&c->prio_pos[i]);
   }
   free(c->priorities);
   free(c->prio_pos);
   freePos(&c->pos);
}

void Profile_free(Profile *p)
{
   if (!p)
      return;
   for (size_t i = 0; i < p->n_questions; i++) {
      ProfileQuestion *q = &p->questions[i];
      free(q->id);
      free(q->title);
      free(q->description);
      for (size_t k = 0; k < q->n_choices; k++)
         choiceFree(&q->choices[k]);
      free(q->choices);
      freePos(&q->pos);
   }
   free(p->questions);
   freePos(&p->lens_pos);
   free(p->key);
   free(p->version);
   free(p->title);
   free(p->description);
   free(p->lens_key);
   free(p->lens_min);
   free(p->lens_max);
   free(p);
}

/* ---- against a lens ---- */

static void checkVersion(const Profile *p, const Lens *lens, const char *name, DiagList *diags)
{
   const char *v = lens->version;
   bool low = v && p->lens_min && Version_compare(v, p->lens_min) < 0;
   bool high = v && p->lens_max && Version_compare(v, p->lens_max) > 0;
   if (low || high)
      DiagList_add(diags, DIAG_WARNING, name, p->lens_pos.line, p->lens_pos.col, NULL,
                   _("the profile is for versions %s to %s of lens '%s', not %s"),
                   p->lens_min ? p->lens_min : "*", p->lens_max ? p->lens_max : "*", p->lens_key,
                   v);
}

bool Profile_check(const Profile *p, const Lens *lens, const char *name, DiagList *diags)
{
   size_t errors = diags->errors;
   if (strcmp(p->lens_key, lens->key) != 0) {
      DiagList_add(diags, DIAG_ERROR, name, p->lens_pos.id_line, p->lens_pos.id_col, NULL,
                   _("the profile is for lens '%s', not '%s'"), p->lens_key, lens->key);
      return false;
   }
   checkVersion(p, lens, name, diags);
   for (size_t i = 0; i < p->n_questions; i++)
      for (size_t k = 0; k < p->questions[i].n_choices; k++) {
         const ProfileChoice *c = &p->questions[i].choices[k];
         for (size_t j = 0; j < c->n_priorities; j++)
            if (!Lens_findQuestion(lens, c->priorities[j], NULL))
               DiagList_add(diags, DIAG_ERROR, name, c->prio_pos[j].line, c->prio_pos[j].col, NULL,
                            _("lens '%s' version %s has no question '%s'"), lens->key,
                            lens->version ? lens->version : "?", c->priorities[j]);
      }
   return diags->errors == errors;
}

/* ---- lookups and marks ---- */

const ProfileQuestion *Profile_findQuestion(const Profile *p, const char *id, size_t *index)
{
   for (size_t i = 0; id && i < p->n_questions; i++)
      if (strcmp(p->questions[i].id, id) == 0) {
         if (index)
            *index = i;
         return &p->questions[i];
      }
   return NULL;
}

int ProfileQuestion_findChoice(const ProfileQuestion *q, const char *id)
{
   for (size_t i = 0; id && i < q->n_choices; i++)
      if (strcmp(q->choices[i].id, id) == 0)
         return (int)i;
   return -1;
}

size_t Profile_mark(const Profile *p, const Lens *lens, const ContextAnswer *answers, size_t n,
                    bool *marks)
{
   memset(marks, 0, lens->n_questions * sizeof *marks);
   size_t count = 0;
   for (size_t i = 0; i < n; i++) {
      const ProfileQuestion *q = Profile_findQuestion(p, answers[i].question, NULL);
      int c = q ? ProfileQuestion_findChoice(q, answers[i].choice) : -1;
      if (c < 0)
         continue;
      const ProfileChoice *ch = &q->choices[c];
      for (size_t j = 0; j < ch->n_priorities; j++) {
         size_t at;
         if (Lens_findQuestion(lens, ch->priorities[j], &at) && !marks[at]) {
            marks[at] = true;
            count++;
         }
      }
   }
   return count;
}

void ContextAnswer_freeArray(ContextAnswer *a, size_t n)
{
   for (size_t i = 0; i < n; i++) {
      free(a[i].question);
      free(a[i].choice);
   }
   free(a);
}
