/* cmd_plan.c: walens plan — list the improvement plan, track one item.
 *
 *   walens plan WORKLOAD [--status S] [--owner NAME] [--format text|json]
 *   walens plan set WORKLOAD QUESTION_ID CHOICE_ID [--status S] [--owner NAME]
 *                   [--due DATE] [--priority N] [--impact L] [--effort L]
 *                   [--note TEXT]
 *
 * Items are keyed by question id and choice id.  The list shows the derived
 * plan (by risk, weight, phase, pillar), then the tracked items that left it
 * (resolved by the answer, no longer at risk, gone from the lens). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/plan.h"

enum {
   OPT_FORMAT = 100,
   OPT_STATUS,
   OPT_OWNER,
   OPT_DUE,
   OPT_PRIORITY,
   OPT_NOTE,
   OPT_IMPACT,
   OPT_EFFORT
};

static const OptSpec planOptions[] = {
   {"status", 0, N_("STATUS"),
    N_("open, in_progress, done, risk_accepted or wont_do (list: show only these)"), OPT_STATUS},
   {"owner", 0, N_("NAME"), N_("who owns the item (list: show only theirs; set: \"\" clears)"),
    OPT_OWNER},
   {"due", 0, N_("DATE"), N_("set: due date as YYYY-MM-DD (\"\" clears)"), OPT_DUE},
   {"priority", 0, N_("N"), N_("set: priority, 1 first (0 clears)"), OPT_PRIORITY},
   {"note", 0, N_("TEXT"), N_("set: a note on the item (\"\" clears)"), OPT_NOTE},
   {"impact", 0, N_("LEVEL"), N_("set: impact, low, medium or high (\"\" clears)"), OPT_IMPACT},
   {"effort", 0, N_("LEVEL"), N_("set: effort, low, medium or high (\"\" clears)"), OPT_EFFORT},
   {"format", 0, N_("FORMAT"), N_("list: text (default) or json"), OPT_FORMAT},
   {NULL, 0, NULL, NULL, 0},
};

typedef struct PlanArgs {
   const char *format, *status, *owner, *due, *priority, *note, *impact, *effort;
} PlanArgs;

static bool planOption(int id, const char *value, void *ctx)
{
   PlanArgs *a = ctx;
   switch (id) {
   case OPT_FORMAT: a->format = value; break;
   case OPT_STATUS: a->status = value; break;
   case OPT_OWNER: a->owner = value; break;
   case OPT_DUE: a->due = value; break;
   case OPT_PRIORITY: a->priority = value; break;
   case OPT_NOTE: a->note = value; break;
   case OPT_IMPACT: a->impact = value; break;
   case OPT_EFFORT: a->effort = value; break;
   }
   return true;
}

static bool parseStatus(const char *s, PlanStatus *out)
{
   if (PlanStatus_parse(s, out))
      return true;
   Cli_error(_("unknown status '%s' (open, in_progress, done, risk_accepted, wont_do)"), s);
   return false;
}

/* ---- listing ---- */

static const char *orDash(const char *s)
{
   return s && *s ? s : "-";
}

static bool shown(const PlanItem *it, const PlanArgs *a, PlanStatus status)
{
   if (a->status && it->track.status != status)
      return false;
   if (a->owner && !(it->track.owner && strcmp(it->track.owner, a->owner) == 0))
      return false;
   return true;
}

static const char *practiceTitle(const Lens *lens, const PlanItem *it)
{
   if (it->question == PLAN_NO_INDEX)
      return "-";
   return lens->questions[it->question].choices[it->choice].title;
}

