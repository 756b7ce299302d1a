/* test_lens.c: the lens loader: one fixture per error and warning class
 * (message and position, YAML and JSON), the two syntaxes giving one model,
 * hostile inputs, SHA-256, lookups and names. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/catalog.h"
#include "core/diag.h"
#include "core/lens.h"
#include "core/sha256.h"
#include "support.h"
#include "core/xalloc.h"

/* ---- helpers ---- */

static char *slurp(const char *path, size_t *len)
{
   FILE *f = fopen(path, "rb");
   cr_assert_not_null(f, "cannot open %s", path);
   fseek(f, 0, SEEK_END);
   long n = ftell(f);
   fseek(f, 0, SEEK_SET);
   char *buf = malloc((size_t)n + 1);
   cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
   buf[n] = '\0';
   fclose(f);
   *len = (size_t)n;
   return buf;
}

/* want[] are the expected diagnostics without the file name they start with. */
static void expect(const char *file, const DiagList *d, const char *const *want)
{
   size_t n = 0;
   while (want[n])
      n++;
   for (size_t i = 0; i < d->count && i < n; i++) {
      char *got = Diag_format(&d->items[i]);
      size_t flen = strlen(file);
      cr_assert_eq(strncmp(got, file, flen), 0, "diagnostic %zu names another file: %s", i, got);
      cr_assert_str_eq(got + flen, want[i], "diagnostic %zu of %s", i, file);
      free(got);
   }
   cr_assert_eq(d->count, n, "%s: %zu diagnostics, expected %zu", file, d->count, n);
}

/* Loads a fixture and compares every diagnostic; the lens must load exactly
 * when there is no error. */
static void check_fixture(const char *name, const char *const *want)
{
   char *path = Support_lensPath(name);
   DiagList d;
   DiagList_init(&d);
   Lens *lens = Lens_loadFile(path, &d);
   expect(path, &d, want);
   if (d.errors)
      cr_assert_null(lens, "%s loaded despite errors", name);
   else
      cr_assert_not_null(lens, "%s did not load", name);
   Lens_free(lens);
   DiagList_free(&d);
   free(path);
}

static Lens *load_text(const char *text, DiagList *d)
{
   return Lens_loadBuffer("mem", text, strlen(text), d);
}

/* Loads text that must fail with exactly one diagnostic, formatted as want. */
static void expect_text(const char *text, size_t len, const char *want)
{
   DiagList d;
   DiagList_init(&d);
   Lens *lens = Lens_loadBuffer("mem", text, len, &d);
   cr_assert_null(lens);
   cr_assert_eq(d.count, 1, "%zu diagnostics for %s", d.count, want);
   char *got = Diag_format(&d.items[0]);
   cr_assert_str_eq(got, want);
   free(got);
   DiagList_free(&d);
}

/* Loads text and compares every diagnostic (after "mem") with want. */
static void expect_all(const char *text, const char *const *want)
{
   DiagList d;
   DiagList_init(&d);
   Lens *lens = load_text(text, &d);
   expect("mem", &d, want);
   Lens_free(lens);
   DiagList_free(&d);
}

#define FIXTURE(test, file, ...)                             \
   Test(fixtures, test)                                      \
   {                                                         \
      static const char *const want[] = {__VA_ARGS__, NULL}; \
      check_fixture(file, want);                             \
   }

/* A minimal, warning-free lens to vary in the tests. */
static const char TINY[] = "id: tiny\n"
                           "name: Tiny lens\n"
                           "pillars:\n"
                           "  - id: ops\n"
                           "    name: Operations\n"
                           "    questions:\n"
                           "      - id: OPS1\n"
                           "        title: How do you operate?\n"
                           "        choices:\n"
                           "          - id: OPS1_a\n"
                           "            title: Automate\n"
                           "            improvementPlan:\n"
                           "              displayText: Automate it.\n"
                           "          - id: OPS1_no\n"
                           "            title: None of these\n";

/* ---- errors: one fixture per class ---- */

FIXTURE(syntax_yaml, "err-syntax.yaml",
        ":6:4: error: did not find expected '-' indicator while parsing a block collection "
        "(started at 5:3)")
FIXTURE(syntax_json, "err-syntax.json", ":4:11: error: '}' expected near '\"pillars\"'")
FIXTURE(nan_json, "err-nan.json", ":10:22: error: invalid token near 'NaN'")

FIXTURE(type_yaml, "err-type.yaml", ":10:11: error: 'title' must be a string, not a list")
FIXTURE(type_json, "err-type.json",
        ":11:20: error: pillars[0].questions[0].title: 'title' must be a string, not a number")
FIXTURE(typed_yaml, "err-typed.yaml",
        ":8:11: error: 'name': expected text, found a number; quote it: \".nan\"",
        ":11:16: error: 'title': expected text, found a number; quote it: \"42\"",
        ":12:22: error: 'description': expected text, found true or false; quote it: \"true\"")
FIXTURE(type_list_yaml, "err-type-list.yaml",
        ":8:7: error: 'questions' must be a list, not a mapping")
FIXTURE(type_list_json, "err-type-list.json",
        ":8:20: error: pillars[0].questions: 'questions' must be a list, not a mapping")

FIXTURE(dup_key_yaml, "err-dup-key.yaml", ":10:9: error: duplicate key 'title' (first at 9:9)")
FIXTURE(dup_key_json, "err-dup-key.json", ":11:11: error: duplicate key 'title' (first at 10:11)")

FIXTURE(dup_pillar_yaml, "err-dup-pillar.yaml",
        ":17:9: error: duplicate pillar id 'ops' (first at 5:9)")
FIXTURE(dup_pillar_json, "err-dup-pillar.json",
        ":29:13: error: pillars[1].id: duplicate pillar id 'ops' (first at 6:13)")
FIXTURE(dup_question_yaml, "err-dup-question.yaml",
        ":20:13: error: duplicate question id 'OPS1' (first at 8:13)")
FIXTURE(dup_question_json, "err-dup-question.json",
        ":33:17: error: pillars[1].questions[0].id: duplicate question id 'OPS1' (first at "
        "10:17)")
FIXTURE(dup_choice_yaml, "err-dup-choice.yaml",
        ":15:17: error: duplicate choice id 'OPS1_a' (first at 11:17)")
FIXTURE(dup_choice_json, "err-dup-choice.json",
        ":21:21: error: pillars[0].questions[0].choices[1].id: duplicate choice id 'OPS1_a' "
        "(first at 14:21)")
FIXTURE(dup_phase_yaml, "err-dup-phase.yaml",
        ":7:9: error: duplicate phase id 'build' (first at 5:9)")
FIXTURE(dup_phase_json, "err-dup-phase.json",
        ":10:13: error: phases[1].id: duplicate phase id 'build' (first at 6:13)")

FIXTURE(cond_syntax_yaml, "err-cond-syntax.yaml",
        ":18:24: error: condition 'OPS1_a &&' does not parse: expected a choice id or '(' (at "
        "character 10)")
FIXTURE(cond_syntax_json, "err-cond-syntax.json",
        ":27:28: error: pillars[0].questions[0].riskRules[0].condition: condition 'OPS1_a &&' "
        "does not parse: expected a choice id or '(' (at character 10)")
FIXTURE(cond_unknown_yaml, "err-cond-unknown.yaml",
        ":18:24: error: condition 'OPS1_a && OPS1_b' names 'OPS1_b', which is not a choice of "
        "question 'OPS1'")
