/* bocal-wait.c: waitpid(2) and wait(2) over the extension's wait4. The
 * status word is Linux's, read with the <sys/wait.h> macros of bocal.h. */
#ifdef __wasi__
#include "bocal.h"

pid_t waitpid(pid_t pid, int *status, int options) {
    int64_t results[4];
    /* Shared memory copies are synced around a wait, as around a sleep (bocal-shm-hook.c). */
    if (__bocal_shm_sync_hook) __bocal_shm_sync_hook();
    int64_t child = __bocal_call(BOCAL_WAIT4, pid, options, 0, 0, results);
    if (__bocal_shm_sync_hook) __bocal_shm_sync_hook();
    if (child < 0) return -1;
    if (status && child > 0) *status = (int)results[1];
    return (pid_t)child;
}

pid_t wait(int *status) { return waitpid(-1, status, 0); }
#endif
