/* cgroup_report: a program that tries to make the worker's own memory
 * report (bocal_v1 syscall 240) to pass for smaller than it is. The
 * worker refuses it with ENOSYS before the kernel sees it; the program
 * prints the errno it got. Natively there is no such call: it says so. */
#include <stdint.h>
#include <stdio.h>
#ifdef __wasi__
#include "bocal.h"
#endif

int main(void) {
#ifdef __wasi__
    int64_t args[8] = {0};
    int32_t error = __bocal_v1_syscall(240, args, NULL, 0, NULL, 0, NULL, NULL);
    printf("memory_report from the program: errno %d\n", (int)error);
#else
    printf("memory_report from the program: no such call on Linux\n");
#endif
    return 0;
}
