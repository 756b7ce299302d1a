/* test_cond.c: the riskRules condition parser, evaluator, formatter and the
 * rules derived from choice weights.  Questions are built by hand here; the
 * tests on lens files live in test_review.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/cond.h"
#include "core/lens.h"
#include "core/review.h"

/* ---- a hand-made question ---- */

typedef struct ChoiceSpec {
   const char *id;
   Weight weight;
} ChoiceSpec;

/* Choices named in specs; is_none from the `_no` suffix as the loader does. */
static Question makeQuestion(const ChoiceSpec *specs, size_t n)
{
   Question q;
   memset(&q, 0, sizeof q);
   q.id = strdup("Q");
   q.phase = -1;
   q.pos.path = strdup("pillars[0].questions[0]");
   q.pos.line = 7;
   q.choices = calloc(n ? n : 1, sizeof *q.choices);
   q.n_choices = n;
   for (size_t i = 0; i < n; i++) {
      size_t len = strlen(specs[i].id);
      q.choices[i].id = strdup(specs[i].id);
      q.choices[i].weight = specs[i].weight;
      q.choices[i].is_none = len >= 3 && strcmp(specs[i].id + len - 3, "_no") == 0;
   }
   return q;
}

static void freeQuestion(Question *q)
{
   for (size_t i = 0; i < q->n_rules; i++) {
      free(q->rules[i].condition);
      Cond_free(q->rules[i].expr);
      free(q->rules[i].pos.path);
   }
   free(q->rules);
   for (size_t i = 0; i < q->n_choices; i++)
      free(q->choices[i].id);
   free(q->choices);
   free(q->pos.path);
   free(q->id);
}

static const ChoiceSpec abcd[] = {
   {"a", WEIGHT_NONE},
   {"b", WEIGHT_NONE},
   {"c", WEIGHT_NONE},
   {"d", WEIGHT_NONE},
};

/* Parses and binds against choices a..d; fails the test on a syntax error. */
static Cond *parseBound(const char *text)
{
   char *err = NULL;
   size_t pos = 99;
   Cond *c = Cond_parse(text, &err, &pos);
   cr_assert_not_null(c, "'%s' should parse, got \"%s\" at %zu", text, err ? err : "", pos);
   cr_assert_null(err);
   Question q = makeQuestion(abcd, 4);
   const char *unknown = NULL;
   cr_assert(Cond_bind(c, &q, &unknown), "'%s': unknown id %s", text, unknown);
   freeQuestion(&q);
   return c;
}

/* Evaluates with a, b, c, d taken from the low bits of mask. */
static bool evalMask(const Cond *c, unsigned mask)
{
   unsigned char state[4];
   for (int i = 0; i < 4; i++)
      state[i] = (mask >> i) & 1u ? CHOICE_SELECTED : CHOICE_UNSELECTED;
   return Cond_eval(c, state);
}

static void assertFormat(const char *text, const char *expected)
{
   Cond *c = parseBound(text);
   char *s = Cond_format(c);
   cr_assert_str_eq(s, expected, "format of '%s'", text);
   free(s);
   Cond_free(c);
}

/* ---- precedence and evaluation ---- */

Test(cond, or_and_precedence)
{
   Cond *c = parseBound("a || b && c");
   for (unsigned m = 0; m < 8; m++) {
      bool a = m & 1, b = m & 2, cc = m & 4;
      cr_assert_eq(evalMask(c, m), a || (b && cc), "mask %u", m);
   }
   /* Flat left-to-right reading would give (a || b) && c: false for a only. */
   cr_assert_eq(evalMask(c, 1u), true);
   Cond_free(c);
   assertFormat("a || b && c", "a || b && c");
}

Test(cond, and_or_precedence_left)
{
   Cond *c = parseBound("a && b || c");
   for (unsigned m = 0; m < 8; m++) {
      bool a = m & 1, b = m & 2, cc = m & 4;
      cr_assert_eq(evalMask(c, m), (a && b) || cc, "mask %u", m);
   }
   Cond_free(c);
}

Test(cond, not_binds_tighter_than_and)
{
   Cond *c = parseBound("!a && b");
   cr_assert_eq(evalMask(c, 0u), false);
   cr_assert_eq(evalMask(c, 1u), false);
   cr_assert_eq(evalMask(c, 2u), true);
   cr_assert_eq(evalMask(c, 3u), false);
   Cond_free(c);
   assertFormat("!a && b", "!a && b");
}

