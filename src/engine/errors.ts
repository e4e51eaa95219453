// Failures the engine reports as dockerd does: the code says which HTTP
// status dockerd would answer (and so the CLI's exit code), the message is
// dockerd's text.
export type EngineErrorCode =
  | 'not-found'
  | 'conflict'
  | 'invalid'
  /** The command is missing in the container (exit 127). */
  | 'command-not-found'
  /** The command exists but cannot be run (exit 126). */
  | 'command-not-executable';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
  }
}
