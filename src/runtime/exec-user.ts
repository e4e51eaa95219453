// `-u user[:group]` and `--group-add` as runc resolves them in the
// container's root (libcontainer's GetExecUser and GetAdditionalGroups):
// a number is always a uid (its passwd entry, if any, gives the primary
// gid; gid 0 when there is none), a name must be in /etc/passwd; an
// explicit `:group` (a name in /etc/group or a number) replaces the primary
// gid and then no supplementary group is given; otherwise the user's
// supplementary groups are those of /etc/group that list its name.
// `--group-add` names (or numbers) are added to them. Errors are runc's texts.

/** A user spec that does not resolve (the message is runc's). */
export class UserSpecError extends Error {}

export interface ExecUser {
  uid: number;
  gid: number;
  /** Supplementary groups, in /etc/group's order, then --group-add's. */
  groups: number[];
}

/** Rows of a passwd/group file: fields split on ':', comments and blank lines skipped. */
function rows(text: string | undefined): string[][] {
  return (text ?? '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split(':'));
}

const NUMBER = /^\d+$/;
const MAX_ID = 0x7fffffff;

function checkRange(id: number): number {
  if (id > MAX_ID) throw new UserSpecError('uids and gids must be in range 0-2147483647');
  return id;
}

export function execUser(
  spec: string,
  passwd: string | undefined,
  group: string | undefined,
): ExecUser {
  const colon = spec.indexOf(':');
  const userPart = colon >= 0 ? spec.slice(0, colon) : spec;
  const groupPart = colon >= 0 ? spec.slice(colon + 1) : '';
  const numericUser = NUMBER.test(userPart);
  const entry = rows(passwd).find((row) =>
    numericUser ? row[2] === String(Number(userPart)) : row[0] === userPart,
  );
  const user: ExecUser = { uid: 0, gid: 0, groups: [] };
  if (entry) {
    user.uid = Number(entry[2]);
    user.gid = Number(entry[3]);
  } else if (numericUser) {
    user.uid = checkRange(Number(userPart));
  } else {
    throw new UserSpecError(`unable to find user ${userPart}: no matching entries in passwd file`);
  }
  const groups = rows(group);
  if (groupPart !== '') {
    const numericGroup = NUMBER.test(groupPart);
    const found = groups.find((row) =>
      numericGroup ? row[2] === String(Number(groupPart)) : row[0] === groupPart,
    );
    if (found) user.gid = Number(found[2]);
    else if (numericGroup) user.gid = checkRange(Number(groupPart));
    else {
      throw new UserSpecError(
        `unable to find group ${groupPart}: no matching entries in group file`,
      );
    }
  } else if (entry) {
    const name = entry[0]!;
    user.groups = groups
      .filter((row) => (row[3] ?? '').split(',').includes(name))
      .map((row) => Number(row[2]));
  }
  return user;
}

/** `--group-add`: each a group name of /etc/group or a number, once each. */
export function additionalGroups(names: readonly string[], group: string | undefined): number[] {
  const groups = rows(group);
  const result: number[] = [];
  for (const name of names) {
    const numeric = NUMBER.test(name);
    const found = groups.find((row) => row[0] === name || (numeric && row[2] === name));
    let gid: number;
    if (found) gid = Number(found[2]);
    else if (numeric) gid = checkRange(Number(name));
    else throw new UserSpecError(`Unable to find group ${name}: no matching entries in group file`);
    if (!result.includes(gid)) result.push(gid);
  }
  return result;
}