Test(cond, negated_group)
{
   Cond *c = parseBound("!(a||b)");
   cr_assert_eq(evalMask(c, 0u), true);
   cr_assert_eq(evalMask(c, 1u), false);
   cr_assert_eq(evalMask(c, 2u), false);
   cr_assert_eq(evalMask(c, 3u), false);
   Cond_free(c);
   assertFormat("!(a||b)", "!(a || b)");
   assertFormat("!(a&&b)", "!(a && b)");
}

Test(cond, double_negation_kept)
{
   Cond *c = parseBound("!!a");
   cr_assert_eq(evalMask(c, 0u), false);
   cr_assert_eq(evalMask(c, 1u), true);
   Cond_free(c);
   assertFormat("! ! a", "!!a");
}

Test(cond, parentheses_change_grouping)
{
   Cond *c = parseBound("(a || b) && c");
   cr_assert_eq(evalMask(c, 1u), false); /* a only */
   cr_assert_eq(evalMask(c, 5u), true);  /* a and c */
   cr_assert_eq(evalMask(c, 4u), false); /* c only */
   Cond_free(c);
   assertFormat("(a || b) && c", "(a || b) && c");
   assertFormat("((a))", "a");
   assertFormat("(a) && ((b))", "a && b");
   assertFormat("a && (b && c)", "a && b && c");
   assertFormat("(a || b) || (c || d)", "a || b || c || d");
   assertFormat("a || (b && c)", "a || b && c");
   assertFormat("(a || !b) && !(c && d)", "(a || !b) && !(c && d)");
   assertFormat("((a || b) && (c || d)) || !a", "(a || b) && (c || d) || !a");
}

Test(cond, nested_real_world)
{
   /* Shape seen in a public lens. */
   Cond *c = parseBound("(a || b) && ((c && d) || (c && a) || (d && a)) && !b");
   cr_assert_eq(evalMask(c, 1u | 4u), true);       /* a, c */
   cr_assert_eq(evalMask(c, 1u | 2u | 4u), false); /* b set */
   cr_assert_eq(evalMask(c, 4u | 8u), false);      /* neither a nor b */
   Cond_free(c);
}

Test(cond, id_only_selected_counts)
{
   Cond *c = parseBound("a");
   unsigned char st[4] = {CHOICE_NA, 0, 0, 0};
   cr_assert_eq(Cond_eval(c, st), false);
   st[0] = CHOICE_SELECTED;
   cr_assert_eq(Cond_eval(c, st), true);
   st[0] = CHOICE_UNSELECTED;
   cr_assert_eq(Cond_eval(c, st), false);
   Cond_free(c);
   /* A marked-N/A choice is unselected for `!` as well. */
   c = parseBound("!a");
   st[0] = CHOICE_NA;
   cr_assert_eq(Cond_eval(c, st), true);
   Cond_free(c);
}

Test(cond, unbound_id_is_false)
{
   Cond *c = Cond_parse("a", NULL, NULL);
   unsigned char st[1] = {CHOICE_SELECTED};
   cr_assert_eq(Cond_eval(c, st), false);
   Cond_free(c);
   cr_assert_eq(Cond_eval(NULL, st), false);
}

/* ---- default ---- */

Test(cond, default_whole)
{
   const char *texts[] = {"default", "  default", "default\t", "\t default  "};
   for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
      char *err = NULL;
      size_t pos = 5;
      Cond *c = Cond_parse(texts[i], &err, &pos);
      cr_assert_not_null(c, "'%s'", texts[i]);
      cr_assert_null(err);
      cr_assert(Cond_isDefault(c));
      cr_assert(Cond_eval(c, NULL));
      char *s = Cond_format(c);
      cr_assert_str_eq(s, "default");
      free(s);
      Question q = makeQuestion(abcd, 0);
      cr_assert(Cond_bind(c, &q, NULL));
      freeQuestion(&q);
      Cond_free(c);
   }
   Cond *c = parseBound("a");
   cr_assert_not(Cond_isDefault(c));
   Cond_free(c);
   cr_assert_not(Cond_isDefault(NULL));
}

Test(cond, default_other_case_is_an_id)
{
   Cond *c = Cond_parse("Default", NULL, NULL);
   cr_assert_not_null(c);
   cr_assert_not(Cond_isDefault(c));
   Question q = makeQuestion(abcd, 4);
   const char *unknown = NULL;
   cr_assert_not(Cond_bind(c, &q, &unknown));
   cr_assert_str_eq(unknown, "Default");
   freeQuestion(&q);
   Cond_free(c);
}