FIXTURE(cond_unknown_json, "err-cond-unknown.json",
        ":27:28: error: pillars[0].questions[0].riskRules[0].condition: condition 'OPS1_a && "
        "OPS1_b' names 'OPS1_b', which is not a choice of question 'OPS1'")

FIXTURE(phase_yaml, "err-phase.yaml",
        ":20:16: error: question 'OPS1' names phase 'run', which the lens does not define")
FIXTURE(phase_json, "err-phase.json",
        ":31:20: error: pillars[0].questions[0].phase: question 'OPS1' names phase 'run', which "
        "the lens does not define")

FIXTURE(anchor_yaml, "err-anchor.yaml", ":2:1: error: YAML anchors are not supported ('&a')",
        ":2:5: error: YAML aliases are not supported ('*a')")
FIXTURE(alias_yaml, "err-alias.yaml", ":3:7: error: YAML anchors are not supported ('&name')",
        ":4:14: error: YAML aliases are not supported ('*name')")

FIXTURE(deep_yaml, "err-deep.yaml",
        ":3:73: error: nesting deeper than 64 levels; no lens needs that")
/* The first list too deep (the 64th '[' of pillars) and its JSON path:
 * pillars and 63 more levels. */
Test(fixtures, deep_json)
{
   char want[512] = ":1:92: error: pillars";
   for (int i = 0; i < LENS_MAX_DEPTH - 1; i++)
      strcat(want, "[0]");
   strcat(want, ": nesting deeper than 64 levels; no lens needs that");
   const char *const list[] = {want, NULL};
   check_fixture("err-deep.json", list);
}

FIXTURE(missing_yaml, "err-missing.yaml", ":2:1: error: missing required key 'name' in the lens",
        ":4:5: error: missing required key 'id' in a pillar",
        ":6:9: error: missing required key 'title' in a question",
        ":8:13: error: missing required key 'id' in a choice")
FIXTURE(missing_json, "err-missing.json", ":1:1: error: missing required key 'name' in the lens",
        ":4:5: error: pillars[0]: missing required key 'id' in a pillar",
        ":7:9: error: pillars[0].questions[0]: missing required key 'title' in a question",
        ":10:13: error: pillars[0].questions[0].choices[0]: missing required key 'id' in a choice")
FIXTURE(no_pillars_yaml, "err-no-pillars.yaml",
        ":2:1: error: missing required key 'pillars' in the lens")
FIXTURE(no_pillars_json, "err-no-pillars.json",
        ":1:1: error: missing required key 'pillars' in the lens")

FIXTURE(risk_yaml, "err-risk.yaml",
        ":15:19: error: invalid risk 'low' for a choice; expected high or medium",
        ":20:19: error: invalid risk 'LOW_RISK'; expected HIGH_RISK, MEDIUM_RISK or NO_RISK")
FIXTURE(risk_json, "err-risk.json",
        ":19:23: error: pillars[0].questions[0].choices[0].risk: invalid risk 'low' for a choice; "
        "expected high or medium",
        ":29:23: error: pillars[0].questions[0].riskRules[0].risk: invalid risk 'LOW_RISK'; "
        "expected HIGH_RISK, MEDIUM_RISK or NO_RISK")

/* ---- warnings: the lens still loads ---- */

FIXTURE(unknown_keys_yaml, "warn-unknown-keys.yaml",
        ":2:1: warning: unknown key '_note' in the lens is ignored",
        ":21:9: warning: unknown key 'url' in a question is ignored",
        ":18:15: warning: unknown key 'Url' in helpfulResource is ignored; did you mean 'url'?")
FIXTURE(unknown_keys_json, "warn-unknown-keys.json",
        ":2:3: warning: _note: unknown key '_note' in the lens is ignored",
        ":30:11: warning: pillars[0].questions[0].url: unknown key 'url' in a question is ignored",
        ":22:17: warning: pillars[0].questions[0].choices[0].helpfulResource.Url: unknown key "
        "'Url' in helpfulResource is ignored; did you mean 'url'?")

FIXTURE(no_default_yaml, "warn-no-default.yaml",
        ":8:9: warning: question 'OPS1' has no default rule; when no rule matches its risk is "
        "UNANSWERED")
FIXTURE(no_default_json, "warn-no-default.json",
        ":9:9: warning: pillars[0].questions[0]: question 'OPS1' has no default rule; when no "
        "rule matches its risk is UNANSWERED")

FIXTURE(links_yaml, "warn-links.yaml", ":17:20: warning: 'url' is empty",
        ":21:20: warning: url 'ftp://example.org/b' does not start with http:// or https://",
        ":21:15: warning: helpfulResource has no 'displayText'",
        ":18:13: warning: choice 'OPS1_b' has no improvementPlan",
        ":25:15: warning: improvementPlan has no 'displayText'")
FIXTURE(links_json, "warn-links.json",
        ":21:24: warning: pillars[0].questions[0].choices[0].helpfulResource.url: 'url' is empty",
        ":28:24: warning: pillars[0].questions[0].choices[1].helpfulResource.url: url "
        "'ftp://example.org/b' does not start with http:// or https://",
        ":27:34: warning: pillars[0].questions[0].choices[1].helpfulResource: helpfulResource "
        "has no 'displayText'",
        ":24:13: warning: pillars[0].questions[0].choices[1]: choice 'OPS1_b' has no "
        "improvementPlan",
        ":34:34: warning: pillars[0].questions[0].choices[2].improvementPlan: improvementPlan "
        "has no 'displayText'")

FIXTURE(limits_yaml, "warn-limits.yaml",
        ":4:14: warning: 'description' is 2049 characters long; AWS allows at most 2048",
        ":6:3: warning: 'pillars' has 11 items; AWS allows at most 10",
        ":9:7: warning: 'questions' has 21 items; AWS allows at most 20",
        ":10:16: warning: 'title' is 129 characters long; AWS allows at most 128",
        ":12:11: warning: 'choices' has 16 items; AWS allows at most 15",
        ":257:13: warning: id 'Q1' does not match [A-Za-z0-9_]{3,128} as AWS requires",
        ":272:17: warning: id 'bad-id' does not match [A-Za-z0-9_]{3,128} as AWS requires")
FIXTURE(limits_json, "warn-limits.json",
        ":4:18: warning: description: 'description' is 2049 characters long; AWS allows at most "
        "2048",
        ":5:14: warning: pillars: 'pillars' has 11 items; AWS allows at most 10",
        ":9:20: warning: pillars[0].questions: 'questions' has 21 items; AWS allows at most 20",
        ":12:20: warning: pillars[0].questions[0].title: 'title' is 129 characters long; AWS "
        "allows at most 128",
        ":13:22: warning: pillars[0].questions[0].choices: 'choices' has 16 items; AWS allows at "
        "most 15",
        ":472:17: warning: pillars[1].questions[0].id: id 'Q1' does not match [A-Za-z0-9_]{3,128} "
        "as AWS requires",
        ":499:21: warning: pillars[2].questions[0].choices[0].id: id 'bad-id' does not match "
        "[A-Za-z0-9_]{3,128} as AWS requires")

