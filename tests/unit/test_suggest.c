/* test_suggest.c: the edit distance and "did you mean" (core/suggest.h). */
#include "config.h"

#include <criterion/criterion.h>

#include "core/suggest.h"

Test(suggest, distance_counts_each_kind_of_edit)
{
   cr_assert_eq(Suggest_distance("", ""), 0);
   cr_assert_eq(Suggest_distance("choices", "choices"), 0);
   cr_assert_eq(Suggest_distance("choises", "choices"), 1);  /* replace */
   cr_assert_eq(Suggest_distance("choice", "choices"), 1);   /* insert */
   cr_assert_eq(Suggest_distance("choicess", "choices"), 1); /* delete */
   cr_assert_eq(Suggest_distance("chioces", "choices"), 1);  /* swap */
   cr_assert_eq(Suggest_distance("Choices", "choices"), 0);  /* case */
   cr_assert_eq(Suggest_distance("abc", ""), 3);
   cr_assert_eq(Suggest_distance("kitten", "sitting"), 3);
   cr_assert_eq(Suggest_distance("stauts", "status"), 1);
   cr_assert_eq(Suggest_distance("", "abc"), 3);
}

static const char *const keys[] = {"id", "title", "description", "choices", "riskRules", NULL};

static const char *best(const char *word, const char *const *cands)
{
   size_t n = 0;
   while (cands[n])
      n++;
   return Suggest_best(word, cands, n);
}

Test(suggest, closest_takes_a_likely_typo)
{
   cr_assert_str_eq(best("choises", keys), "choices");
   cr_assert_str_eq(best("Choices", keys), "choices");
   cr_assert_str_eq(best("titel", keys), "title");
   cr_assert_str_eq(best("riskrule", keys), "riskRules");
   cr_assert_str_eq(best("descripton", keys), "description");
}

Test(suggest, closest_refuses_a_different_word)
{
   cr_assert_null(best("number", keys));
   cr_assert_null(best("url", keys));
   cr_assert_null(best("choices", keys)); /* itself is no suggestion */
   cr_assert_null(best("", keys));
   const char *const none[] = {NULL};
   cr_assert_null(best("title", none));
}

/* Commands and workload names, as the CLI offers them: a NULL among the
 * candidates (a table's hole) is skipped. */
Test(suggest, closest_among_commands_and_names)
{
   const char *const cmds[] = {"lens", "workload", "answer", "status", "plan", NULL, "report"};
   size_t n = sizeof cmds / sizeof *cmds;
   cr_assert_str_eq(Suggest_best("stauts", cmds, n), "status");
   cr_assert_str_eq(Suggest_best("reprot", cmds, n), "report");
   cr_assert_null(Suggest_best("status", cmds, n)); /* exact: nothing to suggest */
   cr_assert_null(Suggest_best("frobnicate", cmds, n));
   cr_assert_null(Suggest_best("", cmds, n));
   const char *const wl[] = {"fraud-detection", "churn"};
   cr_assert_str_eq(Suggest_best("fraud-detecton", wl, 2), "fraud-detection");
   cr_assert_null(Suggest_best("x", wl, 2));
}
