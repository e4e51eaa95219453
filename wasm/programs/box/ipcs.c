/* ipcs: shows the System V IPC objects of the caller's IPC namespace, as
 * util-linux 2.38's ipcs(1): message queues, shared memory segments and
 * semaphore arrays (-q -m -s, all by default or with -a), as a listing or
 * with -t times, -p pids, -c creators and owners, -l limits, -u usage;
 * -i ID details one object. The objects come from /proc/sysvipc, the limits
 * from /proc/sys/kernel and the usage from the *ctl INFO calls, as
 * util-linux reads them. -b gives sizes in bytes; --human is not provided. */
#define _GNU_SOURCE /* MSG_INFO, SEM_INFO, SHM_INFO and their structures */
#include "bocal.h"
#include "bocal-ipc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "applets.h"
#include "ipc-common.h"
#include "util.h"

#ifndef __wasi__
#include <grp.h> /* bocal.h gives them on WASI (bocal-pwd.h) */
#include <pwd.h>
#endif

enum format { LISTING, LIMITS, STATUS, CREATOR, TIME, PID };
enum unit { UNIT_DEFAULT, UNIT_BYTES, UNIT_KB, UNIT_HUMAN };

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *__buf;
};

static const char *user_name(unsigned uid) {
    struct passwd *pw = getpwuid(uid);
    return pw ? pw->pw_name : NULL;
}

/* "%-10d %-10.10s" with the owner's name, or its number when it has none. */
static void id_owner(int id, int id_width, unsigned uid) {
    const char *name = user_name(uid);
    if (name) printf("%-*d %-10.10s", id_width, id, name);
    else printf("%-*d %-10u", id_width, id, uid);
}

static void perms_row(const struct ipc_object *o) {
    printf("%-10d %-10o", o->id, o->mode & 0777);
    unsigned ids[4] = {o->cuid, o->cgid, o->uid, o->gid};
    for (int i = 0; i < 4; i++) {
        const char *name = NULL;
        if (i % 2 == 0) name = user_name(ids[i]);
        else {
            struct group *gr = getgrgid(ids[i]);
            name = gr ? gr->gr_name : NULL;
        }
        if (name) printf(" %-10s", name);
        else printf(" %-10u", ids[i]);
    }
    printf("\n");
}

/* A listing's size column `width` wide: bytes left-aligned, or --human's right-aligned in 6. */
static void size_column(enum unit unit, unsigned long long size, int width) {
    char human[32];
    if (unit == UNIT_HUMAN) printf("%6s%*s", ipc_human(size, human), width - 6, "");
    else printf("%-*llu", width, size);
}

/* ctime's text (24 characters), from `skip` on, or "Not set" for 0. */
static const char *when(time_t t, int skip) {
    return t ? ctime(&t) + skip : "Not set";
}

/* util-linux's ipc_print_size for a labelled limit. */
static void print_size(enum unit unit, const char *label, uint64_t size) {
    char human[32];
    if (unit == UNIT_HUMAN) printf("%s = %s\n", label, ipc_human(size, human));
    else if (unit == UNIT_KB) printf("%s (kbytes) = %ju\n", label, (uintmax_t)(size / 1024));
    else printf("%s (bytes) = %ju\n", label, (uintmax_t)size);
}

/* A column of a listing's header: its label and printf width. */
struct column {
    const char *label;
    int width;
};

/* One kind's listings (the default, -c, -t and -p) as util-linux 2.38's ipcs
 * prints them, its quirks included: headers whose widths differ from their
 * rows', and two layouts for times and for pids. */
struct kind_view {
    enum ipc_kind kind;
    const char *titles[PID + 1];       /* by format; NULL: the kind has no such listing */
    struct column headers[PID + 1][8]; /* by format, up to a NULL label */
    int size_width;                    /* the listing's size column; 0 for none */
    int count_width;                   /* its count: messages, nattch, nsems */
    int shm_status;                    /* it ends with a segment's dest and locked */
    int time_id_width;                 /* -t's id column */
    int long_times;                    /* -t shows ctime's 24 characters, else 16 from the month */
    struct {
        const char *before;
        int field; /* 1 to 3: time1 to time3; 0 ends the list */
    } times[4];
    int pid_id_width; /* -p's id column */
    struct {
        const char *before;
        int width; /* negative: left-aligned */
    } pids[2];
};

