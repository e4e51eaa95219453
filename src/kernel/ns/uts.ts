// The UTS namespace: the host and domain names uname(2) reports.
import type { Uts } from '../uts.ts';
import { NamespaceKind } from './kind.ts';
import { Namespace } from './namespace.ts';
import type { UserNamespace } from './user.ts';

export class UtsNamespace extends Namespace {
  readonly kind = NamespaceKind.Uts;

  constructor(
    id: number,
    owner: UserNamespace | undefined,
    readonly names: Uts,
  ) {
    super(id, owner);
  }
}
