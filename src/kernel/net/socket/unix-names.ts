// AF_UNIX names of one network namespace: the abstract ones (a name that
// starts with a NUL byte, Linux's extension), which live in the namespace
// and vanish with their socket. Path names are socket inodes in the
// filesystem instead (unix-path.ts), reachable from any namespace that
// sees the file, as on Linux.
import { Errno } from '../../abi/errno.ts';
import { AF_UNIX } from '../../abi/socket.ts';
import { fail } from '../../errors.ts';
import type { SocketAddress, UnixAddress } from './address.ts';

export function unnamed(): UnixAddress {
  return { family: AF_UNIX, path: '', abstract: false };
}

export class UnixNames {
  private readonly abstract = new Map<string, object>();
  private readonly names = new Map<object, UnixAddress>();
  private autobindCounter = 0;

  bind(socket: object, address: SocketAddress): UnixAddress {
    if (address.family !== AF_UNIX) return fail(Errno.EINVAL);
    if (!address.abstract && address.path === '') return this.autobind(socket);
    if (address.abstract) {
      if (this.abstract.has(address.path)) fail(Errno.EADDRINUSE);
      this.abstract.set(address.path, socket);
    }
    // A path's uniqueness is the filesystem's: the syscall layer made its inode (unix-path.ts).
    this.names.set(socket, address);
    return address;
  }

  /** Linux's autobind: an abstract name of five hex digits. */
  private autobind(socket: object): UnixAddress {
    for (;;) {
      const name = (this.autobindCounter++ & 0xfffff).toString(16).padStart(5, '0');
      if (this.abstract.has(name)) continue;
      const address: UnixAddress = { family: AF_UNIX, path: name, abstract: true };
      this.abstract.set(name, socket);
      this.names.set(socket, address);
      return address;
    }
  }

  lookup(address: UnixAddress): object | undefined {
    if (address.abstract) return this.abstract.get(address.path);
    return address.socket;
  }

  release(socket: object): void {
    const address = this.names.get(socket);
    if (!address) return;
    this.names.delete(socket);
    if (address.abstract) this.abstract.delete(address.path);
  }

  /** Every named socket with its name (for /proc/net/unix). */
  entries(): [object, UnixAddress][] {
    return [...this.names];
  }
}
