/* mounts.c: nsprobe's mount table, from /proc/self/mountinfo: mount point
 * and filesystem type of every mount, in the file's order (parents before
 * children, later mounts after earlier ones, as both kernels list them). */
#include "json.h"
#include "probe.h"

#include <stdlib.h>
#include <string.h>

void probe_mounts(void) {
    char *text = read_text("/proc/self/mountinfo");
    json_key("mounts");
    if (!text) return json_null();
    json_begin_array();
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        struct mount_line mount;
        if (parse_mount_line(line, &mount) < 0) continue;
        json_begin_object();
        json_member_string("mountpoint", mount.mountpoint);
        json_member_string("fstype", mount.fstype);
        json_end_object();
    }
    json_end_array();
    free(text);
}
