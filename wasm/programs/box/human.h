/* human.h: sizes in GNU coreutils' -h style (df, du): powers of 1024,
 * rounded up, one decimal below 10 (4.0K, 12K, 1.1M), plain bytes below 1K. */
#ifndef BOX_HUMAN_H
#define BOX_HUMAN_H

/* Writes `bytes` into `buffer` (at least 16 bytes) and returns it. */
const char *human_size(unsigned long long bytes, char *buffer);

#endif
