/* test_report.c: the report module's text helpers (width, cleaning,
 * wrapping, shortening, the escaping of each format) and atomic output
 * files. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/xalloc.h"
#include "report/outfile.h"
#include "report/report.h"
#include "report/rtext.h"
#include "support.h"

/* ---- width and cleaning ---- */

Test(rtext, width_counts_columns)
{
   cr_assert_eq(Rtext_width(""), 0);
   cr_assert_eq(Rtext_width("abc"), 3);
   cr_assert_eq(Rtext_width("caf\xC3\xA9"), 4);              /* é */
   cr_assert_eq(Rtext_width("\xE6\x97\xA5\xE6\x9C\xAC"), 4); /* 日本: wide */
   cr_assert_eq(Rtext_width("e\xCC\x81"), 1);                /* e + combining acute */
   cr_assert_eq(Utf8_chars("\xE6\x97\xA5\xE6\x9C\xAC!"), 3);
   cr_assert_eq(Utf8_chars("\xFF\xFE"), 2); /* invalid bytes count one each */
}

#define REPL "\xEF\xBF\xBD" /* U+FFFD */

Test(rtext, clean_replaces_controls)
{
   /* Line ends and tabs are layout; every other control shows as U+FFFD. */
   char *s = Rtext_clean("a\x1b[31mb\x07\tc\r\nd\re\x7f"
                         "f\xC2\x85g\xC2\x9bh\fi",
                         false);
   cr_assert_str_eq(s, "a" REPL "[31mb" REPL " c\nd\ne" REPL "f" REPL "g" REPL "h" REPL "i");
   free(s);
   s = Rtext_clean("x\xE2\x80\xAEy\xE2\x81\xA6z\xE2\x80\x8F", false); /* RLO, LRI, RLM */
   cr_assert_str_eq(s, "x" REPL "y" REPL "z" REPL);
   free(s);
   s = Rtext_clean("para\xE2\x80\xA8graph \xE6\x97\xA5 caf\xC3\xA9", false);
   cr_assert_str_eq(s, "para\ngraph \xE6\x97\xA5 caf\xC3\xA9");
   free(s);
   s = Rtext_clean("one\ntwo\r\nthree", true);
   cr_assert_str_eq(s, "one two three");
   free(s);
   s = Rtext_clean("bad \xFF byte", false);
   cr_assert_str_eq(s, "bad \xEF\xBF\xBD byte");
   free(s);
   s = Rtext_clean(NULL, false);
   cr_assert_str_eq(s, "");
   free(s);
}

/* ---- wrapping ---- */

static void expectLines(const char *text, size_t width, const char *const *want)
{
   char **lines;
   size_t n, k = 0;
   Rtext_wrap(text, width, &lines, &n);
   for (; want[k]; k++) {
      cr_assert_lt(k, n, "only %zu lines for %s", n, text);
      cr_assert_str_eq(lines[k], want[k], "line %zu", k);
   }
   cr_assert_eq(n, k, "%zu lines, expected %zu", n, k);
   for (size_t i = 0; i < n; i++)
      cr_assert_leq(Rtext_width(lines[i]), width, "line %zu too wide", i);
   Rtext_freeLines(lines, n);
}

Test(rtext, wrap_on_words)
{
   expectLines("the quick brown fox jumps over the lazy dog", 10,
               (const char *[]){"the quick", "brown fox", "jumps over", "the lazy", "dog", NULL});
   expectLines("  spaced   out  ", 20, (const char *[]){"spaced out", NULL});
   expectLines("", 10, (const char *[]){"", NULL});
   expectLines("para one\n\npara two", 20, (const char *[]){"para one", "", "para two", NULL});
}

Test(rtext, wrap_cuts_long_words)
{
   expectLines("abcdefghijklmnop xy", 6, (const char *[]){"abcdef", "ghijkl", "mnop", "xy", NULL});
   /* Wide characters never straddle the edge. */
   expectLines("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 5,
               (const char *[]){"\xE6\x97\xA5\xE6\x9C\xAC", "\xE8\xAA\x9E", NULL});
}

