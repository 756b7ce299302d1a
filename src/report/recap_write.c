/* recap_write.c: the recap as text (fits an email), CommonMark, HTML that
 * prints like the other reports, and JSON (doc/recap-json.md).
 *
 * The three prose formats share one layout: sections of rows, built once
 * (Sect) and then drawn by each; JSON keeps the data exact. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/agendafile.h"

#include "core/json.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "report/recap.h"
#include "report/rtext.h"

#define MAX_COLS 6

typedef struct Sect {
   const char *title;
   const char *heads[MAX_COLS];
   size_t ncols;
   char *(*rows)[MAX_COLS];
   size_t nrows;
} Sect;

enum { S_PEOPLE, S_AGENDA, S_QUESTIONS, S_NEW, S_PLAN, S_PARKED, S_POLLS, S_LEFT, N_SECTS };

static void row(Sect *s, ...)
{
   s->rows = xrealloc(s->rows, (s->nrows + 1) * sizeof *s->rows);
   va_list ap;
   va_start(ap, s);
   for (size_t c = 0; c < s->ncols; c++) {
      const char *v = va_arg(ap, const char *);
      s->rows[s->nrows][c] = xstrdup(v ? v : "-");
   }
   va_end(ap);
   s->nrows++;
}

static long long minutesBetween(const char *a, const char *b)
{
   struct tm x = {0}, y = {0};
   if (!a || !b || !strptime(a, "%Y-%m-%dT%H:%M:%SZ", &x) || !strptime(b, "%Y-%m-%dT%H:%M:%SZ", &y))
      return 0;
   return (long long)((timegm(&y) - timegm(&x)) / 60);
}

static const char *qTitle(const Recap *r, size_t q)
{
   return r->doc.lens->questions[q].title;
}

static void buildPeople(const Recap *r, Sect *s)
{
   *s = (Sect){
      _("Who attended"), {_("who"), _("from"), _("to"), _("minutes"), _("acts")}, 5, NULL, 0};
   for (size_t i = 0; i < r->n_people; i++) {
      const RecapPerson *p = &r->people[i];
      char mins[32], acts[32];
      snprintf(mins, sizeof mins, "%lld", minutesBetween(p->first, p->last));
      snprintf(acts, sizeof acts, "%zu", p->acts);
      row(s, p->user, p->first, p->last, mins, acts);
   }
}

static void buildAgenda(const Recap *r, Sect *s)
{
   *s =
      (Sect){_("Agenda"), {_("item"), _("kind"), _("planned"), _("spent"), _("clock")}, 5, NULL, 0};
   for (size_t i = 0; i < r->n_agenda; i++) {
      const RecapItem *it = &r->agenda[i];
      char planned[32], spent[48], clock[64] = "";
      snprintf(planned, sizeof planned, _("%d min"), it->minutes);
      snprintf(spent, sizeof spent, "%lld:%02lld", it->spent_s / 60, it->spent_s % 60);
      if (it->spent_s > 0 || it->current)
         AgendaFile_clock(clock, sizeof clock, it->spent_s, it->minutes);
      row(s, it->label, it->kind, planned, spent, *clock ? clock : NULL);
   }
}

static void buildQuestions(const Recap *r, Sect *s, Sect *news)
{
   *s = (Sect){_("Questions answered or changed"),
               {_("question"), _("before"), _("after"), _("changes"), _("title")},
               5,
               NULL,
               0};
   *news =
      (Sect){_("New high and medium risks"), {_("question"), _("risk"), _("title")}, 3, NULL, 0};
   for (size_t i = 0; i < r->n_questions; i++) {
      const RecapQuestion *q = &r->questions[i];
      const char *id = r->doc.lens->questions[q->q].id;
      char changes[48];
      snprintf(changes, sizeof changes, q->from_poll ? _("%zu, by poll") : "%zu", q->changes);
      row(s, id, Risk_label(q->before), Risk_label(q->after), changes, qTitle(r, q->q));
      if (RecapQuestion_isNewRisk(q))
         row(news, id, Risk_label(q->after), qTitle(r, q->q));
   }
}

static void buildPlan(const Recap *r, Sect *s)
{
   *s = (Sect){_("Plan items created or assigned"),
               {_("item"), _("owner"), _("due"), _("status"), _("by")},
               5,
               NULL,
               0};
   for (size_t i = 0; i < r->n_plan; i++) {
      const RecapPlan *p = &r->plan[i];
      char *item = xasprintf("%s/%s", p->question, p->choice);
      row(s, item, p->owner, p->due, p->status, p->by);
      free(item);
   }
}

static void buildParked(const Recap *r, Sect *s)
{
   *s = (Sect){_("Parked points"),
               {_("#"), _("by"), _("question"), _("point"), _("state"), _("outcome")},
               6,
               NULL,
               0};
   for (size_t i = 0; i < r->n_parked; i++) {
      const Parked *p = &r->parked[i];
      char num[32];
      snprintf(num, sizeof num, "%lld", (long long)p->id);
      char *outcome = p->plan_question
                         ? xasprintf(_("plan item %s/%s"), p->plan_question, p->plan_choice)
                         : xstrdup(p->word ? p->word : "-");
      row(s, num, p->user, p->question_id, p->text, p->state, outcome);
      free(outcome);
   }
}

static void buildPolls(const Recap *r, Sect *s)
{
   *s = (Sect){_("Polls"), {_("question"), _("state"), _("ballots"), _("split")}, 4, NULL, 0};
   for (size_t i = 0; i < r->n_polls; i++) {
      const RecapPoll *p = &r->polls[i];
      char ballots[32], split[64];
      snprintf(ballots, sizeof ballots, "%zu", p->poll.n_ballots);
      if (p->split)
         snprintf(split, sizeof split,
                  ngettext("%zu practice split", "%zu practices split", p->split), p->split);
      else
         snprintf(split, sizeof split, "%s", _("agreed on every practice"));
      row(s, p->poll.question_id, p->poll.state, ballots, split);
   }
}

static void buildLeft(const Recap *r, Sect *s)
{
   *s = (Sect){_("Left unanswered"), {_("question"), _("title")}, 2, NULL, 0};
   for (size_t i = 0; i < r->n_unanswered; i++)
      row(s, r->doc.lens->questions[r->unanswered[i]].id, qTitle(r, r->unanswered[i]));
}

static void buildAll(const Recap *r, Sect *s)
{
   buildPeople(r, &s[S_PEOPLE]);
   buildAgenda(r, &s[S_AGENDA]);
   buildQuestions(r, &s[S_QUESTIONS], &s[S_NEW]);
   buildPlan(r, &s[S_PLAN]);
   buildParked(r, &s[S_PARKED]);
   buildPolls(r, &s[S_POLLS]);
   buildLeft(r, &s[S_LEFT]);
}

static void freeAll(Sect *s)
{
   for (size_t i = 0; i < N_SECTS; i++) {
      for (size_t k = 0; k < s[i].nrows; k++)
         for (size_t c = 0; c < s[i].ncols; c++)
            free(s[i].rows[k][c]);
      free(s[i].rows);
   }
}

static char *heading(const Recap *r)
{
   return r->since ? xasprintf(_("Workshop recap: %s, since %s (written %s)"), r->doc.workload.name,
                               r->since, r->now)
                   : xasprintf(_("Workshop recap: %s (written %s)"), r->doc.workload.name, r->now);
}

/* ---- text ---- */

