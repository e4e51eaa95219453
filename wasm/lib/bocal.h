/* bocal.h: the C side of bocal's extension ABI (docs/abi.md). On WASI it
 * declares the raw bocal_v1.syscall import, small helpers over it, and the
 * POSIX functions wasi-libc's headers hide (processes, signals, pipes, dup,
 * spawn, exec, wait) that wasm/lib implements over the extension. Natively it
 * only includes the system headers of the same functions, so one test
 * program builds both ways. */
#ifndef BOCAL_H
#define BOCAL_H

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef __wasi__
#include <grp.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#else
#include <sys/resource.h> /* RLIMIT_*, without struct rlimit */
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>

/* wasi-libc's sigset_t is one byte; bocal's signal sets need 31 bits, laid
 * out as Linux's first word: bit (n - 1) for signal n. Programs that include
 * this header get this type under the usual name. */
typedef struct {
    unsigned long __bits[2];
} bocal_sigset_t;
#define sigset_t bocal_sigset_t

/* ---- the raw extension call --------------------------------------------- */

/* bocal_v1.syscall: see docs/abi.md. Returns a WASI errno (0 on success). */
int32_t __bocal_v1_syscall(int32_t number, const int64_t *args, const void *input,
                           uint32_t input_len, void *output, uint32_t output_capacity,
                           int64_t *results, uint32_t *output_len)
    __attribute__((import_module("bocal_v1"), import_name("syscall")));

/* One call with up to four arguments and no bytes: results[0] on success,
 * -1 with errno set on failure. `results` (4 entries) may be NULL. */
int64_t __bocal_call(int number, int64_t a0, int64_t a1, int64_t a2, int64_t a3,
                     int64_t *results);
/* The same with input and output bytes; *output_len gets the full length. */
int64_t __bocal_call_io(int number, const int64_t args[8], const void *input, size_t input_len,
                        void *output, size_t output_capacity, int64_t *results,
                        uint32_t *output_len);
/* Makes the kernel's cwd the one wasi-libc resolves relative paths from:
 * called before every call that takes AT_FDCWD or starts a program. */
int __bocal_sync_cwd(void);
/* Moves WASI's root preopen from fd 3 to a high fd (bocal-root.c). */
void __bocal_root_init(void);
/* Set by the first shmat: syncs shared memory copies (bocal-shm-hook.c). */
extern void (*__bocal_shm_sync_hook)(void);

/* Syscall numbers (src/kernel/abi/syscalls.ts). */
enum {
    BOCAL_WAIT4 = 101, BOCAL_GETPID, BOCAL_GETPPID, BOCAL_GETPGID, BOCAL_SETPGID,
    BOCAL_GETSID, BOCAL_SETSID, BOCAL_GETUID, BOCAL_GETEUID, BOCAL_GETGID, BOCAL_GETEGID,
    BOCAL_SETUID, BOCAL_SETGID, BOCAL_SETREUID, BOCAL_SETREGID, BOCAL_SETRESUID,
    BOCAL_SETRESGID, BOCAL_GETRESUID, BOCAL_GETRESGID, BOCAL_GETGROUPS, BOCAL_SETGROUPS,
    BOCAL_UMASK,
    BOCAL_KILL = 130, BOCAL_SIGACTION, BOCAL_SIGPROCMASK, BOCAL_SIGPENDING, BOCAL_SIGSUSPEND,
    BOCAL_SIGRETURN, BOCAL_SIGTAKE,
    BOCAL_SPAWN = 140, BOCAL_EXECVE,
    BOCAL_PIPE2 = 150, BOCAL_DUP, BOCAL_DUP3, BOCAL_GET_CLOEXEC, BOCAL_SET_CLOEXEC,
    BOCAL_CHDIR, BOCAL_FCHDIR, BOCAL_GETCWD, BOCAL_CHMOD, BOCAL_FCHMOD, BOCAL_CHOWN,
    BOCAL_FCHOWN, BOCAL_MKNOD, BOCAL_OPENAT, BOCAL_IOCTL, BOCAL_FD_PATH, BOCAL_STAT,
    BOCAL_ROOT_PREOPEN,
    BOCAL_UNAME = 200, BOCAL_SETHOSTNAME, BOCAL_SETDOMAINNAME, BOCAL_SYSINFO,
    BOCAL_NANOSLEEP, BOCAL_PRLIMIT, BOCAL_GETRUSAGE,
};

