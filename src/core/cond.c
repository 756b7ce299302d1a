/* cond.c: the riskRules condition language: parser, binder, evaluator,
 * formatter, and the rules derived from choice weights.
 *
 * The tree is n-ary: `a && b && c` is one AND node with three operands, and a
 * parenthesised group of the same operator is spliced into its parent, so
 * `a && (b && c)` and `(a && b) && c` give the same tree.  Cond_format then
 * needs parentheses only where precedence demands them and its output
 * re-parses to the very same tree.
 *
 * Nesting (each open `(` and each `!`) is capped at COND_MAX_DEPTH, so every
 * recursive walk below is bounded whatever the input. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cond.h"
#include "core/lens.h"
#include "core/review.h"
#include "core/xalloc.h"
#include "i18n.h"

typedef enum { COND_DEFAULT, COND_ID, COND_NOT, COND_AND, COND_OR } CondKind;

struct Cond {
   CondKind kind;
   char *id;    /* COND_ID: the choice id as written */
   int choice;  /* COND_ID: index into the question's choices, -1 until bound */
   Cond **kids; /* COND_NOT: one; COND_AND, COND_OR: two or more, in text order */
   size_t n_kids, cap;
};

/* ---- nodes ---- */

static Cond *condNew(CondKind kind)
{
   Cond *c = xcalloc(1, sizeof *c);
   c->kind = kind;
   c->choice = -1;
   return c;
}

static Cond *condNewId(const char *id, size_t len, int choice)
{
   Cond *c = condNew(COND_ID);
   c->id = xstrndup(id, len);
   c->choice = choice;
   return c;
}

static void condAddKid(Cond *c, Cond *kid)
{
   c->kids = xgrow(c->kids, &c->cap, c->n_kids + 1, sizeof *c->kids);
   c->kids[c->n_kids++] = kid;
}

void Cond_free(Cond *c)
{
   if (!c)
      return;
   for (size_t i = 0; i < c->n_kids; i++)
      Cond_free(c->kids[i]);
   free(c->kids);
   free(c->id);
   free(c);
}

bool Cond_isDefault(const Cond *c)
{
   return c && c->kind == COND_DEFAULT;
}

/* ---- lexer ---- */

typedef enum {
   TOK_END,
   TOK_ID,
   TOK_NOT,
   TOK_AND,
   TOK_OR,
   TOK_LPAREN,
   TOK_RPAREN,
   TOK_BAD, /* a lexical error, already reported */
} TokKind;

typedef struct Token {
   TokKind kind;
   size_t pos, len;
} Token;

typedef struct Parser {
   const char *text;
   size_t at;      /* next byte to lex */
   Token tok;      /* the current token */
   unsigned depth; /* open `(` and `!` around the current token */
   char *error;    /* the first error wins */
   size_t error_pos;
} Parser;

static void parserFail(Parser *p, size_t pos, const char *fmt, ...)
   __attribute__((format(printf, 3, 4)));

static void parserFail(Parser *p, size_t pos, const char *fmt, ...)
{
   if (p->error)
      return;
   va_list ap;
   va_start(ap, fmt);
   va_list ap2;
   va_copy(ap2, ap);
   int n = vsnprintf(NULL, 0, fmt, ap);
   va_end(ap);
   if (n < 0)
      n = 0;
   p->error = xmalloc((size_t)n + 1);
   if (vsnprintf(p->error, (size_t)n + 1, fmt, ap2) < 0)
      p->error[0] = '\0';
   va_end(ap2);
   p->error_pos = pos;
}

/* ASCII only: the locale must not change what an id is. */
static bool isIdByte(unsigned char ch)
{
   return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
          ch == '_';
}

static bool isBlank(char ch)
{
   return ch == ' ' || ch == '\t';
}

