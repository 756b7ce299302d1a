/* aws.h: a review carried to and from the AWS Well-Architected Tool,
 * offline: walens writes what the AWS CLI takes and reads what it prints,
 * and never calls AWS itself.
 *
 * Push (`walens export WORKLOAD --format aws -o DIR`): DIR gets
 *   lens.json               the review's lens as an AWS custom lens;
 *   workload.json           a CreateWorkload input (not with --workload-id);
 *   answers/QUESTION.json   an UpdateAnswer input per written answer;
 *   milestones/NN.json      a CreateMilestone input per milestone (asked for);
 *   push.sh                 the POSIX sh script that runs the AWS CLI.
 * The WorkloadId and LensAlias in the inputs are placeholders that the
 * AWS CLI's own arguments, given by push.sh, replace at run time.
 * Everything is built and checked in memory first: a field AWS would
 * refuse (a note past its limit, a name too short) is an error naming the
 * question and the limit, and then nothing is written.
 *
 * Pull (`walens import --from-aws FILE|DIR`): the JSON of `aws
 * wellarchitected get-answer` and `list-answers` (several documents in one
 * file, as paginated output concatenated, and a directory of such files)
 * becomes a new workload on the lens whose ids they use.  Every id is
 * checked first; an unknown one is an error listing them all and nothing
 * is written. */
#ifndef WALENS_REPORT_AWS_H
#define WALENS_REPORT_AWS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/lens.h"
#include "store/store.h"
#include "report/bundle.h"
#include "report/outfile.h"

/* Limits of the Well-Architected API (its service model), in characters. */
enum {
   AWS_MAX_NOTES = 2084,
   AWS_MAX_CHOICE_NOTES = 250,
   AWS_MIN_WORKLOAD_NAME = 3,
   AWS_MAX_WORKLOAD_NAME = 100,
   AWS_MIN_DESCRIPTION = 3,
   AWS_MAX_DESCRIPTION = 250,
   AWS_MIN_OWNER = 3,
   AWS_MAX_OWNER = 255,
   AWS_MAX_MILESTONE_NAME = 100,
   AWS_MAX_LENS_VERSION = 32,
};

/* AWS keeps a Reason beside a question that does not apply, but no text of
 * its own beside it (only its choices have Notes beside their Reason).  So
 * walens writes the text beside a question's reason (StoredAnswer.na_note)
 * as the first line of the question's Notes, "N/A: TEXT", and
 * `import --from-aws` takes such a first line back out, on a question AWS
 * says is not applicable and when TEXT is a valid such text. */
#define AWS_NA_PREFIX "N/A: "
/* The Notes to send: notes (may be NULL) after "N/A: na_note" when na_note
 * is set (allocated; "" for neither). */
char *AwsExport_naNotes(const char *na_note, const char *notes);
/* The reverse: when notes starts with such a line, *na_note gets its text
 * and *rest what follows it (NULL when nothing); else *na_note is NULL and
 * *rest a copy of notes.  Both allocated. */
void AwsExport_splitNaNotes(const char *notes, char **na_note, char **rest);

/* What the workload does not hold; all borrowed. */
typedef struct AwsOptions {
   char **regions; /* AwsRegions, e.g. "eu-west-1" */
   size_t n_regions;
   const char *review_owner; /* else the workload's owner */
   const char *environment;  /* production|preproduction, else the workload's */
   const char *description;  /* else the workload's */
   const char *workload_id;  /* push into this existing workload: no workload.json */
   bool milestones;
} AwsOptions;

typedef struct AwsFile {
   char *path; /* relative to the output directory: "answers/MLOPS01.json" */
   char *text;
   bool exec; /* push.sh */
} AwsFile;

/* The files of one export; owns them. */
typedef struct AwsExport {
   AwsFile *files;
   size_t n, cap;
} AwsExport;

/* Builds every file of the export of the named workload.  Lens export
 * warnings go to diags.  false with *err (caller frees; every problem, one
 * a line) when something cannot be exported. */
bool AwsExport_build(Store *s, const char *workload, const AwsOptions *o, AwsExport *out,
                     DiagList *diags, char **err);
/* Writes the files under dir (created when absent; its subdirectories too).
 * Symbolic links are not followed: dir, a subdirectory or a file that is
 * one is refused before anything is written; so is a file that exists and
 * is not a regular file.  Each file is written through OutFile. */
bool AwsExport_write(const AwsExport *x, const char *dir, const OutFileRules *rules, char **err);
void AwsExport_free(AwsExport *x);

/* The import: reads path (a file, or every *.json file of a directory,
 * in name order), finds the lens (lens_arg as `--lens` takes it, else the
 * lens among those on offer that knows every id), and writes a new workload
 * named name_as (NULL: "aws-WORKLOADID") with the answers, as user.  false
 * with *err (caller frees) and nothing written on any problem; *name
 * (caller frees) is the new workload's name. */
bool AwsImport_run(Store *s, const char *path, const char *lens_arg, const char *name_as,
                   const char *user, char **name, char **err);

/* The import into an existing workload (`--into`): the answers in path are
 * checked against the workload's lens (an id it does not know is an error
 * naming the file and the answer) and merged per part as a bundle is
 * (report/bundle.h): each question's base is what AWS said at the last
 * pull into this workload (kept in that pull's history rows), none on the
 * first, so a part both sides hold otherwise is then a clash.  Clashes are
 * listed in out with both values; without a preference nothing is written
 * and STORE_CONFLICT is returned.  *err (caller frees) on other failures;
 * out->nothing when every answer is here already. */
StoreStatus AwsImport_into(Store *s, const char *path, const char *workload, BundlePrefer prefer,
                           const char *user, BundleMerge *out, char **err);

#endif
