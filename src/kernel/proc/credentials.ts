// A process's identity for permission checks (credentials(7)).
export interface Credentials {
  uid: number;
  gid: number;
  euid: number;
  egid: number;
  suid: number;
  sgid: number;
  /** Supplementary groups. */
  groups: number[];
}

export function rootCredentials(): Credentials {
  return { uid: 0, gid: 0, euid: 0, egid: 0, suid: 0, sgid: 0, groups: [] };
}

export function cloneCredentials(c: Credentials): Credentials {
  return { ...c, groups: [...c.groups] };
}
