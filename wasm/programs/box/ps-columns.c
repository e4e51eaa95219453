/* ps-columns.c: the columns ps can show (-o NAME), with procps-ng's
 * headers, widths and alignment, and how each value is written. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bocal.h"

#include "ps.h"

#define TICKS 100

static void show_pid(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    (void)c, snprintf(out, n, "%d", (int)p->pid);
}
static void show_ppid(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    (void)c, snprintf(out, n, "%d", (int)p->ppid);
}
static void show_pgid(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    (void)c, snprintf(out, n, "%d", (int)p->pgid);
}
static void show_sid(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    (void)c, snprintf(out, n, "%d", (int)p->sid);
}
static void show_uid(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    (void)c, snprintf(out, n, "%u", p->euid);
}
static void show_nice(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    (void)c, snprintf(out, n, "%ld", p->nice);
}
static void show_user(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    struct passwd *entry = getpwuid((uid_t)p->euid);
    (void)c;
    if (entry && strlen(entry->pw_name) <= 8) snprintf(out, n, "%s", entry->pw_name);
    else snprintf(out, n, "%u", p->euid);
}
static void show_comm(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    (void)c, snprintf(out, n, "%s%s", p->comm, p->state == 'Z' ? " <defunct>" : "");
}
static void show_args(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    (void)c, snprintf(out, n, "%s", p->args);
}
static void show_state(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    (void)c, snprintf(out, n, "%c", p->state);
}
/* STAT: the state, then < or N for nice, s for a session leader, l for
 * threads, + for the foreground process group of its terminal. */
static void show_stat(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    (void)c;
    snprintf(out, n, "%c%s%s%s%s", p->state, p->nice < 0 ? "<" : p->nice > 0 ? "N" : "",
             p->pid == p->sid ? "s" : "", p->threads > 1 ? "l" : "",
             p->tty && p->tpgid == p->pgid ? "+" : "");
}
static void show_tty(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    unsigned major = (p->tty >> 8) & 0xfff, minor = (p->tty & 0xff) | ((p->tty >> 12) & 0xfff00);
    (void)c;
    if (p->tty == 0) snprintf(out, n, "?");
    else if (major == 4 && minor < 64) snprintf(out, n, "tty%u", minor);
    else if (major >= 136 && major <= 143) snprintf(out, n, "pts/%u", (major - 136) * 256 + minor);
    else snprintf(out, n, "?");
}
static void show_time(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    unsigned long long s = p->cpu_ticks / TICKS;
    (void)c;
    if (s >= 86400) snprintf(out, n, "%llu-%02llu:%02llu:%02llu", s / 86400, s / 3600 % 24, s / 60 % 60, s % 60);
    else snprintf(out, n, "%02llu:%02llu:%02llu", s / 3600, s / 60 % 60, s % 60);
}
static void show_bsdtime(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    unsigned long long s = p->cpu_ticks / TICKS;
    (void)c, snprintf(out, n, "%llu:%02llu", s / 60, s % 60);
}
static long long elapsed(const struct ps_context *c, const struct ps_process *p) {
    long long seconds = c->now - (c->boot + (long long)(p->start_ticks / TICKS));
    return seconds > 0 ? seconds : 0;
}
/* Per mille of one CPU since the process started, as procps computes %CPU. */
static unsigned long long cpu_permille(const struct ps_context *c, const struct ps_process *p) {
    long long seconds = elapsed(c, p);
    return seconds ? p->cpu_ticks * 1000ULL / TICKS / (unsigned long long)seconds : 0;
}
static void show_c(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    snprintf(out, n, "%llu", cpu_permille(c, p) / 10);
}
static void show_pcpu(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    unsigned long long permille = cpu_permille(c, p);
    snprintf(out, n, "%llu.%llu", permille / 10, permille % 10);
}
static void show_pmem(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    unsigned long long permille = c->memory_kib ? p->rss_pages * 4 * 1000 / c->memory_kib : 0;
    snprintf(out, n, "%llu.%llu", permille / 10, permille % 10);
}
static void show_vsz(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    (void)c, snprintf(out, n, "%llu", p->vsize_bytes / 1024);
}
static void show_rss(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    (void)c, snprintf(out, n, "%llu", p->rss_pages * 4);
}
/* STIME/START: the time of day within a day, else month and day, else the year. */
static void show_start(const struct ps_context *c, const struct ps_process *p, char *out, size_t n) {
    time_t start = (time_t)(c->boot + (long long)(p->start_ticks / TICKS));
    struct tm tm = *localtime(&start);
    const char *format = c->now - start < 86400 ? "%H:%M" : c->now - start < 365 * 86400 ? "%b%d" : "%Y";
    strftime(out, n, format, &tm);
}

static const struct column columns[] = {
    {"pid", "PID", -1, 1, show_pid},        {"ppid", "PPID", -1, 1, show_ppid},
    {"pgid", "PGID", -1, 1, show_pgid},     {"pgrp", "PGRP", -1, 1, show_pgid},
    {"sid", "SID", -1, 1, show_sid},        {"sess", "SESS", -1, 1, show_sid},
    {"uid", "UID", 5, 1, show_uid},         {"euid", "EUID", 5, 1, show_uid},
    {"user", "USER", 8, 0, show_user},      {"euser", "EUSER", 8, 0, show_user},
    {"uname", "USER", 8, 0, show_user},     {"comm", "COMMAND", 15, 0, show_comm},
    {"ucomm", "COMMAND", 15, 0, show_comm}, {"ucmd", "CMD", 15, 0, show_comm},
    {"args", "COMMAND", 27, 0, show_args},  {"command", "COMMAND", 27, 0, show_args},
    {"cmd", "CMD", 27, 0, show_args},       {"stat", "STAT", 4, 0, show_stat},
    {"s", "S", 1, 0, show_state},           {"state", "S", 1, 0, show_state},
    {"tty", "TT", 8, 0, show_tty},          {"tt", "TT", 8, 0, show_tty},
    {"tname", "TTY", 8, 0, show_tty},       {"time", "TIME", 8, 1, show_time},
    {"cputime", "TIME", 8, 1, show_time},   {"bsdtime", "TIME", 6, 1, show_bsdtime},
    {"c", "C", 2, 1, show_c},               {"%cpu", "%CPU", 4, 1, show_pcpu},
    {"pcpu", "%CPU", 4, 1, show_pcpu},      {"%mem", "%MEM", 4, 1, show_pmem},
    {"pmem", "%MEM", 4, 1, show_pmem},      {"vsz", "VSZ", 6, 1, show_vsz},
    {"rss", "RSS", 5, 1, show_rss},         {"stime", "STIME", 5, 0, show_start},
    {"start", "START", 5, 0, show_start},   {"ni", "NI", 3, 1, show_nice},
    {"nice", "NI", 3, 1, show_nice},        {NULL, NULL, 0, 0, NULL},
};

const struct column *find_column(const char *name, size_t length) {
    for (const struct column *c = columns; c->name; c++)
        if (strlen(c->name) == length && strncmp(c->name, name, length) == 0) return c;
    return NULL;
}