static void parserNext(Parser *p)
{
   const char *s = p->text;
   size_t i = p->at;
   while (isBlank(s[i]))
      i++;
   Token t = {TOK_END, i, 0};
   unsigned char ch = (unsigned char)s[i];
   if (ch == '\0') {
      t.kind = TOK_END;
   } else if (isIdByte(ch)) {
      size_t j = i;
      while (isIdByte((unsigned char)s[j]))
         j++;
      t.kind = TOK_ID;
      t.len = j - i;
   } else if (ch == '!') {
      t.kind = TOK_NOT;
      t.len = 1;
   } else if (ch == '(') {
      t.kind = TOK_LPAREN;
      t.len = 1;
   } else if (ch == ')') {
      t.kind = TOK_RPAREN;
      t.len = 1;
   } else if (ch == '&' || ch == '|') {
      if (s[i + 1] == (char)ch) {
         t.kind = ch == '&' ? TOK_AND : TOK_OR;
         t.len = 2;
      } else {
         t.kind = TOK_BAD;
         if (ch == '&')
            parserFail(p, i, "%s", _("'&' must be doubled"));
         else
            parserFail(p, i, "%s", _("'|' must be doubled"));
      }
   } else {
      t.kind = TOK_BAD;
      if (ch >= 0x20 && ch < 0x7f)
         parserFail(p, i, _("unexpected character '%c'"), (char)ch);
      else
         parserFail(p, i, _("unexpected byte 0x%02X"), (unsigned)ch);
   }
   p->tok = t;
   p->at = i + t.len;
}

/* ---- parser ---- */

static Cond *parserOr(Parser *p);

/* Appends operand to an AND/OR node, splicing in a group of the same kind. */
static void condAddOperand(Cond *node, Cond *operand)
{
   if (operand->kind != node->kind) {
      condAddKid(node, operand);
      return;
   }
   for (size_t i = 0; i < operand->n_kids; i++)
      condAddKid(node, operand->kids[i]);
   operand->n_kids = 0;
   Cond_free(operand);
}

static bool parserEnter(Parser *p)
{
   if (p->depth >= COND_MAX_DEPTH) {
      parserFail(p, p->tok.pos, _("condition nested deeper than %d levels"), COND_MAX_DEPTH);
      return false;
   }
   p->depth++;
   return true;
}

static bool isKeywordDefault(const char *s, size_t len)
{
   return len == 7 && memcmp(s, "default", 7) == 0;
}

/* not := "!" not | "(" or ")" | CHOICE_ID */
static Cond *parserNot(Parser *p)
{
   Token t = p->tok;
   switch (t.kind) {
   case TOK_NOT: {
      if (!parserEnter(p))
         return NULL;
      parserNext(p);
      Cond *kid = parserNot(p);
      p->depth--;
      if (!kid)
         return NULL;
      Cond *c = condNew(COND_NOT);
      condAddKid(c, kid);
      return c;
   }
   case TOK_LPAREN: {
      if (!parserEnter(p))
         return NULL;
      parserNext(p);
      Cond *inner = parserOr(p);
      if (!inner)
         return NULL;
      if (p->tok.kind == TOK_RPAREN) {
         p->depth--;
         parserNext(p);
         return inner;
      }
      if (p->tok.kind == TOK_END)
         parserFail(p, t.pos, "%s", _("unbalanced parenthesis"));
      else if (p->tok.kind != TOK_BAD)
         parserFail(p, p->tok.pos, "%s", _("expected '&&', '||' or ')'"));
      Cond_free(inner);
      return NULL;
   }
   case TOK_ID: {
      const char *id = p->text + t.pos;
      if (isKeywordDefault(id, t.len)) {
         parserFail(p, t.pos, "%s", _("'default' must be the whole condition"));
         return NULL;
      }
      parserNext(p);
      return condNewId(id, t.len, -1);
   }
   case TOK_RPAREN: parserFail(p, t.pos, "%s", _("unexpected ')'")); return NULL;
   case TOK_BAD: return NULL;
   case TOK_END:
   case TOK_AND:
   case TOK_OR: break;
   }
   parserFail(p, t.pos, "%s", _("expected a choice id or '('"));
   return NULL;
}

/* and := not ("&&" not)*  and  or := and ("||" and)*, one function for both. */
static Cond *parserBinary(Parser *p, TokKind op, CondKind kind, Cond *(*operand)(Parser *))
{
   Cond *left = operand(p);
   if (!left || p->tok.kind != op)
      return left;
   Cond *node = condNew(kind);
   condAddOperand(node, left);
   while (p->tok.kind == op) {
      parserNext(p);
      Cond *right = operand(p);
      if (!right) {
         Cond_free(node);
         return NULL;
      }
      condAddOperand(node, right);
   }
   return node;
}

