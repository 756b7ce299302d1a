/* workshop.c: counting a poll's ballots (see workshop.h). */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "store/workshop.h"

static bool ticked(const Ballot *b, const char *id)
{
   for (size_t i = 0; i < b->n; i++)
      if (strcmp(b->choices[i], id) == 0)
         return true;
   return false;
}

/* The names of the ballots whose tick of id equals yes, comma-separated. */
static char *namesWith(const Poll *p, const char *id, bool yes)
{
   char *out = NULL;
   for (size_t i = 0; i < p->n_ballots; i++) {
      if (ticked(&p->ballots[i], id) != yes)
         continue;
      char *next = out ? xasprintf("%s, %s", out, p->ballots[i].user) : xstrdup(p->ballots[i].user);
      free(out);
      out = next;
   }
   return out;
}

void PollTally_make(const Question *q, const Poll *p, PollTally *out)
{
   memset(out, 0, sizeof *out);
   out->ballots = p->n_ballots;
   out->n = q->n_choices;
   out->rows = xcalloc(q->n_choices + 1, sizeof *out->rows);
   for (size_t c = 0; c < q->n_choices; c++) {
      TallyRow *r = &out->rows[c];
      r->choice = c;
      for (size_t i = 0; i < p->n_ballots; i++)
         r->yes += ticked(&p->ballots[i], q->choices[c].id);
      size_t no = p->n_ballots - r->yes;
      r->agreed = r->yes == 0 || no == 0;
      r->majority = r->yes * 2 > p->n_ballots;
      if (!r->agreed) {
         /* The smaller side differed; at a tie, name those who said yes. */
         r->minority_yes = r->yes <= no;
         r->minority = namesWith(p, q->choices[c].id, r->minority_yes);
         out->split++;
      }
   }
}

void PollTally_free(PollTally *t)
{
   for (size_t i = 0; t && i < t->n; i++)
      free(t->rows[i].minority);
   if (t) {
      free(t->rows);
      memset(t, 0, sizeof *t);
   }
}

char *PollTally_extra(const PollTally *t, const Question *q, const Poll *p, char *const *accepted,
                      size_t n_accepted)
{
   json_t *root = json_object(), *poll = json_object(), *tally = json_object(), *acc = json_array();
   bool ok = root && poll && tally && acc;
   for (size_t i = 0; ok && i < t->n; i++)
      ok = json_object_set_new(tally, q->choices[t->rows[i].choice].id,
                               json_integer((json_int_t)t->rows[i].yes)) == 0;
   for (size_t i = 0; ok && i < n_accepted; i++)
      ok = json_array_append_new(acc, json_string(accepted[i])) == 0;
   ok = ok && json_object_set_new(poll, "id", json_integer((json_int_t)p->id)) == 0 &&
        json_object_set_new(poll, "ballots", json_integer((json_int_t)t->ballots)) == 0 &&
        json_object_set(poll, "tally", tally) == 0 && json_object_set(poll, "accepted", acc) == 0 &&
        json_object_set(root, "poll", poll) == 0;
   char *text = ok ? json_dumps(root, JSON_COMPACT) : NULL;
   json_decref(tally);
   json_decref(acc);
   json_decref(poll);
   json_decref(root);
   return text;
}
