/* sh-jobs-builtins.c: jobs [-l|-p] [JOB...], fg [JOB], bg [JOB...],
 * wait [JOB|PID...] and kill [-s SIG | -SIG] JOB|PID... / kill -l [STATUS]
 * (XCU 2.14 and its job control builtins). A JOB is %N, %% or %+ (the
 * current job), %- (the previous one), %STRING (the job whose command
 * starts with STRING) or %?STRING (contains it). Messages are dash's. */
#define _GNU_SOURCE
#include "bocal.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh-jobs.h"
#include "sh.h"

/* The job SPEC names, or NULL after reporting as NAME what dash reports:
 * "%sleep: ambiguous" when two jobs match, else "No such job: %sleep". */
static struct job *find_or_report(const char *name, const char *spec) {
    int ambiguous;
    struct job *j = job_find(spec, &ambiguous);
    if (!j && ambiguous) sh_error("%s: %s: ambiguous", name, spec);
    else if (!j) sh_error("%s: No such job: %s", name, spec);
    return j;
}

static int print_mode;

static int print_one(struct job *j) {
    job_print(stdout, j, print_mode);
    return 0;
}

/* Prints the jobs most recent first, as dash, and forgets those that ended. */
static void print_all(void) {
    jobs_poll();
    int count = 0;
    for (struct job *j = jobs_recent(); j; j = j->prev) count++;
    /* Jobs out of the recent list (none should be) are printed after. */
    struct job **list = sh_malloc(sizeof *list * (size_t)(count + 1));
    int n = 0;
    for (struct job *j = jobs_recent(); j; j = j->prev) list[n++] = j;
    /* A finished job is forgotten as soon as it is shown, as dash's showjob
     * does: the next one may become the current job (+). */
    for (int i = 0; i < n; i++) {
        print_one(list[i]);
        list[i]->changed = 0;
        if (list[i]->state == JOB_DONE) job_free(list[i]);
    }
    free(list);
}

int bi_jobs(int argc, char **argv) {
    int i = 1;
    print_mode = JOB_PRINT_NORMAL;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'l') print_mode = JOB_PRINT_LONG;
            else if (*o == 'p') print_mode = JOB_PRINT_PGID;
            else {
                sh_error("jobs: Illegal option -%c", *o);
                return 2;
            }
        }
    }
    if (i == argc) {
        print_all();
        return 0;
    }
    int status = 0;
    jobs_poll();
    for (; i < argc; i++) {
        struct job *j = find_or_report("jobs", argv[i]);
        if (!j) {
            status = 2;
            continue;
        }
        print_one(j);
        j->changed = 0;
        if (j->state == JOB_DONE) job_free(j);
    }
    return status;
}

/* The job fg or bg acts on: SPEC, or the current one. */
static struct job *target(const char *name, const char *spec) {
    if (spec) return find_or_report(name, spec);
    struct job *j = job_current('+');
    if (!j) sh_error("%s: No current job", name);
    return j;
}

int bi_fg(int argc, char **argv) {
    int i = argc > 1 && strcmp(argv[1], "--") == 0 ? 2 : 1;
    struct job *j = target("fg", i < argc ? argv[i] : NULL);
    if (!j) return 2;
    if (!j->pgid && sh.monitor == 0) {
        sh_error("fg: job %s not created under job control", i < argc ? argv[i] : "%+");
        return 2;
    }
    printf("%s\n", j->command);
    fflush(stdout);
    return job_continue(j, 1);
}

int bi_bg(int argc, char **argv) {
    int i = argc > 1 && strcmp(argv[1], "--") == 0 ? 2 : 1;
    int status = 0;
    do {
        struct job *j = target("bg", i < argc ? argv[i] : NULL);
        if (!j) {
            status = 2;
            continue;
        }
        if (!j->pgid) {
            sh_error("bg: job %s not created under job control", i < argc ? argv[i] : "%+");
            status = 2;
            continue;
        }
        printf("[%d] %s\n", j->number, j->command);
        fflush(stdout);
        job_continue(j, 0);
    } while (++i < argc);
    return status;
}

