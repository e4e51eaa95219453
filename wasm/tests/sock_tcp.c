/* sock_tcp: TCP over loopback between processes, one deterministic line
 * per check, run natively on Linux inside a fresh network namespace with
 * lo up (unshare -n) and as its WASI build on bocal, and compared.
 * Ephemeral ports are never printed, only checked to be in range.
 * argv: scratch-dir self-path [mode arg] */
#define _GNU_SOURCE
#include "bocal.h"
#include "bocal-socket.h"
#include "sock_check.h"

#include <signal.h>

enum { PORT = 40100 };

static int tcp_socket(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    must("socket", fd);
    return fd;
}

static int listener(const char *ip, int port, int backlog) {
    int fd = tcp_socket();
    struct sockaddr_in a = in_addr4(ip, port);
    must("bind listener", bind(fd, SA(a), sizeof a));
    must("listen", listen(fd, backlog));
    return fd;
}

static int connect_to(const char *ip, int port) {
    int fd = tcp_socket();
    struct sockaddr_in a = in_addr4(ip, port);
    if (connect(fd, SA(a), sizeof a) < 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

/* ---- helper processes (exit code 0 when all went as expected) ---- */

/* Connects, sends "hello\n", expects "HELLO\n" back, then end of file. */
static int echo_client(int port) {
    int fd = connect_to("127.0.0.1", port);
    if (fd < 0) return 10;
    if (write(fd, "hello\n", 6) != 6) return 11;
    char buffer[16] = {0};
    if (read_full(fd, buffer, 6) != 6 || strcmp(buffer, "HELLO\n") != 0) return 12;
    if (read(fd, buffer, sizeof buffer) != 0) return 13;
    return 0;
}

/* Connects and writes twice after the server closed: the second write raises SIGPIPE. */
static int sigpipe_client(int port) {
    int fd = connect_to("127.0.0.1", port);
    if (fd < 0) return 10;
    char byte;
    if (read(fd, &byte, 1) != 0) return 11; /* the server closed: end of file */
    if (write(fd, "x", 1) != 1) return 12;  /* goes out; the closed peer answers RST */
    write(fd, "y", 1);                      /* EPIPE, and SIGPIPE kills us */
    return 13;
}

/* Signals the parent, waits a little, then connects (for the EINTR checks). */
static int signal_then_connect(int port) {
    /* Time for the parent to block in accept (a loaded machine is slow to get there). */
    usleep(900000);
    kill(getppid(), SIGUSR1);
    usleep(300000);
    int fd = connect_to("127.0.0.1", port);
    if (fd < 0) return 10;
    usleep(200000);
    return 0;
}

/* ---- checks ---- */

static void basics(void) {
    int fd = tcp_socket();
    int type = 0;
    socklen_t length = sizeof type;
    net_ok("getsockopt SO_TYPE", getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length));
    check_int("SO_TYPE is SOCK_STREAM", type, SOCK_STREAM);
    struct stat st;
    must("fstat", fstat(fd, &st));
    check_yes("fstat says socket", S_ISSOCK(st.st_mode));
    check_str("unbound getsockname", name_of(fd, 0), "0.0.0.0:0");
    check_str("unconnected getpeername", name_of(fd, 1), "ENOTCONN");
    char byte;
    net_err("read unconnected", read(fd, &byte, 1), ENOTCONN);
    int one = 1;
    net_ok("setsockopt SO_REUSEADDR", setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    net_ok("setsockopt TCP_NODELAY", setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
    net_err("setsockopt unknown", setsockopt(fd, SOL_SOCKET, 9999, &one, sizeof one), ENOPROTOOPT);
    struct sockaddr_in nowhere = in_addr4("127.0.0.1", PORT + 9);
    net_err("connect to a closed port", connect(fd, SA(nowhere), sizeof nowhere), ECONNREFUSED);
    close(fd);
    net_err("socket AF_INET SOCK_STREAM IPPROTO_UDP", socket(AF_INET, SOCK_STREAM, IPPROTO_UDP),
            EPROTONOSUPPORT);
    int fds[2];
    must("pipe", pipe(fds));
    net_err("getsockopt on a pipe", getsockopt(fds[0], SOL_SOCKET, SO_TYPE, &type, &length),
            ENOTSOCK);
    close(fds[0]);
    close(fds[1]);
}

static void binding(void) {
    int a = tcp_socket(), b = tcp_socket(), c = tcp_socket(), d = tcp_socket();
    struct sockaddr_in here = in_addr4("127.0.0.1", PORT);
    struct sockaddr_in any = in_addr4("0.0.0.0", PORT);
    struct sockaddr_in foreign = in_addr4("10.9.8.7", PORT);
    struct sockaddr_in other = in_addr4("127.0.0.2", PORT);
    net_ok("bind 127.0.0.1", bind(a, SA(here), sizeof here));
    check_str("getsockname after bind", name_of(a, 0), "127.0.0.1:40100");
    net_err("bind the same socket again", bind(a, SA(other), sizeof other), EINVAL);
    net_err("bind the same address", bind(b, SA(here), sizeof here), EADDRINUSE);
    net_err("bind INADDR_ANY on a used port", bind(b, SA(any), sizeof any), EADDRINUSE);
    net_ok("bind 127.0.0.2 same port", bind(c, SA(other), sizeof other));
    net_err("bind a foreign address", bind(d, SA(foreign), sizeof foreign), EADDRNOTAVAIL);
    net_err("bind with a short length", bind(d, SA(here), 8), EINVAL);
    struct sockaddr_in zero = in_addr4("127.0.0.1", 0);
    net_ok("bind port 0", bind(d, SA(zero), sizeof zero));
    int port = port_of(d, 0);
    check_yes("port 0 gives an ephemeral port", port >= 32768 && port <= 60999);
    close(a);
    close(b);
    close(c);
    close(d);
    int e = tcp_socket();
    net_ok("bind again after close", bind(e, SA(here), sizeof here));
    close(e);
}

static void echo(void) {
    int server = listener("127.0.0.1", PORT + 1, 5);
    int on = 0;
    socklen_t length = sizeof on;
    getsockopt(server, SOL_SOCKET, SO_ACCEPTCONN, &on, &length);
    check_int("SO_ACCEPTCONN", on, 1);
    char port[16];
    snprintf(port, sizeof port, "%d", PORT + 1);
    pid_t child = spawn_self("echo-client", port);
    struct sockaddr_in peer;
    socklen_t peer_length = sizeof peer;
    int conn = accept(server, SA(peer), &peer_length);
    net_ok("accept", conn);
    check_int("accept's address length", peer_length, sizeof(struct sockaddr_in));
    check_yes("accept gives the client's ephemeral port",
              ntohs(peer.sin_port) >= 32768 && ntohs(peer.sin_port) <= 60999);
    check_str("getsockname of the accepted socket", name_of(conn, 0), "127.0.0.1:40101");
    check_yes("getpeername matches accept", port_of(conn, 1) == ntohs(peer.sin_port));
    char line[16] = {0};
    check_int("read the client's line", read_full(conn, line, 6), 6);
    line[5] = '\0';
    check_str("the line", line, "hello");
    check_int("write the answer", write(conn, "HELLO\n", 6), 6);
    close(conn);
    check_int("echo client exit", wait_for(child), 0);
    close(server);
}

static void backlog(void) {
    int server = listener("127.0.0.1", PORT + 2, 5);
    int clients[3];
    for (int i = 0; i < 3; i++) {
        clients[i] = connect_to("127.0.0.1", PORT + 2);
        char label[32];
        snprintf(label, sizeof label, "connect %d before accept", i + 1);
        net_ok(label, clients[i]);
        char data[4];
        snprintf(data, sizeof data, "c%d", i + 1);
        write(clients[i], data, 2);
    }
    check_yes("listener polls readable", (wait_fd(server, POLLIN) & POLLIN) != 0);
    for (int i = 0; i < 3; i++) {
        int conn = accept(server, 0, 0);
        char data[4] = {0};
        read_full(conn, data, 2);
        char label[32];
        snprintf(label, sizeof label, "accept %d reads", i + 1);
        char want[4];
        snprintf(want, sizeof want, "c%d", i + 1);
        check_str(label, data, want);
        close(conn);
    }
    for (int i = 0; i < 3; i++) close(clients[i]);
    /* Queued connections nobody accepted are reset when the listener closes. */
    int pending = connect_to("127.0.0.1", PORT + 2);
    close(server);
    char byte;
    net_err("read after the listener closed unaccepted", read(pending, &byte, 1), ECONNRESET);
    close(pending);
}

static void closing(void) {
    int server = listener("127.0.0.1", PORT + 3, 5);
    int client = connect_to("127.0.0.1", PORT + 3);
    int conn = accept(server, 0, 0);
    char buffer[16];
    /* shutdown(SHUT_WR): the peer reads end of file and can still answer. */
    net_ok("shutdown SHUT_WR", shutdown(client, SHUT_WR));
    check_int("peer reads end of file", read(conn, buffer, sizeof buffer), 0);
    check_int("peer writes back", write(conn, "late", 4), 4);
    check_int("half-closed side reads", read_full(client, buffer, 4), 4);
    net_err("write after SHUT_WR", send(client, "x", 1, MSG_NOSIGNAL), EPIPE);
    close(client);
    close(conn);
    /* A close with unread data resets the connection. */
    client = connect_to("127.0.0.1", PORT + 3);
    conn = accept(server, 0, 0);
    write(client, "unread", 6);
    wait_fd(conn, POLLIN);
    close(conn);
    net_err("read after the peer closed with unread data", read(client, buffer, sizeof buffer),
            ECONNRESET);
    check_int("then end of file", read(client, buffer, sizeof buffer), 0);
    net_err("then write", send(client, "x", 1, MSG_NOSIGNAL), EPIPE);
    close(client);
    /* Writing to a peer that closed: the first write goes, the second fails. */
    client = connect_to("127.0.0.1", PORT + 3);
    conn = accept(server, 0, 0);
    close(conn);
    check_int("read after the peer closed", read(client, buffer, sizeof buffer), 0);
    check_int("first write to a closed peer", send(client, "x", 1, MSG_NOSIGNAL), 1);
    net_err("second write to a closed peer", send(client, "y", 1, MSG_NOSIGNAL), EPIPE);
    close(client);
    /* The same without MSG_NOSIGNAL: SIGPIPE ends the writer. */
    char port[16];
    snprintf(port, sizeof port, "%d", PORT + 3);
    pid_t child = spawn_self("sigpipe-client", port);
    conn = accept(server, 0, 0);
    close(conn);
    check_int("writer killed by SIGPIPE", wait_for(child), 128 + SIGPIPE);
    close(server);
}

static void nonblocking(void) {
    int server = listener("127.0.0.1", PORT + 4, 5);
    fcntl(server, F_SETFL, fcntl(server, F_GETFL) | O_NONBLOCK);
    net_err("accept with nothing queued", accept(server, 0, 0), EAGAIN);
    int client = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in a = in_addr4("127.0.0.1", PORT + 4);
    net_err("non-blocking connect", connect(client, SA(a), sizeof a), EINPROGRESS);
    check_yes("connecting socket polls writable", (wait_fd(client, POLLOUT) & POLLOUT) != 0);
    int error = -1;
    socklen_t length = sizeof error;
    getsockopt(client, SOL_SOCKET, SO_ERROR, &error, &length);
    check_int("SO_ERROR after connect", error, 0);
    net_ok("connect again completes it", connect(client, SA(a), sizeof a));
    net_err("connect a third time", connect(client, SA(a), sizeof a), EISCONN);
    wait_fd(server, POLLIN);
    int conn = accept4(server, 0, 0, SOCK_NONBLOCK);
    net_ok("accept4 SOCK_NONBLOCK", conn);
    check_yes("accepted socket is non-blocking", (fcntl(conn, F_GETFL) & O_NONBLOCK) != 0);
    char buffer[8];
    net_err("read with nothing there", read(conn, buffer, sizeof buffer), EAGAIN);
    net_err("recv MSG_DONTWAIT", recv(client, buffer, sizeof buffer, MSG_DONTWAIT), EAGAIN);
    write(client, "12345", 5);
    wait_fd(conn, POLLIN);
    int available = -1;
    ioctl(conn, FIONREAD, &available);
    check_int("FIONREAD", available, 5);
    check_int("recv MSG_PEEK", recv(conn, buffer, 3, MSG_PEEK), 3);
    check_int("then read all", read(conn, buffer, sizeof buffer), 5);
    close(conn);
    close(client);
    close(server);
    /* A refused non-blocking connect: EINPROGRESS, then ready with SO_ERROR set. */
    int refused = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in closed_port = in_addr4("127.0.0.1", PORT + 8);
    net_err("non-blocking connect to a closed port",
            connect(refused, SA(closed_port), sizeof closed_port), EINPROGRESS);
    int revents = wait_fd(refused, POLLOUT);
    check_yes("it polls writable", (revents & POLLOUT) != 0);
    error = 0;
    length = sizeof error;
    getsockopt(refused, SOL_SOCKET, SO_ERROR, &error, &length);
    check_str("SO_ERROR", net_errno(error), "ECONNREFUSED");
    net_err("connect again", connect(refused, SA(closed_port), sizeof closed_port), ECONNABORTED);
    close(refused);
}

static volatile int usr1;
static void on_usr1(int signal) {
    (void)signal;
    usr1++;
}

static void interrupted(void) {
    int server = listener("127.0.0.1", PORT + 5, 5);
    char port[16];
    snprintf(port, sizeof port, "%d", PORT + 5);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_usr1;
    sigaction(SIGUSR1, &action, 0);
    pid_t child = spawn_self("signal-then-connect", port);
    net_err("accept interrupted without SA_RESTART", accept(server, 0, 0), EINTR);
    int conn = accept(server, 0, 0);
    net_ok("accept after the interruption", conn);
    close(conn);
    wait_for(child);
    action.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &action, 0);
    child = spawn_self("signal-then-connect", port);
    conn = accept(server, 0, 0);
    net_ok("accept restarted with SA_RESTART", conn);
    check_int("handler ran twice", usr1, 2);
    close(conn);
    wait_for(child);
    close(server);
}

int main(int argc, char **argv) {
    if (argc >= 5) {
        int port = atoi(argv[4]);
        if (strcmp(argv[3], "echo-client") == 0) return echo_client(port);
        if (strcmp(argv[3], "sigpipe-client") == 0) return sigpipe_client(port);
        if (strcmp(argv[3], "signal-then-connect") == 0) return signal_then_connect(port);
        return 2;
    }
    enter_scratch(argc, argv);
    self_path = argv[2];
    scratch_dir = argv[1];
    basics();
    binding();
    echo();
    backlog();
    closing();
    nonblocking();
    interrupted();
    return finish();
}
