/* cgroup_hog: a memory hog for the cgroup memory controller's tests.
 * `cgroup_hog MIB` allocates MIB mebibytes one at a time and touches every
 * byte, then prints what it got and exits 0. Under a memory.max smaller
 * than that, Linux's OOM killer ends it with SIGKILL before it prints
 * (status 137 in a shell); so does bocal's. If an allocation fails it says
 * so and exits 1: that would mean the limit failed allocations instead of
 * killing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: cgroup_hog MIB\n");
        return 2;
    }
    long mib = strtol(argv[1], NULL, 10);
    if (mib < 0 || mib > 4096) mib = 4096;
    /* Kept and read back, so the compiler cannot drop the allocations. */
    static char *chunks[4096];
    unsigned long sum = 0;
    for (long i = 0; i < mib; i++) {
        chunks[i] = malloc(1 << 20);
        if (!chunks[i]) {
            fprintf(stderr, "cgroup_hog: out of memory after %ld MiB\n", i);
            return 1;
        }
        memset(chunks[i], (int)(i & 0x7f) + 1, 1 << 20);
    }
    for (long i = 0; i < mib; i++) sum += (unsigned char)chunks[i][i % (1 << 20)];
    printf("cgroup_hog: allocated %ld MiB (check %lu)\n", mib, sum);
    return 0;
}
