/* recapview.c: the workshop's recap in the TUI (issue 13): :recap shows
 * what `walens report W --recap` writes as text, on the pager; the leader
 * who quits is offered it first (a y/n prompt, never forced). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "report/recap.h"
#include "tui/screens.h"

/* Asked once per session: a second Q leaves. */
static bool offered;

Stale RecapView_show(App *app, const char *arg)
{
   (void)arg;
   if (!app->have_doc)
      return STALE_NONE;
   char *err = NULL;
   char *text = Recap_text(app->store, app->doc.workload.name, NULL, &err);
   if (!text) {
      App_message(app, ROLE_ERROR, _("No recap: %s"), err ? err : "?");
      free(err);
      return STALE_FOOTER;
   }
   char *title = xasprintf(_("Recap of %s"), app->doc.workload.name);
   Pager_begin(app, title);
   free(title);
   for (char *line = text, *nl; *line; line = nl + 1) {
      nl = strchr(line, '\n');
      if (nl)
         *nl = '\0';
      Pager_addText(app, ROLE_NORMAL, 0, line);
      if (!nl)
         break;
   }
   free(text);
   Pager_show(app, SCREEN_PAGER);
   return STALE_ALL;
}

static Stale gotOffer(App *app, const char *key)
{
   if (key && strcmp(key, "y") == 0)
      return RecapView_show(app, NULL);
   if (key) /* n; Esc stays */
      app->quit = true;
   return STALE_FOOTER;
}

bool RecapView_offerOnQuit(App *app)
{
   if (offered || !app->have_doc)
      return false;
   SessionLead l;
   if (Store_getLead(app->store, app->doc.workload.id, &l) != STORE_OK)
      return false;
   bool leads = strcmp(l.user, app->opts->user) == 0;
   SessionLead_free(&l);
   if (!leads)
      return false;
   offered = true;
   Prompt_openMenu(app, _("You lead this session: see the recap before you leave? y/n "), "yn",
                   gotOffer);
   return true;
}