/* ---- whitespace ---- */

Test(cond, whitespace_variants)
{
   const char *texts[] = {
      "a&&b||!c", "  a && b || !c  ", "a\t&&\tb\t||\t!\tc", "a  &&   b ||  ! c", "\ta&& b ||!c\t",
   };
   for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
      assertFormat(texts[i], "a && b || !c");
   assertFormat("( a || b )", "a || b");
   assertFormat("(\ta\t)", "a");
}

Test(cond, ids)
{
   static const ChoiceSpec specs[] = {
      {"OPS_4_no", WEIGHT_NONE}, {"OPS_4_1", WEIGHT_NONE}, {"x9", WEIGHT_NONE},
      {"_", WEIGHT_NONE},        {"123", WEIGHT_NONE},
   };
   Question q = makeQuestion(specs, 5);
   Cond *c = Cond_parse("OPS_4_no || (OPS_4_1 && x9) || _ && 123", NULL, NULL);
   cr_assert_not_null(c);
   cr_assert(Cond_bind(c, &q, NULL));
   unsigned char st[5] = {0, 0, 0, CHOICE_SELECTED, CHOICE_SELECTED};
   cr_assert(Cond_eval(c, st));
   st[4] = 0;
   cr_assert_not(Cond_eval(c, st));
   st[0] = CHOICE_SELECTED;
   cr_assert(Cond_eval(c, st));
   char *s = Cond_format(c);
   cr_assert_str_eq(s, "OPS_4_no || OPS_4_1 && x9 || _ && 123");
   free(s);
   Cond_free(c);
   freeQuestion(&q);
}

/* ---- syntax errors ---- */

typedef struct ErrCase {
   const char *text;
   const char *message;
   size_t pos;
} ErrCase;

static const ErrCase errCases[] = {
   {"", "empty condition", 0},
   {"   \t", "empty condition", 0},
   {"(a) && ", "expected a choice id or '('", 7},
   {"a &&", "expected a choice id or '('", 4},
   {"a || || b", "expected a choice id or '('", 5},
   {"&& a", "expected a choice id or '('", 0},
   {"!", "expected a choice id or '('", 1},
   {"a && !", "expected a choice id or '('", 6},
   {"a)", "unexpected ')'", 1},
   {"(a && b))", "unexpected ')'", 8},
   {"()", "unexpected ')'", 1},
   {"a && )", "unexpected ')'", 5},
   {"a & b", "'&' must be doubled", 2},
   {"a &&& b", "'&' must be doubled", 4},
   {"a&", "'&' must be doubled", 1},
   {"a | b", "'|' must be doubled", 2},
   {"a ||| b", "'|' must be doubled", 4},
   {"(a && b", "unbalanced parenthesis", 0},
   {"a && ((b || c)", "unbalanced parenthesis", 5},
   {"((a)", "unbalanced parenthesis", 0},
   {"a b", "expected '&&' or '||'", 2},
   {"a !b", "expected '&&' or '||'", 2},
   {"a (b)", "expected '&&' or '||'", 2},
   {"(a b)", "expected '&&', '||' or ')'", 3},
   {"!(a (b))", "expected '&&', '||' or ')'", 4},
   {"default && a", "'default' must be the whole condition", 0},
   {"a || default", "'default' must be the whole condition", 5},
   {"(default)", "'default' must be the whole condition", 1},
   {"a + b", "unexpected character '+'", 2},
   {"a and b", "expected '&&' or '||'", 2},
   {"a && b;", "unexpected character ';'", 6},
   {"a \xc3\xa9", "unexpected byte 0xC3", 2},
   {"a\n&& b", "unexpected byte 0x0A", 1},
   {"a\r", "unexpected byte 0x0D", 1},
   {"a\x7f", "unexpected byte 0x7F", 1},
};

Test(cond, syntax_errors)
{
   for (size_t i = 0; i < sizeof errCases / sizeof *errCases; i++) {
      const ErrCase *e = &errCases[i];
      char *err = NULL;
      size_t pos = 12345;
      Cond *c = Cond_parse(e->text, &err, &pos);
      cr_assert_null(c, "'%s' should not parse", e->text);
      cr_assert_not_null(err, "'%s'", e->text);
      cr_assert_str_eq(err, e->message, "'%s'", e->text);
      cr_assert_eq(pos, e->pos, "'%s': position %zu, expected %zu", e->text, pos, e->pos);
      free(err);
      /* Without the out parameters: no crash, no leak. */
      cr_assert_null(Cond_parse(e->text, NULL, NULL));
   }
}

