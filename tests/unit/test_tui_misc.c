/* test_tui_misc.c: relative times, drafts, the theme, search, the action table. */
#include "config.h"

#include <criterion/criterion.h>
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tui/actions.h"
#include "tui/input.h"
#include "tui/lib/complete.h"
#include "tui/lib/draft.h"
#include "tui/lib/match.h"
#include "tui/theme.h"
#include "tui/tui.h"
#include "tui/lib/when.h"
#include "support.h"

static void utf8(void)
{
   setlocale(LC_ALL, "C.UTF-8");
}

Test(when, parse_and_ago)
{
   time_t t;
   char b[64];

   cr_assert(When_parse("2026-01-01T00:00:00Z", &t));
   cr_assert_eq((long)t, 1767225600L);
   cr_assert(When_parse("2026-01-01T00:00:00.123Z", &t));
   cr_assert_not(When_parse("yesterday", &t));
   cr_assert_not(When_parse(NULL, &t));
   cr_assert_str_eq(When_ago("2026-01-01T00:00:00Z", t + 30, b, sizeof b), "just now");
   cr_assert_str_eq(When_ago("2026-01-01T00:00:00Z", t - 30, b, sizeof b), "just now");
   cr_assert_str_eq(When_ago("2026-01-01T00:00:00Z", t + 300, b, sizeof b), "5 min ago");
   cr_assert_str_eq(When_ago("2026-01-01T00:00:00Z", t + 7200, b, sizeof b), "2 h ago");
   cr_assert_str_eq(When_ago("2026-01-01T00:00:00Z", t + 3 * 86400, b, sizeof b), "3 d ago");
   cr_assert_str_eq(When_ago("2026-01-01T00:00:00Z", t + 30 * 86400, b, sizeof b), "2026-01-01");
   cr_assert_str_eq(When_ago("garbage", t, b, sizeof b), "garbage");
}

static char tmpdir[64];

static void draftHome(void)
{
   Support_tempDir(tmpdir, sizeof tmpdir, "draft");
   setenv("XDG_DATA_HOME", tmpdir, 1);
}

static void draftCleanup(void)
{
   Support_removeTree(tmpdir);
}

Test(draft, save_load_remove, .init = draftHome, .fini = draftCleanup)
{
   time_t at = 0;
   char *t, *dir = Draft_dir(), path[256];
   struct stat st;

   cr_assert_str_eq(dir, strcat(strcpy(path, tmpdir), "/walens/drafts"));
   free(dir);
   cr_assert_null(Draft_load("/db", 1, "Q1", NULL));
   cr_assert(Draft_save("/db", 1, "Q1", "typed\nbefore the hang-up"));
   t = Draft_load("/db", 1, "Q1", &at);
   cr_assert_str_eq(t, "typed\nbefore the hang-up");
   cr_assert_neq(at, 0);
   free(t);
   /* Another question, workload or database has no draft. */
   cr_assert_null(Draft_load("/db", 1, "Q2", NULL));
   cr_assert_null(Draft_load("/db", 2, "Q1", NULL));
   cr_assert_null(Draft_load("/other", 1, "Q1", NULL));
   cr_assert(Draft_exists("/db", 1, "Q1"));
   /* Private files. */
   cr_assert_eq(stat(strcat(strcpy(path, tmpdir), "/walens/drafts"), &st), 0);
   cr_assert_eq(st.st_mode & 0777, 0700);
   cr_assert(Draft_save("/db", 1, "Q1", "second"));
   t = Draft_load("/db", 1, "Q1", NULL);
   cr_assert_str_eq(t, "second");
   free(t);
   Draft_remove("/db", 1, "Q1");
   cr_assert_not(Draft_exists("/db", 1, "Q1"));
}

/* The question screen asks whether a draft waits on every frame: the disk
 * is read once, until a draft is written or removed here, or the refresh
 * tick (Draft_forgetKnown) lets another process's change show. */
