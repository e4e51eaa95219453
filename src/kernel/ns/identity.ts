// Namespace identities: the inode numbers of /proc/<pid>/ns links. Linux
// gives initial namespaces fixed numbers (kind.ts) and new ones numbers
// from its proc inode allocator, which on a booted system start near
// 4026532000; ours start there too so `lsns` output looks familiar. One
// allocator per kernel, so two kernels in one page or test never share.

const FIRST_DYNAMIC_ID = 4026532160;

export class NamespaceIds {
  private next = FIRST_DYNAMIC_ID;

  allocate(): number {
    return this.next++;
  }
}
