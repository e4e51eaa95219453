/* gzip-format.c: gzip's container around DEFLATE (RFC 1952): the member
 * header (magic, method, flags, mtime, optional extra field, name, comment
 * and header CRC), the trailer (CRC-32 and length modulo 2^32) checked after
 * inflating, and the byte sources and sinks box's gzip and tar use. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flate.h"

uint32_t crc32_update(uint32_t crc, const unsigned char *bytes, size_t length) {
    static uint32_t table[256];
    if (!table[1]) {
        for (uint32_t n = 0; n < 256; n++) {
            uint32_t c = n;
            for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
    }
    crc = ~crc;
    for (size_t i = 0; i < length; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

enum { FTEXT = 1, FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16 };

static enum flate_status ended(struct input *in) {
    return in->error ? FLATE_READ : FLATE_TRUNCATED;
}

/* Reads a NUL-terminated field into `into` (truncated to `size`), or skips it. */
static enum flate_status zero_terminated(struct input *in, char *into, size_t size) {
    size_t at = 0;
    for (;;) {
        int c = input_byte(in);
        if (c < 0) return ended(in);
        if (c == 0) break;
        if (into && at + 1 < size) into[at++] = (char)c;
    }
    if (into) into[at] = '\0';
    return FLATE_OK;
}

/* Up to 4 bytes, least significant first; -1 at the end of the input
 * (64-bit: `long` is 32 bits on wasm32, where a CRC would look negative). */
static int64_t little_endian(struct input *in, int bytes) {
    int64_t value = 0;
    for (int i = 0; i < bytes; i++) {
        int c = input_byte(in);
        if (c < 0) return -1;
        value |= (int64_t)c << (8 * i);
    }
    return value;
}

enum flate_status gzip_read_header(struct input *in, struct gzip_header *header, int *not_gzip) {
    *not_gzip = 0;
    header->name[0] = '\0';
    unsigned long long start = in->consumed;
    int id1 = input_byte(in);
    if (id1 < 0) return in->error ? FLATE_READ : FLATE_END;
    int id2 = input_byte(in);
    if (id1 != 0x1f || id2 != 0x8b) {
        if (id2 < 0 && in->error) return FLATE_READ;
        *not_gzip = 1;
        return FLATE_BAD;
    }
    int method = input_byte(in), flags = input_byte(in);
    if (flags < 0) return ended(in);
    if (method != 8 || (flags & 0xe0)) return FLATE_BAD;
    int64_t mtime = little_endian(in, 4);
    if (mtime < 0 || input_byte(in) < 0 || input_byte(in) < 0) return ended(in);
    header->mtime = (uint32_t)mtime;
    enum flate_status status = FLATE_OK;
    if (flags & FEXTRA) {
        int64_t length = little_endian(in, 2);
        if (length < 0) return ended(in);
        while (length-- > 0)
            if (input_byte(in) < 0) return ended(in);
    }
    if ((flags & FNAME) && (status = zero_terminated(in, header->name, sizeof header->name)))
        return status;
    if ((flags & FCOMMENT) && (status = zero_terminated(in, NULL, 0))) return status;
    if ((flags & FHCRC) && little_endian(in, 2) < 0) return ended(in);
    header->length = (unsigned)(in->consumed - start);
    return FLATE_OK;
}

enum flate_status gunzip_member(struct input *in, struct byte_sink out,
                                struct gzip_header *header, int *not_gzip) {
    enum flate_status status = gzip_read_header(in, header, not_gzip);
    if (status != FLATE_OK) return status;
    uint32_t crc = 0;
    unsigned long long size = 0;
    status = inflate_stream(in, out, &crc, &size);
    if (status != FLATE_OK) return status;
    int64_t stored_crc = little_endian(in, 4);
    int64_t stored_size = little_endian(in, 4);
    if (stored_crc < 0 || stored_size < 0) return ended(in);
    if ((uint32_t)stored_crc != crc) return FLATE_CRC;
    if ((uint32_t)stored_size != (uint32_t)size) return FLATE_LENGTH;
    return FLATE_OK;
}

int memory_sink_write(void *context, const unsigned char *buffer, size_t length) {
    struct memory_sink *sink = context;
    if (sink->length + length > sink->capacity) {
        size_t capacity = sink->capacity ? sink->capacity : 65536;
        while (capacity < sink->length + length) capacity *= 2;
        unsigned char *bytes = realloc(sink->bytes, capacity);
        if (!bytes) {
            errno = ENOMEM;
            return -1;
        }
        sink->bytes = bytes, sink->capacity = capacity;
    }
    memcpy(sink->bytes + sink->length, buffer, length);
    sink->length += length;
    return 0;
}

int fd_sink_write(void *context, const unsigned char *buffer, size_t length) {
    int fd = *(int *)context;
    while (length > 0) {
        ssize_t wrote = write(fd, buffer, length);
        if (wrote < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        buffer += wrote, length -= (size_t)wrote;
    }
    return 0;
}

long fd_source_read(void *context, unsigned char *buffer, size_t length) {
    return (long)read(*(int *)context, buffer, length);
}
