/* aws_export.c: a stored review as the inputs of the AWS CLI (aws.h).
 *
 * Field names, types, enums and limits are those of the Well-Architected
 * service model (CreateWorkload, UpdateAnswer, CreateMilestone);
 * tests/aws/validate.py checks every file against botocore's copy of it. */
#include "config.h"

#include "report/aws.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/json.h"
#include "core/review.h"
#include "core/sha256.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "i18n.h"
#include "report/lens_export.h"
#include "report/outfile.h"
#include "report/rtext.h"
#include "store/reviewdoc.h"

/* Placeholders push.sh replaces with the CLI's own --workload-id and
 * --lens-alias; both valid for the model, so the files validate as they
 * are. */
#define PLACEHOLDER_WORKLOAD "00000000000000000000000000000000"
#define PLACEHOLDER_LENS "WALENS_LENS_ALIAS"

static void addFile(AwsExport *x, char *path, char *text, bool exec)
{
   x->files = xgrow(x->files, &x->cap, x->n + 1, sizeof *x->files);
   x->files[x->n++] = (AwsFile){path, text, exec};
}

void AwsExport_free(AwsExport *x)
{
   for (size_t i = 0; i < x->n; i++) {
      free(x->files[i].path);
      free(x->files[i].text);
   }
   free(x->files);
   *x = (AwsExport){0};
}

/* A token the same for the same workload, so that AWS treats a second run
 * of push.sh as the same request. */
static char *token(const Workload *w, const char *what)
{
   char *seed = xasprintf("%s\n%s\n%s", w->name, w->created_at ? w->created_at : "", what);
   char hex[65];
   Sha256_hex(seed, strlen(seed), hex);
   free(seed);
   hex[32] = '\0';
   return xasprintf("walens-%s", hex);
}

/* ---- checks ---- */

typedef struct Ck {
   Sbuf err;
   size_t count;
} Ck;

