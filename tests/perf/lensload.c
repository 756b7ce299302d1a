/* lensload.c: the floor under every walens command that reads a review:
 * parsing the embedded Machine Learning Lens, and nothing else.
 *
 *   lensload [N]   parses it N times (default 1); prints the mean time of
 *                  one parse in microseconds. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/lens.h"

static double now(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
   int n = argc > 1 ? atoi(argv[1]) : 1;
   double t0 = now();

   if (n < 1)
      n = 1;
   for (int i = 0; i < n; i++) {
      DiagList diags;
      Lens *lens;
      DiagList_init(&diags);
      lens = Lens_loadDefault(&diags);
      DiagList_free(&diags);
      if (!lens) {
         fprintf(stderr, "lensload: the default lens did not load\n");
         return 1;
      }
      Lens_free(lens);
   }
   printf("%.1f\n", (now() - t0) / n * 1e6);
   return 0;
}