/* Break opportunities are Unicode's (UAX #14, core/utf8.h): a line may end
 * after a hyphen or a slash and between ideographs, never before an
 * ideographic full stop; blanks still squeeze to one. */
Test(rtext, wrap_by_uax14)
{
   /* Before, breaking only at blanks: "a", "well-archite", "cted lens". */
   expectLines("a well-architected lens", 12,
               (const char *[]){"a well-", "architected", "lens", NULL});
   expectLines("read/write  access", 8, (const char *[]){"read/", "write", "access", NULL});
   /* Before: "日本", "。", a line that starts with a full stop. */
   expectLines("\xE6\x97\xA5\xE6\x9C\xAC\xE3\x80\x82", 4,
               (const char *[]){"\xE6\x97\xA5", "\xE6\x9C\xAC\xE3\x80\x82", NULL});
}

/* A URL that fits a line goes whole to a line of its own, though UAX #14
 * would break it after a slash (issue 18); one wider than the line is
 * still cut, as no line may pass the page's edge. */
Test(rtext, wrap_keeps_urls_whole)
{
   expectLines(
      "see more at https://example.com/ml-lens/bp01.html today", 40,
      (const char *[]){"see more at", "https://example.com/ml-lens/bp01.html", "today", NULL});
   expectLines("https://example.com/ml-lens/bp01.html", 20,
               (const char *[]){"https://example.com/", "ml-lens/bp01.html", NULL});
}

/* Paper (issue 18): a URL wider than the line is never cut; it gets a line
 * of its own, the only line allowed to be wider. */
Test(rtext, wrap_for_paper_never_cuts_a_url)
{
   const char *url = "https://docs.aws.amazon.com/wellarchitected/latest/machine-learning-lens/"
                     "mlsec01-bp01.html";
   char *text = xasprintf("Link: %s and more", url);
   char **lines;
   size_t n;
   Rtext_wrapKeepUrls(text, 40, &lines, &n);
   cr_assert_eq(n, 3);
   cr_assert_str_eq(lines[0], "Link:");
   cr_assert_str_eq(lines[1], url);
   cr_assert_str_eq(lines[2], "and more");
   Rtext_freeLines(lines, n);
   free(text);
   /* Rtext_wrap (tables) still keeps every line within its width. */
   expectLines("https://example.com/ml-lens/bp01.html", 20,
               (const char *[]){"https://example.com/", "ml-lens/bp01.html", NULL});
}

Test(rtext, cut_and_shorten)
{
   char *s = Rtext_cut("\xE6\x97\xA5\xE6\x9C\xAC", 3);
   cr_assert_str_eq(s, "\xE6\x97\xA5");
   free(s);
   s = Rtext_shorten("short", 10);
   cr_assert_str_eq(s, "short");
   free(s);
   s = Rtext_shorten("How do you make the data discoverable and recoverable", 30);
   cr_assert_str_eq(s, "How do you make the data\xE2\x80\xA6");
   cr_assert_leq(Utf8_chars(s), 30);
   free(s);
   s = Rtext_shorten("abcdefghijklmnopqrstuvwxyz", 10);
   cr_assert_str_eq(s, "abcdefghi\xE2\x80\xA6");
   free(s);
}

/* ---- escaping ---- */

