/* ipc-common.c: reading /proc/sysvipc and /proc/sys/kernel for the IPC
 * applets (see ipc-common.h). */
#include "ipc-common.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const files[] = {"/proc/sysvipc/msg", "/proc/sysvipc/sem",
                                     "/proc/sysvipc/shm"};

/* One line of the kind's file (Linux's sysvipc_*_proc_show columns). */
static int parse_line(enum ipc_kind kind, const char *line, struct ipc_object *o) {
    long long t1 = 0, t2 = 0, t3 = 0;
    unsigned long long rss, swap;
    int n;
    memset(o, 0, sizeof *o);
    switch (kind) {
    case IPC_KIND_MSG:
        n = sscanf(line, "%d %d %o %llu %llu %d %d %u %u %u %u %lld %lld %lld", &o->key, &o->id,
                   &o->mode, &o->bytes, &o->count, &o->pid1, &o->pid2, &o->uid, &o->gid, &o->cuid,
                   &o->cgid, &t1, &t2, &t3);
        if (n != 14) return -1;
        break;
    case IPC_KIND_SEM:
        n = sscanf(line, "%d %d %o %llu %u %u %u %u %lld %lld", &o->key, &o->id, &o->mode,
                   &o->count, &o->uid, &o->gid, &o->cuid, &o->cgid, &t1, &t3);
        if (n != 10) return -1;
        break;
    case IPC_KIND_SHM:
        n = sscanf(line, "%d %d %o %llu %d %d %llu %u %u %u %u %lld %lld %lld %llu %llu", &o->key,
                   &o->id, &o->mode, &o->bytes, &o->pid1, &o->pid2, &o->count, &o->uid, &o->gid,
                   &o->cuid, &o->cgid, &t1, &t2, &t3, &rss, &swap);
        if (n != 16) return -1;
        break;
    }
    o->time1 = (time_t)t1;
    o->time2 = (time_t)t2;
    o->time3 = (time_t)t3;
    return 0;
}

int ipc_list(enum ipc_kind kind, struct ipc_object **objects) {
    FILE *file = fopen(files[kind], "r");
    *objects = NULL;
    if (!file) return -1;
    char line[512];
    int count = 0, capacity = 0;
    if (!fgets(line, sizeof line, file)) { /* the header */
        fclose(file);
        return 0;
    }
    while (fgets(line, sizeof line, file)) {
        struct ipc_object object;
        if (parse_line(kind, line, &object) < 0) continue;
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            *objects = realloc(*objects, capacity * sizeof **objects);
            if (!*objects) {
                fclose(file);
                errno = ENOMEM;
                return -1;
            }
        }
        (*objects)[count++] = object;
    }
    fclose(file);
    return count;
}

unsigned long long ipc_sysctl(const char *name, int index) {
    char path[64];
    unsigned long long values[4] = {0};
    snprintf(path, sizeof path, "/proc/sys/kernel/%s", name);
    FILE *file = fopen(path, "r");
    if (!file) return 0;
    for (int i = 0; i < 4 && fscanf(file, "%llu", &values[i]) == 1; i++) {
    }
    fclose(file);
    return index >= 0 && index < 4 ? values[index] : 0;
}

int ipc_parse_int(const char *text, int base, const char *message) {
    char *end;
    errno = 0;
    /* Keys (base 0) are taken as unsigned, as util-linux's strtokey; ids as int32. */
    long long value = base == 0 ? (long long)strtoul(text, &end, 0) : strtoll(text, &end, base);
    if (errno != ERANGE) errno = 0; /* wasi-libc also sets EINVAL: only a range error is said */
    if (!errno && base != 0 && (value < INT_MIN || value > INT_MAX)) errno = ERANGE;
    if (errno || end == text || *end) {
        if (errno) warn_errno(errno, "%s: '%s'", message, text);
        else warnx_("%s: '%s'", message, text);
        exit(1);
    }
    return (int)value;
}

const char *ipc_human(unsigned long long bytes, char *buffer) {
    /* util-linux's size_to_human_string with one-letter suffixes: powers of
     * 1024, one decimal rounded half up, a trailing zero dropped. */
    static const char letters[] = "BKMGTPE";
    int exp = 0;
    while (exp < 60 && bytes >= (1ULL << (exp + 10))) exp += 10;
    unsigned long long dec = exp ? bytes >> exp : bytes;
    unsigned long long frac = exp ? bytes & ((1ULL << exp) - 1) : 0;
    char suffix = letters[exp / 10];
    if (frac) {
        if (frac >= ~0ULL / 1000) frac = ((frac / 1024) * 1000) / (1ULL << (exp - 10));
        else frac = (frac * 1000) / (1ULL << exp);
        frac = ((frac + 50) / 100) * 10;
        if (frac == 100) {
            dec++;
            frac = 0;
        }
    }
    if (frac) {
        int length = snprintf(buffer, 32, "%llu.%02llu", dec, frac);
        if (buffer[length - 1] == '0') buffer[--length] = '\0';
        snprintf(buffer + length, 32 - length, "%c", suffix);
    } else {
        snprintf(buffer, 32, "%llu%c", dec, suffix);
    }
    return buffer;
}
