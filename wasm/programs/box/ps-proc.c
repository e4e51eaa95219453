/* ps-proc.c: reading processes from /proc for ps, in Linux's formats
 * (proc(5)): /proc/PID/stat for ids, state, terminal, times and sizes (the
 * command name is between the first '(' and the last ')'), status for the
 * effective uid, cmdline for the arguments. */
#include "ps.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The whole small file `path` into buffer (NUL-ended); its length or -1. */
static long read_small(const char *path, char *buffer, size_t size) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    size_t length = 0;
    ssize_t got;
    while (length + 1 < size && (got = read(fd, buffer + length, size - 1 - length)) > 0)
        length += (size_t)got;
    close(fd);
    buffer[length] = '\0';
    return (long)length;
}

/* /proc/PID/NAME, or /proc/self/NAME for pid 0. */
static void proc_path(char *path, size_t size, pid_t pid, const char *name) {
    if (pid == 0) snprintf(path, size, "/proc/self/%s", name);
    else snprintf(path, size, "/proc/%d/%s", (int)pid, name);
}

static int read_stat(pid_t pid, struct ps_process *process) {
    char path[64], text[2048];
    proc_path(path, sizeof path, pid, "stat");
    if (read_small(path, text, sizeof text) <= 0) return -1;
    char *open_paren = strchr(text, '('), *close_paren = strrchr(text, ')');
    if (!open_paren || !close_paren || close_paren < open_paren) return -1;
    size_t length = (size_t)(close_paren - open_paren - 1);
    if (length >= sizeof process->comm) length = sizeof process->comm - 1;
    memcpy(process->comm, open_paren + 1, length);
    process->comm[length] = '\0';
    /* Fields from 3 (state) on, numbered as in proc(5). */
    unsigned long long field[53] = {0};
    char *p = close_paren + 2;
    process->state = *p;
    p += 2;
    for (int i = 4; i < 53 && *p; i++) {
        field[i] = (unsigned long long)strtoll(p, &p, 10);
        while (*p == ' ') p++;
    }
    process->pid = (pid_t)atoi(text);
    process->ppid = (pid_t)field[4], process->pgid = (pid_t)field[5];
    process->sid = (pid_t)field[6], process->tty = (unsigned)field[7];
    process->tpgid = (pid_t)(long long)field[8];
    process->cpu_ticks = field[14] + field[15];
    process->nice = (long)(long long)field[19], process->threads = (long)field[20];
    process->start_ticks = field[22], process->vsize_bytes = field[23];
    process->rss_pages = field[24];
    return 0;
}

static void read_euid(pid_t pid, struct ps_process *process) {
    char path[64], text[4096];
    proc_path(path, sizeof path, pid, "status");
    if (read_small(path, text, sizeof text) <= 0) return;
    char *line = strstr(text, "\nUid:");
    unsigned real = 0, effective = 0;
    if (line && sscanf(line + 5, "%u %u", &real, &effective) == 2) process->euid = effective;
}

static void read_args(pid_t pid, struct ps_process *process) {
    char path[64];
    proc_path(path, sizeof path, pid, "cmdline");
    long length = read_small(path, process->args, sizeof process->args);
    while (length > 0 && process->args[length - 1] == '\0') length--;
    for (long i = 0; i < length; i++)
        if (process->args[i] == '\0' || process->args[i] == '\n') process->args[i] = ' ';
    if (length > 0) {
        process->args[length] = '\0';
        process->has_args = 1;
        return;
    }
    snprintf(process->args, sizeof process->args, "[%s]%s", process->comm,
             process->state == 'Z' ? " <defunct>" : "");
}

int ps_read_process(pid_t pid, struct ps_process *process) {
    memset(process, 0, sizeof *process);
    if (read_stat(pid, process) != 0) return -1;
    read_euid(pid, process);
    read_args(pid, process);
    return 0;
}

static int compare_pids(const void *a, const void *b) {
    pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
    return (x > y) - (x < y);
}

long ps_list_pids(pid_t **pids) {
    DIR *dir = opendir("/proc");
    if (!dir) return -1;
    long count = 0;
    *pids = NULL;
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        const char *name = entry->d_name;
        if (!isdigit((unsigned char)name[0]) || strspn(name, "0123456789") != strlen(name))
            continue;
        *pids = realloc(*pids, (size_t)(count + 1) * sizeof(pid_t));
        (*pids)[count++] = (pid_t)atoi(name);
    }
    closedir(dir);
    qsort(*pids, (size_t)count, sizeof(pid_t), compare_pids);
    return count;
}

static unsigned long long number_after(const char *path, const char *key) {
    char text[8192];
    if (read_small(path, text, sizeof text) <= 0) return 0;
    char *at = strstr(text, key);
    return at ? strtoull(at + strlen(key), NULL, 10) : 0;
}

long long ps_boot_time(void) { return (long long)number_after("/proc/stat", "btime "); }

unsigned long long ps_memory_total_kib(void) {
    return number_after("/proc/meminfo", "MemTotal:");
}
