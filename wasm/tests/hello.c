/* hello: the smallest proof that the C pipeline works end to end.
 * Prints its arguments and one environment variable, then exits with
 * the number of arguments it was given, so a test can check all three. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    printf("hello from %s\n", argc > 0 ? "C" : "nowhere");
    for (int i = 1; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
    const char *who = getenv("WHO");
    if (who) printf("WHO=%s\n", who);
    return argc - 1;
}
