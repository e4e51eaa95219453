/* syslog-names.c: see syslog-names.h. */
#include "syslog-names.h"

#include <string.h>

static const char *const facilities[] = {
    "kern",  "user",   "mail",   "daemon", "auth",   "syslog", "lpr",    "news",
    "uucp",  "cron",   "authpriv", "ftp",  "res0",   "res1",   "res2",   "res3",
    "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
};
static const char *const levels[] = {"emerg",  "alert", "crit", "err",
                                     "warn",   "notice", "info", "debug"};

const char *syslog_facility_name(int facility) {
    return facility >= 0 && facility < 24 ? facilities[facility] : NULL;
}

const char *syslog_level_name(int level) { return levels[level & 7]; }

int syslog_facility_number(const char *name) {
    for (int i = 0; i < 24; i++)
        if (!strcmp(name, facilities[i])) return i;
    if (!strcmp(name, "security")) return 4;
    return -1;
}

int syslog_level_number(const char *name) {
    for (int i = 0; i < 8; i++)
        if (!strcmp(name, levels[i])) return i;
    if (!strcmp(name, "panic")) return 0;
    if (!strcmp(name, "error")) return 3;
    if (!strcmp(name, "warning")) return 4;
    return -1;
}