static void textSect(Rout *o, const Sect *s)
{
   Rout_put(o, "\n%s\n", s->title);
   if (s->nrows == 0) {
      Rout_put(o, "  %s\n", _("none"));
      return;
   }
   size_t w[MAX_COLS];
   for (size_t c = 0; c < s->ncols; c++) {
      w[c] = Rtext_width(s->heads[c]);
      for (size_t k = 0; k < s->nrows; k++)
         if (Rtext_width(s->rows[k][c]) > w[c])
            w[c] = Rtext_width(s->rows[k][c]);
   }
   for (size_t k = 0; k <= s->nrows; k++) {
      Rout_put(o, " ");
      for (size_t c = 0; c < s->ncols; c++) {
         const char *v = k == 0 ? s->heads[c] : s->rows[k - 1][c];
         char *clean = Rtext_clean(v, true);
         bool last = c + 1 == s->ncols;
         Rout_put(o, " %s%*s", clean, last ? 0 : (int)(w[c] - Rtext_width(clean)), "");
         free(clean);
      }
      Rout_put(o, "\n");
   }
}

bool RecapText_write(const Recap *r, FILE *f)
{
   Rout o = {f, true};
   Sect s[N_SECTS];
   buildAll(r, s);
   char *h = heading(r);
   Rout_put(&o, "%s\n", h);
   free(h);
   for (size_t i = 0; i < N_SECTS; i++)
      textSect(&o, &s[i]);
   freeAll(s);
   return o.ok && !ferror(f);
}

