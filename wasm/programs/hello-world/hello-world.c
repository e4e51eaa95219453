/* hello-world: the program of bocal's hello-world image. It only prints
 * what the user just set in motion, so that the first `docker run` teaches
 * something. A plain WASI program: it runs on any WASI host. */
#include <stdio.h>

static const char message[] =
    "\n"
    "Hello from bocal!\n"
    "If you can read this, a container just ran in front of you.\n"
    "\n"
    "Here is what happened, step by step:\n"
    " 1. The docker command sent your request to the engine, as the real\n"
    "    docker client talks to dockerd.\n"
    " 2. The engine looked for the image \"hello-world\" in its local image\n"
    "    store. It ships with bocal, so no network was needed.\n"
    " 3. It stacked the image's layers into a root file system and made a\n"
    "    container: new namespaces (pid, mount, uts, ipc, net, user, cgroup)\n"
    "    around one new process.\n"
    " 4. bocal's kernel started this program, compiled to WebAssembly, as the\n"
    "    container's first process, and sent what it writes to your terminal.\n"
    "\n"
    "This program then exited, and with it the container.\n"
    "\n"
    "Something to try next, a shell in a container of its own:\n"
    " $ docker run -it box sh\n"
    "\n"
    "Inside, look around with ps, hostname, ls /proc or cat /etc/passwd, and\n"
    "compare with what the host shows.\n"
    "\n";

int main(void) {
    if (fputs(message, stdout) == EOF || fflush(stdout) == EOF) return 1;
    return 0;
}
