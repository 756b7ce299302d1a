/* fuzz_json.c: the AWS custom lens JSON loader (jansson -> tree -> Lens with
 * every check), then what the program does with the lens it got. */
#include "config.h"

#include "core/lens_build.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
   if (size > LENS_MAX_FILE_SIZE)
      return 0; /* refused before parsing by Lens_loadBuffer */
   DiagList diags;
   DiagList_init(&diags);
   LNode *root = LensJson_parse("fuzz.json", (const char *)data, size, &diags);
   Fuzz_build(root, "fuzz.json", LENS_JSON, &diags, data, size);
   DiagList_free(&diags);
   /* And the public entry point, which sniffs the syntax and hashes the text. */
   DiagList_init(&diags);
   Lens *lens = Lens_loadBuffer("fuzz", (const char *)data, size, &diags);
   Lens_free(lens);
   DiagList_free(&diags);
   return 0;
}
