/* sh-jobs.c: jobs (XCU 2.11 and the jobs/fg/bg builtins' model). Every
 * pipeline the shell starts is a job: its processes, their wait statuses
 * and its command text. A foreground job is waited for at once; a
 * background one (&) stays in the table until it ends and is reported.
 *
 * With job control (set -m, on in an interactive shell on a terminal) each
 * job is its own process group, given the terminal while in the
 * foreground; ^Z stops it, the shell takes the terminal back and keeps the
 * job as stopped, for fg or bg. Without it (scripts, as dash) jobs are
 * still tracked for wait, jobs and kill %N, in the shell's own group.
 *
 * There is no fork: a child cannot put itself in its group and take the
 * terminal before exec as a forked child would. posix_spawn puts it in its
 * group (POSIX_SPAWN_SETPGROUP), and the shell gives the group the terminal
 * just after. A program that read the terminal in between was stopped by
 * SIGTTIN: the shell sees that stop while waiting for its foreground job
 * and continues it, and its read then succeeds.
 *
 * Messages and the jobs listing follow dash: "[1] + Stopped", the status
 * column padded so that the command starts at column 33, "Done(3)", the
 * signal's description for a job killed by a signal. */
#define _GNU_SOURCE
#define _WASI_EMULATED_GETPID /* getpid is bocal.h's, over the extension */
#include "bocal.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh-jobs.h"
#include "sh.h"

static struct job **table;  /* by job number - 1; NULL: a free number */
static int table_size;
static struct job *recent;  /* most recent first: the current job (%+), then %- */
static int ttyfd = -1;
static long shell_pgrp, original_pgrp;
/* The group being started: -1 none (the shell's own), 0 a new one, else its id. */
static long starting_pgrp = -1;

/* ---- descriptions ---------------------------------------------------------- */

/* glibc's strsignal texts, so that the native build and the wasm one print the same. */
static const char *const descriptions[32] = {
    "Unknown signal 0", "Hangup", "Interrupt", "Quit", "Illegal instruction",
    "Trace/breakpoint trap", "Aborted", "Bus error", "Floating point exception", "Killed",
    "User defined signal 1", "Segmentation fault", "User defined signal 2", "Broken pipe",
    "Alarm clock", "Terminated", "Stack fault", "Child exited", "Continued",
    "Stopped (signal)", "Stopped", "Stopped (tty input)", "Stopped (tty output)",
    "Urgent I/O condition", "CPU time limit exceeded", "File size limit exceeded",
    "Virtual timer expired", "Profiling timer expired", "Window changed", "I/O possible",
    "Power failure", "Bad system call",
};

const char *signal_description(int number) {
    return number > 0 && number < 32 ? descriptions[number] : "Unknown signal";
}

/* What a job's status column says (dash's sprint_status); with ONLY_SIGNAL,
 * nothing for an exit or SIGINT/SIGPIPE: what follows a foreground job. */
static int describe_status(char *out, size_t size, int status, int only_signal) {
    if (WIFEXITED(status)) {
        if (only_signal) return 0;
        int code = WEXITSTATUS(status);
        return code ? snprintf(out, size, "Done(%d)", code) : snprintf(out, size, "Done");
    }
    int number = WIFSTOPPED(status) ? WSTOPSIG(status) : WTERMSIG(status);
    if (only_signal && (number == SIGINT || number == SIGPIPE || WIFSTOPPED(status))) return 0;
    int n = snprintf(out, size, "%s", signal_description(number));
    if (!WIFSTOPPED(status) && WCOREDUMP(status))
        n += snprintf(out + n, size - (size_t)n, " (core dumped)");
    return n;
}

/* ---- the table ----------------------------------------------------------------- */

static void unlink_recent(struct job *j) {
    for (struct job **at = &recent; *at; at = &(*at)->prev)
        if (*at == j) {
            *at = j->prev;
            return;
        }
}

/* dash's set_curjob: a stopped job becomes the current one; a running one
 * goes after the stopped ones, so %+ stays the job ^Z last stopped. */
