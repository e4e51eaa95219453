/* ipc.c: the System V IPC objects the process's IPC namespace holds, from
 * /proc/sysvipc/{msg,sem,shm} (proc(5)): key and id of each, after the
 * header line. A kind whose file is missing is null. */
#include "json.h"
#include "probe.h"

#include <stdlib.h>
#include <string.h>

static void objects(const char *kind) {
    char path[32] = "/proc/sysvipc/";
    strcat(path, kind);
    char *text = read_text(path);
    json_key(kind);
    if (!text) return json_null();
    json_begin_array();
    char *save = NULL;
    char *line = strtok_r(text, "\n", &save); /* the header */
    while ((line = strtok_r(NULL, "\n", &save))) {
        char *end;
        long long key = strtoll(line, &end, 10);
        if (end == line) continue;
        long long id = strtoll(end, NULL, 10);
        json_begin_object();
        json_member_number("key", key);
        json_member_number("id", id);
        json_end_object();
    }
    json_end_array();
    free(text);
}

void probe_ipc(void) {
    json_key("ipc");
    json_begin_object();
    objects("msg");
    objects("sem");
    objects("shm");
    json_end_object();
}
