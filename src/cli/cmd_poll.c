/* cmd_poll.c: walens poll — a silent poll on one question: the leader
 * opens it, each participant ticks privately the practices they believe
 * are in place, the leader reveals the counts and accepts a consensus into
 * the answer. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/reviewdoc.h"
#include "store/workshop.h"

enum { OPT_FORMAT = 100 };

static const OptSpec pollOptions[] = {
   {"format", 0, N_("FORMAT"), N_("reveal: text (default) or json"), OPT_FORMAT},
   {NULL, 0, NULL, NULL, 0},
};

static bool pollOption(int id, const char *value, void *ctx)
{
   if (id == OPT_FORMAT)
      *(const char **)ctx = value;
   return true;
}

typedef struct PollCtx {
   CliEnv *env;
   Store *s;
   ReviewDoc *doc;
   size_t q;
   const Question *question;
} PollCtx;

static int failed(Store *s)
{
   Cli_error("%s", Store_lastError(s));
   return EXIT_FAIL;
}

/* Splits "A,B" into ids of the question (ids[] borrowed from the lens;
 * caller frees the array); false after naming an unknown one. */
static bool parseIds(const PollCtx *c, const char *list, char ***ids, size_t *n)
{
   *ids = xcalloc(c->question->n_choices + 1, sizeof **ids);
   *n = 0;
   char *copy = xstrdup(list), *save = NULL;
   bool ok = true;
   for (char *w = strtok_r(copy, ",", &save); w && ok; w = strtok_r(NULL, ",", &save)) {
      int i = Question_findChoice(c->question, w);
      if (i < 0) {
         Cli_error(_("no practice '%s' in question %s"), w, c->question->id);
         ok = false;
         break;
      }
      bool dup = false;
      for (size_t k = 0; k < *n; k++)
         dup |= strcmp((*ids)[k], c->question->choices[i].id) == 0;
      if (!dup)
         (*ids)[(*n)++] = c->question->choices[i].id;
   }
   free(copy);
   if (!ok) {
      free(*ids);
      *ids = NULL;
   }
   return ok;
}

static int pollOpen(PollCtx *c)
{
   if (!Cli_mayLead(c->s, &c->doc->workload, Cli_user(c->env), _("open a poll")))
      return EXIT_FAIL;
   if (Store_openPoll(c->s, c->doc->workload.review_id, c->question->id, Cli_user(c->env), NULL) !=
       STORE_OK)
      return failed(c->s);
   Cli_printf(_("Poll opened on %s: each participant votes with 'walens poll %s %s vote "
                "ID,...'.\n"),
              c->question->id, c->doc->workload.name, c->question->id);
   return EXIT_OK;
}

static int pollVote(PollCtx *c, const char *list)
{
   char **ids;
   size_t n;
   if (!parseIds(c, list, &ids, &n))
      return EXIT_USAGE;
   StoreStatus st =
      Store_vote(c->s, c->doc->workload.review_id, c->question->id, Cli_user(c->env), ids, n);
   free(ids);
   if (st != STORE_OK)
      return failed(c->s);
   Cli_printf(ngettext("Ballot of %s on %s: %zu practice in place.\n",
                       "Ballot of %s on %s: %zu practices in place.\n", n),
              Cli_user(c->env), c->question->id, n);
   return EXIT_OK;
}

/* The running poll on this question, or an error printed. */
static bool runningHere(PollCtx *c, Poll *p)
{
   StoreStatus st = Store_runningPoll(c->s, c->doc->workload.review_id, p);
   if (st == STORE_NOT_FOUND) {
      Cli_error(_("no poll is open on %s"), c->doc->workload.name);
      return false;
   }
   if (st != STORE_OK) {
      failed(c->s);
      return false;
   }
   if (strcmp(p->question_id, c->question->id) != 0) {
      Cli_error(_("the poll that is open is on %s, not on %s"), p->question_id, c->question->id);
      Poll_free(p);
      return false;
   }
   return true;
}

static int pollStatus(PollCtx *c)
{
   Poll p;
   if (!runningHere(c, &p))
      return EXIT_FAIL;
   Cli_printf(ngettext("Poll on %s, %s, opened by %s: %zu ballot",
                       "Poll on %s, %s, opened by %s: %zu ballots", p.n_ballots),
              p.question_id, p.state, p.opened_by, p.n_ballots);
   /* Who voted, never what: a ballot stays private until the reveal. */
   for (size_t i = 0; i < p.n_ballots; i++)
      Cli_printf("%s%s", i == 0 ? " (" : ", ", p.ballots[i].user);
   Cli_printf("%s\n", p.n_ballots ? ")" : "");
   Poll_free(&p);
   return EXIT_OK;
}

