/* bocal-pwd.h: <pwd.h> and <grp.h> for WASI, where wasi-libc has neither.
 * The functions read /etc/passwd and /etc/group through ordinary file
 * calls (wasm/lib/bocal-passwd.c), as musl's do. Included by bocal.h on
 * WASI only. */
#ifndef BOCAL_PWD_H
#define BOCAL_PWD_H

#include <sys/types.h>

struct passwd {
    char *pw_name;
    char *pw_passwd;
    uid_t pw_uid;
    gid_t pw_gid;
    char *pw_gecos;
    char *pw_dir;
    char *pw_shell;
};

struct group {
    char *gr_name;
    char *gr_passwd;
    gid_t gr_gid;
    char **gr_mem;
};

struct passwd *getpwnam(const char *);
struct passwd *getpwuid(uid_t);
void setpwent(void);
void endpwent(void);
struct passwd *getpwent(void);
struct group *getgrnam(const char *);
struct group *getgrgid(gid_t);
void setgrent(void);
void endgrent(void);
struct group *getgrent(void);

#endif