Test(fixtures, warnings_keep_the_model)
{
   char *path = Support_lensPath("warn-links.yaml");
   DiagList d;
   DiagList_init(&d);
   Lens *lens = Lens_loadFile(path, &d);
   cr_assert_not_null(lens);
   const Question *q = &lens->questions[0];
   cr_assert_eq(q->n_choices, 4);
   cr_assert_null(q->choices[0].helpful.url, "an empty url is dropped");
   cr_assert_str_eq(q->choices[0].helpful.text, "Empty link");
   cr_assert_str_eq(q->choices[1].helpful.url, "ftp://example.org/b");
   cr_assert_null(q->choices[2].improvement.text);
   cr_assert_str_eq(q->choices[2].improvement.url, "https://example.org/c");
   Lens_free(lens);
   DiagList_free(&d);
   free(path);
}

/* ---- errors with no fixture file ---- */

Test(files, missing_file)
{
   DiagList d;
   DiagList_init(&d);
   cr_assert_null(Lens_loadFile("no/such/lens.yaml", &d));
   cr_assert_eq(d.count, 1);
   char *s = Diag_format(&d.items[0]);
   cr_assert_str_eq(s, "no/such/lens.yaml: error: cannot read the file: No such file or directory");
   free(s);
   DiagList_free(&d);
}

Test(files, directory)
{
   char *path = Support_lensPath("");
   DiagList d;
   DiagList_init(&d);
   cr_assert_null(Lens_loadFile(path, &d));
   cr_assert_eq(d.count, 1);
   cr_assert_str_eq(d.items[0].message, "cannot read the file: Is a directory");
   cr_assert_eq(d.items[0].line, 0);
   DiagList_free(&d);
   free(path);
}

Test(files, too_large)
{
   const size_t n = LENS_MAX_FILE_SIZE + 1;
   char *big = malloc(n);
   memset(big, ' ', n);
   DiagList d;
   DiagList_init(&d);
   cr_assert_null(Lens_loadBuffer("big", big, n, &d));
   cr_assert_eq(d.count, 1);
   cr_assert_str_eq(d.items[0].message,
                    "the file is larger than 4 MiB (4194304 bytes), the limit for a lens file");

   /* From a file, refused before reading. */
   char path[] = "/tmp/walens-big-XXXXXX";
   int fd = mkstemp(path);
   cr_assert_geq(fd, 0);
   cr_assert_eq(write(fd, big, n), (ssize_t)n);
   close(fd);
   Lens *lens = Lens_loadFile(path, &d);
   unlink(path);
   cr_assert_null(lens);
   cr_assert_eq(d.count, 2);
   char *s = Diag_format(&d.items[1]);
   char want[128];
   snprintf(want, sizeof want,
            "%s: error: the file is larger than 4 MiB (4194304 bytes), the limit for a lens file",
            path);
   cr_assert_str_eq(s, want);
   free(s);
   free(big);
   DiagList_free(&d);
}

Test(files, exactly_the_limit_is_read)
{
   /* 4 MiB of blanks is not too large: it is merely empty. */
   const size_t n = LENS_MAX_FILE_SIZE;
   char *big = malloc(n);
   memset(big, '\n', n);
   expect_text(big, n, "mem: error: the file is empty (nothing but blanks and comments)");
   free(big);
}

/* ---- hostile and odd inputs never crash ---- */

Test(inputs, empty_and_blank)
{
   expect_text("", 0, "mem: error: the file is empty (nothing but blanks and comments)");
   expect_text(" \n\n", 3, "mem: error: the file is empty (nothing but blanks and comments)");
   /* libyaml refuses a tab where indentation could be. */
   expect_text(" \n\t\n", 4,
               "mem:2:1: error: found character that cannot start any token while scanning for "
               "the next token (started at 2:1)");
   expect_text("# only a comment\n", 17,
               "mem: error: the file is empty (nothing but blanks and comments)");
   DiagList d;
   DiagList_init(&d);
   cr_assert_null(Lens_loadBuffer("mem", NULL, 0, &d));
   cr_assert_eq(d.errors, 1);
   DiagList_free(&d);
}

Test(inputs, not_a_mapping)
{
   expect_text("---\n", 4, "mem:2:1: error: a lens must be a mapping, not null");
   expect_text("hello\n", 6, "mem:1:1: error: a lens must be a mapping, not a string");
   expect_text("- a\n- b\n", 8, "mem:1:1: error: a lens must be a mapping, not a list");
   expect_text("[1, 2]", 6, "mem:1:1: error: a lens must be a mapping, not a list");
   DiagList d;
   DiagList_init(&d);
   cr_assert_null(load_text("{}", &d));
   cr_assert_eq(d.count, 2);
   cr_assert_str_eq(d.items[0].message, "missing required key 'name' in the lens");
   cr_assert_str_eq(d.items[1].message, "missing required key 'pillars' in the lens");
   DiagList_free(&d);
}

Test(inputs, two_documents)
{
   expect_text("a: 1\n---\nb: 2\n", 14,
               "mem:2:1: error: a lens file holds one YAML document; this is a second one");
}

Test(inputs, nul_bytes)
{
   expect_text("name: a\0b\n", 10, "mem:1:8: error: control characters are not allowed (0x0)");
   expect_text("{\"name\": \"a\0b\"}", 15, "mem:1:11: error: control character 0x0 near '\"a'");
   /* An escaped NUL decodes, but no lens text may hold one. */
   DiagList d;
   DiagList_init(&d);
   cr_assert_null(load_text("name: \"a\\0b\"\npillars: []\n", &d));
   char *s = Diag_format(&d.items[0]);
   cr_assert_str_eq(s, "mem:1:7: error: 'name' contains a NUL character");
   free(s);
   DiagList_free(&d);
   /* The same in JSON, at the text that holds it; and in a key. */
   static const char *const want[] = {":1:10: error: name: 'name' contains a NUL character",
                                      ":1:1: error: missing required key 'pillars' in the lens",
                                      NULL};
   expect_all("{\"name\": \"a\\u0000b\"}", want);
   expect_text("{\"name\": \"a\", \"k\\u0000\": 1}", 26,
               "mem:1:15: error: a key contains a NUL character");
}

Test(inputs, invalid_utf8)
{
   expect_text("x: 1\nname: caf\xc3\xa9 \xff\n", 19,
               "mem:2:12: error: invalid leading UTF-8 octet (0xFF)");
   expect_text("{\"name\": \"\xff\"}", 13, "mem:1:10: error: unable to decode byte 0xff near '\"'");
}

Test(inputs, complex_key)
{
   expect_text("? [a]\n: b\n", 10,
               "mem:1:3: error: a mapping key must be text, not a mapping or a list");
}

Test(inputs, bom_and_crlf)
{
   /* The same lens with a byte-order mark, with CRLF line ends, and both. */
   size_t n = strlen(TINY);
   char *crlf = malloc(2 * n + 4), *p = crlf;
   memcpy(p, "\xEF\xBB\xBF", 3);
   p += 3;
   for (size_t i = 0; i < n; i++) {
      if (TINY[i] == '\n')
         *p++ = '\r';
      *p++ = TINY[i];
   }
   *p = '\0';
   const char *texts[] = {crlf + 3, crlf};
   for (size_t i = 0; i < 2; i++) {
      DiagList d;
      DiagList_init(&d);
      Lens *lens = load_text(texts[i], &d);
      cr_assert_not_null(lens);
      cr_assert_eq(d.count, 0);
      cr_assert_str_eq(lens->name, "Tiny lens", "no CR or BOM left in texts");
      cr_assert_str_eq(lens->questions[0].title, "How do you operate?");
      Lens_free(lens);
      DiagList_free(&d);
   }
   const char json[] = "\xEF\xBB\xBF{\"name\": \"Bom\", \"pillars\": 1}";
   expect_text(json, sizeof json - 1,
               "mem:1:28: error: pillars: 'pillars' must be a list, not a number");
   free(crlf);
}

