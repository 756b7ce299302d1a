/* version.h: what `walens --version` prints. */
#ifndef WALENS_VERSION_H
#define WALENS_VERSION_H

#include <stdio.h>

/* Writes "walens VERSION" and, on a second line, the versions of the
 * libraries this process runs with (not the ones it was built against:
 * a bug report needs what is loaded). */
void Version_print(FILE *out);

#endif
