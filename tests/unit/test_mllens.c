/* test_mllens.c: data/lenses/machine-learning.yaml against the facts of the
 * 2025 Machine Learning Lens (../shared/reference/ml-lens-facts.md §3), and
 * the copy compiled into the binary. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/diag.h"
#include "core/lens.h"
#include "support.h"

#define URL_PREFIX "https://docs.aws.amazon.com/wellarchitected/latest/machine-learning-lens/"

static const char *const PHASES[6] = {"business_goal",     "problem_framing", "data_processing",
                                      "model_development", "deployment",      "monitoring"};
static const char *const PILLARS[6] = {"operationalExcellence", "security",
                                       "reliability",           "performance",
                                       "costOptimization",      "sustainability"};
/* §3.2: best practices per phase (rows) x pillar (columns: OPS SEC REL PERF COST SUS). */
static const size_t CELLS[6][6] = {
   {3, 1, 0, 1, 2, 1},  /* business goal */
   {6, 1, 2, 2, 2, 2},  /* problem framing */
   {2, 5, 3, 1, 4, 3},  /* data processing */
   {2, 3, 4, 6, 14, 4}, /* model development */
   {1, 1, 2, 2, 3, 4},  /* deployment */
   {2, 2, 2, 6, 4, 2},  /* monitoring */
};

/* Loads the file and insists on a clean bill: not even a warning, as
 * `walens lens check --strict` would demand. */
static Lens *load_ml(void)
{
   char *path = Support_srcPath("data/lenses/machine-learning.yaml");
   DiagList d;
   DiagList_init(&d);
   Lens *lens = Lens_loadFile(path, &d);
   if (d.count) {
      char *first = Diag_format(&d.items[0]);
      cr_assert_fail("%zu diagnostics, the first: %s", d.count, first);
   }
   cr_assert_not_null(lens);
   DiagList_free(&d);
   free(path);
   return lens;
}

Test(mllens, shape)
{
   Lens *l = load_ml();
   cr_assert_str_eq(l->key, "machine-learning");
   cr_assert_eq(l->format, LENS_YAML);
   cr_assert_eq(l->n_phases, 6);
   cr_assert_eq(l->n_pillars, 6);
   cr_assert_eq(l->n_questions, 35);
   for (size_t i = 0; i < 6; i++) {
      cr_assert_str_eq(l->phases[i].id, PHASES[i]);
      cr_assert_str_eq(l->pillars[i].id, PILLARS[i]);
   }
   Lens_free(l);
}

Test(mllens, practices_per_cell)
{
   Lens *l = load_ml();
   size_t cells[6][6] = {{0}}, questions[6][6] = {{0}}, total = 0;
   for (size_t i = 0; i < l->n_questions; i++) {
      const Question *q = &l->questions[i];
      cr_assert(q->phase >= 0 && q->phase < 6, "%s has a phase", q->id);
      cr_assert_gt(q->n_choices, 1, "%s has practices", q->id);
      const Choice *last = &q->choices[q->n_choices - 1];
      cr_assert(last->is_none, "%s ends with its _no choice", q->id);
      for (size_t c = 0; c + 1 < q->n_choices; c++)
         cr_assert_not(q->choices[c].is_none, "%s has one _no choice", q->id);
      cells[q->phase][q->pillar] += q->n_choices - 1;
      questions[q->phase][q->pillar]++;
      total += q->n_choices - 1;
   }
   cr_assert_eq(total, 105);
   for (size_t r = 0; r < 6; r++) {
      for (size_t c = 0; c < 6; c++) {
         cr_assert_eq(cells[r][c], CELLS[r][c], "practices in %s x %s", PHASES[r], PILLARS[c]);
         /* One question per non-empty group; the empty one (REL x business goal) has none. */
         cr_assert_eq(questions[r][c], CELLS[r][c] ? 1u : 0u, "questions in %s x %s", PHASES[r],
                      PILLARS[c]);
      }
   }
   Lens_free(l);
}

