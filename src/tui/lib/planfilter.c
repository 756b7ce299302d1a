/* planfilter.c: filtering and sorting the plan screen (see planfilter.h). */
#include "config.h"

#include "tui/lib/planfilter.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"
#include "i18n.h"

/* Whether the item passes (today: YYYY-MM-DD, for overdue).  An item that
 * left the lens has no risk, phase or pillar and fails those words. */
static bool planFilterMatch(const PlanFilter *f, const Lens *lens, const PlanItem *it,
                            const char *today);

void PlanFilter_init(PlanFilter *f)
{
   memset(f, 0, sizeof *f);
   f->phase = f->pillar = -1;
}

void PlanFilter_free(PlanFilter *f)
{
   free(f->owner);
   PlanFilter_init(f);
}

bool PlanFilter_isEmpty(const PlanFilter *f)
{
   return !f->status && !f->risk && !f->overdue && !f->owner && f->phase < 0 && f->pillar < 0;
}

static int findPhase(const Lens *lens, const char *word)
{
   for (size_t i = 0; lens && i < lens->n_phases; i++)
      if (strcasecmp(lens->phases[i].id, word) == 0 ||
          (lens->phases[i].name && strcasecmp(lens->phases[i].name, word) == 0))
         return (int)i;
   return -1;
}

static int findPillar(const Lens *lens, const char *word)
{
   for (size_t i = 0; lens && i < lens->n_pillars; i++)
      if (strcasecmp(lens->pillars[i].id, word) == 0 ||
          (lens->pillars[i].name && strcasecmp(lens->pillars[i].name, word) == 0))
         return (int)i;
   return -1;
}

/* One word into f; false when it means nothing. */
static bool addWord(PlanFilter *f, const Lens *lens, const char *w)
{
   PlanStatus st;

   if (strcasecmp(w, "all") == 0) {
      PlanFilter_free(f);
      return true;
   }
   if (strcasecmp(w, "pending") == 0) {
      f->status |= 1u << PLAN_OPEN | 1u << PLAN_IN_PROGRESS;
      return true;
   }
   if (strcasecmp(w, "accepted") == 0) {
      f->status |= 1u << PLAN_RISK_ACCEPTED;
      return true;
   }
   if (strcasecmp(w, "wont") == 0 || strcasecmp(w, "won't") == 0) {
      f->status |= 1u << PLAN_WONT_DO;
      return true;
   }
   if (PlanStatus_parse(w, &st)) {
      f->status |= 1u << st;
      return true;
   }
   if (strcasecmp(w, "high") == 0) {
      f->risk |= 1u << RISK_HIGH;
      return true;
   }
   if (strcasecmp(w, "medium") == 0) {
      f->risk |= 1u << RISK_MEDIUM;
      return true;
   }
   if (strcasecmp(w, "overdue") == 0) {
      f->overdue = true;
      return true;
   }
   if (w[0] == '@' || strncasecmp(w, "owner:", 6) == 0) {
      const char *name = w[0] == '@' ? w + 1 : w + 6;
      free(f->owner);
      f->owner = xstrdup(strcmp(name, "-") == 0 ? "" : name);
      return true;
   }
   if (strncasecmp(w, "phase:", 6) == 0)
      return (f->phase = findPhase(lens, w + 6)) >= 0;
   if (strncasecmp(w, "pillar:", 7) == 0)
      return (f->pillar = findPillar(lens, w + 7)) >= 0;
   if (findPillar(lens, w) >= 0) {
      f->pillar = findPillar(lens, w);
      return true;
   }
   if (findPhase(lens, w) >= 0) {
      f->phase = findPhase(lens, w);
      return true;
   }
   return false;
}

char *PlanFilter_hint(void)
{
   char *statuses = xstrdup(""), *hint;

   for (int i = 0; i < PLAN_STATUS_COUNT; i++) {
      char *t = xasprintf("%s%s%s", statuses, i ? ", " : "", PlanStatus_label((PlanStatus)i));
      free(statuses);
      statuses = t;
   }
   /* TRANSLATORS: %s: the plan statuses as shown; type the rest as it is. */
   hint =
      xasprintf(_("%s, pending, high, medium, overdue, owner:NAME, phase:ID, pillar:ID"), statuses);
   free(statuses);
   return hint;
}

/* A status label of more words than this (no language has one) is not
 * taken as one term. */
#define STATUS_MAX_WORDS 4

/* The most words from words[0 .. n) that make one status ("risk accepted",
 * "in Arbeit"), added to f; 0 when they start none (one word alone is
 * addWord's). */
