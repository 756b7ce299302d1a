/* sha256.c: SHA-256 by nettle (see sha256.h). */
#include "config.h"

#include "core/sha256.h"

#include <nettle/version.h>

_Static_assert(SHA256_DIGEST_SIZE == 32, "a SHA-256 digest is 32 bytes");

void Sha256_init(Sha256 *s)
{
   sha256_init(&s->ctx);
}

void Sha256_update(Sha256 *s, const void *data, size_t len)
{
   sha256_update(&s->ctx, len, data);
}

void Sha256_final(Sha256 *s, unsigned char digest[32])
{
   /* nettle 4 dropped the length argument: the digest is always whole. */
#if NETTLE_VERSION_MAJOR >= 4
   sha256_digest(&s->ctx, digest);
#else
   sha256_digest(&s->ctx, SHA256_DIGEST_SIZE, digest);
#endif
}

void Sha256_hex(const void *data, size_t len, char hex[65])
{
   static const char digits[] = "0123456789abcdef";
   unsigned char d[SHA256_DIGEST_SIZE];
   Sha256 s;

   Sha256_init(&s);
   Sha256_update(&s, data, len);
   Sha256_final(&s, d);
   for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
      hex[2 * i] = digits[d[i] >> 4];
      hex[2 * i + 1] = digits[d[i] & 15];
   }
   hex[64] = '\0';
}
