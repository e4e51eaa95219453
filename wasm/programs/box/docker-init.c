/* docker-init.c: docker-init [--] COMMAND [ARG]...: the tiny init that
 * `docker run --init` makes pid 1 of the container (Docker ships tini
 * under this name): it runs COMMAND as its child, passes on the signals it
 * is sent (a pid 1 without handlers would ignore them), reaps every child
 * that ends, orphans re-parented to it included, and exits as COMMAND did:
 * its status, or 128+N when signal N killed it. It waits as timeout does:
 * waitpid with WNOHANG between short sleeps that a signal (SIGCHLD or one
 * to forward) cuts short. */
#include "bocal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "applets.h"
#include "util.h"

extern char **environ;

static const int forwarded[] = {SIGHUP,  SIGINT,  SIGQUIT, SIGUSR1, SIGUSR2,
                                SIGTERM, SIGALRM, SIGWINCH, SIGCONT, SIGTSTP};
enum { FORWARDED = sizeof forwarded / sizeof forwarded[0] };

static volatile sig_atomic_t pending[FORWARDED];

static void on_signal(int signal) {
    for (int i = 0; i < FORWARDED; i++)
        if (forwarded[i] == signal) pending[i] = 1;
}

static void on_child(int signal) { (void)signal; }

static void forward(pid_t child) {
    for (int i = 0; i < FORWARDED; i++) {
        if (!pending[i]) continue;
        pending[i] = 0;
        kill(child, forwarded[i]);
    }
}

int docker_init_main(int argc, char **argv) {
    int first = 1;
    if (first < argc && strcmp(argv[first], "--") == 0) first++;
    if (first >= argc) {
        warnx_("usage: docker-init [--] COMMAND [ARG]...");
        return 1;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < FORWARDED; i++) sigaction(forwarded[i], &action, NULL);
    action.sa_handler = on_child;
    sigaction(SIGCHLD, &action, NULL);
    pid_t child;
    int error = posix_spawnp(&child, argv[first], NULL, NULL, argv + first, environ);
    if (error) {
        warn_errno(error, "exec %s failed", argv[first]);
        return error == ENOENT ? 127 : 126;
    }
    for (;;) {
        forward(child);
        int status;
        pid_t done = waitpid(-1, &status, WNOHANG);
        if (done < 0) {
            if (errno == EINTR) continue;
            return 1;
        }
        if (done == 0) {
            struct timespec pause = {0, 100 * 1000 * 1000};
            nanosleep(&pause, NULL);
            continue;
        }
        if (done != child) continue;
        if (WIFEXITED(status)) return WEXITSTATUS(status);
        if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    }
}
