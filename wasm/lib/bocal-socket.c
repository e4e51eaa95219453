/* bocal-socket.c: the socket calls of bocal-socket.h over the kernel's
 * (src/kernel/syscalls/socket.ts). wasi-libc defines accept, accept4, send,
 * recv, shutdown and getsockopt over WASI's sock_* calls, which cannot
 * name a peer and know no Linux flags; those are linked with --wrap
 * (scripts/build-wasm.ts) and replaced here, as are inet_pton and
 * inet_ntop, which take wasi-libc's AF_INET (1) and AF_INET6 (2). */
#ifdef __wasi__
#include "bocal-socket.h"

#include <stdlib.h>
#include <string.h>

/* The most one call moves: the channel holds 256 KiB, with room for an address. */
#define CHUNK 65536
/* recvfrom's output keeps this many bytes for the sender's address before the data. */
#define ADDRESS_SLOT 128
/* wasi-libc's own family numbers, for the functions of its own we call. */
#define WASI_AF_INET 1
#define WASI_AF_INET6 2

static int call_fd(int number, int fd, int64_t a1, int64_t a2) {
    return (int)__bocal_call(number, fd, a1, a2, 0, 0);
}

/* Relative AF_UNIX paths are the cwd's: the kernel must know it first. */
static void sync_cwd_for(const struct sockaddr *address, socklen_t length) {
    if (address && length >= sizeof(sa_family_t) && address->sa_family == AF_UNIX) {
        __bocal_sync_cwd();
    }
}

/* Copies a returned address into the caller's buffer, cut to its size, as Linux does. */
static void give_address(struct sockaddr *out, socklen_t *out_length, const void *address,
                         uint32_t length) {
    if (!out || !out_length) return;
    size_t copied = length < *out_length ? length : *out_length;
    memcpy(out, address, copied);
    *out_length = length;
}

int socket(int domain, int type, int protocol) {
    return (int)__bocal_call(BOCAL_SOCKET, domain, type, protocol, 0, 0);
}

int socketpair(int domain, int type, int protocol, int fds[2]) {
    int64_t results[4] = {0, 0, 0, 0};
    if (__bocal_call(BOCAL_SOCKETPAIR, domain, type, protocol, 0, results) < 0) return -1;
    fds[0] = (int)results[0];
    fds[1] = (int)results[1];
    return 0;
}

int bind(int fd, const struct sockaddr *address, socklen_t length) {
    sync_cwd_for(address, length);
    int64_t args[8] = {fd, 0, 0, 0, 0, 0, 0, 0};
    return (int)__bocal_call_io(BOCAL_BIND, args, address, length, 0, 0, 0, 0);
}

int listen(int fd, int backlog) { return call_fd(BOCAL_LISTEN, fd, backlog, 0); }

int connect(int fd, const struct sockaddr *address, socklen_t length) {
    sync_cwd_for(address, length);
    int64_t args[8] = {fd, 0, 0, 0, 0, 0, 0, 0};
    return (int)__bocal_call_io(BOCAL_CONNECT, args, address, length, 0, 0, 0, 0);
}

static int name_call(int number, int fd, struct sockaddr *address, socklen_t *length) {
    struct sockaddr_storage name;
    int64_t args[8] = {fd, 0, 0, 0, 0, 0, 0, 0};
    uint32_t produced = 0;
    if (__bocal_call_io(number, args, 0, 0, &name, sizeof name, 0, &produced) < 0) return -1;
    give_address(address, length, &name, produced);
    return 0;
}

int getsockname(int fd, struct sockaddr *address, socklen_t *length) {
    return name_call(BOCAL_GETSOCKNAME, fd, address, length);
}

int getpeername(int fd, struct sockaddr *address, socklen_t *length) {
    return name_call(BOCAL_GETPEERNAME, fd, address, length);
}

int __wrap_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    struct sockaddr_storage peer;
    int64_t args[8] = {fd, flags, 0, 0, 0, 0, 0, 0};
    uint32_t produced = 0;
    int64_t accepted = __bocal_call_io(BOCAL_ACCEPT4, args, 0, 0, &peer, sizeof peer, 0, &produced);
    if (accepted < 0) return -1;
    give_address(address, length, &peer, produced);
    return (int)accepted;
}

int __wrap_accept(int fd, struct sockaddr *address, socklen_t *length) {
    return __wrap_accept4(fd, address, length, 0);
}

int __wrap_getsockopt(int, int, int, void *, socklen_t *);

