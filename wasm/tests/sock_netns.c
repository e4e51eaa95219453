/* sock_netns: sockets belong to their network namespace. A child in a new
 * namespace (unshare(CLONE_NEWNET)) cannot reach the parent's listener:
 * ENETUNREACH while its lo is down, ECONNREFUSED once it is up (its own
 * empty port space), and the parent's abstract AF_UNIX name does not
 * exist there, while a path-named socket, being a file, is reachable.
 * Compared with Linux as sock_tcp is. argv: scratch-dir self-path [mode] */
#define _GNU_SOURCE
#include "bocal.h"
#include "bocal-mount.h"
#include "bocal-socket.h"
#include "sock_check.h"

#ifdef __wasi__
#include "bocal-net.h"
#else
#include <net/if.h>
#endif

enum { PORT = 40300 };

/* Brings lo up or down: `ip link set lo up|down`. */
static int set_lo(int up) {
#ifdef __wasi__
    return bocal_net_link_set("lo", 1, up ? 1 : 0);
#else
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifreq request;
    memset(&request, 0, sizeof request);
    strcpy(request.ifr_name, "lo");
    int ok = ioctl(fd, SIOCGIFFLAGS, &request);
    if (ok == 0) {
        request.ifr_flags = (short)(up ? request.ifr_flags | IFF_UP : request.ifr_flags & ~IFF_UP);
        ok = ioctl(fd, SIOCSIFFLAGS, &request);
    }
    close(fd);
    return ok;
#endif
}

static int try_connect(int family, const struct sockaddr *address, socklen_t length) {
    int fd = socket(family, SOCK_STREAM, 0);
    int result = connect(fd, address, length);
    int saved = errno;
    close(fd);
    errno = saved;
    return result;
}

static int try_bind(int type, const char *ip, int port) {
    int fd = socket(AF_INET, type, 0);
    struct sockaddr_in a = in_addr4(ip, port);
    int result = bind(fd, SA(a), sizeof a);
    int saved = errno;
    close(fd);
    errno = saved;
    return result;
}

static struct sockaddr_un unix_path(const char *path, int abstract, socklen_t *length) {
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    strcpy(a.sun_path + (abstract ? 1 : 0), path);
    *length = (socklen_t)(2 + strlen(path) + 1);
    return a;
}

/* The child: everything it sees from its own namespace. */
static int other_namespace(void) {
    must("unshare(CLONE_NEWNET)", unshare(CLONE_NEWNET));
    struct sockaddr_in parent = in_addr4("127.0.0.1", PORT);
    net_err("[new ns] connect while lo is down", try_connect(AF_INET, SA(parent), sizeof parent),
            ENETUNREACH);
    net_ok("[new ns] bind any address before lo ever came up", try_bind(SOCK_STREAM, "10.1.2.3", 0));
    net_ok("[new ns] bind INADDR_ANY", try_bind(SOCK_STREAM, "0.0.0.0", PORT));
    int udp = socket(AF_INET, SOCK_DGRAM, 0);
    net_err("[new ns] UDP sendto while lo is down",
            sendto(udp, "x", 1, 0, SA(parent), sizeof parent), ENETUNREACH);
    close(udp);
    net_ok("[new ns] lo up", set_lo(1));
    net_err("[new ns] connect to the parent's port", try_connect(AF_INET, SA(parent), sizeof parent),
            ECONNREFUSED);
    net_ok("[new ns] bind the parent's port", try_bind(SOCK_STREAM, "127.0.0.1", PORT));
    net_ok("[new ns] lo down again", set_lo(0));
    /* (A TCP connect now would retry its SYN for two minutes before ETIMEDOUT on Linux.) */
    udp = socket(AF_INET, SOCK_DGRAM, 0);
    check_int("[new ns] UDP sendto into the down lo", sendto(udp, "x", 1, 0, SA(parent), sizeof parent),
              1);
    close(udp);
    net_ok("[new ns] 127.0.0.1 stays bindable", try_bind(SOCK_STREAM, "127.0.0.1", PORT));
    net_err("[new ns] but no other address now", try_bind(SOCK_STREAM, "10.1.2.3", 0),
            EADDRNOTAVAIL);
    socklen_t length;
    struct sockaddr_un abstract = unix_path("bocal-netns", 1, &length);
    net_err("[new ns] the parent's abstract name",
            try_connect(AF_UNIX, (struct sockaddr *)&abstract, length), ECONNREFUSED);
    struct sockaddr_un path = unix_path("netns.sock", 0, &length);
    net_ok("[new ns] the parent's path-named socket",
           try_connect(AF_UNIX, (struct sockaddr *)&path, length));
    return finish();
}

int main(int argc, char **argv) {
    enter_scratch(argc, argv);
    self_path = argv[2];
    scratch_dir = argv[1];
    if (argc >= 4 && strcmp(argv[3], "other-namespace") == 0) return other_namespace();
    int server = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = in_addr4("127.0.0.1", PORT);
    must("bind", bind(server, SA(a), sizeof a));
    must("listen", listen(server, 5));
    socklen_t length;
    int abstract = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un name = unix_path("bocal-netns", 1, &length);
    must("bind abstract", bind(abstract, (struct sockaddr *)&name, length));
    must("listen abstract", listen(abstract, 5));
    int path = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un file = unix_path("netns.sock", 0, &length);
    must("bind path", bind(path, (struct sockaddr *)&file, length));
    must("listen path", listen(path, 5));
    check_int("child in a new namespace", wait_for(spawn_self("other-namespace", "")), 0);
    net_ok("the parent still connects", try_connect(AF_INET, SA(a), sizeof a));
    return finish();
}