Test(draft, known_reads_the_disk_once_per_tick, .init = draftHome, .fini = draftCleanup)
{
   char *path = NULL;
   size_t len = 0;
   cr_assert_not(Draft_known("/db", 1, "Q1"));
   cr_assert(Draft_save("/db", 1, "Q1", "typed"));
   cr_assert(Draft_known("/db", 1, "Q1"), "a save here is seen at once");
   cr_assert_not(Draft_known("/db", 1, "Q2"));
   /* Removed behind its back (another walens): still known until the tick. */
   free(Draft_render("/db", 1, "Q1", "typed", NULL, &path, &len));
   cr_assert_not_null(path);
   cr_assert_eq(unlink(path), 0);
   free(path);
   cr_assert(Draft_known("/db", 1, "Q1"), "no disk read between ticks");
   Draft_forgetKnown();
   cr_assert_not(Draft_known("/db", 1, "Q1"), "the tick reads the disk again");
   /* Written behind its back: shows after the tick too. */
   cr_assert_not(Draft_known("/db", 2, "Q1"));
   char *other = NULL;
   free(Draft_render("/db", 2, "Q1", "elsewhere", NULL, &other, &len));
   FILE *f = fopen(other, "w");
   cr_assert_not_null(f);
   char *text = Draft_render("/db", 2, "Q1", "elsewhere", NULL, &path, &len);
   free(path);
   cr_assert_eq(fwrite(text, 1, len, f), len);
   cr_assert_eq(fclose(f), 0);
   free(text);
   cr_assert_not(Draft_known("/db", 2, "Q1"));
   Draft_forgetKnown();
   cr_assert(Draft_known("/db", 2, "Q1"));
   Draft_remove("/db", 2, "Q1");
   cr_assert_not(Draft_known("/db", 2, "Q1"), "a removal here is seen at once");
   free(other);
   Draft_forgetKnown();
}

/* What the grace alarm writes with write(2) alone is what Draft_saveBase
 * writes: written to the path Draft_render names, it loads as the draft,
 * with the base the edit started from. */
Test(draft, render_is_what_save_writes, .init = draftHome, .fini = draftCleanup)
{
   char *path = NULL, *bytes;
   size_t len = 0;

   bytes = Draft_render("/db", 7, "Q3#Q3_a", "rescued\ntext", "the base\nline", &path, &len);
   cr_assert_not_null(bytes);
   cr_assert_not_null(path);
   FILE *f = fopen(path, "wb");
   cr_assert_not_null(f, "Draft_render made the directory ready");
   cr_assert_eq(fwrite(bytes, 1, len, f), len);
   fclose(f);
   char *base = NULL;
   char *t = Draft_loadBase("/db", 7, "Q3#Q3_a", NULL, &base);
   cr_assert_str_eq(t, "rescued\ntext");
   cr_assert_str_eq(base, "the base\nline");
   free(t);
   free(base);
   cr_assert(Draft_saveBase("/db", 7, "Q3#Q3_a", "rescued\ntext", "the base\nline"));
   char saved[256];
   f = fopen(path, "rb");
   cr_assert_not_null(f);
   size_t n = fread(saved, 1, sizeof saved, f);
   fclose(f);
   cr_assert_eq(n, len);
   cr_assert_eq(memcmp(saved, bytes, len), 0);
   free(bytes);
   free(path);
}

Test(draft, db_key_is_absolute, .init = draftHome, .fini = draftCleanup)
{
   char *k;
   cr_assert_eq(chdir(tmpdir), 0);
   fclose(fopen("x.db", "w"));
   k = Draft_dbKey("x.db");
   cr_assert_eq(k[0], '/');
   cr_assert_not_null(strstr(k, "/x.db"));
   free(k);
}

