/* cmd_milestone.c: walens milestone add|list|diff — named snapshots of a
 * review and what changed between two of them (or one and now). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/json.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "report/rtext.h"
#include "store/plan.h"

enum { OPT_FORMAT = 100 };

static const OptSpec milestoneOptions[] = {
   {"format", 0, N_("FORMAT"), N_("list, diff: text (default) or json"), OPT_FORMAT},
   {NULL, 0, NULL, NULL, 0},
};

static bool milestoneOption(int id, const char *value, void *ctx)
{
   if (id == OPT_FORMAT)
      *(const char **)ctx = value;
   return true;
}

static const char *orDash(const char *s)
{
   return s && *s ? s : "-";
}

/* ---- add ---- */

static int milestoneAddNamed(CliEnv *env, const char *workload, const char *name)
{
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, workload, &doc);
   if (!s)
      return EXIT_FAIL;
   char *err = NULL;
   int rc = EXIT_FAIL;
   StoreStatus st = StorePlan_addMilestone(s, &doc, name, Cli_user(env), NULL, &err);
   if (st == STORE_OK) {
      RiskCounts c;
      Review_counts(&doc.review, &c);
      char *words = Cli_riskWords(c.by_risk);
      Cli_printf(_("Milestone '%s' saved for %s: %s\n"), name, workload, words);
      free(words);
      rc = EXIT_OK;
   } else {
      Cli_error("%s", err);
      free(err);
      rc = st == STORE_INVALID ? EXIT_USAGE : EXIT_FAIL;
   }
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

static int milestoneAdd(CliEnv *env, const char *workload, const char *given)
{
   char *name = Cli_name(NAME_MILESTONE, given);
   int rc = name ? milestoneAddNamed(env, workload, name) : EXIT_USAGE;
   free(name);
   return rc;
}

/* ---- list ---- */

static json_t *countsJson(const SnapCounts *c)
{
   return Json_checked(SnapCounts_toJson(c));
}

static json_t *groupsJson(const SnapGroup *g, size_t n)
{
   return Json_checked(SnapGroups_toJson(g, n));
}

static void listJson(const ReviewDoc *doc, const MilestoneSnap *m, size_t n)
{
   json_t *root = json_object(), *arr = json_array();
   Json_setString(root, "workload", doc->workload.name);
   for (size_t i = 0; i < n; i++) {
      json_t *o = json_object(), *lens = json_object();
      Json_setString(o, "name", m[i].row.name);
      Json_setString(o, "created_at", m[i].row.created_at);
      Json_setString(o, "created_by", m[i].row.created_by);
      if (m[i].damage) {
         /* Damaged: named, with why, and nothing made up. */
         json_decref(lens);
         Json_setString(o, "damaged", m[i].damage);
         Json_append(arr, o);
         continue;
      }
      Json_setString(lens, "key", m[i].snap.lens_key);
      Json_setString(lens, "version", m[i].snap.lens_version);
      Json_set(o, "lens", lens);
      Json_set(o, "counts", countsJson(&m[i].snap.total));
      Json_set(o, "pillars", groupsJson(m[i].snap.pillars, m[i].snap.n_pillars));
      Json_set(o, "phases", groupsJson(m[i].snap.phases, m[i].snap.n_phases));
      Json_append(arr, o);
   }
   Json_set(root, "milestones", arr);
   Json_print(root);
   json_decref(root);
}

