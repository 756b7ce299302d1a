/* args.h: table-driven command-line options shared by every subcommand.
 *
 * Options may come before or after positional arguments; "--" ends them.
 * Long options take "--name value" or "--name=value". */
#ifndef WALENS_ARGS_H
#define WALENS_ARGS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct OptSpec {
   const char *name; /* long name without "--" */
   char short_name;  /* or 0 */
   const char *arg;  /* placeholder for the help ("FILE"), NULL for a flag */
   const char *help; /* N_() text */
   int id;
} OptSpec;

/* Called for each option found; value is NULL for flags.  Returns false to
 * stop with a usage error (the handler prints why). */
typedef bool (*OptHandler)(int id, const char *value, void *ctx);

/* Parses argv[first..argc).  Positional arguments are collected into *pos
 * (an array of borrowed pointers, caller frees the array).  Prints
 * "walens: ..." and returns false on an unknown option or a missing value. */
bool Args_parse(int argc, char **argv, int first, const OptSpec *specs, OptHandler fn, void *ctx,
                char ***pos, size_t *npos);

/* Prints the option list ("  --db FILE   help") of a table, ending at a
 * spec with name NULL. */
void Args_printHelp(const OptSpec *specs);

#endif
