/* sha256.h: SHA-256 (FIPS 180-4), enough to fingerprint a lens text.
 *
 * The hashing is nettle's (nettle/sha2.h); this header keeps the few calls
 * walens makes in one place, with the lower-case hex form lens fingerprints
 * are stored in. */
#ifndef WALENS_CORE_SHA256_H
#define WALENS_CORE_SHA256_H

#include <stddef.h>

#include <nettle/sha2.h>

/* A running hash; on the stack, nothing to free. */
typedef struct Sha256 {
   struct sha256_ctx ctx;
} Sha256;

void Sha256_init(Sha256 *s);
void Sha256_update(Sha256 *s, const void *data, size_t len);
/* Writes the 32-byte digest; s starts over afterwards (as after init). */
void Sha256_final(Sha256 *s, unsigned char digest[32]);
/* One call: writes 64 lower-case hex digits and a NUL into hex[65]. */
void Sha256_hex(const void *data, size_t len, char hex[65]);

#endif
