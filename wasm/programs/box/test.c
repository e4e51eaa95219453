/* test.c: the test and [ applets. They are the shell's own test builtin
 * (sh-test.c: XCU test's primaries, !, -a, -o and parentheses), so both
 * agree on every expression; a syntax error prints `test: MESSAGE` in the
 * shell's (dash's) wording and gives status 2. `[ --help` prints help, as
 * coreutils' [ does; test takes no options at all. */
#include <stdio.h>
#include <string.h>

#include "applets.h"
#include "sh.h"
#include "util.h"

int test_main(int argc, char **argv) {
    if (strcmp(argv[0], "[") == 0 && argc == 2 && strcmp(argv[1], "--help") == 0) {
        printf("Usage: test EXPRESSION\n  or:  test\n  or:  [ EXPRESSION ]\n  or:  [ ]\n"
               "Exit with the status determined by EXPRESSION.\n");
        return 0;
    }
    return builtin_test(argc, argv);
}
