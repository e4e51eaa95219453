/* bocal-ipc.c: System V message queues, semaphores and ftok(3) over the extension
 * (src/kernel/syscalls/ipc.ts). A stat answer comes as 64-bit fields in the
 * order the kernel documents (docs/abi.md); they are copied into glibc's
 * structure layout here. */
#ifdef __wasi__
#include "bocal-ipc.h"
#include <string.h>
#include <sys/stat.h>

/* ftok(3) as glibc: low 16 bits of the inode, low 8 of the device, id's low 8. */
key_t ftok(const char *path, int id) {
    struct stat st;
    if (stat(path, &st) < 0) return -1;
    return (key_t)(((unsigned)id & 0xff) << 24 | ((unsigned)st.st_dev & 0xff) << 16 |
                   ((unsigned)st.st_ino & 0xffff));
}

int msgget(key_t key, int flags) {
    return (int)__bocal_call(BOCAL_MSGGET, key, flags, 0, 0, 0);
}

/* The message is a long mtype followed by the text. */
int msgsnd(int id, const void *message, size_t size, int flags) {
    long type;
    memcpy(&type, message, sizeof type);
    int64_t args[8] = {id, type, flags};
    const char *text = (const char *)message + sizeof(long);
    bocal_shm_sync();
    int sent = (int)__bocal_call_io(BOCAL_MSGSND, args, text, size, 0, 0, 0, 0);
    bocal_shm_sync();
    return sent;
}

ssize_t msgrcv(int id, void *message, size_t size, long type, int flags) {
    int64_t args[8] = {id, (int64_t)size, type, flags};
    int64_t results[4];
    char *text = (char *)message + sizeof(long);
    bocal_shm_sync();
    int64_t received = __bocal_call_io(BOCAL_MSGRCV, args, 0, 0, text, size, results, 0);
    bocal_shm_sync();
    if (received < 0) return -1;
    long got = (long)results[1];
    memcpy(message, &got, sizeof got);
    return (ssize_t)results[0];
}

static void copy_perm(struct ipc_perm *perm, const int64_t *f) {
    perm->__key = (key_t)f[0];
    perm->uid = (uid_t)f[1];
    perm->gid = (gid_t)f[2];
    perm->cuid = (uid_t)f[3];
    perm->cgid = (gid_t)f[4];
    perm->mode = (unsigned short)f[5];
    perm->__seq = (unsigned short)f[6];
}

int msgctl(int id, int cmd, struct msqid_ds *buf) {
    int64_t args[8] = {id, cmd};
    if (cmd == IPC_SET) {
        args[2] = buf->msg_perm.uid;
        args[3] = buf->msg_perm.gid;
        args[4] = buf->msg_perm.mode;
        args[5] = (int64_t)buf->msg_qbytes;
    }
    int64_t f[16] = {0};
    int64_t results[4];
    if (__bocal_call_io(BOCAL_MSGCTL, args, 0, 0, f, sizeof f, results, 0) < 0) return -1;
    if (cmd == IPC_INFO || cmd == MSG_INFO) {
        struct msginfo *info = (struct msginfo *)(void *)buf;
        info->msgpool = (int)f[0];
        info->msgmap = (int)f[1];
        info->msgmax = (int)f[2];
        info->msgmnb = (int)f[3];
        info->msgmni = (int)f[4];
        info->msgssz = (int)f[5];
        info->msgtql = (int)f[6];
        info->msgseg = (unsigned short)f[7];
    } else if (cmd == IPC_STAT || cmd == MSG_STAT || cmd == MSG_STAT_ANY) {
        memset(buf, 0, sizeof *buf);
        copy_perm(&buf->msg_perm, f);
        buf->msg_stime = (time_t)f[7];
        buf->msg_rtime = (time_t)f[8];
        buf->msg_ctime = (time_t)f[9];
        buf->__msg_cbytes = (unsigned long)f[10];
        buf->msg_qnum = (msgqnum_t)f[11];
        buf->msg_qbytes = (msglen_t)f[12];
        buf->msg_lspid = (pid_t)f[13];
        buf->msg_lrpid = (pid_t)f[14];
    }
    return (int)results[0];
}
#endif

