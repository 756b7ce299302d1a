/* store_bring.c: history entries and milestones brought from another
 * database as they were recorded there (walens import --into; see
 * store/import.h). */
#include "config.h"

#include <jansson.h>

#include "i18n.h"
#include "store/import.h"
#include "store/store_internal.h"

static bool validTime(const char *t)
{
   time_t ignored;
   return t && StoreTime_parse(t, &ignored);
}

static bool validJson(const char *text)
{
   if (!text)
      return true;
   json_t *o = json_loads(text, 0, NULL);
   bool ok = json_is_object(o);
   json_decref(o);
   return ok;
}

StoreStatus Store_bringHistory(Store *s, int64_t review_id, const HistoryEntry *h)
{
   if (!validTime(h->at) || !Store_validName(h->user) || !h->object ||
       !Store_validText(h->object) || !validJson(h->before) || !validJson(h->after))
      return StoreSql_error(s, STORE_INVALID, _("history: an entry of %s by %s is not valid"),
                            h->at ? h->at : "?", h->user ? h->user : "?");
   StoreStatus st = StoreSql_beginWrite(s);
   if (st != STORE_OK)
      return st;
   st = StoreSql_run(s,
                     "INSERT INTO history (at, user_name, kind, object, before_json,"
                     " after_json, review_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     "tttttti", h->at, h->user, h->kind, h->object, h->before, h->after, review_id);
   if (st == STORE_OK) {
      /* As StoreHist_append keeps it, so change detection stays right. */
      int64_t id = sqlite3_last_insert_rowid(s->db);
      if (id != s->tx_seen + 1)
         s->tx_other = true;
      s->tx_seen = id;
   }
   return StoreSql_end(s, st);
}

StoreStatus Store_bringMilestone(Store *s, int64_t review_id, const Milestone *m)
{
   if (!Store_validName(m->name) || !validTime(m->created_at) || !Store_validName(m->created_by) ||
       !validJson(m->snapshot) || !m->snapshot)
      return StoreSql_error(s, STORE_INVALID, _("milestone '%s' is not valid"),
                            m->name ? m->name : "?");
   return StoreSql_runAlone(
      s,
      "INSERT INTO milestone (review_id, name, created_at, created_by, snapshot)"
      " VALUES (?, ?, ?, ?, ?)",
      "itttt", review_id, m->name, m->created_at, m->created_by, m->snapshot);
}