static void problem(Ck *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(Ck *c, const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   if (c->count++)
      Sbuf_addc(&c->err, '\n');
   Sbuf_vprintf(&c->err, fmt, ap);
   va_end(ap);
}

/* Text between min and max characters; what names the field. */
static void checkLength(Ck *c, const char *what, const char *s, size_t min, size_t max)
{
   size_t n = Utf8_chars(s);
   if (n < min)
      problem(c, _("%s: %zu characters; AWS needs at least %zu"), what, n, min);
   else if (n > max)
      problem(c, _("%s: %zu characters; AWS allows at most %zu"), what, n, max);
}

/* ---- workload.json ---- */

static const char *awsEnvironment(const char *env)
{
   if (!env)
      return NULL;
   if (strcasecmp(env, "production") == 0)
      return "PRODUCTION";
   if (strcasecmp(env, "preproduction") == 0)
      return "PREPRODUCTION";
   return NULL;
}

static char *workloadJson(const ReviewDoc *doc, const AwsOptions *o, Ck *c)
{
   const Workload *w = &doc->workload;
   const char *desc = o->description ? o->description : w->description;
   const char *owner = o->review_owner ? o->review_owner : w->owner;
   const char *env = o->environment ? o->environment : w->environment;
   Sbuf missing = {0};
   if (!desc || !*desc)
      Sbuf_add(&missing, " --description");
   if (!owner || !*owner)
      Sbuf_add(&missing, " --review-owner");
   if (!env || !*env)
      Sbuf_add(&missing, " --environment");
   if (!o->n_regions)
      Sbuf_add(&missing, " --region");
   char *m = Sbuf_take(&missing);
   if (m && *m)
      problem(c,
              _("workload '%s' lacks what AWS requires of a workload; give it with:%s (or push "
                "into an existing one with --workload-id)"),
              w->name, m);
   free(m);
   checkLength(c, _("workload name"), w->name, AWS_MIN_WORKLOAD_NAME, AWS_MAX_WORKLOAD_NAME);
   if (desc && *desc)
      checkLength(c, _("workload description"), desc, AWS_MIN_DESCRIPTION, AWS_MAX_DESCRIPTION);
   if (owner && *owner)
      checkLength(c, _("review owner"), owner, AWS_MIN_OWNER, AWS_MAX_OWNER);
   if (env && *env && !awsEnvironment(env))
      problem(c, _("environment '%s': AWS knows production and preproduction"), env);
   for (size_t i = 0; i < o->n_regions; i++)
      checkLength(c, _("region"), o->regions[i], 1, 100);
   if (c->count)
      return NULL;
   json_t *root = Json_checked(json_object()), *regions = Json_checked(json_array());
   Json_setString(root, "WorkloadName", w->name);
   Json_setString(root, "Description", desc);
   Json_setString(root, "Environment", awsEnvironment(env));
   for (size_t i = 0; i < o->n_regions; i++)
      Json_append(regions, Json_string(o->regions[i]));
   Json_set(root, "AwsRegions", regions);
   Json_setString(root, "ReviewOwner", owner);
   /* AWS wants a lens at creation; push.sh associates the custom lens next. */
   json_t *lenses = Json_checked(json_array());
   Json_append(lenses, Json_string("wellarchitected"));
   Json_set(root, "Lenses", lenses);
   char *tok = token(w, "workload");
   Json_setString(root, "ClientRequestToken", tok);
   free(tok);
   char *text = Json_dump(root);
   json_decref(root);
   return text;
}

/* ---- answers/QUESTION.json ---- */

char *AwsExport_naNotes(const char *na_note, const char *notes)
{
   if (!na_note)
      return xstrdup(notes ? notes : "");
   if (!notes || !*notes)
      return xasprintf("%s%s", AWS_NA_PREFIX, na_note);
   return xasprintf("%s%s\n%s", AWS_NA_PREFIX, na_note, notes);
}

void AwsExport_splitNaNotes(const char *notes, char **na_note, char **rest)
{
   *na_note = NULL;
   *rest = notes && *notes ? xstrdup(notes) : NULL;
   size_t plen = strlen(AWS_NA_PREFIX);
   if (!notes || strncmp(notes, AWS_NA_PREFIX, plen) != 0)
      return;
   const char *end = strchr(notes, '\n');
   char *text = end ? xstrndup(notes + plen, (size_t)(end - notes) - plen) : xstrdup(notes + plen);
   char *why = *text ? NaNote_problem(text) : xstrdup("empty");
   if (why) { /* not a line walens wrote: the notes stay whole */
      free(why);
      free(text);
      return;
   }
   free(*rest);
   *rest = end && end[1] ? xstrdup(end + 1) : NULL;
   *na_note = text;
}

static const char *choiceNote(const StoredAnswer *sa, const char *id)
{
   for (size_t i = 0; i < sa->n_choice_notes; i++)
      if (strcmp(sa->note_choices[i], id) == 0)
         return sa->choice_notes[i];
   return NULL;
}

/* walens keeps a not-applicable reason per question; a practice set aside
 * says why on the first line of its notes, "(OUT_OF_SCOPE)", as
 * `import --from-aws` writes AWS's per-choice Reason there.  The reason
 * (NULL when the note does not start so) and in *rest the notes after it. */
static const char *practiceReason(const char *note, const char **rest)
{
   *rest = note;
   if (!note || note[0] != '(')
      return NULL;
   const char *close = strchr(note, ')');
   if (!close || (close[1] != '\0' && close[1] != '\n'))
      return NULL;
   for (int r = 0; r < NA_REASON_COUNT; r++) {
      const char *name = NaReason_name((NaReason)r);
      if ((size_t)(close - note - 1) == strlen(name) &&
          strncmp(note + 1, name, strlen(name)) == 0 && strcmp(name, "NONE") != 0) {
         *rest = close[1] ? close + 2 : close + 1;
         return name;
      }
   }
   return NULL;
}

static json_t *choiceUpdates(const Question *q, const Answer *a, const StoredAnswer *sa)
{
   json_t *map = Json_checked(json_object());
   for (size_t i = 0; i < q->n_choices; i++) {
      json_t *u = Json_checked(json_object());
      const char *note = choiceNote(sa, q->choices[i].id), *reason = NULL;
      switch (a->choices[i]) {
      case CHOICE_SELECTED: Json_setString(u, "Status", "SELECTED"); break;
      case CHOICE_NA:
         Json_setString(u, "Status", "NOT_APPLICABLE");
         reason = practiceReason(note, &note); /* else AWS's "no reason given" */
         Json_setString(u, "Reason", reason ? reason : "NONE");
         break;
      default: Json_setString(u, "Status", "UNSELECTED"); break;
      }
      if (note && *note)
         Json_setString(u, "Notes", note);
      Json_set(map, q->choices[i].id, u);
   }
   return map;
}

static char *answerJson(const Question *q, const Answer *a, const StoredAnswer *sa, Ck *c)
{
   char *notes = AwsExport_naNotes(a->not_applicable ? sa->na_note : NULL, sa->notes);
   if (Utf8_chars(notes) > AWS_MAX_NOTES)
      problem(c, _("question %s: notes of %zu characters; AWS allows at most %d"), q->id,
              Utf8_chars(notes), AWS_MAX_NOTES);
   for (size_t i = 0; i < sa->n_choice_notes; i++)
      if (Utf8_chars(sa->choice_notes[i]) > AWS_MAX_CHOICE_NOTES)
         problem(c, _("question %s, practice %s: notes of %zu characters; AWS allows at most %d"),
                 q->id, sa->note_choices[i], Utf8_chars(sa->choice_notes[i]), AWS_MAX_CHOICE_NOTES);
   if (c->count) {
      free(notes);
      return NULL;
   }
   json_t *root = Json_checked(json_object()), *sel = Json_checked(json_array());
   Json_setString(root, "WorkloadId", PLACEHOLDER_WORKLOAD);
   Json_setString(root, "LensAlias", PLACEHOLDER_LENS);
   Json_setString(root, "QuestionId", q->id);
   for (size_t i = 0; i < q->n_choices; i++)
      if (a->choices[i] == CHOICE_SELECTED)
         Json_append(sel, Json_string(q->choices[i].id));
   Json_set(root, "SelectedChoices", sel);
   Json_set(root, "ChoiceUpdates", choiceUpdates(q, a, sa));
   Json_setString(root, "Notes", notes);
   free(notes);
   Json_setBool(root, "IsApplicable", !a->not_applicable);
   if (a->not_applicable)
      Json_setString(root, "Reason", NaReason_name(a->reason));
   char *text = Json_dump(root);
   json_decref(root);
   return text;
}

/* ---- milestones ---- */

static void milestoneFiles(Store *s, const ReviewDoc *doc, AwsExport *x, Ck *c, size_t *count)
{
   Milestone *ms = NULL;
   size_t n = 0;
   *count = 0;
   if (Store_listMilestones(s, doc->workload.review_id, false, &ms, &n) != STORE_OK) {
      problem(c, "%s", Store_lastError(s));
      return;
   }
   for (size_t i = 0; i < n; i++) {
      char *what = xasprintf(_("milestone '%s'"), ms[i].name);
      checkLength(c, what, ms[i].name, 3, AWS_MAX_MILESTONE_NAME);
      free(what);
      if (c->count)
         continue;
      json_t *root = Json_checked(json_object());
      Json_setString(root, "WorkloadId", PLACEHOLDER_WORKLOAD);
      Json_setString(root, "MilestoneName", ms[i].name);
      char *seed = xasprintf("milestone %s", ms[i].name);
      char *tok = token(&doc->workload, seed);
      Json_setString(root, "ClientRequestToken", tok);
      free(tok);
      free(seed);
      addFile(x, xasprintf("milestones/%02zu.json", i + 1), Json_dump(root), false);
      json_decref(root);
   }
   *count = n;
   Milestone_freeArray(ms, n);
}

/* ---- push.sh ---- */

/* A word for sh, single-quoted. */
static void shWord(Sbuf *b, const char *s)
{
   Sbuf_addc(b, '\'');
   for (; *s; s++)
      if (*s == '\'')
         Sbuf_add(b, "'\\''");
      else
         Sbuf_addc(b, *s);
   Sbuf_addc(b, '\'');
}

static const char PUSH_HEAD[] =
   "#!/bin/sh\n"
   "# push.sh: written by `walens export --format aws`.  Runs the AWS CLI to put\n"
   "# this directory's review into the AWS Well-Architected Tool: import the\n"
   "# lens, publish it, create the workload (or use the one given), associate\n"
   "# the lens, then one update-answer per question.  Region, profile and\n"
   "# credentials come from the AWS CLI's own settings (AWS_REGION,\n"
   "# AWS_PROFILE, ~/.aws/config).  It stops at the first failing step and\n"
   "# says which; the ids of the steps done are kept in push.state, so that\n"
   "# running it again goes on where it stopped.\n"
   "set -u\n"
   "cd \"$(dirname \"$0\")\" || exit 1\n"
   "state=push.state\n"
   "LENS_ARN='' LENS_PUBLISHED='' WORKLOAD_ID='' ASSOCIATED='' MILESTONES=''\n"
   "if [ -f \"$state\" ]; then\n"
   "   while IFS='=' read -r key value; do\n"
   "      case $key in\n"
   "      LENS_ARN) LENS_ARN=$value ;;\n"
   "      LENS_PUBLISHED) LENS_PUBLISHED=$value ;;\n"
   "      WORKLOAD_ID) WORKLOAD_ID=$value ;;\n"
   "      ASSOCIATED) ASSOCIATED=$value ;;\n"
   "      MILESTONE) MILESTONES=\"$MILESTONES $value \" ;;\n"
   "      esac\n"
   "   done < \"$state\"\n"
   "fi\n"
   "failed() {\n"
   "   echo \"push.sh: step '$1' failed; fix the cause and run push.sh again\" >&2\n"
   "   exit 1\n"
   "}\n"
   "remember() {\n"
   "   printf '%s=%s\\n' \"$1\" \"$2\" >> \"$state\" || failed \"saving $1 in $state\"\n"
   "}\n"
   "step() {\n"
   "   echo \"push.sh: $1\" >&2\n"
   "}\n";

static char *pushScript(const ReviewDoc *doc, const AwsOptions *o, char **answer_ids,
                        size_t n_answers, size_t n_milestones)
{
   Sbuf b = {0};
   Sbuf_add(&b, PUSH_HEAD);
   const char *version = doc->lens->version && *doc->lens->version ? doc->lens->version : "1";
   Sbuf_add(&b, "LENS_VERSION=");
   shWord(&b, version);
   Sbuf_add(&b, "\n");
   if (o->workload_id) {
      Sbuf_add(&b, "WORKLOAD_ID=");
      shWord(&b, o->workload_id);
      Sbuf_add(&b, "\n");
   }
   Sbuf_add(&b, "\nif [ -z \"$LENS_ARN\" ]; then\n"
                "   step import-lens\n"
                "   LENS_ARN=$(aws wellarchitected import-lens --json-string file://lens.json \\\n"
                "      --query LensArn --output text) || failed import-lens\n"
                "   [ -n \"$LENS_ARN\" ] || failed import-lens\n"
                "   remember LENS_ARN \"$LENS_ARN\"\n"
                "fi\n"
                "if [ -z \"$LENS_PUBLISHED\" ]; then\n"
                "   step create-lens-version\n"
                "   aws wellarchitected create-lens-version --lens-alias \"$LENS_ARN\" \\\n"
                "      --lens-version \"$LENS_VERSION\" --is-major-version >/dev/null \\\n"
                "      || failed create-lens-version\n"
                "   LENS_PUBLISHED=$LENS_VERSION\n"
                "   remember LENS_PUBLISHED \"$LENS_VERSION\"\n"
                "fi\n");
   if (!o->workload_id)
      Sbuf_add(&b, "if [ -z \"$WORKLOAD_ID\" ]; then\n"
                   "   step create-workload\n"
                   "   WORKLOAD_ID=$(aws wellarchitected create-workload \\\n"
                   "      --cli-input-json file://workload.json \\\n"
                   "      --query WorkloadId --output text) || failed create-workload\n"
                   "   [ -n \"$WORKLOAD_ID\" ] || failed create-workload\n"
                   "   remember WORKLOAD_ID \"$WORKLOAD_ID\"\n"
                   "fi\n");
   Sbuf_add(&b,
            "if [ -z \"$ASSOCIATED\" ]; then\n"
            "   step associate-lenses\n"
            "   aws wellarchitected associate-lenses --workload-id \"$WORKLOAD_ID\" \\\n"
            "      --lens-aliases \"$LENS_ARN\" || failed associate-lenses\n"
            "   remember ASSOCIATED yes\n"
            "fi\n"
            "answer() {\n"
            "   step \"update-answer $1\"\n"
            "   aws wellarchitected update-answer --cli-input-json \"file://answers/$1.json\" \\\n"
            "      --workload-id \"$WORKLOAD_ID\" --lens-alias \"$LENS_ARN\" >/dev/null \\\n"
            "      || failed \"update-answer $1\"\n"
            "}\n");
   for (size_t i = 0; i < n_answers; i++) {
      Sbuf_add(&b, "answer ");
      shWord(&b, answer_ids[i]);
      Sbuf_add(&b, "\n");
   }
   if (n_milestones) {
      Sbuf_add(&b,
               "milestone() {\n"
               "   case $MILESTONES in *\" $1 \"*) return ;; esac\n"
               "   step \"create-milestone $1\"\n"
               "   aws wellarchitected create-milestone \\\n"
               "      --cli-input-json \"file://milestones/$1.json\" \\\n"
               "      --workload-id \"$WORKLOAD_ID\" >/dev/null || failed \"create-milestone $1\"\n"
               "   remember MILESTONE \"$1\"\n"
               "}\n");
      for (size_t i = 0; i < n_milestones; i++)
         Sbuf_printf(&b, "milestone %02zu\n", i + 1);
   }
   Sbuf_add(&b, "echo \"push.sh: done: workload $WORKLOAD_ID, lens $LENS_ARN\" >&2\n");
   return Sbuf_take(&b);
}

/* ---- the whole export ---- */

static bool checkWorkloadId(const char *id)
{
   if (strlen(id) != 32)
      return false;
   for (; *id; id++)
      if (!strchr("0123456789abcdef", *id))
         return false;
   return true;
}

static void buildAll(Store *s, const ReviewDoc *doc, const AwsOptions *o, AwsExport *x,
                     DiagList *diags, Ck *c)
{
   const Lens *lens = doc->lens;
   size_t len = 0;
   char *lensText = LensExport_render(lens, LENS_EXPORT_AWS_JSON, doc->workload.name, diags, &len);
   if (!lensText)
      problem(c, _("the review's lens cannot be written as an AWS custom lens"));
   else
      addFile(x, xstrdup("lens.json"), lensText, false);
   if (o->workload_id && !checkWorkloadId(o->workload_id))
      problem(c, _("--workload-id '%s': AWS workload ids are 32 hex digits"), o->workload_id);
   if (!o->workload_id) {
      char *w = workloadJson(doc, o, c);
      if (w)
         addFile(x, xstrdup("workload.json"), w, false);
   }
   const char *version = lens->version && *lens->version ? lens->version : "1";
   checkLength(c, _("lens version"), version, 1, AWS_MAX_LENS_VERSION);
   /* AWS refuses the lens (import-lens) over any id it does not take. */
   for (size_t i = 0; i < lens->n_questions; i++) {
      const Question *q = &lens->questions[i];
      if (!Lens_isAwsId(q->id))
         problem(c, _("question id '%s' is not one AWS takes ([A-Za-z0-9_], 3 to 128)"), q->id);
      for (size_t k = 0; k < q->n_choices; k++)
         if (!Lens_isAwsId(q->choices[k].id))
            problem(c, _("question %s: choice id '%s' is not one AWS takes"), q->id,
                    q->choices[k].id);
   }
   char **ids = xcalloc(lens->n_questions + 1, sizeof *ids);
   size_t n_ids = 0;
   for (size_t i = 0; i < lens->n_questions; i++) {
      if (doc->stored[i].version == 0)
         continue;
      char *text = answerJson(&lens->questions[i], &doc->review.answers[i], &doc->stored[i], c);
      if (!text)
         continue;
      ids[n_ids++] = lens->questions[i].id;
      addFile(x, xasprintf("answers/%s.json", lens->questions[i].id), text, false);
   }
   size_t n_ms = 0;
   if (o->milestones)
      milestoneFiles(s, doc, x, c, &n_ms);
   if (!c->count)
      addFile(x, xstrdup("push.sh"), pushScript(doc, o, ids, n_ids, n_ms), true);
   free(ids);
}

bool AwsExport_build(Store *s, const char *workload, const AwsOptions *o, AwsExport *out,
                     DiagList *diags, char **err)
{
   *out = (AwsExport){0};
   ReviewDoc doc;
   if (ReviewDoc_load(s, workload, &doc, diags, err) != STORE_OK)
      return false;
   Ck c = {{0}, 0};
   buildAll(s, &doc, o, out, diags, &c);
   ReviewDoc_free(&doc);
   if (c.count) {
      *err = Sbuf_take(&c.err);
      AwsExport_free(out);
      return false;
   }
   free(Sbuf_take(&c.err));
   return true;
}

/* ---- writing ---- */

/* path is absent, or of the kind wanted and no symbolic link. */
static bool checkTarget(const char *path, bool dir, char **err)
{
   struct stat st;
   if (lstat(path, &st) != 0) {
      if (errno == ENOENT)
         return true;
      *err = xasprintf(_("%s: %s"), path, strerror(errno));
      return false;
   }
   if (S_ISLNK(st.st_mode)) {
      *err = xasprintf(_("%s: a symbolic link; walens does not follow one here"), path);
      return false;
   }
   if (dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode)) {
      *err = xasprintf(dir ? _("%s: exists and is not a directory")
                           : _("%s: exists and is not a regular file"),
                       path);
      return false;
   }
   return true;
}

