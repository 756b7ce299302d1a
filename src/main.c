/* main.c: global options, then dispatch to a subcommand or the TUI. */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "i18n.h"

int main(int argc, char **argv)
{
   setlocale(LC_ALL, "");
#if ENABLE_NLS
   bindtextdomain(PACKAGE, LOCALEDIR);
   textdomain(PACKAGE);
#endif
   (void)argc;
   (void)argv;
   printf(_("walens %s\n"), PACKAGE_VERSION);
   return 0;
}
