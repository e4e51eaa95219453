/* bocal-socket.h: sockets for C programs, with POSIX's names and Linux's
 * numbers. Natively it only includes the system's headers (glibc has it
 * all). On WASI it includes wasi-libc's headers and then corrects them:
 * wasi-libc numbers AF_INET 1, SOCK_STREAM 6, SOL_SOCKET 0x7fffffff and
 * SHUT_RD 1, gives struct sockaddr_un no sun_path, and declares neither
 * socket() nor bind(), connect(), getaddrinfo() for preview 1. Here every
 * constant is Linux's, as the kernel's socket calls take them
 * (src/kernel/abi/socket.ts, docs/abi.md), and the calls are wasm/lib's. */
#ifndef BOCAL_SOCKET_H
#define BOCAL_SOCKET_H

#ifndef __wasi__
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#else
#include "bocal.h"

/* wasi-libc's own structs, renamed out of the way of the full-size ones below. */
#define sockaddr_un __wasilibc_sockaddr_un
#define sockaddr_storage __wasilibc_sockaddr_storage
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#undef sockaddr_un
#undef sockaddr_storage

struct sockaddr_un {
    sa_family_t sun_family;
    char sun_path[108];
};

struct sockaddr_storage {
    sa_family_t ss_family;
    char __ss_padding[118];
    unsigned long long __ss_align;
};

#undef AF_UNSPEC
#undef AF_UNIX
#undef AF_LOCAL
#undef AF_INET
#undef AF_INET6
#undef PF_UNSPEC
#undef PF_UNIX
#undef PF_LOCAL
#undef PF_INET
#undef PF_INET6
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL AF_UNIX
#define AF_INET 2
#define AF_INET6 10
#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_LOCAL AF_UNIX
#define PF_INET AF_INET
#define PF_INET6 AF_INET6

#undef SOCK_STREAM
#undef SOCK_DGRAM
#undef SOCK_RAW
#undef SOCK_SEQPACKET
#undef SOCK_NONBLOCK
#undef SOCK_CLOEXEC
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_SEQPACKET 5
#define SOCK_NONBLOCK 04000
#define SOCK_CLOEXEC 02000000

#undef SOL_SOCKET
#undef SO_REUSEADDR
#undef SO_TYPE
#undef SO_ERROR
#undef SO_BROADCAST
#undef SO_SNDBUF
#undef SO_RCVBUF
#undef SO_KEEPALIVE
#undef SO_LINGER
#undef SO_REUSEPORT
#undef SO_ACCEPTCONN
#undef SO_PROTOCOL
#undef SO_DOMAIN
#undef SOMAXCONN
#define SOL_SOCKET 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_LINGER 13
#define SO_REUSEPORT 15
#define SO_ACCEPTCONN 30
#define SO_PROTOCOL 38
#define SO_DOMAIN 39
#define SOMAXCONN 4096

#undef MSG_OOB
#undef MSG_PEEK
#undef MSG_TRUNC
#undef MSG_DONTWAIT
#undef MSG_WAITALL
#undef MSG_NOSIGNAL
#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000

#undef SHUT_RD
#undef SHUT_WR
#undef SHUT_RDWR
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

/* Syscall numbers (src/kernel/abi/syscalls.ts). */
enum {
    BOCAL_SOCKET = 262, BOCAL_SOCKETPAIR, BOCAL_BIND, BOCAL_LISTEN, BOCAL_ACCEPT4,
    BOCAL_CONNECT, BOCAL_GETSOCKNAME, BOCAL_GETPEERNAME, BOCAL_SENDTO, BOCAL_RECVFROM,
    BOCAL_SHUTDOWN, BOCAL_SETSOCKOPT, BOCAL_GETSOCKOPT,
};

int socket(int, int, int);
int socketpair(int, int, int, int[2]);
int bind(int, const struct sockaddr *, socklen_t);
int listen(int, int);
int connect(int, const struct sockaddr *, socklen_t);
int getsockname(int, struct sockaddr *__restrict, socklen_t *__restrict);
int getpeername(int, struct sockaddr *__restrict, socklen_t *__restrict);
ssize_t sendto(int, const void *, size_t, int, const struct sockaddr *, socklen_t);
ssize_t recvfrom(int, void *__restrict, size_t, int, struct sockaddr *__restrict,
                 socklen_t *__restrict);
int setsockopt(int, int, int, const void *, socklen_t);

/* ---- <netdb.h>, which wasi-libc lacks: numeric hosts, "localhost" and /etc/hosts ---- */

struct addrinfo {
    int ai_flags;
    int ai_family;
    int ai_socktype;
    int ai_protocol;
    socklen_t ai_addrlen;
    struct sockaddr *ai_addr;
    char *ai_canonname;
    struct addrinfo *ai_next;
};

#define AI_PASSIVE 0x01
#define AI_CANONNAME 0x02
#define AI_NUMERICHOST 0x04
#define AI_V4MAPPED 0x08
#define AI_ALL 0x10
#define AI_ADDRCONFIG 0x20
#define AI_NUMERICSERV 0x400

#define NI_NUMERICHOST 1
#define NI_NUMERICSERV 2
#define NI_MAXHOST 1025
#define NI_MAXSERV 32

/* glibc's values. */
#define EAI_BADFLAGS -1
#define EAI_NONAME -2
#define EAI_AGAIN -3
#define EAI_FAIL -4
#define EAI_FAMILY -6
#define EAI_SOCKTYPE -7
#define EAI_SERVICE -8
#define EAI_MEMORY -10
#define EAI_SYSTEM -11

int getaddrinfo(const char *__restrict, const char *__restrict, const struct addrinfo *__restrict,
                struct addrinfo **__restrict);
void freeaddrinfo(struct addrinfo *);
const char *gai_strerror(int);
int getnameinfo(const struct sockaddr *__restrict, socklen_t, char *__restrict, socklen_t,
                char *__restrict, socklen_t, int);
#endif

#endif
