/* json.c: checked jansson helpers shared by every JSON writer. */
#include "config.h"

#include "core/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

json_t *Json_checked(json_t *v)
{
   if (!v) {
      fputs("walens: out of memory\n", stderr);
      abort();
   }
   return v;
}

/* Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no
 * surrogates, nothing past U+10FFFF), or 0 when it is not one. */
static size_t utf8Seq(const unsigned char *p)
{
   if (p[0] < 0x80)
      return 1;
   size_t len = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
   if (len == 0 || p[0] > 0xF4)
      return 0;
   for (size_t i = 1; i < len; i++)
      if ((p[i] & 0xC0) != 0x80)
         return 0;
   if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) ||
       (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
      return 0;
   return len;
}

/* A copy of s with every byte that starts no valid sequence replaced by U+FFFD. */
static char *validUtf8(const char *s)
{
   size_t n = strlen(s), k = 0;
   char *out = xmalloc(3 * n + 1);
   for (const unsigned char *p = (const unsigned char *)s; *p;) {
      size_t len = utf8Seq(p);
      if (len == 0) {
         memcpy(out + k, "\xEF\xBF\xBD", 3);
         k += 3;
         p++;
      } else {
         memcpy(out + k, p, len);
         k += len;
         p += len;
      }
   }
   out[k] = '\0';
   return out;
}

json_t *Json_string(const char *s)
{
   if (!s)
      return Json_checked(json_null());
   json_t *v = json_string(s);
   if (v)
      return v;
   char *fixed = validUtf8(s);
   v = Json_checked(json_string(fixed));
   free(fixed);
   return v;
}

void Json_set(json_t *obj, const char *key, json_t *value)
{
   if (json_object_set_new(obj, key, Json_checked(value)) != 0)
      Json_checked(NULL);
}

void Json_setString(json_t *obj, const char *key, const char *s)
{
   Json_set(obj, key, Json_string(s));
}

void Json_setInt(json_t *obj, const char *key, long long v)
{
   Json_set(obj, key, json_integer(v));
}

void Json_setBool(json_t *obj, const char *key, bool v)
{
   Json_set(obj, key, json_boolean(v));
}

void Json_append(json_t *arr, json_t *value)
{
   if (json_array_append_new(arr, Json_checked(value)) != 0)
      Json_checked(NULL);
}

char *Json_dump(const json_t *v)
{
   char *text = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
   if (!text)
      Json_checked(NULL);
   char *out = xasprintf("%s\n", text);
   free(text);
   return out;
}

void Json_print(const json_t *v)
{
   char *text = Json_dump(v);
   fputs(text, stdout);
   free(text);
}