#ifdef __wasi__
#include <stdarg.h>

int semget(key_t key, int nsems, int flags) {
    return (int)__bocal_call(BOCAL_SEMGET, key, nsems, flags, 0, 0);
}

int semtimedop(int id, struct sembuf *ops, size_t count, const struct timespec *timeout) {
    int64_t args[8] = {id, (int64_t)count, timeout != 0};
    if (timeout) {
        args[3] = timeout->tv_sec;
        args[4] = timeout->tv_nsec;
    }
    /* Semaphores order the use of shared memory: the copies are synced around them. */
    bocal_shm_sync();
    int done = (int)__bocal_call_io(BOCAL_SEMOP, args, ops, count * sizeof *ops, 0, 0, 0, 0);
    bocal_shm_sync();
    return done;
}

int semop(int id, struct sembuf *ops, size_t count) {
    return semtimedop(id, ops, count, 0);
}

/* The fourth argument, when the command takes one, is a union semun: an
 * int (SETVAL), a struct semid_ds * (IPC_STAT, IPC_SET...), an unsigned
 * short * (GETALL, SETALL) or a struct seminfo * (IPC_INFO, SEM_INFO);
 * all are one word here, read as a pointer or an int. */
int semctl(int id, int semnum, int cmd, ...) {
    va_list list;
    va_start(list, cmd);
    void *arg = 0;
    int value = 0;
    /* The program passes its union semun, and the wasm C ABI passes a
     * variadic union indirectly: it is read back as a union of the same shape. */
    union {
        int val;
        void *ptr;
    } semun = {0};
    if (cmd != IPC_RMID && cmd != GETVAL && cmd != GETPID && cmd != GETNCNT && cmd != GETZCNT) {
        semun = va_arg(list, __typeof__(semun));
    }
    va_end(list);
    if (cmd == SETVAL) value = semun.val;
    else arg = semun.ptr;

    int64_t args[8] = {id, semnum, cmd, value};
    const void *input = 0;
    size_t input_len = 0;
    struct semid_ds *ds = arg;
    if (cmd == IPC_SET) {
        args[4] = ds->sem_perm.uid;
        args[5] = ds->sem_perm.gid;
        args[6] = ds->sem_perm.mode;
    }
    if (cmd == SETALL) {
        struct semid_ds current;
        __typeof__(semun) stat = {.ptr = &current};
        if (semctl(id, 0, IPC_STAT, stat) < 0) return -1;
        input = arg;
        input_len = current.sem_nsems * sizeof(unsigned short);
    }
    int64_t f[16] = {0};
    unsigned short *values = arg;
    void *output = cmd == GETALL ? (void *)values : (void *)f;
    size_t capacity = cmd == GETALL ? 65536 * sizeof(unsigned short) : sizeof f;
    int64_t results[4];
    if (__bocal_call_io(BOCAL_SEMCTL, args, input, input_len, output, capacity, results, 0) < 0) {
        return -1;
    }
    if (cmd == IPC_INFO || cmd == SEM_INFO) {
        struct seminfo *info = arg;
        int *out[10] = {&info->semmap, &info->semmni, &info->semmns, &info->semmnu,
                        &info->semmsl, &info->semopm, &info->semume, &info->semusz,
                        &info->semvmx, &info->semaem};
        for (int i = 0; i < 10; i++) *out[i] = (int)f[i];
    } else if (cmd == IPC_STAT || cmd == SEM_STAT || cmd == SEM_STAT_ANY) {
        memset(ds, 0, sizeof *ds);
        copy_perm(&ds->sem_perm, f);
        ds->sem_otime = (time_t)f[7];
        ds->sem_ctime = (time_t)f[8];
        ds->sem_nsems = (unsigned long)f[9];
    }
    return (int)results[0];
}
#endif
