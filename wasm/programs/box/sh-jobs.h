/* sh-jobs.h: the job table (sh-jobs.c) and what the job builtins
 * (sh-jobs-builtins.c) and the executor (sh-exec.c) use of it. */
#ifndef SH_JOBS_H
#define SH_JOBS_H

#include "bocal.h"
#include <stdio.h>

enum { PROC_RUNNING, PROC_STOPPED, PROC_DONE };
enum { JOB_RUNNING, JOB_STOPPED, JOB_DONE };
enum { JOB_PRINT_NORMAL, JOB_PRINT_LONG, JOB_PRINT_PGID };

struct job_process {
    long pid;     /* -1: it could not be started (status 127) */
    int status;   /* its last wait status */
    int state;
    char *text;   /* its own command, for jobs -l */
};

struct job {
    int number;   /* 1...; 0 until it is in the table (a foreground job) */
    long pgid;    /* its process group with job control, else 0 */
    struct job_process *procs;
    int nprocs;
    int state;
    int changed;     /* its state changed since it was last reported */
    int foreground;  /* being waited for in the foreground */
    char *command;
    struct job *prev;  /* the next less recent job */
};

struct job *job_new(const char *command);
/* Adds a process (pid -1 for one that failed to start) with its command text. */
void job_add_process(struct job *j, long pid, const char *text);
void job_free(struct job *j);

/* Spawning a job's processes: job_starting before the first, then
 * job_spawn_attr for each posix_spawn (NULL when nothing is to be set),
 * job_first_started once the first runs, job_started after the last. */
void job_starting(struct job *j);
posix_spawnattr_t *job_spawn_attr(posix_spawnattr_t *attr);
void job_first_started(struct job *j);
void job_started(void);

/* Waits for a foreground job; returns its status for $?. A job that
 * stopped goes to the table and is reported; a finished one is freed. */
int job_wait(struct job *j);
/* Puts a started job in the background (the table, "[1] PID" when interactive). */
void job_background(struct job *j);
/* fg and bg: continues a stopped (or running) job. */
int job_continue(struct job *j, int foreground);
/* The wait builtin: waits for a background job to end; frees it. REPORT:
 * an interactive shell says how a killed job ended (dash, for wait JOB). */
int job_wait_background(struct job *j, int report);
int job_status(struct job *j);

struct job *job_find(const char *spec, int *ambiguous);
struct job *job_by_number(int number);
struct job *job_with_pid(long pid);
struct job *job_current(int which);
struct job *jobs_recent(void);
/* Whether FN is true of any job (it is called for each). */
int jobs_each(int (*fn)(struct job *));
/* Collects state changes without waiting. */
void jobs_poll(void);
/* Before a prompt: reports the jobs that ended or stopped, and drops the ended ones. */
void jobs_notify(void);
void job_print(FILE *out, struct job *j, int mode);
const char *signal_description(int number);

/* Turns job control on (0, or -1 without a terminal) or off. */
int job_control(int on);
void job_control_end(void);

#endif
