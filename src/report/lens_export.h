/* lens_export.h: a loaded lens written back out, as an AWS custom lens
 * (what the Well-Architected Tool imports) or as walens's native YAML.
 *
 * AWS form: the walens extensions are removed (id, version, phases, a
 * question's phase, a choice's risk weight and description, a pillar's
 * description); derived risk rules are written out with Cond_format; a
 * question of a lens with phases gets its phase name as a title prefix,
 * "[Data processing] How do you ...", so the grouping survives.  AWS limits
 * are met: text too long for a field is shortened at a word boundary with
 * "…" (a warning says where; a shortened question title also starts the
 * question's description in full), a url that does not start with http://
 * or https:// is left out (warning); a question without a `default` rule
 * is a warning (adding one would change the risks; ids outside the AWS
 * pattern are the loader's warnings, and are kept for the same reason).
 * Counts past a limit (pillars, questions per pillar, choices, rules)
 * cannot be fixed without changing the lens: errors.
 *
 * Native form: every field the loader reads, extensions included, with
 * YAML quoting chosen by libyaml's emitter (a string that would read as
 * another type is quoted); riskRules only where the lens file had them.
 *
 * Loading either output gives the same question ids, choice ids and risk
 * for every answer as the lens it came from. */
#ifndef WALENS_LENS_EXPORT_H
#define WALENS_LENS_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/lens.h"

typedef enum { LENS_EXPORT_AWS_JSON, LENS_EXPORT_YAML } LensExportFormat;

/* "aws-json" or "yaml". */
bool LensExport_parseFormat(const char *name, LensExportFormat *out);

/* AWS limits (reference §6). */
enum {
   AWS_MAX_NAME = 128,
   AWS_MAX_TEXT = 2048,
   AWS_MAX_PILLARS = 10,
   AWS_MAX_QUESTIONS = 20, /* per pillar */
   AWS_MAX_CHOICES = 15,
   AWS_MAX_RULES = 3,
   AWS_MAX_CONTENT = 5,   /* additionalResources items per type */
   AWS_MAX_FILE = 500000, /* bytes */
};

/* Renders lens; returns the text (caller frees; *len its length, may be
 * NULL) or NULL after an error.  Diagnostics name `file` (what the user
 * called the lens) and a JSON path such as pillars[0].questions[2]. */
char *LensExport_render(const Lens *lens, LensExportFormat format, const char *file,
                        DiagList *diags, size_t *len);

#endif
