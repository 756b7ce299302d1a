/* agendafile.c: a workshop agenda from YAML (see agendafile.h).
 *
 * The file goes through the lens loader's YAML layer (LensYaml_parse: libyaml,
 * positions, duplicate keys and anchors refused), so an agenda gets the
 * same FILE:LINE:COL diagnostics as a lens; this file only checks the tree. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/agendafile.h"
#include "core/lens_build.h"
#include "core/xalloc.h"
#include "i18n.h"

static const char *const kinds[] = {"phase", "pillar", "cell", "questions"};
enum { N_KINDS = sizeof kinds / sizeof kinds[0] };

typedef struct Reader {
   const char *file;
   const Lens *lens;
   DiagList *diags;
} Reader;

static void err(Reader *r, unsigned line, unsigned col, const char *fmt, ...)
   __attribute__((format(printf, 4, 5)));

static void err(Reader *r, unsigned line, unsigned col, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   DiagList_vadd(r->diags, DIAG_ERROR, r->file, line, col, NULL, fmt, ap);
   va_end(ap);
}

static bool isKind(const char *key)
{
   for (size_t i = 0; i < N_KINDS; i++)
      if (strcmp(key, kinds[i]) == 0)
         return true;
   return false;
}

/* A scalar's text (strings and plain scalars alike, e.g. an id of digits). */
static const char *scalar(const LNode *v)
{
   return v->kind == LNODE_STRING || v->kind == LNODE_NUMBER || v->kind == LNODE_BOOL ? v->text
                                                                                      : NULL;
}

static bool checkPhase(Reader *r, const LNode *v, const char *id)
{
   if (Lens_findPhase(r->lens, id) >= 0)
      return true;
   err(r, v->line, v->col, _("no phase '%s' in the lens"), id);
   return false;
}

static bool checkPillar(Reader *r, const LNode *v, const char *id)
{
   if (Lens_findPillar(r->lens, id) >= 0)
      return true;
   err(r, v->line, v->col, _("no pillar '%s' in the lens"), id);
   return false;
}

static bool checkCell(Reader *r, const LNode *v, const char *target)
{
   const char *slash = strchr(target, '/');
   if (!slash) {
      err(r, v->line, v->col, _("a cell is PHASE/PILLAR, not '%s'"), target);
      return false;
   }
   char *phase = xstrndup(target, (size_t)(slash - target));
   bool ok = checkPhase(r, v, phase) && checkPillar(r, v, slash + 1);
   free(phase);
   return ok;
}

/* questions: a list of ids; *target gets them joined by blanks. */
static bool readQuestions(Reader *r, const LNode *v, char **target)
{
   if (v->kind != LNODE_SEQ || v->n == 0) {
      err(r, v->line, v->col, _("questions: expected a list of question ids"));
      return false;
   }
   bool ok = true;
   size_t len = 0;
   for (size_t i = 0; i < v->n; i++) {
      const LNode *q = v->items[i].value;
      const char *id = scalar(q);
      if (!id || !Lens_findQuestion(r->lens, id, NULL)) {
         err(r, q->line, q->col, _("no question '%s' in the lens"), id ? id : "?");
         ok = false;
         continue;
      }
      *target = xrealloc(*target, len + strlen(id) + 2);
      if (len)
         (*target)[len++] = ' ';
      strcpy(*target + len, id);
      len += strlen(id);
   }
   return ok;
}

static bool readTarget(Reader *r, const char *kind, const LNode *v, char **target)
{
   if (strcmp(kind, "questions") == 0)
      return readQuestions(r, v, target);
   const char *id = scalar(v);
   if (!id || !*id) {
      err(r, v->line, v->col, _("%s: expected an id"), kind);
      return false;
   }
   bool ok = strcmp(kind, "phase") == 0    ? checkPhase(r, v, id)
             : strcmp(kind, "pillar") == 0 ? checkPillar(r, v, id)
                                           : checkCell(r, v, id);
   if (ok)
      *target = xstrdup(id);
   return ok;
}

