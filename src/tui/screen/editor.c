/* editor.c: the multi-line notes editor, and $VISUAL / $EDITOR. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "i18n.h"
#include "tui/lib/draft.h"
#include "tui/lib/layout.h"
#include "tui/screens.h"
#include "tui/text.h"

#define ED_HEAD 2 /* the question, a rule */
#define ED_FOOT 1 /* position and state */

/* Columns of text: one spare column takes the cursor at a line's end. */
static int textWidth(const App *app)
{
   int w = app->cols - 3;
   return w < 1 ? 1 : w;
}

static int textRows(int height)
{
   int r = height - ED_HEAD - ED_FOOT;
   return r < 1 ? 1 : r;
}

void Editor_openFrom(App *app, size_t q, const char *text, const char *base)
{
   const StoredAnswer *s = &app->doc.stored[q];
   char *b = xstrdup(base ? base : "");

   EdBuf_free(&app->ed.buf);
   EdBuf_init(&app->ed.buf, text ? text : s->notes);
   app->ed.buf.modified = text != NULL; /* a resumed draft is not stored yet */
   app->ed.q = q;
   app->ed.choice = -1;
   app->ed.base_version = s->version;
   free(app->ed.base_notes);
   app->ed.base_notes = b;
   app->ed.first_row = 0;
   App_push(app, SCREEN_EDITOR);
}

/* A draft of unknown base counts as started from nothing: whatever is
 * stored now is someone else's text, merged, never replaced unseen. */
void Editor_open(App *app, size_t q, const char *text)
{
   const StoredAnswer *s = &app->doc.stored[q];
   Editor_openFrom(app, q, text, text ? "" : s->notes);
}

char *Editor_draftKey(const App *app)
{
   const Question *q = &app->doc.lens->questions[app->ed.q];
   return app->ed.choice < 0 ? xstrdup(q->id)
                             : xasprintf("%s#%s", q->id, q->choices[app->ed.choice].id);
}

/* A practice's notes are edited from the text they had (or a draft's base)
 * and merged as such on save. */
void Editor_openChoice(App *app, size_t q, size_t c)
{
   Editor_open(app, q, NULL);
   app->ed.choice = (int)c;
   char *key = Editor_draftKey(app), *base = NULL;
   char *draft = Draft_loadBase(app->db_key, app->doc.workload.id, key, NULL, &base);
   const char *stored = ReviewDoc_choiceNote(&app->doc, q, c);
   EdBuf_free(&app->ed.buf);
   EdBuf_init(&app->ed.buf, draft ? draft : stored);
   app->ed.buf.modified = draft != NULL;
   free(app->ed.base_notes);
   app->ed.base_notes = xstrdup(draft ? (base ? base : "") : (stored ? stored : ""));
   if (draft)
      App_message(app, ROLE_NOTICE, "%s", _("Your unsaved draft is back; ^S stores it"));
   free(draft);
   free(base);
   free(key);
}

/* Stores a practice's notes as an edit from ed.base_notes: what others
 * changed meanwhile stays; if someone changed this practice's notes too,
 * nothing is written and yours is kept as a draft. */
static StoreStatus saveChoice(App *app, const char *text, const char *key)
{
   if (App_refuseReadOnly(app))
      return STORE_READONLY;
   StoreMerge m;
   StoreStatus st =
      ReviewDoc_mergeChoiceNote(app->store, &app->doc, app->ed.q, (size_t)app->ed.choice, text,
                                app->ed.base_notes, app->opts->user, NULL, &m);
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Not stored: %s"), Store_statusText(st));
      App_rebuild(app);
      return st;
   }
   if (m.wrote)
      Undo_push(app, m.history_id, SCREEN_QUESTION, app->doc.lens->questions[app->ed.q].id);
   if (m.n_clashes) {
      bool kept = Draft_saveBase(app->db_key, app->doc.workload.id, key, text,
                                 app->ed.base_notes ? app->ed.base_notes : "");
      App_message(app, ROLE_ERROR,
                  kept ? _("Not stored: %s changed these notes meanwhile; yours is kept as a "
                           "draft (V resumes it)")
                       : _("Not stored: %s changed these notes meanwhile"),
                  m.clashes[0].by);
      st = STORE_CONFLICT;
   } else {
      Draft_remove(app->db_key, app->doc.workload.id, key);
      App_message(app, ROLE_NOTICE, "%s", _("Notes stored"));
   }
   StoreMerge_free(&m);
   App_rebuild(app);
   return st;
}

