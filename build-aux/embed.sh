#!/bin/sh
# embed.sh SYMBOL FILE: writes C source defining SYMBOL (the bytes of FILE,
# NUL-terminated) and SYMBOL_len (their count, without the NUL).
set -eu
sym=$1 file=$2
printf '/* Generated from %s by build-aux/embed.sh: do not edit. */\n' "$file"
printf '#include <stddef.h>\n'
printf 'extern const unsigned char %s[];\nextern const size_t %s_len;\n' "$sym" "$sym"
printf 'const unsigned char %s[] = {\n' "$sym"
od -An -v -tx1 "$file" | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'
printf '0x00 };\n'
printf 'const size_t %s_len = %s;\n' "$sym" "$(wc -c < "$file" | tr -d ' ')"
