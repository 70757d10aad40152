"""Tooling for the gba_tech_transfer dbt project: the synthetic-export generator, the build-and-publish step."""

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
DEFAULT_WAREHOUSE = "warehouse/gba_tech_transfer.duckdb"


def make_var(name: str, default: str = "") -> str:
    """The value of make variable `name` (RAW, WAREHOUSE, …) as the user typed it: the Makefile hands each one over
    in the environment as GBA_<name>, never on a command line a shell would re-read."""
    return os.environ.get(f"GBA_{name}") or default


def sql_literal(value) -> str:
    """`value` (a path, usually) as a SQL string literal: quoted, with any `'` doubled. Every path that reaches SQL
    goes through here, so a file name is data whatever it holds."""
    return "'" + str(value).replace("'", "''") + "'"
