/* histfmt.h: history entries as words ("selected Q1_a; notes changed").
 *
 * The store keeps each change's before and after states as JSON objects;
 * this turns a pair into a short readable change for the CLI, the TUI and
 * reports.  Kinds: answer, plan, workload, milestone. */
#ifndef WALENS_STORE_HISTFMT_H
#define WALENS_STORE_HISTFMT_H

#include "store/store.h"

/* One line, never empty (caller frees).  Examples:
 *   answer:    "selected Q1_a, Q1_b; unselected Q1_c; notes changed"
 *              "marked not applicable (OUT_OF_SCOPE)", "answered again"
 *              "removed by lens upgrade", "confirmed after lens upgrade"
 *   plan:      "status open -> in progress; owner set to alice; due 2026-12-01"
 *              (statuses as shown, translated)
 *   workload:  "created", "renamed from a to b", "archived", "lens small 1.0 -> 2.0"
 *   milestone: "milestone saved"
 * An undo, a revert or a restored version says so at the end ("undo of
 * change 12").  A change it cannot read (damaged JSON) reads "changed". */
char *HistoryEntry_describe(const HistoryEntry *e);

/* For an answer change that changed the question's notes: true, with the
 * notes before and after it in *before and *after (allocated; NULL for
 * none).  false (both NULL) for every other entry. */
bool HistoryEntry_notes(const HistoryEntry *e, char **before, char **after);

#endif
