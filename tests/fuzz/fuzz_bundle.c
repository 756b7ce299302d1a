/* fuzz_bundle.c: the review bundle reader behind `walens import`, which runs
 * every check an import makes before it writes (Bundle_validate). */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "report/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
   char *err = NULL;
   (void)Bundle_validate((const char *)data, size, &err);
   free(err);
   return 0;
}
