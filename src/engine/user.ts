// `-u user[:group]` as runc resolves it in the container's root: a name is
// looked up in /etc/passwd (its uid and primary gid), a number is used as
// is (gid 0 when /etc/passwd does not know it), `:group` by name in
// /etc/group or by number. Errors are runc's texts.
import { EngineError } from './errors.ts';

export interface ResolvedUser {
  uid: number;
  gid: number;
}

/** Rows of a passwd/group file: fields split on ':', comments and blank lines skipped. */
function rows(text: string | undefined): string[][] {
  return (text ?? '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split(':'));
}

const NUMBER = /^\d+$/;

export function resolveUser(
  spec: string,
  passwd: string | undefined,
  group: string | undefined,
): ResolvedUser {
  const colon = spec.indexOf(':');
  const userPart = colon >= 0 ? spec.slice(0, colon) : spec;
  const groupPart = colon >= 0 ? spec.slice(colon + 1) : undefined;
  const users = rows(passwd);
  const byName = users.find((row) => row[0] === userPart);
  const byId = NUMBER.test(userPart) ? users.find((row) => row[2] === userPart) : undefined;
  const entry = byName ?? byId;
  let uid: number;
  let gid: number;
  if (entry) {
    uid = Number(entry[2]);
    gid = Number(entry[3]);
  } else if (NUMBER.test(userPart)) {
    uid = Number(userPart);
    gid = 0;
  } else {
    throw new EngineError(
      'invalid',
      `unable to find user ${userPart}: no matching entries in passwd file`,
    );
  }
  if (groupPart !== undefined && groupPart !== '') {
    const groups = rows(group);
    const found =
      groups.find((row) => row[0] === groupPart) ??
      (NUMBER.test(groupPart) ? groups.find((row) => row[2] === groupPart) : undefined);
    if (found) gid = Number(found[2]);
    else if (NUMBER.test(groupPart)) gid = Number(groupPart);
    else {
      throw new EngineError(
        'invalid',
        `unable to find group ${groupPart}: no matching entries in group file`,
      );
    }
  }
  if (uid > 0xffffffff || gid > 0xffffffff)
    throw new EngineError('invalid', `invalid user ${spec}`);
  return { uid, gid };
}
