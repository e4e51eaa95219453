// ioctl(2) (bocal_v1 IOCTL): hands the request to the open file's `ioctl`.
// The worker passes the argument's bytes (a struct or an int, as the C side
// knows the request's size) and copies back what the call leaves there.
import { Errno } from '../abi/errno.ts';
import { Sys } from '../abi/syscalls.ts';
import { fail } from '../errors.ts';
import type { Call, SyscallEntry } from './call.ts';

/**
 * Implements ioctl(2): args fd, request, argument length; the input is the
 * argument. The output is the argument after the call: the request's
 * result laid over the input, so a request that writes nothing leaves it
 * unchanged. A result longer than the argument the program passed is
 * EFAULT, as Linux's copy_to_user into a too-small buffer is. Returns 0.
 */
function ioctl(call: Call): number | Promise<number> {
  const file = call.process.fds.get(call.arg(0));
  // Linux's `unsigned int cmd`: only the low 32 bits name the request.
  const request = Number(BigInt.asUintN(32, call.bigArg(1)));
  const length = call.arg(2);
  if (length < 0 || length !== call.input.length) fail(Errno.EFAULT);
  const finish = (result: Uint8Array): number => {
    if (result.length > length) fail(Errno.EFAULT);
    const argument = call.input.slice();
    argument.set(result);
    call.output(argument);
    return 0;
  };
  const result = file.ioctl(request, call.input.slice());
  return result instanceof Promise ? result.then(finish) : finish(result);
}

export const ttySyscalls: SyscallEntry[] = [
  {
    number: Sys.IOCTL,
    name: 'ioctl',
    handler: ioctl,
    support: 'partial',
    note: 'Terminal requests (termios, window size, foreground group, controlling terminal, FIONREAD); other files answer ENOTTY.',
  },
];
