# Runs a command on a new pseudo-terminal, as a user at a terminal would:
# waits for text to appear, types keys, and reports everything the terminal
# showed and how the command ended. Used by the end-to-end tty tests and the
# interactive shell's tests (sh-interactive.test.ts).
#
# Usage: python3 pty-session.py [--timeout SECONDS] STEPS_JSON COMMAND [ARGS...]
# STEPS_JSON is a list of steps:
#   {"expect": text}    wait until text appears after what was expected before;
#   {"send": text}      type text;
#   {"pause": seconds}  wait, reading: a key such as ^Z must reach the terminal
#                       after a job took it over, and nothing on the screen
#                       says when that happened.
# The whole session has --timeout seconds (30 unless told).
# Prints one JSON object: {"screen": ..., "status": exit code (128+N for
# signal N), "error": null or a message}.
import json
import os
import pty
import select
import sys
import time

DEFAULT_TIMEOUT_SECONDS = 30.0
# Once the command has exited, what its leftovers (a stopped job keeps the
# terminal open) print within this long of quiet is still shown.
QUIET_AFTER_EXIT_SECONDS = 0.5
# How long a command still running at the end is given to exit before it is killed.
EXIT_GRACE_SECONDS = 5.0


def read_some(fd, screen, until):
    """Reads what the terminal shows until `until`, for 0.1s at most: False
    once the terminal is closed or the time is up."""
    remaining = until - time.monotonic()
    if remaining <= 0:
        return False
    ready, _, _ = select.select([fd], [], [], min(remaining, 0.1))
    if not ready:
        return True
    try:
        data = os.read(fd, 4096)
    except OSError:
        return False
    if not data:
        return False
    screen.extend(data)
    return True


def play(steps, fd, screen, deadline):
    """Plays the steps; the error that stopped them, or None."""
    seen = 0
    for step in steps:
        if "expect" in step:
            wanted = step["expect"].encode()
            while True:
                at = screen.find(wanted, seen)
                if at >= 0:
                    seen = at + len(wanted)
                    break
                if not read_some(fd, screen, deadline):
                    return "never saw %r" % step["expect"]
        elif "pause" in step:
            until = min(deadline, time.monotonic() + step["pause"])
            while time.monotonic() < until and read_some(fd, screen, until):
                pass
        else:
            os.write(fd, step["send"].encode())
    return None


def finish(pid, fd, screen, deadline):
    """Reads until the terminal closes, or the command has exited and gone
    quiet, or the deadline; kills a command still running a few seconds
    after that. Its wait status, and an error if it had to be killed."""
    status = None
    while True:
        if status is None:
            done, wait_status = os.waitpid(pid, os.WNOHANG)
            if done:
                status = wait_status
        if status is not None:
            before = len(screen)
            quiet_until = min(deadline, time.monotonic() + QUIET_AFTER_EXIT_SECONDS)
            while read_some(fd, screen, quiet_until):
                pass
            if len(screen) == before:
                return status, None
        elif not read_some(fd, screen, deadline):
            break
    # The terminal closed (the command is ending) or the time is up.
    grace = time.monotonic() + EXIT_GRACE_SECONDS
    while time.monotonic() < grace:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status, None
        time.sleep(0.05)
    os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    return status, "the command did not exit"


def main():
    args = sys.argv[1:]
    timeout = DEFAULT_TIMEOUT_SECONDS
    if args[:1] == ["--timeout"]:
        timeout = float(args[1])
        args = args[2:]
    steps = json.loads(args[0])
    command = args[1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    screen = bytearray()
    deadline = time.monotonic() + timeout
    error = play(steps, fd, screen, deadline)
    if error:
        os.kill(pid, 9)
    status, unfinished = finish(pid, fd, screen, deadline)
    error = error or unfinished
    code = 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    print(json.dumps({"screen": screen.decode("utf-8", "replace"), "status": code, "error": error}))


main()
