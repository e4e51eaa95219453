/* bocal-net.c: the network configuration calls of bocal-net.h. */
#ifdef __wasi__
#include "bocal-net.h"

#include <stdlib.h>
#include <string.h>

#include "bocal.h"

char *bocal_net_config(void) {
    size_t capacity = 4096;
    for (;;) {
        char *text = malloc(capacity + 1);
        if (!text) return NULL;
        int64_t args[8] = {(int64_t)capacity, 0, 0, 0, 0, 0, 0, 0};
        int64_t results[4] = {0, 0, 0, 0};
        uint32_t length = 0;
        if (__bocal_call_io(BOCAL_NET_CONFIG, args, 0, 0, text, capacity, results, &length) < 0) {
            free(text);
            return NULL;
        }
        /* The state may have grown between two calls: read again until it fits. */
        if ((size_t)results[1] <= capacity) {
            text[length] = '\0';
            return text;
        }
        free(text);
        capacity = (size_t)results[1] + 1024;
    }
}

int bocal_net_link_set(const char *name, unsigned mask, unsigned flags) {
    int64_t args[8] = {mask, flags, 0, 0, 0, 0, 0, 0};
    return (int)__bocal_call_io(BOCAL_NET_LINK_SET, args, name, strlen(name), 0, 0, 0, 0);
}
#endif
