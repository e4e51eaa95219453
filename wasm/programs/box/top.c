/* top.c: top [-b] [-n N] [-d SECS] [-p PID,...]: the system summary and
 * its processes, refreshed, as procps-ng: on a terminal the screen is
 * redrawn every SECS (default 3) with the terminal in non-canonical mode,
 * and 'q' (or ^C) quits; with -b the frames are printed one after another
 * for a pipe or a file. The rows come from /proc (ps-proc.c): %CPU is
 * measured between two frames, %MEM against MemTotal. */
#include "bocal.h"

#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "applets.h"
#include "ps.h"
#include "util.h"

#define TICKS_PER_SECOND 100

struct sample {
    pid_t pid;
    unsigned long long ticks;
};

struct settings {
    int batch;
    long iterations; /* 0: no end */
    double delay;
    pid_t *only;
    int only_count;
    int width, height; /* 0: unlimited */
};

static struct sample *previous;
static size_t previous_count;
static struct timespec previous_time;
static volatile sig_atomic_t interrupted;

static void on_signal(int signal) {
    (void)signal;
    interrupted = 1;
}

/* The screen being built: lines cut at the width, at most `height` of them. */
struct screen {
    const struct settings *s;
    int lines;
};

static void line(struct screen *screen, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void line(struct screen *screen, const char *format, ...) {
    char text[1024];
    va_list args;
    if (screen->s->height && screen->lines >= screen->s->height) return;
    va_start(args, format);
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    if (screen->s->width > 0 && (int)strlen(text) > screen->s->width)
        text[screen->s->width] = '\0';
    /* On a terminal the cursor stays on the last line: no newline after it. */
    int last = !screen->s->batch && screen->s->height && screen->lines == screen->s->height - 1;
    fputs(text, stdout);
    if (!last) fputs(screen->s->batch ? "\n" : "\033[K\n", stdout);
    screen->lines++;
}

/* Resident and shared KiB from /proc/PID/statm (pages of 4 KiB). */
static void read_statm(pid_t pid, unsigned long long *resident, unsigned long long *shared) {
    char path[64];
    unsigned long long size, pages, sharing;
    snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
    FILE *file = fopen(path, "r");
    if (!file) return;
    if (fscanf(file, "%llu %llu %llu", &size, &pages, &sharing) == 3)
        *resident = pages * 4, *shared = sharing * 4;
    fclose(file);
}

/* The cpu line of /proc/stat: user nice system idle iowait irq softirq steal. */
static int read_cpu(unsigned long long times[8]) {
    FILE *file = fopen("/proc/stat", "r");
    int ok = 0;
    memset(times, 0, 8 * sizeof times[0]);
    if (!file) return 0;
    ok = fscanf(file, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &times[0], &times[1],
                &times[2], &times[3], &times[4], &times[5], &times[6], &times[7]) == 8;
    fclose(file);
    return ok;
}

static unsigned long long previous_cpu[8];

static int pid_width(void) {
    FILE *file = fopen("/proc/sys/kernel/pid_max", "r");
    char text[32] = "";
    if (file) {
        if (!fgets(text, sizeof text, file)) text[0] = '\0';
        fclose(file);
    }
    int width = (int)strcspn(text, "\n");
    return width < 5 ? 5 : width;
}

static void read_loadavg(double load[3]) {
    FILE *file = fopen("/proc/loadavg", "r");
    load[0] = load[1] = load[2] = 0;
    if (!file) return;
    if (fscanf(file, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = 0;
    fclose(file);
}

struct memory {
    double total, free, available, cache, swap_total, swap_free;
};

static void read_memory(struct memory *m) {
    FILE *file = fopen("/proc/meminfo", "r");
    char text[256];
    memset(m, 0, sizeof *m);
    if (!file) return;
    while (fgets(text, sizeof text, file)) {
        char key[64];
        double value;
        if (sscanf(text, "%63[^:]: %lf", key, &value) != 2) continue;
        value /= 1024; /* MiB */
        if (!strcmp(key, "MemTotal")) m->total = value;
        else if (!strcmp(key, "MemFree")) m->free = value;
        else if (!strcmp(key, "MemAvailable")) m->available = value;
        else if (!strcmp(key, "Buffers") || !strcmp(key, "Cached") ||
                 !strcmp(key, "SReclaimable"))
            m->cache += value;
        else if (!strcmp(key, "SwapTotal")) m->swap_total = value;
        else if (!strcmp(key, "SwapFree")) m->swap_free = value;
    }
    fclose(file);
}

static const char *user_of(unsigned uid) {
    static char buffer[16];
    struct passwd *pw = getpwuid(uid);
    if (pw) return pw->pw_name;
    snprintf(buffer, sizeof buffer, "%u", uid);
    return buffer;
}

static int wanted(const struct settings *s, pid_t pid) {
    if (!s->only_count) return 1;
    for (int i = 0; i < s->only_count; i++)
        if (s->only[i] == pid) return 1;
    return 0;
}

static void frame(const struct settings *s) {
    struct screen screen = {s, 0};
    pid_t *pids = NULL;
    long count = ps_list_pids(&pids);
    if (count < 0) count = 0;
    struct ps_process *processes = xmalloc(sizeof *processes * (size_t)(count ? count : 1));
    long shown = 0;
    int running = 0, sleeping = 0, stopped = 0, zombie = 0;
    for (long i = 0; i < count; i++) {
        if (ps_read_process(pids[i], &processes[shown]) < 0) continue;
        switch (processes[shown].state) {
        case 'R': running++; break;
        case 'T':
        case 't': stopped++; break;
        case 'Z': zombie++; break;
        default: sleeping++; break;
        }
        shown++;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double elapsed = previous_count ? (double)(now.tv_sec - previous_time.tv_sec) +
                                          (double)(now.tv_nsec - previous_time.tv_nsec) / 1e9
                                    : 0;
    /* The summary lines, as uptime's with "top - " before. */
    double up = 0, load[3];
    FILE *file = fopen("/proc/uptime", "r");
    if (file) {
        if (fscanf(file, "%lf", &up) != 1) up = 0;
        fclose(file);
    }
    read_loadavg(load);
    time_t wall = time(NULL);
    struct tm *tm = localtime(&wall);
    char uptime_text[64];
    long seconds = (long)up, days = seconds / 86400;
    long hours = seconds / 3600 % 24, minutes = seconds / 60 % 60;
    char days_text[32] = "";
    if (days) snprintf(days_text, sizeof days_text, "%ld day%s, ", days, days == 1 ? "" : "s");
    if (hours) snprintf(uptime_text, sizeof uptime_text, "%s%2ld:%02ld", days_text, hours, minutes);
    else snprintf(uptime_text, sizeof uptime_text, "%s%ld min", days_text, minutes);
    line(&screen, "top - %02d:%02d:%02d up %s,  0 user,  load average: %.2f, %.2f, %.2f",
         tm->tm_hour, tm->tm_min, tm->tm_sec, uptime_text, load[0], load[1], load[2]);
    line(&screen, "Tasks:%4ld total,%4d running,%4d sleeping,%4d stopped,%4d zombie", shown,
         running, sleeping, stopped, zombie);
    /* Shares of the time since the last frame (since boot at the first). */
    unsigned long long cpu[8];
    double share[8] = {0, 0, 0, 100, 0, 0, 0, 0};
    if (read_cpu(cpu)) {
        unsigned long long total = 0;
        for (int i = 0; i < 8; i++) total += cpu[i] - previous_cpu[i];
        for (int i = 0; total && i < 8; i++)
            share[i] = (double)(cpu[i] - previous_cpu[i]) * 100.0 / (double)total;
        memcpy(previous_cpu, cpu, sizeof cpu);
    }
    line(&screen, "%%Cpu(s):%5.1f us,%5.1f sy,%5.1f ni,%5.1f id,%5.1f wa,%5.1f hi,%5.1f si,"
                  "%5.1f st ",
         share[0], share[2], share[1], share[3], share[4], share[5], share[6], share[7]);
    struct memory m;
    read_memory(&m);
    double used = m.total - m.available;
    line(&screen, "MiB Mem :%9.1f total,%9.1f free,%9.1f used,%9.1f buff/cache     ", m.total,
         m.free, used, m.cache);
    line(&screen, "MiB Swap:%9.1f total,%9.1f free,%9.1f used.%9.1f avail Mem ", m.swap_total,
         m.swap_free, m.swap_total - m.swap_free, m.available);
    line(&screen, "%s", "");
    int width = pid_width();
    line(&screen, "%*s USER      PR  NI    VIRT    RES    SHR S  %%CPU  %%MEM     TIME+ COMMAND",
         width, "PID");
    unsigned long long memory_kib = ps_memory_total_kib();
    struct sample *samples = xmalloc(sizeof *samples * (size_t)(shown ? shown : 1));
    for (long i = 0; i < shown; i++) {
        const struct ps_process *p = &processes[i];
        samples[i] = (struct sample){p->pid, p->cpu_ticks};
        if (!wanted(s, p->pid)) continue;
        double cpu_share = 0;
        for (size_t k = 0; k < previous_count && elapsed > 0; k++)
            if (previous[k].pid == p->pid)
                cpu_share = (double)(p->cpu_ticks - previous[k].ticks) * 100.0 /
                      (elapsed * TICKS_PER_SECOND);
        unsigned long long rss_kib = p->rss_pages * 4, shared_kib = 0;
        read_statm(p->pid, &rss_kib, &shared_kib);
        double mem = memory_kib ? (double)rss_kib * 100.0 / (double)memory_kib : 0;
        unsigned long long hundredths = p->cpu_ticks * 100 / TICKS_PER_SECOND;
        char cpu_time[32];
        snprintf(cpu_time, sizeof cpu_time, "%llu:%02llu.%02llu", hundredths / 6000,
                 hundredths / 100 % 60, hundredths % 100);
        line(&screen, "%*d %-8.8s %3ld %3ld %7llu %6llu %6llu %c %5.1f %5.1f %9s %s", width,
             (int)p->pid, user_of(p->euid), 20 + p->nice, p->nice, p->vsize_bytes / 1024,
             rss_kib, shared_kib, p->state, cpu_share, mem, cpu_time, p->comm);
    }
    free(previous);
    previous = samples;
    previous_count = (size_t)shown;
    previous_time = now;
    free(processes);
    free(pids);
}

static int parse_pids(struct settings *s, const char *text) {
    char *copy = strdup(text);
    for (char *word = strtok(copy, ","); word; word = strtok(NULL, ",")) {
        char *end;
        long pid = strtol(word, &end, 10);
        if (*end || pid <= 0) {
            fprintf(stderr, "top: bad pid '%s'\n", word);
            free(copy);
            return -1;
        }
        s->only = realloc(s->only, sizeof(pid_t) * (size_t)(s->only_count + 1));
        s->only[s->only_count++] = (pid_t)pid;
    }
    free(copy);
    return 0;
}

/* Waits up to the delay for a key on the terminal; returns it, or 0. */
static int wait_key(double delay) {
    struct pollfd fds = {0, POLLIN, 0};
    int ready = poll(&fds, 1, (int)(delay * 1000));
    if (ready <= 0 || !(fds.revents & POLLIN)) return 0;
    unsigned char key;
    return read(0, &key, 1) == 1 ? key : 'q';
}

int top_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {NULL, 'b', 0}, {NULL, 'n', 1}, {NULL, 'd', 1}, {NULL, 'p', 1}, {NULL, 'w', 2},
        {NULL, 0, 0}};
    struct settings s = {.delay = 3.0};
    struct option_parser parser;
    int key, width_option = 0;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case 'b': s.batch = 1; break;
        case 'n': {
            char *end;
            s.iterations = strtol(parser.arg, &end, 10);
            if (!*parser.arg || *end || s.iterations < 0) {
                fprintf(stderr, "top: bad iterations argument '%s'\n", parser.arg);
                return 1;
            }
            break;
        }
        case 'd': {
            char *end;
            s.delay = strtod(parser.arg, &end);
            if (!*parser.arg || *end || s.delay < 0) {
                fprintf(stderr, "top: bad delay interval '%s'\n", parser.arg);
                return 1;
            }
            break;
        }
        case 'p':
            if (parse_pids(&s, parser.arg) < 0) return 1;
            break;
        case 'w': width_option = parser.arg ? atoi(parser.arg) : 512; break;
        case OPT_HELP:
            printf("Usage:\n  top -hv | -bcEeHiOSs1 -d secs -n max -u|U user -p pid(s) "
                   "-o field -w [cols]\n");
            return 0;
        default: return 1;
        }
    }
    if (!s.batch && !isatty(1)) s.batch = 1; /* procps: batch when not on a terminal */
    struct termios saved;
    int on_tty = !s.batch && isatty(0) && tcgetattr(0, &saved) == 0;
    if (s.batch) {
        const char *columns = getenv("COLUMNS");
        s.width = width_option ? width_option : columns ? atoi(columns) : 512;
    } else {
        struct winsize size;
        if (ioctl(1, TIOCGWINSZ, &size) == 0 && size.ws_col) {
            s.width = size.ws_col;
            s.height = size.ws_row;
        } else {
            s.width = 80, s.height = 24;
        }
    }
    if (on_tty) {
        struct termios raw = saved;
        raw.c_lflag &= ~(ICANON | ECHO);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        tcsetattr(0, TCSAFLUSH, &raw);
        struct sigaction action = {0};
        action.sa_handler = on_signal;
        sigaction(SIGINT, &action, NULL);
        sigaction(SIGTERM, &action, NULL);
    }
    for (long shown = 0; !interrupted; shown++) {
        if (s.batch && shown > 0) putchar('\n');
        if (!s.batch) fputs("\033[H\033[2J", stdout);
        frame(&s);
        fflush(stdout);
        if (s.iterations && shown + 1 >= s.iterations) break;
        if (on_tty) {
            int pressed = wait_key(s.delay);
            if (pressed == 'q' || pressed == 'Q') break;
        } else {
            struct timespec pause = {(time_t)s.delay,
                                     (long)((s.delay - (double)(time_t)s.delay) * 1e9)};
            nanosleep(&pause, NULL);
        }
    }
    if (on_tty) {
        tcsetattr(0, TCSAFLUSH, &saved);
        fputs("\n", stdout);
    }
    return 0;
}
