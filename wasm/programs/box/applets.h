/* applets.h: the applets of the multi-call binary, one entry point each,
 * `int NAME_main(int argc, char **argv)` with argv[0] the applet's name. */
#ifndef BOX_APPLETS_H
#define BOX_APPLETS_H

struct applet {
    const char *name;
    int (*main)(int argc, char **argv);
};

/* The table, sorted by name, ended by a row with a NULL name. */
extern const struct applet applets[];

/* The applet called `name`, or NULL. */
const struct applet *find_applet(const char *name);

int awk_main(int, char **);
int base64_main(int, char **);
int basename_main(int, char **);
int cat_main(int, char **);
int chmod_main(int, char **);
int chown_main(int, char **);
int chroot_main(int, char **);
int clear_main(int, char **);
int cmp_main(int, char **);
int cp_main(int, char **);
int cut_main(int, char **);
int date_main(int, char **);
int df_main(int, char **);
int diff_main(int, char **);
int dirname_main(int, char **);
int dmesg_main(int, char **);
int docker_init_main(int, char **);
int du_main(int, char **);
int echo_main(int, char **);
int env_main(int, char **);
int false_main(int, char **);
int find_main(int, char **);
int free_main(int, char **);
int grep_main(int, char **);
int groups_main(int, char **);
int gunzip_main(int, char **);
int gzip_main(int, char **);
int head_main(int, char **);
int hexdump_main(int, char **);
int hostname_main(int, char **);
int id_main(int, char **);
int ip_main(int, char **);
int ipcmk_main(int, char **);
int ipcrm_main(int, char **);
int ipcs_main(int, char **);
int kill_main(int, char **);
int less_main(int, char **);
int ln_main(int, char **);
int logger_main(int, char **);
int ls_main(int, char **);
int lsns_main(int, char **);
int md5sum_main(int, char **);
int mkdir_main(int, char **);
int more_main(int, char **);
int mount_main(int, char **);
int mv_main(int, char **);
int nc_main(int, char **);
int nice_main(int, char **);
int nproc_main(int, char **);
int nsenter_main(int, char **);
int od_main(int, char **);
int paste_main(int, char **);
int printenv_main(int, char **);
int printf_main(int, char **);
int ps_main(int, char **);
int pwd_main(int, char **);
int readlink_main(int, char **);
int realpath_main(int, char **);
int rm_main(int, char **);
int rmdir_main(int, char **);
int sed_main(int, char **);
int seq_main(int, char **);
int sha256sum_main(int, char **);
int sleep_main(int, char **);
int sort_main(int, char **);
int stat_main(int, char **);
int stty_main(int, char **);
int tail_main(int, char **);
int tar_main(int, char **);
int tee_main(int, char **);
int test_main(int, char **);
int timeout_main(int, char **);
int top_main(int, char **);
int touch_main(int, char **);
int tr_main(int, char **);
int true_main(int, char **);
int tty_main(int, char **);
int umount_main(int, char **);
int uname_main(int, char **);
int uniq_main(int, char **);
int unshare_main(int, char **);
int uptime_main(int, char **);
int vi_main(int, char **);
int watch_main(int, char **);
int wc_main(int, char **);
int which_main(int, char **);
int whoami_main(int, char **);
int xargs_main(int, char **);
int xxd_main(int, char **);
int yes_main(int, char **);
int zcat_main(int, char **);

#endif
