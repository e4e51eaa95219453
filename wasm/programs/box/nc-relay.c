/* nc-relay.c: netcat's readwrite(): stdin to the network and the network
 * to stdout, until the network side ends. When stdin ends, -N shuts the
 * connection's write side (the peer reads end of file) and -q N quits N
 * seconds later; without either, nc keeps reading, as OpenBSD's does. -w
 * ends a connection idle that long. */
#include "bocal.h"
#include "bocal-socket.h"

#include <stdio.h>

#include "nc-options.h"
#include "util.h"

int nc_relay(int fd, const struct nc_options *o) {
    char buffer[16384];
    int stdin_open = 1;
    int quit_ms = -1; /* after stdin ended with -q */
    for (;;) {
        struct pollfd fds[2] = {{fd, POLLIN, 0}, {0, POLLIN, 0}};
        int count = stdin_open ? 2 : 1;
        int timeout = quit_ms >= 0 ? quit_ms : o->timeout_ms;
        int ready = poll(fds, (nfds_t)count, timeout);
        if (ready < 0) {
            if (errno == EINTR) continue;
            perror("nc: poll");
            return 1;
        }
        if (ready == 0) return 0; /* -q after stdin ended, or -w idle */
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = read(fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return 0; /* the network side ended */
            if (write_all(1, buffer, (size_t)n) < 0) return 1;
        }
        if (stdin_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t n = read(0, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n > 0) {
                if (write_all(fd, buffer, (size_t)n) < 0) {
                    if (errno == EPIPE || errno == ECONNRESET) return 0;
                    perror("nc: write");
                    return 1;
                }
                continue;
            }
            stdin_open = 0;
            if (o->shutdown_on_eof) shutdown(fd, SHUT_WR);
            if (o->quit_after_eof == 0) return 0;
            if (o->quit_after_eof > 0) quit_ms = o->quit_after_eof * 1000;
        }
    }
}