Test(theme, glyphs, .init = utf8)
{
   Theme t;

   Theme_setup(&t, false, true);
   cr_assert_str_eq(Theme_riskGlyph(&t, RISK_HIGH), "\xe2\x96\xb2");
   cr_assert_str_eq(Theme_riskGlyph(&t, RISK_MEDIUM), "\xe2\x97\x86");
   cr_assert_str_eq(Theme_riskGlyph(&t, RISK_NONE), "\xe2\x9c\x93");
   cr_assert_str_eq(Theme_riskGlyph(&t, RISK_UNANSWERED), "\xc2\xb7");
   cr_assert_str_eq(Theme_riskGlyph(&t, RISK_NOT_APPLICABLE), "\xe2\x80\x93");
   Theme_setup(&t, false, false);
   cr_assert_str_eq(Theme_riskGlyph(&t, RISK_HIGH), "H");
   cr_assert_str_eq(Theme_riskGlyph(&t, RISK_MEDIUM), "M");
   cr_assert_str_eq(Theme_riskGlyph(&t, RISK_NONE), "+");
   cr_assert_str_eq(Theme_riskGlyph(&t, RISK_UNANSWERED), ".");
   cr_assert_str_eq(Theme_riskGlyph(&t, RISK_NOT_APPLICABLE), "-");
   cr_assert_str_eq(Theme_glyph(&t, GLYPH_HLINE), "-");
   cr_assert_str_eq(Theme_glyph(&t, GLYPH_CHECK_ON), "[x]");
}

Test(theme, monochrome_has_no_colour_but_keeps_emphasis)
{
   Theme t;

   Theme_setup(&t, false, true);
   for (int r = 0; r < ROLE_COUNT; r++)
      cr_assert_eq(Theme_attr(&t, (Role)r) & A_COLOR, 0, "role %d", r);
   cr_assert(Theme_attr(&t, ROLE_SELECTED) & A_REVERSE);
   cr_assert(Theme_attr(&t, ROLE_HEADER) & A_REVERSE);
   cr_assert(Theme_attr(&t, ROLE_HIGH) & A_BOLD);
   Theme_setup(&t, true, true);
   cr_assert_neq(Theme_attr(&t, ROLE_HIGH) & A_COLOR, 0);
   cr_assert_eq(Theme_riskRole(RISK_HIGH), ROLE_HIGH);
   cr_assert_eq(Theme_riskRole(RISK_UNANSWERED), ROLE_UNANSWERED);
}

Test(theme, no_color_env)
{
   setenv("NO_COLOR", "1", 1);
   cr_assert(Theme_noColorEnv());
   setenv("NO_COLOR", "", 1);
   cr_assert_not(Theme_noColorEnv());
   unsetenv("NO_COLOR");
   cr_assert_not(Theme_noColorEnv());
}

/* A hand-made lens of three questions for the search. */
Test(match, questions, .init = utf8)
{
   Choice c1[] = {{.title = "Automate builds"}, {.title = "Keep \xc3\x9cNICODE notes"}};
   Choice c2[] = {{.title = "Use a vault"}};
   Question qs[] = {
      {.title = "How do you build?",
       .description = "Building well.",
       .choices = c1,
       .n_choices = 2},
      {.title = "How do you protect secrets?", .choices = c2, .n_choices = 1},
      {.title = "How do you patch?"},
   };
   Lens l = {.questions = qs, .n_questions = 3};
   size_t order[] = {0, 2, 1};
   int choice;

   cr_assert(Match_text("How do you BUILD?", "build"));
   cr_assert(Match_text("Keep \xc3\x9cNICODE", "\xc3\xbcnicode"));
   cr_assert_not(Match_text(NULL, "x"));
   cr_assert(Match_question(&qs[0], "well", &choice));
   cr_assert_eq(choice, -1);
   cr_assert(Match_question(&qs[0], "\xc3\xbcnicode", &choice));
   cr_assert_eq(choice, 1);
   cr_assert_not(Match_question(&qs[2], "vault", NULL));
   /* Positions are in review order; the search wraps around. */
   cr_assert_eq(Match_find(&l, order, 0, "vault", false, &choice), 2);
   cr_assert_eq(choice, 0);
   cr_assert_eq(Match_find(&l, order, 2, "how do", false, NULL), 0);
   cr_assert_eq(Match_find(&l, order, 0, "how do", true, NULL), 2);
   cr_assert_eq(Match_find(&l, order, 1, "patch", false, NULL), 1);
   cr_assert_eq(Match_find(&l, order, 0, "nothing", false, NULL), -1);
   cr_assert_eq(Match_find(&l, order, 0, "", false, NULL), -1);
}

