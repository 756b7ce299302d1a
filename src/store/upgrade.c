/* upgrade.c: finding a newer version of a review's lens and moving the
 * review to it (the writes themselves are Store_upgradeReview). */
#include "config.h"

#include "store/upgrade.h"

#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/plan.h"

static void setErr(char **err, char *msg)
{
   if (err)
      *err = msg;
   else
      free(msg);
}

/* ---- finding ---- */

static bool better(const char *version, const char *than_current, const LensCandidate *best)
{
   if (Version_compare(version, than_current) <= 0)
      return false;
   return !best->key || Version_compare(version, best->version) > 0;
}

static void take(LensCandidate *c, const char *key, const char *version, const char *name,
                 const char *path, bool builtin, int64_t lens_id)
{
   LensCandidate_free(c);
   c->key = xstrdup(key);
   c->version = xstrdup(version);
   c->name = xstrdup(name);
   c->path = xstrdup(path);
   c->builtin = builtin;
   c->lens_id = lens_id;
}

StoreStatus ReviewDoc_findUpgrade(Store *s, const ReviewDoc *doc, LensCandidate *out)
{
   memset(out, 0, sizeof *out);
   const char *key = doc->lens->key, *cur = doc->lens->version;
   Catalog cat;
   DiagList ignored; /* broken files in the lens directories are not our concern here */
   DiagList_init(&ignored);
   Catalog_scanWith(&cat, &ignored, doc->lens);
   DiagList_free(&ignored);
   for (size_t i = 0; i < cat.count; i++) {
      const CatalogEntry *e = &cat.items[i];
      if (strcmp(e->key, key) == 0 && better(e->version, cur, out))
         take(out, e->key, e->version, e->name, e->path, e->source == LENS_SRC_BUILTIN, 0);
   }
   Catalog_free(&cat);
   StoreLens *all = NULL;
   size_t n = 0;
   StoreStatus st = Store_listLenses(s, &all, &n);
   for (size_t i = 0; st == STORE_OK && i < n; i++)
      if (strcmp(all[i].key, key) == 0 && better(all[i].version, cur, out))
         take(out, all[i].key, all[i].version, all[i].name, NULL, false, all[i].id);
   StoreLens_freeArray(all, n);
   if (st != STORE_OK) {
      LensCandidate_free(out);
      return st;
   }
   return out->key ? STORE_OK : STORE_NOT_FOUND;
}

void LensCandidate_free(LensCandidate *c)
{
   if (!c)
      return;
   free(c->key);
   free(c->version);
   free(c->name);
   free(c->path);
   memset(c, 0, sizeof *c);
}

/* ---- the new lens's text, without storing it (a dry run writes nothing) ---- */

typedef struct LensText {
   char *name; /* for diagnostics */
   char *text;
   size_t len;
} LensText;

static bool looksLikePath(const char *arg)
{
   size_t n = strlen(arg);
   return strchr(arg, '/') || (n > 5 && strcmp(arg + n - 5, ".yaml") == 0) ||
          (n > 4 && strcmp(arg + n - 4, ".yml") == 0) ||
          (n > 5 && strcmp(arg + n - 5, ".json") == 0);
}

static StoreStatus readFile(const char *path, LensText *t, char **err)
{
   t->text = File_readAll(path, LENS_MAX_FILE_SIZE, &t->len, err);
   if (!t->text)
      return STORE_INVALID;
   t->name = xstrdup(path);
   return STORE_OK;
}

static void builtinText(LensText *t)
{
   const char *text = Lens_defaultText(&t->len);
   t->text = xstrndup(text, t->len);
   t->name = xstrdup(_("built-in lens"));
}

static StoreStatus storedText(Store *s, int64_t id, LensText *t, char **err)
{
   StoreLens l;
   StoreStatus st = Store_getLens(s, id, &l);
   if (st != STORE_OK) {
      setErr(err, xstrdup(Store_lastError(s)));
      return st;
   }
   t->text = l.text;
   t->len = l.text_len;
   t->name = xasprintf(_("lens '%s' stored in the database"), l.key);
   l.text = NULL;
   StoreLens_free(&l);
   return STORE_OK;
}

static StoreStatus candidateText(Store *s, const LensCandidate *c, LensText *t, char **err)
{
   if (c->path)
      return readFile(c->path, t, err);
   if (c->builtin) {
      builtinText(t);
      return STORE_OK;
   }
   return storedText(s, c->lens_id, t, err);
}