static json_t *itemJson(const ReviewDoc *doc, const PlanItem *it, const char *today)
{
   const Lens *lens = doc->lens;
   const PlanTrack *t = &it->track;
   json_t *o = json_object();
   Json_setString(o, "question", t->question_id);
   Json_setString(o, "choice", t->choice_id);
   Json_setString(o, "state", PlanItemState_name(it->state));
   Json_setString(o, "risk", it->question == PLAN_NO_INDEX ? NULL : Risk_name(it->risk));
   Json_setString(o, "weight", it->weight == WEIGHT_NONE ? NULL : Weight_name(it->weight));
   if (it->question != PLAN_NO_INDEX) {
      const Question *q = &lens->questions[it->question];
      const Choice *c = &q->choices[it->choice];
      Json_setString(o, "question_title", q->title);
      Json_setString(o, "pillar", lens->pillars[q->pillar].id);
      Json_setString(o, "phase", q->phase >= 0 ? lens->phases[q->phase].id : NULL);
      Json_setString(o, "practice", c->title);
      Json_setString(o, "improvement", c->improvement.text);
      Json_setString(o, "improvement_url", c->improvement.url);
   }
   Json_setString(o, "status", PlanStatus_name(t->status));
   Json_setString(o, "owner", t->owner);
   Json_setString(o, "due", t->due);
   Json_set(o, "overdue", json_boolean(PlanItem_isOverdue(it, today)));
   Json_setInt(o, "priority", t->priority);
   Json_setString(o, "note", t->note);
   Json_setInt(o, "version", (long long)t->version);
   Json_setString(o, "updated_at", t->updated_at);
   Json_setString(o, "updated_by", t->updated_by);
   Json_setString(o, "impact", PlanLevel_name(t->impact));
   Json_setString(o, "effort", PlanLevel_name(t->effort));
   return o;
}

static void listJson(const ReviewDoc *doc, const Plan *plan, const PlanArgs *a, PlanStatus st,
                     const char *today)
{
   json_t *root = json_object(), *lens = json_object(), *items = json_array();
   Json_setString(root, "workload", doc->workload.name);
   Json_setString(lens, "key", doc->lens->key);
   Json_setString(lens, "version", doc->lens->version);
   Json_set(root, "lens", lens);
   Json_setString(root, "today", today);
   for (size_t i = 0; i < plan->n; i++)
      if (shown(&plan->items[i], a, st))
         Json_append(items, itemJson(doc, &plan->items[i], today));
   Json_set(root, "items", items);
   Json_print(root);
   json_decref(root);
}

typedef struct Widths {
   int first, weight, question, choice, status, owner, impact, effort;
} Widths;

static int maxInt(int a, int b)
{
   return a > b ? a : b;
}

/* The words of the first column: the risk of an item to improve, else why
 * it left the plan. */
static const char *firstWord(const PlanItem *it)
{
   return it->state == PLAN_ITEM_ACTIVE ? Risk_label(it->risk) : PlanItemState_label(it->state);
}

static const char *weightWord(Weight weight)
{
   return weight == WEIGHT_NONE ? "-" : Weight_label(weight);
}

/* At least the English widths, so that a column does not move with the
 * items shown; wider for a language with longer words. */
static Widths widths(const Plan *plan, const PlanArgs *a, PlanStatus st)
{
   Widths w = {maxInt(10, maxInt(Cli_width(_("RISK")), Cli_width(_("STATE")))),
               maxInt(6, Cli_width(_("WEIGHT"))),
               Cli_width(_("QUESTION")),
               Cli_width(_("CHOICE")),
               maxInt(13, Cli_width(_("STATUS"))),
               Cli_width(_("OWNER")),
               Cli_width(_("IMPACT")),
               Cli_width(_("EFFORT"))};
   /* Every level's word, set or not, so the columns do not move. */
   for (int l = 0; l < PLAN_LEVEL_COUNT; l++) {
      w.impact = maxInt(w.impact, Cli_width(PlanLevel_label((PlanLevel)l)));
      w.effort = maxInt(w.effort, Cli_width(PlanLevel_label((PlanLevel)l)));
   }
   w.weight = maxInt(
      w.weight, maxInt(Cli_width(weightWord(WEIGHT_HIGH)), Cli_width(weightWord(WEIGHT_MEDIUM))));
   for (int i = 0; i < PLAN_STATUS_COUNT; i++)
      w.status = maxInt(w.status, Cli_width(PlanStatus_label((PlanStatus)i)));
   for (size_t i = 0; i < plan->n; i++) {
      const PlanTrack *t = &plan->items[i].track;
      if (!shown(&plan->items[i], a, st))
         continue;
      w.first = maxInt(w.first, Cli_width(firstWord(&plan->items[i])));
      w.question = maxInt(w.question, Cli_width(t->question_id));
      w.choice = maxInt(w.choice, Cli_width(t->choice_id));
      w.owner = maxInt(w.owner, Cli_width(orDash(t->owner)));
   }
   return w;
}

