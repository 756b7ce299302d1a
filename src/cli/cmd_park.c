/* cmd_park.c: walens park — the workshop's parking lot: points raised and
 * kept for later, closed with a word or turned into a plan item. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/reviewdoc.h"

enum { OPT_FORMAT = 100, OPT_QUESTION, OPT_WORD, OPT_OWNER };

static const OptSpec parkOptions[] = {
   {"format", 0, N_("FORMAT"), N_("list: text (default) or json"), OPT_FORMAT},
   {"question", 0, N_("QUESTION_ID"), N_("add: the question the point came from"), OPT_QUESTION},
   {"word", 0, N_("TEXT"), N_("close: why it is closed"), OPT_WORD},
   {"owner", 0, N_("NAME"), N_("plan: who owns the plan item"), OPT_OWNER},
   {NULL, 0, NULL, NULL, 0},
};

typedef struct ParkOpts {
   const char *format, *question, *word, *owner;
} ParkOpts;

static bool parkOption(int id, const char *value, void *ctx)
{
   ParkOpts *o = ctx;
   if (id == OPT_FORMAT)
      o->format = value;
   else if (id == OPT_QUESTION)
      o->question = value;
   else if (id == OPT_WORD)
      o->word = value;
   else if (id == OPT_OWNER)
      o->owner = value;
   return true;
}

static int failed(Store *s)
{
   Cli_error("%s", Store_lastError(s));
   return EXIT_FAIL;
}

static bool parseId(const char *text, int64_t *id)
{
   if (Cli_parseId(text, id))
      return true;
   Cli_error(_("'%s' is not a parked point's number"), text);
   return false;
}

static int add(CliEnv *env, Store *s, const ReviewDoc *doc, const char *text, const char *q)
{
   if (q && !Lens_findQuestion(doc->lens, q, NULL)) {
      Cli_error(_("no question '%s' in the lens of %s"), q, doc->workload.name);
      return EXIT_USAGE;
   }
   int64_t id;
   StoreStatus st = Store_park(s, doc->workload.id, Cli_user(env), q, text, &id);
   if (st == STORE_INVALID) {
      Cli_error("%s", Store_lastError(s));
      return EXIT_USAGE;
   }
   if (st != STORE_OK)
      return failed(s);
   Cli_printf(_("Parked point %lld on %s.\n"), (long long)id, doc->workload.name);
   return EXIT_OK;
}

static void listJson(const ReviewDoc *doc, const Parked *p, size_t n)
{
   json_t *root = json_object(), *arr = json_array();
   Json_setString(root, "workload", doc->workload.name);
   for (size_t i = 0; i < n; i++) {
      json_t *o = json_object();
      Json_setInt(o, "id", (long long)p[i].id);
      Json_setString(o, "state", p[i].state);
      Json_setString(o, "by", p[i].user);
      Json_setString(o, "at", p[i].at);
      Json_setString(o, "question", p[i].question_id);
      Json_setString(o, "text", p[i].text);
      Json_setString(o, "closed_by", p[i].closed_by);
      Json_setString(o, "closed_at", p[i].closed_at);
      Json_setString(o, "word", p[i].word);
      Json_setString(o, "plan_question", p[i].plan_question);
      Json_setString(o, "plan_choice", p[i].plan_choice);
      Json_append(arr, o);
   }
   Json_set(root, "parked", arr);
   Json_print(root);
   json_decref(root);
}

static void listText(const ReviewDoc *doc, const Parked *p, size_t n)
{
   Cli_printf(ngettext("Parked on %s: %zu point\n", "Parked on %s: %zu points\n", n),
              doc->workload.name, n);
   int wu = 2, wq = 1;
   for (size_t i = 0; i < n; i++) {
      if (Cli_width(p[i].user) > wu)
         wu = Cli_width(p[i].user);
      if (p[i].question_id && Cli_width(p[i].question_id) > wq)
         wq = Cli_width(p[i].question_id);
   }
   for (size_t i = 0; i < n; i++) {
      char num[32];
      snprintf(num, sizeof num, "%lld", (long long)p[i].id);
      Cli_cellRight(num, 3);
      Cli_cell(p[i].state, 8);
      Cli_cell(p[i].user, wu);
      Cli_cell(p[i].at, 20);
      Cli_cell(p[i].question_id ? p[i].question_id : "-", wq);
      Cli_printf("%s", p[i].text);
      if (p[i].plan_question)
         Cli_printf(_(" -> plan %s/%s"), p[i].plan_question, p[i].plan_choice);
      else if (p[i].word)
         Cli_printf(" (%s)", p[i].word);
      Cli_printf("\n");
   }
}

static int list(Store *s, const ReviewDoc *doc, const char *format)
{
   Parked *p;
   size_t n;
   if (Store_listParked(s, doc->workload.id, &p, &n) != STORE_OK)
      return failed(s);
   if (format && strcmp(format, "json") == 0)
      listJson(doc, p, n);
   else
      listText(doc, p, n);
   Parked_freeArray(p, n);
   return EXIT_OK;
}

static int closePoint(CliEnv *env, Store *s, const ReviewDoc *doc, const char *num,
                      const char *word)
{
   int64_t id;
   if (!parseId(num, &id))
      return EXIT_USAGE;
   if (!Cli_mayLead(s, &doc->workload, Cli_user(env), _("close a parked point")))
      return EXIT_FAIL;
   if (Store_closeParked(s, doc->workload.id, id, word, NULL, NULL, Cli_user(env)) != STORE_OK)
      return failed(s);
   Cli_printf(_("Closed parked point %lld.\n"), (long long)id);
   return EXIT_OK;
}

/* The tracking of one plan item as stored (version 0 when untracked). */
static PlanTracking *findTracking(PlanTracking *t, size_t n, const char *q, const char *c)
{
   for (size_t i = 0; i < n; i++)
      if (strcmp(t[i].question_id, q) == 0 && strcmp(t[i].choice_id, c) == 0)
         return &t[i];
   return NULL;
}

