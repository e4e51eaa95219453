# Runs a shell on a new pseudo-terminal with scripted keystrokes, for the
# shell's interactive tests (sh-interactive.test.ts): the same steps drive
# dash on real Linux, box's sh built natively, and box's sh on the bocal
# kernel (through `bocal shell`, whose keyboard is this pty). Like
# test/tty/pty-session.py, plus {"pause": seconds} steps: a key such as ^Z
# must reach the terminal after the job took it over, and nothing on the
# screen says when that happened.
#
# Usage: python3 sh-pty-session.py STEPS_JSON COMMAND [ARGS...]
# Steps: {"expect": text}, {"send": text}, {"pause": seconds}.
# Prints {"screen": ..., "status": exit code, "error": null or a message}.
import json
import os
import pty
import select
import sys
import time

TIMEOUT_SECONDS = 60.0


def read_some(fd, screen, until):
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


def main():
    steps = json.loads(sys.argv[1])
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[2], sys.argv[2:])
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
        elif "pause" in step:
            until = time.monotonic() + step["pause"]
            while time.monotonic() < until and read_some(fd, screen, until):
                pass
        else:
            os.write(fd, step["send"].encode())
        if error:
            break
    if error:
        os.kill(pid, 9)
    drained = min(deadline, time.monotonic() + 5)
    while read_some(fd, screen, drained):
        pass
    # A shell that did not end by now (a stopped job kept it) is killed.
    for _ in range(50):
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.1)
    else:
        error = error or "the shell did not exit"
        os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
    code = 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    print(json.dumps({"screen": screen.decode("utf-8", "replace"), "status": code, "error": error}))


main()
