/* leadline.h: the workshop's part of the top bar (pure): who leads or whom
 * this session follows, and the agenda's current item with its clock,
 * fitted into the columns there are. */
#ifndef WALENS_TUI_LIB_LEADLINE_H
#define WALENS_TUI_LIB_LEADLINE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct LeadLine {
   const char *leader;  /* who leads, or NULL: nobody */
   bool following;      /* this session follows the leader */
   const char *item;    /* the current agenda item's label, or NULL: no clock */
   const char *clock;   /* "12:30 left", "2:00 over" (AgendaFile_clock) */
   size_t index, count; /* the item's place, from 1, of count items */
   bool utf8;           /* the star in UTF-8, else "*" */
} LeadLine;

/* "★ alice leads · Data processing · 12:30 left (3 of 8)", or
 * "★ following alice · ..."; what does not fit in width columns goes in
 * this order: the item's place, the item's name, the agenda.  NULL when
 * there is nothing to say (nobody leads, no item running).  Caller frees. */
char *LeadLine_text(const LeadLine *l, int width);

#endif
