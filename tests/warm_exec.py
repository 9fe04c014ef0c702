"""`python warm_exec.py [-m] ARGS...`: `introlint ARGS` forked from the tests' warm starter.

For a test that hands a command line to something else (an LSP client, an editor, subprocess.run)
where the point is a real `introlint` process and its streams, not the interpreter's start (see
warm_start.py). The forked process gets this command's arguments, working directory, environment
and standard streams; this command ends with its exit status (or dies of its signal), and passes
on SIGINT and SIGTERM. `-m` runs `python -m sage_introlint` instead of the console script.
Imports only the standard library, so it starts in milliseconds.
"""

from __future__ import annotations

import os
import signal
import sys

from warm_start import SOCKET_VARIABLE, ended, request


def main() -> None:
    args = sys.argv[1:]
    module = args[:1] == ["-m"]
    args = args[1:] if module else args
    env = {name: value for name, value in os.environ.items() if name != SOCKET_VARIABLE}
    executable = os.path.join(os.path.dirname(sys.executable), "introlint")
    connection, pid = request(os.environ[SOCKET_VARIABLE], args, os.getcwd(), env, (0, 1, 2), executable, module)
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda received, frame: os.kill(pid, received))
    status, _ = ended(connection)
    if status is None:
        sys.exit(255)
    if os.WIFSIGNALED(status):
        signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
        os.kill(os.getpid(), os.WTERMSIG(status))
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
