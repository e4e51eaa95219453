/* sock_unix: AF_UNIX sockets (socketpair, path names in the filesystem,
 * abstract names, datagrams), compared with Linux as sock_tcp is.
 * argv: scratch-dir self-path [mode arg] */
#define _GNU_SOURCE
#include "bocal.h"
#include "bocal-socket.h"
#include "sock_check.h"

#include <stddef.h>

static struct sockaddr_un unix_addr(const char *path, socklen_t *length) {
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    size_t n = strlen(path);
    if (path[0] == '@') {
        /* "@name": an abstract name (a leading NUL, no terminator). */
        memcpy(a.sun_path + 1, path + 1, n - 1);
        *length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
    } else {
        memcpy(a.sun_path, path, n);
        *length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
    }
    return a;
}

/* What getsockname/getpeername say: "len N path" ('@' for a leading NUL). */
static const char *unix_name(int fd, int peer) {
    static char text[160];
    struct sockaddr_un a;
    socklen_t length = sizeof a;
    memset(&a, 0, sizeof a);
    if ((peer ? getpeername(fd, (struct sockaddr *)&a, &length)
              : getsockname(fd, (struct sockaddr *)&a, &length)) < 0) {
        return net_errno(errno);
    }
    size_t path_length = length > 2 ? length - 2 : 0;
    char path[120] = {0};
    for (size_t i = 0; i < path_length && i < sizeof path - 1; i++) {
        path[i] = a.sun_path[i] ? a.sun_path[i] : '@';
    }
    snprintf(text, sizeof text, "family %d len %u %s", a.sun_family, (unsigned)length, path);
    return text;
}

/* The /proc/net/unix row of the socket named `path`, without its kernel address and inode. */
static const char *proc_net_unix(const char *path) {
    static char row[256];
    FILE *file = fopen("/proc/net/unix", "r");
    if (!file) return net_errno(errno);
    char line[256];
    const char *found = "none";
    while (fgets(line, sizeof line, file)) {
        char address[32], refs[16], protocol[16], flags[16], type[16], state[16], name[160];
        unsigned long inode;
        if (sscanf(line, "%31s %15s %15s %15s %15s %15s %lu %159s", address, refs, protocol, flags,
                   type, state, &inode, name) == 8 &&
            strcmp(name, path) == 0) {
            snprintf(row, sizeof row, "%s %s %s %s %s %s", refs, protocol, flags, type, state, name);
            found = row;
        }
    }
    fclose(file);
    return found;
}

