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
}

static const char *const keys[] = {"id", "title", "description", "choices", "riskRules", NULL};

Test(suggest, closest_takes_a_likely_typo)
{
   cr_assert_str_eq(Suggest_closest("choises", keys), "choices");
   cr_assert_str_eq(Suggest_closest("Choices", keys), "choices");
   cr_assert_str_eq(Suggest_closest("titel", keys), "title");
   cr_assert_str_eq(Suggest_closest("riskrule", keys), "riskRules");
   cr_assert_str_eq(Suggest_closest("descripton", keys), "description");
}

Test(suggest, closest_refuses_a_different_word)
{
   cr_assert_null(Suggest_closest("number", keys));
   cr_assert_null(Suggest_closest("url", keys));
   cr_assert_null(Suggest_closest("choices", keys)); /* itself is no suggestion */
   cr_assert_null(Suggest_closest("", keys));
   const char *const none[] = {NULL};
   cr_assert_null(Suggest_closest("title", none));
}
