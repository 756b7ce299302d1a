/* lens_build.c: the document tree of either syntax -> Lens, with the checks
 * that concern one field or one object (types, required keys, unknown keys,
 * AWS limits, links).  Cross-references are checked in lens_check.c. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/lens_build.h"
#include "core/suggest.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "i18n.h"

/* A diagnostic at line:col; the path goes with it for JSON only, whose
 * nesting is harder to see than YAML's indentation. */
static void buildDiag(Build *b, DiagLevel level, unsigned line, unsigned col, const char *path,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* AWS limits (reference §6); exceeding them is a warning. */
enum {
   MAX_NAME = 128,
   MAX_TEXT = 2048,
   MAX_PILLARS = 10,
   MAX_QUESTIONS = 20,
   MAX_CHOICES = 15,
   MAX_RULES = 3,
   MAX_CONTENT = 5,
};

/* The mapping being read: its node, its path ("" for the root, owned by the
 * caller) and what it is, for messages ("a question"). */
typedef struct Obj {
   const LNode *node;
   const char *path;
   const char *what;
} Obj;

static const char *const LENS_KEYS[] = {
   "id", "version", "_version", "schemaVersion", "name", "description", "phases", "pillars", NULL};
static const char *const PHASE_KEYS[] = {"id", "name", "description", NULL};
static const char *const PILLAR_KEYS[] = {"id", "name", "description", "questions", NULL};
static const char *const QUESTION_KEYS[] = {"id",    "title",   "description", "helpfulResource",
                                            "phase", "choices", "riskRules",   NULL};
static const char *const CHOICE_KEYS[] = {"id",
                                          "title",
                                          "description",
                                          "risk",
                                          "helpfulResource",
                                          "improvementPlan",
                                          "additionalResources",
                                          "changeNote",
                                          NULL};
static const char *const RULE_KEYS[] = {"condition", "risk", NULL};
static const char *const LINK_KEYS[] = {"displayText", "url", NULL};
static const char *const MORE_KEYS[] = {"type", "content", NULL};

/* ---- diagnostics ---- */

static const char *json_path(const Build *b, const char *path)
{
   return b->lens->format == LENS_JSON ? path : NULL;
}

static void buildDiag(Build *b, DiagLevel level, unsigned line, unsigned col, const char *path,
                      const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   DiagList_vadd(b->diags, level, b->file, line, col, json_path(b, path), fmt, ap);
   va_end(ap);
}

void Build_diagAt(Build *b, DiagLevel level, const SrcPos *pos, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   DiagList_vadd(b->diags, level, b->file, pos->line, pos->col, json_path(b, pos->path), fmt, ap);
   va_end(ap);
}

void Build_diagId(Build *b, DiagLevel level, const SrcPos *pos, const char *key, const char *fmt,
                  ...)
{
   va_list ap;
   va_start(ap, fmt);
   if (pos->id_line) {
      char *path = pos->path && *pos->path ? xasprintf("%s.%s", pos->path, key) : xstrdup(key);
      DiagList_vadd(b->diags, level, b->file, pos->id_line, pos->id_col, json_path(b, path), fmt,
                    ap);
      free(path);
   } else {
      DiagList_vadd(b->diags, level, b->file, pos->line, pos->col, json_path(b, pos->path), fmt,
                    ap);
   }
   va_end(ap);
}

char *Build_where(const SrcPos *pos)
{
   if (pos->id_line)
      return xasprintf("%u:%u", pos->id_line, pos->id_col);
   if (pos->line)
      return xasprintf("%u:%u", pos->line, pos->col);
   return xstrdup(pos->path && *pos->path ? pos->path : "?");
}

static const char *nz(const char *s)
{
   return s ? s : "?";
}

static char *key_path(const char *path, const char *key)
{
   return *path ? xasprintf("%s.%s", path, key) : xstrdup(key);
}

static void set_pos(SrcPos *pos, const Obj *o)
{
   pos->line = o->node->line;
   pos->col = o->node->col;
   pos->path = xstrdup(o->path);
}

/* Remembers where the value naming the object is (at: its node, or NULL). */
static void set_id_pos(SrcPos *pos, const LNode *at)
{
   if (at) {
      pos->id_line = at->line;
      pos->id_col = at->col;
   }
}

static size_t utf8_chars(const char *s)
{
   size_t n = 0;
   for (; *s; s++)
      n += ((unsigned char)*s & 0xC0) != 0x80;
   return n;
}

/* ---- fields ---- */

static bool listed(const char *const *keys, const char *key)
{
   for (; *keys; keys++)
      if (strcmp(*keys, key) == 0)
         return true;
   return false;
}

static void check_keys(Build *b, const Obj *o, const char *const *keys)
{
   for (size_t i = 0; i < o->node->n; i++) {
      const LEntry *e = &o->node->items[i];
      if (listed(keys, e->key))
         continue;
      char *path = key_path(o->path, e->key);
      size_t nkeys = 0;
      while (keys[nkeys])
         nkeys++;
      const char *guess = Suggest_best(e->key, keys, nkeys);
      if (guess)
         buildDiag(b, DIAG_WARNING, e->line, e->col, path,
                   _("unknown key '%s' in %s is ignored; did you mean '%s'?"), e->key, o->what,
                   guess);
      else
         buildDiag(b, DIAG_WARNING, e->line, e->col, path, _("unknown key '%s' in %s is ignored"),
                   e->key, o->what);
      free(path);
   }
}

static void missing(Build *b, const Obj *o, const char *key, const LEntry *e)
{
   char *path = key_path(o->path, key);
   if (e)
      buildDiag(b, DIAG_ERROR, e->value->line, e->value->col, path, _("'%s' has no value"), key);
   else
      buildDiag(b, DIAG_ERROR, o->node->line, o->node->col, o->path,
                _("missing required key '%s' in %s"), key, o->what);
   free(path);
}

/* A YAML plain scalar that is no string where text belongs: "title: 42",
 * "title: .nan", "title: true", and "title: null" for a required text (an
 * optional one is merely absent, as a JSON null is).  True after an error
 * with the hint to quote it. */
static bool typed_plain(Build *b, const Obj *o, const char *key, const LNode *v, bool required)
{
   if (!v->text || v->kind == LNODE_STRING || (v->kind == LNODE_NULL && (!required || !v->len)))
      return false;
   if (b->stored) /* read as text, as when it was accepted: see field() */
      return false;
   char *path = key_path(o->path, key);
   buildDiag(b, DIAG_ERROR, v->line, v->col, path,
             _("'%s': expected text, found %s; quote it: \"%s\""), key, LNode_kindName(v->kind),
             v->text);
   free(path);
   return true;
}

/* The value under key when it has the wanted kind.  NULL when absent or null
 * (an error if required) or of another kind (always an error). */
static const LNode *field(Build *b, const Obj *o, const char *key, LNodeKind want, bool required)
{
   const LEntry *e = LNode_find(o->node, key);
   if (e && want == LNODE_STRING && typed_plain(b, o, key, e->value, required))
      return NULL;
   /* A lens stored by an older walens, which read every YAML scalar as
    * text: refusing it now would lock its reviews out. */
   if (e && b->stored && want == LNODE_STRING && e->value->text && e->value->len)
      return e->value;
   if (!e || e->value->kind == LNODE_NULL) {
      if (required)
         missing(b, o, key, e);
      return NULL;
   }
   if (e->value->kind != want) {
      char *path = key_path(o->path, key);
      buildDiag(b, DIAG_ERROR, e->value->line, e->value->col, path, _("'%s' must be %s, not %s"),
                key, LNode_kindName(want), LNode_kindName(e->value->kind));
      free(path);
      return NULL;
   }
   return e->value;
}

/* A copy of the string under key, or NULL; *at is its node when wanted.
 * Warns past max characters (0: no limit). */
static char *text_at(Build *b, const Obj *o, const char *key, bool required, size_t max,
                     const LNode **at)
{
   const LNode *n = field(b, o, key, LNODE_STRING, required);
   if (at)
      *at = n;
   if (!n)
      return NULL;
   char *path = key_path(o->path, key), *s = NULL;
   size_t chars;
   if (strlen(n->text) != n->len)
      buildDiag(b, DIAG_ERROR, n->line, n->col, path, _("'%s' contains a NUL character"), key);
   else if (required && !n->len)
      buildDiag(b, DIAG_ERROR, n->line, n->col, path, _("'%s' is empty"), key);
   else
      s = xstrdup(n->text);
   if (s && max && (chars = utf8_chars(s)) > max)
      buildDiag(b, DIAG_WARNING, n->line, n->col, path,
                _("'%s' is %zu characters long; AWS allows at most %zu"), key, chars, max);
   free(path);
   return s;
}

static char *text(Build *b, const Obj *o, const char *key, bool required, size_t max)
{
   return text_at(b, o, key, required, max, NULL);
}

/* An id someone must be able to type as one word and read on one line:
 * no control character (ESC among them), no line break of any kind, no
 * '/' (ids are paths in a lens export and in the TUI's ':' commands). */
static bool typeable_id(const char *id)
{
   uint32_t cp;
   for (size_t k; (k = Utf8_next(id, &cp)) > 0; id += k)
      if (Utf8_isUnsafe(cp) || Utf8_isLineBreak(cp) || cp == '/')
         return false;
   return true;
}

/* The id of the object, its position kept in pos. */
static char *ident(Build *b, const Obj *o, SrcPos *pos)
{
   const LNode *at;
   char *id = text_at(b, o, "id", true, 0, &at);
   set_id_pos(pos, at);
   if (id && !typeable_id(id)) {
      char *path = key_path(o->path, "id");
      buildDiag(b, DIAG_ERROR, at->line, at->col, path,
                _("id '%s' holds a control character, a line break or '/'; it could not be "
                  "answered from the command line"),
                id);
      free(path);
   } else if (id && !Lens_isAwsId(id)) {
      char *path = key_path(o->path, "id");
      buildDiag(b, DIAG_WARNING, at->line, at->col, path,
                _("id '%s' does not match [A-Za-z0-9_]{3,128} as AWS requires"), id);
      free(path);
   }
   return id;
}

/* The list under key, with its path in *path (caller frees) when found. */
static const LNode *list(Build *b, const Obj *o, const char *key, bool required, char **path)
{
   const LNode *n = field(b, o, key, LNODE_SEQ, required);
   if (!n)
      return NULL;
   *path = key_path(o->path, key);
   if (required && !n->n) {
      buildDiag(b, DIAG_ERROR, n->line, n->col, *path, _("'%s' is an empty list"), key);
      free(*path);
      return NULL;
   }
   return n;
}

/* Item i of a list as an object; false (an error) when it is no mapping.
 * out->path is allocated. */
static bool item(Build *b, const LNode *seq, const char *path, size_t i, const char *what, Obj *out)
{
   const LNode *n = seq->items[i].value;
   char *p = xasprintf("%s[%zu]", path, i);
   if (n->kind != LNODE_MAP) {
      buildDiag(b, DIAG_ERROR, n->line, n->col, p, _("%s must be a mapping, not %s"), what,
                LNode_kindName(n->kind));
      free(p);
      return false;
   }
   *out = (Obj){n, p, what};
   return true;
}

static void too_many(Build *b, const LNode *at, const char *path, const char *key, size_t n,
                     size_t max)
{
   if (n > max)
      buildDiag(b, DIAG_WARNING, at->line, at->col, path,
                _("'%s' has %zu items; AWS allows at most %zu"), key, n, max);
}

/* ---- links ---- */

static void check_url(Build *b, const LNode *at, const char *path, char **url)
{
   if (!**url) {
      buildDiag(b, DIAG_WARNING, at->line, at->col, path, "%s", _("'url' is empty"));
      free(*url);
      *url = NULL;
   } else if (strncasecmp(*url, "http://", 7) != 0 && strncasecmp(*url, "https://", 8) != 0) {
      buildDiag(b, DIAG_WARNING, at->line, at->col, path,
                _("url '%s' does not start with http:// or https://"), *url);
   }
}

static void read_link(Build *b, const Obj *o, bool need_text, Link *out)
{
   const LNode *at;
   check_keys(b, o, LINK_KEYS);
   out->text = text(b, o, "displayText", false, MAX_TEXT);
   out->url = text_at(b, o, "url", false, 0, &at);
   if (out->url) {
      char *path = key_path(o->path, "url");
      check_url(b, at, path, &out->url);
      free(path);
   }
   if (!out->text && (need_text || out->url))
      buildDiag(b, DIAG_WARNING, o->node->line, o->node->col, o->path, _("%s has no 'displayText'"),
                o->what);
}

/* Reads the link under key; false when there is none. */
static bool build_link(Build *b, const Obj *o, const char *key, bool need_text, Link *out)
{
   const LNode *m = field(b, o, key, LNODE_MAP, false);
   if (!m)
      return false;
   char *path = key_path(o->path, key);
   read_link(b, &(Obj){m, path, key}, need_text, out);
   free(path);
   return true;
}

static void build_contents(Build *b, const Obj *r, Link **links, size_t *count)
{
   char *path;
   const LNode *seq = list(b, r, "content", true, &path);
   if (!seq)
      return;
   too_many(b, seq, path, "content", seq->n, MAX_CONTENT);
   *links = xrealloc(*links, (*count + seq->n) * sizeof **links);
   memset(*links + *count, 0, seq->n * sizeof **links);
   for (size_t i = 0; i < seq->n; i++) {
      Obj c;
      if (!item(b, seq, path, i, "content", &c))
         continue;
      read_link(b, &c, false, &(*links)[(*count)++]);
      free((char *)c.path);
   }
   free(path);
}

static void build_resource(Build *b, const Obj *r, Choice *c)
{
   const LNode *at;
   check_keys(b, r, MORE_KEYS);
   char *type = text_at(b, r, "type", true, 0, &at);
   if (!type)
      return;
   if (strcmp(type, "HELPFUL_RESOURCE") == 0) {
      build_contents(b, r, &c->more_helpful, &c->n_more_helpful);
   } else if (strcmp(type, "IMPROVEMENT_PLAN") == 0) {
      build_contents(b, r, &c->more_improvement, &c->n_more_improvement);
   } else {
      char *path = key_path(r->path, "type");
      buildDiag(b, DIAG_ERROR, at->line, at->col, path,
                _("invalid type '%s'; expected HELPFUL_RESOURCE or IMPROVEMENT_PLAN"), type);
      free(path);
   }
   free(type);
}

static void build_more(Build *b, const Obj *o, Choice *c)
{
   char *path;
   const LNode *seq = list(b, o, "additionalResources", false, &path);
   if (!seq)
      return;
   for (size_t i = 0; i < seq->n; i++) {
      Obj r;
      if (!item(b, seq, path, i, _("an additional resource"), &r))
         continue;
      build_resource(b, &r, c);
      free((char *)r.path);
   }
   free(path);
}

/* ---- choices and rules ---- */

static Weight choice_weight(Build *b, const Obj *o)
{
   const LNode *at;
   char *w = text_at(b, o, "risk", false, 0, &at);
   Weight weight = WEIGHT_NONE;
   if (!w)
      return weight;
   if (strcmp(w, "high") == 0) {
      weight = WEIGHT_HIGH;
   } else if (strcmp(w, "medium") == 0) {
      weight = WEIGHT_MEDIUM;
   } else {
      char *path = key_path(o->path, "risk");
      buildDiag(b, DIAG_ERROR, at->line, at->col, path,
                _("invalid risk '%s' for a choice; expected high or medium"), w);
      free(path);
   }
   free(w);
   return weight;
}

static bool ends_with(const char *s, const char *suffix)
{
   size_t n = strlen(s), m = strlen(suffix);
   return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A change note is shown as one line of the upgrade preview: a line break
 * or a long note is a warning, and only the first line is kept. */
static char *change_note(Build *b, const Obj *o)
{
   const LNode *at;
   char *note = text_at(b, o, "changeNote", false, 0, &at);
   if (!note)
      return NULL;
   char *nl = strpbrk(note, "\r\n");
   if (nl) {
      char *path = key_path(o->path, "changeNote");
      buildDiag(b, DIAG_WARNING, at->line, at->col, path,
                _("changeNote should be one line; only its first line is kept"));
      free(path);
      *nl = '\0';
   }
   if (!*note) {
      free(note);
      return NULL;
   }
   return note;
}

static void build_choice(Build *b, const Obj *o, Choice *c)
{
   set_pos(&c->pos, o);
   check_keys(b, o, CHOICE_KEYS);
   c->id = ident(b, o, &c->pos);
   c->title = text(b, o, "title", true, MAX_NAME);
   c->description = text(b, o, "description", false, MAX_TEXT);
   c->weight = choice_weight(b, o);
   c->change_note = change_note(b, o);
   c->is_none = c->id && ends_with(c->id, "_no");
   build_link(b, o, "helpfulResource", false, &c->helpful);
   bool plan = build_link(b, o, "improvementPlan", true, &c->improvement);
   build_more(b, o, c);
   if (!plan && c->id && !c->is_none)
      buildDiag(b, DIAG_WARNING, o->node->line, o->node->col, o->path,
                _("choice '%s' has no improvementPlan"), c->id);
}

static void build_choices(Build *b, const Obj *o, Question *q)
{
   char *path;
   const LNode *seq = list(b, o, "choices", true, &path);
   if (!seq)
      return;
   too_many(b, seq, path, "choices", seq->n, MAX_CHOICES);
   q->choices = xcalloc(seq->n, sizeof *q->choices);
   for (size_t i = 0; i < seq->n; i++) {
      Obj c;
      if (!item(b, seq, path, i, _("a choice"), &c))
         continue;
      build_choice(b, &c, &q->choices[q->n_choices++]);
      free((char *)c.path);
   }
   free(path);
}

static Risk rule_risk(Build *b, const Obj *o)
{
   static const struct {
      const char *name;
      Risk risk;
   } names[] = {{"HIGH_RISK", RISK_HIGH}, {"MEDIUM_RISK", RISK_MEDIUM}, {"NO_RISK", RISK_NONE}};
   const LNode *at;
   char *s = text_at(b, o, "risk", true, 0, &at);
   if (!s)
      return RISK_HIGH;
   for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
      if (strcmp(s, names[i].name) == 0) {
         free(s);
         return names[i].risk;
      }
   }
   char *path = key_path(o->path, "risk");
   buildDiag(b, DIAG_ERROR, at->line, at->col, path,
             _("invalid risk '%s'; expected HIGH_RISK, MEDIUM_RISK or NO_RISK"), s);
   free(path);
   free(s);
   return RISK_HIGH;
}

static void build_rules(Build *b, const Obj *o, Question *q)
{
   char *path;
   const LNode *seq = list(b, o, "riskRules", false, &path);
   if (!seq)
      return;
   if (!seq->n)
      buildDiag(b, DIAG_WARNING, seq->line, seq->col, path, "%s",
                _("'riskRules' is empty; the rules are derived from the choices' weights"));
   too_many(b, seq, path, "riskRules", seq->n, MAX_RULES);
   if (seq->n)
      q->rules = xcalloc(seq->n, sizeof *q->rules);
   for (size_t i = 0; i < seq->n; i++) {
      Obj r;
      if (!item(b, seq, path, i, _("a risk rule"), &r))
         continue;
      RiskRule *rule = &q->rules[q->n_rules++];
      set_pos(&rule->pos, &r);
      check_keys(b, &r, RULE_KEYS);
      const LNode *at;
      rule->condition = text_at(b, &r, "condition", true, 0, &at);
      set_id_pos(&rule->pos, at);
      rule->risk = rule_risk(b, &r);
      free((char *)r.path);
   }
   free(path);
}

/* ---- questions, pillars, phases ---- */

static void question_phase(Build *b, const Obj *o, Question *q)
{
   const Lens *l = b->lens;
   const LNode *at;
   char *name = text_at(b, o, "phase", false, 0, &at);
   if (!name) {
      if (l->n_phases && !LNode_find(o->node, "phase"))
         buildDiag(b, DIAG_ERROR, o->node->line, o->node->col, o->path,
                   _("question '%s' has no 'phase'; the lens defines phases"), nz(q->id));
      return;
   }
   q->phase = Lens_findPhase(l, name);
   if (q->phase < 0) {
      char *path = key_path(o->path, "phase");
      buildDiag(b, DIAG_ERROR, at->line, at->col, path,
                _("question '%s' names phase '%s', which the lens does not define"), nz(q->id),
                name);
      free(path);
   }
   free(name);
}

static void build_question(Build *b, const Obj *o, size_t pillar)
{
   Lens *l = b->lens;
   l->questions = xgrow(l->questions, &b->cap_questions, l->n_questions + 1, sizeof *l->questions);
   Question *q = &l->questions[l->n_questions++];
   memset(q, 0, sizeof *q);
   q->pillar = pillar;
   q->phase = -1;
   set_pos(&q->pos, o);
   check_keys(b, o, QUESTION_KEYS);
   q->id = ident(b, o, &q->pos);
   q->title = text(b, o, "title", true, MAX_NAME);
   q->description = text(b, o, "description", false, MAX_TEXT);
   build_link(b, o, "helpfulResource", false, &q->helpful);
   question_phase(b, o, q);
   build_choices(b, o, q);
   build_rules(b, o, q);
}

static void build_pillar(Build *b, const Obj *o, Pillar *p)
{
   Lens *l = b->lens;
   set_pos(&p->pos, o);
   check_keys(b, o, PILLAR_KEYS);
   p->id = ident(b, o, &p->pos);
   p->name = text(b, o, "name", true, MAX_NAME);
   p->description = text(b, o, "description", false, MAX_TEXT);
   p->first = l->n_questions;
   char *path;
   const LNode *seq = list(b, o, "questions", true, &path);
   if (seq) {
      too_many(b, seq, path, "questions", seq->n, MAX_QUESTIONS);
      for (size_t i = 0; i < seq->n; i++) {
         Obj q;
         if (!item(b, seq, path, i, _("a question"), &q))
            continue;
         build_question(b, &q, (size_t)(p - l->pillars));
         free((char *)q.path);
      }
      free(path);
   }
   p->count = l->n_questions - p->first;
}

static void build_pillars(Build *b, const Obj *o)
{
   Lens *l = b->lens;
   char *path;
   const LNode *seq = list(b, o, "pillars", true, &path);
   if (!seq)
      return;
   too_many(b, seq, path, "pillars", seq->n, MAX_PILLARS);
   l->pillars = xcalloc(seq->n, sizeof *l->pillars);
   for (size_t i = 0; i < seq->n; i++) {
      Obj p;
      if (!item(b, seq, path, i, _("a pillar"), &p))
         continue;
      build_pillar(b, &p, &l->pillars[l->n_pillars++]);
      free((char *)p.path);
   }
   free(path);
}

static void build_phases(Build *b, const Obj *o)
{
   Lens *l = b->lens;
   char *path;
   const LNode *seq = list(b, o, "phases", false, &path);
   if (!seq)
      return;
   l->phases = xcalloc(seq->n, sizeof *l->phases);
   for (size_t i = 0; i < seq->n; i++) {
      Obj p;
      if (!item(b, seq, path, i, _("a phase"), &p))
         continue;
      Phase *ph = &l->phases[l->n_phases++];
      set_pos(&ph->pos, &p);
      check_keys(b, &p, PHASE_KEYS);
      ph->id = ident(b, &p, &ph->pos);
      ph->name = text(b, &p, "name", true, MAX_NAME);
      ph->description = text(b, &p, "description", false, MAX_TEXT);
      free((char *)p.path);
   }
   free(path);
}

/* ---- the lens ---- */

/* A key from the name: lower-case ASCII letters and digits, every other run
 * of bytes one '-'.  NULL when nothing is left. */
static char *slug(const char *name)
{
   char *s = xmalloc(strlen(name) + 1), *p = s;
   for (; *name; name++) {
      char c = *name;
      if (c >= 'A' && c <= 'Z')
         c = (char)(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
         *p++ = c;
      else if (p > s && p[-1] != '-')
         *p++ = '-';
   }
   while (p > s && p[-1] == '-')
      p--;
   *p = '\0';
   if (!*s) {
      free(s);
      return NULL;
   }
   return s;
}

/* ---- phases read back from AWS titles ---- */

/* "[Phase] Title": the length of the phase name (from s + 1) when title has
 * such a prefix with a non-empty name and a non-empty title after it, else 0. */
static size_t phase_prefix(const char *title)
{
   if (!title || title[0] != '[')
      return 0;
   const char *close = strchr(title + 1, ']');
   if (!close || close == title + 1 || close[1] != ' ' || !close[2])
      return 0;
   return (size_t)(close - title - 1);
}

/* A phase id from its name: the slug with '_' for '-', made unique among
 * the phases already read ("_2", "_3" ...). */
static char *phase_id(const Lens *l, const char *name)
{
   char *s = slug(name);
   if (!s)
      s = xstrdup("phase");
   for (char *p = s; *p; p++)
      if (*p == '-')
         *p = '_';
   char *id = xstrdup(s);
   for (int n = 2; Lens_findPhase(l, id) >= 0; n++) {
      free(id);
      id = xasprintf("%s_%d", s, n);
   }
   free(s);
   return id;
}

/* A title the exporter shortened ("…" at its end) was also written in full
 * at the start of the description: take it back from there. */
static void untruncate_title(Question *q)
{
   static const char ell[] = "\xE2\x80\xA6";
   size_t n = strlen(q->title), e = sizeof ell - 1;
   if (n <= e || strcmp(q->title + n - e, ell) != 0 || !q->description)
      return;
   size_t stem = n - e;
   while (stem > 0 && q->title[stem - 1] == ' ')
      stem--;
   if (strncmp(q->description, q->title, stem) != 0)
      return;
   const char *gap = strstr(q->description, "\n\n");
   char *full =
      gap ? xstrndup(q->description, (size_t)(gap - q->description)) : xstrdup(q->description);
   char *rest = gap && gap[2] ? xstrdup(gap + 2) : NULL;
   free(q->title);
   free(q->description);
   q->title = full;
   q->description = rest;
}

/* AWS has no phases; `lens export --format aws-json` writes each question's
 * phase as a "[Phase] " title prefix.  A JSON lens without phases of its own
 * whose every question has such a prefix gets them back as phases, in the
 * order the questions first name them, so that export and load give the
 * same matrix.  A lens where some title lacks the prefix loads as written. */
static void phases_from_titles(Build *b, const Obj *o)
{
   Lens *l = b->lens;
   if (l->format != LENS_JSON || l->n_phases || LNode_find(o->node, "phases") || !l->n_questions)
      return;
   for (size_t i = 0; i < l->n_questions; i++)
      if (!phase_prefix(l->questions[i].title))
         return;
   l->phases = xcalloc(l->n_questions, sizeof *l->phases);
   for (size_t i = 0; i < l->n_questions; i++) {
      Question *q = &l->questions[i];
      size_t len = phase_prefix(q->title);
      char *name = xstrndup(q->title + 1, len);
      int at = -1;
      for (size_t k = 0; k < l->n_phases && at < 0; k++)
         if (strcmp(l->phases[k].name, name) == 0)
            at = (int)k;
      if (at < 0) {
         Phase *ph = &l->phases[l->n_phases];
         ph->id = phase_id(l, name);
         ph->name = name;
         ph->pos = (SrcPos){
            .line = q->pos.line, .col = q->pos.col, .path = xasprintf("%s.title", q->pos.path)};
         at = (int)l->n_phases++;
      } else {
         free(name);
      }
      q->phase = at;
      char *title = xstrdup(q->title + len + 3);
      free(q->title);
      q->title = title;
      untruncate_title(q);
   }
}

static void build_top(Build *b, const Obj *o)
{
   Lens *l = b->lens;
   check_keys(b, o, LENS_KEYS);
   l->name = text(b, o, "name", true, MAX_NAME);
   l->description = text(b, o, "description", false, MAX_TEXT);
   if (!l->description)
      l->description = xstrdup("");
   l->schema_version = text(b, o, "schemaVersion", false, 0);
   l->version = text(b, o, "version", false, 0);
   if (!l->version)
      l->version = text(b, o, "_version", false, 0);
   l->key = text(b, o, "id", false, 0);
   if ((!l->key || !*l->key) && l->name) {
      free(l->key);
      l->key = slug(l->name);
   }
   build_phases(b, o);
   build_pillars(b, o);
   phases_from_titles(b, o);
}

Lens *LensBuild_run(const LNode *root, const char *file, LensFormat format, unsigned flags,
                    DiagList *diags)
{
   size_t errors = diags->errors;
   Build b = {.file = file,
              .diags = diags,
              .lens = xcalloc(1, sizeof(Lens)),
              .stored = (flags & LENS_LOAD_STORED) != 0};
   b.lens->format = format;
   if (root->kind != LNODE_MAP) {
      buildDiag(&b, DIAG_ERROR, root->line, root->col, NULL, _("a lens must be a mapping, not %s"),
                LNode_kindName(root->kind));
   } else {
      build_top(&b, &(Obj){root, "", _("the lens")});
      LensCheck_run(&b);
   }
   if (diags->errors > errors) {
      Lens_free(b.lens);
      return NULL;
   }
   return b.lens;
}
