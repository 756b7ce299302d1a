/* sha256.c: a small, portable SHA-256 following FIPS 180-4. */
#include "config.h"

#include "core/sha256.h"

#include <string.h>

static const uint32_t K[64] = {
   0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
   0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
   0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
   0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
   0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
   0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
   0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
   0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, unsigned n)
{
   return (x >> n) | (x << (32 - n));
}

static uint32_t load_be32(const unsigned char *p)
{
   return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void store_be32(unsigned char *p, uint32_t v)
{
   p[0] = (unsigned char)(v >> 24);
   p[1] = (unsigned char)(v >> 16);
   p[2] = (unsigned char)(v >> 8);
   p[3] = (unsigned char)v;
}

static void schedule(const unsigned char *block, uint32_t w[64])
{
   for (int i = 0; i < 16; i++)
      w[i] = load_be32(block + 4 * i);
   for (int i = 16; i < 64; i++) {
      uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
   }
}

static void compress(uint32_t h[8], const unsigned char *block)
{
   uint32_t w[64], v[8];
   schedule(block, w);
   memcpy(v, h, sizeof v);
   for (int i = 0; i < 64; i++) {
      uint32_t s1 = ror(v[4], 6) ^ ror(v[4], 11) ^ ror(v[4], 25);
      uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
      uint32_t t1 = v[7] + s1 + ch + K[i] + w[i];
      uint32_t s0 = ror(v[0], 2) ^ ror(v[0], 13) ^ ror(v[0], 22);
      uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
      memmove(v + 1, v, 7 * sizeof *v);
      v[4] += t1;
      v[0] = t1 + s0 + maj;
   }
   for (int i = 0; i < 8; i++)
      h[i] += v[i];
}

void Sha256_init(Sha256 *s)
{
   static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
   memcpy(s->h, iv, sizeof iv);
   s->total = 0;
   s->used = 0;
}

void Sha256_update(Sha256 *s, const void *data, size_t len)
{
   const unsigned char *p = data;
   s->total += len;
   while (len) {
      size_t n = 64 - s->used;
      if (n > len)
         n = len;
      memcpy(s->block + s->used, p, n);
      s->used += n;
      p += n;
      len -= n;
      if (s->used == 64) {
         compress(s->h, s->block);
         s->used = 0;
      }
   }
}

void Sha256_final(Sha256 *s, unsigned char digest[32])
{
   uint64_t bits = s->total * 8;
   s->block[s->used++] = 0x80;
   if (s->used > 56) {
      memset(s->block + s->used, 0, 64 - s->used);
      compress(s->h, s->block);
      s->used = 0;
   }
   memset(s->block + s->used, 0, 56 - s->used);
   store_be32(s->block + 56, (uint32_t)(bits >> 32));
   store_be32(s->block + 60, (uint32_t)bits);
   compress(s->h, s->block);
   for (int i = 0; i < 8; i++)
      store_be32(digest + 4 * i, s->h[i]);
}

void Sha256_hex(const void *data, size_t len, char hex[65])
{
   static const char digits[] = "0123456789abcdef";
   unsigned char d[32];
   Sha256 s;
   Sha256_init(&s);
   Sha256_update(&s, data, len);
   Sha256_final(&s, d);
   for (int i = 0; i < 32; i++) {
      hex[2 * i] = digits[d[i] >> 4];
      hex[2 * i + 1] = digits[d[i] & 15];
   }
   hex[64] = '\0';
}
