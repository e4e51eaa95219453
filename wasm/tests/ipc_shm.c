/* ipc_shm.c: System V shared memory in a fresh IPC namespace, run natively
 * (inside `unshare -i`) and on bocal; both must print the same lines.
 * bocal's segments are copy-based (docs/abi.md): the program syncs where
 * the documentation says it must (bocal_shm_sync is a no-op natively), and
 * otherwise relies on the syncs at shmat, shmdt, exit, around semop and
 * around sleeps and waits.
 * argv[1] is the program's own path: it runs itself as child writers. */
#define _GNU_SOURCE /* IPC_INFO, SHM_INFO, struct shminfo, struct shm_info */
#include "bocal.h"
#include "bocal-ipc.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static pid_t spawn(const char *self, const char *mode, int id, int sem) {
    char ids[16], sems[16];
    snprintf(ids, sizeof ids, "%d", id);
    snprintf(sems, sizeof sems, "%d", sem);
    char *argv[] = {(char *)self, (char *)mode, ids, sems, 0};
    pid_t pid;
    if (posix_spawn(&pid, self, 0, 0, argv, environ) != 0) {
        printf("spawn failed\n");
        exit(2);
    }
    return pid;
}

static void wait_for(pid_t pid) {
    int status;
    waitpid(pid, &status, 0);
}

static void stat_line(int id, const char *what) {
    struct shmid_ds ds;
    if (shmctl(id, IPC_STAT, &ds) < 0) {
        printf("%s: stat %s\n", what, errno_name(errno));
        return;
    }
    printf("%s: key %#x mode %o size %lu nattch %lu cpid-self %d lpid-self %d atime-set %d "
           "dtime-set %d\n",
           what, (unsigned)ds.shm_perm.__key, ds.shm_perm.mode, (unsigned long)ds.shm_segsz,
           (unsigned long)ds.shm_nattch, ds.shm_cpid == getpid(), ds.shm_lpid == getpid(),
           ds.shm_atime > 0, ds.shm_dtime > 0);
}

static int sem_op(int sem, unsigned short num, short delta) {
    struct sembuf b = {num, delta, 0};
    return semop(sem, &b, 1);
}

/* Children: "writer" writes at 100 and exits without shmdt; "flag" raises a
 * flag and polls for an answer; "merge" writes byte 1 only; "counter"
 * counts up 1..5 handing over with semaphores. */
