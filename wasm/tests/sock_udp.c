/* sock_udp: UDP over loopback between processes, compared with Linux as
 * sock_tcp is (see test/kernel/net/socket-programs.e2e.test.ts).
 * argv: scratch-dir self-path [mode arg] */
#define _GNU_SOURCE
#include "bocal.h"
#include "bocal-socket.h"
#include "sock_check.h"

enum { PORT = 40200 };

static int udp_socket(void) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    must("socket", fd);
    return fd;
}

static int bound(const char *ip, int port) {
    int fd = udp_socket();
    struct sockaddr_in a = in_addr4(ip, port);
    must("bind", bind(fd, SA(a), sizeof a));
    return fd;
}

/* Echoes one datagram back to its sender, in upper case. */
static int echo_server(int port) {
    int fd = bound("127.0.0.1", port);
    /* Tell the parent we are bound: a datagram sent before would be lost. */
    write(1, "", 0);
    kill(getppid(), SIGUSR2);
    char buffer[64];
    struct sockaddr_in from;
    socklen_t length = sizeof from;
    ssize_t n = recvfrom(fd, buffer, sizeof buffer, 0, SA(from), &length);
    if (n < 0) return 10;
    for (ssize_t i = 0; i < n; i++) {
        if (buffer[i] >= 'a' && buffer[i] <= 'z') buffer[i] = (char)(buffer[i] - 32);
    }
    if (sendto(fd, buffer, (size_t)n, 0, SA(from), length) != n) return 11;
    return 0;
}

static volatile int ready;
static void on_ready(int signal) {
    (void)signal;
    ready = 1;
}

static void basics(void) {
    int fd = udp_socket();
    int type = 0;
    socklen_t length = sizeof type;
    getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length);
    check_int("SO_TYPE is SOCK_DGRAM", type, SOCK_DGRAM);
    net_err("send without an address", send(fd, "x", 1, 0), EDESTADDRREQ);
    net_err("listen on UDP", listen(fd, 1), EOPNOTSUPP);
    net_err("accept on UDP", accept(fd, 0, 0), EOPNOTSUPP);
    int shut = udp_socket();
    net_err("shutdown unconnected", shutdown(shut, SHUT_RDWR), ENOTCONN);
    struct sockaddr_in somewhere = in_addr4("127.0.0.1", PORT + 8);
    net_err("which shut it all the same", sendto(shut, "x", 1, 0, SA(somewhere), sizeof somewhere),
            EPIPE);
    close(shut);
    char big[65508];
    memset(big, 'b', sizeof big);
    struct sockaddr_in to = in_addr4("127.0.0.1", PORT + 9);
    net_err("a datagram over 65507 bytes", sendto(fd, big, sizeof big, 0, SA(to), sizeof to),
            EMSGSIZE);
    check_int("sendto a port nobody holds", sendto(fd, "x", 1, 0, SA(to), sizeof to), 1);
    int port = port_of(fd, 0);
    check_yes("sendto autobinds an ephemeral port", port >= 32768 && port <= 60999);
    check_yes("autobound address is INADDR_ANY", strncmp(name_of(fd, 0), "0.0.0.0:", 8) == 0);
    close(fd);
    int a = bound("127.0.0.1", PORT);
    int b = udp_socket();
    struct sockaddr_in same = in_addr4("127.0.0.1", PORT);
    net_err("bind a used port", bind(b, SA(same), sizeof same), EADDRINUSE);
    close(a);
    close(b);
}

