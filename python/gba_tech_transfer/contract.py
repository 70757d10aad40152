"""The raw export's contract as Python reads it: models/staging/cnipa/_cnipa__sources.yml, the one place it is
written down (dbt reads the same file: the sources, the landing macros, staging).

COLUMNS: the contract's columns, in order (the landing table's, less the provenance columns prefixed `_`).
READ_CSV: the source's `config.meta.read_csv`, the options a CSV export is read with; READ_CSV_OPTIONS: the
same as DuckDB `read_csv` named parameters (`header = true, delim = ',', …`), with which make build's
validation reads the files before they land.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from . import PROJECT_DIR, sql_literal

SOURCES_YML = PROJECT_DIR / "models" / "staging" / "cnipa" / "_cnipa__sources.yml"
SOURCE = "cnipa"
TABLE = "contract_rows"


def source_table(path: Path = SOURCES_YML) -> dict:
    """The export's table entry of the sources YAML."""
    with path.open(encoding="utf-8") as handle:
        sources = yaml.safe_load(handle)["sources"]
    source = next(s for s in sources if s["name"] == SOURCE)
    return next(t for t in source["tables"] if t["name"] == TABLE)


def sql_value(value: bool | int | str) -> str:
    """A YAML scalar as a DuckDB literal: true/false, a number, or a quoted string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return sql_literal(value)


def read_csv_options(options: dict) -> str:
    """`name = value, …` in the order the YAML lists them."""
    return ", ".join(f"{name} = {sql_value(value)}" for name, value in options.items())


_TABLE = source_table()
COLUMNS: tuple[str, ...] = tuple(column["name"] for column in _TABLE["columns"] if not column["name"].startswith("_"))
READ_CSV: dict = _TABLE["config"]["meta"]["read_csv"]
READ_CSV_OPTIONS: str = read_csv_options(READ_CSV)
