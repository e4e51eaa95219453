// The names uname(2) reports that a privileged process may change: the host
// name and the NIS domain name. Linux keeps them per UTS namespace; for now
// the kernel has one, and `clone()` is what unshare(CLONE_NEWUTS) will use
// to give a new namespace a copy of its parent's names.

/** Linux's limit on each name (__NEW_UTS_LEN), in bytes, without the NUL. */
export const UTS_NAME_MAX = 64;

export class Uts {
  constructor(
    /** The host name (uname -n, hostname(1)). */
    public nodename = 'bocal',
    /** The NIS domain name (domainname(1)); Linux's "(none)" when unset. */
    public domainname = '(none)',
  ) {}

  clone(): Uts {
    return new Uts(this.nodename, this.domainname);
  }
}