void Editor_draw(App *app, int top, int height)
{
   const Question *q = &app->doc.lens->questions[app->ed.q];
   int width = textWidth(app), rows = textRows(height), crow, ccol;
   EdLine *lines;
   size_t n = EdBuf_layout(&app->ed.buf, width, &lines);
   char *head, *pos;
   attr_t dim = Theme_attr(&app->theme, ROLE_DIM);

   head = app->ed.choice < 0
             ? xasprintf(_("Notes for %s: %s"), q->id, q->title)
             : xasprintf(_("Notes for practice %s: %s"), q->choices[app->ed.choice].id,
                         q->choices[app->ed.choice].title);
   Text_draw(stdscr, top, 1, app->cols - 2, head, Theme_attr(&app->theme, ROLE_TITLE));
   free(head);
   for (int x = 1; x < app->cols - 1; x++)
      Text_draw(stdscr, top + 1, x, 1, Theme_glyph(&app->theme, GLYPH_HLINE), dim);
   EdBuf_cursorXY(&app->ed.buf, width, &crow, &ccol);
   app->ed.width = width;
   app->ed.first_row = (int)Layout_scroll((size_t)crow, (size_t)rows, n, (size_t)app->ed.first_row);
   for (int i = 0; i < rows && (size_t)(app->ed.first_row + i) < n; i++) {
      const EdLine *l = &lines[app->ed.first_row + i];
      wchar_t *shown = xmalloc((l->len + 1) * sizeof *shown);
      size_t k = EdBuf_shown(&app->ed.buf, l->start, l->start + l->len, shown);
      /* The buffer keeps the text as it is; only what is drawn is cleaned. */
      Text_drawW(stdscr, top + ED_HEAD + i, 1, width + 1, shown, k, A_NORMAL, false);
      free(shown);
   }
   pos = xasprintf(_("line %d of %zu%s"), crow + 1, n,
                   app->ed.buf.modified ? _("  (not stored yet)") : "");
   Text_draw(stdscr, top + height - 1, 1, app->cols - 2, pos, dim);
   free(pos);
   free(lines);
}

void Editor_placeCursor(App *app, int top, int height)
{
   int crow, ccol;

   EdBuf_cursorXY(&app->ed.buf, textWidth(app), &crow, &ccol);
   crow -= app->ed.first_row;
   if (crow < 0 || crow >= textRows(height))
      return;
   wmove(stdscr, top + ED_HEAD + crow, 1 + ccol);
}

Stale Editor_key(App *app, int key)
{
   EdBuf_insert(&app->ed.buf, (wchar_t)key);
   return STALE_BODY;
}

Stale Editor_newline(App *app, const char *arg)
{
   EdBuf_insert(&app->ed.buf, L'\n');
   return STALE_BODY;
}

Stale Editor_backspace(App *app, const char *arg)
{
   EdBuf_backspace(&app->ed.buf);
   return STALE_BODY;
}

Stale Editor_delete(App *app, const char *arg)
{
   EdBuf_delete(&app->ed.buf);
   return STALE_BODY;
}

