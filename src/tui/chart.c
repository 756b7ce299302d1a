/* chart.c: block-character charts (see chart.h). */
#include "config.h"

#include "tui/chart.h"

#include <string.h>

#include "core/xalloc.h"

int Chart_level(size_t v, size_t max, int height)
{
   unsigned long long top, e;

   if (v == 0 || height < 1)
      return 0;
   if (max == 0 || v >= max)
      return 8 * height;
   top = 8ull * (unsigned)height;
   e = ((unsigned long long)v * top + max - 1) / max; /* rounds up: never 0 for v > 0 */
   return e < 1 ? 1 : e > top ? (int)top : (int)e;
}

size_t Chart_max(const size_t *values, size_t n)
{
   size_t m = 1;

   for (size_t i = 0; i < n; i++)
      m = values[i] > m ? values[i] : m;
   return m;
}

char *Chart_row(const size_t *values, size_t n, size_t max, int height, int row, bool utf8)
{
   static const char *const blocks[9] = {
      " ",
      "\xe2\x96\x81",
      "\xe2\x96\x82",
      "\xe2\x96\x83",
      "\xe2\x96\x84", /* ▁▂▃▄ */
      "\xe2\x96\x85",
      "\xe2\x96\x86",
      "\xe2\x96\x87",
      "\xe2\x96\x88", /* ▅▆▇█ */
   };
   static const char ascii[] = " .:-=+*%#";
   char *out = xmalloc(n * 3 + 1), *p = out;
   int from_bottom = height - 1 - row;

   for (size_t i = 0; i < n; i++) {
      int e = Chart_level(values[i], max, height) - 8 * from_bottom;
      e = e < 0 ? 0 : e > 8 ? 8 : e;
      if (utf8) {
         size_t len = strlen(blocks[e]);
         memcpy(p, blocks[e], len);
         p += len;
      } else {
         *p++ = ascii[e];
      }
   }
   *p = '\0';
   return out;
}