Test(escape, html)
{
   char *s = Rtext_html("<script>alert('x')</script> & \"q\"\x1b", false);
   cr_assert_str_eq(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;" REPL);
   free(s);
   /* Control characters are not allowed in HTML either. */
   s = Rtext_html("c1\xC2\x9b bidi\xE2\x80\xAE nul-ish\x01", true);
   cr_assert_str_eq(s, "c1" REPL " bidi" REPL " nul-ish" REPL);
   free(s);
}

Test(escape, markdown_inline)
{
   char *s = Rtext_md("a *b* _c_ `d` [e](f) <g> |h| ~i~ &j; $k$ \\", true);
   cr_assert_str_eq(
      s, "a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<g\\> \\|h\\| \\~i\\~ \\&j; \\$k\\$ \\\\");
   free(s);
   /* Autolinks that could swallow markup stay text. */
   s = Rtext_md("see https://x.org and www.y.org", true);
   cr_assert_str_eq(s, "see https\\://x.org and www\\.y.org");
   free(s);
}

Test(escape, markdown_line_starts)
{
   char *s = Rtext_md("# h\n- item\n+ item\n1. one\n22) two\n===\n    code", false);
   cr_assert_str_eq(s, "\\# h\\\n\\- item\\\n\\+ item\\\n1\\. one\\\n22\\) two\\\n\\===\\\ncode");
   free(s);
   /* Blank lines would end the paragraph (and a list item): dropped. */
   s = Rtext_md("one\n\n\ntwo\n", false);
   cr_assert_str_eq(s, "one\\\ntwo");
   free(s);
   s = Rtext_md("one\ntwo", true);
   cr_assert_str_eq(s, "one two");
   free(s);
}

Test(escape, csv)
{
   char *s = Rtext_csv("plain");
   cr_assert_str_eq(s, "plain");
   free(s);
   s = Rtext_csv("a,b");
   cr_assert_str_eq(s, "\"a,b\"");
   free(s);
   s = Rtext_csv("say \"hi\"\nbye");
   cr_assert_str_eq(s, "\"say \"\"hi\"\"\nbye\"");
   free(s);
   s = Rtext_csv("=1+1");
   cr_assert_str_eq(s, "\"'=1+1\"");
   free(s);
   s = Rtext_csv("@SUM(A1)");
   cr_assert_str_eq(s, "\"'@SUM(A1)\"");
   free(s);
   s = Rtext_csv("");
   cr_assert_str_eq(s, "");
   free(s);
   /* Line breaks stay (as LF, quoted); other controls become U+FFFD. */
   s = Rtext_csv("a\x1b]2;t\x07"
                 "b\r\nc\x7f");
   cr_assert_str_eq(s, "\"a" REPL "]2;t" REPL "b\nc" REPL "\"");
   free(s);
   s = Rtext_csv("x\xC2\x9by\xE2\x81\xA6");
   cr_assert_str_eq(s, "x" REPL "y" REPL);
   free(s);
}

/* ---- formats and options ---- */

Test(report, formats_and_options)
{
   ReportFormat f;
   cr_assert(ReportFormat_parse("md", &f) && f == REPORT_MD);
   cr_assert(ReportFormat_parse("markdown", &f) && f == REPORT_MD);
   cr_assert(ReportFormat_parse("json", &f) && f == REPORT_JSON);
   cr_assert_not(ReportFormat_parse("pdf", &f));
   cr_assert_str_eq(ReportFormat_name(REPORT_CSV), "csv");
   char *err = NULL;
   ReportOptions o = {.width = 39};
   cr_assert_not(Report_checkOptions(&o, &err));
   cr_assert_str_eq(err, "the width must be from 40 to 1000 columns");
   free(err);
   o = (ReportOptions){.width = 40, .page_length = 12};
   cr_assert(Report_checkOptions(&o, &err));
}

/* ---- output files ---- */

static char dir[64];

static void makeDir(void)
{
   Support_tempDir(dir, sizeof dir, "outfile");
}

static void removeDir(void)
{
   Support_removeTree(dir);
}

static char *slurp(const char *path)
{
   FILE *f = fopen(path, "rb");
   if (!f)
      return NULL;
   char *buf = calloc(1, 4096);
   size_t n = fread(buf, 1, 4095, f);
   buf[n] = '\0';
   fclose(f);
   return buf;
}

static size_t entries(void)
{
   char cmd[128];
   snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
   FILE *p = popen(cmd, "r");
   size_t n = 0;
   cr_assert_eq(fscanf(p, "%zu", &n), 1);
   pclose(p);
   return n;
}

Test(outfile, replaces_atomically, .init = makeDir, .fini = removeDir)
{
   char path[128], *err = NULL;
   snprintf(path, sizeof path, "%s/out.txt", dir);
   static const OutFileRules force = {.force = true};
   cr_assert(OutFile_writeBuffer(path, "first\n", 6, NULL, &err));
   chmod(path, 0640);
   OutFile f;
   cr_assert(OutFile_open(&f, path, &force, &err));
   fputs("second\n", f.fp);
   /* Until finished, the old content stands and a temporary file exists. */
   char *now = slurp(path);
   cr_assert_str_eq(now, "first\n");
   free(now);
   cr_assert_eq(entries(), 2);
   cr_assert(OutFile_finish(&f, true, &err));
   now = slurp(path);
   cr_assert_str_eq(now, "second\n");
   free(now);
   cr_assert_eq(entries(), 1);
   struct stat st;
   cr_assert_eq(stat(path, &st), 0);
   cr_assert_eq(st.st_mode & 0777, 0640, "the replaced file's mode is kept");
}

Test(outfile, abandoned_output_leaves_nothing, .init = makeDir, .fini = removeDir)
{
   char path[128], *err = NULL;
   snprintf(path, sizeof path, "%s/out.txt", dir);
   static const OutFileRules force = {.force = true};
   cr_assert(OutFile_writeBuffer(path, "keep\n", 5, NULL, &err));
   OutFile f;
   cr_assert(OutFile_open(&f, path, &force, &err));
   fputs("half a rep", f.fp);
   cr_assert_not(OutFile_finish(&f, false, NULL));
   char *now = slurp(path);
   cr_assert_str_eq(now, "keep\n");
   free(now);
   cr_assert_eq(entries(), 1);
}

Test(outfile, errors_name_the_file, .init = makeDir, .fini = removeDir)
{
   char path[128], *err = NULL;
   snprintf(path, sizeof path, "%s/no/such/dir.txt", dir);
   cr_assert_not(OutFile_writeBuffer(path, "x", 1, NULL, &err));
   char want[256];
   snprintf(want, sizeof want, "cannot create %s: No such file or directory", path);
   cr_assert_str_eq(err, want);
   free(err);
   err = NULL;
   cr_assert_not(OutFile_writeBuffer(dir, "x", 1, NULL, &err));
   snprintf(want, sizeof want, "%s: is a directory", dir);
   cr_assert_str_eq(err, want);
   free(err);
   cr_assert_eq(entries(), 0);
}

/* Issue 19: a planted name in a shared folder is never written through. */
static void plant(const char *name, const char *kind, const char *target)
{
   char path[256];
   snprintf(path, sizeof path, "%s/%s", dir, name);
   if (strcmp(kind, "symlink") == 0)
      cr_assert_eq(symlink(target, path), 0);
   else if (strcmp(kind, "hardlink") == 0)
      cr_assert_eq(link(target, path), 0);
   else if (strcmp(kind, "fifo") == 0)
      cr_assert_eq(mkfifo(path, 0600), 0);
   else
      cr_assert_fail("unknown kind %s", kind);
}

static void refused(const char *name, const OutFileRules *rules, const char *why)
{
   char path[256], *err = NULL;
   snprintf(path, sizeof path, "%s/%s", dir, name);
   cr_assert_not(OutFile_writeBuffer(path, "attack\n", 7, rules, &err), "%s was written", name);
   cr_assert(err && strstr(err, path) && strstr(err, why), "%s: %s", name, err ? err : "no error");
   free(err);
}

Test(outfile, planted_names_are_refused, .init = makeDir, .fini = removeDir)
{
   static const OutFileRules force = {.force = true};
   char victim[256], *now;
   snprintf(victim, sizeof victim, "%s/victim", dir);
   FILE *v = fopen(victim, "w");
   fputs("secret\n", v);
   fclose(v);
   plant("to-file", "symlink", victim);
   plant("to-nowhere", "symlink", "no-such-file");
   plant("to-dir", "symlink", "/tmp");
   plant("hard", "hardlink", victim);
   plant("pipe", "fifo", NULL);
   size_t before = entries();
   for (int f = 0; f < 2; f++) {
      const OutFileRules *r = f ? &force : NULL; /* --force changes none of it */
      refused("to-file", r, "symbolic link");
      refused("to-nowhere", r, "symbolic link");
      refused("to-dir", r, "symbolic link");
      refused("hard", r, "hard links");
      refused("pipe", r, "not a regular file");
   }
   char *err = NULL;
   cr_assert_not(OutFile_writeBuffer("/dev/null", "x", 1, &force, &err));
   cr_assert(strstr(err, "/dev/null: is not a regular file"), "%s", err);
   free(err);
   now = slurp(victim);
   cr_assert_str_eq(now, "secret\n");
   free(now);
   char nowhere[256];
   snprintf(nowhere, sizeof nowhere, "%s/no-such-file", dir);
   cr_assert_neq(access(nowhere, F_OK), 0, "nothing was created through the dangling link");
   cr_assert_eq(entries(), before, "no temporary file is left");
}

Test(outfile, existing_files_need_force_and_new_ones_are_private, .init = makeDir,
     .fini = removeDir)
{
   static const OutFileRules force = {.force = true};
   char path[256], *err = NULL;
   snprintf(path, sizeof path, "%s/out.txt", dir);
   mode_t old = umask(022);
   cr_assert(OutFile_writeBuffer(path, "one\n", 4, NULL, &err));
   umask(old);
   struct stat st;
   cr_assert_eq(stat(path, &st), 0);
   cr_assert_eq(st.st_mode & 0777, 0600, "a new file is 0600, not %o", st.st_mode & 0777);
   refused("out.txt", NULL, "use --force");
   cr_assert(OutFile_writeBuffer(path, "two\n", 4, &force, &err));
   char *now = slurp(path);
   cr_assert_str_eq(now, "two\n");
   free(now);
}

Test(outfile, a_name_planted_while_writing_is_not_replaced, .init = makeDir, .fini = removeDir)
{
   char path[256], victim[256], *err = NULL;
   snprintf(path, sizeof path, "%s/late.txt", dir);
   snprintf(victim, sizeof victim, "%s/victim", dir);
   FILE *v = fopen(victim, "w");
   fputs("secret\n", v);
   fclose(v);
   OutFile f;
   cr_assert(OutFile_open(&f, path, NULL, &err));
   fputs("report\n", f.fp);
   cr_assert_eq(symlink(victim, path), 0);
   cr_assert_not(OutFile_finish(&f, true, &err));
   cr_assert(strstr(err, "appeared"), "%s", err);
   free(err);
   char *now = slurp(victim);
   cr_assert_str_eq(now, "secret\n");
   free(now);
   struct stat st;
   cr_assert_eq(lstat(path, &st), 0);
   cr_assert(S_ISLNK(st.st_mode), "the planted link is left alone, not followed");
   cr_assert_eq(entries(), 2, "no temporary file is left");
}

Test(outfile, the_database_is_never_an_output, .init = makeDir, .fini = removeDir)
{
   char db[256], wal[256], alias[256], *err = NULL;
   snprintf(db, sizeof db, "%s/r.db", dir);
   snprintf(wal, sizeof wal, "%s/r.db-wal", dir);
   snprintf(alias, sizeof alias, "%s/sub", dir);
   FILE *v = fopen(db, "w");
   fputs("SQLite format 3", v);
   fclose(v);
   v = fopen(wal, "w");
   fclose(v);
   cr_assert_eq(mkdir(alias, 0700), 0);
   cr_assert_eq(chdir(dir), 0);
   OutFileRules rules = {.force = true, .db_path = "sub/../r.db"};
   static const char *const names[] = {"r.db", "r.db-wal", "r.db-shm", "r.db-journal",
                                       "sub/../r.db-shm"};
   for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
      char path[256];
      snprintf(path, sizeof path, "%s/%s", dir, names[i]);
      cr_assert_not(OutFile_writeBuffer(path, "x", 1, &rules, &err), "%s was written", path);
      cr_assert(strstr(err, "is the database"), "%s", err);
      free(err);
      err = NULL;
   }
   cr_assert_not(OutFile_writeBuffer("./r.db", "x", 1, &rules, &err));
   free(err);
   char *now = slurp(db);
   cr_assert_str_eq(now, "SQLite format 3");
   free(now);
   cr_assert_eq(chdir("/"), 0);
}

Test(outfile, stdout_names)
{
   cr_assert(OutFile_isStdout("-"));
   cr_assert(OutFile_isStdout(NULL));
   cr_assert_not(OutFile_isStdout("-x"));
}
