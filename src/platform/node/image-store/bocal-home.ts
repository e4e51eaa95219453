// Where bocal keeps its state in Node: $BOCAL_HOME, else
// $XDG_DATA_HOME/bocal, else ~/.local/share/bocal (the XDG default).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function bocalHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BOCAL_HOME) return env.BOCAL_HOME;
  const dataHome = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(dataHome, 'bocal');
}

/** The image store's directory inside bocal's home. */
export const imageStoreDirectory = (home = bocalHome()): string => join(home, 'images');