static void make_recent(struct job *j, int stopped) {
    unlink_recent(j);
    struct job **at = &recent;
    if (!stopped)
        while (*at && (*at)->state == JOB_STOPPED) at = &(*at)->prev;
    j->prev = *at;
    *at = j;
}

struct job *job_new(const char *command) {
    struct job *j = calloc(1, sizeof *j);
    if (!j) abort();
    /* The text without its surrounding blanks and a final & or ;. */
    while (*command == ' ' || *command == '\t' || *command == '\n') command++;
    size_t len = strlen(command);
    while (len && strchr(" \t\n;&", command[len - 1])) len--;
    j->command = sh_strndup(command, len);
    j->pgid = 0;
    return j;
}

void job_add_process(struct job *j, long pid, const char *text) {
    j->procs = sh_realloc(j->procs, sizeof *j->procs * (size_t)(j->nprocs + 1));
    struct job *trimmed = job_new(text ? text : "");
    j->procs[j->nprocs++] = (struct job_process){pid, 0, pid < 0 ? PROC_DONE : PROC_RUNNING,
                                                 trimmed->command};
    trimmed->command = NULL;
    job_free(trimmed);
    if (pid < 0) return;
    if (sh.monitor && !j->pgid) j->pgid = pid;
    if (sh.monitor) setpgid((pid_t)pid, (pid_t)j->pgid); /* may fail once it ran exec: fine */
}

static void job_register(struct job *j) {
    if (j->number) return;
    int number = 0;
    while (number < table_size && table[number]) number++;
    if (number == table_size) {
        table = sh_realloc(table, sizeof *table * (size_t)(table_size + 1));
        table[table_size++] = NULL;
    }
    table[number] = j;
    j->number = number + 1;
}

void job_free(struct job *j) {
    if (!j) return;
    if (j->number) table[j->number - 1] = NULL;
    unlink_recent(j);
    for (int k = 0; k < j->nprocs; k++) free(j->procs[k].text);
    free(j->procs);
    free(j->command);
    free(j);
}

struct job *job_by_number(int number) {
    return number >= 1 && number <= table_size ? table[number - 1] : NULL;
}

struct job *job_current(int which) {
    struct job *j = recent;
    if (which == '-' && j) j = j->prev;
    return j;
}

struct job *job_with_pid(long pid) {
    for (int i = 0; i < table_size; i++)
        if (table[i])
            for (int k = 0; k < table[i]->nprocs; k++)
                if (table[i]->procs[k].pid == pid) return table[i];
    return NULL;
}

struct job *job_find(const char *spec, int *ambiguous) {
    *ambiguous = 0;
    if (spec[0] != '%') return NULL;
    const char *s = spec + 1;
    if (!*s || strcmp(s, "%") == 0 || strcmp(s, "+") == 0) return job_current('+');
    if (strcmp(s, "-") == 0) return job_current('-');
    char *end;
    long number = strtol(s, &end, 10);
    if (*s >= '0' && *s <= '9') return *end ? NULL : job_by_number((int)number);
    int contains = *s == '?';
    if (contains) s++;
    struct job *found = NULL;
    for (int i = 0; i < table_size; i++) {
        struct job *j = table[i];
        if (!j) continue;
        int match = contains ? strstr(j->command, s) != NULL
                             : strncmp(j->command, s, strlen(s)) == 0;
        if (!match) continue;
        if (found) *ambiguous = 1;
        found = j;
    }
    return *ambiguous ? NULL : found;
}

/* ---- states --------------------------------------------------------------------- */

static void update_state(struct job *j) {
    int running = 0, stopped = 0;
    for (int k = 0; k < j->nprocs; k++) {
        if (j->procs[k].state == PROC_RUNNING) running = 1;
        if (j->procs[k].state == PROC_STOPPED) stopped = 1;
    }
    j->state = running ? JOB_RUNNING : stopped ? JOB_STOPPED : JOB_DONE;
}