static const struct kind_view msg_view = {
    .kind = IPC_KIND_MSG,
    .titles = {[LISTING] = "Message Queues", [CREATOR] = "Message Queues Creators/Owners",
               [TIME] = "Message Queues Send/Recv/Change Times", [PID] = "Message Queues PIDs"},
    .headers = {[LISTING] = {{"key", 10}, {"msqid", 10}, {"owner", 10}, {"perms", 10},
                             {"used-bytes", 12}, {"messages", 12}},
                [CREATOR] = {{"msqid", 10}, {"perms", 10}, {"cuid", 10}, {"cgid", 10},
                             {"uid", 10}, {"gid", 10}},
                [TIME] = {{"msqid", 8}, {"owner", 10}, {"send", 20}, {"recv", 20},
                          {"change", 20}},
                [PID] = {{"msqid", 10}, {"owner", 10}, {"lspid", 10}, {"lrpid", 10}}},
    .size_width = 12,
    .count_width = 12,
    .time_id_width = 8,
    .times = {{" ", 1}, {" ", 2}, {" ", 3}},
    .pid_id_width = 8,
    .pids = {{"  ", 5}, {"     ", 5}},
};

static const struct kind_view shm_view = {
    .kind = IPC_KIND_SHM,
    .titles = {[LISTING] = "Shared Memory Segments",
               [CREATOR] = "Shared Memory Segment Creators/Owners",
               [TIME] = "Shared Memory Attach/Detach/Change Times",
               [PID] = "Shared Memory Creator/Last-op PIDs"},
    .headers = {[LISTING] = {{"key", 10}, {"shmid", 10}, {"owner", 10}, {"perms", 10},
                             {"bytes", 10}, {"nattch", 10}, {"status", 12}},
                [CREATOR] = {{"shmid", 10}, {"perms", 10}, {"cuid", 10}, {"cgid", 10},
                             {"uid", 10}, {"gid", 10}},
                [TIME] = {{"shmid", 10}, {"owner", 10}, {"attached", 20}, {"detached", 20},
                          {"changed", 20}},
                [PID] = {{"shmid", 10}, {"owner", 10}, {"cpid", 10}, {"lpid", 10}}},
    .size_width = 10,
    .count_width = 10,
    .shm_status = 1,
    .time_id_width = 10,
    .times = {{" ", 1}, {" ", 2}, {" ", 3}},
    .pid_id_width = 10,
    .pids = {{" ", -10}, {" ", -10}},
};

static const struct kind_view sem_view = {
    .kind = IPC_KIND_SEM,
    .titles = {[LISTING] = "Semaphore Arrays", [CREATOR] = "Semaphore Arrays Creators/Owners",
               [TIME] = "Semaphore Operation/Change Times"}, /* a set has no pids to show */
    .headers = {[LISTING] = {{"key", 10}, {"semid", 10}, {"owner", 10}, {"perms", 10},
                             {"nsems", 10}},
                [CREATOR] = {{"semid", 10}, {"perms", 10}, {"cuid", 10}, {"cgid", 10},
                             {"uid", 10}, {"gid", 10}},
                [TIME] = {{"semid", 8}, {"owner", 10}, {"last-op", 26}, {"last-changed", 26}}},
    .count_width = 10,
    .time_id_width = 8,
    .long_times = 1,
    .times = {{"  ", 1}, {" ", 3}}, /* the first a space right of its header */
};

static time_t time_field(const struct ipc_object *o, int field) {
    return field == 1 ? o->time1 : field == 2 ? o->time2 : o->time3;
}

static void listing_header(const struct kind_view *v, enum format format, enum unit unit) {
    printf("------ %s --------\n", v->titles[format]);
    const struct column *c = v->headers[format];
    for (int i = 0; i < 8 && c[i].label; i++) {
        /* --human calls the size column (the fifth) "size", as util-linux does */
        int human_size = format == LISTING && v->size_width && i == 4 && unit == UNIT_HUMAN;
        printf("%s%-*s", i ? " " : "", c[i].width, human_size ? "size" : c[i].label);
    }
    printf("\n");
}

