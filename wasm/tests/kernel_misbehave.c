/* kernel_misbehave: programs that go wrong on purpose, one way per
 * argument, to check that the kernel ends only them and reports it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int depth(int n) {
    volatile char pad[256];
    pad[0] = (char)n;
    return depth(n + 1) + pad[0];
}

int main(int argc, char **argv) {
    const char *how = argc > 1 ? argv[1] : "";
    printf("misbehaving: %s\n", how);
    fflush(stdout);
    if (strcmp(how, "unreachable") == 0) __builtin_trap();
    if (strcmp(how, "out-of-bounds") == 0) {
        volatile int *p = (int *)0x7ffffff0;
        for (int i = 0; i < 64; i++) p += 0x1000000;
        return *p;
    }
    if (strcmp(how, "stack") == 0) return depth(0);
    if (strcmp(how, "spin") == 0) {
        volatile unsigned long n = 0;
        for (;;) n++;
    }
    if (strcmp(how, "memory") == 0) {
        /* Grows until malloc fails, then reports: memory.grow failing is not a crash.
         * The block goes through a volatile pointer: otherwise the compiler may
         * drop an allocation nobody reads and assume malloc never fails. */
        unsigned long total = 0;
        for (;;) {
            void *volatile block = malloc(16 << 20);
            if (!block) break;
            memset(block, 1, 16 << 20);
            total += 16;
        }
        printf("malloc failed after %lu MiB\n", total);
        return 0;
    }
    if (strcmp(how, "exit") == 0) exit(42);
    fprintf(stderr, "usage: kernel_misbehave unreachable|out-of-bounds|stack|spin|memory|exit\n");
    return 2;
}
