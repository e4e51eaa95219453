/* bocal-ipc-shm.c: System V shared memory, copy-based (docs/abi.md).
 *
 * A WebAssembly instance cannot share part of its memory with another, so
 * shmat gives the program a block of its own memory holding a copy of the
 * kernel's segment, plus a shadow: the segment as this program last saw it.
 * A sync pushes the bytes the program changed since (those that differ from
 * the shadow, as exact runs, so two programs writing different bytes do not
 * undo each other), then pulls the segment back if anyone else wrote to it.
 * Syncs happen at shmat, shmdt, exit, around semop/semtimedop/msgsnd/msgrcv
 * (where programs order their use of shared memory), around sleeps and
 * waits (bocal-shm-hook.c) and in bocal_shm_sync. */
#ifdef __wasi__
#include "bocal-ipc.h"
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* shm_attachment's operations (src/kernel/syscalls/ipc-shm.ts). */
enum { OP_ATTACH = 0, OP_DETACH = 1, OP_READ = 2, OP_WRITE = 3 };

/* What one call moves at most: the kernel's read limit, and a write batch. */
#define CHUNK (128 * 1024)

struct attachment {
    struct attachment *next;
    unsigned char *copy;
    unsigned char *shadow;
    size_t size;
    int64_t handle;
    int64_t version; /* the segment's version copy and shadow hold */
    int readonly;
};

static struct attachment *attachments;

/* Pulls the segment into copy and shadow unless it is still at `version`. */
static int pull(struct attachment *a) {
    int64_t known = a->version;
    for (size_t offset = 0; offset < a->size; offset += CHUNK) {
        size_t length = a->size - offset < CHUNK ? a->size - offset : CHUNK;
        int64_t args[8] = {OP_READ, a->handle, (int64_t)offset, (int64_t)length, known};
        int64_t results[4];
        if (__bocal_call_io(BOCAL_SHM_ATTACHMENT, args, 0, 0, a->shadow + offset, length, results,
                            0) < 0) {
            return -1;
        }
        if (results[1]) return 0; /* unchanged since we saw it */
        if (offset == 0) a->version = results[0];
        known = -1; /* a pull begun reads to the end */
    }
    memcpy(a->copy, a->shadow, a->size);
    return 0;
}

/* Sends one batch of (u32 offset, u32 length, bytes) records. */
static int send_batch(struct attachment *a, const unsigned char *batch, size_t length) {
    if (length == 0) return 0;
    int64_t args[8] = {OP_WRITE, a->handle};
    int64_t results[4];
    if (__bocal_call_io(BOCAL_SHM_ATTACHMENT, args, batch, length, 0, 0, results, 0) < 0) {
        return -1;
    }
    /* Nobody wrote between our last view and this write: we are current. */
    if (results[0] == a->version) a->version = results[1];
    return 0;
}

/* Pushes the runs where copy differs from shadow, and makes shadow match. */
static int push(struct attachment *a) {
    if (a->readonly) return 0;
    static unsigned char batch[CHUNK];
    size_t used = 0;
    size_t i = 0;
    while (i < a->size) {
        /* Skip equal bytes a page at a time where possible. */
        if (i % SHMLBA == 0 && a->size - i >= SHMLBA &&
            memcmp(a->copy + i, a->shadow + i, SHMLBA) == 0) {
            i += SHMLBA;
            continue;
        }
        if (a->copy[i] == a->shadow[i]) {
            i++;
            continue;
        }
        size_t end = i;
        while (end < a->size && a->copy[end] != a->shadow[end] && end - i < CHUNK - 8) end++;
        size_t length = end - i;
        if (used + 8 + length > sizeof batch) {
            if (send_batch(a, batch, used) < 0) return -1;
            used = 0;
        }
        uint32_t header[2] = {(uint32_t)i, (uint32_t)length};
        memcpy(batch + used, header, 8);
        memcpy(batch + used + 8, a->copy + i, length);
        memcpy(a->shadow + i, a->copy + i, length);
        used += 8 + length;
        i = end;
    }
    return send_batch(a, batch, used);
}

void bocal_shm_sync(void) {
    int saved = errno;
    /* Every copy's changes out first, so each pull sees them all. */
    for (struct attachment *a = attachments; a; a = a->next) push(a);
    for (struct attachment *a = attachments; a; a = a->next) pull(a);
    errno = saved;
}

static void sync_at_exit(void) {
    for (struct attachment *a = attachments; a; a = a->next) push(a);
}

int shmget(key_t key, size_t size, int flags) {
    return (int)__bocal_call(BOCAL_SHMGET, key, (int64_t)size, flags, 0, 0);
}