static int unix_connect(const char *path) {
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    socklen_t length;
    struct sockaddr_un a = unix_addr(path, &length);
    if (connect(fd, (struct sockaddr *)&a, length) < 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

/* Connects to `path`, sends "hi", waits for end of file. */
static int path_client(const char *path) {
    int fd = unix_connect(path);
    if (fd < 0) return 10;
    if (write(fd, "hi", 2) != 2) return 11;
    char byte;
    return read(fd, &byte, 1) == 0 ? 0 : 12;
}

static void pairs(void) {
    int sv[2];
    net_ok("socketpair stream", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    check_str("pair getsockname", unix_name(sv[0], 0), "family 1 len 2 ");
    check_str("pair getpeername", unix_name(sv[0], 1), "family 1 len 2 ");
    check_int("write one way", write(sv[0], "abc", 3), 3);
    check_int("write the other", write(sv[1], "defg", 4), 4);
    char buffer[16];
    check_int("read one way", read(sv[1], buffer, sizeof buffer), 3);
    check_int("read the other", read(sv[0], buffer, sizeof buffer), 4);
    close(sv[1]);
    check_int("read after the peer closed", read(sv[0], buffer, sizeof buffer), 0);
    net_err("write after the peer closed", send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
    close(sv[0]);
    net_ok("socketpair dgram", socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    send(sv[0], "one", 3, 0);
    send(sv[0], "three", 5, 0);
    check_int("first datagram", recv(sv[1], buffer, sizeof buffer, 0), 3);
    check_int("second datagram", recv(sv[1], buffer, sizeof buffer, 0), 5);
    close(sv[0]);
    close(sv[1]);
    net_err("socketpair AF_INET", socketpair(AF_INET, SOCK_STREAM, 0, sv), EOPNOTSUPP);
}

static void paths(void) {
    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    socklen_t length;
    struct sockaddr_un a = unix_addr("srv.sock", &length);
    net_err("listen unbound", listen(server, 5), EINVAL);
    net_ok("bind a path", bind(server, (struct sockaddr *)&a, length));
    struct stat st;
    net_ok("stat the socket file", stat("srv.sock", &st));
    check_yes("it is a socket", S_ISSOCK(st.st_mode));
    check_str("getsockname", unix_name(server, 0), "family 1 len 11 srv.sock@");
    int again = socket(AF_UNIX, SOCK_STREAM, 0);
    net_err("bind the same path again", bind(again, (struct sockaddr *)&a, length), EADDRINUSE);
    close(again);
    net_err("connect before listen", unix_connect("srv.sock"), ECONNREFUSED);
    net_ok("listen", listen(server, 5));
    check_str("/proc/net/unix line", proc_net_unix("srv.sock"), "00000002 00000000 00010000 0001 01 srv.sock");
    pid_t child = spawn_self("path-client", "srv.sock");
    int conn = accept(server, 0, 0);
    net_ok("accept", conn);
    check_str("accepted socket's name", unix_name(conn, 0), "family 1 len 11 srv.sock@");
    check_str("accepted socket's peer", unix_name(conn, 1), "family 1 len 2 ");
    char buffer[8] = {0};
    check_int("read the client", read_full(conn, buffer, 2), 2);
    close(conn);
    check_int("path client exit", wait_for(child), 0);
    int client = unix_connect("srv.sock");
    check_str("client's peer name", unix_name(client, 1), "family 1 len 11 srv.sock@");
    close(client);
    close(accept(server, 0, 0));
    close(server);
    net_err("connect after the server closed", unix_connect("srv.sock"), ECONNREFUSED);
    net_err("connect to a missing path", unix_connect("nowhere.sock"), ENOENT);
    write_file("plain", "x");
    net_err("connect to a regular file", unix_connect("plain"), ECONNREFUSED);
    unlink("srv.sock");
    unlink("plain");
}

static void abstract_names(void) {
    int server = socket(AF_UNIX, SOCK_STREAM, 0);
    socklen_t length;
    struct sockaddr_un a = unix_addr("@bocal-abstract", &length);
    net_ok("bind an abstract name", bind(server, (struct sockaddr *)&a, length));
    check_str("abstract getsockname", unix_name(server, 0), "family 1 len 17 @bocal-abstract");
    listen(server, 5);
    int client = unix_connect("@bocal-abstract");
    net_ok("connect by abstract name", client);
    int conn = accept(server, 0, 0);
    write(client, "z", 1);
    char byte = 0;
    read(conn, &byte, 1);
    check_int("byte through", byte, 'z');
    close(conn);
    close(client);
    close(server);
    net_err("the name goes with its socket", unix_connect("@bocal-abstract"), ECONNREFUSED);
}

static void datagrams(void) {
    int receiver = socket(AF_UNIX, SOCK_DGRAM, 0);
    socklen_t length;
    struct sockaddr_un a = unix_addr("dgram.sock", &length);
    must("bind dgram", bind(receiver, (struct sockaddr *)&a, length));
    int sender = socket(AF_UNIX, SOCK_DGRAM, 0);
    check_int("sendto a path", sendto(sender, "msg", 3, 0, (struct sockaddr *)&a, length), 3);
    struct sockaddr_un from;
    socklen_t from_length = sizeof from;
    char buffer[8];
    check_int("recvfrom", recvfrom(receiver, buffer, sizeof buffer, 0, (struct sockaddr *)&from,
                                   &from_length), 3);
    check_int("an unbound sender has no address", from_length, 0);
    /* An unconnected sender waits (here: EAGAIN) once max_dgram_qlen (10) are queued. */
    int queued = 0;
    while (queued < 100 &&
           sendto(sender, "q", 1, MSG_DONTWAIT, (struct sockaddr *)&a, length) == 1) {
        queued++;
    }
    check_int("datagrams queued before the receiver is full", queued, 11);
    check_str("then", net_errno(errno), "EAGAIN");
    close(receiver);
    net_err("sendto a closed receiver",
            sendto(sender, "msg", 3, 0, (struct sockaddr *)&a, length), ECONNREFUSED);
    close(sender);
    unlink("dgram.sock");
}

int main(int argc, char **argv) {
    if (argc >= 5) {
        if (strcmp(argv[3], "path-client") == 0) return path_client(argv[4]);
        return 2;
    }
    enter_scratch(argc, argv);
    self_path = argv[2];
    scratch_dir = argv[1];
    pairs();
    paths();
    abstract_names();
    datagrams();
    return finish();
}
