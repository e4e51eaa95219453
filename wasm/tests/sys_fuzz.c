/* sys_fuzz SEED [CALLS]: calls WASI functions with garbage pointers and
 * lengths (past the end of memory, straddling it, inside a scratch area) and
 * random fds, flags and sizes, from a PRNG seeded by argv. Every call must
 * return an errno: a kernel or worker that crashes, traps the program or
 * hangs fails the test that runs this. Pointers that are valid point into
 * the scratch area only, so the program's own data survives what the calls
 * write. Prints "sys_fuzz: N calls, M failed" and exits 0. Built natively,
 * it only says that it is WASI-only. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __wasi__
#define WASI(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))

WASI(args_get) int32_t w_args_get(int32_t argv, int32_t buf);
WASI(environ_sizes_get) int32_t w_environ_sizes_get(int32_t count, int32_t size);
WASI(clock_time_get) int32_t w_clock_time_get(int32_t id, int64_t precision, int32_t time);
WASI(random_get) int32_t w_random_get(int32_t buf, int32_t len);
WASI(fd_write) int32_t w_fd_write(int32_t fd, int32_t iovs, int32_t n, int32_t written);
WASI(fd_read) int32_t w_fd_read(int32_t fd, int32_t iovs, int32_t n, int32_t read);
WASI(fd_pread) int32_t w_fd_pread(int32_t fd, int32_t iovs, int32_t n, int64_t off, int32_t read);
WASI(fd_fdstat_get) int32_t w_fd_fdstat_get(int32_t fd, int32_t buf);
WASI(fd_filestat_get) int32_t w_fd_filestat_get(int32_t fd, int32_t buf);
WASI(fd_prestat_dir_name) int32_t w_fd_prestat_dir_name(int32_t fd, int32_t buf, int32_t len);
WASI(fd_readdir)
int32_t w_fd_readdir(int32_t fd, int32_t buf, int32_t len, int64_t cookie, int32_t used);
WASI(path_open)
int32_t w_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t len, int32_t oflags,
                    int64_t base, int64_t inheriting, int32_t fdflags, int32_t opened);
WASI(path_filestat_get)
int32_t w_path_filestat_get(int32_t fd, int32_t flags, int32_t path, int32_t len, int32_t buf);
WASI(path_readlink)
int32_t w_path_readlink(int32_t fd, int32_t path, int32_t len, int32_t buf, int32_t buf_len,
                        int32_t used);
WASI(path_create_directory) int32_t w_path_create_directory(int32_t fd, int32_t path, int32_t len);
WASI(path_unlink_file) int32_t w_path_unlink_file(int32_t fd, int32_t path, int32_t len);
WASI(poll_oneoff) int32_t w_poll_oneoff(int32_t in, int32_t out, int32_t n, int32_t events);

#define SCRATCH_SIZE 65536
static unsigned char scratch[SCRATCH_SIZE];
static uint64_t state;

/* splitmix64: small, seeded, the same on every platform. */
static uint64_t next(void) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint32_t below(uint32_t n) { return (uint32_t)(next() % n); }

static uint32_t memory_end(void) {
    return (uint32_t)__builtin_wasm_memory_size(0) * 65536u;
}

/* A pointer with room for `len` bytes in the scratch area, or one that is
 * not valid for `len` bytes at all. */
static int32_t pointer(uint32_t len) {
    switch (below(5)) {
    case 0: return (int32_t)(memory_end() + below(1u << 20));
    case 1: return (int32_t)(memory_end() - 1 - below(len < 16 ? 16 : len) % 16);
    case 2: return (int32_t)(0xffffffffu - below(64));
    default: {
        uint32_t room = len < SCRATCH_SIZE ? SCRATCH_SIZE - len : 0;
        return (int32_t)((uintptr_t)scratch + below(room + 1));
    }
    }
}

/* A length: small, near a page, or huge. */
static uint32_t length(void) {
    switch (below(4)) {
    case 0: return below(16);
    case 1: return below(4096);
    case 2: return 65536 - below(8);
    default: return (uint32_t)next();
    }
}