static void datagrams(void) {
    int receiver = bound("127.0.0.1", PORT + 1);
    int sender = bound("127.0.0.1", PORT + 2);
    struct sockaddr_in to = in_addr4("127.0.0.1", PORT + 1);
    sendto(sender, "ab", 2, 0, SA(to), sizeof to);
    sendto(sender, "cde", 3, 0, SA(to), sizeof to);
    sendto(sender, "0123456789", 10, 0, SA(to), sizeof to);
    wait_fd(receiver, POLLIN);
    int available = -1;
    ioctl(receiver, FIONREAD, &available);
    check_int("FIONREAD is the next datagram's size", available, 2);
    char buffer[64];
    struct sockaddr_in from;
    socklen_t length = sizeof from;
    ssize_t n = recvfrom(receiver, buffer, sizeof buffer, 0, SA(from), &length);
    check_int("first datagram", n, 2);
    check_int("sender's address length", length, sizeof(struct sockaddr_in));
    char ip[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &from.sin_addr, ip, sizeof ip);
    check_str("sender's address", ip, "127.0.0.1");
    check_int("sender's port", ntohs(from.sin_port), PORT + 2);
    check_int("peek the second", recv(receiver, buffer, sizeof buffer, MSG_PEEK), 3);
    check_int("second datagram", recv(receiver, buffer, sizeof buffer, 0), 3);
    check_int("a short read cuts the datagram", recv(receiver, buffer, 4, 0), 4);
    net_err("and the rest is gone", recv(receiver, buffer, sizeof buffer, MSG_DONTWAIT), EAGAIN);
    sendto(sender, "0123456789", 10, 0, SA(to), sizeof to);
    check_int("MSG_TRUNC returns the full length", recv(receiver, buffer, 4, MSG_TRUNC), 10);
    close(receiver);
    close(sender);
}

static void connected(void) {
    int receiver = bound("127.0.0.1", PORT + 3);
    int other = bound("127.0.0.1", PORT + 4);
    int client = udp_socket();
    struct sockaddr_in to = in_addr4("127.0.0.1", PORT + 3);
    net_ok("connect", connect(client, SA(to), sizeof to));
    check_str("getpeername", name_of(client, 1), "127.0.0.1:40203");
    check_yes("connect sets the source address", strncmp(name_of(client, 0), "127.0.0.1:", 10) == 0);
    check_int("send on a connected socket", send(client, "hi", 2, 0), 2);
    char buffer[16];
    check_int("receiver gets it", recv(receiver, buffer, sizeof buffer, 0), 2);
    /* A connected socket hears only its peer. */
    struct sockaddr_in client_address;
    socklen_t length = sizeof client_address;
    getsockname(client, SA(client_address), &length);
    sendto(other, "no", 2, 0, SA(client_address), length);
    sendto(receiver, "ok", 2, 0, SA(client_address), length);
    wait_fd(client, POLLIN);
    check_int("only the peer's datagram arrives", recv(client, buffer, sizeof buffer, 0), 2);
    net_err("nothing else", recv(client, buffer, sizeof buffer, MSG_DONTWAIT), EAGAIN);
    struct sockaddr_in unspec;
    memset(&unspec, 0, sizeof unspec);
    unspec.sin_family = AF_UNSPEC;
    net_ok("connect AF_UNSPEC dissolves", connect(client, SA(unspec), sizeof unspec));
    check_str("no peer any more", name_of(client, 1), "ENOTCONN");
    /* The port unreachable answer comes back as ECONNREFUSED to a connected sender. */
    close(receiver);
    net_ok("connect to a closed port", connect(client, SA(to), sizeof to));
    check_int("send goes", send(client, "x", 1, 0), 1);
    net_err("the next call reports it", recv(client, buffer, sizeof buffer, MSG_DONTWAIT),
            ECONNREFUSED);
    close(client);
    close(other);
}

static void round_trip(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_ready;
    sigaction(SIGUSR2, &action, 0);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    sigprocmask(SIG_BLOCK, &block, &old);
    char port[16];
    snprintf(port, sizeof port, "%d", PORT + 5);
    pid_t child = spawn_self("echo-server", port);
    while (!ready) sigsuspend(&old);
    sigprocmask(SIG_SETMASK, &old, 0);
    int fd = udp_socket();
    struct sockaddr_in to = in_addr4("127.0.0.1", PORT + 5);
    check_int("send to the echo server", sendto(fd, "ping", 4, 0, SA(to), sizeof to), 4);
    char buffer[16] = {0};
    struct sockaddr_in from;
    socklen_t length = sizeof from;
    check_int("its answer", recvfrom(fd, buffer, sizeof buffer, 0, SA(from), &length), 4);
    check_str("answer text", buffer, "PING");
    check_int("from its port", ntohs(from.sin_port), PORT + 5);
    check_int("echo server exit", wait_for(child), 0);
    close(fd);
}

int main(int argc, char **argv) {
    if (argc >= 5) {
        if (strcmp(argv[3], "echo-server") == 0) return echo_server(atoi(argv[4]));
        return 2;
    }
    enter_scratch(argc, argv);
    self_path = argv[2];
    scratch_dir = argv[1];
    basics();
    datagrams();
    connected();
    round_trip();
    return finish();
}