Test(actions, table_is_consistent)
{
   for (size_t i = 0; i < Actions_count(); i++) {
      const Action *a = Actions_get(i);
      cr_assert(a->name && *a->name);
      cr_assert(a->help && *a->help, "%s has no help", a->name);
      cr_assert_not_null(a->fn);
      cr_assert_neq(a->screens, 0u, "%s works nowhere", a->name);
      cr_assert_eq(Actions_byName(a->name), a, "%s is not unique", a->name);
      if (a->flags & ACTION_FOOTER)
         cr_assert_not_null(a->hint, "%s has no footer word", a->name);
   }
   cr_assert_null(Actions_get(Actions_count()));
}

/* No key means two things on one screen: the second would never run. */
Test(actions, no_key_is_bound_twice_on_a_screen)
{
   for (int s = 0; s < SCREEN_COUNT; s++)
      for (size_t i = 0; i < Actions_count(); i++) {
         const Action *a = Actions_get(i);
         if (!(a->screens & SCREEN_BIT(s)))
            continue;
         for (size_t k = 0; k < ACTION_MAX_KEYS && a->keys[k]; k++)
            cr_assert_eq(Actions_forKey((ScreenId)s, a->keys[k]), a,
                         "key %d of %s on screen %d is taken by %s", a->keys[k], a->name, s,
                         Actions_forKey((ScreenId)s, a->keys[k])->name);
      }
}

/* One key map: on every screen one browses (all but the notes editor and
 * the prompt, where text keys type themselves), a key is bound to one
 * action at most, so it means the same wherever it works.  Lists every key
 * that breaks this. */
Test(actions, one_key_one_meaning_while_browsing)
{
   unsigned text = SCREEN_BIT(SCREEN_EDITOR) | SCREEN_BIT(SCREEN_PROMPT);
   char *buf = NULL;
   size_t len = 0;
   FILE *f = open_memstream(&buf, &len);

   for (size_t i = 0; i < Actions_count(); i++) {
      const Action *a = Actions_get(i);
      if (!(a->screens & ~text))
         continue;
      for (size_t j = i + 1; j < Actions_count(); j++) {
         const Action *b = Actions_get(j);
         if (!(b->screens & ~text))
            continue;
         for (size_t k = 0; k < ACTION_MAX_KEYS && a->keys[k]; k++)
            for (size_t m = 0; m < ACTION_MAX_KEYS && b->keys[m]; m++)
               if (a->keys[k] == b->keys[m]) {
                  char name[32];
                  fprintf(f, "  %s: %s and %s\n",
                          Input_keyName(a->keys[k], false, name, sizeof name), a->name, b->name);
               }
      }
   }
   fclose(f);
   cr_assert_eq(len, 0, "keys bound to two actions:\n%s", buf);
   free(buf);
}

/* The keys the issue found meaning different things on neighbouring
 * screens now mean one thing each. */
Test(actions, the_old_conflicts_are_gone)
{
   /* r was report on the dashboard and rename one Esc away. */
   cr_assert_null(Actions_forKey(SCREEN_WORKLOADS, 'r'));
   cr_assert_str_eq(Actions_forKey(SCREEN_DASHBOARD, 'r')->name, "report");
   cr_assert_str_eq(Actions_forKey(SCREEN_WORKLOADS, 'R')->name, "rename");
   /* g is the first line on the plan too. */
   cr_assert_str_eq(Actions_forKey(SCREEN_PLAN, 'g')->name, "first");
   /* p is the plan, never the priority. */
   cr_assert_null(Actions_forKey(SCREEN_PLAN, 'p'));
   /* a adds, and only adds. */
   cr_assert_null(Actions_forKey(SCREEN_QUESTION, 'a'));
   cr_assert_str_eq(Actions_forKey(SCREEN_MILESTONES, 'a')->name, "add");
   cr_assert_str_eq(Actions_forKey(SCREEN_WORKLOADS, 'a')->name, "add");
   /* The old ':' names still work. */
   cr_assert_eq(Actions_byName("create"), Actions_byName("add"));
   cr_assert_eq(Actions_byName("plan-filter"), Actions_byName("filter"));
}

