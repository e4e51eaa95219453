/* command.c: see command.h. posix_spawnp on both builds: on bocal it is
 * the extension's spawn (wasm/lib/bocal-spawn.c), natively glibc's. Output
 * buffered by the caller is flushed first so it comes before the child's. */
#include "bocal.h"

#include <stdio.h>

#include "command.h"

extern char **environ;

pid_t command_start(char *const argv[]) {
    pid_t pid;
    fflush(stdout);
    int error = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
    if (error) {
        errno = error;
        return -1;
    }
    return pid;
}

int command_wait(pid_t pid) {
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return status;
}

int command_run(char *const argv[]) {
    pid_t pid = command_start(argv);
    return pid < 0 ? -1 : command_wait(pid);
}
