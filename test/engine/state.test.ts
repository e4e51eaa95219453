// Docker's container state machine: which moves each state allows, and
// dockerd's wording when one is refused.
import { describe, expect, it } from 'vitest';
import { checkTransition, type ContainerStatus } from '../../src/engine/state.ts';

const ID = 'f'.repeat(64);
const allowed = (status: ContainerStatus, action: Parameters<typeof checkTransition>[1]) => {
  try {
    checkTransition(status, action, ID);
    return true;
  } catch {
    return false;
  }
};

describe('container states', () => {
  it('allows what dockerd allows', () => {
    expect(allowed('created', 'start')).toBe(true);
    expect(allowed('exited', 'start')).toBe(true);
    expect(allowed('running', 'kill')).toBe(true);
    expect(allowed('running', 'pause')).toBe(true);
    expect(allowed('paused', 'unpause')).toBe(true);
    expect(allowed('exited', 'remove')).toBe(true);
    expect(allowed('created', 'remove')).toBe(true);
  });

  it("refuses the rest with dockerd's messages", () => {
    expect(() => checkTransition('running', 'remove', ID)).toThrow(
      `You cannot remove a running container ${ID}. Stop the container before attempting removal or force remove`,
    );
    expect(() => checkTransition('exited', 'kill', ID)).toThrow(
      `Cannot kill container: ${ID}: Container ${ID} is not running`,
    );
    expect(() => checkTransition('paused', 'start', ID)).toThrow(
      'cannot start a paused container, try unpause instead',
    );
    expect(() => checkTransition('exited', 'pause', ID)).toThrow(`Container ${ID} is not running`);
    expect(() => checkTransition('running', 'unpause', ID)).toThrow(
      `Container ${ID} is not paused`,
    );
    expect(allowed('created', 'kill')).toBe(false);
    expect(allowed('paused', 'remove')).toBe(false);
  });
});