static void printRow(const Widths *w, const PlanItem *it, bool overdue, const char *title)
{
   const PlanTrack *t = &it->track;
   char pri[16], due[16];
   snprintf(pri, sizeof pri, "%d", t->priority);
   snprintf(due, sizeof due, "%s%s", orDash(t->due), overdue ? "!" : "");
   Cli_cell(firstWord(it), w->first);
   Cli_cell(weightWord(it->weight), w->weight);
   Cli_cell(t->question_id, w->question);
   Cli_cell(t->choice_id, w->choice);
   Cli_cell(PlanStatus_label(t->status), w->status);
   Cli_cellRight(t->priority ? pri : "-", 3);
   Cli_cell(PlanLevel_label(t->impact), w->impact);
   Cli_cell(PlanLevel_label(t->effort), w->effort);
   Cli_cell(due, 11);
   Cli_cell(orDash(t->owner), w->owner);
   Cli_printf("%s\n", title);
}

static void printHeader(const Widths *w, const char *first)
{
   Cli_cell(first, w->first);
   Cli_cell(_("WEIGHT"), w->weight);
   Cli_cell(_("QUESTION"), w->question);
   Cli_cell(_("CHOICE"), w->choice);
   Cli_cell(_("STATUS"), w->status);
   Cli_cellRight(_("PRI"), 3);
   /* TRANSLATORS: columns of `walens plan`: a plan item's impact and effort. */
   Cli_cell(_("IMPACT"), w->impact);
   Cli_cell(_("EFFORT"), w->effort);
   Cli_cell(_("DUE"), 11);
   Cli_cell(_("OWNER"), w->owner);
   Cli_printf("%s\n", _("PRACTICE"));
}

static void listText(const ReviewDoc *doc, const Plan *plan, const PlanArgs *a, PlanStatus st,
                     const char *today)
{
   size_t active = 0, rest = 0, high = 0, medium = 0, overdue = 0;
   for (size_t i = 0; i < plan->n; i++) {
      const PlanItem *it = &plan->items[i];
      if (!shown(it, a, st))
         continue;
      if (it->state != PLAN_ITEM_ACTIVE) {
         rest++;
         continue;
      }
      active++;
      high += it->risk == RISK_HIGH;
      medium += it->risk == RISK_MEDIUM;
      overdue += PlanItem_isOverdue(it, today);
   }
   Cli_printf(
      _("Improvement plan of %s: to improve %zu (HIGH %zu, MEDIUM %zu), overdue %zu (marked !)\n"),
      doc->workload.name, active, high, medium, overdue);
   Widths w = widths(plan, a, st);
   if (active) {
      putchar('\n');
      printHeader(&w, _("RISK"));
   }
   for (size_t i = 0; i < plan->n_active; i++) {
      const PlanItem *it = &plan->items[i];
      if (shown(it, a, st))
         printRow(&w, it, PlanItem_isOverdue(it, today), practiceTitle(doc->lens, it));
   }
   if (rest == 0)
      return;
   Cli_printf(_("\nTracked items no longer in the plan: %zu\n"), rest);
   printHeader(&w, _("STATE"));
   for (size_t i = plan->n_active; i < plan->n; i++) {
      const PlanItem *it = &plan->items[i];
      if (shown(it, a, st))
         printRow(&w, it, false, practiceTitle(doc->lens, it));
   }
}

