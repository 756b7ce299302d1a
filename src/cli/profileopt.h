/* profileopt.h: what `workload add --profile` and `profile set|show` share:
 * finding the lens a profile is checked against, checking the profile and
 * its context answers, and storing them with a workload. */
#ifndef WALENS_CLI_PROFILEOPT_H
#define WALENS_CLI_PROFILEOPT_H

#include "cli/cli.h"
#include "core/profile.h"
#include "store/reviewdoc.h"

/* The lens to check p against: lens_arg (a file or a key) when given, else
 * the lens of p's key among those on offer.  NULL (after a diagnostic)
 * when there is none; the caller frees the lens. */
Lens *ProfileOpt_lens(const char *lens_arg, const Profile *p, DiagList *d);

/* A profile and context answers checked against a lens, ready to store. */
typedef struct ProfilePlan {
   Profile *profile;
   char *text;
   ContextAnswer *answers;
   size_t n_answers;
} ProfilePlan;

/* Resolves profile_arg (a file or a key), checks it against lens and parses
 * context ("Q=C,...", may be NULL).  Prints what is wrong; false then. */
bool ProfileOpt_prepare(const char *profile_arg, const char *context, const Lens *lens,
                        ProfilePlan *out);
void ProfilePlan_free(ProfilePlan *plan);
/* Stores the plan with the workload and prints a line saying so. */
int ProfileOpt_store(CliEnv *env, Store *s, int64_t workload_id, const char *workload,
                     const Lens *lens, const ProfilePlan *plan);

/* `profile set`: a new profile (profile_arg) or the workload's own, with the
 * context answers given replacing those of the same questions. */
int ProfileOpt_apply(CliEnv *env, Store *s, ReviewDoc *doc, const char *profile_arg,
                     const char *context);

#endif