Test(inputs, errors_keep_their_line_after_a_bom)
{
   expect_text("\xEF\xBB\xBFname: [x\n", 12,
               "mem:2:1: error: did not find expected ',' or ']' while parsing a flow sequence "
               "(started at 1:7)");
}

/* ---- JSON: positions found by walking the text again ---- */

Test(json_positions, every_fixture_diagnostic_has_one)
{
   char *dir = Support_lensPath("");
   DIR *dp = opendir(dir);
   cr_assert_not_null(dp);
   size_t files = 0;
   struct dirent *ent;
   while ((ent = readdir(dp))) {
      size_t n = strlen(ent->d_name);
      if (n < 5 || strcmp(ent->d_name + n - 5, ".json") != 0)
         continue;
      char *path = Support_lensPath(ent->d_name);
      DiagList d;
      DiagList_init(&d);
      Lens_free(Lens_loadFile(path, &d));
      for (size_t i = 0; i < d.count; i++)
         cr_assert_gt(d.items[i].line, 0, "%s: no position for '%s'", ent->d_name,
                      d.items[i].message);
      DiagList_free(&d);
      free(path);
      files++;
   }
   closedir(dp);
   free(dir);
   cr_assert_geq(files, 20);
}

Test(json_positions, columns_count_characters_across_crlf_and_tabs)
{
   /* é, — and ☕ are one column each, as jansson counts its own. */
   static const char text[] =
      "{\r\n\t\"name\": \"Caf\xc3\xa9 \xe2\x80\x94 \xe2\x98\x95\", \"description\": 5,\r\n"
      "\t\"pillars\": [ {\"id\": \"ops\", \"name\": \"O\", \"questions\": [ {\"id\": \"Q_1\", "
      "\"title\": true, \"choices\": []} ]} ]\r\n}";
   static const char *const want[] = {
      ":2:37: error: description: 'description' must be a string, not a number",
      ":3:80: error: pillars[0].questions[0].title: 'title' must be a string, not true or false",
      ":3:97: error: pillars[0].questions[0].choices: 'choices' is an empty list", NULL};
   expect_all(text, want);
}

Test(json_positions, duplicate_keys_at_the_key)
{
   /* An escaped spelling is the same key; so is one in a nested object,
    * not one in a deeper one. */
   expect_text("{\"name\": \"a\",\n \"pil\\u006cars\": [], \"pillars\": 1}", 48,
               "mem:2:22: error: duplicate key 'pillars' (first at 2:2)");
   const char nested[] = "{\"a\": {\"b\": 1, \"c\": [1, {\"b\": 2}], \"b\": 3}}";
   expect_text(nested, sizeof nested - 1, "mem:1:36: error: duplicate key 'b' (first at 1:8)");
   /* The first error in the file is the one reported, as for any syntax error. */
   expect_text("{\"a\": 1, \"a\": 2, ", 17, "mem:1:10: error: duplicate key 'a' (first at 1:2)");
}

/* Every prefix of a valid lens in both syntaxes, and bytes flipped in it:
 * the loader reports errors but never crashes (ASan runs this too). */
Test(inputs, truncated_and_mangled)
{
   const char *names[] = {"small.yaml", "small.json"};
   for (size_t k = 0; k < 2; k++) {
      char *path = Support_lensPath(names[k]);
      size_t len;
      char *text = slurp(path, &len);
      for (size_t cut = 0; cut < len; cut += 7) {
         DiagList d;
         DiagList_init(&d);
         Lens *lens = Lens_loadBuffer("cut", text, cut, &d);
         cr_assert(lens || d.errors, "a failed load says why");
         Lens_free(lens);
         DiagList_free(&d);
      }
      unsigned seed = 12345;
      for (size_t round = 0; round < 300; round++) {
         char *copy = malloc(len);
         memcpy(copy, text, len);
         for (int flips = 0; flips < 3; flips++) {
            seed = seed * 1103515245u + 12345u;
            copy[(seed >> 8) % len] = (char)(seed >> 20);
         }
         DiagList d;
         DiagList_init(&d);
         Lens *lens = Lens_loadBuffer("mangled", copy, len, &d);
         cr_assert(lens || d.errors);
         Lens_free(lens);
         DiagList_free(&d);
         free(copy);
      }
      free(text);
      free(path);
   }
}

/* ---- scalars and types ---- */

/* TINY with "How do you operate?" (the question's title) replaced. */
static void tiny_title(char *text, size_t size, const char *title)
{
   const char *t = strstr(TINY, "How do you operate?");
   snprintf(text, size, "%.*s%s%s", (int)(t - TINY), TINY, title,
            t + strlen("How do you operate?"));
}

/* A plain scalar the YAML 1.2 core schema reads as a number, a boolean or
 * null is no text, as in JSON: an error at it, with the quoted form. */
Test(types, yaml_plain_numbers_and_booleans_are_not_text)
{
   static const struct {
      const char *plain, *found;
   } cases[] = {
      {"42", "a number"},         {"-7", "a number"},
      {"+3", "a number"},         {"1.10", "a number"},
      {".5", "a number"},         {"1.", "a number"},
      {"6.02e23", "a number"},    {"1E-3", "a number"},
      {"0o17", "a number"},       {"0x1F", "a number"},
      {".nan", "a number"},       {".NaN", "a number"},
      {".inf", "a number"},       {"-.Inf", "a number"},
      {"+.INF", "a number"},      {"true", "true or false"},
      {"False", "true or false"}, {"TRUE", "true or false"},
      {"null", "null"},           {"~", "null"},
   };
   for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
      char text[sizeof TINY + 32], want[160];
      tiny_title(text, sizeof text, cases[i].plain);
      snprintf(want, sizeof want,
               "mem:8:16: error: 'title': expected text, found %s; quote it: \"%s\"",
               cases[i].found, cases[i].plain);
      expect_text(text, strlen(text), want);
   }
   /* Not only titles: every text, here the lens's version. */
   char text[sizeof TINY + 32];
   snprintf(text, sizeof text, "version: 2.0\n%s", TINY);
   expect_text(text, strlen(text),
               "mem:1:10: error: 'version': expected text, found a number; "
               "quote it: \"2.0\"");
}

Test(types, yaml_other_scalars_are_text)
{
   /* Quoted or in a block, or spelt as the core schema has no number. */
   static const char *const texts[] = {
      "'42'", "\"true\"", "yes",      "no",    "on",    "1.2.3",      "2021-11-01",
      "0x",   "0o8",      "1e5x",     "12:30", "+",     "-1-",        ".",
      "e3",   "nan",      "Infinity", "0b101", "1_000", "True story", "|\n          42",
      NULL};
   static const char *const values[] = {
      "42", "true", "yes",      "no",    "on",    "1.2.3",      "2021-11-01",
      "0x", "0o8",  "1e5x",     "12:30", "+",     "-1-",        ".",
      "e3", "nan",  "Infinity", "0b101", "1_000", "True story", "42\n"};
   for (size_t i = 0; texts[i]; i++) {
      char text[sizeof TINY + 32];
      tiny_title(text, sizeof text, texts[i]);
      DiagList d;
      DiagList_init(&d);
      Lens *lens = load_text(text, &d);
      cr_assert_not_null(lens, "title: %s", texts[i]);
      cr_assert_eq(d.count, 0, "title: %s", texts[i]);
      cr_assert_str_eq(lens->questions[0].title, values[i]);
      Lens_free(lens);
      DiagList_free(&d);
   }
}

