// The set*id(2) rules of credentials(7). `privileged` is CAP_SETUID /
// CAP_SETGID in the caller's user namespace (the syscall layer decides it:
// ns/capability.ts; euid 0 by default). Ids here are kernel ids; the
// syscall layer maps the caller's ids through its user namespace first.
// Ids are unsigned 32-bit; (uid_t)-1 means "leave unchanged" where the
// call allows it and EINVAL elsewhere.
import { Errno } from '../abi/errno.ts';
import { fail } from '../errors.ts';
import type { Credentials } from './credentials.ts';

export const UNCHANGED_ID = 0xffffffff;
/** Linux's NGROUPS_MAX. */
export const NGROUPS_MAX = 65536;

function validId(id: number): void {
  if (!Number.isInteger(id) || id < 0 || id >= UNCHANGED_ID) fail(Errno.EINVAL);
}

/** Which of a triple the rules below change: real, effective, saved. */
interface IdTriple {
  real: number;
  effective: number;
  saved: number;
}

function setidRule(privileged: boolean, ids: IdTriple, id: number): IdTriple {
  validId(id);
  if (privileged) return { real: id, effective: id, saved: id };
  if (id !== ids.real && id !== ids.saved) fail(Errno.EPERM);
  return { ...ids, effective: id };
}

function setreidRule(
  privileged: boolean,
  ids: IdTriple,
  real: number,
  effective: number,
): IdTriple {
  const next = { ...ids };
  if (real !== UNCHANGED_ID) {
    validId(real);
    if (!privileged && real !== ids.real && real !== ids.effective) fail(Errno.EPERM);
    next.real = real;
  }
  if (effective !== UNCHANGED_ID) {
    validId(effective);
    const allowed = [ids.real, ids.effective, ids.saved];
    if (!privileged && !allowed.includes(effective)) fail(Errno.EPERM);
    next.effective = effective;
  }
  if (real !== UNCHANGED_ID || (effective !== UNCHANGED_ID && effective !== ids.real)) {
    next.saved = next.effective;
  }
  return next;
}

function setresidRule(privileged: boolean, ids: IdTriple, wanted: IdTriple): IdTriple {
  const allowed = [ids.real, ids.effective, ids.saved];
  const next = { ...ids };
  for (const key of ['real', 'effective', 'saved'] as const) {
    const id = wanted[key];
    if (id === UNCHANGED_ID) continue;
    validId(id);
    if (!privileged && !allowed.includes(id)) fail(Errno.EPERM);
    next[key] = id;
  }
  return next;
}

const uids = (c: Credentials): IdTriple => ({ real: c.uid, effective: c.euid, saved: c.suid });
const gids = (c: Credentials): IdTriple => ({ real: c.gid, effective: c.egid, saved: c.sgid });

function applyUids(c: Credentials, ids: IdTriple): void {
  c.uid = ids.real;
  c.euid = ids.effective;
  c.suid = ids.saved;
}

function applyGids(c: Credentials, ids: IdTriple): void {
  c.gid = ids.real;
  c.egid = ids.effective;
  c.sgid = ids.saved;
}

/** setuid(2): privileged sets all three; otherwise euid to the real or saved uid. */
export function setuid(c: Credentials, uid: number, privileged = c.euid === 0): void {
  applyUids(c, setidRule(privileged, uids(c), uid));
}

export function setgid(c: Credentials, gid: number, privileged = c.euid === 0): void {
  applyGids(c, setidRule(privileged, gids(c), gid));
}

/** setreuid(2): the saved uid follows the new euid when the real uid is set or euid ≠ old real. */
export function setreuid(
  c: Credentials,
  ruid: number,
  euid: number,
  privileged = c.euid === 0,
): void {
  applyUids(c, setreidRule(privileged, uids(c), ruid, euid));
}

export function setregid(
  c: Credentials,
  rgid: number,
  egid: number,
  privileged = c.euid === 0,
): void {
  applyGids(c, setreidRule(privileged, gids(c), rgid, egid));
}

/** setresuid(2): unprivileged, each new id must be one of the current three. */
export function setresuid(
  c: Credentials,
  ruid: number,
  euid: number,
  suid: number,
  privileged = c.euid === 0,
): void {
  applyUids(c, setresidRule(privileged, uids(c), { real: ruid, effective: euid, saved: suid }));
}

export function setresgid(
  c: Credentials,
  rgid: number,
  egid: number,
  sgid: number,
  privileged = c.euid === 0,
): void {
  applyGids(c, setresidRule(privileged, gids(c), { real: rgid, effective: egid, saved: sgid }));
}

/** setgroups(2): privileged only (EPERM), at most NGROUPS_MAX (EINVAL). */
export function setgroups(c: Credentials, groups: number[], privileged = c.euid === 0): void {
  if (!privileged) fail(Errno.EPERM);
  if (groups.length > NGROUPS_MAX) fail(Errno.EINVAL);
  for (const gid of groups) validId(gid);
  // Kept sorted, as Linux's groups_sort: getgroups lists them in order.
  c.groups = [...groups].sort((a, b) => a - b);
}
