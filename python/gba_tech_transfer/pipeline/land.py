"""Land checked export files as one load of a warehouse (docs/architecture.md#landing), on any engine.

The rows are written by the engine's own reader, through the dbt macro land_load (macros/landing/land.sql):
DuckDB's read_csv / read_parquet, PostgreSQL's COPY, Spark's CSV or Parquet data source. This module only
hands it the files that validate.py checked (and decoded, decompressed or converted), and reads back what
the load did.
"""

from __future__ import annotations

import datetime as dt
import json

from .dbt_session import DbtSession
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


def run_operation(dbt: DbtSession, macro: str, args: dict) -> int:
    """`dbt run-operation macro --args args` in the session; dbt's exit code."""
    return dbt.invoke(["run-operation", macro, "--args", json.dumps(args, ensure_ascii=False)])


def land(dbt: DbtSession, checked: list[CheckedFile]) -> int:
    """Land `checked` as the next load of the session's warehouse; dbt's exit code."""
    loaded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
    return run_operation(dbt, "land_load", {"files": load_files(checked), "loaded_at": loaded_at})
