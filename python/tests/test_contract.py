"""contract.py: the sources YAML's contract as Python reads it (columns, and read options as DuckDB SQL)."""

from __future__ import annotations

import duckdb

from gba_tech_transfer import contract


def test_the_columns_are_the_sources_yaml_columns_in_order():
    assert len(contract.COLUMNS) == 16 == len(set(contract.COLUMNS))
    assert contract.COLUMNS[:2] == ("record_id", "application_no")


def test_read_options_render_as_duckdb_named_parameters():
    options = {"header": True, "null_padding": False, "skip": 0, "delim": ",", "quote": '"', "nullstr": "it's"}
    assert contract.read_csv_options(options) == (
        "header = true, null_padding = false, skip = 0, delim = ',', quote = '\"', nullstr = 'it''s'"
    )


def test_duckdb_reads_a_contract_csv_with_the_read_options(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(
        ",".join(contract.COLUMNS) + "\n" + 'R1,"a, ""quoted"" value"' + "," * 14 + "\n", encoding="utf-8"
    )
    with duckdb.connect() as con:
        rows = con.execute(f"select * from read_csv('{export}', {contract.READ_CSV_OPTIONS})").fetchall()
        names = [d[0] for d in con.description]
    assert names == list(contract.COLUMNS)
    assert rows == [("R1", 'a, "quoted" value', *[None] * 14)]