Stale Editor_move(App *app, Move m)
{
   EdBuf *b = &app->ed.buf;
   int w = textWidth(app), rows = textRows(app->lines - 2);

   switch (m) {
   case MOVE_UP: EdBuf_up(b, w, 1); break;
   case MOVE_DOWN: EdBuf_down(b, w, 1); break;
   case MOVE_LEFT: EdBuf_left(b); break;
   case MOVE_RIGHT: EdBuf_right(b); break;
   case MOVE_PGUP: EdBuf_up(b, w, rows > 1 ? rows - 1 : 1); break;
   case MOVE_PGDN: EdBuf_down(b, w, rows > 1 ? rows - 1 : 1); break;
   case MOVE_HOME: EdBuf_home(b, w); break;
   case MOVE_END: EdBuf_end(b, w); break;
   }
   return STALE_BODY;
}

static void leave(App *app)
{
   EdBuf_free(&app->ed.buf);
   free(app->ed.base_notes);
   app->ed.base_notes = NULL;
   App_pop(app);
}

/* The notes are an edit from ed.base_notes, merged with what others stored
 * meanwhile (other lines: merged; the same lines: the merge view, with
 * yours kept as a draft until you choose). */
Stale Editor_save(App *app, const char *arg)
{
   size_t qi = app->ed.q;
   const Question *q = &app->doc.lens->questions[qi];
   char *text = EdBuf_text(&app->ed.buf), *key = Editor_draftKey(app);
   StoreMerge m;
   Answer a;
   StoreStatus st;

   if (app->ed.choice >= 0) {
      st = saveChoice(app, text, key);
      free(key);
      free(text);
      if (st == STORE_OK || st == STORE_CONFLICT)
         leave(app);
      return STALE_ALL; /* otherwise the text stays in the editor */
   }
   if (App_refuseReadOnly(app)) {
      free(key);
      free(text);
      return STALE_ALL;
   }
   App_copyAnswer(app, qi, &a);
   st = ReviewDoc_mergeAnswer(app->store, &app->doc, qi, &a, text, app->ed.base_notes,
                              app->opts->user, NULL, &m);
   free(a.choices);
   if (st != STORE_OK) {
      App_message(app, ROLE_ERROR, _("Not stored: %s"), Store_statusText(st));
      free(key);
      free(text);
      return STALE_ALL; /* the text stays in the editor */
   }
   if (m.wrote)
      Undo_push(app, m.history_id, SCREEN_QUESTION, q->id);
   if (m.notes_theirs) {
      char *base = xstrdup(app->ed.base_notes ? app->ed.base_notes : "");
      Draft_saveBase(app->db_key, app->doc.workload.id, key, text, base);
      leave(app);
      MergeView_open(app, qi, text, &m);
      free(base);
   } else {
      Draft_remove(app->db_key, app->doc.workload.id, key);
      if (m.notes_merged)
         App_message(app, ROLE_NOTICE, _("Notes stored, merged with %s's changes on other lines"),
                     m.notes_by ? m.notes_by : "?");
      else
         App_message(app, ROLE_NOTICE, "%s", _("Notes stored"));
      leave(app);
   }
   StoreMerge_free(&m);
   App_rebuild(app);
   free(key);
   free(text);
   return STALE_ALL;
}

static Stale gotClose(App *app, const char *key)
{
   if (!key || !*key)
      return STALE_FOOTER; /* keep editing */
   if (key[0] == 'y')
      return Editor_save(app, NULL);
   leave(app); /* 'n': the user threw the text away */
   App_message(app, ROLE_NOTICE, "%s", _("Notes not stored"));
   return STALE_ALL;
}

Stale Editor_close(App *app, const char *arg)
{
   if (!app->ed.buf.modified) {
      leave(app);
      return STALE_ALL;
   }
   if (app->read_only) {
      leave(app);
      return STALE_ALL;
   }
   Prompt_openMenu(app, _("Store the notes? y store, n throw away, Esc keep editing"), "yn",
                   gotClose);
   return STALE_FOOTER;
}