Test(cond, null_text_is_empty)
{
   char *err = NULL;
   size_t pos = 3;
   cr_assert_null(Cond_parse(NULL, &err, &pos));
   cr_assert_str_eq(err, "empty condition");
   cr_assert_eq(pos, 0);
   free(err);
}

/* Builds prefix^n core suffix^n. */
static char *repeat(const char *prefix, const char *core, const char *suffix, size_t n)
{
   size_t lp = strlen(prefix), lc = strlen(core), ls = strlen(suffix);
   char *s = malloc(n * (lp + ls) + lc + 1);
   char *p = s;
   for (size_t i = 0; i < n; i++, p += lp)
      memcpy(p, prefix, lp);
   memcpy(p, core, lc);
   p += lc;
   for (size_t i = 0; i < n; i++, p += ls)
      memcpy(p, suffix, ls);
   *p = '\0';
   return s;
}

Test(cond, depth_limit_parentheses)
{
   char *ok = repeat("(", "a", ")", COND_MAX_DEPTH);
   Cond *c = parseBound(ok);
   cr_assert(evalMask(c, 1u));
   Cond_free(c);
   free(ok);

   char *deep = repeat("(", "a", ")", COND_MAX_DEPTH + 1);
   char *err = NULL;
   size_t pos = 0;
   cr_assert_null(Cond_parse(deep, &err, &pos));
   cr_assert_str_eq(err, "condition nested deeper than 64 levels");
   cr_assert_eq(pos, 64);
   free(err);
   free(deep);
}

Test(cond, depth_limit_negation)
{
   char *ok = repeat("!", "a", "", COND_MAX_DEPTH);
   Cond *c = parseBound(ok);
   cr_assert_eq(evalMask(c, 1u), true); /* an even number of `!` */
   char *s = Cond_format(c);
   cr_assert_str_eq(s, ok);
   free(s);
   Cond_free(c);
   free(ok);

   char *err = NULL;
   size_t pos = 0;
   char *deep = repeat("!(", "a", ")", 40); /* 80 levels */
   cr_assert_null(Cond_parse(deep, &err, &pos));
   cr_assert_str_eq(err, "condition nested deeper than 64 levels");
   cr_assert_eq(pos, 64);
   free(err);
   free(deep);

   /* Far beyond any stack: must fail fast, not crash. */
   deep = repeat("(", "a", "", 200000);
   cr_assert_null(Cond_parse(deep, &err, &pos));
   cr_assert_eq(pos, 64);
   free(err);
   free(deep);
}

Test(cond, long_flat_condition)
{
   /* Width is not depth: 20000 operands in one list are fine. */
   char *s = repeat("a && ", "b", "", 20000);
   Cond *c = parseBound(s);
   cr_assert_eq(evalMask(c, 3u), true);
   cr_assert_eq(evalMask(c, 2u), false);
   char *f = Cond_format(c);
   cr_assert_str_eq(f, s);
   free(f);
   Cond_free(c);
   free(s);
}

/* ---- binding ---- */

Test(cond, bind_unknown)
{
   Cond *c = Cond_parse("a && (b || zz) && yy", NULL, NULL);
   cr_assert_not_null(c);
   Question q = makeQuestion(abcd, 4);
   const char *unknown = NULL;
   cr_assert_not(Cond_bind(c, &q, &unknown));
   cr_assert_str_eq(unknown, "zz");
   cr_assert_not(Cond_bind(c, &q, NULL));
   freeQuestion(&q);
   Cond_free(c);
}

Test(cond, bind_indexes)
{
   static const ChoiceSpec specs[] = {{"x", WEIGHT_NONE}, {"y", WEIGHT_NONE}};
   Question q = makeQuestion(specs, 2);
   Cond *c = Cond_parse("y && !x", NULL, NULL);
   cr_assert(Cond_bind(c, &q, NULL));
   unsigned char st[2] = {CHOICE_UNSELECTED, CHOICE_SELECTED};
   cr_assert(Cond_eval(c, st));
   st[0] = CHOICE_SELECTED;
   cr_assert_not(Cond_eval(c, st));
   Cond_free(c);
   freeQuestion(&q);
}

/* ---- format round trip ---- */

