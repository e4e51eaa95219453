/* sums.c: sha256sum and md5sum, GNU coreutils' way: `HASH  NAME` lines
 * ("-" for standard input), --tag for BSD-style lines, and -c to check
 * such lines (`NAME: OK` or `NAME: FAILED`, with --quiet, --status and
 * GNU's closing warnings). The digests are FIPS 180-4's SHA-256 and RFC
 * 1321's MD5, written here. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "input.h"
#include "util.h"

/* Both digests work on 64-byte blocks and keep up to eight 32-bit words
 * of state: one running state serves either. */
struct digest_state {
    uint32_t words[8];
    uint64_t length;
    unsigned char block[64];
    size_t used;
};

/* ---- SHA-256 ------------------------------------------------------------------ */

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, int n) { return x >> n | x << (32 - n); }

static void sha256_block(uint32_t *state, const unsigned char *p) {
    uint32_t w[64], s[8];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ w[i - 15] >> 3;
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ w[i - 2] >> 10;
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    memcpy(s, state, sizeof s);
    for (int i = 0; i < 64; i++) {
        uint32_t e = s[4], a = s[0];
        uint32_t t1 = s[7] + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & s[5]) ^ (~e & s[6])) +
                      sha256_k[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & s[1]) ^ (a & s[2]) ^ (s[1] & s[2]));
        memmove(s + 1, s, 7 * sizeof *s);
        s[4] += t1;
        s[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++) state[i] += s[i];
}

static const uint32_t sha256_initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                           0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

/* ---- MD5 ------------------------------------------------------------------------ */