static void listing_row(const struct kind_view *v, enum format format, enum unit unit,
                        const struct ipc_object *o) {
    switch (format) {
    case CREATOR:
        perms_row(o);
        break;
    case TIME: {
        int skip = v->long_times ? 0 : 4, shown = v->long_times ? 24 : 16;
        int width = v->long_times ? 26 : 20;
        id_owner(o->id, v->time_id_width, o->uid);
        for (int i = 0; i < 4 && v->times[i].field; i++) {
            printf("%s%-*.*s", v->times[i].before, width, shown,
                   when(time_field(o, v->times[i].field), skip));
        }
        printf("\n");
        break;
    }
    case PID:
        id_owner(o->id, v->pid_id_width, o->uid);
        printf("%s%*d%s%*d\n", v->pids[0].before, v->pids[0].width, o->pid1, v->pids[1].before,
               v->pids[1].width, o->pid2);
        break;
    default:
        printf("0x%08x ", (unsigned)o->key);
        id_owner(o->id, 10, o->uid);
        printf(" %-10o ", o->mode & 0777);
        if (v->size_width) {
            size_column(unit, o->bytes, v->size_width);
            printf(" ");
        }
        printf("%-*llu", v->count_width, o->count);
        if (v->shm_status) {
            printf(" %-6s %-6s", o->mode & SHM_DEST ? "dest" : " ",
                   o->mode & SHM_LOCKED ? "locked" : " ");
        }
        printf("\n");
        break;
    }
}

/* The listing of one kind's objects in `format` (not LIMITS or STATUS). */
static void list_objects(const struct kind_view *v, enum format format, enum unit unit) {
    if (!v->titles[format]) return;
    listing_header(v, format, unit);
    struct ipc_object *list;
    int count = ipc_list(v->kind, &list);
    for (int i = 0; i < count; i++) listing_row(v, format, unit, &list[i]);
    free(list);
}

static void do_msg(enum format format, enum unit unit) {
    struct msginfo info;
    if (msgctl(0, MSG_INFO, (struct msqid_ds *)(void *)&info) < 0) {
        printf("kernel not configured for message queues\n");
        return;
    }
    switch (format) {
    case LIMITS:
        printf("------ Messages Limits --------\n");
        printf("max queues system wide = %d\n", (int)ipc_sysctl("msgmni", 0));
        print_size(unit == UNIT_DEFAULT ? UNIT_BYTES : unit, "max size of message",
                   ipc_sysctl("msgmax", 0));
        print_size(unit == UNIT_DEFAULT ? UNIT_BYTES : unit, "default max size of queue",
                   ipc_sysctl("msgmnb", 0));
        return;
    case STATUS:
        printf("------ Messages Status --------\n");
        printf("allocated queues = %d\n", info.msgpool);
        printf("used headers = %d\n", info.msgmap);
        if (unit == UNIT_DEFAULT) printf("used space = %d bytes\n", info.msgtql);
        else print_size(unit, "used space", (uint64_t)info.msgtql);
        return;
    default:
        list_objects(&msg_view, format, unit);
        return;
    }
}

static void do_shm(enum format format, enum unit unit) {
    struct shm_info info;
    if (shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info) < 0) {
        printf("kernel not configured for shared memory\n");
        return;
    }
    switch (format) {
    case LIMITS: {
        uint64_t shmall = ipc_sysctl("shmall", 0), page = 4096, total;
        printf("------ Shared Memory Limits --------\n");
        printf("max number of segments = %ju\n", (uintmax_t)ipc_sysctl("shmmni", 0));
        print_size(unit == UNIT_DEFAULT ? UNIT_KB : unit, "max seg size", ipc_sysctl("shmmax", 0));
        /* shmall pages in kbytes (or bytes), held at the largest multiple on overflow. */
        uint64_t factor = unit == UNIT_DEFAULT || unit == UNIT_KB ? page / 1024 : page;
        total = shmall * factor;
        if (shmall != 0 && total / shmall != factor) total = UINT64_MAX - (UINT64_MAX % factor);
        if (unit == UNIT_DEFAULT || unit == UNIT_KB) {
            printf("max total shared memory (kbytes) = %ju\n", (uintmax_t)total);
        } else {
            print_size(unit, "max total shared memory", total);
        }
        print_size(unit == UNIT_DEFAULT ? UNIT_BYTES : unit, "min seg size", 1);
        return;
    }
    case STATUS:
        printf("------ Shared Memory Status --------\n");
        printf("segments allocated %d\n"
               "pages allocated %lu\n"
               "pages resident  %lu\n"
               "pages swapped   %lu\n"
               "Swap performance: %lu attempts\t %lu successes\n",
               info.used_ids, info.shm_tot, info.shm_rss, info.shm_swp, info.swap_attempts,
               info.swap_successes);
        return;
    default:
        list_objects(&shm_view, format, unit);
        return;
    }
}

