/* input.h: keys as walens sees them, decoded from wgetch() values.
 *
 * wgetch() hands over single bytes for ordinary input and codes above 255
 * for function keys.  Walens decodes UTF-8 itself, so that an invalid byte
 * is dropped without swallowing the keys that follow it.  A key is an int:
 * a Unicode code point, or KFN(curses key code) for function keys, so that
 * KEY_* codes never collide with characters such as U+0102. */
#ifndef WALENS_TUI_INPUT_H
#define WALENS_TUI_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#define KEY_FN_FLAG 0x40000000
#define KFN(k) (KEY_FN_FLAG | (k))
#define KCTRL(c) ((c)&0x1f)
#define KESC 27
#define KDEL 127

typedef struct InputDecoder {
   unsigned char buf[4];
   size_t have, need;
   bool utf8;     /* the locale's codeset is UTF-8: decoded here */
   mbstate_t mbs; /* otherwise the C library decodes the locale's codeset */
} InputDecoder;

void Input_init(InputDecoder *d, bool utf8);

/* Feeds one wgetch() value (not ERR).  Returns true and sets *key when a key
 * is complete; false while a sequence is incomplete or after dropping an
 * invalid one. */
bool Input_feed(InputDecoder *d, int c, int *key);

/* True for keys that insert themselves into text (printable characters). */
bool Input_isText(int key);

/* A short name for the help screen: "q", "Enter", "Esc", "^S", "F1", "↑"
 * (or "Up" outside UTF-8).  Writes into buf and returns it. */
const char *Input_keyName(int key, bool utf8, char *buf, size_t size);

#endif
