/* deflate.c: a streaming DEFLATE compressor into gzip members. LZ77 with
 * hash chains over a 32 KiB history finds the longest earlier match at each
 * position (greedy: no lazy evaluation), and the literals and matches are
 * coded with the fixed Huffman code of RFC 1951 section 3.2.6, so there is
 * no tree to build or send. The whole stream is one open fixed block, ended
 * at the finish by an empty final block. The level (1..9) bounds how far
 * the chains are searched, as it does in gzip. */
#include <stdlib.h>
#include <string.h>

#include "flate.h"

#define WSIZE 32768u
#define MIN_MATCH 3
#define MAX_MATCH 258
#define MIN_LOOKAHEAD (MAX_MATCH + MIN_MATCH + 1)
#define MAX_DISTANCE (WSIZE - MIN_LOOKAHEAD)
#define HASH_BITS 15
#define HASH_SIZE (1u << HASH_BITS)
#define NO_POS (-1)

struct deflater {
    struct byte_sink out;
    unsigned char window[2 * WSIZE];
    int head[HASH_SIZE];
    int prev[WSIZE];
    unsigned start;     /* the next position to code */
    unsigned lookahead; /* bytes from start not yet coded */
    int max_chain, nice_length;
    uint32_t bits;      /* output bit buffer, LSB first */
    int bit_count;
    unsigned char output[65536];
    size_t output_length;
    uint32_t crc;
    uint32_t size;
    int failed;
};

static int emit(struct deflater *d) {
    if (d->output_length == 0) return 0;
    if (d->out.write(d->out.context, d->output, d->output_length) < 0) d->failed = 1;
    d->output_length = 0;
    return d->failed ? -1 : 0;
}

static void put_byte(struct deflater *d, unsigned char byte) {
    if (d->output_length == sizeof d->output) emit(d);
    d->output[d->output_length++] = byte;
}

/* `count` bits of `value`, least significant first: DEFLATE's order for all but codes. */
static void put_bits(struct deflater *d, uint32_t value, int count) {
    d->bits |= value << d->bit_count;
    d->bit_count += count;
    while (d->bit_count >= 8) {
        put_byte(d, (unsigned char)d->bits);
        d->bits >>= 8;
        d->bit_count -= 8;
    }
}

/* A Huffman code of `length` bits goes out most significant bit first. */
static void put_code(struct deflater *d, unsigned code, int length) {
    unsigned reversed = 0;
    for (int i = 0; i < length; i++) reversed = (reversed << 1) | ((code >> i) & 1);
    put_bits(d, reversed, length);
}

/* The fixed literal/length code of RFC 1951 3.2.6. */
static void put_symbol(struct deflater *d, unsigned symbol) {
    if (symbol < 144) put_code(d, 0x30 + symbol, 8);
    else if (symbol < 256) put_code(d, 0x190 + symbol - 144, 9);
    else if (symbol < 280) put_code(d, symbol - 256, 7);
    else put_code(d, 0xc0 + symbol - 280, 8);
}

static const unsigned short length_base[29] = {3,  4,  5,  6,  7,  8,  9,  10,  11,  13,
                                               15, 17, 19, 23, 27, 31, 35, 43,  51,  59,
                                               67, 83, 99, 115, 131, 163, 195, 227, 258};