static void assertRoundTrip(const char *text)
{
   Cond *c = parseBound(text);
   char *s1 = Cond_format(c);
   Cond *c2 = parseBound(s1);
   char *s2 = Cond_format(c2);
   cr_assert_str_eq(s1, s2, "'%s' -> '%s' -> '%s'", text, s1, s2);
   for (unsigned m = 0; m < 16; m++)
      cr_assert_eq(evalMask(c, m), evalMask(c2, m), "'%s' mask %u", text, m);
   free(s1);
   free(s2);
   Cond_free(c);
   Cond_free(c2);
}

Test(cond, format_round_trip)
{
   const char *texts[] = {
      "a",
      "!a",
      "a && b",
      "a || b",
      "a || b && c",
      "(a || b) && c",
      "!(a || b) && !(c && d)",
      "((a || b) && (c || !d)) || (a && !(b || c && d))",
      "!!(a)",
      "!(!a || !b)",
      "a && (b || (c && (d || a)))",
      "(a || b) && ((c && d) || (c && a) || (d && a)) && !b",
   };
   for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
      assertRoundTrip(texts[i]);
}

/* Random strings over the condition alphabet: never a crash; whatever parses
 * formats to text that parses to the same tree (same text, same truth table
 * when its ids are among a..d: "ab" is one id). */