/* ---- CommonMark ---- */

bool RecapMd_write(const Recap *r, FILE *f)
{
   Rout o = {f, true};
   Sect s[N_SECTS];
   buildAll(r, s);
   char *h = heading(r), *hm = Rtext_md(h, true);
   Rout_put(&o, "# %s\n", hm);
   free(h);
   free(hm);
   for (size_t i = 0; i < N_SECTS; i++) {
      Rout_put(&o, "\n## %s\n\n", s[i].title);
      if (s[i].nrows == 0) {
         Rout_put(&o, "%s\n", _("none"));
         continue;
      }
      for (size_t k = 0; k <= s[i].nrows; k++) {
         for (size_t c = 0; c < s[i].ncols; c++) {
            char *v = Rtext_md(k == 0 ? s[i].heads[c] : s[i].rows[k - 1][c], true);
            Rout_put(&o, "| %s ", v);
            free(v);
         }
         Rout_put(&o, "|\n");
         if (k == 0) {
            for (size_t c = 0; c < s[i].ncols; c++)
               Rout_put(&o, "|---");
            Rout_put(&o, "|\n");
         }
      }
   }
   freeAll(s);
   return o.ok && !ferror(f);
}

/* ---- HTML ---- */

static const char css[] =
   "body { font-family: sans-serif; max-width: 60em; margin: 1em auto; padding: 0 1em; }\n"
   "table { border-collapse: collapse; margin-bottom: 1em; }\n"
   "th, td { border: 1px solid #888; padding: 0.2em 0.5em; text-align: left; }\n"
   "@media print { body { max-width: none; padding: 0; } h2 { break-after: avoid; } }\n";

bool RecapHtml_write(const Recap *r, FILE *f)
{
   Rout o = {f, true};
   Sect s[N_SECTS];
   buildAll(r, s);
   char *h = heading(r), *hh = Rtext_html(h, true);
   Rout_put(&o,
            "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n"
            "<style>\n%s</style>\n</head>\n<body>\n<h1>%s</h1>\n",
            hh, css, hh);
   free(h);
   free(hh);
   for (size_t i = 0; i < N_SECTS; i++) {
      char *t = Rtext_html(s[i].title, true);
      Rout_put(&o, "<h2>%s</h2>\n", t);
      free(t);
      if (s[i].nrows == 0) {
         Rout_put(&o, "<p>%s</p>\n", _("none"));
         continue;
      }
      Rout_put(&o, "<table>\n");
      for (size_t k = 0; k <= s[i].nrows; k++) {
         Rout_put(&o, "<tr>");
         for (size_t c = 0; c < s[i].ncols; c++) {
            char *v = Rtext_html(k == 0 ? s[i].heads[c] : s[i].rows[k - 1][c], true);
            Rout_put(&o, k == 0 ? "<th>%s</th>" : "<td>%s</td>", v);
            free(v);
         }
         Rout_put(&o, "</tr>\n");
      }
      Rout_put(&o, "</table>\n");
   }
   Rout_put(&o, "</body>\n</html>\n");
   freeAll(s);
   return o.ok && !ferror(f);
}

/* ---- JSON ---- */

#define RECAP_JSON_VERSION 1

static json_t *peopleJson(const Recap *r)
{
   json_t *a = json_array();
   for (size_t i = 0; i < r->n_people; i++) {
      json_t *o = json_object();
      Json_setString(o, "user", r->people[i].user);
      Json_setString(o, "first", r->people[i].first);
      Json_setString(o, "last", r->people[i].last);
      Json_setInt(o, "minutes", minutesBetween(r->people[i].first, r->people[i].last));
      Json_setInt(o, "acts", (long long)r->people[i].acts);
      Json_append(a, o);
   }
   return a;
}

