/* cmd_session.c: walens session — who leads a workload's workshop, its
 * agenda (from a YAML file) and the agenda's clock. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/agendafile.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/reviewdoc.h"

enum { OPT_FORMAT = 100, OPT_TAKE };

static const OptSpec sessionOptions[] = {
   {"take", 0, NULL, N_("lead: take the lead from whoever has it"), OPT_TAKE},
   {"format", 0, N_("FORMAT"), N_("show: text (default) or json"), OPT_FORMAT},
   {NULL, 0, NULL, NULL, 0},
};

typedef struct SessionOpts {
   const char *format;
   bool take;
} SessionOpts;

static bool sessionOption(int id, const char *value, void *ctx)
{
   SessionOpts *o = ctx;
   if (id == OPT_FORMAT)
      o->format = value;
   else if (id == OPT_TAKE)
      o->take = true;
   return true;
}

static int failed(Store *s)
{
   Cli_error("%s", Store_lastError(s));
   return EXIT_FAIL;
}

static int lead(CliEnv *env, Store *s, const ReviewDoc *doc, bool take)
{
   const char *user = Cli_user(env);
   if (Store_takeLead(s, doc->workload.id, user, 0, take) != STORE_OK)
      return failed(s);
   Cli_printf(_("%s leads the session on %s.\n"), user, doc->workload.name);
   return EXIT_OK;
}

static int handover(CliEnv *env, Store *s, const ReviewDoc *doc, const char *given)
{
   char *to = Cli_name(NAME_USER, given);
   if (!to)
      return EXIT_USAGE;
   const char *user = Cli_user(env);
   int rc = EXIT_OK;
   if (Store_handLead(s, doc->workload.id, user, to) != STORE_OK)
      rc = failed(s);
   else
      Cli_printf(_("%s handed the session on %s to %s.\n"), user, doc->workload.name, to);
   free(to);
   return rc;
}

static int leave(CliEnv *env, Store *s, const ReviewDoc *doc)
{
   const char *user = Cli_user(env);
   SessionLead l;
   StoreStatus st = Store_getLead(s, doc->workload.id, &l);
   if (st != STORE_OK && st != STORE_NOT_FOUND)
      return failed(s);
   bool leads = st == STORE_OK && strcmp(l.user, user) == 0;
   SessionLead_free(&l);
   if (!leads) {
      Cli_error(_("%s does not lead the session on %s"), user, doc->workload.name);
      return EXIT_FAIL;
   }
   if (Store_dropLead(s, doc->workload.id, user, 0) != STORE_OK)
      return failed(s);
   Cli_printf(_("%s no longer leads the session on %s.\n"), user, doc->workload.name);
   return EXIT_OK;
}

static int agendaSet(CliEnv *env, Store *s, const ReviewDoc *doc, const char *file)
{
   if (!Cli_mayLead(s, &doc->workload, Cli_user(env), _("set the agenda")))
      return EXIT_FAIL;
   DiagList d;
   DiagList_init(&d);
   AgendaFileItem *items;
   size_t n;
   bool ok = AgendaFile_load(file, doc->lens, &items, &n, &d);
   DiagList_print(&d, stderr);
   DiagList_free(&d);
   if (!ok) {
      Cli_error(_("%s: the agenda has errors; nothing was changed"), file);
      return EXIT_FAIL;
   }
   int minutes = 0;
   StoreStatus st = Store_setAgendaFile(s, doc->workload.id, items, n, Cli_user(env), &minutes);
   AgendaFile_free(items, n);
   if (st != STORE_OK)
      return failed(s);
   Cli_printf(ngettext("Agenda of %s: %zu item, %d minutes.\n",
                       "Agenda of %s: %zu items, %d minutes.\n", n),
              doc->workload.name, n, minutes);
   return EXIT_OK;
}

static void printItem(const ReviewDoc *doc, const Agenda *a, size_t i, const char *now)
{
   char *label =
      AgendaFile_label(doc->lens, a->items[i].kind, a->items[i].target, a->items[i].title);
   int64_t spent = Agenda_spent(a, i, now);
   char clock[64] = "";
   if ((long)i == a->current)
      AgendaFile_clock(clock, sizeof clock, spent, a->items[i].minutes);
   Cli_printf("%s %2zu  ", (long)i == a->current ? ">" : " ", i + 1);
   Cli_cell(a->items[i].kind, 9);
   Cli_cell(label, 30);
   Cli_printf(_("%3d min  %lld:%02lld spent"), a->items[i].minutes, (long long)(spent / 60),
              (long long)(spent % 60));
   if (*clock)
      Cli_printf("  %s", clock);
   Cli_printf("\n");
   free(label);
}

static void showText(const ReviewDoc *doc, const SessionLead *l, const Agenda *a, const char *now)
{
   Cli_printf(_("Session on %s\n"), doc->workload.name);
   if (l->user)
      Cli_printf(_("Leader: %s, since %s\n"), l->user, l->since);
   else
      Cli_printf(_("Nobody leads.\n"));
   if (a->n == 0) {
      Cli_printf(_("No agenda.\n"));
      return;
   }
   Cli_printf(_("Agenda, set by %s at %s:\n"), a->set_by, a->set_at);
   for (size_t i = 0; i < a->n; i++)
      printItem(doc, a, i, now);
}

static void showJson(const ReviewDoc *doc, const SessionLead *l, const Agenda *a, const char *now)
{
   json_t *root = json_object(), *items = json_array();
   Json_setString(root, "workload", doc->workload.name);
   if (l->user) {
      json_t *o = json_object();
      Json_setString(o, "user", l->user);
      Json_setString(o, "since", l->since);
      Json_setString(o, "screen", l->screen);
      Json_setString(o, "question", l->question);
      Json_set(root, "leader", o);
   } else
      Json_set(root, "leader", json_null());
   for (size_t i = 0; i < a->n; i++) {
      json_t *o = json_object();
      char *label =
         AgendaFile_label(doc->lens, a->items[i].kind, a->items[i].target, a->items[i].title);
      Json_setString(o, "kind", a->items[i].kind);
      Json_setString(o, "target", a->items[i].target);
      Json_setString(o, "label", label);
      Json_setInt(o, "minutes", a->items[i].minutes);
      Json_setInt(o, "spent_s", (long long)Agenda_spent(a, i, now));
      Json_set(o, "current", json_boolean((long)i == a->current));
      Json_append(items, o);
      free(label);
   }
   Json_set(root, "agenda", items);
   Json_print(root);
   json_decref(root);
}

static int show(Store *s, const ReviewDoc *doc, const char *format)
{
   SessionLead l;
   StoreStatus st = Store_getLead(s, doc->workload.id, &l);
   if (st != STORE_OK && st != STORE_NOT_FOUND)
      return failed(s);
   Agenda a;
   if (Store_getAgenda(s, doc->workload.id, &a) != STORE_OK) {
      SessionLead_free(&l);
      return failed(s);
   }
   char *now = Store_now(s);
   if (format && strcmp(format, "json") == 0)
      showJson(doc, &l, &a, now);
   else
      showText(doc, &l, &a, now);
   free(now);
   Agenda_free(&a);
   SessionLead_free(&l);
   return EXIT_OK;
}

/* next (+1), prev (-1) or stop (0). */
static int step(CliEnv *env, Store *s, const ReviewDoc *doc, int delta)
{
   if (!Cli_mayLead(s, &doc->workload, Cli_user(env), _("move through the agenda")))
      return EXIT_FAIL;
   Agenda a;
   if (Store_getAgenda(s, doc->workload.id, &a) != STORE_OK)
      return failed(s);
   long to = delta == 0 ? -1 : a.current + delta;
   if (delta < 0 && to < 0)
      to = 0;
   bool past = delta > 0 && to >= (long)a.n;
   StoreStatus st = Store_agendaGo(s, doc->workload.id, past ? -1 : to, Cli_user(env));
   int rc = EXIT_OK;
   if (st != STORE_OK)
      rc = failed(s);
   else if (to < 0 || past)
      Cli_printf(_("The agenda of %s is stopped.\n"), doc->workload.name);
   else {
      char *label =
         AgendaFile_label(doc->lens, a.items[to].kind, a.items[to].target, a.items[to].title);
      Cli_printf(_("Now %ld of %zu: %s (%d min)\n"), to + 1, a.n, label, a.items[to].minutes);
      free(label);
   }
   Agenda_free(&a);
   return rc;
}

