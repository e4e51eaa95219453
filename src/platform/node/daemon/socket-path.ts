// Where the daemon listens: a unix socket in bocal's home.
import { join } from 'node:path';
import { bocalHome } from '../image-store/bocal-home.ts';

export const daemonSocketPath = (home = bocalHome()): string => join(home, 'bocal.sock');
export const daemonLogPath = (home = bocalHome()): string => join(home, 'daemon.log');
