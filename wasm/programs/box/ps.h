/* ps.h: what ps reads about one process from /proc (ps-proc.c) and shows
 * (ps.c) in which columns (ps-columns.c). */
#ifndef BOX_PS_H
#define BOX_PS_H

#include <sys/types.h>

struct ps_process {
    pid_t pid, ppid, pgid, sid, tpgid;
    char state;
    char comm[64];
    char args[4096];  /* cmdline with NULs as spaces; "[comm]" when empty */
    int has_args;
    unsigned tty;     /* Linux's tty_nr: major << 8 | minor, 0 for none */
    unsigned euid;
    long threads, nice;
    unsigned long long cpu_ticks, start_ticks, vsize_bytes, rss_pages;
};

/* What every column's value may depend on besides the process. */
struct ps_context {
    long long now, boot;
    unsigned long long memory_kib;
    int pid_width;
};

struct column {
    const char *name, *header;
    int width; /* -1: the pid width */
    int right;
    void (*format)(const struct ps_context *, const struct ps_process *, char *, size_t);
};

/* The column called `name` (its first `length` bytes), or NULL. */
const struct column *find_column(const char *name, size_t length);

/* Reads /proc/PID/{stat,status,cmdline} (pid 0: /proc/self); 0, or -1 when
 * the process is gone. */
int ps_read_process(pid_t pid, struct ps_process *process);
/* The pids listed in /proc, ascending, in a malloc'd array; -1 on error. */
long ps_list_pids(pid_t **pids);
/* btime from /proc/stat and MemTotal from /proc/meminfo (0 when unknown). */
long long ps_boot_time(void);
unsigned long long ps_memory_total_kib(void);

#endif
