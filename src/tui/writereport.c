/* writereport.c: the report key: a file name (the format follows from its
 * extension, else a menu asks), then the report module writes it through
 * a temporary file.  On the plan screen the report is the plan alone; on a
 * milestone's dashboard, the milestone. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "report/report.h"
#include "tui/screens.h"

/* The format an extension names; false for none we know. */
static bool formatOf(const char *path, ReportFormat *out)
{
   static const struct {
      const char *ext;
      ReportFormat f;
   } exts[] = {{"txt", REPORT_TEXT},    {"text", REPORT_TEXT}, {"md", REPORT_MD},
               {"markdown", REPORT_MD}, {"html", REPORT_HTML}, {"htm", REPORT_HTML},
               {"csv", REPORT_CSV},     {"json", REPORT_JSON}};
   const char *slash = strrchr(path, '/'), *dot = strrchr(slash ? slash : path, '.');

   if (!dot)
      return false;
   for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
      if (strcasecmp(dot + 1, exts[i].ext) == 0) {
         *out = exts[i].f;
         return true;
      }
   return false;
}

/* s with anything but letters, digits, '-', '_' and '.' as '-' (caller frees). */
static char *slug(const char *s)
{
   char *out = xstrdup(s && *s ? s : "walens");

   for (char *p = out; *p; p++)
      if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.'))
         *p = '-';
   return out;
}

/* "payments-plan.txt", "payments-report.txt", "payments-sprint-12.txt". */
static char *defaultName(const App *app)
{
   char *w = slug(app->doc.workload.name), *what, *out;

   if (App_screen(app) == SCREEN_SNAPSHOT && app->sv.active)
      what = slug(app->sv.ms.row.name);
   else
      what = xstrdup(app->report_plan_only ? "plan" : "report");
   out = xasprintf("%s-%s.txt", w, what);
   free(w);
   free(what);
   return out;
}

static void forget(App *app)
{
   free(app->report_path);
   app->report_path = NULL;
}

static Stale writeReport(App *app)
{
   ReportOptions o;
   char *err = NULL, real[PATH_MAX];

   memset(&o, 0, sizeof o);
   o.format = (ReportFormat)app->report_format;
   o.plan_only = app->report_plan_only;
   if (App_screen(app) == SCREEN_SNAPSHOT && app->sv.active)
      o.milestone = app->sv.ms.row.name;
   if (Report_writeFile(app->store, app->doc.workload.name, &o, app->report_path, &err))
      App_message(app, ROLE_NOTICE, _("Report written to %s (%s)"),
                  realpath(app->report_path, real) ? real : app->report_path,
                  ReportFormat_name(o.format));
   else
      App_message(app, ROLE_ERROR, _("Report not written: %s"), err ? err : strerror(errno));
   free(err);
   forget(app);
   return STALE_ALL;
}

static Stale gotOverwrite(App *app, const char *key)
{
   if (!key || key[0] != 'y') {
      App_message(app, ROLE_NOTICE, "%s", _("Nothing written"));
      forget(app);
      return STALE_FOOTER;
   }
   return writeReport(app);
}

/* Asks before replacing a file that is there. */
static Stale writeChecked(App *app)
{
   struct stat st;
   char *label;

   if (stat(app->report_path, &st) != 0)
      return writeReport(app);
   label = xasprintf(_("%s exists: y replaces it, n keeps it "), app->report_path);
   Prompt_openMenu(app, label, "yn", gotOverwrite);
   free(label);
   return STALE_FOOTER;
}

static Stale gotFormat(App *app, const char *key)
{
   static const char keys[] = "tmhcj";
   const char *k;

   if (!key) {
      forget(app);
      return STALE_FOOTER;
   }
   k = *key ? strchr(keys, key[0]) : keys; /* Enter: text */
   app->report_format = (int)(k - keys);
   return writeChecked(app);
}

static Stale gotPath(App *app, const char *text)
{
   ReportFormat f;
   const char *s = text, *e;

   if (!text)
      return STALE_FOOTER;
   while (*s == ' ')
      s++;
   e = s + strlen(s);
   while (e > s && e[-1] == ' ')
      e--;
   forget(app);
   if (e == s || (e - s == 1 && *s == '-')) {
      App_message(app, ROLE_NOTICE, "%s", _("No file name: nothing written"));
      return STALE_FOOTER;
   }
   app->report_path = xasprintf("%.*s", (int)(e - s), s);
   if (formatOf(app->report_path, &f)) {
      app->report_format = (int)f;
      return writeChecked(app);
   }
   Prompt_openMenu(app, _("Format: t text, m Markdown, h HTML, c CSV, j JSON (Enter: text) "),
                   "tmhcj", gotFormat);
   return STALE_FOOTER;
}

Stale WriteReport_start(App *app, const char *arg)
{
   char *name;

   if (!app->have_doc)
      return STALE_NONE;
   app->report_plan_only = App_screen(app) == SCREEN_PLAN;
   if (arg)
      return gotPath(app, arg);
   name = defaultName(app);
   Prompt_open(app, _("Write the report to (.txt .md .html .csv .json): "), name, gotPath);
   free(name);
   return STALE_FOOTER;
}
