"""The bundled mix in every export shape gives the contract CSV's warehouse (docs/bring-your-own.md).

`python -m gba_tech_transfer.synthetic --format …` renders the same planned records as the contract CSV, as
database headers, legal-status events, a patent list with its history in one cell, and an Excel workbook;
each is built with `python -m gba_tech_transfer.pipeline` and compared with the contract CSV's build.

Compared row for row: fct_transfers (record ids differ where the shape has none: rows are matched on
application number, effective date and parties), city_summary, city_flows, and the transfers per industry
of industry_summary. Exempt, each for the reason given in EXEMPT: measures that need a column the shape
lacks, and the audit marts.
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

from byo_support import PYTHON, run, run_build

SHAPES = ("csv", "headers", "legal-status", "history", "xlsx")
EVENT_SHAPES = ("legal-status", "history")

# fct_transfers columns left out of the comparison, per shape, with the reason.
EXEMPT = {
    "record_id": (
        "headers",
        "legal-status",
        "history",
        "xlsx",
        "the shape has no id column: ids come from the rows' content (rows are matched instead)",
    ),
    "title": ("legal-status", "the shape has no title column"),
    "application_date": ("legal-status", "the shape has no application date"),
    "grant_date": ("legal-status", "the shape has no grant date"),
    "age_at_transfer_days": ("legal-status", "needs the application date"),
    "grant_lag_days": ("legal-status", "needs the application and grant dates"),
    "grant_to_transfer_days": ("legal-status", "needs the grant date"),
    "remaining_term_days": ("legal-status", "needs the application date"),
    "is_high_value": ("legal-status", "needs the application date (age) or a PCT number"),
    "is_pct_linked": ("legal-status", "the shape has no PCT application number (the type digit still counts)"),
    "ipc_subclasses": ("legal-status", "history", "the shape has no ipc_all list, only IPC(主分类)"),
    "pct_application_no": ("legal-status", "the shape has no PCT application number"),
}
# Whole marts not compared: the audit marts count the shape's own rows (a legal-status export has
# non-transfer events of its own; a history export's rows are patents), and the measures of industry_summary
# other than the transfer counts need ipc_all or the PCT number.
EXEMPT_MARTS = {
    "record_outcomes": "counts the shape's input rows, which differ by shape (events, patents)",
    "raw_reconciliation": "likewise",
    "industry_summary (except transfers)": "entropy needs ipc_all; PCT and high-value shares need the PCT number",
}
KEY = ("application_no", "effective_date", "source_institution", "destination_enterprise")


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("shapes")

    def generate_and_build(shape: str) -> tuple[str, Path]:
        out = base / ("mix.xlsx" if shape == "xlsx" else f"mix.{shape}.csv")
        result = run([PYTHON, "-m", "gba_tech_transfer.synthetic", "--format", shape, "--out", str(out)], base)
        assert result.returncode == 0, result.stderr[-2000:]
        built = run_build(base / shape, str(out), timeout=900)
        assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
        first = built.stdout.splitlines()[0]
        expected = {
            "csv": "contract",
            "headers": "headers",
            "xlsx": "headers",
            "legal-status": "legal_events",
            "history": "history",
        }[shape]
        assert first.startswith(f"Raw export shape: {expected} ("), first
        return shape, built.warehouse

    with ThreadPoolExecutor(2) as pool:
        built = dict(pool.map(generate_and_build, SHAPES))
    yield built
    shutil.rmtree(base, ignore_errors=True)


def _columns(con, table: str) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ? "
            "order by ordinal_position",
            [table],
        ).fetchall()
    ]


def _rows(warehouse: Path, table: str, exclude: set[str], order: tuple[str, ...] | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = [c for c in _columns(con, table) if c not in exclude]
        rows = con.execute(f"select {', '.join(columns)} from marts.{table}").fetchall()
    return sorted(rows, key=lambda r: tuple("" if v is None else str(v) for v in r))


@pytest.mark.parametrize("shape", SHAPES[1:])
def test_fct_transfers_equal(warehouses, shape):
    exclude = {c for c, (*shapes, _why) in EXEMPT.items() if shape in shapes}
    got = _rows(warehouses[shape], "fct_transfers", exclude)
    want = _rows(warehouses["csv"], "fct_transfers", exclude)
    assert len(got) == len(want)
    assert got == want


@pytest.mark.parametrize("shape", SHAPES[1:])
@pytest.mark.parametrize("table", ["city_summary", "city_flows"])
def test_city_marts_equal(warehouses, shape, table):
    assert _rows(warehouses[shape], table, set()) == _rows(warehouses["csv"], table, set())


@pytest.mark.parametrize("shape", SHAPES[1:])
def test_industry_transfer_counts_equal(warehouses, shape):
    def counts(warehouse):
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute(
                "select industry, transfers, transfer_rank from marts.industry_summary order by industry"
            ).fetchall()

    assert counts(warehouses[shape]) == counts(warehouses["csv"])


def test_event_shapes_report_their_own_rows(warehouses):
    """The legal-status export's non-transfer events are not_a_transfer; the history export's patents without
    a transfer are no_transfer_in_history; announcement-dated records are marked; nothing is unreadable."""
    with duckdb.connect(str(warehouses["legal-status"]), read_only=True) as con:
        reasons = dict(
            con.execute("select reason, records from marts.raw_reconciliation where load_id is null").fetchall()
        )
        bases = dict(
            con.execute("select effective_date_basis, count(*) from marts.record_outcomes group by all").fetchall()
        )
    assert reasons["not_a_transfer"] > 0 and "unreadable_description" not in reasons
    assert bases["announcement"] > 0 and bases["registration"] > bases["announcement"]
    with duckdb.connect(str(warehouses["history"]), read_only=True) as con:
        lines = {
            (o, r): n
            for o, r, n in con.execute(
                "select outcome, reason, records from marts.raw_reconciliation where load_id is null"
            ).fetchall()
        }
    assert lines[("out_of_scope", "no_transfer_in_history")] > 0
    assert lines[("input", "patent_rows")] < lines[("total", None)]


def test_exemptions_are_explained():
    assert all(why and shapes for _c, (*shapes, why) in EXEMPT.items())
    assert all(EXEMPT_MARTS.values())