static void listText(const ReviewDoc *doc, const MilestoneSnap *m, size_t n)
{
   Cli_printf(_("Milestones of %s: %zu\n"), doc->workload.name, n);
   if (n == 0)
      return;
   int w = Cli_width(_("NAME"));
   for (size_t i = 0; i < n; i++)
      if (Cli_width(m[i].row.name) > w)
         w = Cli_width(m[i].row.name);
   putchar('\n');
   Cli_cell(_("NAME"), w);
   Cli_cell(_("CREATED"), 20);
   Cli_cell(_("BY"), 10);
   Cli_cellRight(_("HIGH"), 4);
   Cli_cellRight(_("MEDIUM"), 6);
   Cli_cellRight(_("OK"), 4);
   Cli_cellRight(_("N/A"), 4);
   Cli_cellRight(_("UNANSWERED"), 10);
   Cli_cellRight(_("PLAN"), 4);
   Cli_printf("%s\n", _("LENS"));
   for (size_t i = 0; i < n; i++) {
      const SnapCounts *c = &m[i].snap.total;
      Cli_cell(m[i].row.name, w);
      Cli_cell(m[i].row.created_at, 20);
      Cli_cell(m[i].row.created_by, 10);
      if (m[i].damage) {
         Cli_printf("%4s %6s %4s %4s %10s %4s %s\n", "-", "-", "-", "-", "-", "-",
                    _("damaged, not readable"));
         continue;
      }
      Cli_printf("%4zu %6zu %4zu %4zu %10zu %4zu %s %s\n", c->by_risk[RISK_HIGH],
                 c->by_risk[RISK_MEDIUM], c->by_risk[RISK_NONE], c->by_risk[RISK_NOT_APPLICABLE],
                 c->by_risk[RISK_UNANSWERED], c->plan_active, orDash(m[i].snap.lens_key),
                 orDash(m[i].snap.lens_version));
   }
}

static int milestoneList(CliEnv *env, const char *workload, bool json)
{
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, workload, &doc);
   if (!s)
      return EXIT_FAIL;
   MilestoneSnap *m = NULL;
   size_t n = 0;
   char *err = NULL;
   int rc = EXIT_FAIL;
   if (StorePlan_milestones(s, &doc, &m, &n, &err) == STORE_OK) {
      if (json)
         listJson(&doc, m, n);
      else
         listText(&doc, m, n);
      for (size_t i = 0; i < n; i++)
         if (m[i].damage)
            Cli_error(_("warning: %s"), m[i].damage);
      MilestoneSnap_freeArray(m, n);
      rc = EXIT_OK;
   } else {
      Cli_error("%s", err);
      free(err);
   }
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

/* ---- diff ---- */

typedef struct Side {
   const char *name;       /* milestone name, NULL for now */
   const char *created_at; /* NULL for now */
   const Snapshot *snap;
} Side;

static const char *choiceTitle(const Snapshot *s, const PlanItem *it)
{
   if (!it || it->question == PLAN_NO_INDEX || it->question >= s->n_questions)
      return NULL;
   const SnapQuestion *q = &s->questions[it->question];
   return it->choice < q->n_choices ? q->choices[it->choice].title : NULL;
}

static const char *planTitle(const Side *a, const Side *b, const SnapPlanChange *c)
{
   const char *t = choiceTitle(b->snap, c->to);
   return t ? t : choiceTitle(a->snap, c->from);
}

static const PlanItem *either(const SnapPlanChange *c)
{
   return c->to ? c->to : c->from;
}

static const char *kindName(SnapPlanChangeKind k)
{
   return k == SNAP_PLAN_OPENED ? "opened" : k == SNAP_PLAN_CLOSED ? "closed" : "changed";
}

static json_t *trackJson(const PlanItem *it)
{
   if (!it)
      return json_null();
   json_t *o = json_object();
   Json_setString(o, "state", PlanItemState_name(it->state));
   Json_setString(o, "status", PlanStatus_name(it->track.status));
   Json_setString(o, "owner", it->track.owner);
   Json_setString(o, "due", it->track.due);
   Json_setInt(o, "priority", it->track.priority);
   Json_setString(o, "note", it->track.note);
   return o;
}

static json_t *sideJson(const Side *s)
{
   json_t *o = json_object(), *lens = json_object();
   Json_setString(o, "milestone", s->name);
   Json_setString(o, "created_at", s->created_at);
   Json_setString(lens, "key", s->snap->lens_key);
   Json_setString(lens, "version", s->snap->lens_version);
   Json_set(o, "lens", lens);
   Json_set(o, "counts", countsJson(&s->snap->total));
   return o;
}