Stale Editor_external(App *app, const char *arg)
{
   char *text = EdBuf_text(&app->ed.buf), *out = NULL;
   size_t cur;

   if (Editor_runExternal(app, text, &out)) {
      bool changed = strcmp(text, out) != 0 || app->ed.buf.modified;
      cur = app->ed.buf.cur;
      EdBuf_free(&app->ed.buf);
      EdBuf_init(&app->ed.buf, out);
      app->ed.buf.modified = changed;
      if (cur < app->ed.buf.len)
         app->ed.buf.cur = cur;
      App_message(app, ROLE_NOTICE, "%s", _("Back from the editor; ^S stores the notes"));
   }
   free(out);
   free(text);
   return STALE_ALL | STALE_REPAINT;
}

static bool writeFile(int fd, const char *text)
{
   size_t n = strlen(text);
   while (n > 0) {
      ssize_t w = write(fd, text, n);
      if (w < 0 && errno == EINTR)
         continue;
      if (w <= 0)
         return false;
      text += w;
      n -= (size_t)w;
   }
   return true;
}

static char *readFile(const char *path)
{
   FILE *f = fopen(path, "rb");
   char *buf = NULL;
   size_t len = 0, cap = 0, got;

   if (!f)
      return NULL;
   do {
      buf = xgrow(buf, &cap, len + 4096 + 1, 1);
      got = fread(buf + len, 1, cap - len - 1, f);
      len += got;
   } while (got > 0 && len < 4u * 1024u * 1024u);
   fclose(f);
   buf[len] = '\0';
   return buf;
}

bool Editor_runExternal(App *app, const char *text, char **out)
{
   const char *editor = getenv("VISUAL");
   const char *tmpdir = getenv("TMPDIR");
   char *path, *cmd;
   int fd, status = -1;
   pid_t pid;
   struct sigaction ign, old_int, old_quit;

   *out = NULL;
   if (!editor || !*editor)
      editor = getenv("EDITOR");
   if (!editor || !*editor)
      editor = "vi";
   path = xasprintf("%s/walens-notes-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
   fd = mkstemp(path);
   if (fd < 0) {
      App_message(app, ROLE_ERROR, _("Cannot make a temporary file: %s"), strerror(errno));
      free(path);
      return false;
   }
   if (!writeFile(fd, text) || (*text && text[strlen(text) - 1] != '\n' && !writeFile(fd, "\n"))) {
      App_message(app, ROLE_ERROR, _("Cannot write %s"), path);
      close(fd);
      unlink(path);
      free(path);
      return false;
   }
   close(fd);
   /* "$EDITOR" may hold arguments ("vim -u NONE"): the shell splits them. */
   cmd = xasprintf("%s \"$1\"", editor);
   def_prog_mode();
   endwin();
   pid = fork();
   if (pid == 0) {
      execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
      _exit(127);
   }
   /* ^C belongs to the editor while it runs. */
   memset(&ign, 0, sizeof ign);
   ign.sa_handler = SIG_IGN;
   sigemptyset(&ign.sa_mask);
   sigaction(SIGINT, &ign, &old_int);
   sigaction(SIGQUIT, &ign, &old_quit);
   if (pid > 0)
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
         ;
   sigaction(SIGINT, &old_int, NULL);
   sigaction(SIGQUIT, &old_quit, NULL);
   reset_prog_mode();
   free(cmd);
   if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      App_message(app, ROLE_ERROR, _("The editor (%s) failed; nothing changed"), editor);
      unlink(path);
      free(path);
      return false;
   }
   *out = readFile(path);
   unlink(path);
   free(path);
   if (!*out) {
      App_message(app, ROLE_ERROR, "%s", _("Cannot read back what the editor wrote"));
      return false;
   }
   {
      size_t n = strlen(*out);
      if (n > 0 && (*out)[n - 1] == '\n')
         (*out)[n - 1] = '\0'; /* editors end the last line */
   }
   return true;
}
