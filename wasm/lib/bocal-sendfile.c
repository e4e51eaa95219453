/* bocal-sendfile.c: sendfile(2) over the extension's sendfile call. */
#ifdef __wasi__
#include "bocal-sendfile.h"
#include "bocal.h"

ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count) {
    int64_t args[8] = {out_fd, in_fd, offset != 0, offset ? *offset : 0, (int64_t)count, 0, 0, 0};
    int64_t results[4] = {0, 0, 0, 0};
    int64_t copied = __bocal_call_io(BOCAL_SENDFILE, args, 0, 0, 0, 0, results, 0);
    if (copied < 0) return -1;
    if (offset) *offset = (off_t)results[1];
    return (ssize_t)copied;
}
#endif