static void revealText(const PollCtx *c, const Poll *p, const PollTally *t)
{
   Cli_printf(ngettext("Poll on %s: %zu ballot", "Poll on %s: %zu ballots", t->ballots),
              p->question_id, t->ballots);
   Cli_printf(ngettext(", %zu practice split\n", ", %zu practices split\n", t->split), t->split);
   int w = 2;
   for (size_t i = 0; i < t->n; i++)
      if (Cli_width(c->question->choices[i].id) > w)
         w = Cli_width(c->question->choices[i].id);
   for (size_t i = 0; i < t->n; i++) {
      const TallyRow *r = &t->rows[i];
      char count[48];
      snprintf(count, sizeof count, "%zu/%zu", r->yes, t->ballots);
      /* '=' agreed, '~' split: readable without colour. */
      Cli_printf("%s ", r->agreed ? "=" : "~");
      Cli_cell(c->question->choices[i].id, w);
      Cli_cellRight(count, 5);
      Cli_printf(" %s ", r->majority ? "*" : " ");
      if (r->agreed)
         Cli_printf("%s\n", _("agreed"));
      else if (r->minority_yes)
         Cli_printf(_("split: only %s said yes\n"), r->minority);
      else
         Cli_printf(_("split: %s said no\n"), r->minority);
   }
   Cli_printf(_("* majority: accepted by 'walens poll %s %s accept'\n"), c->doc->workload.name,
              p->question_id);
}

static void revealJson(const PollCtx *c, const Poll *p, const PollTally *t)
{
   json_t *root = json_object(), *rows = json_array(), *voters = json_array();
   Json_setString(root, "workload", c->doc->workload.name);
   Json_setString(root, "question", p->question_id);
   Json_setString(root, "state", p->state);
   Json_setInt(root, "ballots", (long long)t->ballots);
   for (size_t i = 0; i < p->n_ballots; i++)
      Json_append(voters, json_string(p->ballots[i].user));
   Json_set(root, "voters", voters);
   for (size_t i = 0; i < t->n; i++) {
      const TallyRow *r = &t->rows[i];
      json_t *o = json_object();
      Json_setString(o, "practice", c->question->choices[i].id);
      Json_setInt(o, "in_place", (long long)r->yes);
      Json_set(o, "agreed", json_boolean(r->agreed));
      Json_set(o, "majority", json_boolean(r->majority));
      if (!r->agreed) {
         Json_setString(o, "differed", r->minority);
         Json_setString(o, "differed_said", r->minority_yes ? "yes" : "no");
      }
      Json_append(rows, o);
   }
   Json_set(root, "practices", rows);
   Json_print(root);
   json_decref(root);
}

static int pollReveal(PollCtx *c, const char *format)
{
   if (!Cli_mayLead(c->s, &c->doc->workload, Cli_user(c->env), _("reveal a poll")))
      return EXIT_FAIL;
   Poll p;
   if (!runningHere(c, &p))
      return EXIT_FAIL;
   if (strcmp(p.state, "open") == 0) {
      Poll_free(&p);
      if (Store_revealPoll(c->s, c->doc->workload.review_id, c->question->id, Cli_user(c->env)) !=
             STORE_OK ||
          !runningHere(c, &p))
         return failed(c->s);
   }
   PollTally t;
   PollTally_make(c->question, &p, &t);
   if (format && strcmp(format, "json") == 0)
      revealJson(c, &p, &t);
   else
      revealText(c, &p, &t);
   PollTally_free(&t);
   Poll_free(&p);
   return EXIT_OK;
}

/* The answer with exactly ids selected, the question's N/A marks kept. */
static void consensus(const PollCtx *c, char *const *ids, size_t n, Answer *a)
{
   const Answer *cur = &c->doc->review.answers[c->q];
   a->not_applicable = cur->not_applicable;
   a->reason = cur->reason;
   a->choices = xmalloc(c->question->n_choices + 1);
   for (size_t i = 0; i < c->question->n_choices; i++)
      a->choices[i] = cur->choices[i] == CHOICE_NA ? CHOICE_NA : CHOICE_UNSELECTED;
   for (size_t i = 0; i < n; i++)
      Answer_select(c->question, a, (size_t)Question_findChoice(c->question, ids[i]), true);
}