static StoreStatus findText(Store *s, const ReviewDoc *doc, const char *arg, LensText *t,
                            char **err)
{
   LensCandidate c;
   StoreStatus st;
   if (!arg) {
      st = ReviewDoc_findUpgrade(s, doc, &c);
      if (st == STORE_NOT_FOUND)
         setErr(err, xasprintf(_("no newer version of lens '%s' (%s) is available"), doc->lens->key,
                               doc->lens->version ? doc->lens->version : "-"));
      else if (st != STORE_OK)
         setErr(err, xstrdup(Store_lastError(s)));
   } else if (looksLikePath(arg)) {
      return readFile(arg, t, err);
   } else {
      /* A key: the catalog's lens of that key, else the newest stored one. */
      memset(&c, 0, sizeof c);
      Catalog cat;
      DiagList ignored;
      DiagList_init(&ignored);
      Catalog_scan(&cat, &ignored);
      DiagList_free(&ignored);
      const CatalogEntry *e = Catalog_find(&cat, arg);
      if (e)
         take(&c, e->key, e->version, e->name, e->path, e->source == LENS_SRC_BUILTIN, 0);
      Catalog_free(&cat);
      st = e ? STORE_OK : STORE_NOT_FOUND;
      if (!e) {
         StoreLens *all = NULL;
         size_t n = 0;
         if (Store_listLenses(s, &all, &n) == STORE_OK)
            for (size_t i = 0; i < n; i++)
               if (strcmp(all[i].key, arg) == 0 && all[i].id > c.lens_id) {
                  take(&c, all[i].key, all[i].version, all[i].name, NULL, false, all[i].id);
                  st = STORE_OK;
               }
         StoreLens_freeArray(all, n);
         if (st != STORE_OK)
            setErr(err, xasprintf(_("no lens with key '%s' (see 'walens lens list')"), arg));
      }
   }
   if (st == STORE_OK)
      st = candidateText(s, &c, t, err);
   LensCandidate_free(&c);
   return st;
}

/* ---- planning the writes ---- */

typedef struct Work {
   StoredAnswer *rewrite_from, *rewrite_to; /* from: borrowed copies of doc->stored */
   size_t n_rewrite;
   StoredAnswer *remove;
   size_t n_remove;
   char **marks; /* borrowed ids */
   size_t n_marks;
} Work;

/* ids of list that q has, or that it lacks (keep == false). */
static char **filterIds(char *const *ids, size_t n, const Question *q, bool keep, size_t *out_n)
{
   char **out = xcalloc(n + 1, sizeof *out);
   *out_n = 0;
   for (size_t i = 0; i < n; i++)
      if ((Question_findChoice(q, ids[i]) >= 0) == keep)
         out[(*out_n)++] = ids[i];
   return out;
}

static bool hasAnswer(const StoredAnswer *sa)
{
   return sa->version > 0;
}

static void addItem(UpgradeReport *r, const LensQuestionDiff *d, const Lens *from, const Lens *to,
                    const StoredAnswer *sa, bool marked)
{
   UpgradeItem *it = &r->items[r->n_items++];
   const Question *q = d->to != LENSDIFF_NONE ? &to->questions[d->to] : &from->questions[d->from];
   it->question_id = xstrdup(d->id);
   it->title = xstrdup(q->title);
   it->changes = d->changes;
   it->answered = sa && hasAnswer(sa);
   it->marked = marked;
   it->removed_choices = xcalloc(d->n_removed_choices + 1, sizeof *it->removed_choices);
   for (size_t i = 0; i < d->n_removed_choices; i++)
      it->removed_choices[it->n_removed_choices++] = xstrdup(d->removed_choices[i]);
   if (!it->answered || d->to == LENSDIFF_NONE)
      return;
   size_t n1, n2;
   char **a = filterIds(sa->selected, sa->n_selected, &to->questions[d->to], false, &n1);
   char **b = filterIds(sa->na_choices, sa->n_na_choices, &to->questions[d->to], false, &n2);
   it->dropped = xcalloc(n1 + n2 + 1, sizeof *it->dropped);
   for (size_t i = 0; i < n1; i++)
      it->dropped[it->n_dropped++] = xstrdup(a[i]);
   for (size_t i = 0; i < n2; i++)
      it->dropped[it->n_dropped++] = xstrdup(b[i]);
   free(a);
   free(b);
}

