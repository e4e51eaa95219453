/* sh-prompt.c: what a prompt shows, and a login shell's profiles.
 *
 * PS1 and PS2 are expanded as busybox ash does (dash shows them as they
 * are): first parameters, command substitutions and arithmetic, with
 * backslashes kept, then the backslash escapes: \u the user, \h the host
 * name up to its first dot, \H all of it, \w the working directory with
 * $HOME as ~, \W its last component, \$ '#' for root and '$' for others,
 * \n, \r, \e, \a, \\, \NNN an octal byte, and \[ \] (the marks of text that
 * takes no room on the screen, which show nothing).
 *
 * A login shell (argv[0] starting with '-', or -l) runs /etc/profile and
 * then $HOME/.profile before its first command, as dash and ash do. */
#define _GNU_SOURCE
#include "bocal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

static void add_user(struct buf *b) {
    struct passwd *pw = getpwuid(geteuid());
    if (pw) buf_adds(b, pw->pw_name);
    else {
        const char *user = var_get("USER");
        buf_adds(b, user ? user : "?");
    }
}

static void add_host(struct buf *b, int whole) {
    char name[256];
    if (gethostname(name, sizeof name) < 0) name[0] = 0;
    name[sizeof name - 1] = 0;
    if (!whole) name[strcspn(name, ".")] = 0;
    buf_adds(b, name);
}

static void add_cwd(struct buf *b, int last_only) {
    const char *pwd = var_get("PWD");
    char buffer[4096];
    if (!pwd || pwd[0] != '/') pwd = getcwd(buffer, sizeof buffer) ? buffer : "?";
    const char *home = var_get("HOME");
    size_t n = home ? strlen(home) : 0;
    if (n > 1 && strncmp(pwd, home, n) == 0 && (pwd[n] == '/' || !pwd[n])) {
        if (last_only && !pwd[n]) {
            buf_add(b, '~');
            return;
        }
        if (!last_only) {
            buf_add(b, '~');
            buf_adds(b, pwd + n);
            return;
        }
    }
    if (last_only) {
        const char *slash = strrchr(pwd, '/');
        buf_adds(b, slash && slash[1] ? slash + 1 : pwd);
    } else buf_adds(b, pwd);
}

/* Parameters and substitutions, every backslash kept for the escapes. */
static char *expand_parameters(const char *text) {
    if (!strchr(text, '$') && !strchr(text, '`')) return sh_strdup(text);
    struct buf doubled = {0};
    buf_adds(&doubled, "");
    for (const char *s = text; *s; s++) {
        if (*s == '\\') buf_add(&doubled, '\\');
        buf_add(&doubled, *s);
    }
    int status = sh.status;
    char *result = expand_heredoc(doubled.s);
    sh.status = status; /* a prompt's $(...) does not change $? */
    free(doubled.s);
    return result;
}

char *prompt_expand(const char *text) {
    char *expanded = expand_parameters(text);
    struct buf b = {0};
    buf_adds(&b, "");
    for (const char *s = expanded; *s; s++) {
        if (*s != '\\' || !s[1]) {
            buf_add(&b, *s);
            continue;
        }
        char c = *++s;
        switch (c) {
        case 'u': add_user(&b); break;
        case 'h': add_host(&b, 0); break;
        case 'H': add_host(&b, 1); break;
        case 'w': add_cwd(&b, 0); break;
        case 'W': add_cwd(&b, 1); break;
        case '$': buf_add(&b, geteuid() == 0 ? '#' : '$'); break;
        case 'n': buf_add(&b, '\n'); break;
        case 'r': buf_add(&b, '\r'); break;
        case 'e': buf_add(&b, '\033'); break;
        case 'a': buf_add(&b, '\a'); break;
        case '\\': buf_add(&b, '\\'); break;
        case '[':
        case ']': break;
        default:
            if (c >= '0' && c <= '7') {
                int v = 0, k = 0;
                for (; k < 3 && s[0] >= '0' && s[0] <= '7'; k++, s++) v = v * 8 + (s[0] - '0');
                s--;
                buf_add(&b, (char)v);
            } else {
                buf_add(&b, '\\');
                buf_add(&b, c);
            }
        }
    }
    free(expanded);
    return buf_take(&b);
}

static void run_profile(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return;
    struct buf b = {0};
    buf_adds(&b, "");
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_addn(&b, chunk, n);
    fclose(f);
    char *text = buf_take(&b);
    run_text(text, 1);
    free(text);
    sh.exiting = sh.exiting && !sh.interactive ? 1 : sh.exiting;
    sh.returning = 0;
}

void read_profiles(void) {
    run_profile("/etc/profile");
    const char *home = var_get("HOME");
    if (sh.exiting || !home || !*home) return;
    char path[4096];
    snprintf(path, sizeof path, "%s/.profile", home);
    run_profile(path);
}