static void record(struct job_process *p, int status) {
    p->status = status;
    if (WIFSTOPPED(status)) p->state = PROC_STOPPED;
    else if (WIFCONTINUED(status)) p->state = PROC_RUNNING;
    else p->state = PROC_DONE;
}

/* Collects what changed in J's processes; BLOCK waits for each running one. */
static void poll_job(struct job *j, int block) {
    for (int k = 0; k < j->nprocs; k++) {
        struct job_process *p = &j->procs[k];
        for (;;) {
            if (p->state == PROC_DONE || (p->state == PROC_STOPPED && block)) break;
            int status;
            int options = (sh.monitor ? WUNTRACED : 0) | (block ? 0 : WNOHANG | WCONTINUED);
            pid_t got = waitpid((pid_t)p->pid, &status, options);
            if (got < 0 && errno == EINTR) {
                if (block && sh.interrupt_wait) return;
                continue;
            }
            if (got < 0) {
                p->state = PROC_DONE; /* not our child any more */
                break;
            }
            if (got == 0) break;
            if (block && j->foreground && WIFSTOPPED(status) &&
                (WSTOPSIG(status) == SIGTTIN || WSTOPSIG(status) == SIGTTOU)) {
                /* It touched the terminal before we gave it: it has it now. */
                kill(-(pid_t)j->pgid, SIGCONT);
                continue;
            }
            record(p, status);
            if (!block) break;
            if (p->state == PROC_STOPPED) break;
        }
    }
    int before = j->state;
    update_state(j);
    if (j->state != before) j->changed = 1;
}

/* The status $? gets from a job: its last process's, or with pipefail the
 * last one that failed; a stopped job's is 128 + the stopping signal. */
int job_status(struct job *j) {
    int result = 0, failed = 0;
    for (int k = 0; k < j->nprocs; k++) {
        int s = j->procs[k].status, value;
        if (j->procs[k].pid < 0) value = 127;
        else if (WIFSTOPPED(s)) value = 128 + WSTOPSIG(s);
        else if (WIFSIGNALED(s)) value = 128 + WTERMSIG(s);
        else value = WEXITSTATUS(s);
        result = value;
        if (value) failed = value;
    }
    if (j->state == JOB_STOPPED)
        for (int k = 0; k < j->nprocs; k++)
            if (j->procs[k].state == PROC_STOPPED) return 128 + WSTOPSIG(j->procs[k].status);
    return sh.pipefail && !result ? failed : result;
}

/* ---- reporting ------------------------------------------------------------------ */

static int last_status_word(struct job *j) {
    if (j->state == JOB_STOPPED)
        for (int k = 0; k < j->nprocs; k++)
            if (j->procs[k].state == PROC_STOPPED) return j->procs[k].status;
    return j->nprocs ? j->procs[j->nprocs - 1].status : 0;
}

void job_print(FILE *out, struct job *j, int mode) {
    if (mode == JOB_PRINT_PGID) {
        fprintf(out, "%ld\n", j->pgid ? j->pgid : j->procs[0].pid);
        return;
    }
    char line[128];
    char mark = j == recent ? '+' : (recent && j == recent->prev) ? '-' : ' ';
    int col = snprintf(line, sizeof line, "[%d] %c ", j->number, mark);
    int indent = col;
    if (mode == JOB_PRINT_LONG) col += snprintf(line + col, sizeof line - (size_t)col, "%ld ", j->procs[0].pid);
    if (j->state == JOB_RUNNING) col += snprintf(line + col, sizeof line - (size_t)col, "Running");
    else col += describe_status(line + col, sizeof line - (size_t)col, last_status_word(j), 0);
    if (mode != JOB_PRINT_LONG) {
        fprintf(out, "%s%*c%s\n", line, 33 - col > 0 ? 33 - col : 1, ' ', j->command);
        return;
    }
    /* -l: one line per process, each with its own command (dash's layout). */
    for (int k = 0; k < j->nprocs; k++) {
        if (k > 0) col = snprintf(line, sizeof line, "%*c%ld ", indent, ' ', j->procs[k].pid);
        const char *text = j->procs[k].text;
        fprintf(out, "%s%*c%s%s\n", line, 33 - col > 0 ? 33 - col : 1, ' ', text,
                k + 1 < j->nprocs ? " |" : "");
    }
}

