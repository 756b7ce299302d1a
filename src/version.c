/* version.c: the program's and its libraries' versions for --version.
 * It lives above every layer (it names curses, libyaml, SQLite, jansson,
 * nettle and libunistring at once), so only main.c and the CLI's --version call it. */
#include "config.h"

#include "version.h"

#include <curses.h>
#include <jansson.h>
#include <nettle/version.h>
#include <sqlite3.h>
#include <unistring/version.h>
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
   /* libunistring's version says which Unicode the widths and line breaks
    * of the reports and the CLI follow; it counts (major << 16) + (minor << 8)
    * + subminor. */
   fprintf(out, "%s, libyaml %s, SQLite %s, jansson %s, nettle %d.%d, libunistring %d.%d\n",
           curses_version(), yaml_get_version_string(), sqlite3_libversion(), janssonVersion(),
           nettle_version_major(), nettle_version_minor(), _libunistring_version >> 16,
           (_libunistring_version >> 8) & 0xFF);
}