/* ---- processes ----------------------------------------------------------- */

pid_t getpid(void);
pid_t getppid(void);
pid_t getpgid(pid_t);
int setpgid(pid_t, pid_t);
pid_t getpgrp(void);
int setpgrp(void);
pid_t getsid(pid_t);
pid_t setsid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t);
int setgid(gid_t);
int setreuid(uid_t, uid_t);
int setregid(gid_t, gid_t);
int setresuid(uid_t, uid_t, uid_t);
int setresgid(gid_t, gid_t, gid_t);
int getresuid(uid_t *, uid_t *, uid_t *);
int getresgid(gid_t *, gid_t *, gid_t *);
int getgroups(int, gid_t[]);
int setgroups(size_t, const gid_t *);
mode_t umask(mode_t);

/* ---- wait ---------------------------------------------------------------- */

#define WNOHANG 1
#define WUNTRACED 2
#define WCONTINUED 8
#define WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define WTERMSIG(s) ((s) & 0x7f)
#define WSTOPSIG(s) WEXITSTATUS(s)
#define WCOREDUMP(s) ((s) & 0x80)
#define WIFEXITED(s) (!WTERMSIG(s))
#define WIFSTOPPED(s) ((short)((((s) & 0xffff) * 0x10001U) >> 8) > 0x7f00)
#define WIFSIGNALED(s) (((s) & 0xffff) - 1U < 0xffu)
#define WIFCONTINUED(s) ((s) == 0xffff)
pid_t waitpid(pid_t, int *, int);
pid_t wait(int *);

/* ---- signals (classic signals 1..31 only) --------------------------------- */

#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO 0x00000004
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

struct sigaction {
    void (*sa_handler)(int);
    sigset_t sa_mask;
    int sa_flags;
};

int kill(pid_t, int);
int killpg(pid_t, int);
int sigaction(int, const struct sigaction *__restrict, struct sigaction *__restrict);
int sigprocmask(int, const sigset_t *__restrict, sigset_t *__restrict);
int sigpending(sigset_t *);
int sigsuspend(const sigset_t *);
int pause(void);
int sigemptyset(sigset_t *);
int sigfillset(sigset_t *);
int sigaddset(sigset_t *, int);
int sigdelset(sigset_t *, int);
int sigismember(const sigset_t *, int);

/* ---- descriptors ---------------------------------------------------------- */

int pipe(int[2]);
int pipe2(int[2], int);
int dup(int);
int dup2(int, int);
int dup3(int, int, int);

/* wasi-libc's O_CLOEXEC is 0; the extension has its own bit (abi/open-flags.ts),
 * which open(), openat(), pipe2(), dup3() and fcntl() understand here. */
#undef O_CLOEXEC
#define O_CLOEXEC 0x40000000
#ifndef F_DUPFD
#define F_DUPFD 0
#endif
#ifndef F_DUPFD_CLOEXEC
#define F_DUPFD_CLOEXEC 1030
#endif

/* ---- files ------------------------------------------------------------------ */

int fchdir(int);
int chown(const char *, uid_t, gid_t);
int fchown(int, uid_t, gid_t);
int lchown(const char *, uid_t, gid_t);
int fchownat(int, const char *, uid_t, gid_t, int);
int mknod(const char *, mode_t, dev_t);
int mknodat(int, const char *, mode_t, dev_t);
int mkfifo(const char *, mode_t);
int mkfifoat(int, const char *, mode_t);

/* fstatat(2)'s flag to stat dirfd itself (Linux's value; wasi-libc has none). */
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif
/* Device numbers as glibc and musl encode them (<sys/sysmacros.h>). */
#define major(dev) ((unsigned)((((dev) >> 32) & 0xfffff000) | (((dev) >> 8) & 0x00000fff)))
#define minor(dev) ((unsigned)((((dev) >> 12) & 0xffffff00) | ((dev) & 0x000000ff)))
#define makedev(x, y)                                                                      \
    ((((dev_t)(x) & 0xfffff000ULL) << 32) | (((dev_t)(x) & 0x00000fffULL) << 8) |          \
     (((dev_t)(y) & 0xffffff00ULL) << 12) | ((dev_t)(y) & 0x000000ffULL))