static void do_sem(enum format format) {
    struct seminfo info;
    if (semctl(0, 0, SEM_INFO, (union semun){.__buf = &info}) < 0) {
        printf("kernel not configured for semaphores\n");
        return;
    }
    switch (format) {
    case LIMITS:
        printf("------ Semaphore Limits --------\n");
        printf("max number of arrays = %d\n", (int)ipc_sysctl("sem", 3));
        printf("max semaphores per array = %d\n", (int)ipc_sysctl("sem", 0));
        printf("max semaphores system wide = %d\n", (int)ipc_sysctl("sem", 1));
        printf("max ops per semop call = %d\n", (int)ipc_sysctl("sem", 2));
        printf("semaphore max value = %u\n", 32767u);
        return;
    case STATUS:
        printf("------ Semaphore Status --------\n");
        printf("used arrays = %d\n", info.semusz);
        printf("allocated semaphores = %d\n", info.semaem);
        return;
    default:
        list_objects(&sem_view, format, UNIT_DEFAULT);
        return;
    }
}

/* The object `id` of `kind`, or NULL after util-linux's warning. */
static struct ipc_object *find(enum ipc_kind kind, int id, struct ipc_object **list) {
    int count = ipc_list(kind, list);
    for (int i = 0; i < count; i++) {
        if ((*list)[i].id == id) return &(*list)[i];
    }
    warnx_("id %d not found", id);
    return NULL;
}

static void print_msg(int id, enum unit unit) {
    struct ipc_object *list, *o = find(IPC_KIND_MSG, id, &list);
    if (o) {
        struct msqid_ds ds;
        unsigned long qbytes = msgctl(id, IPC_STAT, &ds) == 0 ? (unsigned long)ds.msg_qbytes : 0;
        printf("\nMessage Queue msqid=%d\n", id);
        printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\tmode=%#o\n", o->uid, o->gid, o->cuid, o->cgid,
               o->mode);
        char a[32], b[32];
        if (unit == UNIT_HUMAN) printf("csize=%s\tqsize=%s\t", ipc_human(o->bytes, a), ipc_human(qbytes, b));
        else printf("cbytes=%llu\tqbytes=%lu\t", o->bytes, qbytes);
        printf("qnum=%llu\tlspid=%d\tlrpid=%d\n", o->count, o->pid1, o->pid2);
        printf("send_time=%-26.24s\n", when(o->time1, 0));
        printf("rcv_time=%-26.24s\n", when(o->time2, 0));
        printf("change_time=%-26.24s\n", when(o->time3, 0));
        printf("\n");
    }
    free(list);
}

static void print_shm(int id, enum unit unit) {
    struct ipc_object *list, *o = find(IPC_KIND_SHM, id, &list);
    if (o) {
        printf("\nShared memory Segment shmid=%d\n", id);
        printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\n", o->uid, o->gid, o->cuid, o->cgid);
        printf("mode=%#o\taccess_perms=%#o\n", o->mode, o->mode & 0777);
        char human[32];
        if (unit == UNIT_HUMAN) printf("size=%s\t", ipc_human(o->bytes, human));
        else printf("bytes=%llu\t", o->bytes);
        printf("lpid=%u\tcpid=%u\tnattch=%llu\n", (unsigned)o->pid2, (unsigned)o->pid1, o->count);
        printf("att_time=%-26.24s\n", when(o->time1, 0));
        printf("det_time=%-26.24s\n", when(o->time2, 0));
        printf("change_time=%-26.24s\n", when(o->time3, 0));
        printf("\n");
    }
    free(list);
}

