/* planedit.c: editing a plan item's tracking from the plan screen: status,
 * owner, due date, note, priority, impact and effort, each stored at once with the row
 * version it was read at. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/screens.h"
#include "tui/text.h"

static const PlanItem *findEdited(const App *app)
{
   const PlanView *pv = &app->pv;
   return pv->edit_q ? Plan_find(&pv->plan, pv->edit_q, pv->edit_c) : NULL;
}

static void endEdit(App *app)
{
   free(app->pv.edit_q);
   free(app->pv.edit_c);
   app->pv.edit_q = app->pv.edit_c = NULL;
   PlanTrack_free(&app->pv.edit_base);
   memset(&app->pv.edit_base, 0, sizeof app->pv.edit_base);
}

/* Remembers which item the prompt edits and the version it showed. */
static const PlanItem *beginEdit(App *app, PlanField field)
{
   const PlanItem *it = PlanView_current(app);

   if (!it) {
      App_message(app, ROLE_NOTICE, "%s", _("No plan item here"));
      return NULL;
   }
   endEdit(app);
   app->pv.edit_q = xstrdup(it->track.question_id);
   app->pv.edit_c = xstrdup(it->track.choice_id);
   app->pv.edit_version = it->track.version;
   app->pv.edit_field = field;
   PlanTrack_copy(&app->pv.edit_base, &it->track);
   return it;
}

static const char *fieldLabel(PlanField f)
{
   switch (f) {
   case PLAN_FIELD_OWNER: return _("Owner (empty: nobody): ");
   case PLAN_FIELD_DUE: return _("Due date YYYY-MM-DD (empty: none): ");
   case PLAN_FIELD_NOTE: return _("Note (empty: none): ");
   case PLAN_FIELD_PRIORITY: return _("Priority, 1 first (empty or 0: none): ");
   case PLAN_FIELD_IMPACT: return _("Impact (l, m, h; - none; Esc cancels): ");
   case PLAN_FIELD_EFFORT: return _("Effort (l, m, h; - none; Esc cancels): ");
   case PLAN_FIELD_STATUS:
   default: return _("Status (1-5, Esc cancels): ");
   }
}

static Stale gotText(App *app, const char *text);

/* The prompt again, with what was typed and why it was not stored. */
static void reprompt(App *app, const char *text, const char *why)
{
   Prompt_openTyped(app, fieldLabel(app->pv.edit_field), text, gotText);
   Prompt_setError(app, why);
}

static char *trimmed(const char *s)
{
   const char *e;

   while (isspace((unsigned char)*s))
      s++;
   e = s + strlen(s);
   while (e > s && isspace((unsigned char)e[-1]))
      e--;
   return xasprintf("%.*s", (int)(e - s), s);
}

static void setField(char **field, const char *value)
{
   free(*field);
   *field = value && *value ? xstrdup(value) : NULL;
}

/* What a stored change says in the footer. */
static void stored(App *app, const PlanTrack *t, PlanField f)
{
   switch (f) {
   case PLAN_FIELD_STATUS:
      App_message(app, ROLE_NOTICE, _("Stored: %s is %s"), t->choice_id,
                  PlanStatus_label(t->status));
      break;
   case PLAN_FIELD_OWNER:
      App_message(app, ROLE_NOTICE, _("Stored: owner of %s is %s"), t->choice_id,
                  t->owner ? t->owner : _("nobody"));
      break;
   case PLAN_FIELD_DUE:
      App_message(app, ROLE_NOTICE, _("Stored: %s is due %s"), t->choice_id,
                  t->due ? t->due : _("whenever (no date)"));
      break;
   case PLAN_FIELD_PRIORITY:
      if (t->priority > 0)
         App_message(app, ROLE_NOTICE, _("Stored: priority of %s is %d"), t->choice_id,
                     t->priority);
      else
         App_message(app, ROLE_NOTICE, _("Stored: %s has no priority"), t->choice_id);
      break;
   case PLAN_FIELD_IMPACT:
      App_message(app, ROLE_NOTICE, _("Stored: impact of %s is %s"), t->choice_id,
                  PlanLevel_label(t->impact));
      break;
   case PLAN_FIELD_EFFORT:
      App_message(app, ROLE_NOTICE, _("Stored: effort of %s is %s"), t->choice_id,
                  PlanLevel_label(t->effort));
      break;
   case PLAN_FIELD_NOTE:
   default: App_message(app, ROLE_NOTICE, _("Stored: the note of %s"), t->choice_id); break;
   }
}

