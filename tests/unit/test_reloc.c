/* test_reloc.c: finding the installed data of a moved installation
 * (src/reloc.h): which binaries count as moved, and where their data is. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>

#include "reloc.h"

static void expectPrefix(const char *exe_dir, const char *prefix, const char *bindir,
                         const char *want)
{
   char *got = Reloc_prefix(exe_dir, prefix, bindir);
   if (!want)
      cr_assert_null(got, "%s: expected not relocated, got %s", exe_dir, got);
   else
      cr_assert_str_eq(got ? got : "(null)", want);
   free(got);
}

Test(reloc, prefix_of_a_moved_tree)
{
   expectPrefix("/tmp/d/opt/w/bin", "/usr/local", "/usr/local/bin", "/tmp/d/opt/w");
   expectPrefix("/home/a/inst/bin", "/usr", "/usr/bin", "/home/a/inst");
   /* bindir deeper than one level below the prefix */
   expectPrefix("/x/y/libexec/walens", "/usr", "/usr/libexec/walens", "/x/y");
}

Test(reloc, not_moved)
{
   expectPrefix("/usr/local/bin", "/usr/local", "/usr/local/bin", NULL); /* where it belongs */
   expectPrefix("/work/main/src", "/usr/local", "/usr/local/bin", NULL); /* the build tree */
   expectPrefix("/opt/sbin", "/usr/local", "/usr/local/bin", NULL);      /* "sbin" is not "bin" */
   expectPrefix(NULL, "/usr/local", "/usr/local/bin", NULL);             /* no /proc */
   expectPrefix("/tmp/bin", "/usr/local", "/opt/bin", NULL); /* bindir outside the prefix */
}

Test(reloc, root_prefix)
{
   expectPrefix("/tmp/d/bin", "/", "/bin", "/tmp/d");
   expectPrefix("/tmp/d/bin", "/usr/", "/usr/bin", "/tmp/d");
}

Test(reloc, paths_follow_the_prefix)
{
   char *p = Reloc_path("/usr/local/share/locale", "/usr/local", "/tmp/d/opt/w");
   cr_assert_str_eq(p, "/tmp/d/opt/w/share/locale");
   free(p);
   p = Reloc_path("/usr/local/share/walens/lenses", "/usr/local", NULL);
   cr_assert_str_eq(p, "/usr/local/share/walens/lenses");
   free(p);
   /* a directory configured outside the prefix stays where it is */
   p = Reloc_path("/etc/walens", "/usr/local", "/tmp/d");
   cr_assert_str_eq(p, "/etc/walens");
   free(p);
   /* "/usr/localx" is not below "/usr/local" */
   p = Reloc_path("/usr/localx/share", "/usr/local", "/tmp/d");
   cr_assert_str_eq(p, "/usr/localx/share");
   free(p);
}

Test(reloc, exe_dir_is_absolute)
{
   char *d = Reloc_exeDir();
   cr_assert_not_null(d);
   cr_assert_eq(d[0], '/');
   free(d);
}
