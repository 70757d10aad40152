"""What the throwaway servers (pg_server.py, spark_cluster.py) share about processes: a free loopback port,
whether a process still runs, and SIGTERM/SIGHUP turned into an exception so that cleanup code runs."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from collections.abc import Iterator


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """Turn SIGTERM/SIGHUP into SystemExit inside the block, so `finally` clauses (the server stop) run."""

    def handler(signum, _frame):
        raise SystemExit(128 + signum)

    previous = {}
    for sig in (signal.SIGTERM, signal.SIGHUP):
        try:
            previous[sig] = signal.signal(sig, handler)
        except ValueError:  # not the main thread: leave signals alone
            pass
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
