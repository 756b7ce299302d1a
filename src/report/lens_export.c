/* lens_export.c: a Lens as AWS custom lens JSON (jansson) or as native
 * YAML (libyaml's emitter). */
#include "config.h"

#include "report/lens_export.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "core/cond.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "core/json.h"
#include "report/rtext.h"

bool LensExport_parseFormat(const char *name, LensExportFormat *out)
{
   if (strcmp(name, "aws-json") == 0)
      *out = LENS_EXPORT_AWS_JSON;
   else if (strcmp(name, "yaml") == 0)
      *out = LENS_EXPORT_YAML;
   else
      return false;
   return true;
}

/* ==== AWS JSON ==== */

typedef struct Ex {
   const Lens *lens;
   const char *file;
   DiagList *diags;
} Ex;

static void warn(Ex *x, const char *path, const char *fmt, ...)
   __attribute__((format(printf, 3, 4)));
static void warn(Ex *x, const char *path, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   DiagList_vadd(x->diags, DIAG_WARNING, x->file, 0, 0, path, fmt, ap);
   va_end(ap);
}

static void fail(Ex *x, const char *path, const char *fmt, ...)
   __attribute__((format(printf, 3, 4)));
static void fail(Ex *x, const char *path, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   DiagList_vadd(x->diags, DIAG_ERROR, x->file, 0, 0, path, fmt, ap);
   va_end(ap);
}

/* text cut to max characters, with a warning when it had to be. */
static char *fit(Ex *x, const char *text, size_t max, const char *path)
{
   char *s = Rtext_shorten(text ? text : "", max);
   if (text && strcmp(s, text) != 0)
      warn(x, path, _("shortened from %zu to %zu characters to fit the AWS limit"),
           Utf8_chars(text), max);
   return s;
}

static void setFit(Ex *x, json_t *o, const char *key, const char *text, size_t max,
                   const char *path)
{
   char *p = xasprintf("%s.%s", path, key);
   char *s = fit(x, text, max, p);
   Json_setString(o, key, s);
   free(s);
   free(p);
}

static bool httpUrl(const char *url)
{
   return strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0;
}

/* {displayText, url}, or NULL when there is nothing to write.  fallback is
 * the text used when a link must exist (an improvement plan) but has none. */
static json_t *linkJson(Ex *x, const Link *l, const char *path, const char *fallback)
{
   const char *url = l->url;
   if (url && !httpUrl(url)) {
      char *p = xasprintf("%s.url", path);
      warn(x, p, _("url '%s' does not start with http:// or https://; left out"), url);
      free(p);
      url = NULL;
   }
   const char *text = l->text && *l->text ? l->text : url ? url : fallback;
   if (!text)
      return NULL;
   json_t *o = Json_checked(json_object());
   setFit(x, o, "displayText", text, AWS_MAX_TEXT, path);
   if (url)
      Json_setString(o, "url", url);
   return o;
}

static json_t *moreJson(Ex *x, const char *type, const Link *links, size_t n, const char *path)
{
   json_t *o = Json_checked(json_object()), *content = Json_checked(json_array());
   Json_setString(o, "type", type);
   if (n > AWS_MAX_CONTENT) {
      warn(x, path, _("%zu %s links, only the first %d are kept"), n, type, AWS_MAX_CONTENT);
      n = AWS_MAX_CONTENT;
   }
   for (size_t i = 0; i < n; i++) {
      char *p = xasprintf("%s.content[%zu]", path, i);
      json_t *l = linkJson(x, &links[i], p, NULL);
      if (l)
         Json_append(content, l);
      free(p);
   }
   Json_set(o, "content", content);
   return o;
}

