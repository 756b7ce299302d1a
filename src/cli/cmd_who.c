/* cmd_who.c: walens who — the sessions on the database (the TUI's roster):
 * name, workload, screen, question, idle time, read-only or not. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/store.h"

/* The TUI's presence age (tui/loop.h LOOP_PRESENCE_MAX_AGE_S): a session
 * not seen for this long has left. */
#define WHO_MAX_AGE_S 10

enum { OPT_FORMAT = 100 };

static const OptSpec whoOptions[] = {
   {"format", 0, N_("FORMAT"), N_("text (default) or json"), OPT_FORMAT},
   {NULL, 0, NULL, NULL, 0},
};

static bool whoOption(int id, const char *value, void *ctx)
{
   if (id == OPT_FORMAT)
      *(const char **)ctx = value;
   return true;
}

static bool parseIso(const char *at, time_t *out)
{
   struct tm tm;
   memset(&tm, 0, sizeof tm);
   if (!at || !strptime(at, "%Y-%m-%dT%H:%M:%SZ", &tm))
      return false;
   *out = timegm(&tm);
   return true;
}

/* How long the user had not pressed a key at the session's last heartbeat
 * (both times by the database's clock); -1 when unknown. */
static long long idleSeconds(const Presence *p)
{
   time_t seen, active;
   if (!parseIso(p->seen_at, &seen) || !parseIso(p->active_at, &active))
      return -1;
   return seen > active ? (long long)(seen - active) : 0;
}

static void whoJson(const Presence *p, size_t n)
{
   json_t *root = json_object(), *arr = json_array();
   for (size_t i = 0; i < n; i++) {
      json_t *o = json_object();
      Json_setString(o, "user", p[i].user);
      Json_setString(o, "workload", p[i].workload);
      Json_setString(o, "screen", p[i].screen);
      Json_setString(o, "question", p[i].question);
      Json_setBool(o, "read_only", p[i].read_only);
      Json_setString(o, "seen_at", p[i].seen_at);
      Json_setString(o, "active_at", p[i].active_at);
      Json_setInt(o, "idle_seconds", idleSeconds(&p[i]));
      Json_append(arr, o);
   }
   Json_set(root, "sessions", arr);
   Json_print(root);
   json_decref(root);
}

static void whoText(const Presence *p, size_t n)
{
   if (n == 0) {
      Cli_printf("%s\n", _("nobody is here"));
      return;
   }
   Cli_printf("%-16s %-16s %-11s %-8s %6s  %s\n", _("NAME"), _("WORKLOAD"), _("SCREEN"),
              _("QUESTION"), _("IDLE"), _("MODE"));
   for (size_t i = 0; i < n; i++) {
      long long idle = idleSeconds(&p[i]);
      char idletext[32];
      if (idle < 0)
         snprintf(idletext, sizeof idletext, "-");
      else
         snprintf(idletext, sizeof idletext, "%llds", idle);
      Cli_printf("%-16s %-16s %-11s %-8s %6s  %s\n", p[i].user, p[i].workload ? p[i].workload : "-",
                 p[i].screen ? p[i].screen : "-", p[i].question ? p[i].question : "-", idletext,
                 p[i].read_only ? _("read-only") : _("editing"));
   }
}

static int whoRun(CliEnv *env, const char *workload, bool json)
{
   Store *s = Cli_openStore(env, STORE_OPEN_NOCREATE | STORE_OPEN_READONLY);
   if (!s)
      return EXIT_FAIL;
   Presence *p = NULL;
   size_t n = 0, kept = 0;
   StoreStatus st = Store_presence(s, WHO_MAX_AGE_S, &p, &n);
   if (st != STORE_OK) {
      Cli_error("%s", Store_lastError(s));
      Store_close(s);
      return EXIT_FAIL;
   }
   for (size_t i = 0; i < n; i++) { /* only the workload asked for */
      if (workload && (!p[i].workload || strcmp(p[i].workload, workload) != 0)) {
         free(p[i].user);
         free(p[i].workload);
         free(p[i].question);
         free(p[i].seen_at);
         free(p[i].screen);
         free(p[i].active_at);
         continue;
      }
      p[kept++] = p[i];
   }
   if (json)
      whoJson(p, kept);
   else
      whoText(p, kept);
   Presence_freeArray(p, kept);
   Store_close(s);
   return EXIT_OK;
}

int Cmd_who(CliEnv *env, int argc, char **argv)
{
   const char *format = NULL;
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, whoOptions, whoOption, &format, &pos, &npos))
      return EXIT_USAGE;
   int rc;
   if (env->help) {
      Cli_printCommandHelp("who", whoOptions);
      rc = EXIT_OK;
   } else if (npos > 1) {
      Cli_usageError("who", NULL);
      rc = EXIT_USAGE;
   } else if (format && strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
      Cli_error(_("unknown format '%s' (text or json)"), format);
      rc = EXIT_USAGE;
   } else {
      rc = whoRun(env, npos ? pos[0] : NULL, format && strcmp(format, "json") == 0);
   }
   free(pos);
   return rc;
}
