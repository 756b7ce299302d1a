/* output.h: JSON building with every jansson call checked.
 *
 * jansson fails only when memory is exhausted or a string is not UTF-8; the
 * helpers treat the first as fatal (like xalloc) and replace invalid UTF-8,
 * so callers never juggle return codes for output they build themselves. */
#ifndef WALENS_OUTPUT_H
#define WALENS_OUTPUT_H

#include <jansson.h>
#include <stdio.h>

/* Steals value.  A NULL string becomes JSON null. */
void Json_set(json_t *obj, const char *key, json_t *value);
void Json_setString(json_t *obj, const char *key, const char *s);
void Json_setInt(json_t *obj, const char *key, long long v);
void Json_append(json_t *arr, json_t *value);
json_t *Json_string(const char *s);
/* Pretty-prints to stdout with a final newline, keys in insertion order. */
void Json_print(const json_t *value);

#endif