/* One sendto call of at most CHUNK bytes. */
static ssize_t send_chunk(int fd, const void *data, size_t length, int flags,
                          const struct sockaddr *to, socklen_t to_length) {
    int64_t args[8] = {fd, flags, to ? to_length : 0, 0, 0, 0, 0, 0};
    if (!to) return (ssize_t)__bocal_call_io(BOCAL_SENDTO, args, data, length, 0, 0, 0, 0);
    sync_cwd_for(to, to_length);
    unsigned char *input = malloc(to_length + length);
    if (!input) return -1;
    memcpy(input, to, to_length);
    memcpy(input + to_length, data, length);
    ssize_t sent = (ssize_t)__bocal_call_io(BOCAL_SENDTO, args, input, to_length + length, 0, 0, 0, 0);
    free(input);
    return sent;
}

ssize_t sendto(int fd, const void *data, size_t length, int flags, const struct sockaddr *to,
               socklen_t to_length) {
    /* A datagram goes whole (EMSGSIZE if too big); a stream in chunks, as long as each goes whole. */
    int type = 0;
    socklen_t type_length = sizeof type;
    if (length <= CHUNK || __wrap_getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &type_length) < 0 ||
        type != SOCK_STREAM) {
        return send_chunk(fd, data, length, flags, to, to_length);
    }
    size_t done = 0;
    while (done < length) {
        size_t part = length - done < CHUNK ? length - done : CHUNK;
        ssize_t sent = send_chunk(fd, (const char *)data + done, part, flags, to, to_length);
        if (sent < 0) return done > 0 ? (ssize_t)done : -1;
        done += (size_t)sent;
        if ((size_t)sent < part) break;
    }
    return (ssize_t)done;
}

ssize_t __wrap_send(int fd, const void *data, size_t length, int flags) {
    return sendto(fd, data, length, flags, 0, 0);
}

ssize_t recvfrom(int fd, void *buffer, size_t length, int flags, struct sockaddr *from,
                 socklen_t *from_length) {
    if (length > CHUNK + 1024) length = CHUNK + 1024;
    int64_t results[4] = {0, 0, 0, 0};
    int64_t args[8] = {fd, (int64_t)length, flags, from ? 1 : 0, 0, 0, 0, 0};
    if (!from) return (ssize_t)__bocal_call_io(BOCAL_RECVFROM, args, 0, 0, buffer, length, results, 0);
    unsigned char *output = malloc(ADDRESS_SLOT + length);
    if (!output) return -1;
    int64_t got = __bocal_call_io(BOCAL_RECVFROM, args, 0, 0, output, ADDRESS_SLOT + length,
                                  results, 0);
    if (got >= 0) {
        size_t data = (size_t)got < length ? (size_t)got : length;
        memcpy(buffer, output + ADDRESS_SLOT, data);
        give_address(from, from_length, output, (uint32_t)results[1]);
    }
    free(output);
    return (ssize_t)got;
}

ssize_t __wrap_recv(int fd, void *buffer, size_t length, int flags) {
    return recvfrom(fd, buffer, length, flags, 0, 0);
}

int __wrap_shutdown(int fd, int how) { return call_fd(BOCAL_SHUTDOWN, fd, how, 0); }

int setsockopt(int fd, int level, int name, const void *value, socklen_t length) {
    int64_t args[8] = {fd, level, name, 0, 0, 0, 0, 0};
    return (int)__bocal_call_io(BOCAL_SETSOCKOPT, args, value, length, 0, 0, 0, 0);
}

int __wrap_getsockopt(int fd, int level, int name, void *value, socklen_t *length) {
    unsigned char out[64];
    int64_t args[8] = {fd, level, name, 0, 0, 0, 0, 0};
    uint32_t produced = 0;
    if (__bocal_call_io(BOCAL_GETSOCKOPT, args, 0, 0, out, sizeof out, 0, &produced) < 0) return -1;
    size_t copied = produced < *length ? produced : *length;
    memcpy(value, out, copied);
    *length = (socklen_t)copied;
    return 0;
}

int __real_inet_pton(int, const char *__restrict, void *__restrict);
const char *__real_inet_ntop(int, const void *__restrict, char *__restrict, socklen_t);

static int wasi_family(int family) {
    return family == AF_INET ? WASI_AF_INET : family == AF_INET6 ? WASI_AF_INET6 : -1;
}

int __wrap_inet_pton(int family, const char *__restrict text, void *__restrict address) {
    int wasi = wasi_family(family);
    if (wasi < 0) {
        errno = EAFNOSUPPORT;
        return -1;
    }
    return __real_inet_pton(wasi, text, address);
}

const char *__wrap_inet_ntop(int family, const void *__restrict address, char *__restrict text,
                             socklen_t size) {
    int wasi = wasi_family(family);
    if (wasi < 0) {
        errno = EAFNOSUPPORT;
        return 0;
    }
    return __real_inet_ntop(wasi, address, text, size);
}
#endif
