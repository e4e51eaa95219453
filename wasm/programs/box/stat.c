/* stat.c: stat, the default output and -c FORMAT with %n %N %s %b %f %a %A
 * %F %u %U %g %G %h %i %d %t %T %x %y %z %X %Y %Z %o %%; -L follows links.
 * Times print in UTC with nanoseconds, as GNU's under TZ=UTC. */
#include "bocal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "applets.h"
#include "util.h"

static const char *file_type(mode_t mode, off_t size) {
    if (S_ISREG(mode)) return size == 0 ? "regular empty file" : "regular file";
    if (S_ISDIR(mode)) return "directory";
    if (S_ISLNK(mode)) return "symbolic link";
    if (S_ISCHR(mode)) return "character special file";
    if (S_ISBLK(mode)) return "block special file";
    if (S_ISFIFO(mode)) return "fifo";
    if (S_ISSOCK(mode)) return "socket";
    return "weird file";
}

static void mode_letters(mode_t mode, char out[11]) {
    static const char kinds[] = "?pc?d?b?-?l?s???";
    const char *rwx = "rwxrwxrwx";
    out[0] = kinds[(mode >> 12) & 15];
    for (int i = 0; i < 9; i++) out[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
    if (mode & S_ISUID) out[3] = out[3] == 'x' ? 's' : 'S';
    if (mode & S_ISGID) out[6] = out[6] == 'x' ? 's' : 'S';
    if (mode & S_ISVTX) out[9] = out[9] == 'x' ? 't' : 'T';
    out[10] = '\0';
}

static void put_time(struct timespec when) {
    struct tm tm;
    char text[64];
    time_t seconds = when.tv_sec;
    gmtime_r(&seconds, &tm);
    strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
    printf("%s.%09ld +0000", text, (long)when.tv_nsec);
}

static void put_quoted_name(const char *path, const struct stat *st) {
    printf("%s", quote(path));
    if (!S_ISLNK(st->st_mode)) return;
    char target[4096];
    ssize_t length = readlink(path, target, sizeof target - 1);
    if (length >= 0) target[length] = '\0', printf(" -> %s", quote(target));
}

static void directive(char c, const char *path, const struct stat *st) {
    struct passwd *pw;
    struct group *gr;
    char mode[11];
    switch (c) {
    case 'n': fputs(path, stdout); break;
    case 'N': put_quoted_name(path, st); break;
    case 's': printf("%lld", (long long)st->st_size); break;
    case 'b': printf("%lld", (long long)st->st_blocks); break;
    case 'B': fputs("512", stdout); break;
    case 'o': fputs("4096", stdout); break;
    case 'f': printf("%x", (unsigned)st->st_mode); break;
    case 'a': printf("%o", (unsigned)(st->st_mode & 07777)); break;
    case 'A': mode_letters(st->st_mode, mode), fputs(mode, stdout); break;
    case 'F': fputs(file_type(st->st_mode, st->st_size), stdout); break;
    case 'u': printf("%u", (unsigned)st->st_uid); break;
    case 'g': printf("%u", (unsigned)st->st_gid); break;
    case 'U': pw = getpwuid(st->st_uid), pw ? (void)fputs(pw->pw_name, stdout)
                                            : (void)fputs("UNKNOWN", stdout); break;
    case 'G': gr = getgrgid(st->st_gid), gr ? (void)fputs(gr->gr_name, stdout)
                                            : (void)fputs("UNKNOWN", stdout); break;
    case 'h': printf("%lu", (unsigned long)st->st_nlink); break;
    case 'i': printf("%llu", (unsigned long long)st->st_ino); break;
    case 'd': printf("%llu", (unsigned long long)st->st_dev); break;
    case 't': printf("%x", major(st->st_rdev)); break;
    case 'T': printf("%x", minor(st->st_rdev)); break;
    case 'x': put_time(st->st_atim); break;
    case 'y': put_time(st->st_mtim); break;
    case 'z': put_time(st->st_ctim); break;
    case 'X': printf("%lld", (long long)st->st_atim.tv_sec); break;
    case 'Y': printf("%lld", (long long)st->st_mtim.tv_sec); break;
    case 'Z': printf("%lld", (long long)st->st_ctim.tv_sec); break;
    case '%': putchar('%'); break;
    default: printf("?%c", c); break;
    }
}

static void put_format(const char *format, const char *path, const struct stat *st) {
    for (const char *p = format; *p; p++) {
        if (*p != '%') putchar(*p);
        else if (p[1]) directive(*++p, path, st);
        else putchar('%');
    }
    putchar('\n');
}

static void put_default(const char *path, const struct stat *st) {
    char mode[11];
    struct passwd *pw = getpwuid(st->st_uid);
    struct group *gr = getgrgid(st->st_gid);
    mode_letters(st->st_mode, mode);
    fputs("  File: ", stdout), put_quoted_name(path, st), putchar('\n');
    printf("  Size: %-15lld Blocks: %-10lld IO Block: 4096   %s\n", (long long)st->st_size,
           (long long)st->st_blocks, file_type(st->st_mode, st->st_size));
    printf("Device: %llx,%llx\tInode: %-11llu Links: %lu", 
           (unsigned long long)major(st->st_dev), (unsigned long long)minor(st->st_dev),
           (unsigned long long)st->st_ino, (unsigned long)st->st_nlink);
    if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
        printf("     Device type: %x,%x", major(st->st_rdev), minor(st->st_rdev));
    printf("\nAccess: (%04o/%s)  Uid: (%5u/%8s)   Gid: (%5u/%8s)\n",
           (unsigned)(st->st_mode & 07777), mode, (unsigned)st->st_uid,
           pw ? pw->pw_name : "UNKNOWN", (unsigned)st->st_gid, gr ? gr->gr_name : "UNKNOWN");
    fputs("Access: ", stdout), put_time(st->st_atim);
    fputs("\nModify: ", stdout), put_time(st->st_mtim);
    fputs("\nChange: ", stdout), put_time(st->st_ctim);
    fputs("\n Birth: -\n", stdout);
}

int stat_main(int argc, char **argv) {
    static const struct option_spec specs[] = {
        {"dereference", 'L', 0}, {"format", 'c', 1}, {NULL, 0, 0}};
    struct option_parser parser;
    int key, follow = 0, status = 0;
    const char *format = NULL;
    options_init(&parser, argc, argv);
    while ((key = next_option(&parser, specs)) != OPT_END) {
        switch (key) {
        case OPT_ERROR: return 1;
        case OPT_HELP:
            return print_help("[OPTION]... FILE...",
                              "Display file or file system status.\n\n"
                              "  -L, --dereference     follow links\n"
                              "  -c  --format=FORMAT   use the specified FORMAT instead of the "
                              "default\n");
        case 'L': follow = 1; break;
        case 'c': format = parser.arg; break;
        }
    }
    if (parser.operand_count == 0) return warnx_("missing operand"), try_help();
    for (int i = 0; i < parser.operand_count; i++) {
        const char *path = parser.operands[i];
        struct stat st;
        if ((follow ? stat(path, &st) : lstat(path, &st)) != 0) {
            warn_errno(errno, "cannot %s %s", follow ? "stat" : "statx", quote(path));
            status = 1;
            continue;
        }
        if (format) put_format(format, path, &st);
        else put_default(path, &st);
    }
    return status;
}