static json_t *choiceJson(Ex *x, const Choice *c, const char *path)
{
   json_t *o = Json_checked(json_object());
   char *p;
   Json_setString(o, "id", c->id);
   setFit(x, o, "title", c->title, AWS_MAX_NAME, path);
   p = xasprintf("%s.helpfulResource", path);
   json_t *l = linkJson(x, &c->helpful, p, NULL);
   free(p);
   if (l)
      Json_set(o, "helpfulResource", l);
   /* Required on every choice but "None of these". */
   p = xasprintf("%s.improvementPlan", path);
   l = linkJson(x, &c->improvement, p, c->is_none ? NULL : c->title);
   free(p);
   if (l)
      Json_set(o, "improvementPlan", l);
   if (c->n_more_helpful || c->n_more_improvement) {
      json_t *more = Json_checked(json_array());
      p = xasprintf("%s.additionalResources[%d]", path, 0);
      if (c->n_more_helpful)
         Json_append(more, moreJson(x, "HELPFUL_RESOURCE", c->more_helpful, c->n_more_helpful, p));
      free(p);
      p = xasprintf("%s.additionalResources[%d]", path, c->n_more_helpful ? 1 : 0);
      if (c->n_more_improvement)
         Json_append(
            more, moreJson(x, "IMPROVEMENT_PLAN", c->more_improvement, c->n_more_improvement, p));
      free(p);
      Json_set(o, "additionalResources", more);
   }
   return o;
}

/* AWS ids are [A-Za-z0-9_]; walens loads others with a warning, but a
 * condition naming one would not parse, in AWS or in walens. */