static bool readMinutes(Reader *r, const LNode *v, int *minutes)
{
   const char *t = v->kind == LNODE_NUMBER ? v->text : NULL;
   char *end = NULL;
   errno = 0;
   long m = t ? strtol(t, &end, 10) : 0;
   if (!t || errno || *end || m < 1 || m > 1440) {
      err(r, v->line, v->col, _("minutes: expected a whole number from 1 to 1440"));
      return false;
   }
   *minutes = (int)m;
   return true;
}

/* One key of an item: false after reporting it. */
static bool readKey(Reader *r, const LEntry *e, AgendaFileItem *it, bool *has_minutes)
{
   if (isKind(e->key)) {
      if (it->kind) {
         err(r, e->line, e->col, _("an item names one of phase, pillar, cell or questions"));
         return false;
      }
      it->kind = xstrdup(e->key);
      return readTarget(r, e->key, e->value, &it->target);
   }
   if (strcmp(e->key, "minutes") == 0) {
      *has_minutes = true;
      return readMinutes(r, e->value, &it->minutes);
   }
   if (strcmp(e->key, "title") == 0) {
      if (e->value->kind != LNODE_STRING || !*e->value->text) {
         err(r, e->value->line, e->value->col, _("title: expected text"));
         return false;
      }
      it->title = xstrdup(e->value->text);
      return true;
   }
   err(r, e->line, e->col, _("unknown key '%s' (phase, pillar, cell, questions, minutes, title)"),
       e->key);
   return false;
}

static bool readItem(Reader *r, const LNode *v, AgendaFileItem *it)
{
   memset(it, 0, sizeof *it);
   if (v->kind != LNODE_MAP) {
      err(r, v->line, v->col, _("an agenda item is a mapping, found %s"), LNode_kindName(v->kind));
      return false;
   }
   bool ok = true, has_minutes = false;
   for (size_t i = 0; i < v->n; i++)
      ok = readKey(r, &v->items[i], it, &has_minutes) && ok;
   if (!it->kind) {
      err(r, v->line, v->col, _("the item names none of phase, pillar, cell or questions"));
      ok = false;
   }
   if (!has_minutes) {
      err(r, v->line, v->col, _("the item has no minutes"));
      ok = false;
   }
   return ok;
}

static const LNode *itemsOf(Reader *r, const LNode *root)
{
   if (root->kind != LNODE_MAP) {
      err(r, root->line, root->col, _("expected a mapping with the key 'agenda'"));
      return NULL;
   }
   const LEntry *e = NULL;
   for (size_t i = 0; i < root->n; i++) {
      if (strcmp(root->items[i].key, "agenda") == 0)
         e = &root->items[i];
      else
         err(r, root->items[i].line, root->items[i].col, _("unknown key '%s' (agenda)"),
             root->items[i].key);
   }
   if (!e) {
      err(r, root->line, root->col, _("missing key 'agenda'"));
      return NULL;
   }
   if (e->value->kind != LNODE_SEQ || e->value->n == 0) {
      err(r, e->value->line, e->value->col, _("agenda: expected a list of items"));
      return NULL;
   }
   return e->value;
}

/* Reads buf (len bytes of file) into *out, as AgendaFile_load says. */
static bool readBuffer(const char *file, const char *buf, size_t len, const Lens *lens,
                       AgendaFileItem **out, size_t *n, DiagList *diags)
{
   *out = NULL;
   *n = 0;
   size_t before = diags->errors;
   LNode *root = LensYaml_parse(file, buf, len, diags);
   if (!root)
      return false;
   Reader r = {file, lens, diags};
   const LNode *seq = itemsOf(&r, root);
   AgendaFileItem *items = seq ? xcalloc(seq->n, sizeof *items) : NULL;
   for (size_t i = 0; seq && i < seq->n; i++)
      (void)readItem(&r, seq->items[i].value, &items[i]);
   size_t count = seq ? seq->n : 0;
   LNode_free(root);
   if (diags->errors > before) {
      AgendaFile_free(items, count);
      return false;
   }
   *out = items;
   *n = count;
   return true;
}

void AgendaFile_free(AgendaFileItem *items, size_t n)
{
   for (size_t i = 0; i < n; i++) {
      free(items[i].kind);
      free(items[i].target);
      free(items[i].title);
   }
   free(items);
}