static json_t *agendaJson(const Recap *r)
{
   json_t *a = json_array();
   for (size_t i = 0; i < r->n_agenda; i++) {
      json_t *o = json_object();
      Json_setString(o, "label", r->agenda[i].label);
      Json_setString(o, "kind", r->agenda[i].kind);
      Json_setInt(o, "minutes", r->agenda[i].minutes);
      Json_setInt(o, "spent_s", r->agenda[i].spent_s);
      Json_set(o, "current", json_boolean(r->agenda[i].current));
      Json_append(a, o);
   }
   return a;
}

static json_t *questionsJson(const Recap *r, bool only_new)
{
   json_t *a = json_array();
   for (size_t i = 0; i < r->n_questions; i++) {
      const RecapQuestion *q = &r->questions[i];
      if (only_new && !RecapQuestion_isNewRisk(q))
         continue;
      json_t *o = json_object();
      Json_setString(o, "question", r->doc.lens->questions[q->q].id);
      if (!only_new) {
         Json_setString(o, "before", Risk_name(q->before));
         Json_setInt(o, "changes", (long long)q->changes);
         Json_set(o, "from_poll", json_boolean(q->from_poll));
      }
      Json_setString(o, only_new ? "risk" : "after", Risk_name(q->after));
      Json_append(a, o);
   }
   return a;
}

static json_t *planJson(const Recap *r)
{
   json_t *a = json_array();
   for (size_t i = 0; i < r->n_plan; i++) {
      const RecapPlan *p = &r->plan[i];
      json_t *o = json_object();
      Json_setString(o, "question", p->question);
      Json_setString(o, "choice", p->choice);
      Json_setString(o, "owner", p->owner);
      Json_setString(o, "due", p->due);
      Json_setString(o, "status", p->status);
      Json_setString(o, "by", p->by);
      Json_setString(o, "at", p->at);
      Json_append(a, o);
   }
   return a;
}

static json_t *parkedJson(const Recap *r)
{
   json_t *a = json_array();
   for (size_t i = 0; i < r->n_parked; i++) {
      const Parked *p = &r->parked[i];
      json_t *o = json_object();
      Json_setInt(o, "id", (long long)p->id);
      Json_setString(o, "by", p->user);
      Json_setString(o, "at", p->at);
      Json_setString(o, "question", p->question_id);
      Json_setString(o, "text", p->text);
      Json_setString(o, "state", p->state);
      Json_setString(o, "word", p->word);
      Json_setString(o, "plan_question", p->plan_question);
      Json_setString(o, "plan_choice", p->plan_choice);
      Json_append(a, o);
   }
   return a;
}

static json_t *pollsJson(const Recap *r)
{
   json_t *a = json_array();
   for (size_t i = 0; i < r->n_polls; i++) {
      const Poll *p = &r->polls[i].poll;
      json_t *o = json_object(), *voters = json_array();
      Json_setString(o, "question", p->question_id);
      Json_setString(o, "state", p->state);
      Json_setString(o, "opened_by", p->opened_by);
      Json_setString(o, "opened_at", p->opened_at);
      for (size_t b = 0; b < p->n_ballots; b++)
         Json_append(voters, json_string(p->ballots[b].user));
      Json_set(o, "voters", voters);
      Json_setInt(o, "split", (long long)r->polls[i].split);
      Json_append(a, o);
   }
   return a;
}

bool RecapJson_write(const Recap *r, FILE *f)
{
   json_t *root = json_object(), *left = json_array();
   Json_setInt(root, "recap_version", RECAP_JSON_VERSION);
   Json_setString(root, "workload", r->doc.workload.name);
   Json_setString(root, "since", r->since);
   Json_setString(root, "written", r->now);
   Json_set(root, "attended", peopleJson(r));
   Json_set(root, "agenda", agendaJson(r));
   Json_set(root, "questions", questionsJson(r, false));
   Json_set(root, "new_risks", questionsJson(r, true));
   Json_set(root, "plan", planJson(r));
   Json_set(root, "parked", parkedJson(r));
   Json_set(root, "polls", pollsJson(r));
   for (size_t i = 0; i < r->n_unanswered; i++)
      Json_append(left, json_string(r->doc.lens->questions[r->unanswered[i]].id));
   Json_set(root, "unanswered", left);
   bool ok = json_dumpf(root, f, JSON_INDENT(2)) == 0 && fputc('\n', f) != EOF;
   json_decref(root);
   return ok && !ferror(f);
}