static size_t addStatus(PlanFilter *f, char **words, size_t n)
{
   for (size_t k = n < STATUS_MAX_WORDS ? n : STATUS_MAX_WORDS; k > 1; k--) {
      char *joined = xstrdup(words[0]);
      PlanStatus st;
      bool ok;
      for (size_t i = 1; i < k; i++) {
         char *t = xasprintf("%s %s", joined, words[i]);
         free(joined);
         joined = t;
      }
      ok = PlanStatus_parse(joined, &st);
      free(joined);
      if (ok) {
         f->status |= 1u << st;
         return k;
      }
   }
   return 0;
}

/* The words of one comma-separated part into out; false (and *bad set to
 * the word) on one that means nothing. */
static bool addPart(PlanFilter *out, const Lens *lens, char *part, char **bad)
{
   char **words = xcalloc(strlen(part) / 2 + 2, sizeof *words), *save = NULL;
   size_t n = 0;
   bool ok = true;

   for (char *w = strtok_r(part, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
      words[n++] = w;
   for (size_t i = 0; i < n && ok;) {
      size_t used = addStatus(out, words + i, n - i);
      if (used) {
         i += used;
      } else if (addWord(out, lens, words[i])) {
         i++;
      } else {
         *bad = xstrdup(words[i]);
         ok = false;
      }
   }
   free(words);
   return ok;
}

bool PlanFilter_parse(const char *text, const Lens *lens, PlanFilter *out, char **err)
{
   char *copy = xstrdup(text ? text : ""), *save = NULL, *bad = NULL;

   PlanFilter_init(out);
   for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
      if (!addPart(out, lens, p, &bad)) {
         if (err) {
            char *hint = PlanFilter_hint();
            *err = xasprintf(_("Unknown filter word '%s' (%s)"), bad, hint);
            free(hint);
         }
         free(bad);
         PlanFilter_free(out);
         free(copy);
         return false;
      }
   }
   free(copy);
   return true;
}

static void append(char **s, const char *word)
{
   char *t = xasprintf("%s%s%s", *s, **s ? "," : "", word);
   free(*s);
   *s = t;
}

char *PlanFilter_format(const PlanFilter *f, const Lens *lens)
{
   char *s = xstrdup("");

   for (int i = 0; i < PLAN_STATUS_COUNT; i++)
      if (f->status & (1u << i))
         append(&s, PlanStatus_label((PlanStatus)i));
   if (f->risk & (1u << RISK_HIGH))
      append(&s, "high");
   if (f->risk & (1u << RISK_MEDIUM))
      append(&s, "medium");
   if (f->overdue)
      append(&s, "overdue");
   if (f->owner) {
      char *w = xasprintf("owner:%s", *f->owner ? f->owner : "-");
      append(&s, w);
      free(w);
   }
   if (f->phase >= 0 && lens && (size_t)f->phase < lens->n_phases) {
      char *w = xasprintf("phase:%s", lens->phases[f->phase].id);
      append(&s, w);
      free(w);
   }
   if (f->pillar >= 0 && lens && (size_t)f->pillar < lens->n_pillars) {
      char *w = xasprintf("pillar:%s", lens->pillars[f->pillar].id);
      append(&s, w);
      free(w);
   }
   return s;
}

static bool planFilterMatch(const PlanFilter *f, const Lens *lens, const PlanItem *it,
                            const char *today)
{
   const PlanTrack *t = &it->track;
   bool orphan = it->question == PLAN_NO_INDEX || !lens || it->question >= lens->n_questions;

   if (f->status && !(f->status & (1u << t->status)))
      return false;
   if (f->risk && (orphan || !(f->risk & (1u << it->risk))))
      return false;
   if (f->overdue && !PlanItem_isOverdue(it, today))
      return false;
   if (f->owner) {
      const char *o = t->owner ? t->owner : "";
      if (*f->owner ? strcasecmp(o, f->owner) != 0 : *o != '\0')
         return false;
   }
   if (f->phase >= 0 && (orphan || lens->questions[it->question].phase != f->phase))
      return false;
   if (f->pillar >= 0 && (orphan || lens->questions[it->question].pillar != (size_t)f->pillar))
      return false;
   return true;
}

/* The word typed, and the label shown (in English the same word). */
static const struct {
   const char *word, *label;
} sorts[PLAN_SORT_COUNT] = {
   [PLAN_SORT_RISK] = {"risk", NC_("plan sort", "risk")},
   [PLAN_SORT_DUE] = {"due", NC_("plan sort", "due")},
   [PLAN_SORT_OWNER] = {"owner", NC_("plan sort", "owner")},
   [PLAN_SORT_STATUS] = {"status", NC_("plan sort", "status")},
   [PLAN_SORT_PLACE] = {"place", NC_("plan sort", "place")},
   [PLAN_SORT_PRIORITY] = {"priority", NC_("plan sort", "priority")},
   [PLAN_SORT_QUICK_WINS] = {"quick-wins", NC_("plan sort", "quick wins")},
};

const char *PlanSort_name(PlanSort s)
{
   return C_("plan sort", sorts[(unsigned)s < PLAN_SORT_COUNT ? s : PLAN_SORT_RISK].label);
}

bool PlanSort_parse(const char *name, PlanSort *out)
{
   for (int i = 0; name && i < PLAN_SORT_COUNT; i++)
      if (strcasecmp(name, sorts[i].word) == 0) {
         *out = (PlanSort)i;
         return true;
      }
   for (int i = 0; name && i < PLAN_SORT_COUNT; i++)
      if (strcasecmp(name, C_("plan sort", sorts[i].label)) == 0) {
         *out = (PlanSort)i;
         return true;
      }
   if (name && (strcasecmp(name, "phase") == 0 || strcasecmp(name, "pillar") == 0)) {
      *out = PLAN_SORT_PLACE;
      return true;
   }
   if (name && strcasecmp(name, "pri") == 0) {
      *out = PLAN_SORT_PRIORITY;
      return true;
   }
   if (name && (strcasecmp(name, "quick wins") == 0 || strcasecmp(name, "quick_wins") == 0 ||
                strcasecmp(name, "wins") == 0)) {
      *out = PLAN_SORT_QUICK_WINS;
      return true;
   }
   return false;
}

/* 3 high ... 1 low; unset reads as medium (the caller tells rated apart). */
static long levelValue(PlanLevel l)
{
   return l == PLAN_LEVEL_NONE ? 2 : (long)l;
}

long PlanSort_quickWin(const PlanTrack *t)
{
   long tier = (t->impact != PLAN_LEVEL_NONE) + (t->effort != PLAN_LEVEL_NONE);
   long impact = levelValue(t->impact), effort = levelValue(t->effort);
   /* impact - effort runs from 2 (high, low) down to -2 (low, high). */
   return (2 - tier) * 100 + (2 - (impact - effort)) * 10 + (3 - impact);
}

/* qsort has no context argument: the comparison works on prepared keys. */
typedef struct SortKey {
   size_t index;    /* into plan->items: the tie-breaker, the plan's order */
   int group;       /* 0 to improve, 1 the others */
   const char *str; /* due or owner; NULL sorts last */
   long num;        /* status, priority, or phase * pillars + pillar */
} SortKey;

static int cmpKeys(const void *pa, const void *pb)
{
   const SortKey *a = pa, *b = pb;
   int c;

   if (a->group != b->group)
      return a->group - b->group;
   if (a->str != b->str) {
      if (!a->str || !b->str)
         return a->str ? -1 : 1;
      if ((c = strcasecmp(a->str, b->str)) != 0)
         return c;
   }
   if (a->num != b->num)
      return a->num < b->num ? -1 : 1;
   return a->index < b->index ? -1 : a->index > b->index;
}

size_t PlanFilter_rows(const Plan *plan, const Lens *lens, const PlanFilter *f, PlanSort sort,
                       bool show_inactive, const char *today, size_t **out)
{
   SortKey *keys = xcalloc(plan->n + 1, sizeof *keys);
   size_t n = 0;

   for (size_t i = 0; i < plan->n; i++) {
      const PlanItem *it = &plan->items[i];
      SortKey *k;
      if (it->state != PLAN_ITEM_ACTIVE && !show_inactive)
         continue;
      if (!planFilterMatch(f, lens, it, today))
         continue;
      k = &keys[n++];
      k->index = i;
      k->group = it->state == PLAN_ITEM_ACTIVE ? 0 : 1;
      switch (sort) {
      case PLAN_SORT_DUE: k->str = it->track.due && *it->track.due ? it->track.due : NULL; break;
      case PLAN_SORT_OWNER:
         k->str = it->track.owner && *it->track.owner ? it->track.owner : NULL;
         break;
      case PLAN_SORT_STATUS: k->num = (long)it->track.status; break;
      case PLAN_SORT_PRIORITY: /* 0 means none: after every priority */
         k->num = it->track.priority > 0 ? (long)it->track.priority : LONG_MAX;
         break;
      case PLAN_SORT_QUICK_WINS: k->num = PlanSort_quickWin(&it->track); break;
      case PLAN_SORT_PLACE:
         if (it->question == PLAN_NO_INDEX || !lens || it->question >= lens->n_questions) {
            k->num = -1 + (long)(~0ul >> 1); /* after every place */
         } else {
            const Question *q = &lens->questions[it->question];
            k->num =
               (long)(q->phase < 0 ? 0 : q->phase) * (long)(lens->n_pillars + 1) + (long)q->pillar;
         }
         break;
      case PLAN_SORT_RISK:
      default: break;
      }
   }
   qsort(keys, n, sizeof *keys, cmpKeys);
   *out = xcalloc(n + 1, sizeof **out);
   for (size_t i = 0; i < n; i++)
      (*out)[i] = keys[i].index;
   free(keys);
   return n;
}