/* Decides, question by question, what the upgrade writes and reports. */
static void planUpgrade(const ReviewDoc *doc, const Lens *to, const LensDiff *diff, Work *w,
                        UpgradeReport *r)
{
   size_t nq = doc->lens->n_questions;
   w->rewrite_from = xcalloc(nq + 1, sizeof *w->rewrite_from);
   w->rewrite_to = xcalloc(nq + 1, sizeof *w->rewrite_to);
   w->remove = xcalloc(nq + 1, sizeof *w->remove);
   w->marks = xcalloc(diff->n + 1, sizeof *w->marks);
   r->items = xcalloc(diff->n + 1, sizeof *r->items);
   for (size_t i = 0; i < diff->n; i++) {
      const LensQuestionDiff *d = &diff->questions[i];
      const StoredAnswer *sa = d->from != LENSDIFF_NONE ? &doc->stored[d->from] : NULL;
      bool answered = sa && hasAnswer(sa);
      bool marked = false;
      if (answered && d->to == LENSDIFF_NONE) {
         w->remove[w->n_remove++] = *sa;
         r->removed++;
      } else if (answered) {
         const Question *q = &to->questions[d->to];
         StoredAnswer na = *sa;
         na.selected = filterIds(sa->selected, sa->n_selected, q, true, &na.n_selected);
         na.na_choices = filterIds(sa->na_choices, sa->n_na_choices, q, true, &na.n_na_choices);
         if (na.n_selected != sa->n_selected || na.n_na_choices != sa->n_na_choices) {
            w->rewrite_from[w->n_rewrite] = *sa;
            w->rewrite_to[w->n_rewrite++] = na;
            r->rewritten++;
         } else {
            free(na.selected);
            free(na.na_choices);
         }
         r->carried++;
         marked = (d->changes & (LENSDIFF_TITLE | LENSDIFF_CHOICES | LENSDIFF_RULES)) != 0;
         if (marked) {
            w->marks[w->n_marks++] = (char *)d->id;
            r->marked++;
         }
      }
      if (d->changes)
         addItem(r, d, doc->lens, to, sa, marked);
   }
}

static void freeWork(Work *w)
{
   for (size_t i = 0; i < w->n_rewrite; i++) {
      free(w->rewrite_to[i].selected);
      free(w->rewrite_to[i].na_choices);
   }
   free(w->rewrite_from);
   free(w->rewrite_to);
   free(w->remove);
   free(w->marks);
}

/* "before-upgrade-to-2.0", then "-2", "-3" ... until the name is free. */
static StoreStatus milestoneName(Store *s, const ReviewDoc *doc, const char *version, char **out)
{
   char *base = xasprintf("before-upgrade-to-%s", version ? version : "new");
   *out = xstrdup(base);
   for (int i = 2;; i++) {
      Milestone m;
      StoreStatus st = Store_getMilestone(s, doc->workload.review_id, *out, &m);
      Milestone_free(&m);
      if (st != STORE_OK) {
         free(base);
         return st == STORE_NOT_FOUND ? STORE_OK : st;
      }
      free(*out);
      *out = xasprintf("%s-%d", base, i);
   }
}

static StoreStatus writeUpgrade(Store *s, ReviewDoc *doc, const Lens *to, const LensText *t,
                                const Work *w, const char *user, UpgradeReport *r, char **err)
{
   Snapshot snap;
   StoreStatus st = StorePlan_snapshot(s, doc, &snap, err);
   if (st != STORE_OK)
      return st;
   char *json = Snapshot_toJson(&snap);
   Snapshot_free(&snap);
   if (!json) {
      setErr(err, xstrdup(_("milestone: the review holds text that is not UTF-8")));
      return STORE_INVALID;
   }
   st =
      Store_putLens(s, to->key, to->version, to->name, to->sha256, t->text, t->len, &r->to_lens_id);
   StoreReviewUpgrade u = {
      .review_id = doc->workload.review_id,
      .from_lens_id = doc->workload.lens_id,
      .to_lens_id = r->to_lens_id,
      .workload = doc->workload.name,
      .milestone = r->milestone,
      .snapshot = json,
      .rewrite_from = w->rewrite_from,
      .rewrite_to = w->rewrite_to,
      .n_rewrite = w->n_rewrite,
      .remove = w->remove,
      .n_remove = w->n_remove,
      .marks = w->marks,
      .n_marks = w->n_marks,
   };
   if (st == STORE_OK)
      st = Store_upgradeReview(s, &u, user);
   free(json);
   if (st != STORE_OK)
      setErr(err, xstrdup(Store_lastError(s)));
   return st;
}

