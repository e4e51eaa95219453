/* true.c: true and false. Like GNU's, they ignore their arguments except a
 * lone --help (false then still exits 1, as GNU's false does). */
#include <string.h>

#include "applets.h"
#include "util.h"

static int constant(int argc, char **argv, int status) {
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        print_help("[ignored command line arguments]",
                   status ? "Exit with a status code indicating failure.\n"
                          : "Exit with a status code indicating success.\n");
    }
    return status;
}

int true_main(int argc, char **argv) { return constant(argc, argv, 0); }

int false_main(int argc, char **argv) { return constant(argc, argv, 1); }
