/* inflate.c: decoding of DEFLATE streams (RFC 1951): stored, fixed-Huffman
 * and dynamic-Huffman blocks. Huffman codes are canonical, so a code is
 * decoded bit by bit from the count of codes of each length (at most 15
 * steps), which is slower than table lookup but small and obviously right.
 * Output goes through a 32 KiB history window (back-references reach at most
 * 32768 bytes back) that is flushed to the sink as it fills. */
#include <errno.h>
#include <string.h>

#include "flate.h"

#define MAX_BITS 15
#define WINDOW (1u << 16) /* twice the largest distance, so a flush keeps a full history */

struct huffman {
    short count[MAX_BITS + 1]; /* codes of each length */
    short symbol[320];         /* symbols in canonical order */
};

struct inflater {
    struct input *in;
    struct byte_sink out;
    unsigned char window[WINDOW];
    size_t fill;               /* bytes in the window */
    size_t flushed;            /* window[0, flushed) was written to the sink */
    unsigned long long total;  /* bytes produced */
    uint32_t *crc;
    int failed;                /* an enum flate_status once something went wrong */
};

void input_init(struct input *in, struct byte_source source) {
    memset(in, 0, sizeof *in);
    in->source = source;
}

int input_byte(struct input *in) {
    if (in->at == in->end) {
        if (in->eof) return -1;
        long got;
        do got = in->source.read(in->source.context, in->buffer, sizeof in->buffer);
        while (got < 0 && errno == EINTR);
        if (got <= 0) {
            in->eof = 1;
            if (got < 0) in->error = errno ? errno : EIO;
            return -1;
        }
        in->at = 0, in->end = (size_t)got;
    }
    in->consumed++;
    return in->buffer[in->at++];
}

/* `count` bits (up to 16), LSB first; -1 when the input ends. */
static long bits(struct inflater *s, int count) {
    struct input *in = s->in;
    while (in->bit_count < count) {
        int byte = input_byte(in);
        if (byte < 0) return -1;
        in->bits |= (uint32_t)byte << in->bit_count;
        in->bit_count += 8;
    }
    long value = (long)(in->bits & ((1u << count) - 1));
    in->bits >>= count;
    in->bit_count -= count;
    return value;
}

static enum flate_status ended(struct inflater *s) {
    return s->in->error ? FLATE_READ : FLATE_TRUNCATED;
}

static int flush(struct inflater *s, size_t from, size_t to) {
    if (to <= from) return 0;
    if (s->crc) *s->crc = crc32_update(*s->crc, s->window + from, to - from);
    if (s->out.write(s->out.context, s->window + from, to - from) < 0) {
        s->failed = FLATE_WRITE;
        return -1;
    }
    return 0;
}

/* Appends one byte; a full window is written out and its second half,
 * the history later references need, slides down. */
static int put(struct inflater *s, unsigned char byte) {
    if (s->fill == WINDOW) {
        if (flush(s, s->flushed, WINDOW) < 0) return -1;
        memmove(s->window, s->window + WINDOW / 2, WINDOW / 2);
        s->fill = s->flushed = WINDOW / 2;
    }
    s->window[s->fill++] = byte;
    s->total++;
    return 0;
}

/* Builds a canonical code from code lengths; -1 when the lengths
 * over-subscribe the code space (an incomplete code is allowed, as zlib
 * allows it for single-code distance trees). */
static int build(struct huffman *h, const unsigned char *lengths, int n) {
    short offsets[MAX_BITS + 2];
    memset(h->count, 0, sizeof h->count);
    for (int i = 0; i < n; i++) h->count[lengths[i]]++;
    int left = 1;
    for (int len = 1; len <= MAX_BITS; len++) {
        left = left * 2 - h->count[len];
        if (left < 0) return -1;
    }
    offsets[1] = 0;
    for (int len = 1; len <= MAX_BITS; len++) offsets[len + 1] = offsets[len] + h->count[len];
    for (int i = 0; i < n; i++)
        if (lengths[i]) h->symbol[offsets[lengths[i]]++] = (short)i;
    return 0;
}

/* Decodes one symbol: codes are read MSB first, one bit at a time. */
static int decode(struct inflater *s, const struct huffman *h) {
    int code = 0, first = 0, index = 0;
    for (int len = 1; len <= MAX_BITS; len++) {
        long bit = bits(s, 1);
        if (bit < 0) return -2;
        code |= (int)bit;
        int count = h->count[len];
        if (code - first < count) return h->symbol[index + (code - first)];
        index += count;
        first = (first + count) << 1;
        code <<= 1;
    }
    return -1;
}

static const short length_base[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,
                                      15, 17, 19, 23, 27, 31, 35, 43, 51,  59,
                                      67, 83, 99, 115, 131, 163, 195, 227, 258};