static int child(const char *mode, int id, int sem) {
    char *at = shmat(id, 0, 0);
    if (at == (void *)-1) return 1;
    if (strcmp(mode, "writer") == 0) {
        strcpy(at + 100, "written by a child");
        return 0;
    }
    if (strcmp(mode, "flag") == 0) {
        /* Raise a flag, then poll for the parent's answer: no semaphore, only sleeps. */
        at[300] = 'F';
        for (int i = 0; i < 5000 && at[301] != 'A'; i++) usleep(1000);
        return at[301] == 'A' ? 0 : 3;
    }
    if (strcmp(mode, "merge") == 0) {
        at[1] = 'C';
        shmdt(at);
        return 0;
    }
    for (int i = 1; i <= 5; i++) {
        sem_op(sem, 0, -1); /* our turn */
        at[200] = (char)('0' + i);
        sem_op(sem, 1, 1); /* the parent's */
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4) return child(argv[1], atoi(argv[2]), atoi(argv[3]));
    if (argc < 2) return 2;
    const char *self = argv[1];

    result("size 0", shmget(IPC_PRIVATE, 0, 0600));
    result("key missing", shmget(0x5301, 100, 0600));
    int id = shmget(0x5301, 10000, IPC_CREAT | 0640);
    result("created", id);
    result("excl", shmget(0x5301, 10000, IPC_CREAT | IPC_EXCL | 0600));
    result("larger", shmget(0x5301, 10001, 0));
    result("smaller", shmget(0x5301, 50, 0));
    result("size 0 existing", shmget(0x5301, 0, 0));
    stat_line(id, "fresh");

    result("shmat bad id", (long)shmat(id + 1, 0, 0));
    char *a = shmat(id, 0, 0);
    result("shmat", a == (void *)-1 ? -1 : 0);
    printf("zero filled: %d aligned: %d\n", a[0] == 0 && a[9999] == 0, (int)((unsigned long)a % 4096 == 0));
    stat_line(id, "attached");
    strcpy(a, "hello");
    char *b = shmat(id, 0, SHM_RDONLY);
    result("second shmat", b == (void *)-1 ? -1 : 0);
    bocal_shm_sync();
    printf("second sees: %s\n", b);
    stat_line(id, "two attached");
    result("shmdt second", shmdt(b));
    result("shmdt again", shmdt(b));
    result("shmdt elsewhere", shmdt(a + 1));

    pid_t pid = spawn(self, "writer", id, 0);
    wait_for(pid);
    bocal_shm_sync();
    printf("after writer exit: %s\n", a + 100);

    /* Each side changes only its own byte: neither undoes the other. */
    a[0] = 'P';
    pid = spawn(self, "merge", id, 0);
    wait_for(pid);
    bocal_shm_sync();
    printf("merged: %c%c%s\n", a[0], a[1], a + 2);

    /* Polling with sleeps: each side's writes show at its next sleep or wait. */
    pid = spawn(self, "flag", id, 0);
    int polls = 0;
    while (a[300] != 'F' && polls++ < 5000) usleep(1000);
    printf("flag seen: %c\n", a[300]);
    a[301] = 'A';
    int status;
    waitpid(pid, &status, 0);
    printf("flag child status: %d\n", WEXITSTATUS(status));

    int sem = semget(IPC_PRIVATE, 2, 0600);
    pid = spawn(self, "counter", id, sem);
    for (int i = 1; i <= 5; i++) {
        sem_op(sem, 0, 1);  /* the child's turn */
        sem_op(sem, 1, -1); /* wait for it */
        printf("counter %c\n", a[200]);
    }
    wait_for(pid);
    semctl(sem, 0, IPC_RMID);

    struct shmid_ds ds;
    shmctl(id, IPC_STAT, &ds);
    ds.shm_perm.mode = 0600;
    result("IPC_SET", shmctl(id, IPC_SET, &ds));
    stat_line(id, "after set");
    result("SHM_LOCK", shmctl(id, SHM_LOCK, 0));
    stat_line(id, "locked");
    result("SHM_UNLOCK", shmctl(id, SHM_UNLOCK, 0));

    struct shminfo limits;
    result("IPC_INFO", shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&limits));
    printf("limits: shmmin %lu shmmni %lu shmseg %lu\n", limits.shmmin, limits.shmmni,
           limits.shmseg);
    int other = shmget(IPC_PRIVATE, 4097, 0600);
    struct shm_info usage;
    result("SHM_INFO", shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&usage));
    printf("usage: ids %d pages %lu\n", usage.used_ids, usage.shm_tot);
    result("SHM_STAT 0 is id", shmctl(0, SHM_STAT, &ds) == id);
    result("SHM_STAT 5", shmctl(5, SHM_STAT, &ds));
    result("bad cmd", shmctl(id, 99, &ds));
    result("IPC_RMID other", shmctl(other, IPC_RMID, 0));
    result("other gone", shmctl(other, IPC_STAT, &ds));

    result("IPC_RMID attached", shmctl(id, IPC_RMID, 0));
    stat_line(id, "removed");
    result("key now", shmget(0x5301, 100, 0600));
    char *c = shmat(id, 0, 0);
    result("shmat removed", c == (void *)-1 ? -1 : 0);
    bocal_shm_sync();
    printf("still there: %s\n", c + 100);
    stat_line(id, "removed, two attached");
    shmdt(c);
    result("last shmdt", shmdt(a));
    stat_line(id, "after last shmdt");
    return 0;
}
