/* fuzz_import.c: `walens import` all the way into a database: the bundle
 * reader and then the store's own checks and writes (Store_importReview),
 * which fuzz_bundle does not reach.  The database is a temporary file,
 * started afresh every FRESH_EVERY inputs so it stays small; each input is
 * imported twice (the second time a name is taken) and its workload read
 * back as a report and a bundle would read it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "report/bundle.h"
#include "store/reviewdoc.h"
#include "store/store.h"

#define FRESH_EVERY 200

static char dbPath[64];
static Store *store;
static unsigned runs;

static void dropStore(void)
{
   Store_close(store);
   store = NULL;
   if (*dbPath) {
      char side[80];
      unlink(dbPath);
      snprintf(side, sizeof side, "%s-wal", dbPath);
      unlink(side);
      snprintf(side, sizeof side, "%s-shm", dbPath);
      unlink(side);
   }
}

static Store *freshStore(void)
{
   if (store && runs % FRESH_EVERY != 0)
      return store;
   dropStore();
   if (!*dbPath) {
      snprintf(dbPath, sizeof dbPath, "%s/walens-fuzz-import-%ld.db",
               getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
      atexit(dropStore);
   }
   char *err = NULL;
   if (Store_open(dbPath, 0, &store, &err) != STORE_OK) {
      fprintf(stderr, "fuzz_import: %s\n", err ? err : "cannot open the database");
      abort();
   }
   Store_setNow(store, "2026-11-28T10:00:00Z");
   return store;
}

/* Reads the imported workload the ways walens does after an import. */
static void readBack(Store *s, const char *name)
{
   ReviewDoc doc;
   DiagList d;
   DiagList_init(&d);
   char *err = NULL;
   if (ReviewDoc_load(s, name, &doc, &d, &err) == STORE_OK)
      ReviewDoc_free(&doc);
   free(err);
   DiagList_free(&d);
   char *text = NULL;
   err = NULL;
   (void)Bundle_export(s, name, &text, &err);
   free(text);
   free(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
   Store *s = freshStore();
   runs++;
   for (int i = 0; i < 2; i++) {
      char *name = NULL, *err = NULL;
      if (Bundle_import(s, (const char *)data, size, NULL, "fuzzer", &name, &err) == STORE_OK)
         readBack(s, name);
      free(name);
      free(err);
   }
   return 0;
}
