/* sha256.h: SHA-256 (FIPS 180-4), enough to fingerprint a lens text. */
#ifndef WALENS_SHA256_H
#define WALENS_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct Sha256 {
   uint32_t h[8];
   uint64_t total; /* bytes fed so far */
   unsigned char block[64];
   size_t used; /* bytes waiting in block */
} Sha256;

void Sha256_init(Sha256 *s);
void Sha256_update(Sha256 *s, const void *data, size_t len);
void Sha256_final(Sha256 *s, unsigned char digest[32]);
/* One call: writes 64 lower-case hex digits and a NUL into hex[65]. */
void Sha256_hex(const void *data, size_t len, char hex[65]);

#endif
