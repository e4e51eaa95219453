/* bocal-call.c: the helpers every wrapper uses to make one extension call
 * and turn its errno into POSIX's -1/errno convention. */
#ifdef __wasi__
#include "bocal.h"

int64_t __bocal_call_io(int number, const int64_t args[8], const void *input, size_t input_len,
                        void *output, size_t output_capacity, int64_t *results,
                        uint32_t *output_len) {
    int64_t own[4] = {0, 0, 0, 0};
    int64_t *out = results ? results : own;
    int32_t error = __bocal_v1_syscall(number, args, input, (uint32_t)input_len, output,
                                       (uint32_t)output_capacity, out, output_len);
    if (error != 0) {
        errno = error;
        return -1;
    }
    return out[0];
}

int64_t __bocal_call(int number, int64_t a0, int64_t a1, int64_t a2, int64_t a3,
                     int64_t *results) {
    int64_t args[8] = {a0, a1, a2, a3, 0, 0, 0, 0};
    return __bocal_call_io(number, args, 0, 0, 0, 0, results, 0);
}
#endif
