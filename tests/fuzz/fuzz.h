/* fuzz.h: what the fuzz harnesses share (tests/fuzz only).
 *
 * Each harness defines LLVMFuzzerTestOneInput().  Built with
 * `./configure --enable-fuzz CC=clang` it links libFuzzer; otherwise it links
 * driver.c, a main() that feeds it the files named on the command line, so
 * that every input that once crashed stays in `make check`. */
#ifndef WALENS_FUZZ_H
#define WALENS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/lens.h"
#include "core/lens_build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Walks a loaded lens the way the program does (risk of every question under
 * a few answers, the matrix, the plan, every diagnostic formatted), so that a
 * lens the loader accepts but the rest of walens cannot handle is found too.
 * lens may be NULL.  Frees nothing. */
void Fuzz_exercise(const Lens *lens, const DiagList *diags, const uint8_t *data, size_t size);

/* The syntax layer's tree (root, may be NULL; freed here) through every
 * check into diags (the parser's own already there; the caller frees it),
 * then Fuzz_exercise on what came of it.  The harnesses call their parser
 * directly: Lens_loadBuffer would hand a '{' to JSON. */
void Fuzz_build(LNode *root, const char *name, LensFormat format, DiagList *diags,
                const uint8_t *data, size_t size);

#endif
