/* flate.h: DEFLATE (RFC 1951) and gzip (RFC 1952), written for box's gzip
 * and tar. Inflate reads every block type (stored, fixed and dynamic
 * Huffman); deflate writes LZ77 matches in fixed-Huffman blocks, which any
 * inflater reads (GNU gzip and zlib included), at some cost in size
 * against dynamic trees. Both stream: input is pulled from a source and
 * output pushed to a sink, so neither holds a whole file. */
#ifndef BOX_FLATE_H
#define BOX_FLATE_H

#include <stddef.h>
#include <stdint.h>

/* Where bytes come from: returns the count read, 0 at end, -1 on error (errno set). */
struct byte_source {
    long (*read)(void *context, unsigned char *buffer, size_t length);
    void *context;
};

/* Where bytes go: returns 0, or -1 on error (errno set). */
struct byte_sink {
    int (*write)(void *context, const unsigned char *buffer, size_t length);
    void *context;
};

/* CRC-32 as gzip computes it; start with crc = 0. */
uint32_t crc32_update(uint32_t crc, const unsigned char *bytes, size_t length);

/* A buffered reader over a source, shared by the gzip parser and inflate. */
struct input {
    struct byte_source source;
    unsigned char buffer[65536];
    size_t at, end;
    int eof, error;
    unsigned long long consumed; /* bytes taken by the reader so far */
    uint32_t bits;               /* bit buffer of inflate, LSB first */
    int bit_count;
};

void input_init(struct input *in, struct byte_source source);
/* The next byte, or -1 at the end (in->error set when the source failed). */
int input_byte(struct input *in);

/* Outcomes of inflate and gunzip_member. */
enum flate_status {
    FLATE_OK = 0,
    FLATE_END = 1,       /* gunzip_member: no more members */
    FLATE_BAD = -1,      /* malformed data */
    FLATE_TRUNCATED = -2, /* input ended inside the stream */
    FLATE_READ = -3,     /* the source failed (errno) */
    FLATE_WRITE = -4,    /* the sink failed (errno) */
    FLATE_MEMORY = -5,
    FLATE_CRC = -6,      /* the trailer's CRC-32 does not match the data */
    FLATE_LENGTH = -7,   /* the trailer's length does not match the data */
};

/* Inflates one raw DEFLATE stream from `in` into `out`; *crc and *size
 * (when not NULL) accumulate the output's CRC-32 and length. */
enum flate_status inflate_stream(struct input *in, struct byte_sink out, uint32_t *crc,
                                 unsigned long long *size);

/* What a gzip header says. */
struct gzip_header {
    uint32_t mtime;
    char name[4096]; /* FNAME, or "" */
    unsigned length; /* the header's size in bytes */
};

/* Reads a member's header only (FLATE_END, FLATE_BAD and *not_gzip as gunzip_member). */
enum flate_status gzip_read_header(struct input *in, struct gzip_header *header, int *not_gzip);

/* Reads one gzip member (header, data, trailer). FLATE_END when the input
 * is at its end before a member starts; FLATE_BAD with *not_gzip set when
 * the first bytes are not gzip's magic. */
enum flate_status gunzip_member(struct input *in, struct byte_sink out,
                                struct gzip_header *header, int *not_gzip);

/* A streaming compressor into gzip's format. */
struct deflater;

/* `level` 1..9 as gzip's; `name` (may be NULL) and `mtime` go in the header. */
struct deflater *gzip_writer_new(struct byte_sink out, int level, const char *name,
                                 uint32_t mtime);
int gzip_writer_write(struct deflater *deflater, const unsigned char *bytes, size_t length);
/* Flushes the last block and the trailer, and frees the writer; 0 or -1. */
int gzip_writer_finish(struct deflater *deflater);

/* A sink growing a buffer in memory. */
struct memory_sink {
    unsigned char *bytes;
    size_t length, capacity;
};
int memory_sink_write(void *context, const unsigned char *buffer, size_t length);

/* A sink writing to a file descriptor. */
int fd_sink_write(void *context, const unsigned char *buffer, size_t length);
/* A source reading a file descriptor (context: a pointer to the int fd). */
long fd_source_read(void *context, unsigned char *buffer, size_t length);

#endif
