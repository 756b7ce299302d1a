/* complete.h: Tab completion for the prompt, without curses: file names
 * (a leading ~ is the home directory, as the shell reads it) and words
 * from a list (the ':' commands).  Unit-tested. */
#ifndef WALENS_TUI_LIB_COMPLETE_H
#define WALENS_TUI_LIB_COMPLETE_H

#include <stddef.h>

/* path with a leading "~" or "~user" replaced by that home directory;
 * path itself (copied) when it has none or the user is unknown.  Caller
 * frees. */
char *Complete_tilde(const char *path);

/* The files whose names start with prefix (after Complete_tilde), sorted,
 * directories ending in '/'.  *out is allocated (free with Complete_free);
 * returns the count. */
size_t Complete_path(const char *prefix, char ***out);

/* The words of list that start with prefix, in list order.  *out as above. */
size_t Complete_words(const char *prefix, const char *const *list, size_t n, char ***out);

/* The longest common start of items (whole UTF-8 characters).  Caller frees. */
char *Complete_common(char *const *items, size_t n);

void Complete_free(char **items, size_t n);

#endif
