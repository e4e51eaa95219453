/* bocal-system.c: the machine's names and limits: uname(2),
 * gethostname(2), sethostname(2), sysinfo(2), getrlimit(2), setrlimit(2)
 * and prlimit(2) (on the caller only). Where the extension answers ENOSYS,
 * uname and gethostname are wasi-libc's ("wasi", "localhost"). */
#ifdef __wasi__
#define _GNU_SOURCE /* struct utsname's domainname */
#include "bocal.h"
#include <string.h>

#define UTS_FIELD 65

int __real_uname(struct utsname *);
int __real_gethostname(char *, size_t);

int __wrap_uname(struct utsname *uts) {
    char fields[UTS_FIELD * 6];
    int64_t none[8] = {0};
    if (__bocal_call_io(BOCAL_UNAME, none, 0, 0, fields, sizeof fields, 0, 0) < 0) {
        return errno == ENOSYS ? __real_uname(uts) : -1;
    }
    char *out[6] = {uts->sysname,  uts->nodename, uts->release,
                    uts->version,  uts->machine,  uts->domainname};
    for (int i = 0; i < 6; i++) {
        memcpy(out[i], fields + i * UTS_FIELD, UTS_FIELD);
        out[i][UTS_FIELD - 1] = 0;
    }
    return 0;
}

/* gethostname(2) as glibc: a name longer than the buffer is ENAMETOOLONG. */
int __wrap_gethostname(char *name, size_t length) {
    struct utsname uts;
    if (__wrap_uname(&uts) < 0) {
        return errno == ENOSYS ? __real_gethostname(name, length) : -1;
    }
    size_t need = strlen(uts.nodename) + 1;
    if (need > length) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(name, uts.nodename, need);
    return 0;
}

int sethostname(const char *name, size_t length) {
    int64_t none[8] = {0};
    return (int)__bocal_call_io(BOCAL_SETHOSTNAME, none, name, length, 0, 0, 0, 0);
}

/* sysinfo(2): uptime, memory, process count. Loads, shared, buffer and
 * swap memory are 0. The kernel counts memory in bytes; as Linux does for
 * 32-bit callers, mem_unit is 1 when the total fits an unsigned long (32
 * bits here) and the page size (4096) otherwise, with the sizes divided. */
int sysinfo(struct sysinfo *info) {
    int64_t results[4];
    if (__bocal_call(BOCAL_SYSINFO, 0, 0, 0, 0, results) < 0) return -1;
    uint64_t unit = (uint64_t)results[1] > (unsigned long)-1 ? 4096 : 1;
    memset(info, 0, sizeof *info);
    info->uptime = (long)results[0];
    info->totalram = (unsigned long)((uint64_t)results[1] / unit);
    info->freeram = (unsigned long)((uint64_t)results[2] / unit);
    info->procs = (unsigned short)results[3];
    info->mem_unit = (unsigned)unit;
    return 0;
}

/* prlimit(2) on the caller: pid 0 or getpid(); other processes are ESRCH
 * here (the extension's call has no pid). */
int prlimit(pid_t pid, int resource, const struct rlimit *next, struct rlimit *old) {
    if (pid != 0 && pid != __bocal_call(BOCAL_GETPID, 0, 0, 0, 0, 0)) {
        errno = ESRCH;
        return -1;
    }
    int64_t results[4];
    int64_t soft = next ? (int64_t)next->rlim_cur : 0;
    int64_t hard = next ? (int64_t)next->rlim_max : 0;
    if (__bocal_call(BOCAL_PRLIMIT, resource, next != 0, soft, hard, results) < 0) return -1;
    if (old) {
        old->rlim_cur = (rlim_t)results[0];
        old->rlim_max = (rlim_t)results[1];
    }
    return 0;
}

int getrlimit(int resource, struct rlimit *limit) { return prlimit(0, resource, 0, limit); }

int setrlimit(int resource, const struct rlimit *limit) {
    return prlimit(0, resource, limit, 0);
}
#endif