/* The edited item's tracking with the change applied (into *t). */
static void applyChange(const App *app, const PlanItem *it, const char *text, PlanStatus status,
                        PlanTrack *t)
{
   memset(t, 0, sizeof *t);
   if (it) {
      PlanTrack_copy(t, &it->track);
   } else { /* never tracked and no longer derived: tracked from scratch */
      t->question_id = xstrdup(app->pv.edit_q);
      t->choice_id = xstrdup(app->pv.edit_c);
   }
   switch (app->pv.edit_field) {
   case PLAN_FIELD_STATUS: t->status = status; break;
   case PLAN_FIELD_OWNER: setField(&t->owner, text); break;
   case PLAN_FIELD_DUE: setField(&t->due, text); break;
   case PLAN_FIELD_PRIORITY: /* checked by gotText; empty: none */
      t->priority = 0;
      if (text && *text)
         Plan_parsePriority(text, &t->priority);
      break;
   case PLAN_FIELD_IMPACT: t->impact = app->pv.edit_level; break;
   case PLAN_FIELD_EFFORT: t->effort = app->pv.edit_level; break;
   case PLAN_FIELD_NOTE:
   default: setField(&t->note, text); break;
   }
}

/* Fields chosen from a one-key menu: nothing typed to offer again. */
static bool isMenu(PlanField f)
{
   return f == PLAN_FIELD_STATUS || f == PLAN_FIELD_IMPACT || f == PLAN_FIELD_EFFORT;
}

/* Someone else wrote the item since the prompt opened: theirs is shown,
 * and for a typed field the prompt comes back with what was typed, so that
 * Enter stores it over theirs knowingly. */
static void refused(App *app, const char *text, PlanStatus status)
{
   PlanView *pv = &app->pv;
   const PlanItem *it;
   char *why;

   PlanView_refresh(app);
   it = findEdited(app);
   why = xasprintf(_("Not stored: %s changed it meanwhile (shown)."),
                   it && it->track.updated_by ? it->track.updated_by : _("someone else"));
   pv->edit_version = it ? it->track.version : 0; /* the next try is a knowing one */
   if (it) {
      PlanTrack_free(&pv->edit_base);
      PlanTrack_copy(&pv->edit_base, &it->track);
   }
   if (pv->edit_field == PLAN_FIELD_STATUS) {
      App_message(app, ROLE_ERROR, _("%s Yours was: %s (s sets it again)"), why,
                  PlanStatus_label(status));
      endEdit(app);
   } else if (isMenu(pv->edit_field)) {
      App_message(app, ROLE_ERROR, _("%s Yours was: %s"), why, PlanLevel_label(pv->edit_level));
      endEdit(app);
   } else {
      char *again = xasprintf(_("%s Enter stores yours:"), why);
      reprompt(app, text, again);
      free(again);
   }
   free(why);
}

/* Writes one field of the edited item as a change from the item the prompt
 * showed (edit_base), merged field by field: a field someone else changed
 * meanwhile stays theirs; the same field changed by them is refused. */
static Stale store(App *app, const char *text, PlanStatus status)
{
   PlanView *pv = &app->pv;
   PlanItem base;
   PlanTrack t;
   StoreMerge m;
   StoreStatus st;
   char *err = NULL;

   if (App_refuseReadOnly(app))
      return STALE_FOOTER;
   memset(&base, 0, sizeof base);
   base.track = pv->edit_base;
   applyChange(app, pv->edit_base.question_id ? &base : NULL, text, status, &t);
   st = ReviewDoc_mergePlan(app->store, &app->doc, &pv->edit_base, &t, app->opts->user, NULL, &m,
                            &err);
   if (st == STORE_OK && m.n_clashes == 0) {
      if (m.wrote)
         Undo_push(app, m.history_id, SCREEN_PLAN, t.question_id);
      PlanView_refresh(app);
      stored(app, &t, pv->edit_field);
      endEdit(app);
   } else if (st == STORE_OK) {
      st = STORE_CONFLICT;
   }
   StoreMerge_free(&m);
   PlanTrack_free(&t);
   if (st == STORE_CONFLICT)
      refused(app, text, status);
   else if (st == STORE_INVALID && !isMenu(pv->edit_field))
      reprompt(app, text, err ? err : Store_statusText(st));
   else if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Not stored: %s"), err ? err : Store_statusText(st));
      endEdit(app);
   }
   free(err);
   return STALE_ALL;
}

static Stale gotText(App *app, const char *text)
{
   char *v;
   Stale s;

   if (!text) {
      endEdit(app);
      return STALE_FOOTER;
   }
   v = trimmed(text);
   if (app->pv.edit_field == PLAN_FIELD_DUE && *v && !Plan_validDate(v)) {
      reprompt(app, text, _("Not a date: give a real day as YYYY-MM-DD."));
      free(v);
      return STALE_FOOTER;
   }
   if (app->pv.edit_field == PLAN_FIELD_PRIORITY && *v && !Plan_parsePriority(v, NULL)) {
      char *why = xasprintf(_("Not a priority: give a whole number from 1 (first) to %d, or 0 "
                              "for none."),
                            PLAN_PRIORITY_MAX);
      reprompt(app, text, why);
      free(why);
      free(v);
      return STALE_FOOTER;
   }
   s = store(app, app->pv.edit_field == PLAN_FIELD_NOTE ? text : v, PLAN_OPEN);
   free(v);
   return s;
}

