// A container's life as Docker's daemon tracks it: the states `docker ps`
// shows and the moves between them; a refused move is a conflict with the
// message Docker gives.
export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'exited' | 'dead';

export type ContainerAction = 'start' | 'stop' | 'kill' | 'pause' | 'unpause' | 'remove' | 'exit';

const ALLOWED: Record<ContainerAction, readonly ContainerStatus[]> = {
  start: ['created', 'exited', 'restarting'],
  stop: ['created', 'running', 'paused', 'restarting', 'exited'],
  kill: ['running', 'paused', 'restarting'],
  pause: ['running'],
  unpause: ['paused'],
  remove: ['created', 'exited', 'dead'],
  exit: ['running', 'paused', 'restarting'],
};

export class StateError extends Error {
  constructor(message: string) {
    super(message);
  }
}

/** Throws Docker's error when `action` is not allowed in `status`; `id` names the container. */
export function checkTransition(
  status: ContainerStatus,
  action: ContainerAction,
  id: string,
): void {
  if (ALLOWED[action].includes(status)) return;
  switch (action) {
    case 'kill':
      throw new StateError(`Cannot kill container: ${id}: Container ${id} is not running`);
    case 'pause':
      throw new StateError(
        status === 'paused'
          ? `Container ${id} is already paused`
          : `Container ${id} is not running`,
      );
    case 'unpause':
      throw new StateError(`Container ${id} is not paused`);
    case 'remove':
      throw new StateError(
        `You cannot remove a ${status} container ${id}. Stop the container before attempting removal or force remove`,
      );
    case 'start':
      throw new StateError(
        status === 'paused'
          ? `cannot start a paused container, try unpause instead`
          : `Container ${id} is already ${status}`,
      );
    default:
      throw new StateError(`Container ${id} cannot ${action} while ${status}`);
  }
}
