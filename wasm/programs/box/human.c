/* human.c: see human.h. Ceiling rounding, as GNU's human_ceiling. */
#include "human.h"

#include <stdio.h>

const char *human_size(unsigned long long bytes, char *buffer) {
    static const char units[] = "KMGTPE";
    if (bytes < 1024) {
        snprintf(buffer, 16, "%llu", bytes);
        return buffer;
    }
    int unit = 0;
    unsigned long long scale = 1024;
    while (unit < 5 && bytes >= scale * 1024) scale *= 1024, unit++;
    /* Tenths, rounded up. */
    unsigned long long tenths = (bytes * 10 + scale - 1) / scale;
    if (bytes / scale >= 1024) tenths = (bytes / scale) * 10;
    if (tenths < 100) {
        snprintf(buffer, 16, "%llu.%llu%c", tenths / 10, tenths % 10, units[unit]);
        return buffer;
    }
    unsigned long long whole = (bytes + scale - 1) / scale;
    if (whole >= 1024 && unit < 5) {
        snprintf(buffer, 16, "1.0%c", units[unit + 1]);
        return buffer;
    }
    snprintf(buffer, 16, "%llu%c", whole, units[unit]);
    return buffer;
}
