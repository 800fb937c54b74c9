"""Running a command at a real (pseudo-)terminal, for what only a terminal can do: hidden
password prompts and questions that wait for an answer."""

from __future__ import annotations

import os
import pty
import select
import signal
import time
from collections.abc import Mapping, Sequence
from pathlib import Path


def run_in_terminal(
    args: Sequence[str],
    answers: Sequence[tuple[str, str]] = (),
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
) -> tuple[int, str]:
    """Run ``args`` with a new pseudo-terminal as its controlling terminal, standard input
    and output; answer each prompt in turn (wait for the text, then type the line); return
    the exit code and everything the terminal showed (LF line ends)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: nothing but exec (the parent may have threads)
        try:
            if cwd is not None:
                os.chdir(cwd)
            os.execvpe(args[0], list(args), dict(env if env is not None else os.environ))
        finally:
            os._exit(127)
    shown, seen, pending = b"", 0, list(answers)
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                raise TimeoutError(f"{' '.join(args)} did not finish in {timeout} s; it showed: {shown!r}")
            ready, _, _ = select.select([fd], [], [], min(left, 0.2))
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # EIO: the child closed the terminal
                    chunk = b""
                if not chunk:
                    break
                shown += chunk
            if pending and pending[0][0].encode() in shown[seen:]:
                seen = len(shown)
                os.write(fd, pending.pop(0)[1].encode() + b"\n")
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    return os.waitstatus_to_exitcode(status), shown.decode(errors="replace").replace("\r\n", "\n")