void *shmat(int id, const void *address, int flags) {
    static int exit_hook;
    /* The copy goes where the library allocates it: a chosen address cannot be honoured. */
    if (address) {
        errno = EINVAL;
        return (void *)-1;
    }
    int64_t results[4];
    int64_t handle = __bocal_call(BOCAL_SHM_ATTACHMENT, OP_ATTACH, id, flags, 0, results);
    if (handle < 0) return (void *)-1;
    struct attachment *a = calloc(1, sizeof *a);
    size_t size = (size_t)results[1];
    size_t rounded = (size + SHMLBA - 1) / SHMLBA * SHMLBA;
    if (a) a->copy = aligned_alloc(SHMLBA, rounded);
    if (a) a->shadow = malloc(size);
    if (!a || !a->copy || !a->shadow) {
        if (a) free(a->copy);
        free(a);
        __bocal_call(BOCAL_SHM_ATTACHMENT, OP_DETACH, handle, 0, 0, 0);
        errno = ENOMEM;
        return (void *)-1;
    }
    memset(a->copy + size, 0, rounded - size);
    a->size = size;
    a->handle = handle;
    a->version = -1;
    a->readonly = (flags & SHM_RDONLY) != 0;
    if (pull(a) < 0) {
        int saved = errno;
        __bocal_call(BOCAL_SHM_ATTACHMENT, OP_DETACH, handle, 0, 0, 0);
        free(a->copy);
        free(a->shadow);
        free(a);
        errno = saved;
        return (void *)-1;
    }
    a->next = attachments;
    attachments = a;
    if (!exit_hook) exit_hook = atexit(sync_at_exit) == 0;
    __bocal_shm_sync_hook = bocal_shm_sync;
    return a->copy;
}

int shmdt(const void *address) {
    struct attachment **link = &attachments;
    while (*link && (*link)->copy != address) link = &(*link)->next;
    struct attachment *a = *link;
    if (!a) {
        errno = EINVAL;
        return -1;
    }
    push(a);
    *link = a->next;
    __bocal_call(BOCAL_SHM_ATTACHMENT, OP_DETACH, a->handle, 0, 0, 0);
    free(a->copy);
    free(a->shadow);
    free(a);
    return 0;
}

int shmctl(int id, int cmd, struct shmid_ds *buf) {
    int64_t args[8] = {id, cmd};
    if (cmd == IPC_SET) {
        args[2] = buf->shm_perm.uid;
        args[3] = buf->shm_perm.gid;
        args[4] = buf->shm_perm.mode;
    }
    int64_t f[16] = {0};
    int64_t results[4];
    if (__bocal_call_io(BOCAL_SHMCTL, args, 0, 0, f, sizeof f, results, 0) < 0) return -1;
    if (cmd == IPC_INFO) {
        struct shminfo *info = (struct shminfo *)(void *)buf;
        unsigned long *out[5] = {&info->shmmax, &info->shmmin, &info->shmmni, &info->shmseg,
                                 &info->shmall};
        /* A limit beyond unsigned long (Linux's default) shows as ULONG_MAX. */
        for (int i = 0; i < 5; i++) *out[i] = f[i] < 0 || f[i] > (int64_t)~0UL ? ~0UL : (unsigned long)f[i];
    } else if (cmd == SHM_INFO) {
        struct shm_info *info = (struct shm_info *)(void *)buf;
        info->used_ids = (int)f[0];
        info->shm_tot = (unsigned long)f[1];
        info->shm_rss = (unsigned long)f[2];
        info->shm_swp = (unsigned long)f[3];
        info->swap_attempts = (unsigned long)f[4];
        info->swap_successes = (unsigned long)f[5];
    } else if (cmd == IPC_STAT || cmd == SHM_STAT || cmd == SHM_STAT_ANY) {
        memset(buf, 0, sizeof *buf);
        const int64_t *p = f;
        buf->shm_perm.__key = (key_t)p[0];
        buf->shm_perm.uid = (uid_t)p[1];
        buf->shm_perm.gid = (gid_t)p[2];
        buf->shm_perm.cuid = (uid_t)p[3];
        buf->shm_perm.cgid = (gid_t)p[4];
        buf->shm_perm.mode = (unsigned short)p[5];
        buf->shm_perm.__seq = (unsigned short)p[6];
        buf->shm_segsz = (size_t)p[7];
        buf->shm_atime = (time_t)p[8];
        buf->shm_dtime = (time_t)p[9];
        buf->shm_ctime = (time_t)p[10];
        buf->shm_cpid = (pid_t)p[11];
        buf->shm_lpid = (pid_t)p[12];
        buf->shm_nattch = (shmatt_t)p[13];
    }
    return (int)results[0];
}
#endif