static void diffJson(const char *workload, const Side *a, const Side *b, const SnapshotDiff *d)
{
   json_t *root = json_object(), *risks = json_array(), *practices = json_array(),
          *plan = json_array(), *totals = json_object();
   Json_setString(root, "workload", workload);
   Json_set(root, "from", sideJson(a));
   Json_set(root, "to", sideJson(b));
   for (size_t i = 0; i < d->n_risks; i++) {
      const SnapRiskChange *r = &d->risks[i];
      const SnapQuestion *q = r->to ? r->to : r->from;
      json_t *o = json_object();
      Json_setString(o, "question", q->id);
      Json_setString(o, "title", q->title);
      Json_setString(o, "from", r->from ? Risk_name(r->from->risk) : NULL);
      Json_setString(o, "to", r->to ? Risk_name(r->to->risk) : NULL);
      Json_append(risks, o);
   }
   for (size_t i = 0; i < d->n_practices; i++) {
      const SnapPracticeChange *p = &d->practices[i];
      json_t *o = json_object();
      Json_setString(o, "question", p->question->id);
      Json_setString(o, "choice", p->choice->id);
      Json_setString(o, "title", p->choice->title);
      Json_set(o, "selected", json_boolean(p->selected));
      Json_append(practices, o);
   }
   for (size_t i = 0; i < d->n_plan; i++) {
      const SnapPlanChange *c = &d->plan[i];
      json_t *o = json_object(), *fields = json_array();
      Json_setString(o, "change", kindName(c->kind));
      Json_setString(o, "question", either(c)->track.question_id);
      Json_setString(o, "choice", either(c)->track.choice_id);
      Json_setString(o, "title", planTitle(a, b, c));
      for (unsigned f = 1; f <= SNAP_FIELD_EFFORT; f <<= 1) /* every SNAP_FIELD_* bit */
         if (c->fields & f)
            Json_append(fields, Json_string(SnapField_name(f)));
      Json_set(o, "fields", fields);
      Json_set(o, "from", trackJson(c->from));
      Json_set(o, "to", trackJson(c->to));
      Json_append(plan, o);
   }
   Json_set(root, "risks", risks);
   Json_set(root, "practices", practices);
   Json_set(root, "plan", plan);
   Json_setInt(totals, "risk_better", (long long)d->n_better);
   Json_setInt(totals, "risk_worse", (long long)d->n_worse);
   Json_setInt(totals, "risk_answered", (long long)d->n_answered);
   Json_setInt(totals, "risk_unanswered", (long long)d->n_unanswered);
   Json_setInt(totals, "questions_added", (long long)d->n_added);
   Json_setInt(totals, "questions_removed", (long long)d->n_removed);
   Json_setInt(totals, "selected", (long long)d->n_selected);
   Json_setInt(totals, "unselected", (long long)d->n_unselected);
   Json_setInt(totals, "opened", (long long)d->n_opened);
   Json_setInt(totals, "closed", (long long)d->n_closed);
   Json_setInt(totals, "changed", (long long)d->n_changed);
   Json_set(root, "totals", totals);
   Json_print(root);
   json_decref(root);
}

static void sectionHead(const char *title, size_t n)
{
   if (n)
      Cli_printf("\n%s (%zu):\n", title, n);
   else
      Cli_printf(_("\n%s: none\n"), title);
}

/* The width the difference is wrapped to: the terminal's, else 80 (a
 * pipe, a file, a printer). */
static size_t diffWidth(void)
{
   struct winsize ws;
   if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
      return ws.ws_col;
   return 80;
}

/* "  ID  WHAT  TEXT": one difference, lined up by columns.  TEXT is wrapped
 * to the width and its continuation lines start under it, not at the
 * margin where a terminal would break them. */
static void diffRow(const char *id, int wid, const char *what, int wwhat, const char *text)
{
   size_t col = 2 + (size_t)(Cli_width(id) > wid ? Cli_width(id) + 1 : wid + 1) +
                (size_t)(Cli_width(what) > wwhat ? Cli_width(what) + 1 : wwhat + 1);
   size_t width = diffWidth(), room = width > col + 20 ? width - col : 20;
   char **lines;
   size_t n;
   /* One record, one line: a line break inside a title shows as the mark,
    * it does not start a line of its own (tests/cli/oneline.sh). */
   char *one = Utf8_sanitizeStr(text ? text : "", UTF8_ONE_LINE);
   Rtext_wrapKeepUrls(one, room, &lines, &n);
   free(one);
   Cli_printf("  ");
   Cli_cell(id, wid);
   Cli_cell(what, wwhat);
   for (size_t i = 0; i < n; i++)
      Cli_printf("%*s%s\n", i ? (int)col : 0, "", lines[i]);
   Rtext_freeLines(lines, n);
}

