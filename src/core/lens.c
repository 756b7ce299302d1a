/* lens.c: loading a lens (file, buffer or the built-in one), freeing it,
 * lookups and the names of risks and weights. */
#include "config.h"

#include "core/lens.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/cond.h"
#include "core/lens_build.h"
#include "core/sha256.h"
#include "core/xalloc.h"
#include "i18n.h"

/* Generated from data/lenses/machine-learning.yaml by build-aux/embed.sh. */
extern const unsigned char walens_default_lens[];
extern const size_t walens_default_lens_len;

#define DEFAULT_LENS_NAME "machine-learning.yaml (built in)"

/* ---- freeing ---- */

static void link_free(Link *l)
{
   free(l->text);
   free(l->url);
}

static void links_free(Link *links, size_t n)
{
   for (size_t i = 0; i < n; i++)
      link_free(&links[i]);
   free(links);
}

static void choice_free(Choice *c)
{
   free(c->id);
   free(c->title);
   free(c->description);
   link_free(&c->helpful);
   link_free(&c->improvement);
   links_free(c->more_helpful, c->n_more_helpful);
   links_free(c->more_improvement, c->n_more_improvement);
   free(c->pos.path);
}

static void question_free(Question *q)
{
   free(q->id);
   free(q->title);
   free(q->description);
   link_free(&q->helpful);
   for (size_t i = 0; i < q->n_choices; i++)
      choice_free(&q->choices[i]);
   free(q->choices);
   for (size_t i = 0; i < q->n_rules; i++) {
      free(q->rules[i].condition);
      if (q->rules[i].expr)
         Cond_free(q->rules[i].expr);
      free(q->rules[i].pos.path);
   }
   free(q->rules);
   free(q->pos.path);
}

void Lens_free(Lens *lens)
{
   if (!lens)
      return;
   for (size_t i = 0; i < lens->n_questions; i++)
      question_free(&lens->questions[i]);
   free(lens->questions);
   for (size_t i = 0; i < lens->n_pillars; i++) {
      free(lens->pillars[i].id);
      free(lens->pillars[i].name);
      free(lens->pillars[i].description);
      free(lens->pillars[i].pos.path);
   }
   free(lens->pillars);
   for (size_t i = 0; i < lens->n_phases; i++) {
      free(lens->phases[i].id);
      free(lens->phases[i].name);
      free(lens->phases[i].description);
      free(lens->phases[i].pos.path);
   }
   free(lens->phases);
   free(lens->key);
   free(lens->version);
   free(lens->name);
   free(lens->description);
   free(lens->schema_version);
   free(lens);
}

/* ---- loading ---- */

static void too_large(const char *name, DiagList *diags)
{
   DiagList_add(diags, DIAG_ERROR, name, 0, 0, NULL,
                _("the file is larger than 4 MiB (%u bytes), the limit for a lens file"),
                LENS_MAX_FILE_SIZE);
}

/* JSON when the first character after blanks (and a byte-order mark) is '{'. */
static LensFormat sniff(const char *buf, size_t len)
{
   size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
   while (i < len && strchr(" \t\r\n", buf[i]) && buf[i])
      i++;
   return i < len && buf[i] == '{' ? LENS_JSON : LENS_YAML;
}

static Lens *load(const char *name, const char *buf, size_t len, unsigned flags, DiagList *diags)
{
   size_t errors = diags->errors;
   if (len > LENS_MAX_FILE_SIZE) {
      too_large(name, diags);
      return NULL;
   }
   if (!buf) {
      buf = "";
      len = 0;
   }
   LensFormat format = sniff(buf, len);
   LNode *root = format == LENS_JSON ? LensJson_parse(name, buf, len, diags)
                                     : LensYaml_parse(name, buf, len, diags);
   if (!root) {
      if (diags->errors == errors)
         DiagList_add(diags, DIAG_ERROR, name, 0, 0, NULL, "%s", _("no lens found"));
      return NULL;
   }
   Lens *lens = LensBuild_run(root, name, format, flags, diags);
   LNode_free(root);
   if (!lens)
      return NULL;
   Sha256_hex(buf, len, lens->sha256);
   if (!lens->key) /* a name without a letter or digit: fall back on the text */
      lens->key = xasprintf("lens-%.12s", lens->sha256);
   return lens;
}

Lens *Lens_loadBuffer(const char *name, const char *buf, size_t len, DiagList *diags)
{
   return load(name, buf, len, 0, diags);
}

Lens *Lens_loadStored(const char *name, const char *buf, size_t len, DiagList *diags)
{
   return load(name, buf, len, LENS_LOAD_STORED, diags);
}

static void read_error(const char *path, DiagList *diags, int err)
{
   DiagList_add(diags, DIAG_ERROR, path, 0, 0, NULL, _("cannot read the file: %s"), strerror(err));
}