Test(types, yaml_null_is_no_value)
{
   DiagList d;
   DiagList_init(&d);
   char text[sizeof TINY];
   tiny_title(text, sizeof text, "");
   cr_assert_null(load_text(text, &d));
   cr_assert_eq(d.count, 1);
   char *s = Diag_format(&d.items[0]);
   cr_assert_str_eq(s, "mem:8:15: error: 'title' has no value");
   free(s);
   DiagList_free(&d);
   /* An optional text that is null is absent, as a JSON null is. */
   char more[sizeof TINY + 64];
   snprintf(more, sizeof more, "description: null\nversion: ~\n%s", TINY);
   Lens *lens = load_text(more, &d);
   cr_assert_not_null(lens);
   cr_assert_eq(d.count, 0);
   cr_assert_str_eq(lens->description, "");
   cr_assert_null(lens->version);
   Lens_free(lens);
   DiagList_free(&d);
}

Test(types, json_only_strings_are_strings)
{
   DiagList d;
   DiagList_init(&d);
   cr_assert_null(load_text("{\"name\": true, \"description\": null, \"pillars\": [\"x\"]}", &d));
   cr_assert_eq(d.count, 2);
   cr_assert_str_eq(d.items[0].message, "'name' must be a string, not true or false");
   cr_assert_str_eq(d.items[0].path, "name");
   cr_assert_str_eq(d.items[1].message, "a pillar must be a mapping, not a string");
   cr_assert_str_eq(d.items[1].path, "pillars[0]");
   DiagList_free(&d);
}

Test(types, empty_lists_and_texts)
{
   DiagList d;
   DiagList_init(&d);
   cr_assert_null(load_text("name: ''\npillars: []\n", &d));
   cr_assert_eq(d.count, 2);
   cr_assert_str_eq(d.items[0].message, "'name' is empty");
   cr_assert_str_eq(d.items[1].message, "'pillars' is an empty list");
   cr_assert_eq(d.items[1].line, 2);
   cr_assert_eq(d.items[1].col, 10);
   DiagList_free(&d);
}

Test(types, yaml_tag_is_ignored_with_a_warning)
{
   DiagList d;
   DiagList_init(&d);
   char text[sizeof TINY + 16];
   snprintf(text, sizeof text, "%s", TINY);
   char *t = strstr(text, "name: Tiny");
   memmove(t + 12, t + 6, strlen(t + 6) + 1);
   memcpy(t + 6, "!!str ", 6);
   Lens *lens = load_text(text, &d);
   cr_assert_not_null(lens);
   cr_assert_str_eq(lens->name, "Tiny lens");
   cr_assert_eq(d.count, 1);
   char *s = Diag_format(&d.items[0]);
   cr_assert_str_eq(s, "mem:2:7: warning: YAML tag 'tag:yaml.org,2002:str' is ignored");
   free(s);
   Lens_free(lens);
   DiagList_free(&d);
}

/* ---- lens key, version, digest ---- */

static Lens *load_json_named(const char *name, const char *extra, DiagList *d)
{
   char text[1024];
   snprintf(text, sizeof text,
            "{%s\"name\": \"%s\", \"pillars\": [{\"id\": \"ops\", \"name\": \"Ops\", "
            "\"questions\": [{\"id\": \"OPS1\", \"title\": \"T\", \"choices\": [{\"id\": "
            "\"OPS1_no\", \"title\": \"None\"}]}]}]}",
            extra, name);
   return load_text(text, d);
}

Test(key, json_slug_of_the_name)
{
   DiagList d;
   DiagList_init(&d);
   Lens *lens = load_json_named("  Amazon S3 \xe2\x80\x94 Lens v2!", "", &d);
   cr_assert_not_null(lens);
   cr_assert_eq(d.count, 0);
   cr_assert_str_eq(lens->key, "amazon-s3-lens-v2");
   cr_assert_null(lens->version);
   cr_assert_eq(lens->format, LENS_JSON);
   cr_assert_null(lens->questions[0].description);
   Lens_free(lens);
   DiagList_free(&d);
}

Test(key, json_id_and_version_extensions)
{
   DiagList d;
   DiagList_init(&d);
   Lens *lens = load_json_named("Name", "\"id\": \"my-lens\", \"_version\": \"3.1\", ", &d);
   cr_assert_not_null(lens);
   cr_assert_str_eq(lens->key, "my-lens");
   cr_assert_str_eq(lens->version, "3.1");
   Lens_free(lens);
   lens = load_json_named("Name", "\"version\": \"4\", \"_version\": \"3.1\", ", &d);
   cr_assert_str_eq(lens->version, "4", "version wins over _version");
   Lens_free(lens);
   cr_assert_eq(d.count, 0);
   DiagList_free(&d);
}

Test(key, name_without_letters_falls_back_on_the_digest)
{
   DiagList d;
   DiagList_init(&d);
   Lens *lens = load_json_named("\xe6\x97\xa5\xe6\x9c\xac", "", &d);
   cr_assert_not_null(lens);
   char want[32];
   snprintf(want, sizeof want, "lens-%.12s", lens->sha256);
   cr_assert_str_eq(lens->key, want);
   cr_assert_str_eq(lens->name, "\xe6\x97\xa5\xe6\x9c\xac");
   Lens_free(lens);
   DiagList_free(&d);
}

Test(key, digest_of_the_source_bytes)
{
   DiagList d;
   DiagList_init(&d);
   Lens *lens = load_text(TINY, &d);
   char hex[65];
   Sha256_hex(TINY, strlen(TINY), hex);
   cr_assert_str_eq(lens->sha256, hex);
   cr_assert_str_eq(lens->key, "tiny");
   cr_assert_eq(lens->format, LENS_YAML);
   Lens_free(lens);
   DiagList_free(&d);
}

/* ---- one model from both syntaxes ---- */

static void same_str(const char *a, const char *b, const char *what)
{
   if (!a || !b)
      cr_assert_eq(a, b, "%s: one is NULL", what);
   else
      cr_assert_str_eq(a, b, "%s", what);
}

static void same_link(const Link *a, const Link *b, const char *what)
{
   same_str(a->text, b->text, what);
   same_str(a->url, b->url, what);
}

static void same_links(const Link *a, size_t na, const Link *b, size_t nb)
{
   cr_assert_eq(na, nb);
   for (size_t i = 0; i < na; i++)
      same_link(&a[i], &b[i], "additional resource");
}

static void same_choice(const Choice *a, const Choice *b)
{
   same_str(a->id, b->id, "choice id");
   same_str(a->title, b->title, "choice title");
   same_str(a->description, b->description, "choice description");
   cr_assert_eq(a->weight, b->weight, "weight of %s", a->id);
   cr_assert_eq(a->is_none, b->is_none, "is_none of %s", a->id);
   same_link(&a->helpful, &b->helpful, "choice helpfulResource");
   same_link(&a->improvement, &b->improvement, "choice improvementPlan");
   same_links(a->more_helpful, a->n_more_helpful, b->more_helpful, b->n_more_helpful);
   same_links(a->more_improvement, a->n_more_improvement, b->more_improvement,
              b->n_more_improvement);
}

