/* ipcrm: removes System V IPC objects, as util-linux's ipcrm(1): by id
 * (-q -s -m) or key (-Q -S -M), each as its option comes; -a[=shm|msg|sem]
 * everything (of a kind) the caller may remove; and the old form
 * `ipcrm shm|msg|sem ID...`. Messages and exit statuses are util-linux's. */
#include "bocal.h"
#include "bocal-ipc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "ipc-common.h"
#include "util.h"

enum type { SHM, MSG, SEM, ALL };

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *__buf;
};

static int verbose;

/* Removes object `id`; 1 after util-linux's message when that fails. */
static int remove_id(enum type type, int by_key, int id) {
    int ret = -1;
    switch (type) {
    case SHM:
        if (verbose) printf("removing shared memory segment id `%d'\n", id);
        ret = shmctl(id, IPC_RMID, NULL);
        break;
    case MSG:
        if (verbose) printf("removing message queue id `%d'\n", id);
        ret = msgctl(id, IPC_RMID, NULL);
        break;
    case SEM:
        if (verbose) printf("removing semaphore id `%d'\n", id);
        ret = semctl(id, 0, IPC_RMID);
        break;
    case ALL:
        break;
    }
    if (ret == 0) return 0;
    const char *message;
    switch (errno) {
    case EACCES:
    case EPERM: message = by_key ? "permission denied for key" : "permission denied for id"; break;
    case EINVAL: message = by_key ? "invalid key" : "invalid id"; break;
    case EIDRM: message = by_key ? "already removed key" : "already removed id"; break;
    default:
        warn_errno(errno, "%s", by_key ? "key failed" : "id failed");
        exit(1);
    }
    warnx_("%s (%d)", message, id);
    return 1;
}

/* The id of the object with key `text` (hex, octal or decimal); -1 after a message. */
static int key_to_id(enum type type, const char *text) {
    key_t key = ipc_parse_int(text, 0, "failed to parse argument");
    if (key == IPC_PRIVATE) {
        warnx_("illegal key (%s)", text);
        return -1;
    }
    int id = type == SHM ? shmget(key, 0, 0) : type == MSG ? msgget(key, 0) : semget(key, 0, 0);
    if (id >= 0) return id;
    const char *message;
    switch (errno) {
    case EACCES: message = "permission denied for key"; break;
    case EIDRM: message = "already removed key"; break;
    case ENOENT: message = "invalid key"; break;
    default: warn_errno(errno, "key failed"); exit(1);
    }
    warnx_("%s (%s)", message, text);
    return -1;
}

/* -a: everything of `type` (shared memory, then semaphores, then queues). */
static int remove_all(enum type type) {
    int failed = 0;
    if (type == SHM || type == ALL) {
        struct shm_info info;
        struct shmid_ds ds;
        int max = shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info);
        for (int i = 0; i <= max; i++) {
            int id = shmctl(i, SHM_STAT, &ds);
            if (id >= 0) failed |= remove_id(SHM, 0, id);
        }
    }
    if (type == SEM || type == ALL) {
        struct seminfo info;
        struct semid_ds ds;
        int max = semctl(0, 0, SEM_INFO, (union semun){.__buf = &info});
        for (int i = 0; i <= max; i++) {
            int id = semctl(i, 0, SEM_STAT, (union semun){.buf = &ds});
            if (id >= 0) failed |= remove_id(SEM, 0, id);
        }
    }
    if (type == MSG || type == ALL) {
        struct msginfo info;
        struct msqid_ds ds;
        int max = msgctl(0, MSG_INFO, (struct msqid_ds *)(void *)&info);
        for (int i = 0; i <= max; i++) {
            int id = msgctl(i, MSG_STAT, &ds);
            if (id >= 0) failed |= remove_id(MSG, 0, id);
        }
    }
    return failed;
}

