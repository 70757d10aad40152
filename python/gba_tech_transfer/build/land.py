"""Land checked export files as one load of a warehouse (docs/architecture.md#landing), on any engine.

The rows are written by the engine's own reader, through the dbt macro land_load (macros/landing/land.sql):
DuckDB's read_csv / read_parquet, PostgreSQL's COPY, Spark's CSV or Parquet data source. This module only
hands it the files that validate.py checked (and decoded, decompressed or converted), and reads back what
the load did.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from .. import PROJECT_DIR
from .validate import CheckedFile


def load_files(checked: list[CheckedFile]) -> list[dict]:
    """The files of one load as land_load takes them."""
    return [
        {
            "path": str(f.path.resolve()),
            "file_name": str(f.original),
            "file_sha256": f.sha256,
            "sheet": f.sheet,
            "encoding": f.encoding,
            "shape": f.shape.name,
            "header": list(f.header),
        }
        for f in checked
    ]


def run_operation(
    macro: str, args: dict, target: str, env: dict[str, str], project_dir: Path = PROJECT_DIR, extra: list[str] = ()
) -> int:
    """`dbt run-operation macro --args args` on `target`; dbt's exit code."""
    cmd = [
        str(Path(sys.executable).parent / "dbt"),
        "run-operation",
        macro,
        "--args",
        json.dumps(args, ensure_ascii=False),
        "--target",
        target,
        *extra,
    ]
    full_env = {**os.environ, "DBT_PROFILES_DIR": str(project_dir / "profiles"), **env}
    return subprocess.call(cmd, cwd=project_dir, env=full_env)


def land(
    checked: list[CheckedFile],
    target: str,
    env: dict[str, str],
    project_dir: Path = PROJECT_DIR,
    extra: list[str] = (),
) -> int:
    """Land `checked` as the next load of the warehouse `target` and `env` point at; dbt's exit code."""
    loaded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
    return run_operation(
        "land_load", {"files": load_files(checked), "loaded_at": loaded_at}, target, env, project_dir, extra
    )