static void same_question(const Question *a, const Question *b)
{
   same_str(a->id, b->id, "question id");
   same_str(a->title, b->title, "question title");
   same_str(a->description, b->description, "question description");
   same_link(&a->helpful, &b->helpful, "question helpfulResource");
   cr_assert_eq(a->pillar, b->pillar, "pillar of %s", a->id);
   cr_assert_eq(a->phase, b->phase, "phase of %s", a->id);
   cr_assert_eq(a->n_choices, b->n_choices, "choices of %s", a->id);
   for (size_t i = 0; i < a->n_choices; i++)
      same_choice(&a->choices[i], &b->choices[i]);
   cr_assert_eq(a->n_rules, b->n_rules, "rules of %s", a->id);
   for (size_t i = 0; i < a->n_rules; i++) {
      same_str(a->rules[i].condition, b->rules[i].condition, "condition");
      cr_assert_eq(a->rules[i].risk, b->rules[i].risk);
      cr_assert_not_null(a->rules[i].expr);
      cr_assert_not_null(b->rules[i].expr);
   }
   cr_assert_eq(a->rules_derived, b->rules_derived);
   cr_assert_eq(a->has_default, b->has_default);
}

static void same_lens(const Lens *a, const Lens *b)
{
   same_str(a->key, b->key, "key");
   same_str(a->version, b->version, "version");
   same_str(a->name, b->name, "name");
   same_str(a->description, b->description, "description");
   same_str(a->schema_version, b->schema_version, "schemaVersion");
   cr_assert_eq(a->n_phases, b->n_phases);
   for (size_t i = 0; i < a->n_phases; i++) {
      same_str(a->phases[i].id, b->phases[i].id, "phase id");
      same_str(a->phases[i].name, b->phases[i].name, "phase name");
      same_str(a->phases[i].description, b->phases[i].description, "phase description");
   }
   cr_assert_eq(a->n_pillars, b->n_pillars);
   for (size_t i = 0; i < a->n_pillars; i++) {
      same_str(a->pillars[i].id, b->pillars[i].id, "pillar id");
      same_str(a->pillars[i].name, b->pillars[i].name, "pillar name");
      same_str(a->pillars[i].description, b->pillars[i].description, "pillar description");
      cr_assert_eq(a->pillars[i].first, b->pillars[i].first);
      cr_assert_eq(a->pillars[i].count, b->pillars[i].count);
   }
   cr_assert_eq(a->n_questions, b->n_questions);
   for (size_t i = 0; i < a->n_questions; i++)
      same_question(&a->questions[i], &b->questions[i]);
}

static Lens *load_fixture(const char *name, DiagList *d)
{
   char *path = Support_lensPath(name);
   Lens *lens = Lens_loadFile(path, d);
   cr_assert_not_null(lens, "%s did not load", name);
   free(path);
   return lens;
}

Test(model, small_yaml_equals_small_json)
{
   DiagList dy, dj;
   DiagList_init(&dy);
   DiagList_init(&dj);
   Lens *y = load_fixture("small.yaml", &dy), *j = load_fixture("small.json", &dj);
   cr_assert_eq(dy.errors, 0);
   cr_assert_eq(dj.errors, 0);
   cr_assert_eq(dy.warnings, dj.warnings, "the same warnings in both syntaxes");
   for (size_t i = 0; i < dy.count; i++)
      cr_assert_str_eq(dy.items[i].message, dj.items[i].message);
   cr_assert_eq(y->format, LENS_YAML);
   cr_assert_eq(j->format, LENS_JSON);
   cr_assert_str_neq(y->sha256, j->sha256);
   same_lens(y, j);
   Lens_free(y);
   Lens_free(j);
   DiagList_free(&dy);
   DiagList_free(&dj);
}

Test(model, small_yaml_contents)
{
   DiagList d;
   DiagList_init(&d);
   Lens *l = load_fixture("small.yaml", &d);
   cr_assert_str_eq(l->key, "small");
   cr_assert_str_eq(l->version, "1.0");
   cr_assert_str_eq(l->schema_version, "2021-11-01");
   cr_assert_eq(l->n_phases, 2);
   cr_assert_eq(l->n_pillars, 3);
   cr_assert_eq(l->n_questions, 5);
   cr_assert_eq(l->pillars[1].first, 2);
   cr_assert_eq(l->pillars[1].count, 2);
   const Question *q1 = &l->questions[0], *q3 = &l->questions[2], *q4 = &l->questions[4];
   cr_assert_str_eq(q1->id, "Q1");
   cr_assert_eq(q1->phase, 0);
   cr_assert_eq(l->questions[1].phase, 1);
   cr_assert_eq(q4->pillar, 2);
   cr_assert_eq(q1->n_choices, 4);
   cr_assert_eq(q1->choices[0].weight, WEIGHT_HIGH);
   cr_assert_eq(q1->choices[2].weight, WEIGHT_MEDIUM);
   cr_assert_eq(q1->choices[3].weight, WEIGHT_NONE);
   cr_assert(q1->choices[3].is_none);
   cr_assert_not(q1->choices[0].is_none);
   cr_assert_str_eq(q1->choices[0].helpful.url, "https://example.org/q1a");
   cr_assert_str_eq(q1->choices[0].improvement.text, "Write a pipeline.");
   cr_assert(q1->rules_derived);
   cr_assert(q1->has_default);
   cr_assert_not(q3->rules_derived);
   cr_assert_eq(q3->n_rules, 3);
   cr_assert_str_eq(q3->rules[1].condition, "Q3_vault || Q3_rotate");
   cr_assert_eq(q3->rules[1].risk, RISK_MEDIUM);
   cr_assert_eq(q3->rules[2].risk, RISK_HIGH);
   cr_assert(q3->has_default);
   cr_assert_eq(q3->pos.line, 64);
   cr_assert_eq(q3->pos.col, 9);
   cr_assert_str_eq(q3->pos.path, "pillars[1].questions[0]");
   cr_assert_str_eq(q3->choices[1].pos.path, "pillars[1].questions[0].choices[1]");
   Lens_free(l);
   DiagList_free(&d);
}

Test(model, additional_resources)
{
   static const char text[] =
      "{\"name\": \"More\", \"pillars\": [{\"id\": \"ops\", \"name\": \"Ops\", \"questions\": "
      "[{\"id\": \"OPS1\", \"title\": \"T\", \"choices\": [{\"id\": \"OPS1_a\", \"title\": \"A\", "
      "\"improvementPlan\": {\"displayText\": \"Do A\"}, \"additionalResources\": ["
      "{\"type\": \"HELPFUL_RESOURCE\", \"content\": [{\"displayText\": \"h1\", \"url\": "
      "\"https://h/1\"}, {\"displayText\": \"h2\", \"url\": \"https://h/2\"}]},"
      "{\"type\": \"IMPROVEMENT_PLAN\", \"content\": [{\"displayText\": \"i1\", \"url\": "
      "\"https://i/1\"}]}]}], \"riskRules\": [{\"condition\": \" OPS1_a \", \"risk\": "
      "\"NO_RISK\"}, {\"condition\": \"default\", \"risk\": \"HIGH_RISK\"}]}]}]}";
   DiagList d;
   DiagList_init(&d);
   Lens *l = load_text(text, &d);
   cr_assert_not_null(l);
   cr_assert_eq(d.count, 0);
   const Choice *c = &l->questions[0].choices[0];
   cr_assert_eq(c->n_more_helpful, 2);
   cr_assert_str_eq(c->more_helpful[1].url, "https://h/2");
   cr_assert_eq(c->n_more_improvement, 1);
   cr_assert_str_eq(c->more_improvement[0].text, "i1");
   cr_assert_str_eq(l->questions[0].rules[0].condition, " OPS1_a ", "kept as written");
   Lens_free(l);
   cr_assert_null(load_text("{\"name\": \"M\", \"pillars\": [{\"id\": \"ops\", \"name\": \"O\", "
                            "\"questions\": [{\"id\": \"OPS1\", \"title\": \"T\", \"choices\": "
                            "[{\"id\": \"OPS1_no\", \"title\": \"N\", \"additionalResources\": "
                            "[{\"type\": \"LINK\", \"content\": []}]}]}]}]}",
                            &d));
   cr_assert_eq(d.count, 1);
   cr_assert_str_eq(d.items[0].message,
                    "invalid type 'LINK'; expected HELPFUL_RESOURCE or IMPROVEMENT_PLAN");
   cr_assert_str_eq(d.items[0].path,
                    "pillars[0].questions[0].choices[0].additionalResources[0].type");
   DiagList_free(&d);
}