Test(mllens, weights)
{
   Lens *l = load_ml();
   size_t high = 0, medium = 0;
   for (size_t i = 0; i < l->n_questions; i++) {
      const Question *q = &l->questions[i];
      cr_assert(q->rules_derived, "%s has no riskRules of its own", q->id);
      cr_assert(q->has_default);
      for (size_t c = 0; c < q->n_choices; c++) {
         const Choice *ch = &q->choices[c];
         if (ch->is_none) {
            cr_assert_eq(ch->weight, WEIGHT_NONE, "%s", ch->id);
            continue;
         }
         cr_assert_neq(ch->weight, WEIGHT_NONE, "%s has a weight", ch->id);
         high += ch->weight == WEIGHT_HIGH;
         medium += ch->weight == WEIGHT_MEDIUM;
      }
   }
   cr_assert_eq(high, 60);
   cr_assert_eq(medium, 45);
   Lens_free(l);
}

Test(mllens, practice_texts_and_links)
{
   Lens *l = load_ml();
   for (size_t i = 0; i < l->n_questions; i++) {
      const Question *q = &l->questions[i];
      cr_assert(q->description && *q->description, "%s has a description", q->id);
      for (size_t c = 0; c < q->n_choices; c++) {
         const Choice *ch = &q->choices[c];
         if (ch->is_none)
            continue;
         cr_assert(ch->description && *ch->description, "%s has a description", ch->id);
         cr_assert(ch->improvement.text && *ch->improvement.text, "%s has a plan", ch->id);
         char want[256];
         size_t n = (size_t)snprintf(want, sizeof want, "%s", URL_PREFIX);
         for (const char *p = ch->id; *p && n < sizeof want - 8; p++)
            want[n++] = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
         snprintf(want + n, sizeof want - n, ".html");
         cr_assert_not_null(ch->helpful.url, "%s has a link", ch->id);
         cr_assert_str_eq(ch->helpful.url, want);
      }
   }
   Lens_free(l);
}

Test(mllens, ids_unique_across_the_lens)
{
   Lens *l = load_ml();
   size_t n = 0;
   for (size_t i = 0; i < l->n_questions; i++)
      n += l->questions[i].n_choices + 1;
   const char **ids = calloc(n, sizeof *ids);
   size_t k = 0;
   for (size_t i = 0; i < l->n_questions; i++) {
      ids[k++] = l->questions[i].id;
      for (size_t c = 0; c < l->questions[i].n_choices; c++)
         ids[k++] = l->questions[i].choices[c].id;
   }
   for (size_t a = 0; a < k; a++)
      for (size_t b = a + 1; b < k; b++)
         cr_assert_str_neq(ids[a], ids[b], "id %s twice", ids[a]);
   free(ids);
   Lens_free(l);
}

Test(mllens, built_in_copy)
{
   char *path = Support_srcPath("data/lenses/machine-learning.yaml");
   FILE *f = fopen(path, "rb");
   cr_assert_not_null(f);
   fseek(f, 0, SEEK_END);
   size_t size = (size_t)ftell(f);
   fseek(f, 0, SEEK_SET);
   char *bytes = malloc(size);
   cr_assert_eq(fread(bytes, 1, size, f), size);
   fclose(f);

   size_t len = 0;
   const char *text = Lens_defaultText(&len);
   cr_assert_eq(len, size);
   cr_assert_eq(memcmp(text, bytes, size), 0, "the built-in lens is the file, byte for byte");
   cr_assert_eq(text[len], '\0');

   DiagList d;
   DiagList_init(&d);
   Lens *def = Lens_loadDefault(&d);
   cr_assert_eq(d.count, 0);
   Lens *file = load_ml();
   cr_assert_str_eq(def->sha256, file->sha256);
   cr_assert_str_eq(def->key, "machine-learning");
   cr_assert_eq(def->n_questions, 35);
   Lens_free(def);
   Lens_free(file);
   DiagList_free(&d);
   free(bytes);
   free(path);
}

/* ---- one voice for AWS services (issue 17) ---- */

/* Names of AWS services and features, matched as whole words and case
 * included, so that "glue code" or "the inspector" do not count. */
