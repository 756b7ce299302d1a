/* screens.c: the screens' table, made from the one list in screenlist.h,
 * and the hooks that let the shared state reach every screen by none's
 * name. */
#include "config.h"

#include "i18n.h"
#include "tui/screens.h"

#define SCREEN_OPS(ID, id, name, title, draw, nav, open, click, shown, reload, free) \
   [SCREEN_##ID] = {id, name, title, draw, nav, open, click, shown, reload, free},
static const ScreenOps ops[SCREEN_COUNT] = {SCREEN_INFO(SCREEN_OPS)};
#undef SCREEN_OPS

const ScreenOps *Screens_ops(ScreenId s)
{
   return &ops[(unsigned)s < SCREEN_COUNT ? s : SCREEN_PROMPT];
}

const char *Screens_id(ScreenId s)
{
   return Screens_ops(s)->id;
}

const char *Screens_name(ScreenId s)
{
   return _(Screens_ops(s)->name);
}

const char *Screens_title(ScreenId s)
{
   return Screens_ops(s)->title;
}

void Screens_shown(App *app, ScreenId s)
{
   if (Screens_ops(s)->shown)
      Screens_ops(s)->shown(app);
}

void Screens_reload(App *app, bool opened)
{
   for (int s = 0; s < SCREEN_COUNT; s++)
      if (ops[s].reload)
         ops[s].reload(app, opened);
}

void Screens_free(App *app)
{
   for (int s = 0; s < SCREEN_COUNT; s++)
      if (ops[s].free)
         ops[s].free(app);
}