/* Is id one of the blank-separated words of list? */
static bool inList(const char *list, const char *id)
{
   size_t len = strlen(id);
   for (const char *p = list; (p = strstr(p, id)) != NULL; p += len)
      if ((p == list || p[-1] == ' ') && (p[len] == '\0' || p[len] == ' '))
         return true;
   return false;
}

static bool phaseIs(const Lens *lens, const Question *q, const char *id, size_t idlen)
{
   return q->phase >= 0 && strlen(lens->phases[q->phase].id) == idlen &&
          strncmp(lens->phases[q->phase].id, id, idlen) == 0;
}

bool AgendaFile_covers(const Lens *lens, const char *kind, const char *target, size_t q)
{
   if (!kind || !target || q >= lens->n_questions)
      return false;
   const Question *qq = &lens->questions[q];
   const char *pillar = lens->pillars[qq->pillar].id;
   if (strcmp(kind, "phase") == 0)
      return phaseIs(lens, qq, target, strlen(target));
   if (strcmp(kind, "pillar") == 0)
      return strcmp(pillar, target) == 0;
   if (strcmp(kind, "cell") == 0) {
      const char *slash = strchr(target, '/');
      return slash && phaseIs(lens, qq, target, (size_t)(slash - target)) &&
             strcmp(pillar, slash + 1) == 0;
   }
   return strcmp(kind, "questions") == 0 && inList(target, qq->id);
}

char *AgendaFile_label(const Lens *lens, const char *kind, const char *target, const char *title)
{
   if (title && *title)
      return xstrdup(title);
   if (!kind || !target)
      return xstrdup("?");
   int i;
   if (strcmp(kind, "phase") == 0 && (i = Lens_findPhase(lens, target)) >= 0)
      return xstrdup(lens->phases[i].name);
   if (strcmp(kind, "pillar") == 0 && (i = Lens_findPillar(lens, target)) >= 0)
      return xstrdup(lens->pillars[i].name);
   const char *slash = strchr(target, '/');
   if (strcmp(kind, "cell") == 0 && slash) {
      char *phase = xstrndup(target, (size_t)(slash - target));
      int ph = Lens_findPhase(lens, phase), pi = Lens_findPillar(lens, slash + 1);
      free(phase);
      if (ph >= 0 && pi >= 0)
         return xasprintf("%s · %s", lens->phases[ph].name, lens->pillars[pi].name);
   }
   return xstrdup(target);
}

/* An agenda is a page of text; anything larger is not one. */
#define AGENDA_MAX_FILE_SIZE (256u * 1024u)

static void cannotRead(const char *path, DiagList *diags, const char *why)
{
   DiagList_add(diags, DIAG_ERROR, path, 0, 0, NULL, _("cannot read the file: %s"), why);
}

bool AgendaFile_load(const char *path, const Lens *lens, AgendaFileItem **out, size_t *n,
                     DiagList *diags)
{
   *out = NULL;
   *n = 0;
   bool not_regular = false;
   FILE *f = Lens_openFile(path, &not_regular);
   if (!f) {
      cannotRead(path, diags,
                 not_regular ? _("not a regular file (a FIFO, a device or a socket)")
                             : strerror(errno));
      return false;
   }
   char *buf = xmalloc(AGENDA_MAX_FILE_SIZE + 1);
   size_t len = fread(buf, 1, AGENDA_MAX_FILE_SIZE + 1, f);
   bool ok = false;
   if (ferror(f))
      cannotRead(path, diags, strerror(errno ? errno : EIO));
   else if (len > AGENDA_MAX_FILE_SIZE)
      cannotRead(path, diags, _("larger than an agenda can be (256 KiB)"));
   else
      ok = readBuffer(path, buf, len, lens, out, n, diags);
   fclose(f);
   free(buf);
   return ok;
}

void AgendaFile_clock(char *buf, size_t size, int64_t spent_s, int minutes)
{
   int64_t left = (int64_t)minutes * 60 - spent_s;
   int64_t a = left < 0 ? -left : left;
   /* The word says it, not a colour: an overrun reads "over". */
   snprintf(buf, size, left < 0 ? _("%lld:%02lld over") : _("%lld:%02lld left"),
            (long long)(a / 60), (long long)(a % 60));
}
