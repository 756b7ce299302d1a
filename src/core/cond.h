/* cond.h: the riskRules condition language.
 *
 *   condition := "default" | or ;  or := and ("||" and)* ;  and := not ("&&" not)*
 *   not := "!" not | "(" or ")" | CHOICE_ID          CHOICE_ID := [A-Za-z0-9_]+
 *
 * Precedence ! > && > ||, left to right; blanks and tabs anywhere between tokens.
 * A Cond is owned by whoever parsed it and released with Cond_free(). */
#ifndef WALENS_CORE_COND_H
#define WALENS_CORE_COND_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Cond Cond;
struct Question;

/* Open `(` plus `!` around any token; deeper is a syntax error, so that no
 * input can exhaust the stack of the parser or of the walks over the tree. */
#define COND_MAX_DEPTH 64

/* Returns NULL on a syntax error, with a translated message in *error (caller
 * frees) and the 0-based byte offset of the problem in *error_pos.  Either
 * may be NULL.  "default" (blanks around it allowed) is accepted only as the
 * whole condition.  Messages: "empty condition", "expected a choice id or
 * '('", "unexpected ')'", "'&' must be doubled", "'|' must be doubled",
 * "unbalanced parenthesis" (at the unclosed '('), "expected '&&' or '||'",
 * "expected '&&', '||' or ')'", "'default' must be the whole condition",
 * "unexpected character 'C'", "unexpected byte 0xHH", "condition nested
 * deeper than 64 levels".  A group of the same operator is merged into its
 * parent: "a && (b && c)" gives the tree of "a && b && c". */
Cond *Cond_parse(const char *text, char **error, size_t *error_pos);
void Cond_free(Cond *c);

bool Cond_isDefault(const Cond *c);

/* Resolves choice ids to the question's choice indexes.  Returns false and
 * sets *unknown (borrowed from the condition, valid while it lives) to the
 * first id that names no choice of q. */
bool Cond_bind(Cond *c, const struct Question *q, const char **unknown);

/* state[i] is a ChoiceState (review.h): only CHOICE_SELECTED (1) counts as
 * true; a choice marked not applicable counts as unselected.  Bound only. */
bool Cond_eval(const Cond *c, const unsigned char *state);

/* Canonical text with minimal parentheses, e.g. "a && (b || !c)"; it parses
 * back to the same tree.  Caller frees. */
char *Cond_format(const Cond *c);

/* Derived rules (DESIGN): for a question with no riskRules, from its choices'
 * weights: every practice selected -> NO_RISK; every `high` one selected ->
 * MEDIUM_RISK; default -> HIGH_RISK.  Practices are the non-`_no` choices.
 * Edge cases:
 *   - no practice weighted at all: every practice counts as high;
 *   - a MEDIUM rule equal to the NO_RISK rule (every practice high) is left out;
 *   - practices weighted but none high: "all -> NO_RISK, default -> MEDIUM_RISK";
 *   - no practice at all (only `_no`): "default -> NO_RISK" (nothing to improve).
 * Frees any rules q had, then fills q->rules (owned by q; condition, expr and
 * pos.path each allocated, pos = the question's) with bound conditions and
 * sets q->rules_derived and q->has_default. */
void Question_deriveRules(struct Question *q);

#endif