static void diffRisksText(const SnapshotDiff *d)
{
   sectionHead(_("Risk changes"), d->n_risks);
   for (size_t i = 0; i < d->n_risks; i++) {
      const SnapRiskChange *r = &d->risks[i];
      const SnapQuestion *q = r->to ? r->to : r->from;
      char change[64];
      snprintf(change, sizeof change, "%s -> %s", r->from ? Risk_label(r->from->risk) : _("(new)"),
               r->to ? Risk_label(r->to->risk) : _("(removed)"));
      diffRow(q->id, 10, change, 28, orDash(q->title));
   }
}

static void diffPracticesText(const SnapshotDiff *d)
{
   for (int sel = 1; sel >= 0; sel--) {
      size_t n = sel ? d->n_selected : d->n_unselected;
      sectionHead(sel ? _("Practices selected") : _("Practices unselected"), n);
      for (size_t i = 0; i < d->n_practices; i++) {
         const SnapPracticeChange *p = &d->practices[i];
         if (p->selected == (sel == 1))
            diffRow(p->question->id, 10, p->choice->id, 16, orDash(p->choice->title));
      }
   }
}

static void diffPlanText(const Side *a, const Side *b, const SnapshotDiff *d)
{
   static const char *const heads[] = {N_("Plan items opened"), N_("Plan items closed"),
                                       N_("Plan items changed")};
   const size_t counts[] = {d->n_opened, d->n_closed, d->n_changed};
   for (int k = 0; k < 3; k++) {
      sectionHead(_(heads[k]), counts[k]);
      for (size_t i = 0; i < d->n_plan; i++) {
         const SnapPlanChange *c = &d->plan[i];
         if ((int)c->kind != k)
            continue;
         const PlanTrack *t = &either(c)->track;
         diffRow(t->question_id, 10, t->choice_id, 16, orDash(planTitle(a, b, c)));
         if (c->fields) {
            char *f = SnapPlanChange_describe(c, " -> ");
            diffRow("", 10, "", 16, f);
            free(f);
         }
      }
   }
}

static void diffTotalsText(const Side *a, const Side *b, const SnapshotDiff *d)
{
   const SnapCounts *x = &a->snap->total, *y = &b->snap->total;
   Cli_printf(_("\nTotals:\n"));
   Cli_printf(_("  risk changes: %zu better, %zu worse, %zu newly answered, %zu no longer "
                "answered\n"),
              d->n_better, d->n_worse, d->n_answered, d->n_unanswered);
   Cli_printf(_("  questions: %zu added, %zu removed\n"), d->n_added, d->n_removed);
   Cli_printf(_("  practices: %zu selected, %zu unselected\n"), d->n_selected, d->n_unselected);
   Cli_printf(_("  plan items: %zu opened, %zu closed, %zu changed\n"), d->n_opened, d->n_closed,
              d->n_changed);
   static const Risk order[] = {RISK_HIGH, RISK_MEDIUM, RISK_NONE, RISK_NOT_APPLICABLE,
                                RISK_UNANSWERED};
   Cli_printf("  ");
   for (size_t i = 0; i < sizeof order / sizeof *order; i++)
      Cli_printf("%s%s %zu -> %zu", i ? ", " : "", Risk_label(order[i]), x->by_risk[order[i]],
                 y->by_risk[order[i]]);
   Cli_printf("\n");
   Cli_printf(_("  items to improve %zu -> %zu, practices selected %zu -> %zu\n"), x->plan_active,
              y->plan_active, x->practices_selected, y->practices_selected);
}

