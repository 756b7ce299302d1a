/* when.c: relative times (see when.h). */
#include "config.h"

#include "tui/when.h"

#include <stdio.h>

#include "i18n.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's method):
 * timegm() is not POSIX. */
static long daysFromCivil(long y, unsigned m, unsigned d)
{
   long era;
   unsigned yoe, doy, doe;

   y -= m <= 2;
   era = (y >= 0 ? y : y - 399) / 400;
   yoe = (unsigned)(y - era * 400);
   doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
   doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
   return era * 146097 + (long)doe - 719468;
}

bool When_parse(const char *iso, time_t *out)
{
   int y, mo, d, h, mi, s, n = 0;

   if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6)
      return false;
   if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 || h < 0 || mi < 0 ||
       s < 0)
      return false;
   *out = (time_t)daysFromCivil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s;
   return true;
}

const char *When_ago(const char *iso, time_t now, char *buf, size_t size)
{
   time_t t;
   long diff;

   if (!When_parse(iso, &t)) {
      snprintf(buf, size, "%s", iso ? iso : "");
      return buf;
   }
   diff = (long)(now - t);
   if (diff < 60)
      snprintf(buf, size, "%s", _("just now")); /* also a clock slightly ahead */
   else if (diff < 3600)
      snprintf(buf, size, _("%ld min ago"), diff / 60);
   else if (diff < 86400)
      snprintf(buf, size, _("%ld h ago"), diff / 3600);
   else if (diff < 7 * 86400)
      snprintf(buf, size, _("%ld d ago"), diff / 86400);
   else
      snprintf(buf, size, "%.10s", iso);
   return buf;
}
