"""`make build RAW=… WAREHOUSE=…` takes any file name, and nothing in a value ever runs as a command.

Driven through `make` itself, as a user types it: the Makefile hands RAW and WAREHOUSE to Python in the
environment, so an apostrophe, spaces, `;`, `$`, a backtick or Chinese characters are only characters of a
path, and a value written to break out of quoting is a file name that matches nothing.
"""

from __future__ import annotations

import duckdb
import pytest

from byo_support import HANDMADE, handmade_rows, run, write_csv

# Every character the shell or make would otherwise read as code, in the folder and in the file name, and glob
# brackets (a file that exists under its exact name is read as that file).
AWKWARD = "Lingnan's $HOME `id` ; 岭南 [2025] "


def make(tmp_path, *assignments: str):
    # -o: never reinstall the venv from inside a test
    return run(["make", "-o", ".venv/.installed", "build", *assignments], tmp_path / "make", timeout=600)


def test_awkward_raw_and_warehouse_paths_build_and_publish(tmp_path):
    raw = write_csv(tmp_path / f"exports {AWKWARD}" / f"{AWKWARD}transfers.csv", handmade_rows())
    warehouse = tmp_path / f"published {AWKWARD}" / f"{AWKWARD}w.duckdb"
    made = make(tmp_path, f"RAW={raw}", f"WAREHOUSE={warehouse}")
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    assert f"Raw export: {raw}" in made.stdout
    assert f"Published {warehouse}" in made.stdout
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (rows,) = con.execute("select count(*) from marts.record_outcomes").fetchone()
    assert rows == len(HANDMADE)
    assert (warehouse.parent / "parquet" / "_manifest.json").is_file()


@pytest.mark.parametrize(
    "template",
    [
        "x'; touch {marker}; echo '",  # closes the single quotes the Makefile once wrapped RAW in
        "$(touch {marker})",  # command substitution, in the shell's syntax and in make's
        "`touch {marker}`",
        "$(shell touch {marker})",  # make's own function: expanded by make itself unless taken as $(value)
    ],
)
def test_a_raw_value_made_to_run_a_command_runs_nothing(tmp_path, template):
    marker = tmp_path / "INJECTED"
    value = template.format(marker=marker)
    made = make(tmp_path, f"RAW={value}", f"WAREHOUSE={tmp_path / 'w.duckdb'}")
    assert not marker.exists(), f"RAW={value!r} ran a command"
    assert made.returncode != 0
    assert f"RAW={value}: no file matches" in made.stderr, made.stderr[-2000:]
    assert not (tmp_path / "w.duckdb").exists()