/* Reads at most one byte past the limit, so that a pipe or a growing file
 * cannot make us read without end. */
static char *read_all(FILE *f, const char *path, DiagList *diags, size_t *len)
{
   size_t cap = 64 * 1024, n = 0;
   char *buf = xmalloc(cap);
   for (;;) {
      if (n == cap)
         buf = xgrow(buf, &cap, cap + 1, 1);
      size_t want = cap - n;
      if (n + want > (size_t)LENS_MAX_FILE_SIZE + 1)
         want = (size_t)LENS_MAX_FILE_SIZE + 1 - n;
      size_t got = fread(buf + n, 1, want, f);
      n += got;
      if (got < want || n > LENS_MAX_FILE_SIZE)
         break;
   }
   if (ferror(f)) {
      read_error(path, diags, errno);
   } else if (n > LENS_MAX_FILE_SIZE) {
      too_large(path, diags);
   } else {
      *len = n;
      return buf;
   }
   free(buf);
   return NULL;
}

Lens *Lens_loadFile(const char *path, DiagList *diags)
{
   FILE *f = fopen(path, "rb");
   if (!f) {
      read_error(path, diags, errno);
      return NULL;
   }
   struct stat st;
   char *buf = NULL;
   size_t len = 0;
   bool known = fstat(fileno(f), &st) == 0;
   if (known && S_ISDIR(st.st_mode))
      read_error(path, diags, EISDIR);
   else if (known && S_ISREG(st.st_mode) && st.st_size > (off_t)LENS_MAX_FILE_SIZE)
      too_large(path, diags); /* refuse before reading a byte */
   else
      buf = read_all(f, path, diags, &len);
   fclose(f);
   if (!buf)
      return NULL;
   Lens *lens = Lens_loadBuffer(path, buf, len, diags);
   free(buf);
   return lens;
}

Lens *Lens_loadDefault(DiagList *diags)
{
   size_t len;
   const char *text = Lens_defaultText(&len);
   return Lens_loadBuffer(DEFAULT_LENS_NAME, text, len, diags);
}

const char *Lens_defaultText(size_t *len)
{
   if (len)
      *len = walens_default_lens_len;
   return (const char *)walens_default_lens;
}

/* ---- lookups ---- */

const Question *Lens_findQuestion(const Lens *lens, const char *id, size_t *index)
{
   for (size_t i = 0; id && i < lens->n_questions; i++) {
      if (lens->questions[i].id && strcmp(lens->questions[i].id, id) == 0) {
         if (index)
            *index = i;
         return &lens->questions[i];
      }
   }
   return NULL;
}

int Question_findChoice(const Question *q, const char *id)
{
   for (size_t i = 0; id && i < q->n_choices; i++)
      if (q->choices[i].id && strcmp(q->choices[i].id, id) == 0)
         return (int)i;
   return -1;
}

int Lens_findPhase(const Lens *lens, const char *id)
{
   for (size_t i = 0; id && i < lens->n_phases; i++)
      if (lens->phases[i].id && strcmp(lens->phases[i].id, id) == 0)
         return (int)i;
   return -1;
}

int Lens_findPillar(const Lens *lens, const char *id)
{
   for (size_t i = 0; id && i < lens->n_pillars; i++)
      if (lens->pillars[i].id && strcmp(lens->pillars[i].id, id) == 0)
         return (int)i;
   return -1;
}

/* ---- names ---- */

static const char *const RISK_NAMES[RISK_COUNT] = {
   [RISK_UNANSWERED] = "UNANSWERED",
   [RISK_HIGH] = "HIGH",
   [RISK_MEDIUM] = "MEDIUM",
   [RISK_NONE] = "NONE",
   [RISK_NOT_APPLICABLE] = "NOT_APPLICABLE",
};

const char *Risk_name(Risk r)
{
   return (unsigned)r < RISK_COUNT ? RISK_NAMES[r] : "?";
}

bool Risk_parse(const char *name, Risk *out)
{
   for (int r = 0; name && r < RISK_COUNT; r++) {
      if (strcmp(name, RISK_NAMES[r]) == 0) {
         *out = (Risk)r;
         return true;
      }
   }
   return false;
}

int Risk_severity(Risk r)
{
   switch (r) {
   case RISK_HIGH: return 4;
   case RISK_MEDIUM: return 3;
   case RISK_UNANSWERED: return 2;
   case RISK_NONE: return 1;
   case RISK_NOT_APPLICABLE: return 0;
   }
   return 0;
}

const char *Weight_name(Weight w)
{
   switch (w) {
   case WEIGHT_HIGH: return "high";
   case WEIGHT_MEDIUM: return "medium";
   case WEIGHT_NONE: break;
   }
   return "";
}
