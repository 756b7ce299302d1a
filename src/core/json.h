/* json.h: building JSON with every jansson call checked.
 *
 * jansson fails only when memory runs out or a string is not UTF-8.  These
 * helpers treat the first as fatal (like xalloc) and replace invalid UTF-8
 * with U+FFFD, so the code that builds output for users and tools (CLI,
 * reports, bundles, lens export) never juggles return codes. */
#ifndef WALENS_CORE_JSON_H
#define WALENS_CORE_JSON_H

#include <jansson.h>
#include <stdbool.h>

/* Returns v; aborts with "out of memory" when v is NULL. */
json_t *Json_checked(json_t *v);
/* A JSON string; NULL gives JSON null. */
json_t *Json_string(const char *s);
/* Each steals value. */
void Json_set(json_t *obj, const char *key, json_t *value);
void Json_setString(json_t *obj, const char *key, const char *s);
void Json_setInt(json_t *obj, const char *key, long long v);
void Json_setBool(json_t *obj, const char *key, bool v);
void Json_append(json_t *arr, json_t *value);
/* Two-space indentation, keys in insertion order, a final newline.  Caller frees. */
char *Json_dump(const json_t *v);
/* Json_dump() written to stdout. */
void Json_print(const json_t *v);

#endif