/* An fd: the standard ones are read only, the preopen and a few unused
 * ones are anything; never 1 or 2, which carry the test's output. */
static int32_t fd(int writable) {
    static const int32_t fds[] = {3, 4, 5, 9, 63, 1024, -1, 0x7fffffff};
    if (!writable && below(4) == 0) return 0;
    return fds[below(sizeof fds / sizeof fds[0])];
}

/* Fills part of the scratch area with iovecs whose buffers are garbage. */
static int32_t iovecs(uint32_t *count) {
    *count = below(4) == 0 ? (uint32_t)next() : below(5);
    if (below(3) == 0) return pointer(8 * (*count & 0xff));
    uint32_t *iov = (uint32_t *)(scratch + 8 * below(16));
    for (uint32_t i = 0; i < 4; i++) {
        uint32_t len = length() % SCRATCH_SIZE;
        iov[2 * i] = (uint32_t)pointer(len);
        iov[2 * i + 1] = len;
    }
    if (*count > 4) *count = below(2) ? 4 : *count;
    return (int32_t)(uintptr_t)iov;
}

static int32_t one_call(void) {
    uint32_t len = length(), n;
    switch (below(16)) {
    case 0: return w_args_get(pointer(64), pointer(256));
    case 1: return w_environ_sizes_get(pointer(4), pointer(4));
    case 2: return w_clock_time_get((int32_t)below(6), (int64_t)next(), pointer(8));
    case 3: return w_random_get(pointer(len), (int32_t)len);
    case 4: {
        int32_t iov = iovecs(&n);
        return w_fd_write(fd(0), iov, (int32_t)n, pointer(4));
    }
    case 5: {
        int32_t iov = iovecs(&n);
        return w_fd_read(fd(1), iov, (int32_t)n, pointer(4));
    }
    case 6: {
        int32_t iov = iovecs(&n);
        return w_fd_pread(fd(1), iov, (int32_t)n, (int64_t)next(), pointer(4));
    }
    case 7: return w_fd_fdstat_get(fd(1), pointer(24));
    case 8: return w_fd_filestat_get(fd(1), pointer(64));
    case 9: return w_fd_prestat_dir_name(fd(1), pointer(len), (int32_t)len);
    case 10: return w_fd_readdir(fd(1), pointer(len), (int32_t)len, (int64_t)next(), pointer(4));
    case 11:
        return w_path_open(fd(1), (int32_t)below(4), pointer(len), (int32_t)len,
                           (int32_t)below(16), (int64_t)next(), (int64_t)next(),
                           (int32_t)below(32), pointer(4));
    case 12: return w_path_filestat_get(fd(1), (int32_t)below(4), pointer(len), (int32_t)len,
                                        pointer(64));
    case 13: return w_path_readlink(fd(1), pointer(len), (int32_t)len, pointer(64), 64, pointer(4));
    case 14: return below(2) ? w_path_create_directory(fd(1), pointer(len), (int32_t)len)
                             : w_path_unlink_file(fd(1), pointer(len), (int32_t)len);
    default:
        /* Subscriptions are never read from valid memory: random ones could sleep for years. */
        return w_poll_oneoff((int32_t)(memory_end() + below(4096)), pointer(32), (int32_t)below(4),
                             pointer(4));
    }
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: sys_fuzz SEED [CALLS]\n");
        return 2;
    }
    state = strtoull(argv[1], NULL, 0);
    unsigned long calls = argc > 2 ? strtoul(argv[2], NULL, 0) : 2000;
    unsigned long failed = 0;
    for (unsigned long i = 0; i < calls; i++) {
        if (one_call() != 0) failed++;
    }
    printf("sys_fuzz: %lu calls, %lu failed\n", calls, failed);
    return 0;
}
#else
/* The calls it makes are WASI's own: natively there is nothing to fuzz. The
 * native build exists only because every program is built both ways. */
int main(void) {
    fputs("sys_fuzz: calls WASI directly; it runs only as WebAssembly\n", stderr);
    return 2;
}
#endif