static const unsigned char length_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                               2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const unsigned short distance_base[30] = {
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const unsigned char distance_extra[30] = {0, 0, 0, 0, 1, 1, 2,  2,  3,  3,
                                                 4, 4, 5, 5, 6, 6, 7,  7,  8,  8,
                                                 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

static void put_match(struct deflater *d, unsigned length, unsigned distance) {
    int code = 28;
    while (length_base[code] > length) code--;
    put_symbol(d, 257 + (unsigned)code);
    put_bits(d, length - length_base[code], length_extra[code]);
    code = 29;
    while (distance_base[code] > distance) code--;
    put_code(d, (unsigned)code, 5);
    put_bits(d, distance - distance_base[code], distance_extra[code]);
}

static unsigned hash_at(const struct deflater *d, unsigned pos) {
    const unsigned char *p = d->window + pos;
    return ((unsigned)p[0] << 10 ^ (unsigned)p[1] << 5 ^ p[2]) & (HASH_SIZE - 1);
}

static void insert(struct deflater *d, unsigned pos) {
    unsigned h = hash_at(d, pos);
    d->prev[pos & (WSIZE - 1)] = d->head[h];
    d->head[h] = (int)pos;
}

/* The longest match for `start` in the chain, at least MIN_MATCH long, or 0. */
static unsigned longest_match(struct deflater *d, int chain_start, unsigned *distance) {
    unsigned best = 0, limit = d->lookahead < MAX_MATCH ? d->lookahead : MAX_MATCH;
    const unsigned char *here = d->window + d->start;
    int chain = d->max_chain;
    for (int candidate = chain_start; candidate != NO_POS && chain-- > 0;
         candidate = d->prev[(unsigned)candidate & (WSIZE - 1)]) {
        unsigned back = d->start - (unsigned)candidate;
        if (back == 0 || back > MAX_DISTANCE) break;
        const unsigned char *there = d->window + candidate;
        if (there[best] != here[best]) continue;
        unsigned length = 0;
        while (length < limit && there[length] == here[length]) length++;
        if (length > best) {
            best = length, *distance = back;
            if (length >= (unsigned)d->nice_length || length == limit) break;
        }
    }
    return best >= MIN_MATCH ? best : 0;
}

/* Moves the upper half of the window down, with the positions pointing into it. */
static void slide(struct deflater *d) {
    memmove(d->window, d->window + WSIZE, WSIZE);
    d->start -= WSIZE;
    for (unsigned i = 0; i < HASH_SIZE; i++)
        d->head[i] = d->head[i] >= (int)WSIZE ? d->head[i] - (int)WSIZE : NO_POS;
    for (unsigned i = 0; i < WSIZE; i++)
        d->prev[i] = d->prev[i] >= (int)WSIZE ? d->prev[i] - (int)WSIZE : NO_POS;
}

/* Codes input while at least `keep` bytes stay ahead (all of it when keep is 0). */
static void code(struct deflater *d, unsigned keep) {
    while (d->lookahead > keep) {
        unsigned distance = 0, length = 0;
        if (d->lookahead >= MIN_MATCH) {
            int chain = d->head[hash_at(d, d->start)];
            length = longest_match(d, chain, &distance);
            insert(d, d->start);
        }
        if (length) {
            put_match(d, length, distance);
            for (unsigned i = 1; i < length; i++)
                if (d->lookahead - i >= MIN_MATCH) insert(d, d->start + i);
            d->start += length, d->lookahead -= length;
        } else {
            put_symbol(d, d->window[d->start]);
            d->start++, d->lookahead--;
        }
    }
}

struct deflater *gzip_writer_new(struct byte_sink out, int level, const char *name,
                                 uint32_t mtime) {
    static const short chains[10] = {0, 4, 8, 32, 16, 32, 128, 256, 1024, 4096};
    static const short nice[10] = {0, 8, 16, 32, 16, 32, 128, 128, 258, 258};
    struct deflater *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    if (level < 1 || level > 9) level = 6;
    d->out = out;
    d->max_chain = chains[level], d->nice_length = nice[level];
    for (unsigned i = 0; i < HASH_SIZE; i++) d->head[i] = NO_POS;
    for (unsigned i = 0; i < WSIZE; i++) d->prev[i] = NO_POS;
    unsigned char header[10] = {0x1f, 0x8b, 8, name && *name ? 8 : 0, (unsigned char)mtime,
                                (unsigned char)(mtime >> 8), (unsigned char)(mtime >> 16),
                                (unsigned char)(mtime >> 24), level == 9 ? 2 : level == 1 ? 4 : 0,
                                3 /* Unix */};
    for (int i = 0; i < 10; i++) put_byte(d, header[i]);
    if (name && *name)
        for (const char *p = name; ; p++) {
            put_byte(d, (unsigned char)*p);
            if (!*p) break;
        }
    put_bits(d, 0 /* not final */ | 1 << 1 /* fixed Huffman */, 3);
    return d;
}

int gzip_writer_write(struct deflater *d, const unsigned char *bytes, size_t length) {
    d->crc = crc32_update(d->crc, bytes, length);
    d->size += (uint32_t)length;
    while (length > 0 && !d->failed) {
        if (d->start + d->lookahead == 2 * WSIZE) {
            code(d, MIN_LOOKAHEAD);
            if (d->start >= WSIZE) slide(d);
        }
        size_t room = 2 * WSIZE - (d->start + d->lookahead);
        size_t take = length < room ? length : room;
        memcpy(d->window + d->start + d->lookahead, bytes, take);
        d->lookahead += (unsigned)take;
        bytes += take, length -= take;
    }
    return d->failed ? -1 : 0;
}

int gzip_writer_finish(struct deflater *d) {
    code(d, 0);
    put_symbol(d, 256);                /* ends the open block */
    put_bits(d, 1 | 1 << 1, 3);        /* a final, empty fixed block */
    put_symbol(d, 256);
    if (d->bit_count > 0) put_bits(d, 0, 8 - d->bit_count);
    for (int i = 0; i < 4; i++) put_byte(d, (unsigned char)(d->crc >> (8 * i)));
    for (int i = 0; i < 4; i++) put_byte(d, (unsigned char)(d->size >> (8 * i)));
    emit(d);
    int failed = d->failed;
    free(d);
    return failed ? -1 : 0;
}