static const char *const AWS_WORDS[] = {
   "Amazon",
   "AWS",
   "SageMaker",
   "Bedrock",
   "HyperPod",
   "Inferentia",
   "Trainium",
   "Graviton",
   "Neuron",
   "CloudWatch",
   "CloudTrail",
   "CloudFormation",
   "CodeArtifact",
   "CodePipeline",
   "DataZone",
   "Lake Formation",
   "Glue",
   "Athena",
   "Redshift",
   "EMR",
   "S3",
   "KMS",
   "IAM",
   "EC2",
   "ECR",
   "EKS",
   "ECS",
   "Lambda",
   "Step Functions",
   "EventBridge",
   "Greengrass",
   "Macie",
   "GuardDuty",
   "QuickSight",
   "Kiro",
   "Q Developer",
   "Comprehend",
   "Rekognition",
   "Textract",
   "Kendra",
   "FSx",
   "Inspector",
   "Control Tower",
   "JumpStart",
   "Autopilot",
   "Ground Truth",
   "Data Wrangler",
   "Model Monitor",
   "Augmented AI",
   "A2I",
   "Savings Plans",
   "Trusted Advisor",
   "Compute Optimizer",
   "Cost Explorer",
   "Secrets Manager",
   "Service Catalog",
   "Systems Manager",
   "API Gateway",
   "WAF",
   "MWAA",
   "Outposts",
   "Wavelength",
   "Snowball",
   "Unified Studio",
};

static bool wordChar(char c)
{
   return isalnum((unsigned char)c) || c == '_';
}

/* The first AWS word in [s, s+n), or NULL. */
static const char *awsWord(const char *s, size_t n)
{
   for (size_t w = 0; w < sizeof AWS_WORDS / sizeof AWS_WORDS[0]; w++) {
      size_t m = strlen(AWS_WORDS[w]);
      for (size_t i = 0; i + m <= n; i++)
         if (memcmp(s + i, AWS_WORDS[w], m) == 0 && (i == 0 || !wordChar(s[i - 1])) &&
             (i + m == n || !wordChar(s[i + m])))
            return AWS_WORDS[w];
   }
   return NULL;
}

/* Offenders go into buf as "ID (word)", comma separated. */
static void addOffender(char *buf, size_t size, const char *id, const char *word)
{
   size_t n = strlen(buf);
   snprintf(buf + n, size - n, "%s%s (%s)", n ? ", " : "", id, word);
}

static void checkPlan(const Choice *ch, char *bad, size_t size, char *voice, size_t vsize)
{
   const char *text = ch->improvement.text, *last = strrchr(text, '\n');
   last = last ? last + 1 : text;
   const char *word = awsWord(text, (size_t)(last - text));
   if (word)
      addOffender(bad, size, ch->id, word);
   /* The last step: "N. On AWS, ..." with today's names. */
   const char *p = last;
   while (isdigit((unsigned char)*p))
      p++;
   if (p == last || strncmp(p, ". On AWS, ", 10) != 0)
      addOffender(voice, vsize, ch->id, "no last step \"N. On AWS, ...\"");
   for (const char *s = strstr(last, "SageMaker"); s; s = strstr(s + 1, "SageMaker")) {
      const char *after = s + strlen("SageMaker");
      if (strncmp(after, " AI", 3) != 0 && strncmp(after, " HyperPod", 9) != 0 &&
          strncmp(after, " Unified Studio", 15) != 0 && strncmp(after, " Studio", 7) != 0)
         addOffender(voice, vsize, ch->id, "SageMaker without AI");
   }
}

Test(mllens, aws_services_only_in_the_last_step)
{
   Lens *l = load_ml();
   static char bad[16384], voice[16384];
   bad[0] = voice[0] = '\0';
   for (size_t i = 0; i < l->n_questions; i++) {
      const Question *q = &l->questions[i];
      const char *w = awsWord(q->title, strlen(q->title));
      if (!w && q->description)
         w = awsWord(q->description, strlen(q->description));
      if (w)
         addOffender(bad, sizeof bad, q->id, w);
      for (size_t c = 0; c < q->n_choices; c++) {
         const Choice *ch = &q->choices[c];
         if ((w = awsWord(ch->title, strlen(ch->title))) ||
             (ch->description && (w = awsWord(ch->description, strlen(ch->description)))))
            addOffender(bad, sizeof bad, ch->id, w);
         if (!ch->is_none)
            checkPlan(ch, bad, sizeof bad, voice, sizeof voice);
      }
   }
   cr_expect_str_empty(bad, "AWS named outside the last step of a plan: %s", bad);
   cr_expect_str_empty(voice, "plans whose last step is not in the lens's voice: %s", voice);
   Lens_free(l);
}

