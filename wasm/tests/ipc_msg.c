/* ipc_msg.c: System V message queues in a fresh IPC namespace, run natively
 * (inside `unshare -i`) and on bocal; both must print the same lines. */
#define _GNU_SOURCE /* MSG_EXCEPT, IPC_INFO, struct msginfo */
#include "bocal-ipc.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

struct message {
    long type;
    char text[64];
};

static void send(int id, long type, const char *text) {
    struct message m = {type, ""};
    strcpy(m.text, text);
    result("msgsnd", msgsnd(id, &m, strlen(text), IPC_NOWAIT));
}

static void receive(int id, size_t size, long type, int flags) {
    struct message m = {0, ""};
    errno = 0;
    long n = msgrcv(id, &m, size, type, flags | IPC_NOWAIT);
    if (n < 0) printf("msgrcv %ld: %s\n", type, errno_name(errno));
    else printf("msgrcv %ld: type %ld '%.*s'\n", type, m.type, (int)n, m.text);
}

int main(void) {
    result("private", msgget(IPC_PRIVATE, 0600));
    result("private again", msgget(IPC_PRIVATE, 0600));
    result("key missing", msgget(0x1234, 0600));
    int id = msgget(0x1234, IPC_CREAT | 0640);
    result("key created", id);
    result("key excl", msgget(0x1234, IPC_CREAT | IPC_EXCL | 0600));
    result("key found", msgget(0x1234, 0));
    result("key found 0600", msgget(0x1234, 0600));

    send(id, 3, "three");
    send(id, 1, "one");
    send(id, 2, "two");
    send(id, 1, "uno");
    result("type 0", msgsnd(id, &(struct message){0, "x"}, 1, 0));
    result("bad id", msgsnd(id + 1, &(struct message){1, "x"}, 1, 0));
    static struct {
        long type;
        char text[9000];
    } big = {1, ""};
    result("too big", msgsnd(id, &big, 8193, 0));

    struct msqid_ds ds;
    result("IPC_STAT", msgctl(id, IPC_STAT, &ds));
    printf("stat: key %#x mode %o qnum %lu cbytes %lu qbytes %lu uid %u cuid %u lspid-self %d "
           "lrpid %d stime-set %d rtime %ld seq %u\n",
           (unsigned)ds.msg_perm.__key, ds.msg_perm.mode, (unsigned long)ds.msg_qnum,
           (unsigned long)ds.__msg_cbytes, (unsigned long)ds.msg_qbytes, ds.msg_perm.uid,
           ds.msg_perm.cuid, ds.msg_lspid == getpid(), ds.msg_lrpid, ds.msg_stime > 0,
           (long)ds.msg_rtime, ds.msg_perm.__seq);

    receive(id, 64, 2, 0);
    receive(id, 64, -2, 0);
    receive(id, 64, 1, MSG_EXCEPT);
    receive(id, 2, 0, 0);
    receive(id, 2, 0, MSG_NOERROR);
    receive(id, 64, 0, 0);
    receive(id, 64, 7, 0);

    struct msginfo info;
    result("MSG_INFO", msgctl(0, MSG_INFO, (struct msqid_ds *)&info));
    printf("info: pool %d map %d tql %d\n", info.msgpool, info.msgmap, info.msgtql);
    result("IPC_INFO", msgctl(0, IPC_INFO, (struct msqid_ds *)&info));
    printf("limits: max %d mnb %d mni %d ssz %d seg %u\n", info.msgmax, info.msgmnb, info.msgmni,
           info.msgssz, info.msgseg);

    msgctl(id, IPC_STAT, &ds);
    ds.msg_qbytes = 8;
    ds.msg_perm.mode = 0600;
    result("IPC_SET", msgctl(id, IPC_SET, &ds));
    send(id, 1, "1234");
    send(id, 1, "5678");
    send(id, 1, "9");
    msgctl(id, IPC_STAT, &ds);
    printf("after set: mode %o qbytes %lu qnum %lu\n", ds.msg_perm.mode,
           (unsigned long)ds.msg_qbytes, (unsigned long)ds.msg_qnum);
    result("MSG_STAT", msgctl(2, MSG_STAT, &ds));
    result("MSG_STAT empty", msgctl(5, MSG_STAT, &ds));
    result("bad cmd", msgctl(id, 99, &ds));

    result("IPC_RMID", msgctl(id, IPC_RMID, 0));
    result("removed", msgsnd(id, &(struct message){1, "x"}, 1, 0));
    result("rmid twice", msgctl(id, IPC_RMID, 0));
    result("key gone", msgget(0x1234, 0));
    result("recreated", msgget(0x1234, IPC_CREAT | 0600));
    result("rmid 0", msgctl(0, IPC_RMID, 0));
    result("new after wrap", msgget(IPC_PRIVATE, 0600));
    return 0;
}