static void sideLabel(const Side *s, char *buf, size_t size)
{
   if (s->name)
      snprintf(buf, size, "'%s' (%s, %s %s)", s->name, s->created_at, orDash(s->snap->lens_key),
               orDash(s->snap->lens_version));
   else
      snprintf(buf, size, _("now (%s %s)"), orDash(s->snap->lens_key),
               orDash(s->snap->lens_version));
}

static void diffText(const char *workload, const Side *a, const Side *b, const SnapshotDiff *d)
{
   char la[256], lb[256];
   sideLabel(a, la, sizeof la);
   sideLabel(b, lb, sizeof lb);
   char *head = xasprintf(_("Changes in %s from %s to %s\n"), workload, la, lb);
   head[strcspn(head, "\n")] = '\0'; /* the msgid keeps its newline */
   char *one = Utf8_sanitizeStr(head, UTF8_ONE_LINE);
   char **lines;
   size_t n;
   Rtext_wrapKeepUrls(one, diffWidth() - 2, &lines, &n);
   free(one);
   for (size_t i = 0; i < n; i++)
      Cli_printf("%s%s\n", i ? "  " : "", lines[i]);
   Rtext_freeLines(lines, n);
   free(head);
   diffRisksText(d);
   diffPracticesText(d);
   diffPlanText(a, b, d);
   diffTotalsText(a, b, d);
}

static int milestoneDiff(CliEnv *env, char **pos, size_t npos, bool json)
{
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, pos[1], &doc);
   if (!s)
      return EXIT_FAIL;
   MilestoneSnap ma = {0}, mb = {0};
   Snapshot now = {0};
   char *err = NULL;
   StoreStatus st = StorePlan_milestone(s, &doc, pos[2], &ma, &err);
   if (st == STORE_OK && npos == 4)
      st = StorePlan_milestone(s, &doc, pos[3], &mb, &err);
   else if (st == STORE_OK)
      st = StorePlan_snapshot(s, &doc, &now, &err);
   int rc = EXIT_FAIL;
   if (st == STORE_OK) {
      Side a = {ma.row.name, ma.row.created_at, &ma.snap};
      Side b =
         npos == 4 ? (Side){mb.row.name, mb.row.created_at, &mb.snap} : (Side){NULL, NULL, &now};
      SnapshotDiff d;
      Snapshot_diff(a.snap, b.snap, &d);
      if (json)
         diffJson(doc.workload.name, &a, &b, &d);
      else
         diffText(doc.workload.name, &a, &b, &d);
      SnapshotDiff_free(&d);
      rc = EXIT_OK;
   } else {
      Cli_error("%s", err);
      free(err);
   }
   MilestoneSnap_free(&ma);
   MilestoneSnap_free(&mb);
   Snapshot_free(&now);
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

static int dispatch(CliEnv *env, char **pos, size_t npos, const char *format)
{
   const char *verb = npos ? pos[0] : "";
   bool json = format && strcmp(format, "json") == 0;
   if (format && strcmp(format, "text") != 0 && !json) {
      Cli_error(_("unknown format '%s' (text, json)"), format);
      return EXIT_USAGE;
   }
   if (strcmp(verb, "add") == 0 && npos == 3 && !format)
      return milestoneAdd(env, pos[1], pos[2]);
   if (strcmp(verb, "list") == 0 && npos == 2)
      return milestoneList(env, pos[1], json);
   if (strcmp(verb, "diff") == 0 && (npos == 3 || npos == 4))
      return milestoneDiff(env, pos, npos, json);
   Cli_usageError("milestone", NULL);
   static const char *const verbs[] = {"add", "list", "diff"};
   Cli_suggest(verb, verbs, sizeof verbs / sizeof *verbs);
   return EXIT_USAGE;
}

int Cmd_milestone(CliEnv *env, int argc, char **argv)
{
   const char *format = NULL;
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, milestoneOptions, milestoneOption, &format, &pos, &npos))
      return EXIT_USAGE;
   int rc;
   if (env->help) {
      Cli_printCommandHelp("milestone", milestoneOptions);
      rc = EXIT_OK;
   } else {
      rc = dispatch(env, pos, npos, format);
   }
   free(pos);
   return rc;
}