Test(cond, random_inputs)
{
   static const char alphabet[] = "abcd()!&| \t";
   unsigned seed = 12345u;
   char text[24];
   size_t parsed = 0, compared = 0;
   Question q = makeQuestion(abcd, 4);
   for (int round = 0; round < 20000; round++) {
      seed = seed * 1103515245u + 12345u;
      size_t len = (seed >> 16) % (sizeof text - 1);
      for (size_t i = 0; i < len; i++) {
         seed = seed * 1103515245u + 12345u;
         text[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
      }
      text[len] = '\0';
      char *err = NULL;
      size_t pos = 999;
      Cond *c = Cond_parse(text, &err, &pos);
      if (!c) {
         cr_assert_not_null(err, "'%s'", text);
         cr_assert_leq(pos, len, "'%s' at %zu", text, pos);
         free(err);
         continue;
      }
      cr_assert_null(err);
      parsed++;
      char *s1 = Cond_format(c);
      Cond *c2 = Cond_parse(s1, &err, &pos);
      cr_assert_not_null(c2, "'%s' -> '%s': %s at %zu", text, s1, err, pos);
      char *s2 = Cond_format(c2);
      cr_assert_str_eq(s1, s2, "'%s' -> '%s' -> '%s'", text, s1, s2);
      if (Cond_bind(c, &q, NULL)) {
         cr_assert(Cond_bind(c2, &q, NULL));
         compared++;
         for (unsigned m = 0; m < 16; m++)
            cr_assert_eq(evalMask(c, m), evalMask(c2, m), "'%s' mask %u", text, m);
      }
      free(s1);
      free(s2);
      Cond_free(c);
      Cond_free(c2);
   }
   freeQuestion(&q);
   cr_assert_gt(parsed, 100); /* the generator does hit valid conditions */
   cr_assert_gt(compared, 50);
}

/* ---- derived rules ---- */

static void assertRule(const Question *q, size_t i, const char *condition, Risk risk)
{
   cr_assert_lt(i, q->n_rules);
   cr_assert_str_eq(q->rules[i].condition, condition, "rule %zu", i);
   cr_assert_eq(q->rules[i].risk, risk, "rule %zu: %d", i, q->rules[i].risk);
   cr_assert_not_null(q->rules[i].expr);
   cr_assert_eq(Cond_isDefault(q->rules[i].expr), strcmp(condition, "default") == 0);
   cr_assert_str_eq(q->rules[i].pos.path, "pillars[0].questions[0]");
   cr_assert_eq(q->rules[i].pos.line, 7);
}

Test(derive, weighted_with_high)
{
   static const ChoiceSpec specs[] = {
      {"Q_a", WEIGHT_HIGH}, {"Q_b", WEIGHT_MEDIUM}, {"Q_c", WEIGHT_HIGH},
      {"Q_d", WEIGHT_NONE}, {"Q_no", WEIGHT_NONE},
   };
   Question q = makeQuestion(specs, 5);
   Question_deriveRules(&q);
   cr_assert_eq(q.n_rules, 3);
   assertRule(&q, 0, "Q_a && Q_b && Q_c && Q_d", RISK_NONE);
   assertRule(&q, 1, "Q_a && Q_c", RISK_MEDIUM);
   assertRule(&q, 2, "default", RISK_HIGH);
   cr_assert(q.rules_derived);
   cr_assert(q.has_default);

   /* The conditions are bound to the right choices. */
   unsigned char st[5] = {1, 0, 1, 0, 0};
   cr_assert_not(Cond_eval(q.rules[0].expr, st));
   cr_assert(Cond_eval(q.rules[1].expr, st));
   st[1] = st[3] = 1;
   cr_assert(Cond_eval(q.rules[0].expr, st));
   st[2] = 0;
   cr_assert_not(Cond_eval(q.rules[1].expr, st));

   /* Deriving again replaces the rules (and frees the old ones). */
   Question_deriveRules(&q);
   cr_assert_eq(q.n_rules, 3);
   assertRule(&q, 0, "Q_a && Q_b && Q_c && Q_d", RISK_NONE);
   freeQuestion(&q);
}

Test(derive, text_reparses_to_same_rule)
{
   static const ChoiceSpec specs[] = {
      {"x1", WEIGHT_HIGH},
      {"x2", WEIGHT_MEDIUM},
      {"x_no", WEIGHT_NONE},
   };
   Question q = makeQuestion(specs, 3);
   Question_deriveRules(&q);
   for (size_t i = 0; i < q.n_rules; i++) {
      Cond *c = Cond_parse(q.rules[i].condition, NULL, NULL);
      cr_assert_not_null(c);
      cr_assert(Cond_bind(c, &q, NULL));
      for (unsigned m = 0; m < 8; m++) {
         unsigned char st[3] = {m & 1u, (m >> 1) & 1u, (m >> 2) & 1u};
         cr_assert_eq(Cond_eval(c, st), Cond_eval(q.rules[i].expr, st));
      }
      Cond_free(c);
   }
   freeQuestion(&q);
}

Test(derive, no_weights_means_all_high)
{
   static const ChoiceSpec specs[] = {
      {"a", WEIGHT_NONE},
      {"b", WEIGHT_NONE},
      {"z_no", WEIGHT_NONE},
   };
   Question q = makeQuestion(specs, 3);
   Question_deriveRules(&q);
   cr_assert_eq(q.n_rules, 2);
   assertRule(&q, 0, "a && b", RISK_NONE);
   assertRule(&q, 1, "default", RISK_HIGH);
   freeQuestion(&q);
}

Test(derive, all_high)
{
   static const ChoiceSpec specs[] = {{"a", WEIGHT_HIGH}, {"b", WEIGHT_HIGH}};
   Question q = makeQuestion(specs, 2);
   Question_deriveRules(&q);
   cr_assert_eq(q.n_rules, 2);
   assertRule(&q, 0, "a && b", RISK_NONE);
   assertRule(&q, 1, "default", RISK_HIGH);
   freeQuestion(&q);
}

Test(derive, no_high)
{
   static const ChoiceSpec specs[] = {
      {"a", WEIGHT_MEDIUM},
      {"b", WEIGHT_NONE},
      {"c", WEIGHT_MEDIUM},
      {"c_no", WEIGHT_NONE},
   };
   Question q = makeQuestion(specs, 4);
   Question_deriveRules(&q);
   cr_assert_eq(q.n_rules, 2);
   assertRule(&q, 0, "a && b && c", RISK_NONE);
   assertRule(&q, 1, "default", RISK_MEDIUM);
   freeQuestion(&q);
}

Test(derive, single_practice)
{
   static const ChoiceSpec specs[] = {{"only", WEIGHT_HIGH}, {"only_no", WEIGHT_NONE}};
   Question q = makeQuestion(specs, 2);
   Question_deriveRules(&q);
   cr_assert_eq(q.n_rules, 2);
   assertRule(&q, 0, "only", RISK_NONE);
   assertRule(&q, 1, "default", RISK_HIGH);
   freeQuestion(&q);
}

Test(derive, only_none_of_these)
{
   static const ChoiceSpec specs[] = {{"q_no", WEIGHT_NONE}};
   Question q = makeQuestion(specs, 1);
   Question_deriveRules(&q);
   cr_assert_eq(q.n_rules, 1);
   assertRule(&q, 0, "default", RISK_NONE);
   cr_assert(q.has_default);
   freeQuestion(&q);

   q = makeQuestion(specs, 0);
   Question_deriveRules(&q);
   cr_assert_eq(q.n_rules, 1);
   assertRule(&q, 0, "default", RISK_NONE);
   freeQuestion(&q);
}
