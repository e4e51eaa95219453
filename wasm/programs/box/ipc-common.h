/* ipc-common.h: what ipcs, ipcmk and ipcrm share: the System V objects of
 * the caller's IPC namespace as /proc/sysvipc lists them (util-linux reads
 * the same files), and util-linux's number parsing. */
#ifndef BOX_IPC_COMMON_H
#define BOX_IPC_COMMON_H

#include <time.h>

struct ipc_object {
    int key, id;
    unsigned mode; /* with SHM_DEST and SHM_LOCKED for a segment */
    unsigned uid, gid, cuid, cgid;
    unsigned long long bytes; /* a queue's cbytes, a segment's size */
    unsigned long long count; /* a queue's qnum, a set's nsems, a segment's nattch */
    int pid1, pid2;           /* lspid/lrpid, cpid/lpid; 0 for a set */
    time_t time1, time2, time3; /* stime rtime ctime, atime dtime ctime, otime ctime (0) */
};

enum ipc_kind { IPC_KIND_MSG, IPC_KIND_SEM, IPC_KIND_SHM };

/* The objects of one kind, in /proc/sysvipc order; the count, or -1
 * (errno set) when the file cannot be read. *objects is malloc'ed. */
int ipc_list(enum ipc_kind kind, struct ipc_object **objects);

/* One number of /proc/sys/kernel/NAME (the first, or the INDEX-th of sem). */
unsigned long long ipc_sysctl(const char *name, int index);

/* strtol as util-linux's strtos32_or_err: the value, or exits 1 after
 * "PROG: MESSAGE: 'TEXT'". base 0 takes 0x and leading-0 octal (keys). */
int ipc_parse_int(const char *text, int base, const char *message);

/* A size as util-linux's --human shows it (4.9K, 16K, 0B, 16E); `buffer` holds 32. */
const char *ipc_human(unsigned long long bytes, char *buffer);

#endif
