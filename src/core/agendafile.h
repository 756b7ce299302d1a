/* agendafile.h: a workshop agenda read from a YAML file, checked against
 * the workload's lens, and what an agenda item covers.
 *
 *     agenda:
 *       - phase: data_processing
 *         minutes: 30
 *       - cell: data_processing/security   # PHASE/PILLAR
 *         minutes: 15
 *         title: Data security
 *       - questions: [MLDP01, MLDP02]
 *         minutes: 10
 *
 * Each item names one of phase, pillar, cell or questions, and its minutes
 * (1 to 1440); title is optional.  Errors are FILE:LINE:COL diagnostics. */
#ifndef WALENS_CORE_AGENDAFILE_H
#define WALENS_CORE_AGENDAFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/lens.h"

typedef struct AgendaFileItem {
   char *kind;   /* "phase", "pillar", "cell", "questions" */
   char *target; /* the id, "PHASE/PILLAR", or question ids separated by blanks */
   char *title;  /* or NULL */
   int minutes;
} AgendaFileItem;

/* Reads an agenda file (no FIFOs or devices, at most 256 KiB) into *out
 * (caller frees with AgendaFile_free).  False, with every problem in diags,
 * when the file has an error: then *out is NULL. */
bool AgendaFile_load(const char *path, const Lens *lens, AgendaFileItem **out, size_t *n,
                     DiagList *diags);
void AgendaFile_free(AgendaFileItem *items, size_t n);

/* Does the item (kind, target) cover question q of lens? */
bool AgendaFile_covers(const Lens *lens, const char *kind, const char *target, size_t q);
/* What the item is about, for a header or a report: the title when set,
 * else the phase's or pillar's name, "Phase · Pillar", or the question ids
 * (caller frees). */
char *AgendaFile_label(const Lens *lens, const char *kind, const char *target, const char *title);

/* The clock of an item: "12:30 left", or "2:10 over" once spent passes
 * its minutes (translated; the word, not a colour, says which). */
void AgendaFile_clock(char *buf, size_t size, int64_t spent_s, int minutes);

#endif