Test(model, question_without_phase_in_a_phased_lens)
{
   DiagList d;
   DiagList_init(&d);
   char text[sizeof TINY + 64];
   snprintf(text, sizeof text, "phases:\n  - id: build\n    name: Build\n%s", TINY);
   cr_assert_null(load_text(text, &d));
   cr_assert_eq(d.count, 1);
   char *s = Diag_format(&d.items[0]);
   cr_assert_str_eq(s, "mem:10:9: error: question 'OPS1' has no 'phase'; the lens defines phases");
   free(s);
   DiagList_free(&d);
}

/* ---- lookups and names ---- */

Test(lookup, find)
{
   DiagList d;
   DiagList_init(&d);
   Lens *l = load_fixture("small.yaml", &d);
   size_t index = 99;
   const Question *q = Lens_findQuestion(l, "Q5", &index);
   cr_assert_not_null(q);
   cr_assert_eq(index, 3);
   cr_assert_null(Lens_findQuestion(l, "Q9", &index));
   cr_assert_eq(Question_findChoice(q, "Q5_test"), 1);
   cr_assert_eq(Question_findChoice(q, "Q1_a"), -1);
   cr_assert_eq(Lens_findPhase(l, "run"), 1);
   cr_assert_eq(Lens_findPhase(l, "walk"), -1);
   cr_assert_eq(Lens_findPillar(l, "cost"), 2);
   cr_assert_eq(Lens_findPillar(l, "ops "), -1);
   Lens_free(l);
   DiagList_free(&d);
}

Test(names, risk_and_weight)
{
   static const char *const names[] = {"UNANSWERED", "HIGH", "MEDIUM", "NONE", "NOT_APPLICABLE"};
   for (int r = 0; r < RISK_COUNT; r++) {
      Risk back;
      cr_assert_str_eq(Risk_name((Risk)r), names[r]);
      cr_assert(Risk_parse(names[r], &back));
      cr_assert_eq(back, (Risk)r);
   }
   Risk back = RISK_HIGH;
   cr_assert_not(Risk_parse("HIGH_RISK", &back));
   cr_assert_not(Risk_parse("high", &back));
   cr_assert_eq(back, RISK_HIGH);
   cr_assert_eq(Risk_severity(RISK_HIGH), 4);
   cr_assert_eq(Risk_severity(RISK_MEDIUM), 3);
   cr_assert_eq(Risk_severity(RISK_UNANSWERED), 2);
   cr_assert_eq(Risk_severity(RISK_NONE), 1);
   cr_assert_eq(Risk_severity(RISK_NOT_APPLICABLE), 0);
   cr_assert_str_eq(Weight_name(WEIGHT_HIGH), "high");
   cr_assert_str_eq(Weight_name(WEIGHT_MEDIUM), "medium");
   cr_assert_str_eq(Weight_name(WEIGHT_NONE), "");
}

/* ---- diagnostics ---- */

Test(diag, format_and_counts)
{
   DiagList d;
   DiagList_init(&d);
   DiagList_add(&d, DIAG_ERROR, "f.yaml", 3, 7, NULL, "bad %s", "thing");
   DiagList_add(&d, DIAG_WARNING, "f.json", 0, 0, "pillars[1].questions[2]", "odd");
   DiagList_add(&d, DIAG_ERROR, "f.json", 0, 0, NULL, "broken");
   DiagList_add(&d, DIAG_ERROR, "f.json", 1, 0, "", "col 0 becomes 1");
   DiagList_add(&d, DIAG_ERROR, "f.json", 9, 4, "pillars[0].id", "both");
   cr_assert_eq(d.count, 5);
   cr_assert_eq(d.errors, 4);
   cr_assert_eq(d.warnings, 1);
   const char *want[] = {"f.yaml:3:7: error: bad thing",
                         "f.json: warning: pillars[1].questions[2]: odd", "f.json: error: broken",
                         "f.json:1:1: error: col 0 becomes 1",
                         "f.json:9:4: error: pillars[0].id: both"};
   for (size_t i = 0; i < 5; i++) {
      char *s = Diag_format(&d.items[i]);
      cr_assert_str_eq(s, want[i]);
      free(s);
   }
   cr_assert_null(d.items[3].path, "an empty path is no path");
   char *buf = NULL;
   size_t size = 0;
   FILE *mem = open_memstream(&buf, &size);
   DiagList_print(&d, mem);
   fclose(mem);
   /* Printed by file, then position, those without one first. */
   cr_assert_str_eq(buf, "f.json: warning: pillars[1].questions[2]: odd\n"
                         "f.json: error: broken\n"
                         "f.json:1:1: error: col 0 becomes 1\n"
                         "f.json:9:4: error: pillars[0].id: both\n"
                         "f.yaml:3:7: error: bad thing\n");
   free(buf);
   DiagList_free(&d);
   cr_assert_eq(d.count, 0);
   cr_assert_eq(d.errors, 0);
}

/* ---- SHA-256 (FIPS 180-4 test vectors) ---- */

