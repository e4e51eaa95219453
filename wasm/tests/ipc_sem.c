/* ipc_sem.c: System V semaphores in a fresh IPC namespace, run natively
 * (inside `unshare -i`) and on bocal; both must print the same lines.
 * argv[1] is the program's own path: it runs itself as a child that holds
 * SEM_UNDO adjustments when it exits, and as a child that blocks. */
#define _GNU_SOURCE /* semtimedop, IPC_INFO, struct seminfo */
#include "bocal.h"
#include "bocal-ipc.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *__buf;
};

static int op(int id, unsigned short num, short delta, short flags) {
    struct sembuf b = {num, delta, flags};
    return semop(id, &b, 1);
}

static pid_t spawn(const char *self, const char *mode, int id) {
    char ids[16];
    snprintf(ids, sizeof ids, "%d", id);
    char *argv[] = {(char *)self, (char *)mode, ids, 0};
    pid_t pid;
    if (posix_spawn(&pid, self, 0, 0, argv, environ) != 0) {
        printf("spawn failed\n");
        exit(2);
    }
    return pid;
}

static void values(int id, const char *what) {
    unsigned short v[3];
    semctl(id, 0, GETALL, (union semun){.array = v});
    printf("%s: %u %u %u\n", what, v[0], v[1], v[2]);
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "undo") == 0) {
        int id = atoi(argv[2]);
        op(id, 0, 5, SEM_UNDO);
        op(id, 0, -2, SEM_UNDO);
        op(id, 1, 2, SEM_UNDO);
        op(id, 2, 1, 0);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "block") == 0) {
        int id = atoi(argv[2]);
        result("child semop", op(id, 2, -2, 0));
        return 0;
    }
    if (argc < 2) return 2;
    const char *self = argv[1];

    result("nsems 0", semget(IPC_PRIVATE, 0, 0600));
    result("nsems -1", semget(IPC_PRIVATE, -1, 0600));
    result("nsems 32001", semget(IPC_PRIVATE, 32001, 0600));
    int id = semget(0x51, 3, IPC_CREAT | 0600);
    result("created", id);
    result("more nsems", semget(0x51, 4, 0));
    result("fewer nsems", semget(0x51, 2, 0));
    result("excl", semget(0x51, 3, IPC_CREAT | IPC_EXCL | 0600));

    result("GETVAL", semctl(id, 0, GETVAL));
    result("SETVAL 2", semctl(id, 0, SETVAL, (union semun){.val = 2}));
    result("SETVAL -1", semctl(id, 0, SETVAL, (union semun){.val = -1}));
    result("SETVAL 32768", semctl(id, 0, SETVAL, (union semun){.val = 32768}));
    result("SETVAL semnum 3", semctl(id, 3, SETVAL, (union semun){.val = 1}));
    result("GETVAL semnum -1", semctl(id, -1, GETVAL));
    unsigned short all[3] = {4, 5, 6};
    result("SETALL", semctl(id, 0, SETALL, (union semun){.array = all}));
    values(id, "GETALL");
    result("GETPID is self", semctl(id, 1, GETPID) == getpid());

    result("decrement", op(id, 0, -4, 0));
    result("nowait", op(id, 0, -1, IPC_NOWAIT));
    result("zero nowait", op(id, 1, 0, IPC_NOWAIT));
    result("range", op(id, 1, 32767, 0));
    result("efbig", op(id, 3, 1, 0));
    struct sembuf pair[2] = {{0, 3, 0}, {1, -6, IPC_NOWAIT}};
    result("atomic pair", semop(id, pair, 2));
    values(id, "after pair");
    struct sembuf twice[2] = {{1, -3, 0}, {1, -2, 0}};
    result("same sem twice", semop(id, twice, 2));
    values(id, "after twice");
    static struct sembuf many[501];
    result("501 ops", semop(id, many, 501));
    result("0 ops", semop(id, many, 0));
    struct timespec soon = {0, 20000000};
    result("timed out", semtimedop(id, &(struct sembuf){0, -1, 0}, 1, &soon));
    struct timespec bad = {0, 1000000000};
    result("bad timeout", semtimedop(id, &(struct sembuf){0, -1, 0}, 1, &bad));

    pid_t child = spawn(self, "undo", id);
    int status;
    waitpid(child, &status, 0);
    values(id, "after undo child");
    result("GETPID is child", semctl(id, 0, GETPID) == child);

    semctl(id, 2, SETVAL, (union semun){.val = 1});
    child = spawn(self, "block", id);
    while (semctl(id, 2, GETNCNT) == 0) usleep(1000);
    result("GETNCNT", semctl(id, 2, GETNCNT));
    result("GETZCNT", semctl(id, 2, GETZCNT));
    result("SETVAL wakes", semctl(id, 2, SETVAL, (union semun){.val = 3}));
    waitpid(child, &status, 0);
    result("child status", WEXITSTATUS(status));
    values(id, "after block child");

    struct semid_ds ds;
    result("IPC_STAT", semctl(id, 0, IPC_STAT, (union semun){.buf = &ds}));
    printf("stat: key %#x mode %o nsems %lu otime-set %d seq %u\n",
           (unsigned)ds.sem_perm.__key, ds.sem_perm.mode, (unsigned long)ds.sem_nsems,
           ds.sem_otime > 0, ds.sem_perm.__seq);
    ds.sem_perm.mode = 0640;
    result("IPC_SET", semctl(id, 0, IPC_SET, (union semun){.buf = &ds}));
    semctl(id, 0, IPC_STAT, (union semun){.buf = &ds});
    printf("mode after set: %o\n", ds.sem_perm.mode);
    struct seminfo info;
    result("IPC_INFO", semctl(0, 0, IPC_INFO, (union semun){.__buf = &info}));
    printf("limits: msl %d mns %d opm %d mni %d vmx %d aem %d\n", info.semmsl, info.semmns,
           info.semopm, info.semmni, info.semvmx, info.semaem);
    result("SEM_INFO", semctl(0, 0, SEM_INFO, (union semun){.__buf = &info}));
    printf("usage: sets %d sems %d\n", info.semusz, info.semaem);
    result("SEM_STAT", semctl(0, 0, SEM_STAT, (union semun){.buf = &ds}));
    result("bad cmd", semctl(id, 0, 99));
    result("IPC_RMID", semctl(id, 0, IPC_RMID));
    result("removed", semctl(id, 0, GETVAL));
    return 0;
}
