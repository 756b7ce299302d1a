/* workshop.h: a poll's ballots counted against its question (the reveal,
 * the consensus a leader accepts, the recap), and the JSON a poll's
 * acceptance leaves in the answer's history.
 *
 * A PollTally owns its strings; PollTally_free releases them. */
#ifndef WALENS_STORE_WORKSHOP_H
#define WALENS_STORE_WORKSHOP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lens.h"
#include "store/store.h"

typedef struct TallyRow {
   size_t choice;     /* index into the question's choices */
   size_t yes;        /* ballots that say the practice is in place */
   bool agreed;       /* every ballot says the same */
   bool majority;     /* more than half say it is in place */
   bool minority_yes; /* the names below said yes (else they said no) */
   char *minority;    /* who differed, "bob, carol"; NULL when agreed */
} TallyRow;

typedef struct PollTally {
   TallyRow *rows; /* one per choice of the question, in lens order */
   size_t n;
   size_t ballots;
   size_t split; /* rows not agreed */
} PollTally;

void PollTally_make(const Question *q, const Poll *p, PollTally *out);
void PollTally_free(PollTally *t);
/* {"poll": {"id", "ballots", "tally": {choice: yes, ...}, "accepted": [...]}}
 * as text (caller frees): the members the accepted answer's history row gets. */
char *PollTally_extra(const PollTally *t, const Question *q, const Poll *p, char *const *accepted,
                      size_t n_accepted);

#endif