static void print_sem(int id) {
    struct ipc_object *list, *o = find(IPC_KIND_SEM, id, &list);
    if (o) {
        printf("\nSemaphore Array semid=%d\n", id);
        printf("uid=%u\t gid=%u\t cuid=%u\t cgid=%u\n", o->uid, o->gid, o->cuid, o->cgid);
        printf("mode=%#o, access_perms=%#o\n", o->mode, o->mode & 0777);
        printf("nsems = %llu\n", o->count);
        printf("otime = %-26.24s\n", when(o->time1, 0));
        printf("ctime = %-26.24s\n", when(o->time3, 0));
        printf("%-10s %-10s %-10s %-10s %-10s\n", "semnum", "value", "ncount", "zcount", "pid");
        for (unsigned long long i = 0; i < o->count; i++) {
            int n = (int)i;
            printf("%-10llu %-10d %-10d %-10d %-10d\n", i, semctl(id, n, GETVAL),
                   semctl(id, n, GETNCNT), semctl(id, n, GETZCNT), semctl(id, n, GETPID));
        }
        printf("\n");
    }
    free(list);
}

static const char help[] =
    "\n"
    "Usage:\n"
    " ipcs [resource-option...] [output-option]\n"
    " ipcs -m|-q|-s -i <id>\n"
    "\n"
    "Show information on IPC facilities.\n"
    "\n"
    "Options:\n"
    " -i, --id <id>  print details on resource identified by <id>\n"
    " -h, --help     display this help\n"
    " -V, --version  display version\n"
    "\n"
    "Resource options:\n"
    " -m, --shmems      shared memory segments\n"
    " -q, --queues      message queues\n"
    " -s, --semaphores  semaphores\n"
    " -a, --all         all (default)\n"
    "\n"
    "Output options:\n"
    " -t, --time        show attach, detach and change times\n"
    " -p, --pid         show PIDs of creator and last operator\n"
    " -c, --creator     show creator and owner\n"
    " -l, --limits      show resource limits\n"
    " -u, --summary     show status summary\n"
    "     --human       show sizes in human-readable format\n"
    " -b, --bytes       show sizes in bytes\n"
    "\n"
    "For more details see ipcs(1).\n";

int ipcs_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"id", 'i', 1},      {"shmems", 'm', 0},  {"queues", 'q', 0},   {"semaphores", 's', 0},
        {"all", 'a', 0},     {"time", 't', 0},    {"pid", 'p', 0},      {"creator", 'c', 0},
        {"limits", 'l', 0},  {"summary", 'u', 0}, {"bytes", 'b', 0},    {"human", 256, 0}, {"version", 'V', 0},
        {"help", 'h', 0},    {NULL, 0, 0}};
    struct option_parser parser;
    int msg = 0, sem = 0, shm = 0, id = 0, by_id = 0, key;
    enum format format = LISTING;
    enum unit unit = UNIT_DEFAULT;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 'i':
            id = ipc_parse_int(parser.arg, 10, "failed to parse id argument");
            by_id = 1;
            break;
        case 'a': msg = shm = sem = 1; break;
        case 'q': msg = 1; break;
        case 's': sem = 1; break;
        case 'm': shm = 1; break;
        case 't': format = TIME; break;
        case 'c': format = CREATOR; break;
        case 'p': format = PID; break;
        case 'l': format = LIMITS; break;
        case 'u': format = STATUS; break;
        case 'b': unit = UNIT_BYTES; break;
        case 256: unit = UNIT_HUMAN; break;
        case 'V': printf("ipcs from util-linux 2.38.1\n"); return 0;
        case 'h':
        case OPT_HELP: fputs(help, stdout); return 0;
        default: return 1; /* next_option has said why */
        }
    }
    if (by_id) {
        if (msg + sem + shm != 1) {
            warnx_("when using an ID, a single resource must be specified");
            return 1;
        }
        if (shm) print_shm(id, unit);
        if (sem) print_sem(id);
        if (msg) print_msg(id, unit);
        return 0;
    }
    if (!msg && !sem && !shm) msg = shm = sem = 1;
    printf("\n");
    if (msg) {
        do_msg(format, unit);
        printf("\n");
    }
    if (shm) {
        do_shm(format, unit == UNIT_DEFAULT ? UNIT_DEFAULT : unit);
        printf("\n");
    }
    if (sem) {
        do_sem(format);
        printf("\n");
    }
    return 0;
}