static int planList(CliEnv *env, const PlanArgs *a, const char *workload)
{
   PlanStatus st = PLAN_OPEN;
   if (a->format && strcmp(a->format, "text") != 0 && strcmp(a->format, "json") != 0) {
      Cli_error(_("unknown format '%s' (text, json)"), a->format);
      return EXIT_USAGE;
   }
   if (a->due || a->priority || a->note || a->impact || a->effort) {
      Cli_error("%s", _("--due, --priority, --impact, --effort and --note go with 'walens plan "
                        "set'"));
      return EXIT_USAGE;
   }
   if (a->status && !parseStatus(a->status, &st))
      return EXIT_USAGE;
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, workload, &doc);
   if (!s)
      return EXIT_FAIL;
   Plan plan;
   char *err = NULL;
   int rc = EXIT_FAIL;
   if (StorePlan_load(s, &doc, &plan, &err) == STORE_OK) {
      char today[11];
      StorePlan_today(s, today);
      if (a->format && strcmp(a->format, "json") == 0)
         listJson(&doc, &plan, a, st, today);
      else
         listText(&doc, &plan, a, st, today);
      Plan_free(&plan);
      rc = EXIT_OK;
   } else {
      Cli_error("%s", err);
      free(err);
   }
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

/* ---- setting ---- */

typedef struct Change {
   bool status_set;
   PlanStatus status;
   int priority; /* -1: unchanged */
   PlanLevel impact, effort;
} Change;

static bool parseLevel(const char *what, const char *s, PlanLevel *out)
{
   if (PlanLevel_parse(s, out))
      return true;
   Cli_error(_("invalid %s '%s' (low, medium or high; \"\" clears)"), what, s);
   return false;
}

static bool validateSet(const PlanArgs *a, Change *c)
{
   c->priority = -1;
   if (a->format) {
      Cli_error("%s", _("--format goes with 'walens plan WORKLOAD'"));
      return false;
   }
   if (!a->status && !a->owner && !a->due && !a->priority && !a->note && !a->impact && !a->effort) {
      Cli_error("%s", _("nothing to record: give --status, --owner, --due, --priority, --impact, "
                        "--effort or --note"));
      return false;
   }
   if (a->impact && !parseLevel("impact", a->impact, &c->impact))
      return false;
   if (a->effort && !parseLevel("effort", a->effort, &c->effort))
      return false;
   if (a->status && !parseStatus(a->status, &c->status))
      return false;
   c->status_set = a->status != NULL;
   if (a->due && *a->due && !Plan_validDate(a->due)) {
      Cli_error(_("invalid due date '%s' (a real date as YYYY-MM-DD)"), a->due);
      return false;
   }
   if (a->priority && !Plan_parsePriority(a->priority, &c->priority)) {
      Cli_error(_("invalid priority '%s' (0 for none, or 1 and up)"), a->priority);
      return false;
   }
   return true;
}

static void replace(char **field, const char *value)
{
   if (!value)
      return;
   free(*field);
   *field = *value ? xstrdup(value) : NULL;
}

/* The item's current tracking with the user's changes applied. */
static void applyChange(PlanTrack *t, const PlanArgs *a, const Change *c)
{
   if (c->status_set)
      t->status = c->status;
   replace(&t->owner, a->owner);
   replace(&t->due, a->due);
   replace(&t->note, a->note);
   if (c->priority >= 0)
      t->priority = c->priority;
   if (a->impact)
      t->impact = c->impact;
   if (a->effort)
      t->effort = c->effort;
}

static void printItem(const PlanItem *it)
{
   const PlanTrack *t = &it->track;
   Cli_printf("%s %s: %s", t->question_id, t->choice_id, PlanStatus_label(t->status));
   if (t->owner)
      Cli_printf(_(", owner %s"), t->owner);
   if (t->due)
      Cli_printf(_(", due %s"), t->due);
   if (t->priority)
      Cli_printf(_(", priority %d"), t->priority);
   if (t->impact != PLAN_LEVEL_NONE)
      Cli_printf(_(", impact %s"), PlanLevel_label(t->impact));
   if (t->effort != PLAN_LEVEL_NONE)
      Cli_printf(_(", effort %s"), PlanLevel_label(t->effort));
   if (t->note)
      Cli_printf(_(", note \"%s\""), t->note);
   if (it->state != PLAN_ITEM_ACTIVE)
      Cli_printf(" (%s)", PlanItemState_label(it->state));
   putchar('\n');
}

/* An item neither tracked nor in the plan (given only the defaults, which
 * store nothing), as it stands. */
