/* bocal-mount.c: mount(2), umount(2), umount2(2), chroot(2), pivot_root(2),
 * unshare(2) and setns(2) over the extension (docs/abi.md, "Mounts").
 * Paths go to the kernel as they are, resolved from its cwd, so each call
 * first brings the kernel's cwd in step with wasi-libc's. A call that can
 * change what the cwd's path reads as (chroot, pivot_root) then has
 * wasi-libc take the kernel's new path through getcwd. */
#ifdef __wasi__
#include "bocal-mount.h"
#include <stdlib.h>
#include <string.h>

/* Appends `text` (NULL as empty) and a NUL after it when `more` follows. */
static size_t put(char *buffer, size_t at, const char *text, int more) {
    size_t length = text ? strlen(text) : 0;
    memcpy(buffer + at, text ? text : "", length);
    at += length;
    if (more) buffer[at++] = 0;
    return at;
}

/* Calls `number` with the strings joined by NUL bytes and up to one argument. */
static int call_strings(int number, int64_t arg, const char *const *strings, int count) {
    size_t total = 0;
    for (int i = 0; i < count; i++) total += (strings[i] ? strlen(strings[i]) : 0) + 1;
    char *input = malloc(total);
    if (!input) return -1;
    size_t at = 0;
    for (int i = 0; i < count; i++) at = put(input, at, strings[i], i + 1 < count);
    int64_t args[8] = {arg};
    int result = 0;
    if (__bocal_sync_cwd() < 0) result = -1;
    else if (__bocal_call_io(number, args, input, at, 0, 0, 0, 0) < 0) result = -1;
    free(input);
    return result;
}

/* wasi-libc takes the kernel's cwd path after the root moved. */
static void refresh_cwd(void) {
    int saved = errno;
    free(getcwd(NULL, 0));
    errno = saved;
}

int mount(const char *source, const char *target, const char *filesystemtype,
          unsigned long mountflags, const void *data) {
    const char *strings[4] = {source, target, filesystemtype, (const char *)data};
    if (!target) {
        errno = EFAULT;
        return -1;
    }
    return call_strings(BOCAL_MOUNT, (int64_t)(uint32_t)mountflags, strings, 4);
}

int umount2(const char *target, int flags) {
    const char *strings[1] = {target};
    return call_strings(BOCAL_UMOUNT2, flags, strings, 1);
}

int umount(const char *target) { return umount2(target, 0); }

int chroot(const char *path) {
    const char *strings[1] = {path};
    if (call_strings(BOCAL_CHROOT, 0, strings, 1) < 0) return -1;
    refresh_cwd();
    return 0;
}

int pivot_root(const char *new_root, const char *put_old) {
    const char *strings[2] = {new_root, put_old};
    if (call_strings(BOCAL_PIVOT_ROOT, 0, strings, 2) < 0) return -1;
    refresh_cwd();
    return 0;
}

int unshare(int flags) { return (int)__bocal_call(BOCAL_UNSHARE, (uint32_t)flags, 0, 0, 0, 0); }

/* Entering a mount namespace moves the root and cwd to its root (as on
 * Linux): the C side's cached cwd follows. */
int setns(int fd, int nstype) {
    if (__bocal_call(BOCAL_SETNS, fd, (uint32_t)nstype, 0, 0, 0) < 0) return -1;
    refresh_cwd();
    return 0;
}
#endif