static void checkId(Ex *x, const char *kind, const char *id, const char *path)
{
   if (strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") != strlen(id))
      fail(x, path, _("%s id '%s' has characters an AWS lens does not allow (A-Z, a-z, 0-9, _)"),
           kind, id);
}

static const char *awsRisk(Risk r)
{
   switch (r) {
   case RISK_HIGH: return "HIGH_RISK";
   case RISK_MEDIUM: return "MEDIUM_RISK";
   default: return "NO_RISK";
   }
}

static json_t *rulesJson(Ex *x, const Question *q, const char *path)
{
   json_t *a = Json_checked(json_array());
   if (q->n_rules > AWS_MAX_RULES)
      fail(x, path, _("question '%s' has %zu risk rules; AWS allows %d"), q->id, q->n_rules,
           AWS_MAX_RULES);
   if (!q->has_default)
      warn(x, path, _("question '%s' has no default rule, which the AWS tool requires"), q->id);
   for (size_t i = 0; i < q->n_rules; i++) {
      json_t *r = Json_checked(json_object());
      char *cond = q->rules[i].expr ? Cond_format(q->rules[i].expr)
                                    : xstrdup(q->rules[i].condition ? q->rules[i].condition : "");
      Json_setString(r, "condition", cond);
      Json_setString(r, "risk", awsRisk(q->rules[i].risk));
      Json_append(a, r);
      free(cond);
   }
   return a;
}

/* The title with its phase as a prefix; when that is too long, the full
 * title moves to the start of the description. */
static void titleJson(Ex *x, const Question *q, json_t *o, const char *path)
{
   const Lens *lens = x->lens;
   char *full = q->phase >= 0 && (size_t)q->phase < lens->n_phases
                   ? xasprintf("[%s] %s", lens->phases[q->phase].name, q->title)
                   : xstrdup(q->title);
   char *title = Rtext_shorten(full, AWS_MAX_NAME);
   bool cut = strcmp(title, full) != 0;
   Json_setString(o, "title", title);
   char *desc = cut ? xasprintf("%s%s%s", q->title, q->description && *q->description ? "\n\n" : "",
                                q->description ? q->description : "")
                    : xstrdup(q->description);
   if (cut)
      warn(x, path,
           _("title of question '%s' shortened to %d characters; the full title starts its "
             "description"),
           q->id, AWS_MAX_NAME);
   if (desc && *desc)
      setFit(x, o, "description", desc, AWS_MAX_TEXT, path);
   free(desc);
   free(title);
   free(full);
}

static json_t *questionJson(Ex *x, const Question *q, const char *path)
{
   json_t *o = Json_checked(json_object());
   char *p;
   Json_setString(o, "id", q->id);
   checkId(x, _("question"), q->id, path);
   titleJson(x, q, o, path);
   p = xasprintf("%s.helpfulResource", path);
   json_t *l = linkJson(x, &q->helpful, p, NULL);
   free(p);
   if (l)
      Json_set(o, "helpfulResource", l);
   json_t *choices = Json_checked(json_array());
   if (q->n_choices > AWS_MAX_CHOICES)
      fail(x, path, _("question '%s' has %zu choices; AWS allows %d"), q->id, q->n_choices,
           AWS_MAX_CHOICES);
   for (size_t i = 0; i < q->n_choices; i++) {
      p = xasprintf("%s.choices[%zu]", path, i);
      checkId(x, _("choice"), q->choices[i].id, p);
      Json_append(choices, choiceJson(x, &q->choices[i], p));
      free(p);
   }
   Json_set(o, "choices", choices);
   p = xasprintf("%s.riskRules", path);
   Json_set(o, "riskRules", rulesJson(x, q, p));
   free(p);
   return o;
}

static json_t *pillarJson(Ex *x, const Pillar *pl, const char *path)
{
   json_t *o = Json_checked(json_object()), *qs = Json_checked(json_array());
   char *p;
   Json_setString(o, "id", pl->id);
   checkId(x, _("pillar"), pl->id, path);
   setFit(x, o, "name", pl->name, AWS_MAX_NAME, path);
   if (pl->count > AWS_MAX_QUESTIONS)
      fail(x, path, _("pillar '%s' has %zu questions; AWS allows %d"), pl->id, pl->count,
           AWS_MAX_QUESTIONS);
   for (size_t i = 0; i < pl->count; i++) {
      p = xasprintf("%s.questions[%zu]", path, i);
      Json_append(qs, questionJson(x, &x->lens->questions[pl->first + i], p));
      free(p);
   }
   Json_set(o, "questions", qs);
   return o;
}

static char *renderAws(Ex *x, size_t *len)
{
   const Lens *lens = x->lens;
   size_t errors = x->diags->errors;
   json_t *root = Json_checked(json_object()), *pillars = Json_checked(json_array());
   /* The only schema version AWS has published; authors are told to keep it. */
   Json_setString(root, "schemaVersion", "2021-11-01");
   setFit(x, root, "name", lens->name, AWS_MAX_NAME, "lens");
   setFit(x, root, "description",
          lens->description && *lens->description ? lens->description : lens->name, AWS_MAX_TEXT,
          "lens");
   if (lens->n_pillars > AWS_MAX_PILLARS)
      fail(x, "pillars", _("the lens has %zu pillars; AWS allows %d"), lens->n_pillars,
           AWS_MAX_PILLARS);
   for (size_t i = 0; i < lens->n_pillars; i++) {
      char *p = xasprintf("pillars[%zu]", i);
      Json_append(pillars, pillarJson(x, &lens->pillars[i], p));
      free(p);
   }
   Json_set(root, "pillars", pillars);
   char *text = NULL;
   if (x->diags->errors == errors) {
      text = Json_dump(root);
      if (strlen(text) > AWS_MAX_FILE) {
         /* Indentation is a luxury the size limit may not allow. */
         free(text);
         char *compact = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
         if (!compact)
            Json_checked(NULL);
         text = xasprintf("%s\n", compact);
         free(compact);
      }
      if (strlen(text) > AWS_MAX_FILE) {
         fail(x, NULL, _("the exported lens takes %zu bytes; AWS accepts at most %d"), strlen(text),
              AWS_MAX_FILE);
         free(text);
         text = NULL;
      }
   }
   json_decref(root);
   if (text && len)
      *len = strlen(text);
   return text;
}

/* ==== native YAML ==== */

typedef struct Y {
   yaml_emitter_t em;
   Sbuf out;
   bool ok;
} Y;

static int yWrite(void *data, unsigned char *buffer, size_t size)
{
   Sbuf_addn(&((Y *)data)->out, (const char *)buffer, size);
   return 1;
}

static void yEmit(Y *y, yaml_event_t *ev, int init_ok)
{
   if (!init_ok) {
      y->ok = false;
      return;
   }
   if (!y->ok) {
      yaml_event_delete(ev);
      return;
   }
   /* The emitter owns the event from here, whatever the outcome. */
   if (!yaml_emitter_emit(&y->em, ev))
      y->ok = false;
}

/* Strings another YAML reader would take for null, a boolean or a number
 * must be quoted; the emitter itself handles syntax (':', '#', ...). */
static bool looksTyped(const char *s)
{
   static const char *const words[] = {"null", "~", "true", "false", "yes",   "no",   "on", "off",
                                       "y",    "n", ".inf", "-.inf", "+.inf", ".nan", NULL};
   if (!*s)
      return true;
   for (size_t i = 0; words[i]; i++)
      if (strcasecmp(s, words[i]) == 0)
         return true;
   const char *p = s;
   if (*p == '-' || *p == '+')
      p++;
   if (*p == '.')
      p++;
   return *p >= '0' && *p <= '9';
}

static void yScalar(Y *y, const char *s)
{
   yaml_event_t ev;
   int plain = !looksTyped(s);
   yaml_scalar_style_t style = strchr(s, '\n') ? YAML_LITERAL_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE;
   int rc = yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), plain,
                                         1, style);
   yEmit(y, &ev, rc);
}

