/* workload_json.c: a workload's properties as JSON (workload_json.h). */
#include "config.h"

#include "report/workload_json.h"

#include "core/json.h"

json_t *Workload_toJson(const Workload *w, const char *created_by)
{
   json_t *o = Json_checked(json_object());
   Json_setString(o, "name", w->name);
   Json_setString(o, "description", w->description);
   Json_setString(o, "environment", w->environment);
   Json_setString(o, "owner", w->owner);
   Json_setBool(o, "archived", w->archived);
   Json_setString(o, "created_at", w->created_at);
   if (created_by)
      Json_setString(o, "created_by", created_by);
   Json_setString(o, "updated_at", w->updated_at);
   Json_setString(o, "updated_by", w->updated_by);
   return o;
}
