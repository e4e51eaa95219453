/* bocal-mount.h: mount(2), umount(2), umount2(2), chroot(2), pivot_root(2),
 * unshare(2) and setns(2) with <sys/mount.h> and <sched.h> constants. On
 * WASI it declares what wasi-libc lacks (wasm/lib/bocal-mount.c implements
 * it over the extension); natively it includes the system headers and
 * gives pivot_root, which glibc does not wrap, so one program builds both
 * ways. Define _GNU_SOURCE before including it for unshare and setns. */
#ifndef BOCAL_MOUNT_H
#define BOCAL_MOUNT_H

#ifndef __wasi__
#include <sched.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

static inline int pivot_root(const char *new_root, const char *put_old) {
    return (int)syscall(SYS_pivot_root, new_root, put_old);
}
#else
#include "bocal.h"

/* Syscall numbers (src/kernel/abi/syscalls.ts). */
enum {
    BOCAL_CHROOT = 220, BOCAL_MOUNT, BOCAL_UMOUNT2, BOCAL_PIVOT_ROOT, BOCAL_UNSHARE,
    BOCAL_SETNS,
};

/* mount(2) flags, Linux's values. */
#define MS_RDONLY 0x1
#define MS_NOSUID 0x2
#define MS_NODEV 0x4
#define MS_NOEXEC 0x8
#define MS_SYNCHRONOUS 0x10
#define MS_REMOUNT 0x20
#define MS_NOATIME 0x400
#define MS_NODIRATIME 0x800
#define MS_BIND 0x1000
#define MS_MOVE 0x2000
#define MS_REC 0x4000
#define MS_SILENT 0x8000
#define MS_UNBINDABLE 0x20000
#define MS_PRIVATE 0x40000
#define MS_SLAVE 0x80000
#define MS_SHARED 0x100000
#define MS_RELATIME 0x200000
#define MS_STRICTATIME 0x1000000
#define MS_MGC_VAL 0xc0ed0000
#define MS_MGC_MSK 0xffff0000

/* umount2(2) flags. */
#define MNT_FORCE 1
#define MNT_DETACH 2
#define MNT_EXPIRE 4
#define UMOUNT_NOFOLLOW 8

/* unshare(2) and setns(2) flags. */
#define CLONE_NEWTIME 0x00000080
#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_THREAD 0x00010000
#define CLONE_NEWNS 0x00020000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_NEWCGROUP 0x02000000
#define CLONE_NEWUTS 0x04000000
#define CLONE_NEWIPC 0x08000000
#define CLONE_NEWUSER 0x10000000
#define CLONE_NEWPID 0x20000000
#define CLONE_NEWNET 0x40000000

int mount(const char *source, const char *target, const char *filesystemtype,
          unsigned long mountflags, const void *data);
int umount(const char *target);
int umount2(const char *target, int flags);
int chroot(const char *path);
int pivot_root(const char *new_root, const char *put_old);
int unshare(int flags);
int setns(int fd, int nstype);

#endif /* __wasi__ */
#endif /* BOCAL_MOUNT_H */