static void notify_one(struct job *j) {
    if (!j->changed) return;
    j->changed = 0;
    if (j->state == JOB_RUNNING) return;
    if (sh.interactive) {
        fflush(stdout);
        job_print(stderr, j, JOB_PRINT_NORMAL);
    }
    if (j->state == JOB_DONE) job_free(j);
}

/* Reports the jobs that changed, most recent first as dash's showjobs: a
 * finished job is forgotten as soon as it is shown, so the next one may
 * become the current job (+). */
void jobs_notify(void) {
    jobs_poll();
    int count = 0;
    for (struct job *j = recent; j; j = j->prev) count++;
    struct job **list = sh_malloc(sizeof *list * (size_t)(count + 1));
    int n = 0;
    for (struct job *j = recent; j; j = j->prev) list[n++] = j;
    for (int i = 0; i < n; i++) notify_one(list[i]);
    free(list);
    for (int i = 0; i < table_size; i++)
        if (table[i]) notify_one(table[i]);
}

void jobs_poll(void) {
    for (int i = 0; i < table_size; i++)
        if (table[i]) poll_job(table[i], 0);
}

/* ---- starting and waiting ------------------------------------------------------- */

static void give_terminal(long pgrp) {
    if (ttyfd >= 0 && pgrp > 0) tcsetpgrp(ttyfd, (pid_t)pgrp);
}

static void send_continue(struct job *j);

void job_starting(struct job *j) {
    starting_pgrp = sh.monitor ? j->pgid : -1;
}

void job_started(void) { starting_pgrp = -1; }

posix_spawnattr_t *job_spawn_attr(posix_spawnattr_t *attr) {
    if (starting_pgrp < 0 && !sh.monitor) return NULL;
    posix_spawnattr_init(attr);
    short flags = POSIX_SPAWN_SETSIGDEF;
    sigset_t defaults;
    sigemptyset(&defaults);
    /* The shell ignores these for itself; its programs get them back. */
    sigaddset(&defaults, SIGTSTP);
    sigaddset(&defaults, SIGTTIN);
    sigaddset(&defaults, SIGTTOU);
    posix_spawnattr_setsigdefault(attr, &defaults);
    if (starting_pgrp >= 0) {
        flags |= POSIX_SPAWN_SETPGROUP;
        posix_spawnattr_setpgroup(attr, (pid_t)starting_pgrp);
    }
    posix_spawnattr_setflags(attr, flags);
    return attr;
}

/* After the job's first process started: the group exists, so it can get
 * the terminal before the others start. */
void job_first_started(struct job *j) {
    if (sh.monitor) {
        starting_pgrp = j->pgid;
        if (j->foreground) give_terminal(j->pgid);
    }
}

static int job_wait_resumed(struct job *j, int resume) {
    j->foreground = 1;
    if (sh.monitor) give_terminal(j->pgid);
    if (resume) send_continue(j);
    poll_job(j, 1);
    j->foreground = 0;
    if (sh.monitor) give_terminal(shell_pgrp);
    int status = job_status(j);
    if (j->state == JOB_STOPPED) {
        job_register(j);
        make_recent(j, 1);
        j->changed = 0;
        fflush(stdout);
        job_print(stderr, j, JOB_PRINT_NORMAL);
        return status;
    }
    if (j->state == JOB_RUNNING) return status; /* interrupted by a trapped signal */
    int last = last_status_word(j);
    char text[64];
    int n = describe_status(text, sizeof text, last, 1);
    if (n && sh.interactive) fprintf(stderr, "%s\n", text);
    if (sh.monitor && sh.interactive && WIFSIGNALED(last) && WTERMSIG(last) == SIGINT) {
        /* The ^C went to the job's group, not ours: end the command line as
         * if we had got it, as dash does. */
        fputc('\n', stderr);
        sh.interrupted = 1;
    }
    job_free(j);
    return status;
}

