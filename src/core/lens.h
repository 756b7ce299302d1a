/* lens.h: the lens model, one for both syntaxes (our YAML, AWS custom lens JSON).
 *
 * A Lens owns everything it points to; Lens_free() releases it all.  Questions
 * are kept in file order (pillar by pillar); Question.pillar and .phase index
 * into the lens's arrays. */
#ifndef WALENS_LENS_H
#define WALENS_LENS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

typedef struct Cond Cond; /* a parsed risk condition, see cond.h */

/* Order matters: values compare by severity only through Risk_severity(). */
typedef enum {
   RISK_UNANSWERED = 0,
   RISK_HIGH,
   RISK_MEDIUM,
   RISK_NONE,
   RISK_NOT_APPLICABLE,
} Risk;
#define RISK_COUNT 5

typedef enum { WEIGHT_NONE = 0, WEIGHT_MEDIUM, WEIGHT_HIGH } Weight;

/* Where a node came from, for diagnostics: the object (line/col, 1-based, 0
 * only for what no file holds, like a derived rule), the value that names it
 * (an id; a risk rule's condition), 0:0 when it has none, and its path from
 * the top, always set ("pillars[0].questions[2]"). */
typedef struct SrcPos {
   unsigned line, col;
   unsigned id_line, id_col;
   char *path;
} SrcPos;

typedef struct Link {
   char *text; /* displayText, or NULL */
   char *url;  /* or NULL */
} Link;

typedef struct Choice {
   char *id;
   char *title;
   char *description;  /* or NULL */
   Weight weight;      /* extension `risk: high|medium`; WEIGHT_NONE when absent */
   Link helpful;       /* helpfulResource */
   Link improvement;   /* improvementPlan */
   Link *more_helpful; /* additionalResources of type HELPFUL_RESOURCE */
   size_t n_more_helpful;
   Link *more_improvement; /* additionalResources of type IMPROVEMENT_PLAN */
   size_t n_more_improvement;
   bool is_none; /* id ends in "_no": the "None of these" choice */
   SrcPos pos;
} Choice;

typedef struct RiskRule {
   char *condition; /* as written, or generated for derived rules */
   Cond *expr;      /* parsed and bound to the question's choices; never NULL in a loaded lens */
   Risk risk;       /* RISK_HIGH, RISK_MEDIUM or RISK_NONE */
   SrcPos pos;
} RiskRule;

typedef struct Question {
   char *id;
   char *title;
   char *description; /* or NULL */
   Link helpful;
   size_t pillar; /* index into Lens.pillars */
   int phase;     /* index into Lens.phases, -1 when the lens has none */
   Choice *choices;
   size_t n_choices;
   RiskRule *rules;
   size_t n_rules;
   bool rules_derived; /* no riskRules in the file: derived from choice weights */
   bool has_default;   /* some rule is `default`; without one, no match means UNANSWERED */
   SrcPos pos;
} Question;

typedef struct Pillar {
   char *id;
   char *name;
   char *description;   /* or NULL */
   size_t first, count; /* its questions: Lens.questions[first .. first+count) */
   SrcPos pos;
} Pillar;

typedef struct Phase {
   char *id;
   char *name;
   char *description; /* or NULL */
   SrcPos pos;
} Phase;

typedef enum { LENS_YAML, LENS_JSON } LensFormat;

typedef struct Lens {
   char *key;     /* `id` in YAML; for JSON a slug of the name */
   char *version; /* `version` in YAML, `_version` in JSON, else NULL */
   char *name;
   char *description;
   char *schema_version; /* or NULL */
   Phase *phases;
   size_t n_phases;
   Pillar *pillars;
   size_t n_pillars;
   Question *questions;
   size_t n_questions;
   LensFormat format;
   char sha256[65]; /* of the source text, lower-case hex */
} Lens;

/* Limits that decide between loading and refusing (errors). */
#define LENS_MAX_FILE_SIZE (4u * 1024u * 1024u)
#define LENS_MAX_DEPTH 64

/* Loads and validates.  Every problem is appended to diags (file names as
 * given).  Returns NULL when there was any error; warnings alone still give a
 * lens.  The syntax is sniffed: a first non-blank character '{' means JSON. */
Lens *Lens_loadFile(const char *path, DiagList *diags);
Lens *Lens_loadBuffer(const char *name, const char *buf, size_t len, DiagList *diags);
/* A lens text walens accepted before (kept in a database or a bundle):
 * checked as Lens_loadBuffer does, except that a YAML plain scalar where
 * text belongs ("version: 1.0") is read as its text, as walens once read
 * every scalar, so that a stricter walens still opens the reviews. */
enum { LENS_LOAD_STORED = 1 << 0 };
Lens *Lens_loadStored(const char *name, const char *buf, size_t len, DiagList *diags);
/* The lens compiled into the binary (data/lenses/machine-learning.yaml). */
Lens *Lens_loadDefault(DiagList *diags);
const char *Lens_defaultText(size_t *len);

void Lens_free(Lens *lens);

/* Lookups return NULL / -1 when absent. */
const Question *Lens_findQuestion(const Lens *lens, const char *id, size_t *index);
int Question_findChoice(const Question *q, const char *id);
int Lens_findPhase(const Lens *lens, const char *id);
int Lens_findPillar(const Lens *lens, const char *id);

/* API names: "UNANSWERED", "HIGH", "MEDIUM", "NONE", "NOT_APPLICABLE". */
const char *Risk_name(Risk r);
bool Risk_parse(const char *name, Risk *out);
/* Higher is worse: HIGH 4, MEDIUM 3, UNANSWERED 2, NONE 1, NOT_APPLICABLE 0. */
int Risk_severity(Risk r);
const char *Weight_name(Weight w); /* "high", "medium", "" */

#endif
