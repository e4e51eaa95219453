/* bocal-root.c: moves WASI's root preopen out of the fd numbers a Linux
 * program owns.
 *
 * wasi-libc resolves every path through a preopened directory, which WASI
 * hosts (the bocal kernel included) put at fd 3. A Linux program expects
 * fd 3 to be free: dup(0) returns it, and a program may close every fd from
 * 3 up (closefrom(3), daemons, the ext_sys test), after which wasi-libc
 * could not open any path. So at start-up, before main, the preopen is
 * moved to BOCAL_ROOT_FD and registered there with wasi-libc. This runs
 * before wasi-libc first scans for preopens (lazily, from fd 3 up to the
 * first fd that is not one), so its table never holds fd 3. It is
 * not close-on-exec: a child that links this library and finds no preopen
 * at fd 3 adopts the inherited BOCAL_ROOT_FD. The kernel gives every new
 * program image a preopen at fd 3 when fd 3 is free, so plain WASI programs
 * started from here still find theirs.
 *
 * Where we differ from Linux: /proc/self/fd lists BOCAL_ROOT_FD, and a
 * program that closes it loses path resolution as a WASI program closing
 * fd 3 would. If the move fails (RLIMIT_NOFILE at or below BOCAL_ROOT_FD,
 * or another WASI host) the preopen stays where it was. */
#ifdef __wasi__
#include "bocal.h"
#include <wasi/libc.h>

/* One below Linux's default soft RLIMIT_NOFILE (1024). */
#define BOCAL_ROOT_FD 1023

/* Called first by the cwd constructor (bocal-cwd.c), which every program
 * links, before anything resolves a path. One call: the kernel moves the
 * root preopen from fd 3 if it is there, and says whether BOCAL_ROOT_FD
 * holds it (moved now, or inherited). On another host it fails and the
 * preopen stays at 3. */
void __bocal_root_init(void) {
    int saved = errno;
    if (__bocal_call(BOCAL_ROOT_PREOPEN, BOCAL_ROOT_FD, 0, 0, 0, 0) == 1)
        __wasilibc_register_preopened_fd(BOCAL_ROOT_FD, "/");
    errno = saved;
}
#endif
