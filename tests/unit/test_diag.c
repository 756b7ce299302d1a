/* test_diag.c: the order and folding of printed diagnostics (core/diag.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/diag.h"

/* What DiagList_printAs writes, as one string the caller frees. */
static char *printed(const DiagList *d, bool strict)
{
   char *buf = NULL;
   size_t len = 0;
   FILE *f = open_memstream(&buf, &len);
   cr_assert_not_null(f);
   DiagList_printAs(d, f, strict);
   cr_assert_eq(fclose(f), 0);
   return buf;
}

Test(diag, printed_by_position_with_unpositioned_first)
{
   DiagList d;
   DiagList_init(&d);
   DiagList_add(&d, DIAG_ERROR, "l.yaml", 9, 3, NULL, "late");
   DiagList_add(&d, DIAG_WARNING, "l.yaml", 2, 5, "p", "early");
   DiagList_add(&d, DIAG_ERROR, "l.yaml", 9, 1, NULL, "same line, left");
   DiagList_add(&d, DIAG_ERROR, "l.yaml", 0, 0, NULL, "cannot read");
   char *s = printed(&d, false);
   cr_assert_str_eq(s, "l.yaml: error: cannot read\n"
                       "l.yaml:2:5: warning: p: early\n"
                       "l.yaml:9:1: error: same line, left\n"
                       "l.yaml:9:3: error: late\n");
   free(s);
   DiagList_free(&d);
}

Test(diag, same_warning_folds_once_with_its_count)
{
   DiagList d;
   DiagList_init(&d);
   for (unsigned i = 90; i >= 1; i--)
      DiagList_add(&d, DIAG_WARNING, "aws.json", i * 10, 7, "q", "unknown key 'number'");
   DiagList_add(&d, DIAG_WARNING, "aws.json", 5, 1, NULL, "other");
   char *s = printed(&d, false);
   cr_assert_str_eq(s, "aws.json:5:1: warning: other\n"
                       "aws.json:10:7: warning: q: unknown key 'number' (90 times; the first is "
                       "shown)\n");
   free(s);
   cr_assert_eq(d.warnings, 91); /* the list itself keeps every one */
   DiagList_free(&d);
}

Test(diag, errors_never_fold_and_strict_prints_warnings_as_errors)
{
   DiagList d;
   DiagList_init(&d);
   DiagList_add(&d, DIAG_ERROR, "f", 1, 1, NULL, "missing key");
   DiagList_add(&d, DIAG_ERROR, "f", 2, 1, NULL, "missing key");
   DiagList_add(&d, DIAG_WARNING, "f", 3, 1, NULL, "odd");
   DiagList_add(&d, DIAG_WARNING, "f", 4, 1, NULL, "odd");
   DiagList_add(&d, DIAG_WARNING, "g", 4, 1, NULL, "odd"); /* another file */
   char *s = printed(&d, true);
   cr_assert_str_eq(s, "f:1:1: error: missing key\n"
                       "f:2:1: error: missing key\n"
                       "f:3:1: error: odd (2 times; the first is shown)\n"
                       "g:4:1: error: odd\n");
   free(s);
   DiagList_free(&d);
}
