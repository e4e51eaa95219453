/* applets.c: the table of the multi-call binary's applets, name to entry
 * point, in C-locale order (find_applet searches it linearly: it is short). */
#include "applets.h"

#include <string.h>

/* Each applet's entry point is declared in applets.h; the shell declares
 * its own sh_main where it adds its row. */
int sh_main(int, char **); /* wasm/programs/box/sh.h */

const struct applet applets[] = {
    {"awk", awk_main},
    {"base64", base64_main},
    {"basename", basename_main},
    {"cat", cat_main},
    {"chroot", chroot_main},
    {"clear", clear_main},
    {"cmp", cmp_main},
    {"cp", cp_main},
    {"cut", cut_main},
    {"date", date_main},
    {"df", df_main},
    {"diff", diff_main},
    {"dirname", dirname_main},
    {"du", du_main},
    {"echo", echo_main},
    {"env", env_main},
    {"false", false_main},
    {"find", find_main},
    {"free", free_main},
    {"grep", grep_main},
    {"gunzip", gunzip_main},
    {"gzip", gzip_main},
    {"head", head_main},
    {"hostname", hostname_main},
    {"id", id_main},
    {"kill", kill_main},
    {"ln", ln_main},
    {"ls", ls_main},
    {"lsns", lsns_main},
    {"md5sum", md5sum_main},
    {"mkdir", mkdir_main},
    {"mount", mount_main},
    {"mv", mv_main},
    {"nice", nice_main},
    {"nproc", nproc_main},
    {"nsenter", nsenter_main},
    {"paste", paste_main},
    {"printenv", printenv_main},
    {"printf", printf_main},
    {"ps", ps_main},
    {"pwd", pwd_main},
    {"readlink", readlink_main},
    {"rm", rm_main},
    {"rmdir", rmdir_main},
    {"sed", sed_main},
    {"seq", seq_main},
    {"sh", sh_main},
    {"sha256sum", sha256sum_main},
    {"sleep", sleep_main},
    {"sort", sort_main},
    {"stat", stat_main},
    {"stty", stty_main},
    {"tail", tail_main},
    {"tar", tar_main},
    {"tee", tee_main},
    {"timeout", timeout_main},
    {"touch", touch_main},
    {"tr", tr_main},
    {"true", true_main},
    {"tty", tty_main},
    {"umount", umount_main},
    {"uname", uname_main},
    {"uniq", uniq_main},
    {"unshare", unshare_main},
    {"uptime", uptime_main},
    {"wc", wc_main},
    {"which", which_main},
    {"whoami", whoami_main},
    {"xargs", xargs_main},
    {"yes", yes_main},
    {"zcat", zcat_main},
    {NULL, NULL},
};

const struct applet *find_applet(const char *name) {
    for (const struct applet *applet = applets; applet->name; applet++)
        if (strcmp(applet->name, name) == 0) return applet;
    return NULL;
}
