// `-u user[:group]` and `--group-add` resolved against the image's
// /etc/passwd and /etc/group as runc does (runtime/exec-user.ts), its
// refusals turned into dockerd's answers (exit 125 from `docker run`).
import { additionalGroups, execUser, UserSpecError } from '../runtime/exec-user.ts';
import { EngineError } from './errors.ts';

export interface ResolvedUser {
  uid: number;
  gid: number;
  /** Supplementary groups (the user's in /etc/group, then --group-add's). */
  groups: number[];
}

export function resolveUser(
  spec: string,
  passwd: string | undefined,
  group: string | undefined,
  groupAdd: readonly string[] = [],
): ResolvedUser {
  try {
    const user = execUser(spec, passwd, group);
    const groups = [...user.groups, ...additionalGroups(groupAdd, group)];
    return { ...user, groups: [...new Set(groups)] };
  } catch (error) {
    if (error instanceof UserSpecError) throw new EngineError('invalid', error.message);
    throw error;
  }
}
