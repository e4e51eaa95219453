/* bocal-ipc.h: System V IPC, <sys/ipc.h> and <sys/msg.h> (msgget, msgsnd,
 * msgrcv, msgctl, ftok). wasi-libc has none of them: on WASI this header
 * declares them with Linux's constants and glibc's structure fields, and
 * wasm/lib/bocal-ipc.c implements them over the extension; natively it
 * includes the system headers, so one program builds both ways. */
#ifndef BOCAL_IPC_H
#define BOCAL_IPC_H

#ifndef __wasi__
#include <sys/ipc.h>
#include <sys/msg.h>
#else
#include "bocal.h"
#include <stddef.h>
#include <time.h>

/* Syscall numbers (src/kernel/abi/syscalls.ts). */
enum { BOCAL_MSGGET = 250, BOCAL_MSGSND, BOCAL_MSGRCV, BOCAL_MSGCTL };

#define IPC_PRIVATE ((key_t)0)
#define IPC_CREAT 01000
#define IPC_EXCL 02000
#define IPC_NOWAIT 04000
#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define IPC_INFO 3

#define MSG_STAT 11
#define MSG_INFO 12
#define MSG_STAT_ANY 13
#define MSG_NOERROR 010000
#define MSG_EXCEPT 020000
#define MSG_COPY 040000

struct ipc_perm {
    key_t __key;
    uid_t uid;
    gid_t gid;
    uid_t cuid;
    gid_t cgid;
    unsigned short mode;
    unsigned short __seq;
};

typedef unsigned long msgqnum_t;
typedef unsigned long msglen_t;

struct msqid_ds {
    struct ipc_perm msg_perm;
    time_t msg_stime;
    time_t msg_rtime;
    time_t msg_ctime;
    unsigned long __msg_cbytes;
    msgqnum_t msg_qnum;
    msglen_t msg_qbytes;
    pid_t msg_lspid;
    pid_t msg_lrpid;
};

struct msginfo {
    int msgpool;
    int msgmap;
    int msgmax;
    int msgmnb;
    int msgmni;
    int msgssz;
    int msgtql;
    unsigned short msgseg;
};

key_t ftok(const char *, int);
int msgget(key_t, int);
int msgsnd(int, const void *, size_t, int);
ssize_t msgrcv(int, void *, size_t, long, int);
int msgctl(int, int, struct msqid_ds *);
#endif

#endif