/* The test can fail: a plan with a service in its first step is caught. */
Test(mllens, aws_word_finder)
{
   cr_assert_str_eq(awsWord("Use Amazon S3 here", 18), "Amazon");
   cr_assert_str_eq(awsWord("run on SageMaker.", 17), "SageMaker");
   cr_assert_null(awsWord("write glue code for the inspector", 33));
   cr_assert_null(awsWord("AWSOME", 6));
   char bad[256] = "", voice[256] = "";
   Choice ch = {.id = "X_BP01"};
   ch.improvement.text = "Intro.\n1. Put it in Amazon S3.\n2. On AWS, use Amazon SageMaker AI.";
   checkPlan(&ch, bad, sizeof bad, voice, sizeof voice);
   cr_assert_str_eq(bad, "X_BP01 (Amazon)");
   cr_assert_str_empty(voice);
   ch.improvement.text = "Intro.\n1. Do it.\n2. On AWS, use SageMaker Pipelines.";
   bad[0] = '\0';
   checkPlan(&ch, bad, sizeof bad, voice, sizeof voice);
   cr_assert_str_empty(bad);
   cr_assert_str_eq(voice, "X_BP01 (SageMaker without AI)");
}

/* ---- version 2025.12.0 and its change notes (issue 17) ---- */

/* The practices whose substance changed from 2025.11.1. */
static const char *const NOTED[] = {
   "MLOPS01_BP02",  "MLOPS01_BP03",  "MLOPS02_BP01",  "MLOPS02_BP02", "MLOPS02_BP04",
   "MLSEC01_BP01",  "MLSEC02_BP01",  "MLSEC03_BP02",  "MLSEC03_BP03", "MLSEC03_BP04",
   "MLSEC04_BP01",  "MLSEC05_BP01",  "MLSEC06_BP01",  "MLREL03_BP04", "MLPERF01_BP01",
   "MLPERF04_BP04", "MLCOST05_BP01", "MLCOST06_BP04", "MLSUS04_BP03", "MLSUS06_BP02",
};

Test(mllens, version_and_change_notes)
{
   Lens *l = load_ml();
   cr_assert_str_eq(l->version, "2025.12.0");
   size_t n = 0;
   for (size_t i = 0; i < l->n_questions; i++)
      for (size_t c = 0; c < l->questions[i].n_choices; c++) {
         const Choice *ch = &l->questions[i].choices[c];
         bool want = false;
         for (size_t k = 0; k < sizeof NOTED / sizeof NOTED[0]; k++)
            want |= strcmp(NOTED[k], ch->id) == 0;
         cr_expect_eq(ch->change_note != NULL, want, "%s: change note %s", ch->id,
                      want ? "missing" : "unexpected");
         if (ch->change_note) {
            n++;
            cr_expect_null(strchr(ch->change_note, '\n'), "%s: one line", ch->id);
            cr_expect_leq(strlen(ch->change_note), 200, "%s: a short line", ch->id);
         }
      }
   cr_assert_eq(n, sizeof NOTED / sizeof NOTED[0]);
   Lens_free(l);
}

/* MLCOST06_BP04 used to read as cutting logging; it is about enabling it. */
Test(mllens, debugging_practice_not_inverted)
{
   Lens *l = load_ml();
   size_t q;
   cr_assert_not_null(Lens_findQuestion(l, "MLCOST06", &q));
   int c = Question_findChoice(&l->questions[q], "MLCOST06_BP04");
   cr_assert_geq(c, 0);
   cr_assert_str_eq(l->questions[q].choices[c].title,
                    "Enable debugging and logging, at a sensible cost");
   Lens_free(l);
}