static const short length_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                       2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const unsigned short distance_base[30] = {
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const short distance_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                         6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

static enum flate_status codes(struct inflater *s, const struct huffman *lengths,
                               const struct huffman *distances) {
    for (;;) {
        int symbol = decode(s, lengths);
        if (symbol == -2) return ended(s);
        if (symbol < 0) return FLATE_BAD;
        if (symbol < 256) {
            if (put(s, (unsigned char)symbol) < 0) return FLATE_WRITE;
            continue;
        }
        if (symbol == 256) return FLATE_OK;
        symbol -= 257;
        if (symbol >= 29) return FLATE_BAD;
        long extra = bits(s, length_extra[symbol]);
        if (extra < 0) return ended(s);
        int length = length_base[symbol] + (int)extra;
        int code = decode(s, distances);
        if (code == -2) return ended(s);
        if (code < 0 || code >= 30) return FLATE_BAD;
        extra = bits(s, distance_extra[code]);
        if (extra < 0) return ended(s);
        size_t distance = distance_base[code] + (size_t)extra;
        if (distance > s->total) return FLATE_BAD;
        while (length--) {
            /* put may slide the window by half: fetch the byte first. */
            unsigned char byte = s->window[s->fill - distance];
            if (put(s, byte) < 0) return FLATE_WRITE;
        }
    }
}

static enum flate_status stored(struct inflater *s) {
    struct input *in = s->in;
    in->bits = 0, in->bit_count = 0; /* to the byte boundary */
    int b[4];
    for (int i = 0; i < 4; i++)
        if ((b[i] = input_byte(in)) < 0) return ended(s);
    unsigned length = (unsigned)(b[0] | b[1] << 8);
    if ((length ^ 0xffffu) != (unsigned)(b[2] | b[3] << 8)) return FLATE_BAD;
    while (length--) {
        int byte = input_byte(in);
        if (byte < 0) return ended(s);
        if (put(s, (unsigned char)byte) < 0) return FLATE_WRITE;
    }
    return FLATE_OK;
}

static enum flate_status fixed(struct inflater *s) {
    static struct huffman lengths, distances;
    static int built;
    if (!built) {
        unsigned char l[288];
        for (int i = 0; i < 288; i++) l[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        build(&lengths, l, 288);
        for (int i = 0; i < 30; i++) l[i] = 5;
        build(&distances, l, 30);
        built = 1;
    }
    return codes(s, &lengths, &distances);
}

static enum flate_status dynamic(struct inflater *s) {
    static const unsigned char order[19] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                            11, 4,  12, 3, 13, 2, 14, 1, 15};
    struct huffman lengths, distances;
    unsigned char l[320];
    long nlen = bits(s, 5), ndist = bits(s, 5), ncode = bits(s, 4);
    if (nlen < 0 || ndist < 0 || ncode < 0) return ended(s);
    nlen += 257, ndist += 1, ncode += 4;
    if (nlen > 286 || ndist > 30) return FLATE_BAD;
    memset(l, 0, sizeof l);
    for (int i = 0; i < ncode; i++) {
        long len = bits(s, 3);
        if (len < 0) return ended(s);
        l[order[i]] = (unsigned char)len;
    }
    if (build(&lengths, l, 19) < 0) return FLATE_BAD;
    memset(l, 0, sizeof l);
    for (int i = 0; i < nlen + ndist;) {
        int symbol = decode(s, &lengths);
        if (symbol == -2) return ended(s);
        if (symbol < 0) return FLATE_BAD;
        if (symbol < 16) {
            l[i++] = (unsigned char)symbol;
            continue;
        }
        int value = 0;
        long repeat;
        if (symbol == 16) {
            if (i == 0) return FLATE_BAD;
            value = l[i - 1];
            repeat = bits(s, 2);
            if (repeat >= 0) repeat += 3;
        } else if (symbol == 17) {
            repeat = bits(s, 3);
            if (repeat >= 0) repeat += 3;
        } else {
            repeat = bits(s, 7);
            if (repeat >= 0) repeat += 11;
        }
        if (repeat < 0) return ended(s);
        if (i + repeat > nlen + ndist) return FLATE_BAD;
        while (repeat--) l[i++] = (unsigned char)value;
    }
    if (l[256] == 0) return FLATE_BAD; /* no end-of-block code */
    if (build(&lengths, l, (int)nlen) < 0) return FLATE_BAD;
    if (build(&distances, l + nlen, (int)ndist) < 0) return FLATE_BAD;
    return codes(s, &lengths, &distances);
}

enum flate_status inflate_stream(struct input *in, struct byte_sink out, uint32_t *crc,
                                 unsigned long long *size) {
    static struct inflater s; /* 64 KiB window: not on the (small) wasm stack */
    memset(&s, 0, sizeof s);
    s.in = in, s.out = out, s.crc = crc;
    in->bits = 0, in->bit_count = 0;
    enum flate_status status = FLATE_OK;
    for (int last = 0; !last && status == FLATE_OK;) {
        long header = bits(&s, 3);
        if (header < 0) return ended(&s);
        last = (int)(header & 1);
        switch (header >> 1) {
        case 0: status = stored(&s); break;
        case 1: status = fixed(&s); break;
        case 2: status = dynamic(&s); break;
        default: status = FLATE_BAD;
        }
    }
    if (status == FLATE_OK && flush(&s, s.flushed, s.fill) < 0) status = FLATE_WRITE;
    if (size) *size += s.total;
    /* Bits left in the buffer belong to the last byte of the stream: drop them. */
    in->bits = 0, in->bit_count = 0;
    return status;
}
