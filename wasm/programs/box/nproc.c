/* nproc.c: nproc [--all] [--ignore=N]: the number of processing units
 * available, as GNU coreutils: OMP_NUM_THREADS and OMP_THREAD_LIMIT bound
 * it unless --all, and --ignore takes N off (never below 1). On WASI the
 * processors are the "processor" lines of /proc/cpuinfo, what the kernel
 * tells of the machine; natively they are sysconf's. */
#include "bocal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "applets.h"
#include "util.h"

enum { OPT_ALL = 256, OPT_IGNORE };

static unsigned long processors(void) {
#ifdef __wasi__
    FILE *file = fopen("/proc/cpuinfo", "r");
    unsigned long count = 0;
    char line[256];
    if (!file) return 1;
    while (fgets(line, sizeof line, file))
        if (strncmp(line, "processor", 9) == 0) count++;
    fclose(file);
    return count ? count : 1;
#else
    long count = sysconf(_SC_NPROCESSORS_ONLN);
    return count > 0 ? (unsigned long)count : 1;
#endif
}

/* A positive number from the environment variable `name`, or 0. */
static unsigned long from_environment(const char *name) {
    const char *text = getenv(name);
    char *end;
    if (!text) return 0;
    while (*text == ' ' || *text == '\t') text++;
    unsigned long value = strtoul(text, &end, 10);
    while (*end == ' ' || *end == '\t') end++;
    /* OMP_NUM_THREADS may be a list; its first element counts. */
    if (end == text || (*end && *end != ',')) return 0;
    return value;
}

int nproc_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"all", OPT_ALL, 0}, {"ignore", OPT_IGNORE, 1}, {NULL, 0, 0}};
    struct option_parser parser;
    int all = 0, key;
    unsigned long ignore = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ALL: all = 1; break;
        case OPT_IGNORE: {
            char *end;
            const char *text = parser.arg;
            if (*text < '0' || *text > '9' || (ignore = strtoul(text, &end, 10), *end)) {
                warnx_("invalid number: %s", quote(text));
                return 1;
            }
            break;
        }
        case OPT_HELP:
            return print_help("[OPTION]...",
                              "Print the number of processing units available to the current "
                              "process,\nwhich may be less than the number of online "
                              "processors.\n\n"
                              "      --all       print the number of installed processors\n"
                              "      --ignore=N  if possible, exclude N processing units\n"
                              "      --help      display this help and exit\n");
        default: return 1;
        }
    }
    if (parser.operand_count > 0) {
        warnx_("extra operand %s", quote(parser.operands[0]));
        return try_help();
    }
    unsigned long count = processors();
    if (!all) {
        unsigned long threads = from_environment("OMP_NUM_THREADS");
        unsigned long limit = from_environment("OMP_THREAD_LIMIT");
        if (threads) count = threads;
        if (limit && count > limit) count = limit;
    }
    count = ignore < count ? count - ignore : 1;
    printf("%lu\n", count);
    return 0;
}