int bi_wait(int argc, char **argv) {
    int i = argc > 1 && strcmp(argv[1], "--") == 0 ? 2 : 1;
    sh.interrupt_wait = 1;
    int status = 0;
    if (i == argc) {
        /* Every job, stopped ones left as they are (their wait would not end). */
        struct job *j;
        while ((j = jobs_recent()) != NULL) {
            struct job *running = NULL;
            for (; j; j = j->prev)
                if (j->state == JOB_RUNNING) running = j;
            if (!running) break;
            status = job_wait_background(running, 0);
            if (status > 128 && running->state == JOB_RUNNING) break; /* a trap */
        }
        sh.interrupt_wait = 0;
        return status > 128 && jobs_recent() && jobs_recent()->state == JOB_RUNNING ? status : 0;
    }
    for (; i < argc; i++) {
        struct job *j;
        if (argv[i][0] == '%') {
            j = find_or_report("wait", argv[i]);
            if (!j) {
                status = 2;
                continue;
            }
        } else {
            char *end;
            long pid = strtol(argv[i], &end, 10);
            if (!*argv[i] || *end) {
                sh_error("wait: Illegal number: %s", argv[i]);
                status = 2;
                continue;
            }
            j = job_with_pid(pid);
            if (!j) {
                status = 127;
                continue;
            }
        }
        status = job_wait_background(j, 1);
    }
    sh.interrupt_wait = 0;
    return status;
}

/* ---- kill ------------------------------------------------------------------------ */

static void kill_usage(void) {
    sh_error("kill: Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\n"
             "kill -l [exitstatus]");
}

static int list_signals(int argc, char **argv, int i) {
    if (i == argc) {
        for (int n = 0; n < 32; n++) {
            const char *name = signal_name(n);
            if (n == 16) printf("16\n"); /* STKFLT: dash prints its number */
            else printf("%s\n", n == 0 ? "0" : name);
        }
        return 0;
    }
    int status = 0;
    for (; i < argc; i++) {
        char *end;
        long n = strtol(argv[i], &end, 10);
        if (*end || !*argv[i]) {
            sh_error("kill: Illegal number: %s", argv[i]); /* dash takes numbers only */
            return 2;
        }
        if (n > 128) n -= 128;
        const char *name = n > 0 && n < 32 ? signal_name((int)n) : NULL;
        if (!name) {
            sh_error("kill: invalid signal number or exit status: %s", argv[i]);
            status = 2;
        } else printf("%s\n", name);
    }
    return status;
}

int bi_kill(int argc, char **argv) {
    int i = 1, number = SIGTERM;
    if (i >= argc) {
        kill_usage();
        return 2;
    }
    const char *a = argv[i];
    if (strcmp(a, "-l") == 0) return list_signals(argc, argv, i + 1);
    if (strcmp(a, "-s") == 0) {
        if (i + 1 >= argc) {
            sh_error("kill: No arg for -s option");
            return 2;
        }
        number = signal_number(argv[i + 1]);
        if (number < 0) {
            sh_error("kill: invalid signal number or name: %s", argv[i + 1]);
            return 2;
        }
        i += 2;
    } else if (a[0] == '-' && strcmp(a, "--") != 0 && a[1]) {
        number = signal_number(a + 1);
        if (number < 0) {
            sh_error("kill: Illegal option -%c", a[1]);
            return 2;
        }
        i++;
    }
    if (i < argc && strcmp(argv[i], "--") == 0) i++;
    if (i >= argc) {
        kill_usage();
        return 2;
    }
    int status = 0;
    for (; i < argc; i++) {
        long pid;
        if (argv[i][0] == '%') {
            struct job *j = find_or_report("kill", argv[i]);
            if (!j) {
                status = 2;
                continue;
            }
            pid = j->pgid ? -j->pgid : j->procs[0].pid;
            if (!j->pgid && j->nprocs > 1) {
                /* Not its own group: each of its processes. */
                for (int k = 1; k < j->nprocs; k++)
                    if (j->procs[k].state != PROC_DONE) kill((pid_t)j->procs[k].pid, number);
            }
        } else {
            char *end;
            pid = strtol(argv[i], &end, 10);
            if (!*argv[i] || *end) {
                sh_error("kill: Illegal number: %s", argv[i]);
                status = 2;
                continue;
            }
        }
        if (kill((pid_t)pid, number) < 0) {
            sh_error("kill: %s", errno == ESRCH ? "No such process" : strerror(errno));
            status = 1;
        }
    }
    return status;
}