static const uint32_t md5_k[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

static const int md5_shift[16] = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

static void md5_block(uint32_t *state, const unsigned char *p) {
    uint32_t m[16], a = state[0], b = state[1], c = state[2], d = state[3];
    for (int i = 0; i < 16; i++)
        m[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 |
               (uint32_t)p[4 * i + 3] << 24;
    for (int i = 0; i < 64; i++) {
        uint32_t f;
        int g, round = i / 16;
        if (round == 0) f = (b & c) | (~b & d), g = i;
        else if (round == 1) f = (d & b) | (~d & c), g = (5 * i + 1) % 16;
        else if (round == 2) f = b ^ c ^ d, g = (3 * i + 5) % 16;
        else f = c ^ (b | ~d), g = (7 * i) % 16;
        uint32_t sum = a + f + md5_k[i] + m[g];
        int s = md5_shift[round * 4 + i % 4];
        a = d, d = c, c = b;
        b = b + (sum << s | sum >> (32 - s));
    }
    state[0] += a, state[1] += b, state[2] += c, state[3] += d;
}

static const uint32_t md5_initial[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};

/* ---- one driver over both ----------------------------------------------------- */

/* What tells the digests apart: SHA-256 is big-endian (FIPS 180-4), MD5
 * little-endian (RFC 1321), in the message length and in the result. */
struct algorithm {
    const char *tag;         /* SHA256, MD5 (for --tag and -c) */
    const char *description; /* for --help */
    int words;               /* 32-bit words of state, and of the result */
    int big_endian;
    const uint32_t *initial;
    void (*compress)(uint32_t *words, const unsigned char *block);
};

/* Byte `i` (0 = first) of the `size`-byte `value` in the digest's byte order. */
static unsigned char byte_of(const struct algorithm *algorithm, uint64_t value, int size, int i) {
    return (unsigned char)(value >> 8 * (algorithm->big_endian ? size - 1 - i : i));
}

static void add_byte(const struct algorithm *algorithm, struct digest_state *h, unsigned char c) {
    h->block[h->used++] = c;
    if (h->used == 64) algorithm->compress(h->words, h->block), h->used = 0;
}

/* Hashes `file` into `hex` (8 * words + 1 bytes); -1 with errno on a read error. */
static int digest(const struct algorithm *algorithm, FILE *file, char *hex) {
    unsigned char buffer[4096];
    struct digest_state h = {.length = 0, .used = 0};
    memcpy(h.words, algorithm->initial, (size_t)algorithm->words * sizeof *h.words);
    size_t got;
    while ((got = fread(buffer, 1, sizeof buffer, file)) > 0) {
        h.length += got;
        for (size_t i = 0; i < got; i++) add_byte(algorithm, &h, buffer[i]);
    }
    if (ferror(file)) return -1;
    uint64_t bits = h.length * 8;
    add_byte(algorithm, &h, 0x80);
    while (h.used != 56) add_byte(algorithm, &h, 0);
    for (int i = 0; i < 8; i++) add_byte(algorithm, &h, byte_of(algorithm, bits, 8, i));
    for (int i = 0; i < algorithm->words; i++)
        for (int j = 0; j < 4; j++)
            sprintf(hex + 8 * i + 2 * j, "%02x", byte_of(algorithm, h.words[i], 4, j));
    return 0;
}

/* Hashes the file `name` ("-": stdin); prints GNU's message on failure. */
static int hash_file(const struct algorithm *algorithm, const char *name, char *hex) {
    FILE *file = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
    if (!file) return warn_errno(errno, "%s", name), -1;
    int result = digest(algorithm, file, hex);
    if (result != 0) warn_errno(errno, "%s", name);
    if (file != stdin) fclose(file);
    return result;
}

/* A check line `HEX  NAME`, `HEX *NAME` or `TAG (NAME) = HEX`: 0 and its
 * parts, or -1 when it is improperly formatted. */
static int parse_check_line(const struct algorithm *algorithm, char *line, char **hex, char **name) {
    size_t tag_length = strlen(algorithm->tag);
    if (strncmp(line, algorithm->tag, tag_length) == 0 && strncmp(line + tag_length, " (", 2) == 0) {
        char *close = strstr(line, ") = ");
        if (!close) return -1;
        *close = '\0';
        *name = line + tag_length + 2;
        *hex = close + 4;
    } else {
        *hex = line;
        char *space = strchr(line, ' ');
        if (!space || (space[1] != ' ' && space[1] != '*')) return -1;
        *space = '\0';
        *name = space + 2;
    }
    if ((int)strlen(*hex) != 8 * algorithm->words || !**name) return -1;
    for (char *p = *hex; *p; p++)
        if (!strchr("0123456789abcdefABCDEF", *p)) return -1;
    return 0;
}

static int check(const struct algorithm *algorithm, const char *list, int quiet, int status_only) {
    FILE *file = open_input(list);
    if (!file) return 1;
    char *line = NULL;
    size_t size = 0;
    ssize_t got;
    long bad_lines = 0, failed = 0, unreadable = 0, good_lines = 0;
    while ((got = getline(&line, &size, file)) >= 0) {
        if (got > 0 && line[got - 1] == '\n') line[--got] = '\0';
        char *hex, *name, actual[65];
        if (parse_check_line(algorithm, line, &hex, &name) != 0) {
            bad_lines++;
            continue;
        }
        good_lines++;
        if (hash_file(algorithm, name, actual) != 0) {
            unreadable++;
            if (!status_only) printf("%s: FAILED open or read\n", name);
            continue;
        }
        int ok = strcasecmp(hex, actual) == 0;
        if (!ok) failed++;
        if (!status_only && (!ok || !quiet)) printf("%s: %s\n", name, ok ? "OK" : "FAILED");
    }
    free(line);
    close_input(file);
    fflush(stdout);
    if (good_lines == 0) {
        warnx_("%s: no properly formatted checksum lines found", quotef(list));
        return 1;
    }
    if (!status_only) {
        if (bad_lines)
            warnx_("WARNING: %ld line%s improperly formatted", bad_lines,
                   bad_lines == 1 ? " is" : "s are");
        if (unreadable)
            warnx_("WARNING: %ld listed file%s could not be read", unreadable,
                   unreadable == 1 ? "" : "s");
        if (failed)
            warnx_("WARNING: %ld computed checksum%s did NOT match", failed,
                   failed == 1 ? "" : "s");
    }
    return failed || unreadable ? 1 : 0;
}

static int sum_main(const struct algorithm *algorithm, int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"check", 'c', 0},   {"binary", 'b', 0}, {"text", 't', 0},     {"tag", 256, 0},
        {"quiet", 257, 0},   {"status", 258, 0}, {"warn", 'w', 0},     {"strict", 259, 0},
        {"zero", 'z', 0},    {"ignore-missing", 260, 0}, {NULL, 0, 0}};
    struct option_parser parser;
    int checking = 0, tag = 0, quiet = 0, status_only = 0, binary = 0, key, status = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP: {
            char text[512];
            snprintf(text, sizeof text,
                     "Print or check %s checksums.\n\n"
                     "  -b, --binary   read in binary mode (the same here)\n"
                     "  -c, --check    read checksums from the FILEs and check them\n"
                     "      --tag      create a BSD-style checksum\n"
                     "      --quiet    with -c, do not print OK for each verified file\n"
                     "      --status   with -c, print nothing; the exit status tells\n",
                     algorithm->description);
            return print_help("[OPTION]... [FILE]...", text);
        }
        case 'c': checking = 1; break;
        case 'b': binary = 1; break;
        case 't': binary = 0; break;
        case 256: tag = 1; break;
        case 257: quiet = 1; break;
        case 258: status_only = 1; break;
        default: break;
        }
    }
    static char *standard_input[] = {"-"};
    char **names = parser.operand_count ? parser.operands : standard_input;
    int count = parser.operand_count ? parser.operand_count : 1;
    if (checking && tag) {
        warnx_("the --tag option is meaningless when verifying checksums");
        return try_help();
    }
    for (int i = 0; i < count; i++) {
        if (checking) {
            status |= check(algorithm, names[i], quiet, status_only);
            continue;
        }
        char hex[65];
        if (hash_file(algorithm, names[i], hex) != 0) {
            status = 1;
            continue;
        }
        if (tag) printf("%s (%s) = %s\n", algorithm->tag, names[i], hex);
        else printf("%s %s%s\n", hex, binary ? "*" : " ", names[i]);
    }
    return status;
}

int sha256sum_main(int argc, char **argv) {
    static const struct algorithm sha256 = {"SHA256", "SHA256 (256-bit)", 8, 1,
                                            sha256_initial, sha256_block};
    return sum_main(&sha256, argc, argv);
}

int md5sum_main(int argc, char **argv) {
    static const struct algorithm md5 = {"MD5", "MD5 (128-bit)", 4, 0, md5_initial, md5_block};
    return sum_main(&md5, argc, argv);
}