static int toPlan(CliEnv *env, Store *s, const ReviewDoc *doc, char **pos, const char *owner)
{
   int64_t id;
   if (!parseId(pos[2], &id))
      return EXIT_USAGE;
   const Question *q = Lens_findQuestion(doc->lens, pos[3], NULL);
   if (!q || Question_findChoice(q, pos[4]) < 0) {
      Cli_error(_("no practice '%s' of question '%s' in the lens of %s"), pos[4], pos[3],
                doc->workload.name);
      return EXIT_USAGE;
   }
   if (!Cli_mayLead(s, &doc->workload, Cli_user(env), _("turn a parked point into a plan item")))
      return EXIT_FAIL;
   Parked *p;
   size_t n;
   if (Store_listParked(s, doc->workload.id, &p, &n) != STORE_OK)
      return failed(s);
   const Parked *point = NULL;
   for (size_t i = 0; i < n; i++)
      if (p[i].id == id)
         point = &p[i];
   PlanTracking *t = NULL;
   size_t nt = 0;
   StoreStatus st = point ? Store_getPlanTracking(s, doc->workload.review_id, &t, &nt)
                          : Store_closeParked(s, doc->workload.id, id, NULL, pos[3], pos[4],
                                              Cli_user(env)); /* names the missing point */
   if (point && st == STORE_OK && strcmp(point->state, "open") != 0)
      st = Store_closeParked(s, doc->workload.id, id, NULL, pos[3], pos[4], Cli_user(env));
   else if (point && st == STORE_OK) {
      PlanTracking *cur = findTracking(t, nt, pos[3], pos[4]);
      PlanTracking want = cur ? *cur : (PlanTracking){0};
      want.question_id = pos[3];
      want.choice_id = pos[4];
      if (owner)
         want.owner = (char *)owner;
      want.note = point->text;
      st = Store_putPlanTracking(s, doc->workload.review_id, &want, cur ? cur->version : 0,
                                 Cli_user(env), NULL);
      if (st == STORE_OK)
         st = Store_closeParked(s, doc->workload.id, id, NULL, pos[3], pos[4], Cli_user(env));
   }
   PlanTracking_freeArray(t, nt);
   Parked_freeArray(p, n);
   if (st != STORE_OK)
      return failed(s);
   Cli_printf(_("Parked point %lld is now plan item %s/%s.\n"), (long long)id, pos[3], pos[4]);
   return EXIT_OK;
}

static int run(CliEnv *env, char **pos, size_t npos, const ParkOpts *o)
{
   const char *verb = npos > 1 ? pos[1] : "list";
   size_t want = strcmp(verb, "list") == 0                                ? (npos > 1 ? 2 : 1)
                 : strcmp(verb, "add") == 0 || strcmp(verb, "close") == 0 ? 3
                 : strcmp(verb, "plan") == 0                              ? 5
                                                                          : 0;
   if (npos == 0 || want == 0 || npos != want) {
      Cli_usageError("park", NULL);
      return EXIT_USAGE;
   }
   if (o->format && strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0) {
      Cli_error(_("unknown format '%s' (text or json)"), o->format);
      return EXIT_USAGE;
   }
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, pos[0], &doc);
   if (!s)
      return EXIT_FAIL;
   int rc;
   char *owner = NULL;
   if (strcmp(verb, "add") == 0)
      rc = add(env, s, &doc, pos[2], o->question);
   else if (strcmp(verb, "close") == 0)
      rc = closePoint(env, s, &doc, pos[2], o->word);
   else if (strcmp(verb, "plan") == 0) {
      owner = o->owner ? Cli_name(NAME_USER, o->owner) : NULL;
      rc = o->owner && !owner ? EXIT_USAGE : toPlan(env, s, &doc, pos, owner);
   } else
      rc = list(s, &doc, o->format);
   free(owner);
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

int Cmd_park(CliEnv *env, int argc, char **argv)
{
   ParkOpts o = {0};
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, parkOptions, parkOption, &o, &pos, &npos))
      return EXIT_USAGE;
   int rc;
   if (env->help) {
      Cli_printCommandHelp("park", parkOptions);
      rc = EXIT_OK;
   } else
      rc = run(env, pos, npos, &o);
   free(pos);
   return rc;
}
