/* bocal-ids.c: process ids, groups, sessions, credentials and umask over the
 * extension (getpid(2), setpgid(2), setsid(2), setresuid(2), umask(2), ...).
 * An id of -1 ((uid_t)-1) means "unchanged", as the kernel expects. */
#ifdef __wasi__
#include "bocal.h"

#define ID(x) ((int64_t)(uint32_t)(x))

pid_t getpid(void) { return (pid_t)__bocal_call(BOCAL_GETPID, 0, 0, 0, 0, 0); }
pid_t getppid(void) { return (pid_t)__bocal_call(BOCAL_GETPPID, 0, 0, 0, 0, 0); }
pid_t getpgid(pid_t pid) { return (pid_t)__bocal_call(BOCAL_GETPGID, pid, 0, 0, 0, 0); }
pid_t getpgrp(void) { return getpgid(0); }
int setpgid(pid_t pid, pid_t pgid) { return (int)__bocal_call(BOCAL_SETPGID, pid, pgid, 0, 0, 0); }
int setpgrp(void) { return setpgid(0, 0); }
pid_t getsid(pid_t pid) { return (pid_t)__bocal_call(BOCAL_GETSID, pid, 0, 0, 0, 0); }
pid_t setsid(void) { return (pid_t)__bocal_call(BOCAL_SETSID, 0, 0, 0, 0, 0); }

uid_t getuid(void) { return (uid_t)__bocal_call(BOCAL_GETUID, 0, 0, 0, 0, 0); }
uid_t geteuid(void) { return (uid_t)__bocal_call(BOCAL_GETEUID, 0, 0, 0, 0, 0); }
gid_t getgid(void) { return (gid_t)__bocal_call(BOCAL_GETGID, 0, 0, 0, 0, 0); }
gid_t getegid(void) { return (gid_t)__bocal_call(BOCAL_GETEGID, 0, 0, 0, 0, 0); }

int setuid(uid_t uid) { return (int)__bocal_call(BOCAL_SETUID, ID(uid), 0, 0, 0, 0); }
int setgid(gid_t gid) { return (int)__bocal_call(BOCAL_SETGID, ID(gid), 0, 0, 0, 0); }
int setreuid(uid_t r, uid_t e) { return (int)__bocal_call(BOCAL_SETREUID, ID(r), ID(e), 0, 0, 0); }
int setregid(gid_t r, gid_t e) { return (int)__bocal_call(BOCAL_SETREGID, ID(r), ID(e), 0, 0, 0); }

int setresuid(uid_t r, uid_t e, uid_t s) {
    return (int)__bocal_call(BOCAL_SETRESUID, ID(r), ID(e), ID(s), 0, 0);
}

int setresgid(gid_t r, gid_t e, gid_t s) {
    return (int)__bocal_call(BOCAL_SETRESGID, ID(r), ID(e), ID(s), 0, 0);
}

/* The three ids of a getres*id call into the caller's variables. */
static int three_ids(int number, uint32_t *r, uint32_t *e, uint32_t *s) {
    int64_t results[4];
    if (__bocal_call(number, 0, 0, 0, 0, results) < 0) return -1;
    *r = (uint32_t)results[0];
    *e = (uint32_t)results[1];
    *s = (uint32_t)results[2];
    return 0;
}

int getresuid(uid_t *r, uid_t *e, uid_t *s) { return three_ids(BOCAL_GETRESUID, r, e, s); }
int getresgid(gid_t *r, gid_t *e, gid_t *s) { return three_ids(BOCAL_GETRESGID, r, e, s); }

int getgroups(int size, gid_t list[]) {
    if (size < 0) {
        errno = EINVAL;
        return -1;
    }
    int64_t args[8] = {size};
    return (int)__bocal_call_io(BOCAL_GETGROUPS, args, 0, 0, list, (size_t)size * sizeof(gid_t),
                                0, 0);
}

int setgroups(size_t count, const gid_t *list) {
    int64_t args[8] = {(int64_t)count};
    return (int)__bocal_call_io(BOCAL_SETGROUPS, args, list, count * sizeof(gid_t), 0, 0, 0, 0);
}

mode_t umask(mode_t mask) { return (mode_t)__bocal_call(BOCAL_UMASK, mask & 0777, 0, 0, 0, 0); }
#endif
