/* bocal-spawn.c: posix_spawn(3), posix_spawnp(3) with their file actions and
 * attributes, and execve(2)/execv(3)/execvp(3), encoded in the wire format
 * of src/kernel/abi/spawn.ts (little-endian u32 counts and lengths). */
#ifdef __wasi__
#include "bocal.h"
#include <stdlib.h>
#include <string.h>

extern char **environ;

/* A growing byte buffer; `failed` remembers an allocation failure. */
struct buffer {
    unsigned char *bytes;
    size_t length, capacity;
    int failed;
};

static void put(struct buffer *b, const void *bytes, size_t n) {
    if (b->failed) return;
    if (b->length + n > b->capacity) {
        size_t capacity = (b->length + n) * 2 + 64;
        unsigned char *grown = realloc(b->bytes, capacity);
        if (!grown) {
            b->failed = 1;
            return;
        }
        b->bytes = grown;
        b->capacity = capacity;
    }
    memcpy(b->bytes + b->length, bytes, n);
    b->length += n;
}

static void put_u32(struct buffer *b, uint32_t v) {
    unsigned char le[4] = {v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24};
    put(b, le, 4);
}

static void put_string(struct buffer *b, const char *s) {
    size_t n = strlen(s);
    put_u32(b, (uint32_t)n);
    put(b, s, n);
}

static void put_strings(struct buffer *b, char *const list[]) {
    uint32_t count = 0;
    while (list && list[count]) count++;
    put_u32(b, count);
    for (uint32_t i = 0; i < count; i++) put_string(b, list[i]);
}

/* ---- file actions: kept already encoded, in the order they were added ---- */

enum { ACTION_OPEN = 1, ACTION_CLOSE, ACTION_DUP2, ACTION_CHDIR, ACTION_FCHDIR, ACTION_MOUNT };

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa) {
    memset(fa, 0, sizeof *fa);
    return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa) {
    free(fa->__bytes);
    memset(fa, 0, sizeof *fa);
    return 0;
}

/* Appends one action; returns 0 or ENOMEM/EBADF as posix_spawn_file_actions_add* do. */
static int add_action(posix_spawn_file_actions_t *fa, int kind, int fd, const struct buffer *tail) {
    if (fd < 0) return EBADF;
    struct buffer b = {fa->__bytes, fa->__length, fa->__length, 0};
    put_u32(&b, (uint32_t)kind);
    put_u32(&b, (uint32_t)fd);
    if (tail) put(&b, tail->bytes, tail->length);
    if (b.failed) return ENOMEM;
    fa->__bytes = b.bytes;
    fa->__length = b.length;
    fa->__count++;
    return 0;
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict fa, int fd,
                                     const char *restrict path, int oflag, mode_t mode) {
    struct buffer tail = {0};
    put_u32(&tail, (uint32_t)oflag);
    put_u32(&tail, (uint32_t)mode);
    put_string(&tail, path);
    int error = tail.failed ? ENOMEM : add_action(fa, ACTION_OPEN, fd, &tail);
    free(tail.bytes);
    return error;
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd) {
    return add_action(fa, ACTION_CLOSE, fd, 0);
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int new_fd) {
    if (new_fd < 0) return EBADF;
    struct buffer tail = {0};
    put_u32(&tail, (uint32_t)new_fd);
    int error = tail.failed ? ENOMEM : add_action(fa, ACTION_DUP2, fd, &tail);
    free(tail.bytes);
    return error;
}

int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *restrict fa,
                                         const char *restrict path) {
    struct buffer tail = {0};
    put_string(&tail, path);
    /* The action's fd field is unused for chdir: 0 keeps it valid. */
    int error = tail.failed ? ENOMEM : add_action(fa, ACTION_CHDIR, 0, &tail);
    free(tail.bytes);
    return error;
}

int posix_spawn_file_actions_addfchdir_np(posix_spawn_file_actions_t *fa, int fd) {
    return add_action(fa, ACTION_FCHDIR, fd, 0);
}

int posix_spawn_file_actions_addmount_np(posix_spawn_file_actions_t *restrict fa,
                                         const char *source, const char *target,
                                         const char *fstype, unsigned long flags,
                                         const char *data) {
    struct buffer tail = {0};
    put_u32(&tail, (uint32_t)flags);
    put_string(&tail, source ? source : "");
    put_string(&tail, target ? target : "");
    put_string(&tail, fstype ? fstype : "");
    put_string(&tail, data ? data : "");
    /* As for chdir, the fd field is unused: 0 keeps it valid. */
    int error = tail.failed ? ENOMEM : add_action(fa, ACTION_MOUNT, 0, &tail);
    free(tail.bytes);
    return error;
}

/* ---- attributes ----------------------------------------------------------- */

int posix_spawnattr_init(posix_spawnattr_t *attr) {
    memset(attr, 0, sizeof *attr);
    return 0;
}

int posix_spawnattr_destroy(posix_spawnattr_t *attr) {
    (void)attr;
    return 0;
}

