// What login(1) does for a user of the emulated host: finds them in
// /etc/passwd, their groups in /etc/group (the primary one first, then
// every group that lists them), and sets the environment a login shell
// starts with (HOME, SHELL, USER, LOGNAME, PATH as Debian's login.defs has
// it, TERM kept from the terminal).
import type { Credentials } from '../../proc/credentials.ts';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export interface Login {
  user: PasswdEntry;
  credentials: Credentials;
  env: string[];
}

export const ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const USER_PATH = '/usr/local/bin:/usr/bin:/bin:/usr/games';

export function parsePasswd(text: string): PasswdEntry[] {
  return text
    .split('\n')
    .map((line) => line.split(':'))
    .filter((fields) => fields.length >= 7 && /^\d+$/.test(fields[2]!) && /^\d+$/.test(fields[3]!))
    .map(([name, , uid, gid, , home, shell]) => ({
      name: name!,
      uid: Number(uid),
      gid: Number(gid),
      home: home!,
      shell: shell!,
    }));
}

/** The supplementary groups of `user`: the primary group, then those whose member list names them. */
export function groupsOf(groupText: string, user: PasswdEntry): number[] {
  const groups = [user.gid];
  for (const line of groupText.split('\n')) {
    const [, , gid, members] = line.split(':');
    if (gid === undefined || !/^\d+$/.test(gid) || members === undefined) continue;
    if (members.split(',').includes(user.name) && !groups.includes(Number(gid))) {
      groups.push(Number(gid));
    }
  }
  return groups;
}

/** The login of `name` (a user name or a uid), or undefined when /etc/passwd has no such user. */
export function loginOf(
  passwdText: string,
  groupText: string,
  name: string,
  term = 'xterm-256color',
): Login | undefined {
  const users = parsePasswd(passwdText);
  const user =
    users.find((u) => u.name === name) ??
    (/^\d+$/.test(name) ? users.find((u) => u.uid === Number(name)) : undefined);
  if (!user) return undefined;
  const { uid, gid } = user;
  return {
    user,
    credentials: {
      uid,
      gid,
      euid: uid,
      egid: gid,
      suid: uid,
      sgid: gid,
      groups: groupsOf(groupText, user),
    },
    env: [
      `HOME=${user.home}`,
      `SHELL=${user.shell}`,
      `USER=${user.name}`,
      `LOGNAME=${user.name}`,
      `PATH=${uid === 0 ? ROOT_PATH : USER_PATH}`,
      `TERM=${term}`,
    ],
  };
}
