/* store_time.c: the store's clock and its dates.
 *
 * Timestamps are ISO 8601 UTC, "YYYY-MM-DDTHH:MM:SSZ": they sort as text,
 * which is how presence ages and history order are compared in SQL.  The
 * conversions are done by hand (days from the civil calendar) because timegm()
 * is not POSIX. */
#include "config.h"

#include <string.h>

#include "store/store_internal.h"

static bool isLeap(long y)
{
   return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int daysInMonth(long y, int m)
{
   static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
   return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static long daysFromCivil(long y, int m, int d)
{
   y -= m <= 2;
   long era = (y >= 0 ? y : y - 399) / 400;
   long yoe = y - era * 400;
   long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
   long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
   return era * 146097 + doe - 719468;
}

/* Reads n digits at s; false if any is not a digit. */
static bool digits(const char *s, int n, int *out)
{
   int v = 0;
   for (int i = 0; i < n; i++) {
      if (s[i] < '0' || s[i] > '9')
         return false;
      v = v * 10 + (s[i] - '0');
   }
   *out = v;
   return true;
}

/* "YYYY-MM-DD" at the start of s, a real day of years 0001..9999. */
static bool parseDate(const char *s, int *y, int *m, int *d)
{
   if (!digits(s, 4, y) || s[4] != '-' || !digits(s + 5, 2, m) || s[7] != '-' ||
       !digits(s + 8, 2, d))
      return false;
   return *y >= 1 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= daysInMonth(*y, *m);
}

bool StoreTime_validDate(const char *ymd)
{
   int y, m, d;
   return ymd && strlen(ymd) == 10 && parseDate(ymd, &y, &m, &d);
}

bool StoreTime_parse(const char *iso, time_t *out)
{
   int y, mo, d, h, mi, se;
   if (!iso || strlen(iso) != STORE_TIME_LEN - 1 || !parseDate(iso, &y, &mo, &d))
      return false;
   const char *t = iso + 10;
   if (t[0] != 'T' || !digits(t + 1, 2, &h) || t[3] != ':' || !digits(t + 4, 2, &mi) ||
       t[6] != ':' || !digits(t + 7, 2, &se) || t[9] != 'Z')
      return false;
   if (h > 23 || mi > 59 || se > 59)
      return false;
   *out = (time_t)daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
   return true;
}

void StoreTime_format(time_t t, char out[STORE_TIME_LEN])
{
   struct tm tm;
   if (!gmtime_r(&t, &tm) || strftime(out, STORE_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
      strcpy(out, "1970-01-01T00:00:00Z"); /* a clock beyond year 9999 */
}

void StoreTime_now(const Store *s, char out[STORE_TIME_LEN])
{
   if (s->now[0]) {
      memcpy(out, s->now, STORE_TIME_LEN);
      return;
   }
   StoreTime_format(time(NULL), out);
}
