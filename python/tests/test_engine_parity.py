"""Every mart built on PostgreSQL or Spark equals the DuckDB build of the same export, row for row.

Run by `make test-postgres` / `make test-spark` (python -m gba_tech_transfer.engines test <engine>), which
build both and snapshot their marts to Parquet, then point this test at the two snapshot folders:
GBA_PARITY_REFERENCE (DuckDB's) and GBA_PARITY_CANDIDATE (the engine's). Skipped in `make test`, which has
no other engine. Equal means: the same marts, the same columns in the same order with the same types, the
same number of rows, and the rows equal once both sides are sorted, text, integers, booleans and dates
exactly, doubles to 1e-9 relative (the engines sum in different orders).
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

REFERENCE = os.environ.get("GBA_PARITY_REFERENCE")
CANDIDATE = os.environ.get("GBA_PARITY_CANDIDATE")
ENGINE = os.environ.get("GBA_PARITY_ENGINE", "the engine")

pytestmark = pytest.mark.skipif(
    not (REFERENCE and CANDIDATE), reason="no engine build to compare (make test-postgres / make test-spark)"
)

REL_TOLERANCE = 1e-9


def _marts(folder: str | None) -> list[str]:
    return sorted(p.stem for p in Path(folder).glob("*.parquet")) if folder else []


def _sort_key(row: tuple) -> tuple:
    # NULLs first; doubles rounded so that last-bit differences cannot reorder rows.
    return tuple((0, "") if v is None else (1, round(v, 6) if isinstance(v, float) else v) for v in row)


def _equal(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=REL_TOLERANCE, abs_tol=1e-12)
    return a == b


# The network marts (models/marts/network/) compare like every other: their PageRank and HITS (matrix powers) and
# their percentiles must agree across engines too (docs/engines.md, "How the models stay portable").
NETWORK_MARTS = {
    "institution_summary",
    "enterprise_summary",
    "city_network",
    "city_network_matrices",
    "city_network_powers",
    "region_flows",
    "flow_distance",
}


def test_the_same_marts():
    assert _marts(CANDIDATE) == _marts(REFERENCE)
    assert _marts(REFERENCE), "no mart in the DuckDB snapshot"
    assert NETWORK_MARTS <= set(_marts(REFERENCE)), "a network mart is missing from the snapshot"


@pytest.mark.parametrize("mart", _marts(REFERENCE))
def test_mart_equals_duckdb(mart: str):
    reference = pq.read_table(Path(REFERENCE) / f"{mart}.parquet")
    candidate_path = Path(CANDIDATE) / f"{mart}.parquet"
    assert candidate_path.exists(), f"{mart} missing on {ENGINE}"
    candidate = pq.read_table(candidate_path)

    assert candidate.column_names == reference.column_names, f"{mart}: columns differ"
    ref_types = [str(t).replace("large_", "") for t in reference.schema.types]
    cand_types = [str(t).replace("large_", "") for t in candidate.schema.types]
    differing = [
        f"{c}: duckdb {r}, {ENGINE} {k}" for c, r, k in zip(reference.column_names, ref_types, cand_types) if r != k
    ]
    assert not differing, f"{mart}: column types differ: {differing}"
    assert candidate.num_rows == reference.num_rows, (
        f"{mart}: {reference.num_rows} rows on DuckDB, {candidate.num_rows} on {ENGINE}"
    )

    ref_rows = sorted(zip(*[c.to_pylist() for c in reference.columns]), key=_sort_key)
    cand_rows = sorted(zip(*[c.to_pylist() for c in candidate.columns]), key=_sort_key)
    mismatches = []
    for ref_row, cand_row in zip(ref_rows, cand_rows):
        if not all(_equal(a, b) for a, b in zip(ref_row, cand_row)):
            diff = {
                column: (a, b) for column, a, b in zip(reference.column_names, ref_row, cand_row) if not _equal(a, b)
            }
            mismatches.append(diff)
    assert not mismatches, (
        f"{mart}: {len(mismatches)} of {reference.num_rows} rows differ (duckdb, {ENGINE}); first: "
        + "; ".join(repr(m) for m in mismatches[:3])
    )
