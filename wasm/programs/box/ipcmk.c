/* ipcmk: makes System V IPC objects with random keys, as util-linux's
 * ipcmk(1): -M SIZE a shared memory segment, -Q a message queue, -S N a
 * semaphore array, with -p MODE (octal, 0644 by default); each made object's
 * id is printed, segment first, then queue, then array. */
#include "bocal.h"
#include "bocal-ipc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "applets.h"
#include "ipc-common.h"
#include "util.h"

static key_t random_key(void) {
    key_t key = 0;
    while (key == IPC_PRIVATE) {
        if (getentropy(&key, sizeof key) < 0) key = (key_t)rand();
    }
    return key;
}

static const char help[] =
    "\n"
    "Usage:\n"
    " ipcmk [options]\n"
    "\n"
    "Create various IPC resources.\n"
    "\n"
    "Options:\n"
    " -M, --shmem <size>       create shared memory segment of size <size>\n"
    " -S, --semaphore <number> create semaphore array with <number> elements\n"
    " -Q, --queue              create message queue\n"
    " -p, --mode <mode>        permission for the resource (default is 0644)\n"
    "\n"
    " -h, --help               display this help\n"
    " -V, --version            display version\n"
    "\n"
    "Arguments:\n"
    " <size> arguments may be followed by the suffixes for\n"
    "   GiB, TiB, PiB, EiB, ZiB, and YiB (the \"iB\" is optional)\n"
    "\n"
    "For more details see ipcmk(1).\n";

/* util-linux's strtosize: a number with an optional K, M, G... (KiB) or KB (1000s) suffix. */
static int parse_size(const char *text, unsigned long long *size) {
    char *end;
    errno = 0;
    if (!*text || *text == '-') return -1;
    unsigned long long value = strtoull(text, &end, 0);
    if (errno || end == text) return -1;
    if (*end) {
        const char *units = "KMGTPEZY";
        const char *unit = strchr(units, end[0] >= 'a' ? end[0] - 32 : end[0]);
        if (!unit || !end[0]) return -1;
        unsigned base = 1024;
        if (strcmp(end + 1, "B") == 0) base = 1000;
        else if (end[1] && strcmp(end + 1, "iB") != 0) return -1;
        for (const char *u = units; u <= unit; u++) value *= base;
    }
    *size = value;
    return 0;
}

int ipcmk_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"shmem", 'M', 1}, {"semaphore", 'S', 1}, {"queue", 'Q', 0}, {"mode", 'p', 1},
        {"version", 'V', 0}, {"help", 'h', 0}, {NULL, 0, 0}};
    struct option_parser parser;
    int queue = 0, key, nsems = 0, done = 0;
    unsigned long long size = 0;
    int want_shm = 0, want_sem = 0;
    int mode = 0644;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 'M':
            if (parse_size(parser.arg, &size) < 0) {
                warnx_("failed to parse size: '%s': Invalid argument", parser.arg);
                return 1;
            }
            want_shm = 1;
            break;
        case 'S':
            nsems = ipc_parse_int(parser.arg, 10, "failed to parse elements");
            want_sem = 1;
            break;
        case 'Q': queue = 1; break;
        case 'p': {
            char *end;
            errno = 0;
            long value = strtol(parser.arg, &end, 8);
            if (errno || end == parser.arg || *end || value < 0) {
                /* util-linux reports errno as is: "Success" for a non-octal digit. */
                warnx_("failed to parse mode: %s", errno == ERANGE ? strerror(errno) : "Success");
                return 1;
            }
            mode = (int)value;
            break;
        }
        case 'V': printf("ipcmk from util-linux 2.38.1\n"); return 0;
        case 'h':
        case OPT_HELP: fputs(help, stdout); return 0;
        default: return 1; /* next_option has said why */
        }
    }
    if (!want_shm && !queue && !want_sem) {
        warnx_("bad usage");
        return try_help();
    }
    if (want_shm) {
        int id = shmget(random_key(), (size_t)size, mode | IPC_CREAT);
        if (id < 0) {
            warn_errno(errno, "create share memory failed");
            return 1;
        }
        printf("Shared memory id: %d\n", id);
        done++;
    }
    if (queue) {
        int id = msgget(random_key(), mode | IPC_CREAT);
        if (id < 0) {
            warn_errno(errno, "create message queue failed");
            return 1;
        }
        printf("Message queue id: %d\n", id);
        done++;
    }
    if (want_sem) {
        int id = semget(random_key(), nsems, mode | IPC_CREAT);
        if (id < 0) {
            warn_errno(errno, "create semaphore failed");
            return 1;
        }
        printf("Semaphore id: %d\n", id);
        done++;
    }
    return done ? 0 : 1;
}
