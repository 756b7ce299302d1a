/* args.c: the option parser behind every subcommand. */
#include "config.h"

#include "cli/args.h"
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "i18n.h"

static const OptSpec *findLong(const OptSpec *specs, const char *name, size_t len)
{
   for (const OptSpec *s = specs; s->name; s++)
      if (strlen(s->name) == len && strncmp(s->name, name, len) == 0)
         return s;
   return NULL;
}

static const OptSpec *findShort(const OptSpec *specs, char c)
{
   for (const OptSpec *s = specs; s->name; s++)
      if (s->short_name && s->short_name == c)
         return s;
   return NULL;
}

/* Resolves one option word at argv[*i]; consumes its value when it takes one. */
static bool takeOption(int argc, char **argv, int *i, const OptSpec *specs, OptHandler fn,
                       void *ctx)
{
   const char *word = argv[*i];
   const OptSpec *spec;
   const char *value = NULL;
   if (word[1] == '-') {
      const char *name = word + 2;
      const char *eq = strchr(name, '=');
      spec = findLong(specs, name, eq ? (size_t)(eq - name) : strlen(name));
      if (eq)
         value = eq + 1;
   } else {
      spec = word[2] == '\0' ? findShort(specs, word[1]) : NULL;
   }
   if (!spec) {
      Cli_fprintf(stderr, _("walens: unknown option '%s'\n"), word);
      return false;
   }
   if (!spec->arg && value) {
      Cli_fprintf(stderr, _("walens: option '--%s' takes no value\n"), spec->name);
      return false;
   }
   if (spec->arg && !value) {
      if (*i + 1 >= argc) {
         Cli_fprintf(stderr, _("walens: option '--%s' needs a value (%s)\n"), spec->name,
                     _(spec->arg));
         return false;
      }
      value = argv[++*i];
   }
   return fn(spec->id, value, ctx);
}

bool Args_parse(int argc, char **argv, int first, const OptSpec *specs, OptHandler fn, void *ctx,
                char ***pos, size_t *npos)
{
   *pos = xcalloc((size_t)(argc > 0 ? argc : 1), sizeof **pos);
   *npos = 0;
   bool options_done = false;
   for (int i = first; i < argc; i++) {
      const char *word = argv[i];
      if (!options_done && strcmp(word, "--") == 0) {
         options_done = true;
      } else if (!options_done && word[0] == '-' && word[1] != '\0') {
         if (!takeOption(argc, argv, &i, specs, fn, ctx)) {
            free(*pos);
            *pos = NULL;
            return false;
         }
      } else {
         (*pos)[(*npos)++] = argv[i];
      }
   }
   return true;
}

void Args_printHelp(const OptSpec *specs)
{
   for (const OptSpec *s = specs; s->name; s++) {
      char left[64];
      const char *arg = s->arg ? _(s->arg) : ""; /* N_() in the tables */
      if (s->short_name)
         snprintf(left, sizeof left, "-%c, --%s%s%s", s->short_name, s->name, *arg ? " " : "", arg);
      else
         snprintf(left, sizeof left, "    --%s%s%s", s->name, *arg ? " " : "", arg);
      /* Padded by columns: a translated placeholder may hold an umlaut. */
      int pad = 28 - (int)Utf8_width(left);
      Cli_printf("  %s%*s %s\n", left, pad > 0 ? pad : 0, "", _(s->help));
   }
}
