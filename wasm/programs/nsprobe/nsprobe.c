/* nsprobe: prints, as one JSON object on one line, what the calling process
 * can see of its namespaces and cgroup: the isolation probe of
 * docs/isolation.md. The same source is built for WASI (run on bocal) and
 * natively (run in real Linux namespaces), and test/isolation compares the
 * two reports key by key. Every member is null when its source is missing.
 *
 * Usage: nsprobe [LABEL]   (LABEL, if given, is the report's "label", so a
 * scenario that probes several times can tell its reports apart). */
#include "json.h"
#include "probe.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc > 2 || (argc == 2 && strcmp(argv[1], "--help") == 0)) {
        fputs("Usage: nsprobe [LABEL]\n"
              "Prints what this process sees of its namespaces and cgroup, as JSON.\n",
              argc > 2 ? stderr : stdout);
        return argc > 2 ? 1 : 0;
    }
    json_begin_object();
    json_member_string("label", argc == 2 ? argv[1] : NULL);
    probe_process();
    probe_uts();
    probe_namespaces();
    probe_user();
    probe_mounts();
    probe_ipc();
    probe_net();
    probe_cgroup();
    json_end_object();
    putchar('\n');
    return fflush(stdout) == 0 ? 0 : 1;
}
