/* syslog-names.h: the facility and level names of syslog priorities
 * (facility << 3 | level), shared by dmesg and logger. */
#ifndef BOX_SYSLOG_NAMES_H
#define BOX_SYSLOG_NAMES_H

/* "kern", "user", ... "local7"; NULL past the known ones. */
const char *syslog_facility_name(int facility);
/* "emerg" ... "debug", as dmesg -x shows them (warn, err). */
const char *syslog_level_name(int level);
/* The facility or level called `name` (syslog(3)'s names and aliases), or -1. */
int syslog_facility_number(const char *name);
int syslog_level_number(const char *name);

#endif
