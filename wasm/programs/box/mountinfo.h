/* mountinfo.h: the caller's mount table from /proc/self/mountinfo, for
 * mount (its listing, remount's source) and umount (-R). */
#ifndef BOX_MOUNTINFO_H
#define BOX_MOUNTINFO_H

struct mount_entry {
    char *target;     /* the mount point, unescaped */
    char *fstype;
    char *source;     /* unescaped */
    char *vfs_options;   /* per-mount options: rw,nosuid,relatime */
    char *super_options; /* the filesystem's: rw,size=1024k */
};

/* Every mount, in the file's order, ended by an entry with a NULL target;
 * NULL (errno set) if the file cannot be read. */
struct mount_entry *read_mountinfo(void);
void free_mountinfo(struct mount_entry *entries);

#endif
