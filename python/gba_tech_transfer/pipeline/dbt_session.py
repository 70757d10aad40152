"""One dbt session per command: the project is parsed once, and every dbt command the command needs (run-operation
to land or switch a load, build, source freshness) runs in this process on that parse.

dbt's programmatic invocation (dbtRunner, https://docs.getdbt.com/reference/programmatic-invocations) takes a
parsed manifest, so a command that lands, builds and reports freshness pays for one start of dbt and one parse
(about 10 s on this project without a partial parse to reuse) instead of three. dbt runs one command at a time in
a process; the session does the same.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

from .. import PROJECT_DIR


class DbtSession:
    """dbt commands against the target `target` and the database that `env` points the profile at. The project is
    parsed when the session starts (DbtFailed when it cannot be)."""

    def __init__(self, target: str, env: dict[str, str], project_dir: Path = PROJECT_DIR) -> None:
        # profiles.yml reads the database path from the environment; dbt reads it when the project is parsed.
        os.environ.update(env)
        self.target = target
        self.project_dir = project_dir
        self._runner = None
        self._parsed()

    def _common(self) -> list[str]:
        return ["--project-dir", str(self.project_dir), "--target", self.target]

    def _parsed(self):
        from dbt.cli.main import dbtRunner

        if self._runner is None:
            parsed = dbtRunner().invoke(["parse", *self._common()])
            _reraise_interrupt(parsed)
            if not parsed.success:
                raise DbtFailed("dbt parse", 2)
            self._runner = dbtRunner(manifest=parsed.result)
        return self._runner

    def invoke(self, command: list[str], extra: list[str] = ()) -> int:
        """`dbt <command> --target … <extra>` on the session's parse; dbt's exit code (0, 1 failure, 2 error)."""
        result = self._parsed().invoke([*command, *self._common(), *extra])
        _release_duckdb()
        _reraise_interrupt(result)
        if result.success:
            return 0
        return 1 if result.exception is None else 2

    def freshness(self) -> list:
        """`dbt source freshness` (quiet): its results, one per source table with a freshness rule."""
        result = self._parsed().invoke(["--quiet", "source", "freshness", *self._common()])
        _release_duckdb()
        _reraise_interrupt(result)
        return list(getattr(result.result, "results", None) or [])


class DbtFailed(Exception):
    def __init__(self, what: str, code: int) -> None:
        super().__init__(f"{what} failed (exit {code})")
        self.code = code


# The signal that asked this process to stop (publish.py's SIGTERM handler sets it), or None.
terminating_signal: int | None = None


def _reraise_interrupt(result) -> None:
    # dbtRunner turns every exception into a failed result; Ctrl-C and SIGTERM (which publish.py makes a
    # SystemExit) must still unwind the command so that it removes its temporary files.
    if isinstance(result.exception, (KeyboardInterrupt, SystemExit)):
        raise result.exception
    # dbt cancels its connections on the way out, and dbt-duckdb's cancel can itself fail ("Connection already
    # closed"): the result then carries that error, not the SystemExit, but the command was still stopped.
    if terminating_signal is not None:
        raise SystemExit(128 + terminating_signal)


def _release_duckdb() -> None:
    # dbt-duckdb keeps its database open in the process after a command (one environment per process, a class
    # attribute). Dropped and collected, it closes the file, so that the next command, this process's own
    # read-only reads (publish.read_loads) and the rename see it closed, as after a separate dbt process.
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:
        return
    DuckDBConnectionManager.close_all_connections()
    gc.collect()