static void printUntracked(const ReviewDoc *doc, const char *qid, const char *cid)
{
   PlanItem it = {.track = {.question_id = xstrdup(qid), .choice_id = xstrdup(cid)}};
   PlanItem_classify(&doc->review, &it);
   printItem(&it);
   PlanTrack_free(&it.track);
}

/* The change is an intent on the fields given, merged into the item as it
 * is at the write: fields others changed meanwhile stay theirs unless this
 * change sets the same field, which is a clash, not written, and said. */
static int record(CliEnv *env, Store *s, ReviewDoc *doc, const char *qid, const char *cid,
                  const PlanArgs *a, const Change *c)
{
   char *err = NULL;
   Plan cur;
   StoreStatus st = StorePlan_load(s, doc, &cur, &err);
   StoreMerge m = {0};
   if (st == STORE_OK) {
      const PlanItem *it = Plan_find(&cur, qid, cid);
      PlanTrack base = {0}, t = {0};
      if (it)
         PlanTrack_copy(&base, &it->track);
      else {
         base.question_id = xstrdup(qid);
         base.choice_id = xstrdup(cid);
      }
      PlanTrack_copy(&t, &base);
      applyChange(&t, a, c);
      st = ReviewDoc_mergePlan(s, doc, it ? &base : NULL, &t, Cli_user(env), NULL, &m, &err);
      PlanTrack_free(&t);
      PlanTrack_free(&base);
      Plan_free(&cur);
   }
   if (st != STORE_OK) {
      Cli_error("%s", err ? err : Store_statusText(st));
      free(err);
      return st == STORE_INVALID ? EXIT_USAGE : EXIT_FAIL;
   }
   int rc = m.n_clashes ? EXIT_FAIL : EXIT_OK;
   err = NULL;
   Plan plan;
   if (StorePlan_load(s, doc, &plan, &err) == STORE_OK) {
      const PlanItem *it = Plan_find(&plan, qid, cid);
      if (it)
         printItem(it);
      else
         printUntracked(doc, qid, cid);
      Plan_free(&plan);
   } else {
      free(err);
   }
   if (m.n_clashes)
      Cli_error("%s %s: %s", qid, cid, m.message);
   StoreMerge_free(&m);
   return rc;
}

/* After a refused practice id: the ids plan set takes for that question
 * (every practice but "None of these"), as answer lists its choices. */
static void listPractices(const ReviewDoc *doc, const char *qid, const char *cid)
{
   const Question *q = Lens_findQuestion(doc->lens, qid, NULL);
   int c = q ? Question_findChoice(q, cid) : -1;
   if (!q || (c >= 0 && !q->choices[c].is_none))
      return;
   Cli_fprintf(stderr, _("valid practices of %s:"), q->id);
   for (size_t i = 0; i < q->n_choices; i++)
      if (!q->choices[i].is_none)
         Cli_fprintf(stderr, " %s", q->choices[i].id);
   fputc('\n', stderr);
}

static int planSet(CliEnv *env, const PlanArgs *a, char **pos)
{
   Change c = {0};
   if (!validateSet(a, &c))
      return EXIT_USAGE;
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, pos[0], &doc);
   if (!s)
      return EXIT_FAIL;
   int rc = record(env, s, &doc, pos[1], pos[2], a, &c);
   if (rc == EXIT_USAGE)
      listPractices(&doc, pos[1], pos[2]);
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

int Cmd_plan(CliEnv *env, int argc, char **argv)
{
   PlanArgs args = {0};
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, planOptions, planOption, &args, &pos, &npos))
      return EXIT_USAGE;
   int rc;
   if (env->help) {
      Cli_printCommandHelp("plan", planOptions);
      rc = EXIT_OK;
   } else if (npos >= 1 && strcmp(pos[0], "set") == 0 && npos != 1) {
      if (npos != 4) {
         Cli_usageError("plan", "set");
         rc = EXIT_USAGE;
      } else {
         rc = planSet(env, &args, pos + 1);
      }
   } else if (npos != 1) {
      Cli_usageError("plan", "WORKLOAD");
      rc = EXIT_USAGE;
   } else {
      rc = planList(env, &args, pos[0]);
   }
   free(pos);
   return rc;
}