/* ---- the system ------------------------------------------------------------- */

int sethostname(const char *, size_t);

/* wasi-libc's <sys/resource.h> hides these (WASI has no limits). */
#ifndef RLIMIT_NOFILE
#define RLIM_INFINITY (~0ULL)
#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_NLIMITS 16
#endif
typedef unsigned long long rlim_t;
struct rlimit {
    rlim_t rlim_cur;
    rlim_t rlim_max;
};
int getrlimit(int, struct rlimit *);
int setrlimit(int, const struct rlimit *);
int prlimit(pid_t, int, const struct rlimit *, struct rlimit *);

#include "bocal-termios.h"
#include "bocal-pwd.h"

/* ---- programs ------------------------------------------------------------- */

typedef struct {
    int __count;
    int __capacity;
    unsigned char *__bytes;
    size_t __length;
} posix_spawn_file_actions_t;

typedef struct {
    short __flags;
    pid_t __pgroup;
    sigset_t __mask;
    sigset_t __default;
    int __nsflags;
} posix_spawnattr_t;

#define POSIX_SPAWN_RESETIDS 0x01
#define POSIX_SPAWN_SETPGROUP 0x02
#define POSIX_SPAWN_SETSIGDEF 0x04
#define POSIX_SPAWN_SETSIGMASK 0x08
#define POSIX_SPAWN_SETSID 0x80

int posix_spawn(pid_t *__restrict, const char *__restrict,
                const posix_spawn_file_actions_t *, const posix_spawnattr_t *__restrict,
                char *const[__restrict], char *const[__restrict]);
int posix_spawnp(pid_t *__restrict, const char *__restrict,
                 const posix_spawn_file_actions_t *, const posix_spawnattr_t *__restrict,
                 char *const[__restrict], char *const[__restrict]);
int posix_spawn_file_actions_init(posix_spawn_file_actions_t *);
int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *);
int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *__restrict, int,
                                     const char *__restrict, int, mode_t);
int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *, int);
int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *, int, int);
int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *__restrict,
                                         const char *__restrict);
int posix_spawn_file_actions_addfchdir_np(posix_spawn_file_actions_t *, int);
int posix_spawnattr_init(posix_spawnattr_t *);
int posix_spawnattr_destroy(posix_spawnattr_t *);
int posix_spawnattr_setflags(posix_spawnattr_t *, short);
int posix_spawnattr_getflags(const posix_spawnattr_t *__restrict, short *__restrict);
int posix_spawnattr_setpgroup(posix_spawnattr_t *, pid_t);
int posix_spawnattr_setsigmask(posix_spawnattr_t *__restrict, const sigset_t *__restrict);
int posix_spawnattr_setsigdefault(posix_spawnattr_t *__restrict, const sigset_t *__restrict);
/* bocal's extension: CLONE_NEW* flags (bocal-mount.h) the child gets new
 * namespaces of, as clone(2) would give them (a new pid namespace makes the
 * child its pid 1). EINVAL for other bits. */
int posix_spawnattr_setnsflags_np(posix_spawnattr_t *, int);
int posix_spawnattr_getnsflags_np(const posix_spawnattr_t *__restrict, int *__restrict);
/* bocal's extension: mount(2) with these arguments, done by the child in its
 * namespaces before its program starts, as a forked child would do it before
 * execve (a proc mounted so shows the child's pid namespace). A failure is
 * posix_spawn's error and the child never runs. */
int posix_spawn_file_actions_addmount_np(posix_spawn_file_actions_t *__restrict,
                                         const char *source, const char *target,
                                         const char *fstype, unsigned long flags,
                                         const char *data);
/* After a posix_spawn or posix_spawnp that failed: which of its file actions
 * failed (from 1, in the order they were added), 0 if none did (the program
 * could not be found or started). */
int posix_spawn_failed_action_np(void);
int execve(const char *, char *const[], char *const[]);
int execv(const char *, char *const[]);
int execvp(const char *, char *const[]);

#endif /* __wasi__ */
#endif /* BOCAL_H */