Test(sha256, vectors)
{
   char hex[65];
   Sha256_hex("", 0, hex);
   cr_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
   Sha256_hex("abc", 3, hex);
   cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
   const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
   Sha256_hex(two, strlen(two), hex);
   cr_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
   const char *four = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnop"
                      "jklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
   Sha256_hex(four, strlen(four), hex);
   cr_assert_str_eq(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

Test(sha256, million_a_in_odd_pieces)
{
   static char a[1000000];
   memset(a, 'a', sizeof a);
   Sha256 s;
   unsigned char digest[32];
   Sha256_init(&s);
   for (size_t off = 0, step = 1; off < sizeof a; off += step, step = step % 97 + 1)
      Sha256_update(&s, a + off, off + step > sizeof a ? sizeof a - off : step);
   Sha256_final(&s, digest);
   char hex[65];
   for (int i = 0; i < 32; i++)
      snprintf(hex + 2 * i, 3, "%02x", digest[i]);
   cr_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
   Sha256_hex(a, sizeof a, hex);
   cr_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* sha256.h promises that a hash starts over after its digest (nettle
 * resets the context), so one Sha256 can fingerprint text after text. */
Test(sha256, final_starts_over)
{
   Sha256 s;
   unsigned char digest[32];
   char hex[65];
   Sha256_init(&s);
   Sha256_update(&s, "not this", 8);
   Sha256_final(&s, digest);
   Sha256_update(&s, "abc", 3);
   Sha256_final(&s, digest);
   for (int i = 0; i < 32; i++)
      snprintf(hex + 2 * i, 3, "%02x", digest[i]);
   cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* A lens stored by a walens that read every YAML scalar as text: refused
 * from a file today, still read (as text) from a database or a bundle, so
 * the reviews pinned to it keep opening. */
Test(stored, plain_scalars_read_as_text)
{
   const char *text = "id: old\n"
                      "version: 1.0\n"
                      "name: Old lens\n"
                      "pillars:\n"
                      "  - id: ops\n"
                      "    name: Operations\n"
                      "    questions:\n"
                      "      - id: OPS1\n"
                      "        title: 42\n"
                      "        description: true\n"
                      "        choices:\n"
                      "          - id: OPS1_a\n"
                      "            title: Yes we do\n";
   DiagList d;
   DiagList_init(&d);
   cr_assert_null(Lens_loadBuffer("file", text, strlen(text), &d), "a file is checked strictly");
   cr_assert_gt(d.errors, 0);
   DiagList_free(&d);
   DiagList_init(&d);
   Lens *lens = Lens_loadStored("stored", text, strlen(text), &d);
   cr_assert_not_null(lens, "stored text still loads (%zu errors)", d.errors);
   cr_assert_str_eq(lens->version, "1.0");
   cr_assert_str_eq(lens->questions[0].title, "42");
   cr_assert_str_eq(lens->questions[0].description, "true");
   Lens_free(lens);
   DiagList_free(&d);
   const char *broken = "id: old\nname: [unclosed\n";
   DiagList_init(&d);
   cr_assert_null(Lens_loadStored("stored", broken, strlen(broken), &d),
                  "other errors still refuse");
   DiagList_free(&d);
}

/* A JSON lens whose every title starts "[Phase] " gets those phases back
 * (lens export --format aws-json writes them so); one title without the
 * prefix and the lens loads as written, brackets and all. */
#define PQ(id, title)                                                      \
   "{\"id\":\"" id "\",\"title\":\"" title "\",\"choices\":[{\"id\":\"" id \
   "_a\",\"title\":\"A\"}],\"riskRules\":[{\"condition\":\"default\",\"risk\":\"NO_RISK\"}]}"
Test(json_phases, prefixes_read_back)
{
   const char *text = "{\"schemaVersion\":\"2021-11-01\",\"name\":\"P\",\"pillars\":[{\"id\":"
                      "\"one\",\"name\":\"One\",\"questions\":[" PQ("QAA", "[Run] How?") "," PQ(
                         "QBB", "[Build] Why?") "," PQ("QCC", "[Run] What?") "]}]}";
   DiagList d;
   DiagList_init(&d);
   Lens *l = load_text(text, &d);
   cr_assert_not_null(l);
   cr_assert_eq(l->n_phases, 2);
   cr_assert_str_eq(l->phases[0].name, "Run");
   cr_assert_str_eq(l->phases[0].id, "run");
   cr_assert_str_eq(l->phases[1].name, "Build");
   cr_assert_eq(l->questions[0].phase, 0);
   cr_assert_eq(l->questions[1].phase, 1);
   cr_assert_eq(l->questions[2].phase, 0);
   cr_assert_str_eq(l->questions[2].title, "What?");
   Lens_free(l);
   DiagList_free(&d);
}

Test(json_phases, one_title_without_prefix_keeps_the_lens_as_written)
{
   const char *text = "{\"schemaVersion\":\"2021-11-01\",\"name\":\"P\",\"pillars\":[{\"id\":"
                      "\"one\",\"name\":\"One\",\"questions\":[" PQ("QAA", "[Run] How?") "," PQ(
                         "QBB", "Why?") "," PQ("QCC", "[] What?") "]}]}";
   DiagList d;
   DiagList_init(&d);
   Lens *l = load_text(text, &d);
   cr_assert_not_null(l);
   cr_assert_eq(l->n_phases, 0);
   cr_assert_eq(l->questions[0].phase, -1);
   cr_assert_str_eq(l->questions[0].title, "[Run] How?");
   cr_assert_str_eq(l->questions[2].title, "[] What?");
   Lens_free(l);
   DiagList_free(&d);
}

/* ---- ids a user could not type or read on one line ---- */

/* TINY with its question id replaced by id (a YAML double-quoted scalar). */
static void expect_bad_id(const char *id, const char *shown)
{
   const char *at = strstr(TINY, "- id: OPS1\n");
   cr_assert_not_null(at);
   char *text =
      xasprintf("%.*s- id: \"%s\"\n%s", (int)(at - TINY), TINY, id, at + strlen("- id: OPS1\n"));
   DiagList d;
   DiagList_init(&d);
   Lens *lens = load_text(text, &d);
   cr_assert_null(lens, "id %s: the lens must be refused", shown);
   cr_assert_eq(d.count, 1, "id %s: %zu diagnostics", shown, d.count);
   cr_assert_eq(d.items[0].level, DIAG_ERROR, "id %s: an error, not a warning", shown);
   char *got = Diag_format(&d.items[0]);
   char *want = xasprintf("mem:7:13: error: id '%s' holds a control character, a line break "
                          "or '/'; it could not be answered from the command line",
                          shown);
   cr_assert_str_eq(got, want);
   free(want);
   free(got);
   DiagList_free(&d);
   free(text);
}

Test(ids, escape_slash_and_line_breaks_are_errors)
{
   expect_bad_id("OPS\\e1", "OPS\0331");
   expect_bad_id("OPS/1", "OPS/1");
   expect_bad_id("OPS\\n1", "OPS\n1");
   expect_bad_id("OPS\\r1", "OPS\r1");
   expect_bad_id("OPS\\v1", "OPS\v1");
   expect_bad_id("OPS\\N1", "OPS\302\2051");     /* NEL */
   expect_bad_id("OPS\\L1", "OPS\342\200\2501"); /* LINE SEPARATOR */
   expect_bad_id("OPS\\P1", "OPS\342\200\2511"); /* PARAGRAPH SEPARATOR */
}

Test(ids, plain_odd_ids_stay_warnings)
{
   DiagList d;
   DiagList_init(&d);
   char *text = xstrdup(TINY);
   memcpy(strstr(text, "OPS1\n"), "OP-1", 4);
   Lens *lens = load_text(text, &d);
   cr_assert_not_null(lens, "a dash is only a warning");
   cr_assert_eq(d.count, 1);
   cr_assert_eq(d.items[0].level, DIAG_WARNING);
   Lens_free(lens);
   DiagList_free(&d);
   free(text);
}

/* A lens argument is a file when it looks like one (one rule for the CLI's
 * export and the store's workload creation). */
Test(lens, argument_looks_like_a_path)
{
   cr_assert(Catalog_looksLikePath("./ml.yaml"));
   cr_assert(Catalog_looksLikePath("lens.yml"));
   cr_assert(Catalog_looksLikePath("custom.json"));
   cr_assert(Catalog_looksLikePath("dir/lens"));
   cr_assert_not(Catalog_looksLikePath("machine-learning"));
   cr_assert_not(Catalog_looksLikePath(".yaml"));
   cr_assert_not(Catalog_looksLikePath("yaml"));
}