static int accept(PollCtx *c, const char *list)
{
   if (!Cli_mayLead(c->s, &c->doc->workload, Cli_user(c->env), _("accept a poll")))
      return EXIT_FAIL;
   Poll p;
   if (!runningHere(c, &p))
      return EXIT_FAIL;
   PollTally t;
   PollTally_make(c->question, &p, &t);
   char **ids = NULL;
   size_t n = 0;
   int rc = EXIT_OK;
   if (list && !parseIds(c, list, &ids, &n))
      rc = EXIT_USAGE;
   else if (!list) {
      ids = xcalloc(t.n + 1, sizeof *ids);
      for (size_t i = 0; i < t.n; i++)
         if (t.rows[i].majority)
            ids[n++] = c->question->choices[i].id;
   }
   if (rc == EXIT_OK) {
      Risk before = Question_risk(c->question, &c->doc->review.answers[c->q]);
      Answer a;
      consensus(c, ids, n, &a);
      char *extra = PollTally_extra(&t, c->question, &p, ids, n);
      StoreStatus st = ReviewDoc_acceptPoll(c->s, c->doc, c->q, &a, Cli_user(c->env), extra);
      free(extra);
      free(a.choices);
      if (st != STORE_OK)
         rc = failed(c->s);
      else {
         Risk after = Question_risk(c->question, &c->doc->review.answers[c->q]);
         Cli_printf(ngettext("Accepted into %s from %zu ballot: ",
                             "Accepted into %s from %zu ballots: ", t.ballots),
                    c->question->id, t.ballots);
         for (size_t i = 0; i < n; i++)
            Cli_printf("%s%s", i ? "," : "", ids[i]);
         Cli_printf(_("%s; risk %s -> %s\n"), n ? "" : _("nothing in place"), Risk_label(before),
                    Risk_label(after));
      }
   }
   free(ids);
   PollTally_free(&t);
   Poll_free(&p);
   return rc;
}

static int pollClose(PollCtx *c)
{
   if (!Cli_mayLead(c->s, &c->doc->workload, Cli_user(c->env), _("close a poll")))
      return EXIT_FAIL;
   Poll p;
   if (!runningHere(c, &p))
      return EXIT_FAIL;
   Poll_free(&p);
   if (Store_closePoll(c->s, c->doc->workload.review_id, Cli_user(c->env)) != STORE_OK)
      return failed(c->s);
   Cli_printf(_("Poll on %s closed; the answer is unchanged.\n"), c->question->id);
   return EXIT_OK;
}

static int dispatch(PollCtx *c, const char *verb, const char *arg, const char *format)
{
   if (strcmp(verb, "open") == 0)
      return pollOpen(c);
   if (strcmp(verb, "vote") == 0)
      return pollVote(c, arg);
   if (strcmp(verb, "reveal") == 0)
      return pollReveal(c, format);
   if (strcmp(verb, "accept") == 0)
      return accept(c, arg);
   if (strcmp(verb, "close") == 0)
      return pollClose(c);
   return pollStatus(c);
}

static bool validForm(const char *verb, size_t npos)
{
   if (strcmp(verb, "vote") == 0)
      return npos == 4;
   if (strcmp(verb, "accept") == 0)
      return npos == 3 || npos == 4;
   static const char *const bare[] = {"open", "reveal", "close", "status"};
   for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++)
      if (strcmp(verb, bare[i]) == 0)
         return npos == 3;
   return false;
}

static int run(CliEnv *env, char **pos, size_t npos, const char *format)
{
   const char *verb = npos > 2 ? pos[2] : "status";
   if (npos < 2 || !validForm(verb, npos < 3 ? 3 : npos)) {
      Cli_usageError("poll", NULL);
      return EXIT_USAGE;
   }
   if (format && strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
      Cli_error(_("unknown format '%s' (text or json)"), format);
      return EXIT_USAGE;
   }
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, pos[0], &doc);
   if (!s)
      return EXIT_FAIL;
   PollCtx c = {env, s, &doc, 0, NULL};
   int rc;
   c.question = Lens_findQuestion(doc.lens, pos[1], &c.q);
   if (!c.question) {
      Cli_error(_("no question '%s' in the lens of %s"), pos[1], doc.workload.name);
      rc = EXIT_USAGE;
   } else
      rc = dispatch(&c, verb, npos > 3 ? pos[3] : NULL, format);
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

int Cmd_poll(CliEnv *env, int argc, char **argv)
{
   const char *format = NULL;
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, pollOptions, pollOption, &format, &pos, &npos))
      return EXIT_USAGE;
   int rc;
   if (env->help) {
      Cli_printCommandHelp("poll", pollOptions);
      rc = EXIT_OK;
   } else
      rc = run(env, pos, npos, format);
   free(pos);
   return rc;
}