/* Reloads doc (same workload) on its new lens. */
static StoreStatus reload(Store *s, ReviewDoc *doc, DiagList *diags, char **err)
{
   char *name = xstrdup(doc->workload.name);
   ReviewDoc_free(doc);
   StoreStatus st = ReviewDoc_load(s, name, doc, diags, err);
   free(name);
   return st;
}

static void startReport(UpgradeReport *r, const ReviewDoc *doc, const Lens *to)
{
   memset(r, 0, sizeof *r);
   r->lens_key = xstrdup(doc->lens->key);
   r->from_version = xstrdup(doc->lens->version);
   r->to_version = xstrdup(to->version);
   r->same = strcmp(doc->lens->sha256, to->sha256) == 0;
   if (r->same)
      r->to_lens_id = doc->workload.lens_id;
}

static StoreStatus apply(Store *s, ReviewDoc *doc, const Lens *to, const LensText *t,
                         const char *milestone, bool dry_run, const char *user, UpgradeReport *out,
                         DiagList *diags, char **err)
{
   startReport(out, doc, to);
   if (out->same)
      return STORE_OK;
   StoreStatus st = STORE_OK;
   if (milestone)
      out->milestone = xstrdup(milestone);
   else
      st = milestoneName(s, doc, to->version, &out->milestone);
   if (st != STORE_OK) {
      setErr(err, xstrdup(Store_lastError(s)));
      return st;
   }
   LensDiff diff;
   LensDiff_build(doc->lens, to, &diff);
   Work w = {0};
   planUpgrade(doc, to, &diff, &w, out);
   if (!dry_run)
      st = writeUpgrade(s, doc, to, t, &w, user, out, err);
   freeWork(&w);
   LensDiff_free(&diff);
   if (st == STORE_EXISTS && err) {
      free(*err);
      setErr(err, xasprintf(_("workload '%s' already has a milestone named '%s'"),
                            doc->workload.name, out->milestone));
   }
   if (st == STORE_OK && !dry_run)
      st = reload(s, doc, diags, err);
   return st;
}

StoreStatus ReviewDoc_upgrade(Store *s, ReviewDoc *doc, const char *lens_arg, const char *milestone,
                              unsigned flags, const char *user, UpgradeReport *out, DiagList *diags,
                              char **err)
{
   bool dry_run = (flags & UPGRADE_DRY_RUN) != 0;
   memset(out, 0, sizeof *out);
   LensText t = {0};
   StoreStatus st = findText(s, doc, lens_arg, &t, err);
   if (st != STORE_OK)
      return st;
   Lens *to = Lens_loadBuffer(t.name, t.text, t.len, diags);
   if (!to) {
      setErr(err, xasprintf(_("%s: the lens has errors"), t.name));
      st = STORE_INVALID;
   } else if (strcmp(to->key, doc->lens->key) != 0) {
      setErr(err, xasprintf(_("%s is lens '%s', not a version of '%s'"), t.name, to->key,
                            doc->lens->key));
      st = STORE_INVALID;
   } else if (!(flags & UPGRADE_ALLOW_OLDER) &&
              Version_compare(to->version, doc->lens->version) < 0) {
      /* Going back loses what the newer lens added; it is meant, not slipped into. */
      setErr(err, xasprintf(_("%s is version %s of lens '%s', older than the review's %s "
                              "(--allow-older goes back anyway)"),
                            t.name, to->version ? to->version : "-", to->key,
                            doc->lens->version ? doc->lens->version : "-"));
      st = STORE_INVALID;
   } else {
      st = apply(s, doc, to, &t, milestone, dry_run, user, out, diags, err);
   }
   Lens_free(to);
   free(t.name);
   free(t.text);
   if (st != STORE_OK)
      UpgradeReport_free(out);
   return st;
}

void UpgradeReport_free(UpgradeReport *r)
{
   if (!r)
      return;
   free(r->lens_key);
   free(r->from_version);
   free(r->to_version);
   free(r->milestone);
   for (size_t i = 0; i < r->n_items; i++) {
      UpgradeItem *it = &r->items[i];
      free(it->question_id);
      free(it->title);
      for (size_t c = 0; c < it->n_removed_choices; c++)
         free(it->removed_choices[c]);
      free(it->removed_choices);
      for (size_t c = 0; c < it->n_dropped; c++)
         free(it->dropped[c]);
      free(it->dropped);
   }
   free(r->items);
   memset(r, 0, sizeof *r);
}
