/* test_tui_lead.c: the workshop's words in the top bar (tui/lib/leadline.h). */
#include "config.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>

#include "tui/lib/leadline.h"
#include "tui/lib/wtext.h"

static void utf8(void)
{
   setlocale(LC_ALL, "C.UTF-8");
}

static void check(const LeadLine *l, int width, const char *want)
{
   char *got = LeadLine_text(l, width);
   if (!want)
      cr_assert_null(got, "expected nothing, got '%s'", got);
   else
      cr_assert_str_eq(got, want);
   free(got);
}

Test(leadline, nobody_and_no_clock_say_nothing, .init = utf8)
{
   LeadLine l = {.utf8 = true};
   check(&l, 80, NULL);
   l.item = "Build"; /* an item without a clock is not under way */
   check(&l, 80, NULL);
}

Test(leadline, who_leads_or_whom_we_follow, .init = utf8)
{
   LeadLine l = {.leader = "alice", .utf8 = true};
   check(&l, 80, "\xe2\x98\x85 alice leads");
   l.following = true;
   check(&l, 80, "\xe2\x98\x85 following alice");
   l.utf8 = false;
   check(&l, 80, "* following alice");
}

Test(leadline, the_agenda_shortens_in_order, .init = utf8)
{
   LeadLine l = {.leader = "alice",
                 .item = "Data processing",
                 .clock = "12:30 left",
                 .index = 3,
                 .count = 8,
                 .utf8 = true};
   const char *full =
      "\xe2\x98\x85 alice leads \xc2\xb7 Data processing \xc2\xb7 12:30 left (3 of 8)";
   check(&l, 200, full);
   check(&l, WText_widthStr(full), full);
   /* One column less: the item's place goes first. */
   check(&l, WText_widthStr(full) - 1,
         "\xe2\x98\x85 alice leads \xc2\xb7 Data processing \xc2\xb7 12:30 left");
   /* Then the item's name: the clock stays. */
   check(&l, 30, "\xe2\x98\x85 alice leads \xc2\xb7 12:30 left");
   /* Then the agenda: who leads stays, cut by the one who draws it. */
   check(&l, 10, "\xe2\x98\x85 alice leads");
}

Test(leadline, an_overrun_reads_over_without_a_leader, .init = utf8)
{
   LeadLine l = {.item = "Security", .clock = "2:00 over", .index = 1, .count = 1};
   check(&l, 80, "Security - 2:00 over (1 of 1)");
}

Test(leadline, without_a_leader_the_clock_stays, .init = utf8)
{
   LeadLine l = {.item = "Security", .clock = "2:00 over", .index = 1, .count = 1, .utf8 = true};
   check(&l, 5, "2:00 over");
}
