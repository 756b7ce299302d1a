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

#include "report/outfile.h"
#include "report/report.h"
#include "report/rtext.h"

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
   strcpy(dir, "/tmp/walens-outfile.XXXXXX");
   cr_assert_not_null(mkdtemp(dir));
}

static void removeDir(void)
{
   char cmd[128];
   snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
   cr_assert_eq(system(cmd), 0);
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
   cr_assert(OutFile_writeBuffer(path, "first\n", 6, &err));
   chmod(path, 0640);
   OutFile f;
   cr_assert(OutFile_open(&f, path, &err));
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
   cr_assert(OutFile_writeBuffer(path, "keep\n", 5, &err));
   OutFile f;
   cr_assert(OutFile_open(&f, path, &err));
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
   cr_assert_not(OutFile_writeBuffer(path, "x", 1, &err));
   char want[256];
   snprintf(want, sizeof want, "cannot create %s: No such file or directory", path);
   cr_assert_str_eq(err, want);
   free(err);
   err = NULL;
   cr_assert_not(OutFile_writeBuffer(dir, "x", 1, &err));
   snprintf(want, sizeof want, "%s: is a directory", dir);
   cr_assert_str_eq(err, want);
   free(err);
   cr_assert_eq(entries(), 0);
}

Test(outfile, devices_are_written_directly)
{
   char *err = NULL;
   cr_assert(OutFile_writeBuffer("/dev/null", "x", 1, &err));
   struct stat st;
   cr_assert_eq(stat("/dev/null", &st), 0);
   cr_assert(S_ISCHR(st.st_mode), "/dev/null is still a device");
   cr_assert(OutFile_isStdout("-"));
   cr_assert(OutFile_isStdout(NULL));
   cr_assert_not(OutFile_isStdout("-x"));
}
