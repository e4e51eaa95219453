/* box.c: the multi-call binary's entry point. Like BusyBox, one program has
 * many names: it runs the applet named by basename(argv[0]) (a link or copy
 * called `cat` runs cat), or `box APPLET ARGS...`; `box --list` lists the
 * applets. Including bocal.h links the extension's C library on WASI. */
#include "bocal.h"

#include <stdio.h>
#include <string.h>

#include "applets.h"
#include "util.h"

static const char *last_component(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* LOGIN: argv[0] was "-NAME", which the applet sees as such (sh's login shell). */
static int run(const struct applet *applet, int argc, char **argv, int login) {
    static char dashed[64];
    applet_name = applet->name;
    argv[0] = (char *)applet->name;
    if (login && strlen(applet->name) + 2 <= sizeof dashed) {
        dashed[0] = '-';
        strcpy(dashed + 1, applet->name);
        argv[0] = dashed;
    }
    int status = applet->main(argc, argv);
    if (fflush(stdout) != 0 && status == 0) {
        warn_errno(errno, "write error");
        status = 1;
    }
    return status;
}

static int box_usage(void) {
    fputs("Usage: box APPLET [ARGUMENT]...\n"
          "   or: APPLET [ARGUMENT]...   (box linked or copied under the applet's name)\n"
          "   or: box --list\n"
          "Runs one of the applets below.\n\n",
          stdout);
    for (const struct applet *applet = applets; applet->name; applet++)
        printf("%s%s", applet->name, applet[1].name ? " " : "\n");
    return 0;
}

int main(int argc, char **argv) {
    const char *name = last_component(argc > 0 ? argv[0] : "box");
    /* A login shell's argv[0] is "-sh" (login(1), unshare and nsenter with no command). */
    int login = name[0] == '-';
    if (login) name++;
    const struct applet *applet = find_applet(name);
    if (applet) return run(applet, argc, argv, login);
    if (argc < 2) return box_usage(), 1;
    if (strcmp(argv[1], "--list") == 0) {
        for (const struct applet *a = applets; a->name; a++) puts(a->name);
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0) return box_usage();
    applet = find_applet(last_component(argv[1]));
    if (!applet) {
        fprintf(stderr, "box: applet not found: %s\n", argv[1]);
        return 127;
    }
    return run(applet, argc - 1, argv + 1, 0);
}
