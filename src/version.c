/* version.c: the program's and its libraries' versions for --version.
 * It lives above every layer (it names curses, libyaml, SQLite and jansson
 * at once), so only main.c and the CLI's --version call it. */
#include "config.h"

#include "version.h"

#include <curses.h>
#include <jansson.h>
#include <sqlite3.h>
#include <yaml.h>

/* jansson_version_str() appeared in 2.13; older ones know only the header's. */
static const char *janssonVersion(void)
{
#if JANSSON_MAJOR_VERSION > 2 || (JANSSON_MAJOR_VERSION == 2 && JANSSON_MINOR_VERSION >= 13)
   return jansson_version_str();
#else
   return JANSSON_VERSION;
#endif
}

void Version_print(FILE *out)
{
   fprintf(out, "walens %s\n", PACKAGE_VERSION);
   /* Library names are not translated: they are what a bug report quotes. */
   fprintf(out, "%s, libyaml %s, SQLite %s, jansson %s\n", curses_version(),
           yaml_get_version_string(), sqlite3_libversion(), janssonVersion());
}