Test(actions, dispatch_and_labels, .init = utf8)
{
   char b[64];

   cr_assert_str_eq(Actions_forKey(SCREEN_QUESTION, ' ')->name, "toggle");
   cr_assert_str_eq(Actions_forKey(SCREEN_QUESTION, KFN(KEY_RIGHT))->name, "right");
   cr_assert_str_eq(Actions_forKey(SCREEN_DASHBOARD, KFN(KEY_RIGHT))->name, "right");
   cr_assert_str_eq(Actions_forKey(SCREEN_DASHBOARD, 'q')->name, "back");
   cr_assert_str_eq(Actions_forKey(SCREEN_EDITOR, KCTRL('S'))->name, "save-notes");
   /* Text keys are no action in the editor or a prompt. */
   cr_assert_null(Actions_forKey(SCREEN_EDITOR, 'q'));
   cr_assert_null(Actions_forKey(SCREEN_EDITOR, 'j'));
   cr_assert_null(Actions_forKey(SCREEN_PROMPT, '/'));
   cr_assert_str_eq(Actions_keyLabel(Actions_byName("toggle-number"), true, b, sizeof b), "1-9");
   cr_assert_str_eq(Actions_keyLabel(Actions_byName("open"), true, b, sizeof b), "Enter");
   cr_assert_str_eq(Actions_keyLabel(Actions_byName("up"), false, b, sizeof b), "Up k");
   cr_assert_str_eq(Actions_keyLabel(Actions_byName("help"), true, b, sizeof b), "? F1");
   cr_assert_str_eq(Actions_keyLabel(Actions_byName("goto"), true, b, sizeof b), "");
}

Test(actions, list_keys_for_the_man_page)
{
   char *buf = NULL;
   size_t len = 0;
   FILE *f = open_memstream(&buf, &len);

   Actions_listKeys(f);
   fclose(f);
   cr_assert_not_null(
      strstr(buf, "question,milestones,poll\tSpace\ttoggle\tSelect or clear: the practice"));
   cr_assert_not_null(strstr(buf, "workloads,dashboard,questions,question,help,plan,milestones,"
                                  "milestone,page,upgrade,merge,roster,portfolio,portfolio-cell,"
                                  "history,parking-lot,poll,clashes\tUp k\tup\tMove up\n"));
   cr_assert_not_null(strstr(buf, "dashboard,questions,question\t\tgoto\t"));
   free(buf);
}

Test(complete, tilde_common_and_words)
{
   char *s, **items;
   const char *words[] = {"plan-sort", "plan-status", "quit", NULL};
   char *pair[] = {"Müller", "Mürz"};
   size_t n;

   setenv("HOME", "/home/tester", 1);
   s = Complete_tilde("~/r/x.html");
   cr_assert_str_eq(s, "/home/tester/r/x.html");
   free(s);
   s = Complete_tilde("~");
   cr_assert_str_eq(s, "/home/tester");
   free(s);
   s = Complete_tilde("a~/b");
   cr_assert_str_eq(s, "a~/b");
   free(s);
   s = Complete_tilde("~no-such-user-here/x");
   cr_assert_str_eq(s, "~no-such-user-here/x");
   free(s);
   n = Complete_words("plan-s", words, 4, &items);
   cr_assert_eq(n, 2);
   s = Complete_common(items, n);
   cr_assert_str_eq(s, "plan-s");
   free(s);
   Complete_free(items, n);
   /* Never half a character: "Mü" is shared, not "M" plus a lone byte. */
   s = Complete_common(pair, 2);
   cr_assert_str_eq(s, "Mü");
   free(s);
}