static Stale gotStatus(App *app, const char *key)
{
   if (!key || !*key || key[0] < '1' || key[0] > '0' + PLAN_STATUS_COUNT) {
      endEdit(app);
      return STALE_FOOTER;
   }
   return store(app, NULL, (PlanStatus)(key[0] - '1'));
}

Stale PlanEdit_setStatus(App *app, const char *arg)
{
   char *items[PLAN_STATUS_COUNT];
   PlanStatus st;

   if (!beginEdit(app, PLAN_FIELD_STATUS))
      return STALE_FOOTER;
   if (arg) {
      if (!PlanStatus_parse(arg, &st)) {
         App_message(app, ROLE_ERROR, "%s",
                     _("Statuses: open, in_progress, done, risk_accepted, wont_do"));
         endEdit(app);
         return STALE_FOOTER;
      }
      return store(app, NULL, st);
   }
   for (int i = 0; i < PLAN_STATUS_COUNT; i++)
      items[i] = xasprintf("%d  %s", i + 1, PlanStatus_label((PlanStatus)i));
   Prompt_openMenu(app, fieldLabel(PLAN_FIELD_STATUS), "12345", gotStatus);
   Prompt_setItems(app, (const char *const *)items, PLAN_STATUS_COUNT);
   for (int i = 0; i < PLAN_STATUS_COUNT; i++)
      free(items[i]);
   return STALE_FOOTER;
}

static Stale editText(App *app, PlanField f, const char *arg)
{
   const PlanItem *it = beginEdit(app, f);
   const char *now;
   char pri[16];

   if (!it)
      return STALE_FOOTER;
   if (arg)
      return gotText(app, arg);
   switch (f) {
   case PLAN_FIELD_OWNER: now = it->track.owner; break;
   case PLAN_FIELD_DUE: now = it->track.due; break;
   case PLAN_FIELD_PRIORITY: /* none reads as an empty line, not "0" */
      snprintf(pri, sizeof pri, "%d", it->track.priority);
      now = it->track.priority > 0 ? pri : NULL;
      break;
   case PLAN_FIELD_NOTE:
   default: now = it->track.note; break;
   }
   Prompt_open(app, fieldLabel(f), now, gotText);
   return STALE_FOOTER;
}

Stale PlanEdit_setOwner(App *app, const char *arg)
{
   return editText(app, PLAN_FIELD_OWNER, arg);
}

Stale PlanEdit_setDue(App *app, const char *arg)
{
   return editText(app, PLAN_FIELD_DUE, arg);
}

Stale PlanEdit_setNote(App *app, const char *arg)
{
   return editText(app, PLAN_FIELD_NOTE, arg);
}

Stale PlanEdit_setPriority(App *app, const char *arg)
{
   return editText(app, PLAN_FIELD_PRIORITY, arg);
}

static Stale gotLevel(App *app, const char *key)
{
   PlanLevel l;
   if (!key || !*key || !PlanLevel_parse(key, &l)) {
      endEdit(app);
      return STALE_FOOTER;
   }
   app->pv.edit_level = l;
   return store(app, NULL, PLAN_OPEN);
}

/* Impact or effort: from arg (":plan-impact high"), else a one-key menu. */
static Stale editLevel(App *app, PlanField f, const char *arg)
{
   static const char *const words[] = {N_("low"), N_("medium"), N_("high"), N_("none")};
   static const char keys[] = "lmh-";
   char *items[4];

   if (!beginEdit(app, f))
      return STALE_FOOTER;
   if (arg) {
      if (!PlanLevel_parse(arg, &app->pv.edit_level)) {
         App_message(app, ROLE_ERROR, "%s", _("Levels: low, medium, high, none"));
         endEdit(app);
         return STALE_FOOTER;
      }
      return store(app, NULL, PLAN_OPEN);
   }
   for (int i = 0; i < 4; i++)
      items[i] = xasprintf("%c  %s", keys[i], _(words[i]));
   Prompt_openMenu(app, fieldLabel(f), keys, gotLevel);
   Prompt_setItems(app, (const char *const *)items, 4);
   for (int i = 0; i < 4; i++)
      free(items[i]);
   return STALE_FOOTER;
}

Stale PlanEdit_setImpact(App *app, const char *arg)
{
   return editLevel(app, PLAN_FIELD_IMPACT, arg);
}

Stale PlanEdit_setEffort(App *app, const char *arg)
{
   return editLevel(app, PLAN_FIELD_EFFORT, arg);
}