int job_wait(struct job *j) { return job_wait_resumed(j, 0); }

void job_background(struct job *j) {
    job_register(j);
    make_recent(j, 0);
    if (sh.interactive && sh.monitor) {
        fflush(stdout);
        fprintf(stderr, "[%d] %ld\n", j->number, j->procs[j->nprocs - 1].pid);
    }
}

static void send_continue(struct job *j) {
    if (j->pgid) kill(-(pid_t)j->pgid, SIGCONT);
    else
        for (int k = 0; k < j->nprocs; k++) kill((pid_t)j->procs[k].pid, SIGCONT);
}

int job_continue(struct job *j, int foreground) {
    for (int k = 0; k < j->nprocs; k++)
        if (j->procs[k].state == PROC_STOPPED) j->procs[k].state = PROC_RUNNING;
    update_state(j);
    j->changed = 0;
    if (foreground) {
        /* It keeps its number, should it stop again; it is no longer %+. */
        unlink_recent(j);
        return job_wait_resumed(j, 1);
    }
    make_recent(j, 0);
    send_continue(j);
    return 0;
}

int job_wait_background(struct job *j, int report) {
    poll_job(j, 1);
    if (j->state == JOB_RUNNING) return 128 + SIGINT; /* interrupted */
    int status = job_status(j);
    if (j->state == JOB_DONE && sh.interactive && report) {
        /* What dash says after a foreground job too: "Terminated". */
        char text[64];
        if (describe_status(text, sizeof text, last_status_word(j), 1)) {
            fflush(stdout);
            fprintf(stderr, "%s\n", text);
        }
    }
    /* dash keeps it for one more report in an interactive shell (jobs, or
     * the notice before the prompt); a script's is gone. */
    if (j->state == JOB_DONE && sh.interactive) j->changed = 1;
    else if (j->state == JOB_DONE) job_free(j);
    return status;
}

int jobs_each(int (*fn)(struct job *)) {
    int result = 0;
    for (int i = 0; i < table_size; i++)
        if (table[i] && fn(table[i])) result = 1;
    return result;
}

struct job *jobs_recent(void) { return recent; }

/* ---- job control on and off ---------------------------------------------------- */

static void set_stop_signals(void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTSTP, &action, NULL);
    sigaction(SIGTTIN, &action, NULL);
    sigaction(SIGTTOU, &action, NULL);
}

int job_control(int on) {
    if (on == (ttyfd >= 0)) return 0;
    if (!on) {
        give_terminal(original_pgrp);
        if (original_pgrp != shell_pgrp) setpgid(0, (pid_t)original_pgrp);
        close(ttyfd);
        ttyfd = -1;
        set_stop_signals(SIG_DFL);
        return 0;
    }
    int fd = isatty(2) ? 2 : isatty(0) ? 0 : -1;
    if (fd >= 0) fd = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    if (fd < 0) return -1;
    /* Wait to be in the foreground, as dash: started in the background, we
     * stop. With SIGTTIN ignored that would never end: give up instead. */
    for (int tries = 0;; tries++) {
        pid_t owner = tcgetpgrp(fd);
        if (owner < 0 || tries == 100) {
            close(fd);
            return -1;
        }
        if (owner == getpgrp()) break;
        kill(0, SIGTTIN);
    }
    original_pgrp = getpgrp();
    set_stop_signals(SIG_IGN);
    shell_pgrp = getpid();
    if (setpgid(0, 0) < 0) shell_pgrp = getpgrp(); /* a session leader already leads its group */
    ttyfd = fd;
    give_terminal(shell_pgrp);
    return 0;
}

void job_control_end(void) {
    if (ttyfd >= 0) job_control(0);
}