static void yMap(Y *y, bool start)
{
   yaml_event_t ev;
   int rc = start
               ? yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE)
               : yaml_mapping_end_event_initialize(&ev);
   yEmit(y, &ev, rc);
}

static void ySeq(Y *y, bool start)
{
   yaml_event_t ev;
   int rc = start
               ? yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE)
               : yaml_sequence_end_event_initialize(&ev);
   yEmit(y, &ev, rc);
}

/* key: value, skipped when value is NULL. */
static void yPair(Y *y, const char *key, const char *value)
{
   if (!value)
      return;
   yScalar(y, key);
   yScalar(y, value);
}

static void yLink(Y *y, const char *key, const Link *l)
{
   if (!l->text && !l->url)
      return;
   yScalar(y, key);
   yMap(y, true);
   yPair(y, "displayText", l->text);
   yPair(y, "url", l->url);
   yMap(y, false);
}

static void yMore(Y *y, const char *type, const Link *links, size_t n)
{
   yMap(y, true);
   yPair(y, "type", type);
   yScalar(y, "content");
   ySeq(y, true);
   for (size_t i = 0; i < n; i++) {
      yMap(y, true);
      yPair(y, "displayText", links[i].text);
      yPair(y, "url", links[i].url);
      yMap(y, false);
   }
   ySeq(y, false);
   yMap(y, false);
}

static void yChoice(Y *y, const Choice *c)
{
   yMap(y, true);
   yPair(y, "id", c->id);
   yPair(y, "title", c->title);
   if (c->weight != WEIGHT_NONE)
      yPair(y, "risk", Weight_name(c->weight));
   yPair(y, "description", c->description);
   yLink(y, "helpfulResource", &c->helpful);
   yLink(y, "improvementPlan", &c->improvement);
   if (c->n_more_helpful || c->n_more_improvement) {
      yScalar(y, "additionalResources");
      ySeq(y, true);
      if (c->n_more_helpful)
         yMore(y, "HELPFUL_RESOURCE", c->more_helpful, c->n_more_helpful);
      if (c->n_more_improvement)
         yMore(y, "IMPROVEMENT_PLAN", c->more_improvement, c->n_more_improvement);
      ySeq(y, false);
   }
   yMap(y, false);
}

