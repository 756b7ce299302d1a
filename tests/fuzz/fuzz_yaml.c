/* fuzz_yaml.c: the YAML lens loader (libyaml events -> tree -> Lens with
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
   /* The syntax layer directly: Lens_loadBuffer would hand a '{' to JSON. */
   LNode *root = LensYaml_parse("fuzz.yaml", (const char *)data, size, &diags);
   Fuzz_build(root, "fuzz.yaml", LENS_YAML, &diags, data, size);
   DiagList_free(&diags);
   return 0;
}
