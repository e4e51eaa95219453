# Runs a command on a new pseudo-terminal, as a user at a terminal would:
# waits for text to appear, types keys, and reports everything the terminal
# showed and how the command ended. Used by the end-to-end tty tests.
#
# Usage: python3 pty-session.py STEPS_JSON COMMAND [ARGS...]
# STEPS_JSON is a list of {"expect": text} and {"send": text} steps.
# Prints one JSON object: {"screen": ..., "status": shell exit code, "error": ...}.
import json
import os
import pty
import select
import sys
import time

TIMEOUT_SECONDS = 30.0


def read_some(fd, screen, deadline):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return False
    ready, _, _ = select.select([fd], [], [], min(remaining, 0.2))
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


def main():
    steps = json.loads(sys.argv[1])
    command = sys.argv[2:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    screen = bytearray()
    error = None
    deadline = time.monotonic() + TIMEOUT_SECONDS
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
                    error = "never saw %r" % step["expect"]
                    break
        else:
            os.write(fd, step["send"].encode())
        if error:
            break
    if error:
        os.kill(pid, 9)
    while read_some(fd, screen, deadline):
        pass
    _, status = os.waitpid(pid, 0)
    code = 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    print(json.dumps({"screen": screen.decode("utf-8", "replace"), "status": code, "error": error}))


main()