int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags) {
    const short known = POSIX_SPAWN_RESETIDS | POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF |
                        POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSID;
    if (flags & ~known) return EINVAL;
    attr->__flags = flags;
    return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *restrict attr, short *restrict flags) {
    *flags = attr->__flags;
    return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup) {
    attr->__pgroup = pgroup;
    return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict attr, const sigset_t *restrict mask) {
    attr->__mask = *mask;
    return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict attr,
                                  const sigset_t *restrict set) {
    attr->__default = *set;
    return 0;
}

/* CLONE_NEWTIME | CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC |
 * CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET, Linux's values. */
#define NAMESPACE_FLAGS 0x7e020080

int posix_spawnattr_setnsflags_np(posix_spawnattr_t *attr, int flags) {
    if (flags & ~NAMESPACE_FLAGS) return EINVAL;
    attr->__nsflags = flags;
    return 0;
}

int posix_spawnattr_getnsflags_np(const posix_spawnattr_t *restrict attr, int *restrict flags) {
    *flags = attr->__nsflags;
    return 0;
}

/* ---- spawn and exec -------------------------------------------------------- */

static void put_program(struct buffer *b, const char *path, char *const argv[],
                        char *const envp[]) {
    put_string(b, path);
    put_strings(b, argv);
    put_strings(b, envp);
}

/* The action the last failed posix_spawn stopped at (from 1), 0 if none. */
static int failed_action;

int posix_spawn_failed_action_np(void) { return failed_action; }

static int spawn(pid_t *pid, const char *path, const posix_spawn_file_actions_t *fa,
                 const posix_spawnattr_t *attr, char *const argv[], char *const envp[],
                 int search) {
    struct buffer b = {0};
    put_program(&b, path, argv, envp);
    put_u32(&b, fa ? (uint32_t)fa->__count : 0);
    if (fa && fa->__length) put(&b, fa->__bytes, fa->__length);
    put_u32(&b, attr ? (uint16_t)attr->__flags : 0);
    put_u32(&b, attr ? (uint32_t)attr->__pgroup : 0);
    put_u32(&b, attr ? (uint32_t)attr->__mask.__bits[0] : 0);
    put_u32(&b, attr ? (uint32_t)attr->__default.__bits[0] : 0);
    put_u32(&b, attr ? (uint32_t)attr->__nsflags : 0);
    if (b.failed) {
        free(b.bytes);
        return ENOMEM;
    }
    __bocal_sync_cwd();
    int saved = errno;
    int64_t args[8] = {search};
    int64_t results[4] = {0, 0, 0, 0};
    int64_t child = __bocal_call_io(BOCAL_SPAWN, args, b.bytes, b.length, 0, 0, results, 0);
    free(b.bytes);
    int error = child < 0 ? errno : 0;
    failed_action = error ? (int)results[1] : 0;
    errno = saved;
    if (error) return error;
    if (pid) *pid = (pid_t)child;
    return 0;
}

int posix_spawn(pid_t *restrict pid, const char *restrict path,
                const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *restrict attr,
                char *const argv[restrict], char *const envp[restrict]) {
    return spawn(pid, path, fa, attr, argv, envp, 0);
}

int posix_spawnp(pid_t *restrict pid, const char *restrict file,
                 const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *restrict attr,
                 char *const argv[restrict], char *const envp[restrict]) {
    return spawn(pid, file, fa, attr, argv, envp, strchr(file, '/') == 0);
}

int execve(const char *path, char *const argv[], char *const envp[]) {
    struct buffer b = {0};
    put_program(&b, path, argv, envp);
    if (b.failed) {
        free(b.bytes);
        errno = ENOMEM;
        return -1;
    }
    __bocal_sync_cwd();
    int64_t none[8] = {0};
    __bocal_call_io(BOCAL_EXECVE, none, b.bytes, b.length, 0, 0, 0, 0);
    free(b.bytes);
    return -1;
}

int execv(const char *path, char *const argv[]) { return execve(path, argv, environ); }

/* execvp(3): each PATH directory in turn; EACCES is reported if no
 * directory held a runnable file but one held a file we may not run. */
int execvp(const char *file, char *const argv[]) {
    if (!*file) {
        errno = ENOENT;
        return -1;
    }
    if (strchr(file, '/')) return execv(file, argv);
    const char *path = getenv("PATH");
    if (!path) path = "/usr/local/bin:/bin:/usr/bin";
    size_t file_length = strlen(file);
    int denied = 0;
    for (const char *at = path;; at++) {
        const char *end = strchr(at, ':');
        size_t dir_length = end ? (size_t)(end - at) : strlen(at);
        char *full = malloc(dir_length + file_length + 2);
        if (!full) {
            errno = ENOMEM;
            return -1;
        }
        memcpy(full, at, dir_length);
        full[dir_length] = '/';
        memcpy(full + dir_length + 1, file, file_length + 1);
        execv(dir_length ? full : file, argv);
        free(full);
        if (errno == EACCES) denied = 1;
        else if (errno != ENOENT && errno != ENOTDIR) return -1;
        if (!end) break;
        at = end;
    }
    if (denied) errno = EACCES;
    return -1;
}
#endif
