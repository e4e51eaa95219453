/* command.h: starting a command and waiting for it, for the applets that
 * run others (find -exec, xargs, timeout, nice, watch). */
#ifndef BOX_COMMAND_H
#define BOX_COMMAND_H

#include <sys/types.h>

/* Starts argv[0] (searched in PATH) with stdio inherited. Returns its pid,
 * or -1 with errno set (nothing printed). */
pid_t command_start(char *const argv[]);
/* Waits for `pid`; returns its wait status, or -1 (errno set). Retries on
 * EINTR. */
int command_wait(pid_t pid);
/* Runs argv and waits: its wait status, or -1 when it could not start
 * (errno set; nothing printed). */
int command_run(char *const argv[]);

#endif