static int run(CliEnv *env, char **pos, size_t npos, const SessionOpts *o)
{
   const char *verb = npos > 0 ? pos[0] : NULL;
   size_t want = verb && (strcmp(verb, "handover") == 0 || strcmp(verb, "agenda") == 0) ? 3 : 2;
   static const char *const verbs[] = {"lead",   "handover", "leave", "show",
                                       "agenda", "next",     "prev",  "stop"};
   bool known = false;
   for (size_t i = 0; verb && i < sizeof verbs / sizeof verbs[0]; i++)
      known |= strcmp(verb, verbs[i]) == 0;
   if (!known || npos != want) {
      Cli_usageError("session", known ? verb : NULL);
      return EXIT_USAGE;
   }
   if (o->format && strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0) {
      Cli_error(_("unknown format '%s' (text or json)"), o->format);
      return EXIT_USAGE;
   }
   ReviewDoc doc;
   Store *s = Cli_openReview(env, STORE_OPEN_NOCREATE, pos[1], &doc);
   if (!s)
      return EXIT_FAIL;
   int rc;
   if (strcmp(verb, "lead") == 0)
      rc = lead(env, s, &doc, o->take);
   else if (strcmp(verb, "handover") == 0)
      rc = handover(env, s, &doc, pos[2]);
   else if (strcmp(verb, "leave") == 0)
      rc = leave(env, s, &doc);
   else if (strcmp(verb, "show") == 0)
      rc = show(s, &doc, o->format);
   else if (strcmp(verb, "agenda") == 0)
      rc = agendaSet(env, s, &doc, pos[2]);
   else
      rc = step(env, s, &doc, strcmp(verb, "next") == 0 ? 1 : strcmp(verb, "prev") == 0 ? -1 : 0);
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

int Cmd_session(CliEnv *env, int argc, char **argv)
{
   SessionOpts o = {0};
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, sessionOptions, sessionOption, &o, &pos, &npos))
      return EXIT_USAGE;
   int rc;
   if (env->help) {
      Cli_printCommandHelp("session", sessionOptions);
      rc = EXIT_OK;
   } else
      rc = run(env, pos, npos, &o);
   free(pos);
   return rc;
}
