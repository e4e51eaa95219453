/* sendfile_check: sendfile(2) as Linux does it, from a regular file into a
 * pipe, a regular file, with and without an offset, and its errors.
 *
 *   sendfile_check SCRATCH_DIR SELF
 *
 * SELF is the program's own path: it starts itself as a child that sends it
 * SIGUSR1 while a sendfile waits on a full pipe.
 *
 * Prints one line per check (check.h); the test compares the lines printed
 * natively on Linux with those printed on bocal. Counts asked for stay
 * within one pipe's capacity where Linux and bocal differ beyond it (Linux
 * returns after one fill of the pipe, bocal fills on until the count). */
#include <signal.h>
#include <sys/stat.h>
#include <time.h>

#include "bocal-sendfile.h"
#include "bocal.h"
#include "check.h"

#define SIZE 100000

static unsigned char pattern[SIZE];
static unsigned char got[SIZE];
static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int signal) {
    (void)signal;
    sigpipes++;
}

static void on_sigusr1(int signal) { (void)signal; }

/* The child: waits a little, then interrupts its parent. */
static int signal_parent(void) {
    struct timespec pause = {0, 300 * 1000 * 1000};
    nanosleep(&pause, NULL);
    return kill(getppid(), SIGUSR1) == 0 ? 0 : 1;
}

/* Reads exactly `length` bytes from a pipe; 1 if they are pattern[from..]. */
static int pipe_holds(int fd, size_t from, size_t length) {
    size_t have = 0;
    while (have < length) {
        ssize_t n = read(fd, got + have, length - have);
        if (n <= 0) return 0;
        have += (size_t)n;
    }
    return memcmp(got, pattern + from, length) == 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--signal-parent") == 0) return signal_parent();
    enter_scratch(argc, argv);
    if (argc < 3) {
        fprintf(stderr, "usage: %s SCRATCH_DIR SELF\n", argv[0]);
        return 2;
    }
    for (size_t i = 0; i < SIZE; i++) pattern[i] = (unsigned char)(i * 131 + 17);
    int data = open("data", O_RDWR | O_CREAT | O_TRUNC, 0644);
    must("create data", data);
    must("write data", write(data, pattern, SIZE) == SIZE ? 0 : -1);
    must("rewind", lseek(data, 0, SEEK_SET));
    int fds[2];
    must("pipe", pipe(fds));

    off_t offset = 10;
    check_int("offset 10 count 100", sendfile(fds[1], data, &offset, 100), 100);
    check_int("offset after", offset, 110);
    check_int("file offset untouched", lseek(data, 0, SEEK_CUR), 0);
    check_yes("pipe holds bytes 10..110", pipe_holds(fds[0], 10, 100));

    check_int("no offset count 1000", sendfile(fds[1], data, NULL, 1000), 1000);
    check_int("file offset advanced", lseek(data, 0, SEEK_CUR), 1000);
    check_yes("pipe holds bytes 0..1000", pipe_holds(fds[0], 0, 1000));

    check_int("count 0", sendfile(fds[1], data, NULL, 0), 0);
    offset = SIZE - 10;
    check_int("10 bytes before the end", sendfile(fds[1], data, &offset, 100), 10);
    check_int("offset at the end", offset, SIZE);
    check_yes("pipe holds the last 10", pipe_holds(fds[0], SIZE - 10, 10));
    check_int("at the end", sendfile(fds[1], data, &offset, 100), 0);
    offset = SIZE + 5;
    check_int("past the end", sendfile(fds[1], data, &offset, 100), 0);
    check_int("offset past the end kept", offset, SIZE + 5);

    /* To a regular file: everything, then compared. */
    int copy = open("copy", O_RDWR | O_CREAT | O_TRUNC, 0644);
    must("create copy", copy);
    offset = 0;
    check_int("to a regular file", sendfile(copy, data, &offset, SIZE + 50), SIZE);
    check_int("copy's offset", lseek(copy, 0, SEEK_CUR), SIZE);
    must("rewind copy", lseek(copy, 0, SEEK_SET));
    ssize_t back = read(copy, got, SIZE);
    check_yes("copy equals the file", back == SIZE && memcmp(got, pattern, SIZE) == 0);

    /* Errors. */
    check_err("closed out fd", sendfile(99, data, NULL, 10), EBADF);
    check_err("closed in fd", sendfile(fds[1], 99, NULL, 10), EBADF);
    int write_only = open("data", O_WRONLY);
    must("open write-only", write_only);
    check_err("in fd not readable", sendfile(fds[1], write_only, NULL, 10), EBADF);
    int read_only = open("data", O_RDONLY);
    must("open read-only", read_only);
    check_err("out fd not writable", sendfile(read_only, data, NULL, 10), EBADF);
    offset = -1;
    check_err("negative offset", sendfile(fds[1], data, &offset, 10), EINVAL);
    int appending = open("copy", O_WRONLY | O_APPEND);
    must("open for appending", appending);
    check_err("out fd O_APPEND", sendfile(appending, data, NULL, 10), EINVAL);
    int other[2];
    must("second pipe", pipe(other));
    must("fill second pipe", write(other[1], "abc", 3));
    check_err("in fd a pipe", sendfile(fds[1], other[0], NULL, 3), EINVAL);
    offset = 0;
    check_err("in fd a pipe, offset", sendfile(fds[1], other[0], &offset, 3), ESPIPE);
    int dir = open(".", O_RDONLY);
    must("open dir", dir);
    check_err("in fd a directory", sendfile(fds[1], dir, NULL, 3), EINVAL);

    /* A non-blocking pipe takes what fits, then says EAGAIN. */
    must("nonblock", fcntl(fds[1], F_SETFL, O_NONBLOCK));
    offset = 0;
    check_int("non-blocking, empty pipe", sendfile(fds[1], data, &offset, SIZE), 65536);
    check_err("non-blocking, full pipe", sendfile(fds[1], data, &offset, SIZE), EAGAIN);
    check_yes("pipe holds bytes 0..65536", pipe_holds(fds[0], 0, 65536));

    /* A signal with a handler (no SA_RESTART) ends a wait for room: EINTR. */
    must("blocking again", fcntl(fds[1], F_SETFL, 0));
    must("fill the pipe", write(fds[1], pattern, 65536) == 65536 ? 0 : -1);
    struct sigaction interrupt;
    memset(&interrupt, 0, sizeof interrupt);
    interrupt.sa_handler = on_sigusr1;
    must("sigaction SIGUSR1", sigaction(SIGUSR1, &interrupt, NULL));
    pid_t child;
    char *child_argv[] = {argv[2], "--signal-parent", NULL};
    char *no_env[] = {NULL};
    int spawned = posix_spawn(&child, argv[2], NULL, NULL, child_argv, no_env);
    must("spawn the signaller", spawned == 0 ? 0 : -1);
    offset = 0;
    check_err("full pipe, signal", sendfile(fds[1], data, &offset, 10), EINTR);
    int status;
    must("wait for the signaller", waitpid(child, &status, 0));
    check_yes("pipe still holds only what write put", pipe_holds(fds[0], 0, 65536));

    /* No reader: EPIPE and SIGPIPE, as a write. */
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_sigpipe;
    must("sigaction", sigaction(SIGPIPE, &action, NULL));
    must("close read end", close(fds[0]));
    check_err("no reader", sendfile(fds[1], data, NULL, 10), EPIPE);
    check_int("SIGPIPE delivered", sigpipes, 1);

    unlink("data");
    unlink("copy");
    return finish();
}
