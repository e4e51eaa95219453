// What dockerd does to a container's root before the runtime starts it:
// the working directory (-w) made when missing (in the writable layer, as
// Docker does), and the user (-u, --group-add) resolved against the image's
// /etc/passwd and /etc/group. Only a container that asks for either pays
// for opening its root here.
import type { RootSpec, Runtime } from '../runtime/runtime.ts';
import type { ContainerRecord } from './container.ts';
import { EngineError } from './errors.ts';
import { resolveUser, type ResolvedUser } from './user.ts';

export interface PreparedRoot {
  root: RootSpec;
  user?: ResolvedUser;
}

const text = (bytes: Uint8Array | undefined): string | undefined =>
  bytes === undefined ? undefined : new TextDecoder().decode(bytes);

export async function prepareRoot(
  runtime: Runtime,
  record: ContainerRecord,
  root: RootSpec,
): Promise<PreparedRoot> {
  const user = record.Config.User;
  const groupAdd = record.HostConfig.GroupAdd ?? [];
  const cwd = record.Config.WorkingDir;
  const makeCwd = cwd !== '' && cwd !== '/';
  const fs = runtime.filesystem(record.Id, root);
  let prepared = root;
  const cwdKind = makeCwd ? fs.kind(cwd) : 'directory';
  if (cwdKind === undefined) {
    fs.makeDirectory(cwd);
    prepared = { ...root, changes: await fs.changes() };
  } else if (cwdKind !== 'directory') {
    // dockerd's SetupWorkingDirectory (it checks at create; here at start).
    throw new EngineError('invalid', `Cannot mkdir: ${cwd} is not a directory`);
  }
  // Even without -u: root gets the supplementary groups /etc/group lists it
  // in, as runc gives them (`docker run alpine id` shows wheel, adm, ...).
  const passwd = text(await fs.readFile('/etc/passwd'));
  const group = text(await fs.readFile('/etc/group'));
  // No -u is root, as runc resolves an empty user (uid 0's entry).
  return { root: prepared, user: resolveUser(user || '0', passwd, group, groupAdd) };
}
