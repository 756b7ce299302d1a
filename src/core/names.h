/* names.h: the names people give and read back: workloads, milestones,
 * users, review templates.
 *
 * Two names a reader cannot tell apart must be one name: "rich" and
 * "rich " (a trailing blank), "é" composed (NFC) and decomposed (NFD),
 * "ｆｒａｕｄ" (full-width forms) and "fraud", a name with a zero-width
 * space inside.  So a name is normalised before it is stored or looked up:
 * Unicode NFKC (libunistring's u8_normalize; full-width and other
 * compatibility forms become their plain letters, a no-break space a
 * blank), blanks at both ends dropped and inner runs of blanks made one.
 * What cannot be normalised is refused: invalid UTF-8, a control character
 * (line breaks among them), a bidi control, an invisible character
 * (Unicode's Default_Ignorable_Code_Point: zero-width spaces and joiners,
 * soft hyphens, variation selectors), an empty name, a name longer than its
 * kind's limit (namesMaxChars in names.c; documented in walens(1)). */
#ifndef WALENS_CORE_NAMES_H
#define WALENS_CORE_NAMES_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { NAME_WORKLOAD, NAME_MILESTONE, NAME_USER, NAME_TEMPLATE } NameKind;

typedef enum {
   NAME_OK,
   NAME_BAD_UTF8,
   NAME_EMPTY,
   NAME_CONTROL,   /* a control, line break or bidi control */
   NAME_INVISIBLE, /* a default-ignorable code point */
   NAME_TOO_LONG,
} NameProblem;

/* Normalises name.  On NAME_OK, *out gets the normal form (the caller
 * frees it); otherwise *out is NULL.  NULL name gives NAME_EMPTY. */
NameProblem Names_normalize(NameKind kind, const char *name, char **out);

/* True when name is already in normal form (what the store accepts). */
bool Names_isNormal(NameKind kind, const char *name);

/* A translated sentence saying what is wrong, for "invalid workload name
 * 'X': ..." (the caller frees it). */
char *Names_problemText(NameKind kind, NameProblem p);

/* Normalises name: NULL and *out set to the normal form (the caller frees
 * it), or the whole error message, "invalid workload name 'X': ..." (the
 * caller frees it) and *out NULL.  The message quotes name as it is: write
 * it through the safe text functions (core/utf8.h). */
char *Names_check(NameKind kind, const char *name, char **out);

/* A translated sentence saying what a name of this kind may be, for after
 * a refusal: "a workload name is 1 to 100 characters ..." (caller frees). */
char *Names_allowedText(NameKind kind);

#endif