/* The old form: `ipcrm shm|msg|sem ID...`; -1 when argv is not that form. */
static int old_form(int argc, char **argv) {
    if (argc < 2) return -1;
    enum type type;
    if (strcmp(argv[1], "shm") == 0) type = SHM;
    else if (strcmp(argv[1], "msg") == 0) type = MSG;
    else if (strcmp(argv[1], "sem") == 0) type = SEM;
    else return -1;
    if (argc < 3) {
        warnx_("not enough arguments");
        return try_help();
    }
    int errors = 0;
    for (int i = 2; i < argc; i++) {
        char *end;
        long id = strtol(argv[i], &end, 10);
        if (*end || end == argv[i]) {
            warnx_("invalid id: %s", argv[i]);
            errors++;
        } else if (remove_id(type, 0, (int)id)) {
            errors++;
        }
    }
    if (errors) return 1;
    printf("resource(s) deleted\n");
    return 0;
}

static const char help[] =
    "\n"
    "Usage:\n"
    " ipcrm [options]\n"
    " ipcrm shm|msg|sem <id>...\n"
    "\n"
    "Remove certain IPC resources.\n"
    "\n"
    "Options:\n"
    " -m, --shmem-id <id>        remove shared memory segment by id\n"
    " -M, --shmem-key <key>      remove shared memory segment by key\n"
    " -q, --queue-id <id>        remove message queue by id\n"
    " -Q, --queue-key <key>      remove message queue by key\n"
    " -s, --semaphore-id <id>    remove semaphore by id\n"
    " -S, --semaphore-key <key>  remove semaphore by key\n"
    " -a, --all[=shm|msg|sem]    remove all (in the specified category)\n"
    " -v, --verbose              explain what is being done\n"
    "\n"
    " -h, --help                 display this help\n"
    " -V, --version              display version\n"
    "\n"
    "For more details see ipcrm(1).\n";

int ipcrm_main(int argc, char **argv) {
    int old = old_form(argc, argv);
    if (old >= 0) return old;
    static const struct option_spec specs[] = {
        {"shmem-id", 'm', 1},     {"shmem-key", 'M', 1}, {"queue-id", 'q', 1},
        {"queue-key", 'Q', 1},    {"semaphore-id", 's', 1}, {"semaphore-key", 'S', 1},
        {"all", 'a', 2},          {"verbose", 'v', 0},   {"version", 'V', 0},
        {"help", 'h', 0},         {NULL, 0, 0}};
    struct option_parser parser;
    int key, errors = 0, all = 0;
    enum type all_type = ALL;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        enum type type = SHM;
        switch (key) {
        case 'M':
        case 'Q':
        case 'S': {
            type = key == 'M' ? SHM : key == 'Q' ? MSG : SEM;
            int id = key_to_id(type, parser.arg);
            if (id < 0 || remove_id(type, 1, id)) errors++;
            break;
        }
        case 'm':
        case 'q':
        case 's': {
            type = key == 'm' ? SHM : key == 'q' ? MSG : SEM;
            int id = ipc_parse_int(parser.arg, 10, "failed to parse argument");
            if (remove_id(type, 0, id)) errors++;
            break;
        }
        case 'a':
            all = 1;
            if (!parser.arg) all_type = ALL;
            else if (strcmp(parser.arg, "shm") == 0) all_type = SHM;
            else if (strcmp(parser.arg, "msg") == 0) all_type = MSG;
            else if (strcmp(parser.arg, "sem") == 0) all_type = SEM;
            else {
                warnx_("unknown argument: %s", parser.arg);
                return 1;
            }
            break;
        case 'v': verbose = 1; break;
        case 'V': printf("ipcrm from util-linux 2.38.1\n"); return 0;
        case 'h':
        case OPT_HELP: fputs(help, stdout); return 0;
        default: return 1; /* next_option has said why */
        }
    }
    /* util-linux removes everything before it looks at what is left over. */
    if (all && remove_all(all_type)) errors++;
    if (parser.operand_count > 0) {
        warnx_("unknown argument: %s", parser.operands[0]);
        return try_help();
    }
    return errors ? 1 : 0;
}
