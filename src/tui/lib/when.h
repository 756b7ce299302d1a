/* when.h: "who changed it, when" in words ("4 min ago"). */
#ifndef WALENS_TUI_LIB_WHEN_H
#define WALENS_TUI_LIB_WHEN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Parses "YYYY-MM-DDTHH:MM:SS" with an optional fraction and "Z" (UTC). */
bool When_parse(const char *iso8601, time_t *out);

/* "just now", "4 min ago", "3 h ago", "2 d ago", else the date
 * "2026-01-15"; the ISO text as it is when it does not parse.  Writes into
 * buf and returns it. */
const char *When_ago(const char *iso8601, time_t now, char *buf, size_t size);

#endif