static Cond *parserAnd(Parser *p)
{
   return parserBinary(p, TOK_AND, COND_AND, parserNot);
}

static Cond *parserOr(Parser *p)
{
   return parserBinary(p, TOK_OR, COND_OR, parserAnd);
}

/* The whole text is "default", blanks around it allowed. */
static bool isDefaultText(const char *s)
{
   while (isBlank(*s))
      s++;
   if (strncmp(s, "default", 7) != 0)
      return false;
   s += 7;
   while (isBlank(*s))
      s++;
   return *s == '\0';
}

Cond *Cond_parse(const char *text, char **error, size_t *error_pos)
{
   if (error)
      *error = NULL;
   if (error_pos)
      *error_pos = 0;
   if (!text)
      text = "";
   if (isDefaultText(text))
      return condNew(COND_DEFAULT);

   Parser p = {.text = text};
   parserNext(&p);
   Cond *c = NULL;
   if (p.tok.kind == TOK_END)
      parserFail(&p, 0, "%s", _("empty condition"));
   else
      c = parserOr(&p);
   if (c && p.tok.kind != TOK_END) {
      if (p.tok.kind == TOK_RPAREN)
         parserFail(&p, p.tok.pos, "%s", _("unexpected ')'"));
      else if (p.tok.kind != TOK_BAD)
         parserFail(&p, p.tok.pos, "%s", _("expected '&&' or '||'"));
      Cond_free(c);
      c = NULL;
   }
   if (!c) {
      if (!p.error) /* cannot happen: every NULL above reported why */
         parserFail(&p, 0, "%s", _("invalid condition"));
      if (error)
         *error = p.error;
      else
         free(p.error);
      if (error_pos)
         *error_pos = p.error_pos;
   }
   return c;
}

/* ---- binding and evaluation ---- */

static int findChoice(const Question *q, const char *id)
{
   for (size_t i = 0; i < q->n_choices; i++)
      if (q->choices[i].id && strcmp(q->choices[i].id, id) == 0)
         return (int)i;
   return -1;
}

bool Cond_bind(Cond *c, const Question *q, const char **unknown)
{
   if (!c)
      return true;
   if (c->kind == COND_ID) {
      c->choice = findChoice(q, c->id);
      if (c->choice < 0) {
         if (unknown)
            *unknown = c->id;
         return false;
      }
      return true;
   }
   for (size_t i = 0; i < c->n_kids; i++)
      if (!Cond_bind(c->kids[i], q, unknown))
         return false;
   return true;
}

bool Cond_eval(const Cond *c, const unsigned char *state)
{
   if (!c)
      return false;
   switch (c->kind) {
   case COND_DEFAULT: return true;
   case COND_ID: return c->choice >= 0 && state && state[c->choice] == CHOICE_SELECTED;
   case COND_NOT: return !Cond_eval(c->kids[0], state);
   case COND_AND:
      for (size_t i = 0; i < c->n_kids; i++)
         if (!Cond_eval(c->kids[i], state))
            return false;
      return true;
   case COND_OR:
      for (size_t i = 0; i < c->n_kids; i++)
         if (Cond_eval(c->kids[i], state))
            return true;
      return false;
   }
   return false;
}

/* ---- formatting ---- */

typedef struct Buf {
   char *s;
   size_t len, cap;
} Buf;

static void bufAdd(Buf *b, const char *s)
{
   size_t n = strlen(s);
   b->s = xgrow(b->s, &b->cap, b->len + n + 1, 1);
   memcpy(b->s + b->len, s, n + 1);
   b->len += n;
}

/* A kid needs parentheses when it binds more loosely than its parent. */
static bool needsParens(const Cond *parent, const Cond *kid)
{
   if (parent->kind == COND_NOT)
      return kid->kind == COND_AND || kid->kind == COND_OR;
   if (parent->kind == COND_AND)
      return kid->kind == COND_OR;
   return false;
}

