/* sha256bench: a CPU-bound workload for the benchmarks.
 *
 *   sha256bench [BYTES]
 *
 * Generates BYTES (default 64 MiB) of a deterministic pattern in memory and
 * prints their SHA-256 digest in hex followed by a newline. Almost all of the
 * time goes into compression rounds, with no syscall, so the same program
 * built natively and to WASI compares raw code speed.
 *
 * The pattern is generated and hashed 1 MiB at a time in one reused buffer,
 * not all at once: the program's memory stays small whatever BYTES is. (A
 * 64 MiB wasm memory also trips a Node 20 crash: a GC inside node:wasi's
 * fast fd_write call frees the live WASI object and aborts the process.)
 *
 * The pattern is the output of xorshift32 (shifts 13, 17, 5) seeded with
 * 0x9E3779B9, each 32-bit state after a step stored little-endian; a length
 * that is not a multiple of 4 keeps the first bytes of the last word. Tests
 * regenerate it in JavaScript to check the digest against node:crypto.
 *
 * SHA-256 itself follows FIPS 180-4, sections 4.1.2, 4.2.2, 5.1.1, 5.3.3
 * and 6.2. The file holds both the hash and the program because the build
 * compiles each program directory without its own headers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- SHA-256 (FIPS 180-4) --------------------------------------------- */

/* The first 32 bits of the fractional parts of the cube roots of the first
 * 64 primes (section 4.2.2). */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
};

struct sha256 {
    uint32_t state[8];
    uint8_t block[64];
    size_t block_used; /* bytes waiting in block, always < 64 between calls */
    uint64_t length;   /* message length so far, in bytes */
};

static inline uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void sha256_init(struct sha256 *h) {
    /* Section 5.3.3: square roots of the first 8 primes. */
    static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(h->state, initial, sizeof initial);
    h->block_used = 0;
    h->length = 0;
}

/* Section 6.2.2: one 512-bit block into the state. */
static void sha256_compress(uint32_t state[8], const uint8_t block[64]) {
    uint32_t w[64];
    for (int t = 0; t < 16; t++) {
        w[t] = (uint32_t)block[4 * t] << 24 | (uint32_t)block[4 * t + 1] << 16 |
               (uint32_t)block[4 * t + 2] << 8 | (uint32_t)block[4 * t + 3];
    }
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = s1 + w[t - 7] + s0 + w[t - 16];
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 64; t++) {
        uint32_t big_sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        uint32_t choose = (e & f) ^ (~e & g);
        uint32_t t1 = h + big_sigma1 + choose + K[t] + w[t];
        uint32_t big_sigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        uint32_t t2 = big_sigma0 + majority;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

static void sha256_update(struct sha256 *h, const uint8_t *data, size_t size) {
    h->length += size;
    if (h->block_used > 0) {
        size_t take = 64 - h->block_used;
        if (take > size) take = size;
        memcpy(h->block + h->block_used, data, take);
        h->block_used += take;
        data += take;
        size -= take;
        if (h->block_used < 64) return;
        sha256_compress(h->state, h->block);
        h->block_used = 0;
    }
    for (; size >= 64; data += 64, size -= 64) sha256_compress(h->state, data);
    memcpy(h->block, data, size);
    h->block_used = size;
}

/* Section 5.1.1: append 0x80, zeros to 56 mod 64, then the length in bits
 * as a big-endian 64-bit integer; the digest is the state, big-endian. */
static void sha256_final(struct sha256 *h, uint8_t digest[32]) {
    uint64_t bits = h->length * 8;
    h->block[h->block_used++] = 0x80;
    if (h->block_used > 56) {
        memset(h->block + h->block_used, 0, 64 - h->block_used);
        sha256_compress(h->state, h->block);
        h->block_used = 0;
    }
    memset(h->block + h->block_used, 0, 56 - h->block_used);
    for (int i = 0; i < 8; i++) h->block[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    sha256_compress(h->state, h->block);
    for (int i = 0; i < 8; i++) {
        digest[4 * i] = (uint8_t)(h->state[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(h->state[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(h->state[i] >> 8);
        digest[4 * i + 3] = (uint8_t)h->state[i];
    }
}

/* ---- the program ------------------------------------------------------ */

#define BUFFER_BYTES (1024 * 1024)

/* Fills bytes[0..size) with the next bytes of the pattern; `state` carries
 * xorshift32 from one call to the next. size is a multiple of 4 except in
 * the last call. */
static void fill_pattern(uint32_t *state, uint8_t *bytes, size_t size) {
    uint32_t x = *state;
    for (size_t i = 0; i < size; i += 4) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        for (size_t j = 0; j < 4 && i + j < size; j++) bytes[i + j] = (uint8_t)(x >> (8 * j));
    }
    *state = x;
}

int main(int argc, char **argv) {
    size_t size = 64u * 1024 * 1024;
    if (argc > 1) {
        char *end;
        unsigned long long requested = strtoull(argv[1], &end, 10);
        if (*argv[1] == '\0' || *end != '\0' || requested > SIZE_MAX / 2) {
            fprintf(stderr, "usage: sha256bench [BYTES]\n");
            return 2;
        }
        size = (size_t)requested;
    }
    uint8_t *buffer = malloc(BUFFER_BYTES);
    if (buffer == NULL) {
        fprintf(stderr, "sha256bench: cannot allocate %d bytes\n", BUFFER_BYTES);
        return 1;
    }
    uint32_t pattern = 0x9E3779B9u;
    struct sha256 hash;
    uint8_t digest[32];
    sha256_init(&hash);
    for (size_t done = 0; done < size;) {
        size_t chunk = size - done < BUFFER_BYTES ? size - done : BUFFER_BYTES;
        fill_pattern(&pattern, buffer, chunk);
        sha256_update(&hash, buffer, chunk);
        done += chunk;
    }
    sha256_final(&hash, digest);
    free(buffer);
    for (int i = 0; i < 32; i++) printf("%02x", digest[i]);
    printf("\n");
    return 0;
}
