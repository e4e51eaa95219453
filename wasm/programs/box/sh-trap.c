/* sh-trap.c: the trap builtin (XCU 2.14 trap). A trapped signal's handler
 * only marks it pending; the action runs between commands (trap_run_pending,
 * called by run_node), as the standard allows, so an action never runs in
 * the middle of the shell's own bookkeeping. The EXIT action runs once when
 * the shell ends (trap_run_exit). Traps are not passed to subshells: they
 * start with the defaults, except that ignored signals stay ignored, which
 * the spawned process inherits from this one. */
#define _GNU_SOURCE
#include "bocal.h"
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sh.h"

#define TRAP_SIGNALS 32

static const char *const signal_names[TRAP_SIGNALS] = {
    "EXIT", "HUP",  "INT",  "QUIT", "ILL",    "TRAP", "ABRT",  "BUS",  "FPE",  "KILL", "USR1",
    "SEGV", "USR2", "PIPE", "ALRM", "TERM",   "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
    "TTOU", "URG",  "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO",   "PWR",  "SYS",
};

static char *actions[TRAP_SIGNALS];          /* NULL: default; "": ignored */
static volatile sig_atomic_t pending[TRAP_SIGNALS];
static volatile sig_atomic_t any_pending;
static int running_trap;

const char *signal_name(int number) {
    return number >= 0 && number < TRAP_SIGNALS ? signal_names[number] : NULL;
}

/* A signal by name (with or without SIG, any case) or number; -1 if none. */
int signal_number(const char *text) {
    if (isdigit((unsigned char)*text)) {
        char *end;
        long n = strtol(text, &end, 10);
        return *end || n >= TRAP_SIGNALS ? -1 : (int)n;
    }
    if (strncasecmp(text, "SIG", 3) == 0) text += 3;
    for (int i = 0; i < TRAP_SIGNALS; i++)
        if (strcasecmp(text, signal_names[i]) == 0) return i;
    return -1;
}

static void on_trapped(int number) {
    pending[number] = 1;
    any_pending = 1;
}

/* An interactive shell survives ^C and ^\ at its prompt (sh-main.c). */
static void on_ignored_interrupt(int number) { (void)number; }

static void install(int number) {
    if (number == 0) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    if (actions[number]) action.sa_handler = *actions[number] ? on_trapped : SIG_IGN;
    else if (sh.interactive && (number == SIGINT || number == SIGQUIT))
        action.sa_handler = on_ignored_interrupt;
    else action.sa_handler = SIG_DFL;
    sigaction(number, &action, NULL);
}

static void set_action(int number, const char *action) {
    free(actions[number]);
    actions[number] = action ? sh_strdup(action) : NULL;
    install(number);
}

static void quote(const char *s) {
    putchar('\'');
    for (; *s; s++)
        if (*s == '\'') fputs("'\"'\"'", stdout); /* dash's way */
        else putchar(*s);
    putchar('\'');
}

static void print_traps(void) {
    for (int i = 0; i < TRAP_SIGNALS; i++) {
        if (!actions[i]) continue;
        fputs("trap -- ", stdout);
        quote(actions[i]);
        printf(" %s\n", signal_names[i]);
    }
}

/* trap [-p] | trap [ACTION] CONDITION... (ACTION - resets, '' ignores; a
 * first operand that is a number makes every operand a condition to reset). */
int bi_trap(int argc, char **argv) {
    int i = 1;
    if (i < argc && strcmp(argv[i], "--") == 0) i++;
    if (i == argc || (i == argc - 1 && strcmp(argv[i], "-p") == 0)) {
        print_traps();
        return 0;
    }
    const char *action = argv[i];
    if (isdigit((unsigned char)*action)) action = NULL;
    else i++;
    if (action && strcmp(action, "-") == 0) action = NULL;
    int status = 0;
    for (; i < argc; i++) {
        int number = signal_number(argv[i]);
        if (number < 0 || number == SIGKILL || number == SIGSTOP) {
            if (number < 0) {
                fflush(stdout);
                fprintf(stderr, "trap: %s: bad trap\n", argv[i]);
                status = 1;
            }
            continue;
        }
        set_action(number, action);
    }
    return status;
}

static void run_action(int number) {
    int saved_status = sh.status;
    running_trap = 1;
    char *text = sh_strdup(actions[number]);
    run_text(text, 1);
    free(text);
    running_trap = 0;
    /* An action's exit ends the shell with its status; otherwise $? is kept. */
    if (!sh.exiting) sh.status = saved_status;
}

int trap_pending(void) { return any_pending && !running_trap; }

void trap_run_pending(void) {
    if (!any_pending || running_trap) return;
    any_pending = 0;
    for (int i = 1; i < TRAP_SIGNALS && !sh.exiting; i++) {
        if (!pending[i]) continue;
        pending[i] = 0;
        if (actions[i] && *actions[i]) run_action(i);
    }
}

void trap_run_exit(void) {
    if (!actions[0] || running_trap) return;
    char *text = actions[0];
    actions[0] = NULL;
    int status = sh.status;
    sh.exiting = 0;
    sh.returning = 0;
    running_trap = 1;
    run_text(text, 1);
    free(text);
    /* `exit N` inside the EXIT action sets the status; else the shell's stays. */
    if (!sh.exiting) sh.status = status;
    sh.exiting = 1;
}