static void yQuestion(Y *y, const Lens *lens, const Question *q)
{
   yMap(y, true);
   yPair(y, "id", q->id);
   if (q->phase >= 0 && (size_t)q->phase < lens->n_phases)
      yPair(y, "phase", lens->phases[q->phase].id);
   yPair(y, "title", q->title);
   yPair(y, "description", q->description);
   yLink(y, "helpfulResource", &q->helpful);
   yScalar(y, "choices");
   ySeq(y, true);
   for (size_t i = 0; i < q->n_choices; i++)
      yChoice(y, &q->choices[i]);
   ySeq(y, false);
   if (!q->rules_derived && q->n_rules) {
      yScalar(y, "riskRules");
      ySeq(y, true);
      for (size_t i = 0; i < q->n_rules; i++) {
         yMap(y, true);
         yPair(y, "condition", q->rules[i].condition);
         yPair(y, "risk", awsRisk(q->rules[i].risk));
         yMap(y, false);
      }
      ySeq(y, false);
   }
   yMap(y, false);
}

static void yLens(Y *y, const Lens *lens)
{
   yMap(y, true);
   yPair(y, "id", lens->key);
   yPair(y, "version", lens->version);
   yPair(y, "schemaVersion", lens->schema_version);
   yPair(y, "name", lens->name);
   yPair(y, "description", lens->description);
   if (lens->n_phases) {
      yScalar(y, "phases");
      ySeq(y, true);
      for (size_t i = 0; i < lens->n_phases; i++) {
         yMap(y, true);
         yPair(y, "id", lens->phases[i].id);
         yPair(y, "name", lens->phases[i].name);
         yPair(y, "description", lens->phases[i].description);
         yMap(y, false);
      }
      ySeq(y, false);
   }
   yScalar(y, "pillars");
   ySeq(y, true);
   for (size_t p = 0; p < lens->n_pillars; p++) {
      const Pillar *pl = &lens->pillars[p];
      yMap(y, true);
      yPair(y, "id", pl->id);
      yPair(y, "name", pl->name);
      yPair(y, "description", pl->description);
      yScalar(y, "questions");
      ySeq(y, true);
      for (size_t i = 0; i < pl->count; i++)
         yQuestion(y, lens, &lens->questions[pl->first + i]);
      ySeq(y, false);
      yMap(y, false);
   }
   ySeq(y, false);
   yMap(y, false);
}

static char *renderYaml(Ex *x, size_t *len)
{
   Y y = {.ok = true};
   if (!yaml_emitter_initialize(&y.em)) {
      fail(x, NULL, "%s", _("cannot start the YAML emitter"));
      return NULL;
   }
   /* Not translated: the file is data, and must read the same everywhere. */
   Sbuf_add(&y.out,
            "# Exported by walens: an AWS custom lens in YAML with walens's extensions\n"
            "# (id, version, phases, a question's phase, a choice's risk); see walens-lens(5).\n");
   yaml_emitter_set_output(&y.em, yWrite, &y);
   yaml_emitter_set_unicode(&y.em, 1);
   yaml_emitter_set_indent(&y.em, 2);
   yaml_emitter_set_width(&y.em, 100);
   yaml_event_t ev;
   yEmit(&y, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
   yEmit(&y, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
   yLens(&y, x->lens);
   yEmit(&y, &ev, yaml_document_end_event_initialize(&ev, 1));
   yEmit(&y, &ev, yaml_stream_end_event_initialize(&ev));
   if (y.ok && !yaml_emitter_flush(&y.em))
      y.ok = false;
   if (!y.ok)
      fail(x, NULL, _("cannot write YAML: %s"),
           y.em.problem ? y.em.problem : _("the emitter failed"));
   yaml_emitter_delete(&y.em);
   if (!y.ok) {
      free(y.out.s);
      return NULL;
   }
   if (len)
      *len = y.out.len;
   return Sbuf_take(&y.out);
}

char *LensExport_render(const Lens *lens, LensExportFormat format, const char *file,
                        DiagList *diags, size_t *len)
{
   Ex x = {lens, file ? file : lens->key, diags};
   return format == LENS_EXPORT_YAML ? renderYaml(&x, len) : renderAws(&x, len);
}
