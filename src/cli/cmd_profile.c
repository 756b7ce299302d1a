/* cmd_profile.c: walens profile list | show | set. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/profileopt.h"
#include "core/catalog.h"
#include "core/profiles.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "store/profiledoc.h"
#include "store/reviewdoc.h"

enum { OPT_CONTEXT = 100, OPT_PROFILE };

static const OptSpec profileOptions[] = {
   {"context", 0, N_("Q=C,..."), N_("set: the choice for each context question"), OPT_CONTEXT},
   {"profile", 0, N_("FILE|KEY"), N_("set: give the workload this profile"), OPT_PROFILE},
   {NULL, 0, NULL, NULL, 0},
};

typedef struct ProfileArgs {
   const char *context, *profile;
} ProfileArgs;

static bool profileOption(int id, const char *value, void *ctx)
{
   ProfileArgs *a = ctx;
   if (id == OPT_CONTEXT)
      a->context = value;
   else if (id == OPT_PROFILE)
      a->profile = value;
   return true;
}

static void printRow(const char *key, const char *version, const char *lens, const char *source,
                     const char *title)
{
   Cli_cell(key, 26);
   Cli_cell(version && *version ? version : "-", 8);
   Cli_cell(lens, 18);
   Cli_cell(source, 10);
   Cli_printf("%s\n", title);
}

static int profileList(void)
{
   Profiles list;
   DiagList d;
   DiagList_init(&d);
   Profiles_scan(&list, &d);
   DiagList_print(&d, stderr);
   printRow(_("KEY"), _("VERSION"), _("LENS"), _("SOURCE"), _("TITLE"));
   for (size_t i = 0; i < list.count; i++) {
      const ProfileEntry *e = &list.items[i];
      char *title = e->shadowed ? xasprintf(_("%s (overridden)"), e->title) : xstrdup(e->title);
      printRow(e->key, e->version, e->lens_key, LensSource_label(e->source), title);
      free(title);
   }
   Profiles_free(&list);
   DiagList_free(&d);
   return EXIT_OK;
}

static void printProfile(const Profile *p)
{
   Cli_printf("%s (%s %s)\n", p->title, p->key, p->version ? p->version : "-");
   Cli_printf(_("Lens: %s, versions %s to %s\n"), p->lens_key, p->lens_min ? p->lens_min : "*",
              p->lens_max ? p->lens_max : "*");
   for (size_t i = 0; i < p->n_questions; i++) {
      const ProfileQuestion *q = &p->questions[i];
      Cli_printf("\n%s  %s\n", q->id, q->title);
      for (size_t k = 0; k < q->n_choices; k++) {
         const ProfileChoice *c = &q->choices[k];
         Cli_printf("  %s  %s\n", c->id, c->title);
         if (c->n_priorities) {
            Cli_printf("    %s", _("priority:"));
            for (size_t j = 0; j < c->n_priorities; j++)
               Cli_printf(" %s", c->priorities[j]);
            Cli_printf("\n");
         }
      }
   }
}

static int profileShow(CliEnv *env, const char *arg)
{
   DiagList d;
   DiagList_init(&d);
   char *text = NULL, *name = NULL;
   size_t len = 0;
   Profile *p = Profiles_resolve(arg, &text, &len, &name, &d);
   Lens *lens = p ? ProfileOpt_lens(env->lens_arg, p, &d) : NULL;
   if (lens)
      Profile_check(p, lens, name, &d);
   DiagList_print(&d, stderr);
   int rc = !p || d.errors ? EXIT_FAIL : EXIT_OK;
   if (p && !d.errors)
      printProfile(p);
   Lens_free(lens);
   Profile_free(p);
   free(text);
   free(name);
   DiagList_free(&d);
   return rc;
}

/* profile set WORKLOAD: new context answers, and perhaps a new profile. */
static int profileSet(CliEnv *env, const ProfileArgs *a, const char *workload)
{
   ReviewDoc doc;
   Store *s = Cli_openReview(env, 0, workload, &doc);
   if (!s)
      return EXIT_FAIL;
   int rc = ProfileOpt_apply(env, s, &doc, a->profile, a->context);
   ReviewDoc_free(&doc);
   Store_close(s);
   return rc;
}

int Cmd_profile(CliEnv *env, int argc, char **argv)
{
   ProfileArgs a = {0};
   char **pos;
   size_t npos;
   if (!Cli_parse(env, argc, argv, profileOptions, profileOption, &a, &pos, &npos))
      return EXIT_USAGE;
   int rc = EXIT_USAGE;
   if (env->help) {
      Cli_printCommandHelp("profile", profileOptions);
      rc = EXIT_OK;
   } else if (npos == 1 && strcmp(pos[0], "list") == 0) {
      rc = profileList();
   } else if (npos == 2 && strcmp(pos[0], "show") == 0) {
      rc = profileShow(env, pos[1]);
   } else if (npos == 2 && strcmp(pos[0], "set") == 0) {
      rc = profileSet(env, &a, pos[1]);
   } else {
      Cli_printCommandHelp("profile", profileOptions);
   }
   free(pos);
   return rc;
}
