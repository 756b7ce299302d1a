/* profile.h: review profiles: a short questionnaire about a workload's
 * context whose answers mark the lens questions that matter most for it.
 *
 * A profile file is YAML (walens-profile(5)), read into the same document
 * tree as a lens file (lens_build.h) so that every problem is a diagnostic
 * with FILE:LINE:COL.  A Profile owns everything it points to;
 * Profile_free() releases it. */
#ifndef WALENS_CORE_PROFILE_H
#define WALENS_CORE_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/lens.h"

/* Limits that decide between loading and refusing (errors). */
#define PROFILE_MAX_FILE_SIZE (1024u * 1024u)
#define PROFILE_MAX_QUESTIONS 64
#define PROFILE_MAX_CHOICES 16
#define PROFILE_MAX_PRIORITIES 256

typedef struct ProfileChoice {
   char *id;
   char *title;
   char **priorities; /* lens question ids, as written */
   SrcPos *prio_pos;  /* n_priorities positions (line/col of each id) */
   size_t n_priorities;
   SrcPos pos;
} ProfileChoice;

typedef struct ProfileQuestion {
   char *id;
   char *title;
   char *description; /* or NULL */
   ProfileChoice *choices;
   size_t n_choices;
   SrcPos pos;
} ProfileQuestion;

typedef struct Profile {
   char *key;     /* `id` */
   char *version; /* or NULL */
   char *title;
   char *description; /* or NULL */
   char *lens_key;    /* `lens.id` */
   char *lens_min;    /* `lens.minVersion`, or NULL */
   char *lens_max;    /* `lens.maxVersion`, or NULL */
   SrcPos lens_pos;   /* of the `lens` mapping; id_line/col of lens.id */
   ProfileQuestion *questions;
   size_t n_questions;
   char sha256[65]; /* of the source text, lower-case hex */
} Profile;

/* One answered context question: the ids of the question and the choice. */
typedef struct ContextAnswer {
   char *question;
   char *choice;
} ContextAnswer;

/* Loads and validates the structure of a profile (not its lens question ids:
 * Profile_check).  Every problem goes to diags under name; NULL when there
 * was any error. */
Profile *Profile_loadBuffer(const char *name, const char *buf, size_t len, DiagList *diags);
Profile *Profile_loadFile(const char *path, DiagList *diags);
void Profile_free(Profile *p);

/* Checks a loaded profile against a lens: the lens key must be the one the
 * profile is for (error), the lens version inside its range (warning), and
 * every priority a question of the lens (error at the id's position).
 * Returns true when no error was added. */
bool Profile_check(const Profile *p, const Lens *lens, const char *name, DiagList *diags);

/* Lookups; -1 / NULL when absent. */
const ProfileQuestion *Profile_findQuestion(const Profile *p, const char *id, size_t *index);
int ProfileQuestion_findChoice(const ProfileQuestion *q, const char *id);

/* Sets marks[i] (lens->n_questions flags, cleared first) for every lens
 * question a chosen choice makes a priority.  Answers naming no question or
 * choice of the profile, and priorities the lens does not have, are skipped.
 * Returns the number of questions marked. */
size_t Profile_mark(const Profile *p, const Lens *lens, const ContextAnswer *answers, size_t n,
                    bool *marks);

/* The answers' copies and frees. */
void ContextAnswer_freeArray(ContextAnswer *a, size_t n);

/* True when s is a usable id: 1 to 64 characters of [A-Za-z0-9_.-]. */
bool Profile_isId(const char *s);

#endif
