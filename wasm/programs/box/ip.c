/* ip: shows and changes the network namespace's configuration, as
 * iproute2's ip(8) for the objects bocal has: `ip [-4|-6] [-o] [-br]
 * {addr|link|route} ...`. Messages and exit codes are iproute2's: 1 for
 * an unknown object or device, 255 for a bad option or garbage, 2 when
 * the kernel refuses a change. */
#include <stdio.h>
#include <string.h>

#include "applets.h"
#include "ip.h"

static int usage(void) {
    fputs("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
          "where  OBJECT := { address | link | route }\n"
          "       OPTIONS := { -4 | -6 | -o[neline] | -br[ief] }\n",
          stderr);
    return 255;
}

int ip_main(int argc, char **argv) {
    struct ip_options options = {0, 0, 0};
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *option = argv[i] + 1;
        if (option[0] == '-') option++; /* iproute2 takes --oneline as -oneline */
        if (strcmp(option, "4") == 0) options.family = 4;
        else if (strcmp(option, "6") == 0) options.family = 6;
        else if (ip_matches(option, "oneline")) options.oneline = 1;
        else if (strlen(option) >= 2 && ip_matches(option, "brief")) options.brief = 1;
        else if (ip_matches(option, "help")) return usage();
        else {
            fprintf(stderr, "Option \"%s\" is unknown, try \"ip -help\".\n", argv[i]);
            return 255;
        }
    }
    if (i >= argc) return usage();
    const char *object = argv[i];
    if (ip_matches(object, "address")) return ip_addr_command(&options, argc - i - 1, argv + i + 1);
    if (ip_matches(object, "link")) return ip_link_command(&options, argc - i - 1, argv + i + 1);
    if (ip_matches(object, "route")) return ip_route_command(&options, argc - i - 1, argv + i + 1);
    if (ip_matches(object, "help")) return usage();
    fprintf(stderr, "Object \"%s\" is unknown, try \"ip help\".\n", object);
    return 1;
}
