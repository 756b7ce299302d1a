/* edbuf.h: the text of the notes editor and of the prompt, a flat
 * wide-character buffer with a cursor, and its soft wrapping.  Pure: no
 * curses, unit-tested.
 *
 * The buffer holds the text as it is, not as it shows: what the user does
 * not edit goes back byte for byte.  Tabs, CRs, controls and bidi
 * characters stay in it; each byte of invalid UTF-8 is kept as one
 * character EDBUF_RAW_BYTE(byte), a lone surrogate no valid text holds.
 * Only what is drawn is cleaned (EdBuf_shown): a tab shows as a blank, a
 * CR that ends a line ("\r\n") not at all, anything unsafe as the
 * replacement character, as wtext.c's wTextClean() shows it.
 *
 * The cursor never sits between a character and the combining marks that
 * follow it, nor inside a "\r\n".  Wrapping breaks after blanks where it
 * can; a blank that overflows stays at the end of its line (the editor keeps
 * one spare column for it and for the cursor). */
#ifndef WALENS_TUI_LIB_EDBUF_H
#define WALENS_TUI_LIB_EDBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

typedef struct EdBuf {
   wchar_t *text; /* owned; not NUL-terminated */
   size_t len, cap;
   size_t cur; /* cursor, 0..len */
   int goal;   /* display column kept by up/down; -1 when unset */
   bool modified;
} EdBuf;

typedef struct EdLine {
   size_t start, len;
   int width;
   bool wrapped; /* ends by wrapping, not by '\n' or the end of the text */
} EdLine;

/* An invalid byte of the text (0x80..0xFF) as the buffer keeps it. */
#define EDBUF_RAW_BYTE(byte) ((wchar_t)(0xDC00 + (byte)))

/* Starts with utf8 (NULL for empty), kept as it is. */
void EdBuf_init(EdBuf *b, const char *utf8);
void EdBuf_free(EdBuf *b);
/* The text as it came in, with what was edited (caller frees). */
char *EdBuf_text(const EdBuf *b);

/* How the characters from..to show, into out (room for to - from): the
 * count written.  A "\r\n" shows as its '\n', a '\n' itself as a blank
 * (a line of the layout holds none). */
size_t EdBuf_shown(const EdBuf *b, size_t from, size_t to, wchar_t *out);
/* The columns the characters from..to take on the screen. */
int EdBuf_width(const EdBuf *b, size_t from, size_t to);

/* Inserts one character ('\n' included) at the cursor.  A zero-width mark
 * with nothing to attach to, and characters that are not text, are ignored. */
void EdBuf_insert(EdBuf *b, wchar_t c);
void EdBuf_backspace(EdBuf *b);
void EdBuf_delete(EdBuf *b);
void EdBuf_left(EdBuf *b);
void EdBuf_right(EdBuf *b);

/* Visual lines for a text width (>= 1); *lines is allocated (caller frees). */
size_t EdBuf_layout(const EdBuf *b, int width, EdLine **lines);
/* The cursor as a visual row and display column. */
void EdBuf_cursorXY(const EdBuf *b, int width, int *row, int *col);

void EdBuf_up(EdBuf *b, int width, int count); /* count visual lines up */
void EdBuf_down(EdBuf *b, int width, int count);
void EdBuf_home(EdBuf *b, int width); /* start of the visual line */
void EdBuf_end(EdBuf *b, int width);

#endif