static void condFormatTo(const Cond *c, Buf *b)
{
   switch (c->kind) {
   case COND_DEFAULT: bufAdd(b, "default"); return;
   case COND_ID: bufAdd(b, c->id); return;
   case COND_NOT:
   case COND_AND:
   case COND_OR: break;
   }
   const char *sep = c->kind == COND_AND ? " && " : " || ";
   for (size_t i = 0; i < c->n_kids; i++) {
      const Cond *kid = c->kids[i];
      bool parens = needsParens(c, kid);
      if (c->kind == COND_NOT)
         bufAdd(b, "!");
      else if (i > 0)
         bufAdd(b, sep);
      if (parens)
         bufAdd(b, "(");
      condFormatTo(kid, b);
      if (parens)
         bufAdd(b, ")");
   }
}

char *Cond_format(const Cond *c)
{
   Buf b = {0};
   bufAdd(&b, "");
   if (c)
      condFormatTo(c, &b);
   return b.s;
}

/* ---- derived rules ---- */

/* The conjunction of the question's practices (non-`_no` choices), all of
 * them or only the high ones; NULL when there is none.  Built already bound:
 * the ids come from the question itself. */
static Cond *conjunction(const Question *q, bool high_only)
{
   Cond *all = condNew(COND_AND);
   for (size_t i = 0; i < q->n_choices; i++) {
      const Choice *ch = &q->choices[i];
      if (ch->is_none || (high_only && ch->weight != WEIGHT_HIGH))
         continue;
      const char *id = ch->id ? ch->id : "";
      condAddKid(all, condNewId(id, strlen(id), (int)i));
   }
   if (all->n_kids >= 2)
      return all;
   Cond *single = all->n_kids == 1 ? all->kids[0] : NULL;
   all->n_kids = 0;
   Cond_free(all);
   return single;
}

static void questionFreeRules(Question *q)
{
   for (size_t i = 0; i < q->n_rules; i++) {
      free(q->rules[i].condition);
      Cond_free(q->rules[i].expr);
      free(q->rules[i].pos.path);
   }
   free(q->rules);
   q->rules = NULL;
   q->n_rules = 0;
}

static void questionAddRule(Question *q, Cond *expr, Risk risk)
{
   RiskRule *r = &q->rules[q->n_rules++];
   r->expr = expr;
   r->condition = Cond_format(expr);
   r->risk = risk;
   /* Derived rules have no text of their own: point at the question. */
   r->pos.line = q->pos.line;
   r->pos.col = q->pos.col;
   r->pos.path = xstrdup(q->pos.path);
}

/* Cases (the DESIGN rule, made total):
 * - weighted practices, some high:  all -> NONE; all high -> MEDIUM; default -> HIGH
 * - no practice weighted at all:    every practice counts as high, so the MEDIUM
 *   rule would equal the NONE rule:  all -> NONE; default -> HIGH
 * - every practice high:            the same two rules
 * - weighted, but none high:        "every high one selected" holds vacuously:
 *                                   all -> NONE; default -> MEDIUM
 * - no practice (only `_no`, or no choice): nothing can be improved:
 *                                   default -> NONE
 * Any rules already on q are freed first. */
void Question_deriveRules(Question *q)
{
   questionFreeRules(q);
   size_t practices = 0, high = 0, weighted = 0;
   for (size_t i = 0; i < q->n_choices; i++) {
      const Choice *ch = &q->choices[i];
      if (ch->is_none)
         continue;
      practices++;
      if (ch->weight == WEIGHT_HIGH)
         high++;
      if (ch->weight != WEIGHT_NONE)
         weighted++;
   }

   q->rules = xcalloc(3, sizeof *q->rules);
   Risk fallback = RISK_HIGH;
   if (practices > 0) {
      questionAddRule(q, conjunction(q, false), RISK_NONE);
      if (weighted > 0 && high > 0 && high < practices)
         questionAddRule(q, conjunction(q, true), RISK_MEDIUM);
      else if (weighted > 0 && high == 0)
         fallback = RISK_MEDIUM;
   } else {
      fallback = RISK_NONE;
   }
   questionAddRule(q, condNew(COND_DEFAULT), fallback);
   q->rules_derived = true;
   q->has_default = true;
}