static bool makeDir(const char *path, char **err)
{
   if (mkdir(path, 0777) != 0 && errno != EEXIST) {
      *err = xasprintf(_("cannot create directory %s: %s"), path, strerror(errno));
      return false;
   }
   return checkTarget(path, true, err);
}

/* Makes push.sh executable where the umask lets files be read. */
static bool makeExecutable(const char *path, char **err)
{
   int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
   struct stat st;
   bool ok =
      fd >= 0 && fstat(fd, &st) == 0 && fchmod(fd, st.st_mode | ((st.st_mode & 0444) >> 2)) == 0;
   if (!ok)
      *err = xasprintf(_("cannot make %s executable: %s"), path, strerror(errno));
   if (fd >= 0)
      close(fd);
   return ok;
}

bool AwsExport_write(const AwsExport *x, const char *dir, const OutFileRules *rules, char **err)
{
   static const char *const subdirs[] = {"answers", "milestones"};
   bool ok = checkTarget(dir, true, err);
   for (size_t i = 0; ok && i < 2; i++) {
      char *p = xasprintf("%s/%s", dir, subdirs[i]);
      ok = checkTarget(p, true, err);
      free(p);
   }
   for (size_t i = 0; ok && i < x->n; i++) {
      char *p = xasprintf("%s/%s", dir, x->files[i].path);
      ok = checkTarget(p, false, err);
      free(p);
   }
   if (!ok)
      return false;
   if (!makeDir(dir, err))
      return false;
   for (size_t i = 0; i < 2; i++) {
      bool needed = false;
      for (size_t k = 0; k < x->n && !needed; k++)
         needed = strncmp(x->files[k].path, subdirs[i], strlen(subdirs[i])) == 0;
      char *p = xasprintf("%s/%s", dir, subdirs[i]);
      ok = !needed || makeDir(p, err);
      free(p);
      if (!ok)
         return false;
   }
   for (size_t i = 0; ok && i < x->n; i++) {
      char *p = xasprintf("%s/%s", dir, x->files[i].path);
      ok = OutFile_writeBuffer(p, x->files[i].text, strlen(x->files[i].text), rules, err) &&
           (!x->files[i].exec || makeExecutable(p, err));
      free(p);
   }
   return ok;
}
